package auth_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/secret"
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
		u, err := s.Create(ctx, d, auth.NewUser{Login: "0812-1111-2222", Name: "Siti Aminah", Password: "Sawah-Hijau-77", Roles: []auth.Role{auth.Pencari}})
		if err != nil {
			t.Fatal(err)
		}
		if u.Phone != "+6281211112222" {
			t.Fatalf("phone = %q", u.Phone)
		}
		_, err = s.Create(ctx, d, auth.NewUser{Login: "+62 812 1111 2222", Name: "X", Password: "Sawah-Hijau-77", Roles: []auth.Role{auth.Pencari}})
		if ve, ok := valid.As(err); !ok || ve[0].Code != "login_taken" {
			t.Fatalf("duplicate phone: %v", err)
		}
		_, err = s.Create(ctx, d, auth.NewUser{Login: "bukan-login", Name: "", Password: "123", Roles: []auth.Role{auth.Pencari}})
		ve, ok := valid.As(err)
		if !ok || !ve.Has("login") || !ve.Has("name") || !ve.Has("password") {
			t.Fatalf("bad input: %v", err)
		}

		got, err := s.Authenticate(ctx, "081211112222", "Sawah-Hijau-77", "10.0.0.1")
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
		if err := s.ChangePassword(ctx, u.ID, "Sawah-Hijau-77", "baru-sekali-123"); err != nil {
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

// TestLoginThrottle: an account is slowed down after 5 failures, never
// locked for its owner's known device; an address spraying many accounts is
// locked; both answer *LockedError (429 with Retry-After at the doors).
func TestLoginThrottle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, clk := newStore(d)
		box, err := secret.New(make([]byte, 32))
		if err != nil {
			t.Fatal(err)
		}
		s.Box = box
		u, err := s.Create(ctx, d, auth.NewUser{Login: "hr@pt-baja.test", Name: "HR", Password: "Sawah-Hijau-77", Roles: []auth.Role{auth.Perusahaan}})
		if err != nil {
			t.Fatal(err)
		}
		device := s.DeviceToken(u.ID)
		for i := 1; i <= 4; i++ {
			clk.t = clk.t.Add(time.Minute)
			if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "salah", "10.0.0.9"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		clk.t = clk.t.Add(time.Minute)
		var le *auth.LockedError
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "salah", "10.0.0.9"); !errors.As(err, &le) || !errors.Is(err, fail.TooMany) {
			t.Fatalf("5th failure should slow the account down: %v", err)
		}
		if want := clk.t.Add(15 * time.Second); !le.Until.Equal(want) {
			t.Fatalf("slowed until %v, want %v", le.Until, want)
		}
		// The slowdown is the account's, from any address: the right
		// password waits too, so guessing from many addresses gains nothing.
		for _, addr := range []string{"10.0.0.9", "10.0.0.10"} {
			if _, err := s.Authenticate(ctx, "HR@pt-baja.test", "Sawah-Hijau-77", addr); !errors.As(err, &le) {
				t.Fatalf("slowed account from %s: %v", addr, err)
			}
		}
		// The owner's known device passes at once; a token of another
		// account or a forged one does not.
		if _, err := s.Login(ctx, auth.Attempt{Login: "hr@pt-baja.test", Password: "Sawah-Hijau-77", Addr: "10.0.0.11", Device: s.DeviceToken(u.ID + 1)}); !errors.As(err, &le) {
			t.Fatalf("another account's device token passed: %v", err)
		}
		if _, err := s.Login(ctx, auth.Attempt{Login: "hr@pt-baja.test", Password: "Sawah-Hijau-77", Addr: "10.0.0.11", Device: device + "x"}); !errors.As(err, &le) {
			t.Fatalf("forged device token passed: %v", err)
		}
		// Failures went on while the account was slowed down (an attacker
		// elsewhere); the known device still gets in, and that ends them.
		if _, err := s.Login(ctx, auth.Attempt{Login: "hr@pt-baja.test", Password: "Sawah-Hijau-77", Addr: "10.0.0.11", Device: device}); err != nil {
			t.Fatalf("known device: %v", err)
		}
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.9"); err != nil {
			t.Fatalf("after the owner's login the slowdown is over: %v", err)
		}
		// Each failure past five doubles the wait: 15 s, 30 s, 60 s.
		for i := 1; i <= 7; i++ {
			clk.t = clk.t.Add(2 * time.Minute)
			_, err := s.Authenticate(ctx, "hr@pt-baja.test", "salah", "10.0.0.12")
			if i >= 5 && (!errors.As(err, &le) || le.Until.Sub(clk.t) != 15*time.Second<<(i-5)) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		clk.t = clk.t.Add(59 * time.Second)
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.9"); !errors.As(err, &le) {
			t.Fatalf("at 59 s of 60: %v", err)
		}
		clk.t = clk.t.Add(2 * time.Second)
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.9"); err != nil {
			t.Fatalf("after the wait: %v", err)
		}

		// Spraying: one wrong password for each of 20 logins from one
		// address locks the address, for every login, for 15 minutes.
		clk.t = clk.t.Add(time.Hour)
		for i := 1; i <= 20; i++ {
			_, err := s.Authenticate(ctx, fmt.Sprintf("orang%d@x.test", i), "Tebakan-Umum-1", "10.0.0.66")
			if i < 20 && !errors.Is(err, auth.ErrBadCredentials) || i == 20 && !errors.As(err, &le) {
				t.Fatalf("sprayed login %d: %v", i, err)
			}
		}
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.66"); !errors.As(err, &le) {
			t.Fatalf("locked address, right password: %v", err)
		}
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.67"); err != nil {
			t.Fatalf("another address: %v", err)
		}
		clk.t = clk.t.Add(14 * time.Minute)
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.66"); !errors.As(err, &le) {
			t.Fatalf("still locked at 14 min: %v", err)
		}
		clk.t = clk.t.Add(2 * time.Minute)
		if _, err := s.Authenticate(ctx, "hr@pt-baja.test", "Sawah-Hijau-77", "10.0.0.66"); err != nil {
			t.Fatalf("after 16 min: %v", err)
		}
		// Unknown logins are throttled too, and say nothing about existence.
		if _, err := s.Authenticate(ctx, "tidak-ada@x.test", "a", "10.0.0.9"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("unknown login: %v", err)
		}

		// Failure rows, with their addresses, are kept only an hour.
		var n int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_failures`).Scan(&n)
		if n == 0 {
			t.Fatal("no failures recorded")
		}
		clk.t = clk.t.Add(61 * time.Minute)
		if _, err := s.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_failures`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d failure rows older than an hour kept", n)
		}
	})
}

