package auth

import "testing"

// TestCan is the role × action table: every cell is stated, so a change to
// the permissions shows up here as a deliberate edit.
func TestCan(t *testing.T) {
	// Columns: pencari perusahaan lembaga pengawas mediator serikat analis petugas admin koperasi bkk
	table := map[Action]string{
		RegisterSeeker:       "10000000000",
		ApplyVacancy:         "10000000000",
		RegisterEmployer:     "01000000000",
		PostVacancy:          "01000000000",
		ManageApplicants:     "01000000000",
		VerifyEmployer:       "00000001100",
		IssueAK1:             "00000001000",
		ReadNIK:              "00000001000",
		ViewStats:            "00011011100",
		ManageUsers:          "00000000100",
		ReportFee:            "11111111100",
		ApplyTraining:        "10000000000",
		ManageTraining:       "00100000000",
		ManageRounds:         "00000001000",
		ManageProviders:      "00000001100",
		ManageOutbox:         "00000000100",
		ManageSynonyms:       "00000000100",
		RecoverAccount:       "00000001000",
		WageInputs:           "00000010000",
		WageCouncil:          "01000111000",
		WageMembers:          "00000000100",
		ManageTripartite:     "00000011000",
		ManageDocuments:      "10000000000",
		ReviewVacancy:        "00000001100",
		RegisterUMKM:         "11111111111",
		ManageUMKM:           "00000000010",
		RunApprenticeship:    "01000000000",
		DecideApprenticeship: "00000001000",
		ManageSchools:        "00000001100",
		RunBKK:               "00000000001",
		DeclareGraduate:      "10000000000",
	}
	if len(table) != len(permissions) {
		t.Fatalf("table has %d actions, permissions %d: state every action here", len(table), len(permissions))
	}
	for a, row := range table {
		for i, r := range AllRoles {
			want := row[i] == '1'
			if got := Can([]Role{r}, a); got != want {
				t.Errorf("Can(%s, %s) = %v, want %v", r, a, got, want)
			}
		}
	}
	if Can(nil, ReportFee) {
		t.Error("no roles may do nothing")
	}
	if !Can([]Role{Analis, Petugas}, IssueAK1) {
		t.Error("several roles: any one allowing is enough")
	}
}
