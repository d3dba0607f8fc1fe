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

// TestSavedSearchPages: the list page offers saving to a job seeker only;
// a bad filter goes back to the list with the message; a saved search is
// the seeker's alone (another's is 404, an employer is refused).
func TestSavedSearchPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		other := apptest.OtherSeeker(t, a.Services)
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}

		if _, body, _ := seeker.get("/lowongan?q=operator"); !strings.Contains(body, `id="simpan-pencarian"`) || !strings.Contains(body, `name="q" value="operator"`) {
			t.Fatal("the list page offers no save form to a job seeker")
		}
		for _, b := range []*browser{hr, anon} {
			if _, body, _ := b.get("/lowongan?q=operator"); strings.Contains(body, `id="simpan-pencarian"`) {
				t.Fatal("the save form shown to someone who is not a job seeker")
			}
		}
		if st, _, h := anon.get("/pencari/pencarian"); st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/masuk") {
			t.Fatalf("anonymous: %d %s", st, h.Get("Location"))
		}
		if st, _, _ := hr.get("/pencari/pencarian"); st != http.StatusForbidden {
			t.Fatalf("employer: %d", st)
		}

		st, _, h := seeker.post("/pencari/pencarian", url.Values{"q": {"operator"}, "region": {"9999"}, "alert": {"daily"}})
		if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/lowongan?") {
			t.Fatalf("bad region: %d %s", st, h.Get("Location"))
		}
		if _, body, _ := seeker.get(h.Get("Location")); !strings.Contains(body, a.Catalog.T("id", "err.region_invalid")) {
			t.Fatal("the bad region's message is not shown")
		}
		st, _, h = seeker.post("/pencari/pencarian", url.Values{"q": {"operator"}, "region": {"3672"}, "min_wage": {"5.000.000"}, "alert": {"daily"}})
		if st != http.StatusSeeOther || h.Get("Location") != "/pencari/pencarian" {
			t.Fatalf("save: %d %s", st, h.Get("Location"))
		}
		_, body, _ := seeker.get("/pencari/pencarian")
		if !strings.Contains(body, "operator") || !strings.Contains(body, "Rp 5.000.000") || !strings.Contains(body, a.Catalog.T("id", "flash.search_saved")) {
			t.Fatalf("saved searches page: %s", body)
		}
		var id int64
		if err := d.QueryRowContext(t.Context(), `SELECT id FROM saved_searches WHERE q = 'operator'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		// Another seeker can neither change nor delete it.
		stranger := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		if st, body, _ := stranger.post("/masuk", url.Values{"login": {other}, "password": {apptest.OtherPassword}}); st != http.StatusSeeOther {
			t.Fatalf("login other: %d %s", st, body)
		}
		for _, p := range []string{"/kabar", "/hapus"} {
			if st, _, _ := stranger.post(fmt.Sprintf("/pencari/pencarian/%d%s", id, p), url.Values{"alert": {"instant"}}); st != http.StatusNotFound {
				t.Fatalf("stranger %s: %d", p, st)
			}
		}
		// The digest switch.
		if st, _, _ := seeker.post("/pencari/pencarian/untuk-anda", url.Values{"enabled": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("digest on: %d", st)
		}
		if _, body, _ := seeker.get("/pencari/pencarian"); !strings.Contains(body, a.Catalog.T("id", "digest.on")) {
			t.Fatal("digest not shown as on")
		}
		if st, _, _ := seeker.post(fmt.Sprintf("/pencari/pencarian/%d/hapus", id), nil); st != http.StatusSeeOther {
			t.Fatalf("delete: %d", st)
		}
		if _, body, _ := seeker.get("/pencari/pencarian"); !strings.Contains(body, `id="tidak-ada"`) {
			t.Fatal("deleted search still listed")
		}
	})
}
