package web_test

import (
	"encoding/json"
	"net/http"
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
