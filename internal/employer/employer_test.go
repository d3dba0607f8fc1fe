package employer_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/valid"
)

func TestRegisterAndVerify(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		s := a.Employers
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "hrd@sepatu.test", Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
		in := employer.Input{Name: "PT Sepatu Jaya Cikande", NIB: "9120001234567", KBLISection: "c", SizeClass: employer.Besar,
			Region: "3604", Address: "Kawasan Industri Modern Cikande Blok A", ContactName: "Rina", ContactPhone: "0813 1234 5678"}
		e, err := s.Register(ctx, d, u.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if e.Status != employer.Pending || e.KBLISection != "C" || e.ContactPhone != "+6281312345678" {
			t.Fatalf("registered %+v", e)
		}
		if _, err := s.Register(ctx, d, u.ID, in); !has(err, "nib", "nib_taken") {
			t.Fatalf("duplicate NIB: %v", err)
		}
		bad := employer.Input{Name: "", NIB: "12345", KBLISection: "Z", SizeClass: "raksasa", Region: "3175", Address: "Jl.", ContactPhone: "021555"}
		_, err = s.Register(ctx, d, u.ID, bad)
		for _, f := range []string{"name", "nib", "kbli", "size", "region", "address", "contact_name", "contact_phone"} {
			if !has(err, f, "") {
				t.Errorf("no error for %s: %v", f, err)
			}
		}
		p, _ := s.Pending(ctx, 10)
		if len(p) != 1 {
			t.Fatalf("pending %d", len(p))
		}
		if err := s.Decide(ctx, e.ID, u.ID, false, " "); !has(err, "reason", "reason_required") {
			t.Fatalf("reject without reason: %v", err)
		}
		if err := s.Decide(ctx, e.ID, u.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		e, _ = s.Get(ctx, e.ID)
		if e.Status != employer.Verified || e.DecidedAt.IsZero() {
			t.Fatalf("after verify %+v", e)
		}
		trail, _ := audit.For(ctx, d, "employer", e.ID, 5)
		if len(trail) != 1 || trail[0].Action != "employer.terverifikasi" {
			t.Fatalf("audit %+v", trail)
		}
	})
}

func has(err error, field, code string) bool {
	ve, ok := valid.As(err)
	if !ok {
		return false
	}
	for _, fe := range ve {
		if fe.Field == field && (code == "" || fe.Code == code) {
			return true
		}
	}
	return false
}
