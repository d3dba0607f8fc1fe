package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestAnotherCompanysObjectsAreNotFound: an HR user of another company
// gets 404 for the demo employer's applicants, candidates, invitations,
// application moves and placements, and for its draft, exactly as for an id
// that does not exist, so the API does not tell which ids exist. The owner,
// on the same paths, is answered.
func TestAnotherCompanysObjectsAreNotFound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a, clk := srv.Services, srv.Clock
		strangerLogin := apptest.OtherEmployerHR(t, a)
		owner, seeker := demoClient(t, srv.URL, "perusahaan@bursa.test"), demoClient(t, srv.URL, "pencari@bursa.test")
		stranger := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := stranger.do("POST", "/api/v1/session", map[string]string{"login": strangerLogin, "password": apptest.OtherPassword}, nil); st != 200 {
			t.Fatalf("stranger login: %d", st)
		}

		// The owner posts a vacancy and a draft; the demo seeker applies.
		in := map[string]any{"title": "Operator Crane Pelabuhan", "kbji": "8343", "skills": []string{}, "education": "smk", "region": "3672",
			"openings": 2, "wage_min": 5500000, "wage_max": 6000000, "contract": "pkwt",
			"closes_on": clk.T.AddDate(0, 0, 20).Format("2006-01-02"), "description": "Mengoperasikan crane di pelabuhan Ciwandan."}
		var v, draft, app struct{ ID int64 }
		if st, _ := owner.do("POST", "/api/v1/vacancies", in, &v); st != 201 {
			t.Fatalf("create: %d", st)
		}
		in["publish"] = false
		if st, _ := owner.do("POST", "/api/v1/vacancies", in, &draft); st != 201 {
			t.Fatalf("create draft: %d", st)
		}
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/applications", v.ID), nil, &app); st != 201 {
			t.Fatalf("apply: %d", st)
		}
		var seekerID int64
		if err := d.QueryRowContext(t.Context(), `SELECT seeker_id FROM applications WHERE id = ?`, app.ID).Scan(&seekerID); err != nil {
			t.Fatal(err)
		}
		var candidate int64
		if err := d.QueryRowContext(t.Context(), `SELECT MIN(id) FROM seekers WHERE discoverable AND NOT placed AND id <> ?`, seekerID).Scan(&candidate); err != nil {
			t.Fatal(err)
		}

		const missing = 99999999
		hire := map[string]any{"start_date": clk.T.AddDate(0, 0, 7).Format("2006-01-02"), "wage": 5600000}
		for _, tc := range []struct {
			method, path string // %d is the object's id
			id           int64
			body         any
			ownerStatus  int
		}{
			{"GET", "/api/v1/vacancies/%d/applications", v.ID, nil, 200},
			{"GET", "/api/v1/vacancies/%d/candidates", v.ID, nil, 200},
			{"GET", "/api/v1/vacancies/%d", draft.ID, nil, 200},
			{"POST", "/api/v1/vacancies/%d/invitations", v.ID, map[string]int64{"seeker_id": candidate}, 201},
			{"POST", "/api/v1/applications/%d/status", app.ID, map[string]string{"status": "wawancara"}, 200},
			{"POST", "/api/v1/applications/%d/placement", app.ID, hire, 202},
		} {
			var theirs, none problem
			st, _ := stranger.do(tc.method, fmt.Sprintf(tc.path, tc.id), tc.body, &theirs)
			stMissing, _ := stranger.do(tc.method, fmt.Sprintf(tc.path, missing), tc.body, &none)
			if st != 404 || stMissing != 404 || theirs.Title != none.Title || theirs.Detail != none.Detail {
				t.Errorf("%s %s as another company: %d %+v; for a missing id: %d %+v", tc.method, tc.path, st, theirs, stMissing, none)
			}
			if st, _ := owner.do(tc.method, fmt.Sprintf(tc.path, tc.id), tc.body, nil); st != tc.ownerStatus {
				t.Errorf("%s %s as the owner: %d, want %d", tc.method, tc.path, st, tc.ownerStatus)
			}
		}
		// Nothing the stranger tried left a trace.
		var invitedBy, events int
		d.QueryRowContext(t.Context(), `SELECT count(*) FROM invitations i JOIN users u ON u.id = i.invited_by WHERE u.email = ?`, strangerLogin).Scan(&invitedBy)
		d.QueryRowContext(t.Context(), `SELECT count(*) FROM application_events e JOIN users u ON u.id = e.actor_id WHERE u.email = ?`, strangerLogin).Scan(&events)
		if invitedBy != 0 || events != 0 {
			t.Errorf("the stranger invited %d and moved %d", invitedBy, events)
		}
	})
}
