package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/valid"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func newStore(d *db.DB) (*auth.Store, *clock) {
	c := &clock{t: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	return &auth.Store{DB: d, Passwords: auth.NewPasswords(1024, 1, 1, 4), Now: c.Now}, c
}

func TestUsersAndSessions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk := newStore(d)
		u, err := s.Create(ctx, d, auth.NewUser{Login: "0812-1111-2222", Name: "Siti Aminah", Password: "rahasia123", Roles: []auth.Role{auth.Pencari}})
		if err != nil {
			t.Fatal(err)
		}
		if u.Phone != "+6281211112222" {
			t.Fatalf("phone = %q", u.Phone)
		}
		_, err = s.Create(ctx, d, auth.NewUser{Login: "+62 812 1111 2222", Name: "X", Password: "rahasia123", Roles: []auth.Role{auth.Pencari}})
		if ve, ok := valid.As(err); !ok || ve[0].Code != "login_taken" {
			t.Fatalf("duplicate phone: %v", err)
		}
		_, err = s.Create(ctx, d, auth.NewUser{Login: "bukan-login", Name: "", Password: "123", Roles: []auth.Role{auth.Pencari}})
		ve, ok := valid.As(err)
		if !ok || !ve.Has("login") || !ve.Has("name") || !ve.Has("password") {
			t.Fatalf("bad input: %v", err)
		}

		got, err := s.Authenticate(ctx, "081211112222", "rahasia123", "10.0.0.1")
		if err != nil || got.ID != u.ID || !got.Has(auth.Pencari) {
			t.Fatalf("authenticate: %+v, %v", got, err)
		}
		token, err := s.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if su, err := s.Session(ctx, token); err != nil || su.ID != u.ID {
			t.Fatalf("session: %v", err)
		}
		clk.t = clk.t.Add(15 * 24 * time.Hour)
		if _, err := s.Session(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("expired session: %v", err)
		}
		token, _ = s.StartSession(ctx, u.ID)
		if err := s.EndSession(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("ended session: %v", err)
		}

		// Password change checks the current one and ends other sessions.
		token, _ = s.StartSession(ctx, u.ID)
		if err := s.ChangePassword(ctx, u.ID, "salah-salah", "baru-sekali-123"); err == nil {
			t.Fatal("wrong current password accepted")
		}
		if err := s.ChangePassword(ctx, u.ID, "rahasia123", "baru-sekali-123"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Fatal("session survived a password change")
		}
		if _, err := s.Authenticate(ctx, "081211112222", "baru-sekali-123", "10.0.0.1"); err != nil {
			t.Fatalf("new password: %v", err)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk := newStore(d)
		if _, err := s.Create(ctx, d, auth.NewUser{Login: "hr@pt-baja.test", Name: "HR", Password: "rahasia123", Roles: []auth.Role{auth.Perusahaan}}); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 4; i++ {
			clk.t = clk.t.Add(time.Minute)
			if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "salah", "10.0.0.9"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		clk.t = clk.t.Add(time.Minute)
		var le *auth.LockedError
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "salah", "10.0.0.9"); !errors.As(err, &le) {
			t.Fatalf("5th failure should lock: %v", err)
		}
		// Locked even with the right password, for that address only.
		if _, err := s.Authenticate(ctx, "HR@pt-baja.test", "rahasia123", "10.0.0.9"); !errors.As(err, &le) {
			t.Fatalf("locked login with right password: %v", err)
		}
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "rahasia123", "10.0.0.10"); err != nil {
			t.Fatalf("other address: %v", err)
		}
		clk.t = clk.t.Add(14 * time.Minute)
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "rahasia123", "10.0.0.9"); !errors.As(err, &le) {
			t.Fatalf("still locked at 14 min: %v", err)
		}
		clk.t = clk.t.Add(2 * time.Minute)
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "rahasia123", "10.0.0.9"); err != nil {
			t.Fatalf("after 16 min: %v", err)
		}
		// Unknown logins are throttled too, and say nothing about existence.
		if _, err := s.Authenticate(ctx, "tidak-ada@x.test", "a", "10.0.0.9"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("unknown login: %v", err)
		}
	})
}

// TestDemoAccountsOnlyInDemoMode: the published demo password must not open
// an installation that is not serving in demo mode.
func TestDemoAccountsOnlyInDemoMode(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	s, _ := newStore(d)
	if _, err := s.Create(ctx, d, auth.NewUser{Login: "petugas@bursa.test", Name: "Demo", Password: "bursa-demo", Roles: []auth.Role{auth.Petugas}, Demo: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "petugas@bursa.test", "bursa-demo", "10.0.0.1"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("demo login outside demo mode: %v", err)
	}
	s.AllowDemo = true
	if _, err := s.Authenticate(ctx, "petugas@bursa.test", "bursa-demo", "10.0.0.2"); err != nil {
		t.Fatalf("demo login in demo mode: %v", err)
	}
}
