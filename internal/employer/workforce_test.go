package employer_test

import (
	"context"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

// TestQuota: UU 8/2016 art. 53 — 1% for private employers, 2% for
// government, BUMN and BUMD, rounded up.
func TestQuota(t *testing.T) {
	on := time.Unix(1, 0)
	for _, c := range []struct {
		w        employer.Workforce
		pct, req int
		met      bool
	}{
		{employer.Workforce{Ownership: employer.Swasta, Employees: 50, DisabledEmployees: 0, DeclaredOn: on}, 1, 1, false},
		{employer.Workforce{Ownership: employer.Swasta, Employees: 100, DisabledEmployees: 1, DeclaredOn: on}, 1, 1, true},
		{employer.Workforce{Ownership: employer.Swasta, Employees: 101, DisabledEmployees: 1, DeclaredOn: on}, 1, 2, false},
		{employer.Workforce{Ownership: employer.BUMN, Employees: 450, DisabledEmployees: 9, DeclaredOn: on}, 2, 9, true},
		{employer.Workforce{Ownership: employer.BUMD, Employees: 450, DisabledEmployees: 8, DeclaredOn: on}, 2, 9, false},
		{employer.Workforce{Ownership: employer.Pemerintah, Employees: 10, DisabledEmployees: 1, DeclaredOn: on}, 2, 1, true},
		{employer.Workforce{Ownership: employer.Swasta, Employees: 10, DisabledEmployees: 5}, 1, 1, false}, // never declared
	} {
		if c.w.QuotaPct() != c.pct || c.w.QuotaRequired() != c.req || c.w.QuotaMet() != c.met {
			t.Errorf("%+v: pct %d req %d met %v, want %d %d %v", c.w, c.w.QuotaPct(), c.w.QuotaRequired(), c.w.QuotaMet(), c.pct, c.req, c.met)
		}
	}
}

// TestDeclareWorkforce: the HR user declares, the statistics count it
// once verified, and a petugas lists it; nobody else does either.
func TestDeclareWorkforce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "hrd@bumn.test", Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
		officer, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "petugas@x.test", Name: "P", Password: "rahasia-123", Roles: []auth.Role{auth.Petugas}})
		e, err := a.Employers.Register(ctx, d, u.ID, employer.Input{Name: "PT Persero Uji", NIB: "1234567890123", KBLISection: "C",
			SizeClass: employer.Besar, Region: "3672", Address: "Jl. Raya Anyer No. 1, Cilegon", ContactName: "Rudi", ContactPhone: "081200001111"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Employers.DeclareWorkforce(ctx, &u, employer.Workforce{Ownership: "koperasi", Employees: 0, DisabledEmployees: -1}); err == nil {
			t.Fatal("bad workforce accepted")
		}
		got, err := a.Employers.DeclareWorkforce(ctx, &u, employer.Workforce{Ownership: employer.BUMN, Employees: 450, DisabledEmployees: 9})
		if err != nil || !got.Declared() || !got.QuotaMet() || got.Ownership != employer.BUMN {
			t.Fatalf("declare: %+v %v", got.Workforce, err)
		}
		if _, err := a.Employers.WorkforceList(ctx, &u, 10); err == nil {
			t.Fatal("HR listed every employer's workforce")
		}
		rows, _ := employer.DisabilityQuotaStats(ctx, d)
		if rows[2].Ownership != employer.BUMN || rows[2].Declared != 0 {
			t.Fatalf("an unverified employer counted: %+v", rows)
		}
		if err := a.Employers.Decide(ctx, e.ID, officer.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		rows, err = employer.DisabilityQuotaStats(ctx, d)
		if err != nil || rows[2] != (employer.QuotaRow{Ownership: employer.BUMN, Declared: 1, Met: 1, Employees: 450, DisabledEmployees: 9}) {
			t.Fatalf("stats %+v %v", rows, err)
		}
		if l, err := a.Employers.WorkforceList(ctx, &officer, 10); err != nil || len(l) != 1 {
			t.Fatalf("petugas list %v %v", l, err)
		}
	})
}
