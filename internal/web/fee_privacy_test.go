package web_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestAnonymousFeeReportUnlinked: an applicant who reports a fee demand
// anonymously is not tied to the report through their application.
func TestAnonymousFeeReportUnlinked(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		var vid int64
		if err := d.QueryRowContext(t.Context(), `SELECT a.vacancy_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
			JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' ORDER BY a.id LIMIT 1`).Scan(&vid); err != nil {
			t.Fatal(err)
		}
		st, body, _ := seeker.post(fmt.Sprintf("/lowongan/%d/lapor-calo", vid), url.Values{"who_asked": {"Orang mengaku HRD"}, "amount": {"2000000"},
			"when": {"2026-03-01"}, "how": {"whatsapp"}, "details": {"Minta uang supaya lolos seleksi."}, "anonymous": {"1"}})
		code := regexp.MustCompile(`id="kode">(BK-[0-9A-Z]{4}-[0-9A-Z]{4})<`).FindStringSubmatch(body)
		if st != 200 || code == nil {
			t.Fatalf("fee report: %d", st)
		}
		var app, vac sql.NullInt64
		d.QueryRowContext(t.Context(), `SELECT application_id, vacancy_id FROM complaints WHERE code = ?`, code[1]).Scan(&app, &vac)
		if app.Valid || vac.Int64 != vid {
			t.Fatalf("anonymous report: application %v, vacancy %v", app, vac)
		}
	})
}
