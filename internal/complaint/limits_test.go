package complaint_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
)

// TestFilingLimit: each complaint opens a case with a legal deadline, so
// filing is limited over a rolling day: 5 from one client address, 5 from
// an account, 30 from a verified seeker or a union officer, whose shared
// office address is not counted. The refusal is fail.TooMany with a
// Retry-After; a refused or invalid filing is not counted.
func TestFilingLimit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		anon := func(i int) complaint.Input {
			in := input(emp)
			in.Anonymous, in.PIN = true, fmt.Sprintf("4%02d917", i)
			return in
		}
		file := func(u *auth.User, in complaint.Input, addr string) error {
			_, err := e.s.Submit(e.ctx, u, in, addr)
			return err
		}
		bad := anon(99)
		bad.Narrative = "pendek"
		for i := range 5 {
			// An invalid filing is refused for what it is and not counted.
			if err := file(nil, bad, "10.7.7.7"); !errors.Is(err, fail.Invalid) {
				t.Fatalf("invalid filing: %v", err)
			}
			if err := file(nil, anon(i), "10.7.7.7"); err != nil {
				t.Fatalf("filing %d: %v", i, err)
			}
		}
		err := file(nil, anon(6), "10.7.7.7")
		var le *complaint.LimitError
		if !errors.As(err, &le) || !errors.Is(err, fail.TooMany) || fail.RetryAfter(err, fail.TooMany) != 24*time.Hour {
			t.Fatalf("sixth filing from one address: %v", err)
		}
		if n := e.count(`SELECT count(*) FROM complaints`); n != 5 {
			t.Fatalf("%d complaints stored", n)
		}
		if err := file(nil, anon(7), "10.7.7.8"); err != nil {
			t.Fatalf("another address: %v", err)
		}
		// A day after the first filing the address may file again.
		e.clk.t = e.clk.t.Add(24*time.Hour + time.Minute)
		if err := file(nil, anon(8), "10.7.7.7"); err != nil {
			t.Fatalf("next day: %v", err)
		}

		// An account without a checked NIK: 5 a day, from any address.
		w := e.user("Akun Baru", auth.Pencari)
		for i := range 5 {
			if err := file(w, input(emp), fmt.Sprintf("10.8.0.%d", i)); err != nil {
				t.Fatalf("account filing %d: %v", i, err)
			}
		}
		if err := file(w, input(emp), "10.8.0.99"); !errors.As(err, &le) {
			t.Fatalf("sixth filing of an account from a fresh address: %v", err)
		}

		// A verified seeker and a union officer: 30 a day, and their
		// filings leave the shared address's count alone.
		v := e.verified("Siti")
		for i := range 30 {
			if err := file(v, input(emp), "10.9.0.1"); err != nil {
				t.Fatalf("verified filing %d: %v", i, err)
			}
		}
		if err := file(v, input(emp), "10.9.0.1"); !errors.As(err, &le) {
			t.Fatalf("31st filing of a verified seeker: %v", err)
		}
		if err := file(nil, anon(9), "10.9.0.1"); err != nil {
			t.Fatalf("the verified seeker's address for an anonymous filing: %v", err)
		}
		serikat := e.user("Ketua Serikat", auth.Serikat)
		union := input(emp)
		union.UnionName = "SPSI Baja"
		for i := range 6 {
			if err := file(serikat, union, "10.9.0.2"); err != nil {
				t.Fatalf("union filing %d: %v", i, err)
			}
		}
	})
}

// TestSweep: wrong PINs (a tracking code beside a client address) are kept
// only as long as the PIN throttle looks back, and filings a day; Sweep
// deletes older rows and keeps what the throttles still need.
func TestSweep(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		in := input(emp)
		in.Anonymous, in.PIN = true, "401927"
		r := e.submit(nil, in)
		for range 3 {
			if _, err := e.s.Track(e.ctx, r.Code, "999888", "10.5.5.5"); !errors.Is(err, complaint.ErrBadPIN) {
				t.Fatalf("wrong PIN: %v", err)
			}
		}
		e.clk.t = e.clk.t.Add(20 * time.Minute)
		if _, err := e.s.Track(e.ctx, r.Code, "999887", "10.5.5.6"); !errors.Is(err, complaint.ErrBadPIN) {
			t.Fatalf("wrong PIN: %v", err)
		}
		if _, err := e.s.Sweep(e.ctx); err != nil {
			t.Fatal(err)
		}
		if n := e.count(`SELECT count(*) FROM complaint_pin_failures`); n != 4 {
			t.Fatalf("%d PIN failures after sweeping at 20 minutes, want all 4", n)
		}
		// 31 minutes after the first three: they go, the fourth stays.
		e.clk.t = e.clk.t.Add(11 * time.Minute)
		n, err := e.s.Sweep(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if left := e.count(`SELECT count(*) FROM complaint_pin_failures`); left != 1 || n != 3 {
			t.Fatalf("swept %d, %d PIN failures left, want 3 and 1", n, left)
		}
		if e.count(`SELECT count(*) FROM complaint_filings`) == 0 {
			t.Fatal("the filing was not recorded")
		}
		// Filings leave after a day; a code never stays beside an address.
		e.clk.t = e.clk.t.Add(24 * time.Hour)
		if _, err := e.s.Sweep(e.ctx); err != nil {
			t.Fatal(err)
		}
		if n := e.count(`SELECT count(*) FROM complaint_filings`) + e.count(`SELECT count(*) FROM complaint_pin_failures`); n != 0 {
			t.Fatalf("%d rows left a day later", n)
		}
	})
}