// TestPasswordStrength: common and personal passwords are refused on
// registration and on change, with a reason the person can act on.
func TestPasswordStrength(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, _ := newStore(d)
		for _, c := range []struct{ login, name, pw, code string }{
			{"siti@mail.test", "Siti Aminah", "12345678", "password_weak"},
			{"siti@mail.test", "Siti Aminah", "password", "password_weak"},
			{"siti@mail.test", "Siti Aminah", "aaaaaaaa", "password_weak"},
			{"siti@mail.test", "Siti Aminah", "rahasia123", "password_weak"},
			{"siti@mail.test", "Siti Aminah", "banten2026", "password_weak"},
			{"siti@mail.test", "Siti Aminah", "siti@mail.test", "password_personal"},
			{"siti@mail.test", "Siti Aminah", "Aminah-Kuat-2026", "password_personal"},
			{"0812-3456-7890", "Budi", "6281234567890", "password_personal"},
			{"siti@mail.test", "Siti Aminah", "Sawah-Hijau-77", ""},
		} {
			_, err := s.Create(ctx, d, auth.NewUser{Login: c.login, Name: c.name, Password: c.pw, Roles: []auth.Role{auth.Pencari}})
			ve, _ := valid.As(err)
			switch {
			case c.code == "" && err != nil:
				t.Errorf("%q refused: %v", c.pw, err)
			case c.code != "" && (len(ve) != 1 || ve[0].Code != c.code):
				t.Errorf("%q: %v, want %s", c.pw, err, c.code)
			}
		}
		u, err := s.ByLogin(ctx, "siti@mail.test")
		if err != nil {
			t.Fatal(err)
		}
		err = s.ChangePassword(ctx, u.ID, "Sawah-Hijau-77", "Siti-Aminah-99")
		if ve, ok := valid.As(err); !ok || ve[0].Code != "password_personal" {
			t.Fatalf("personal new password: %v", err)
		}
	})
}

// TestDemoAccountsOnlyInDemoMode: the published demo password must not open
// an installation that is not serving in demo mode.
func TestDemoAccountsOnlyInDemoMode(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	s, _ := newStore(d)
	if _, err := s.Create(ctx, d, auth.NewUser{Login: "petugas@bursa.test", Name: "Petugas", Password: "bursa-demo", Roles: []auth.Role{auth.Petugas}, Demo: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "petugas@bursa.test", "bursa-demo", "10.0.0.1"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("demo login outside demo mode: %v", err)
	}
	s.AllowDemo = true
	u, err := s.Authenticate(ctx, "petugas@bursa.test", "bursa-demo", "10.0.0.2")
	if err != nil {
		t.Fatalf("demo login in demo mode: %v", err)
	}
	token, err := s.StartSession(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, token); err != nil {
		t.Fatalf("demo session in demo mode: %v", err)
	}
	// The server restarts without --demo: the session opened in demo mode
	// no longer opens anything.
	s.AllowDemo = false
	if _, err := s.Session(ctx, token); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("demo session outside demo mode: %v", err)
	}
}
