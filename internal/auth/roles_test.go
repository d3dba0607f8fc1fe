package auth

import "testing"

// TestCan is the role × action table: every cell is stated, so a change to
// the permissions shows up here as a deliberate edit.
func TestCan(t *testing.T) {
	// Columns: pencari perusahaan lembaga pengawas mediator serikat analis petugas admin bkk
	table := map[Action]string{
		RegisterSeeker:   "1000000000",
		ApplyVacancy:     "1000000000",
		RegisterEmployer: "0100000000",
		PostVacancy:      "0100000000",
		ManageApplicants: "0100000000",
		VerifyEmployer:   "0000000110",
		IssueAK1:         "0000000100",
		ReadNIK:          "0000000100",
		ViewStats:        "0001101110",
		ManageUsers:      "0000000010",
		ReportFee:        "1111111110",
		ApplyTraining:    "1000000000",
		ManageTraining:   "0010000000",
		ManageRounds:     "0000000100",
		ManageProviders:  "0000000110",
		ManageOutbox:     "0000000010",
		ManageSynonyms:   "0000000010",
		RecoverAccount:   "0000000100",
		WageInputs:       "0000001000",
		WageCouncil:      "0100011100",
		WageMembers:      "0000000010",
		ManageTripartite: "0000001100",
		ManageDocuments:  "1000000000",
		ReviewVacancy:    "0000000110",
		ManageSchools:    "0000000110",
		RunBKK:           "0000000001",
		DeclareGraduate:  "1000000000",
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
