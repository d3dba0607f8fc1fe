package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestForgivingSearchDoors: both doors search the same forgiving way, on
// both databases: a typo finds what the word finds, a query that finds
// nothing offers "Maksud Anda" (a link on the page, did_you_mean in the
// API), and the list page stays within its weight.
func TestForgivingSearchDoors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		api := func(q string) (total int, dym string) {
			t.Helper()
			st, body, _ := anon.get("/api/v1/vacancies?q=" + q)
			if st != http.StatusOK {
				t.Fatalf("%s: %d %s", q, st, body)
			}
			var page struct {
				Total      int     `json:"total"`
				DidYouMean *string `json:"did_you_mean"`
			}
			if err := json.Unmarshal([]byte(body), &page); err != nil {
				t.Fatal(err)
			}
			if page.DidYouMean != nil {
				dym = *page.DidYouMean
			}
			return page.Total, dym
		}
		want, dym := api("operator")
		if want < 3 || dym != "" {
			t.Fatalf("operator: %d found, did_you_mean %q", want, dym)
		}
		if got, _ := api("opertor"); got != want {
			t.Errorf("opertor (one edit): %d found, operator %d", got, want)
		}
		// Two edits in a six-letter word is past the tolerance: nothing,
		// and the suggestion.
		if got, dym := api("opertr"); got != 0 || dym != "operator" {
			t.Errorf("opertr: %d found, did_you_mean %q", got, dym)
		}
		st, body, _ := anon.get("/lowongan?q=opertr")
		if st != http.StatusOK || !strings.Contains(body, "Maksud Anda:") || !strings.Contains(body, `href="/lowongan?q=operator"`) {
			t.Errorf("list page offers no Maksud Anda link: %d", st)
		}
		if st, body, _ := anon.get("/lowongan"); st != http.StatusOK || len(body) > 60*1024 {
			t.Errorf("/lowongan: %d, %d bytes", st, len(body))
		}
	})
}

// TestSynonymsPage: the admin's page adds and removes synonym groups, shows
// field errors in place, and is the admin's alone.
func TestSynonymsPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		admin := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		admin.login("admin@bursa.test")
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}

		if st, body, _ := admin.get("/admin/sinonim"); st != http.StatusOK || !strings.Contains(body, `<label for="members">`) || !strings.Contains(body, "Belum ada kelompok tambahan") {
			t.Fatalf("page: %d", st)
		}
		if st, body, _ := admin.post("/admin/sinonim", url.Values{"members": {"juru tungku"}, "source": {""}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="err-members"`) || !strings.Contains(body, `id="err-source"`) || !strings.Contains(body, `value="juru tungku"`) {
			t.Fatalf("invalid group: %d", st)
		}
		if st, _, h := admin.post("/admin/sinonim", url.Values{"members": {"juru tungku, furnace operator"}, "source": {"iklan lowongan"}}); st != http.StatusSeeOther || h.Get("Location") != "/admin/sinonim" {
			t.Fatalf("add: %d", st)
		}
		st, body, _ := admin.get("/admin/sinonim")
		if st != http.StatusOK || !strings.Contains(body, "juru tungku, furnace operator") {
			t.Fatalf("added group not listed: %d", st)
		}
		i := strings.Index(body, `action="/admin/sinonim/`)
		if i < 0 {
			t.Fatal("no remove button")
		}
		action := body[i+len(`action="`):]
		action = action[:strings.Index(action, `"`)]
		if st, _, _ := hr.post(action, url.Values{}); st != http.StatusForbidden {
			t.Fatalf("employer removes: %d", st)
		}
		if st, _, _ := admin.post(action, url.Values{}); st != http.StatusSeeOther {
			t.Fatalf("remove: %d", st)
		}
		if _, body, _ := admin.get("/admin/sinonim"); strings.Contains(body, "furnace operator") {
			t.Fatal("removed group still listed")
		}
		if st, _, _ := hr.get("/admin/sinonim"); st != http.StatusForbidden {
			t.Fatalf("employer: %d", st)
		}
		if st, _, h := anon.get("/admin/sinonim"); st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/masuk") {
			t.Fatalf("anonymous: %d %s", st, h.Get("Location"))
		}
	})
}
