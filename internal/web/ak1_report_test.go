package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestAK1ReportPage: near the report date the card page has the form; the
// report lands back on the card with the last report and the next date.
func TestAK1ReportPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		var issued time.Time
		if err := d.QueryRowContext(t.Context(), `SELECT c.issued_on FROM ak1_cards c JOIN seekers s ON s.id = c.seeker_id
			JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' ORDER BY c.id DESC LIMIT 1`).Scan(&issued); err != nil {
			t.Fatal(err)
		}
		// Sessions age with the clock: move it before logging in.
		a.Clock.T = issued.AddDate(0, 6, -5).Add(5 * time.Hour)
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		_, body, _ := seeker.get("/pencari/ak1")
		if !strings.Contains(body, `action="/pencari/ak1/lapor"`) {
			t.Fatal("no report form near the report date")
		}
		st, _, h := seeker.post("/pencari/ak1/lapor", url.Values{"status": {"bekerja"}})
		if st != http.StatusSeeOther {
			t.Fatalf("report without the place: %d", st)
		}
		if _, body, _ := seeker.get(h.Get("Location")); !strings.Contains(body, a.Catalog.T("id", "err.ak1_report_where")) {
			t.Fatal("missing place not said")
		}
		if st, _, _ := seeker.post("/pencari/ak1/lapor", url.Values{"status": {"mencari"}}); st != http.StatusSeeOther {
			t.Fatalf("report: %d", st)
		}
		_, body, _ = seeker.get("/pencari/ak1")
		if !strings.Contains(body, "Masih mencari kerja") || strings.Contains(body, `action="/pencari/ak1/lapor"`) {
			t.Fatal("the card page does not show the report made")
		}
	})
}
