package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint/complainttest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestAnotherPartysObjectsPages: another officer's case, the complaints
// and evidence in it, another company's findings and a missing aspiration
// are not found (404), exactly like ids that do not exist; a role that
// never handles cases is refused (403) whatever the id. The API answers the
// same (api.TestAnotherPartysObjectsAPI).
func TestAnotherPartysObjectsPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		p, base := complainttest.Serve(t, d)
		login := func(who string) *browser {
			b := &browser{t: t, base: base, c: apptest.NewClient()}
			b.login(who)
			return b
		}
		lebak, otherHR := login(p.OtherPengawas), login(p.OtherHR)
		pengawas, mediator, hr, seeker := login("pengawas@bursa.test"), login("mediator@bursa.test"),
			login("perusahaan@bursa.test"), login("pencari@bursa.test")

		kasus := fmt.Sprintf("/pengawasan/kasus/%d", p.Case)
		pengaduan := fmt.Sprintf("/pengawasan/pengaduan/%d", p.Complaint)
		bukti := fmt.Sprintf("/pengawasan/bukti/%d", p.Evidence)
		respond := fmt.Sprintf("/perusahaan/temuan/%d/tanggapan", p.Case)
		for _, tc := range []struct {
			name string
			b    *browser
			path string
			form url.Values // nil: GET
			want int
		}{
			// The parties themselves reach them: the 404s below are not
			// wrong ids.
			{"the supervisor reads the case", pengawas, kasus, nil, 200},
			{"the supervisor opens its complaint", pengawas, pengaduan, nil, 200},
			{"the supervisor downloads the evidence", pengawas, bukti, nil, 200},
			{"the mediator reads the dispute", mediator, fmt.Sprintf("/pengawasan/kasus/%d", p.Dispute), nil, 200},

			{"another inspector reads the case", lebak, kasus, nil, 404},
			{"another inspector moves it", lebak, kasus + "/status", url.Values{"to": {"nota_2"}, "reason": {"x"}}, 404},
			{"another inspector assigns it", lebak, kasus + "/tugas", url.Values{"reason": {"x"}}, 404},
			{"another inspector records a finding", lebak, kasus + "/temuan", url.Values{"category": {"lembur"}}, 404},
			{"another inspector schedules a session", lebak, fmt.Sprintf("/pengawasan/kasus/%d/sidang", p.Dispute),
				url.Values{"at": {"2099-01-01T10:00"}}, 404},
			{"another inspector opens a complaint", lebak, pengaduan, nil, 404},
			{"another inspector writes to the complainant", lebak, pengaduan + "/pesan", url.Values{"body": {"halo"}}, 404},
			{"another inspector downloads evidence", lebak, bukti, nil, 404},
			{"a mediator reads an inspection", mediator, kasus, nil, 404},
			{"another company answers the findings", otherHR, respond, url.Values{"body": {"bukan kami"}}, 404},
			{"an official answers a missing aspiration", pengawas, "/aspirasi/999999/jawab", url.Values{"body": {"ya"}}, 404},

			{"a seeker reads a case", seeker, kasus, nil, 403},
			{"a seeker reads a missing case", seeker, "/pengawasan/kasus/999999", nil, 403},
			{"an employer opens a complaint", hr, pengaduan, nil, 403},
			{"a seeker answers an aspiration", seeker, fmt.Sprintf("/aspirasi/%d/jawab", p.Aspiration), url.Values{"body": {"ya"}}, 403},
		} {
			var st int
			if tc.form == nil {
				st, _, _ = tc.b.get(tc.path)
			} else {
				st, _, _ = tc.b.post(tc.path, tc.form)
			}
			if st != tc.want {
				t.Errorf("%s: %s = %d, want %d", tc.name, tc.path, st, tc.want)
			}
		}
		// The findings page shows each company its own cases only.
		if body := wantPage(t, hr, "/perusahaan/temuan", 200); !strings.Contains(body, fmt.Sprintf(`id="kasus-%d"`, p.Case)) {
			t.Errorf("the employer's findings page lacks case %d", p.Case)
		}
		if body := wantPage(t, otherHR, "/perusahaan/temuan", 200); strings.Contains(body, fmt.Sprintf(`id="kasus-%d"`, p.Case)) {
			t.Error("another company's findings page shows the case")
		}
		if st, _, hdr := seeker.get("/perusahaan/temuan"); st != http.StatusForbidden {
			t.Errorf("a seeker opens the findings page: %d %s", st, hdr.Get("Location"))
		}
	})
}
