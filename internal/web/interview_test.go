package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/wib"
)

// TestInterviewPages: the employer invites from the applicant list with
// WIB times typed in datetime-local fields; the seeker's dashboard shows
// the times as radio buttons, picking one shows the place, contact and the
// .ics link; a bad form comes back with the field's message; a stranger's
// post is 404.
func TestInterviewPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")

		vid := a.OpenVacancyNotApplied(t)
		if st, body, _ := seeker.post(fmt.Sprintf("/lowongan/%d/lamar", vid), url.Values{}); st != http.StatusSeeOther {
			t.Fatalf("apply: %d %s", st, body)
		}
		var app int64
		if err := d.QueryRowContext(ctx, `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id JOIN users u ON u.id = s.user_id
			WHERE a.vacancy_id = ? AND u.email = 'pencari@bursa.test'`, vid).Scan(&app); err != nil {
			t.Fatal(err)
		}
		list := fmt.Sprintf("/perusahaan/lowongan/%d", vid)
		if _, body, _ := hr.get(list); !strings.Contains(body, fmt.Sprintf(`action="/perusahaan/lamaran/%d/wawancara"`, app)) {
			t.Fatal("the applicant list has no interview form for a new applicant")
		}
		day := a.Clock.T.In(wib.Zone).AddDate(0, 0, 4).Format("2006-01-02")
		form := url.Values{"slot": {day + "T09:00", day + "T13:30", ""}, "place": {"Kantor PT, Kec. Cikupa, Kab. Tangerang"},
			"contact": {"Bu Rina 0812-1111-2222"}, "bring": {"KTP & AK/1"}}
		bad := url.Values{"slot": {day + "T09:00"}, "contact": {"Bu Rina"}}
		st, _, h := hr.post(fmt.Sprintf("/perusahaan/lamaran/%d/wawancara", app), bad)
		if st != http.StatusSeeOther {
			t.Fatalf("bad proposal: %d", st)
		}
		if _, body, _ := hr.get(h.Get("Location")); !strings.Contains(body, a.Catalog.T("id", "err.interview_place_required")) {
			t.Fatal("the missing place's message is not shown")
		}
		if st, _, _ := seeker.post(fmt.Sprintf("/perusahaan/lamaran/%d/wawancara", app), form); st != http.StatusForbidden && st != http.StatusNotFound {
			t.Fatalf("a seeker proposes: %d", st)
		}
		if st, _, _ := hr.post(fmt.Sprintf("/perusahaan/lamaran/%d/wawancara", app), form); st != http.StatusSeeOther {
			t.Fatalf("propose: %d", st)
		}
		var iid int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM interviews WHERE application_id = ?`, app).Scan(&iid); err != nil {
			t.Fatal(err)
		}
		_, body, _ := seeker.get("/pencari")
		second := time.Date(a.Clock.T.In(wib.Zone).AddDate(0, 0, 4).Year(), a.Clock.T.In(wib.Zone).AddDate(0, 0, 4).Month(),
			a.Clock.T.In(wib.Zone).AddDate(0, 0, 4).Day(), 13, 30, 0, 0, wib.Zone).UTC().Format(time.RFC3339)
		if !strings.Contains(body, fmt.Sprintf(`id="wawancara-%d"`, iid)) || !strings.Contains(body, `type="radio" name="slot" value="`+second+`"`) ||
			!strings.Contains(body, "13.30 WIB") {
			t.Fatalf("the dashboard does not offer the times: %s", body)
		}
		st, _, h = seeker.post(fmt.Sprintf("/pencari/lamaran/%d/wawancara/%d", app, iid), url.Values{"answer": {"pilih"}, "slot": {second}})
		if st != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf("/pencari#wawancara-%d", iid) {
			t.Fatalf("pick: %d %s", st, h.Get("Location"))
		}
		_, body, _ = seeker.get("/pencari")
		if !strings.Contains(body, fmt.Sprintf(`/api/v1/applications/%d/interviews/%d.ics`, app, iid)) || !strings.Contains(body, "Bu Rina 0812-1111-2222") ||
			!strings.Contains(body, "KTP &amp; AK/1") || strings.Contains(body, `type="radio" name="slot"`) {
			t.Fatalf("the dashboard after choosing: %s", body)
		}
		var status string
		d.QueryRowContext(ctx, `SELECT status FROM interviews WHERE id = ?`, iid).Scan(&status)
		if status != "accepted" {
			t.Fatalf("interview status: %s", status)
		}
		// The .ics link opens with the page's session.
		st, ics, h := seeker.get(fmt.Sprintf("/api/v1/applications/%d/interviews/%d.ics", app, iid))
		if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/calendar") || !strings.Contains(ics, "DTSTART:") {
			t.Fatalf(".ics from the page: %d %s", st, h.Get("Content-Type"))
		}
		// The applicant list shows the chosen time and asks the company
		// about attendance, which goes back to the list.
		if _, body, _ := hr.get(list); !strings.Contains(body, a.Catalog.T("id", "interview.employer_status.accepted")) ||
			!strings.Contains(body, fmt.Sprintf(`action="/lamaran/%d/wawancara/%d/hadir"`, app, iid)) {
			t.Fatalf("the applicant list after the answer: %s", body)
		}
		a.Clock.T = a.Clock.T.AddDate(0, 0, 5)
		st, _, h = hr.post(fmt.Sprintf("/lamaran/%d/wawancara/%d/hadir", app, iid), url.Values{"attended": {"ya"}})
		if st != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf("%s#lamaran-%d", list, app) {
			t.Fatalf("employer's attendance: %d %s", st, h.Get("Location"))
		}
		var said bool
		if err := d.QueryRowContext(ctx, `SELECT employer_attended FROM interviews WHERE id = ?`, iid).Scan(&said); err != nil || !said {
			t.Fatalf("employer's attendance not recorded: %v %v", said, err)
		}
		// A stranger cannot answer or record attendance.
		other := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		if st, _, _ := other.post("/masuk", url.Values{"login": {apptest.OtherSeeker(t, a.Services)}, "password": {apptest.OtherPassword}}); st != http.StatusSeeOther {
			t.Fatal("login other")
		}
		if st, _, _ := other.post(fmt.Sprintf("/lamaran/%d/wawancara/%d/hadir", app, iid), url.Values{"attended": {"ya"}}); st != http.StatusNotFound {
			t.Fatalf("a stranger's attendance: %d", st)
		}
	})
}
