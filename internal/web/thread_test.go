package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestThreadPages: from diseleksi the company and the seeker write on
// /lamaran/{id}/pesan; a message asking for money shows the seeker the
// warning with the fee report; an empty message comes back with its error;
// a stranger's page is 404.
func TestThreadPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		vid := a.OpenVacancyNotApplied(t)
		seeker.post(fmt.Sprintf("/lowongan/%d/lamar", vid), url.Values{})
		var app int64
		if err := d.QueryRowContext(ctx, `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id JOIN users u ON u.id = s.user_id
			WHERE a.vacancy_id = ? AND u.email = 'pencari@bursa.test'`, vid).Scan(&app); err != nil {
			t.Fatal(err)
		}
		page := fmt.Sprintf("/lamaran/%d/pesan", app)
		if _, body, _ := seeker.get(page); !strings.Contains(body, a.Catalog.T("id", "thread.closed")) || strings.Contains(body, `name="body"`) {
			t.Fatal("the thread takes messages before diseleksi")
		}
		if st, _, _ := hr.post(fmt.Sprintf("/perusahaan/lamaran/%d/status", app), url.Values{"status": {"diseleksi"}}); st != http.StatusSeeOther {
			t.Fatalf("shortlist: %d", st)
		}
		st, _, h := hr.post(page, url.Values{"body": {"  "}})
		if st != http.StatusSeeOther {
			t.Fatalf("empty message: %d", st)
		}
		if _, body, _ := hr.get(h.Get("Location")); !strings.Contains(body, a.Catalog.T("id", "err.required")) {
			t.Fatal("the empty message's error is not shown")
		}
		hr.post(page, url.Values{"body": {"Untuk proses selanjutnya ada uang administrasi Rp 500.000, transfer ke rekening kami ya."}})
		_, body, _ := seeker.get(page)
		for _, want := range []string{"uang administrasi Rp 500.000", a.Catalog.T("id", "thread.fee.title"), fmt.Sprintf(`href="/lowongan/%d/lapor-calo"`, vid), `name="body"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the seeker's thread lacks %q", want)
			}
		}
		if _, body, _ := seeker.get("/pencari"); !strings.Contains(body, `href="`+page+`"`) {
			t.Error("the dashboard does not link the thread")
		}
		other := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		other.loginAs(apptest.OtherSeeker(t, a.Services), apptest.OtherPassword)
		if st, _, _ := other.get(page); st != http.StatusNotFound {
			t.Errorf("a stranger opens the thread: %d", st)
		}
	})
}
