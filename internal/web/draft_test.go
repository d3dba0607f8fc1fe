package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

// TestUnverifiedEmployerDrafts checks a company not yet verified is not
// offered "Tayangkan sekarang" (which it may not do) and that its first
// vacancy is saved as a draft instead of failing.
func TestUnverifiedEmployerDrafts(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), false)
	ctx := context.Background()
	u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: "hrd@baru.test", Name: "HRD Baru", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Perusahaan}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Employers.Register(ctx, a.DB, u.ID, employer.Input{Name: "PT Baru Berdiri", NIB: "9120000000888", KBLISection: "C",
		SizeClass: employer.Besar, Region: "3604", Address: "Jl. Raya Cikande km 3", ContactName: "Rina", ContactPhone: "081233334444"}); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, base: a.URL, c: apptest.NewClient()}
	if st, _, _ := b.post("/masuk", url.Values{"login": {"hrd@baru.test"}, "password": {apptest.OtherPassword}}); st != http.StatusSeeOther {
		t.Fatalf("login: %d", st)
	}
	_, page, _ := b.get("/perusahaan/lowongan/baru")
	if strings.Contains(page, `name="publish"`) || !strings.Contains(page, "draf sampai perusahaan Anda diverifikasi") {
		t.Fatal("an unverified company is offered to publish now, or not told its vacancy waits as a draft")
	}
	form := url.Values{"title": {"Operator Produksi"}, "kbji": {"8189"}, "education": {"sma"}, "region": {"3604"},
		"openings": {"5"}, "wage_min": {"5200000"}, "wage_max": {"5400000"}, "contract": {"pkwt"},
		"closes_on": {a.Clock.T.AddDate(0, 0, 20).Format("2006-01-02")}, "description": {"Shift pagi dan malam di pabrik Cikande."}}
	if st, body, _ := b.post("/perusahaan/lowongan/baru", form); st != http.StatusSeeOther {
		t.Fatalf("the first vacancy of an unverified company: %d %s", st, body[strings.Index(body, "<main"):])
	}
	var status string
	if err := a.DB.QueryRowContext(ctx, `SELECT status FROM vacancies WHERE title = 'Operator Produksi'`).Scan(&status); err != nil || status != "draft" {
		t.Fatalf("status = %q, %v; want draft", status, err)
	}
}
