package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/complaint/complainttest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestAnotherPartysObjectsAPI: another officer's case, the complaints in
// it, another company's findings and a missing aspiration are not found
// (404), exactly like ids that do not exist; a role that never handles
// cases is refused (403) whatever the id. The pages answer the same
// (web.TestAnotherPartysObjectsPages).
func TestAnotherPartysObjectsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		p, base := complainttest.Serve(t, d)
		login := func(who string) *client { return demoClient(t, base, who) }
		lebak, otherHR := login(p.OtherPengawas), login(p.OtherHR)
		pengawas, mediator, hr, seeker := login("pengawas@bursa.test"), login("mediator@bursa.test"),
			login("perusahaan@bursa.test"), login("pencari@bursa.test")

		kasus := fmt.Sprintf("/api/v1/cases/%d", p.Case)
		inCase := fmt.Sprintf("%s/complaints/%d", kasus, p.Complaint)
		for _, tc := range []struct {
			name         string
			c            *client
			method, path string
			body         any
			want         int
		}{
			// The parties themselves reach them: the 404s below are not
			// wrong ids.
			{"the supervisor reads the case", pengawas, "GET", kasus, nil, 200},
			{"the supervisor opens its complaint", pengawas, "GET", inCase, nil, 200},
			{"the mediator reads the dispute", mediator, "GET", fmt.Sprintf("/api/v1/cases/%d", p.Dispute), nil, 200},
			{"the employer reads its findings", hr, "GET", fmt.Sprintf("/api/v1/employers/%d/findings", p.Employer), nil, 200},

			{"another inspector reads the case", lebak, "GET", kasus, nil, 404},
			{"another inspector moves it", lebak, "POST", kasus + "/state", map[string]string{"to": "nota_2", "reason": "x"}, 404},
			{"another inspector assigns it", lebak, "POST", kasus + "/assignment", map[string]any{"reason": "x"}, 404},
			{"another inspector records a finding", lebak, "POST", kasus + "/findings", map[string]any{"category": "lembur"}, 404},
			{"another inspector schedules a session", lebak, "POST", fmt.Sprintf("/api/v1/cases/%d/sessions", p.Dispute),
				map[string]string{"at": "2099-01-01T10:00:00+07:00"}, 404},
			{"another inspector opens a complaint", lebak, "GET", inCase, nil, 404},
			{"another inspector writes to the complainant", lebak, "POST", inCase + "/messages", map[string]string{"body": "halo"}, 404},
			{"a mediator reads an inspection", mediator, "GET", kasus, nil, 404},
			{"a complaint of another case", pengawas, "GET", fmt.Sprintf("%s/complaints/%d", kasus, p.Elsewhere), nil, 404},
			{"another company reads the findings", otherHR, "GET", fmt.Sprintf("/api/v1/employers/%d/findings", p.Employer), nil, 404},
			{"another company answers them", otherHR, "POST", kasus + "/responses", map[string]string{"body": "bukan kami"}, 404},
			{"an official answers a missing aspiration", pengawas, "POST", "/api/v1/aspirations/999999/answers", map[string]string{"body": "ya"}, 404},

			{"a seeker reads a case", seeker, "GET", kasus, nil, 403},
			{"a seeker reads a missing case", seeker, "GET", "/api/v1/cases/999999", nil, 403},
			{"an employer opens a complaint", hr, "GET", inCase, nil, 403},
			{"a seeker answers an aspiration", seeker, "POST", fmt.Sprintf("/api/v1/aspirations/%d/answers", p.Aspiration),
				map[string]string{"body": "ya"}, 403},
		} {
			var pr problem
			var out any = &pr
			if tc.want < 300 {
				out = nil
			}
			if st, _ := tc.c.do(tc.method, tc.path, tc.body, out); st != tc.want {
				t.Errorf("%s: %s %s = %d %+v, want %d", tc.name, tc.method, tc.path, st, pr, tc.want)
			}
		}
	})
}
