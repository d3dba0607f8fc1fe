package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestOthersObjectsAreNotFound: the pages of another company's vacancy
// (applicants and candidates, the edit form, editing, its status, an
// invitation) and of its applications (a move, a hire), and another job
// seeker's application receipt, answer 404 to a stranger, as for an id
// that does not exist; the owner, on the same paths, is answered.
func TestOthersObjectsAreNotFound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a, clk := srv.Services, srv.Clock
		otherHR, otherSeeker := apptest.OtherEmployerHR(t, a), apptest.OtherSeeker(t, a)
		login := func(who, password string) *browser {
			b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
			if st, body, _ := b.post("/masuk", url.Values{"login": {who}, "password": {password}}); st != http.StatusSeeOther {
				t.Fatalf("login %s: %d %.200s", who, st, body)
			}
			return b
		}
		owner, seeker := login("perusahaan@bursa.test", "bursa-demo"), login("pencari@bursa.test", "bursa-demo")
		stranger, otherApplicant := login(otherHR, apptest.OtherPassword), login(otherSeeker, apptest.OtherPassword)

		// The owner posts a vacancy; the demo seeker applies to it.
		form := url.Values{"title": {"Operator Crane Pelabuhan"}, "kbji": {"8343"}, "education": {"smk"}, "region": {"3672"},
			"openings": {"2"}, "wage_min": {"5500000"}, "wage_max": {"6000000"}, "contract": {"pkwt"}, "publish": {"1"},
			"closes_on": {clk.T.AddDate(0, 0, 20).Format("2006-01-02")}, "description": {"Mengoperasikan crane di pelabuhan Ciwandan."}}
		st, _, hdr := owner.post("/perusahaan/lowongan/baru", form)
		m := regexp.MustCompile(`^/perusahaan/lowongan/(\d+)$`).FindStringSubmatch(hdr.Get("Location"))
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("create: %d %s", st, hdr.Get("Location"))
		}
		vid := m[1]
		if st, _, _ := seeker.post("/lowongan/"+vid+"/lamar", url.Values{"note": {"Siap kerja shift."}}); st != http.StatusSeeOther {
			t.Fatalf("apply: %d", st)
		}
		var app, candidate int64
		if err := d.QueryRowContext(t.Context(), `SELECT id FROM applications WHERE vacancy_id = ?`, vid).Scan(&app); err != nil {
			t.Fatal(err)
		}
		d.QueryRowContext(t.Context(), `SELECT MIN(id) FROM seekers WHERE discoverable AND NOT placed`).Scan(&candidate)
		aid := fmt.Sprint(app)

		const missing = "99999999"
		for _, tc := range []struct {
			who         *browser
			name        string
			method      string
			path        string // %s is the object's id
			id          string
			form        url.Values
			owner       *browser
			ownerStatus int
		}{
			{stranger, "applicants", "GET", "/perusahaan/lowongan/%s", vid, nil, owner, 200},
			{stranger, "edit form", "GET", "/perusahaan/lowongan/%s/ubah", vid, nil, owner, 200},
			{stranger, "edit", "POST", "/perusahaan/lowongan/%s/ubah", vid, form, owner, http.StatusSeeOther},
			{stranger, "invite", "POST", "/perusahaan/lowongan/%s/undang", vid, url.Values{"seeker": {fmt.Sprint(candidate)}}, owner, http.StatusSeeOther},
			{stranger, "move", "POST", "/perusahaan/lamaran/%s/status", aid, url.Values{"status": {"wawancara"}}, owner, http.StatusSeeOther},
			{stranger, "hire", "POST", "/perusahaan/lamaran/%s/terima", aid,
				url.Values{"start_date": {clk.T.AddDate(0, 0, 7).Format("2006-01-02")}, "wage": {"5600000"}}, owner, http.StatusSeeOther},
			{stranger, "status", "POST", "/perusahaan/lowongan/%s/status", vid, url.Values{"status": {"closed"}}, owner, http.StatusSeeOther},
			{otherApplicant, "receipt", "GET", "/pencari/lamaran/%s/tanda-terima", aid, nil, seeker, 200},
			{otherApplicant, "receipt file", "GET", "/pencari/lamaran/%s/tanda-terima.json", aid, nil, seeker, 200},
		} {
			do := func(b *browser, id string) int {
				if tc.method == "GET" {
					st, _, _ := b.get(fmt.Sprintf(tc.path, id))
					return st
				}
				st, _, _ := b.post(fmt.Sprintf(tc.path, id), tc.form)
				return st
			}
			if st, stMissing := do(tc.who, tc.id), do(tc.who, missing); st != 404 || stMissing != 404 {
				t.Errorf("%s of another party: %d, of a missing id: %d", tc.name, st, stMissing)
			}
			if st := do(tc.owner, tc.id); st != tc.ownerStatus {
				t.Errorf("%s by its owner: %d, want %d", tc.name, st, tc.ownerStatus)
			}
		}
		// The owner's own actions went through (the hire report waits for
		// the worker's yes: "ditawari"); the stranger's left no trace.
		var status, vstatus string
		d.QueryRowContext(t.Context(), `SELECT status FROM applications WHERE id = ?`, app).Scan(&status)
		d.QueryRowContext(t.Context(), `SELECT status FROM vacancies WHERE id = ?`, vid).Scan(&vstatus)
		var strangers int
		d.QueryRowContext(t.Context(), `SELECT (SELECT count(*) FROM invitations i JOIN users u ON u.id = i.invited_by WHERE u.email = ?)
			+ (SELECT count(*) FROM application_events e JOIN users u ON u.id = e.actor_id WHERE u.email = ?)`, otherHR, otherHR).Scan(&strangers)
		if status != "ditawari" || vstatus != "closed" || strangers != 0 {
			t.Errorf("application %s, vacancy %s, %d rows by the stranger", status, vstatus, strangers)
		}
	})
}
