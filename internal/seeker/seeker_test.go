package seeker_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

func TestMaskedName(t *testing.T) {
	for in, want := range map[string]string{"Siti Nurhayati": "S*** N********", "Asep": "A***", "  Dede   Suryana ": "D*** S******", "Éva": "É**"} {
		if got := seeker.MaskedName(in); got != want {
			t.Errorf("MaskedName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegisterAndCard(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		s := a.Seekers
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212340000", Name: "Euis", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		in := seeker.Input{NIK: "3604015503000042", Profile: seeker.Profile{FullName: "  Euis   Rohimah ", DomicileRegion: "3604",
			Education: "smk", Skills: []string{}, ExpectedWage: 5200000, Discoverable: true}}
		sk, card, err := s.Register(ctx, d, u.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if sk.FullName != "Euis Rohimah" || !sk.Female || sk.BirthYear != 2000 {
			t.Fatalf("seeker %+v", sk)
		}
		if born, err := s.BirthDate(ctx, d, sk.ID); err != nil || born.Format(time.DateOnly) != "2000-03-15" {
			t.Fatalf("sealed birth date %v %v", born, err)
		}
		if card == nil || !card.AutoIssued || !card.ValidOn(clk.T) || card.ValidUntil.Format("2006-01-02") != "2028-03-01" {
			t.Fatalf("auto card %+v", card)
		}
		// The same NIK cannot register twice.
		u2, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212340001", Name: "X", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		if _, _, err := s.Register(ctx, d, u2.ID, in); !hasCode(err, "nik", "nik_taken") {
			t.Fatalf("duplicate NIK: %v", err)
		}
		// Domicile differs from the NIK's regency: the officer issues the card.
		in2 := seeker.Input{NIK: "3201010101990003", Profile: seeker.Profile{FullName: "Ujang", DomicileRegion: "3603", Education: "sma"}}
		sk2, card2, err := s.Register(ctx, d, u2.ID, in2)
		if err != nil || card2 != nil {
			t.Fatalf("register migrant: %v %v", card2, err)
		}
		officer, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "petugas@disnaker.test", Name: "Petugas", Password: "rahasia-123", Roles: []auth.Role{auth.Petugas}})
		q, _ := s.Queue(ctx, &officer, 10)
		if len(q) != 1 || q[0].ID != sk2.ID || q[0].NIKMasked != "************0003" {
			t.Fatalf("queue %v", q)
		}
		if _, err := s.Queue(ctx, &u, 10); !errors.Is(err, auth.ErrNotPermitted) {
			t.Fatalf("a job seeker reads the AK/1 queue: %v", err)
		}
		if _, err := s.Issue(ctx, &u, sk2.ID); !errors.Is(err, auth.ErrNotPermitted) {
			t.Fatalf("a job seeker issues a card: %v", err)
		}
		c, err := s.Issue(ctx, &officer, sk2.ID)
		if err != nil || c.AutoIssued || c.Number[:10] != "3603-2026-" {
			t.Fatalf("issue: %+v %v", c, err)
		}
		if _, err := s.Issue(ctx, &officer, sk2.ID); err != seeker.ErrHasCard {
			t.Fatalf("second card: %v", err)
		}
		pub, err := s.CardByToken(ctx, c.Token)
		if err != nil || pub.MaskedName != "U****" || !pub.Valid {
			t.Fatalf("public card %+v %v", pub, err)
		}
		// Officers' NIK readings are audited; the owner reads their own.
		if _, err := s.ForOfficer(ctx, &u, sk.ID); !errors.Is(err, auth.ErrNotPermitted) {
			t.Fatalf("a job seeker opens another's NIK: %v", err)
		}
		view, err := s.ForOfficer(ctx, &officer, sk.ID)
		if err != nil || view.NIK != "3604015503000042" {
			t.Fatalf("officer NIK %q %v", view.NIK, err)
		}
		trail, _ := audit.For(ctx, d, "seeker", sk.ID, 10)
		if len(trail) != 1 || trail[0].Action != "nik.read" || trail[0].ActorID != officer.ID || len(view.Audit) != 1 {
			t.Fatalf("audit %+v, shown %+v", trail, view.Audit)
		}
		own, _ := s.OwnNIK(ctx, u.ID)
		if own != "3604015503000042" {
			t.Fatal("own NIK")
		}
		// Two years later the card has lapsed.
		clk.T = clk.T.AddDate(2, 0, 1)
		if ok, _ := s.HasValidCard(ctx, sk.ID); ok {
			t.Fatal("card valid after two years")
		}
		// Bad input: each field named, nothing written.
		var n int
		d.QueryRowContext(ctx, `SELECT count(*) FROM seekers`).Scan(&n)
		_, _, err = s.Register(ctx, d, u2.ID, seeker.Input{NIK: "12", Profile: seeker.Profile{DomicileRegion: "9999", Education: "x", Skills: []string{"nope"}}})
		for _, f := range []string{"nik", "full_name", "domicile", "education", "skills"} {
			if ve, _ := valid.As(err); !ve.Has(f) {
				t.Errorf("no error for %s: %v", f, err)
			}
		}
		var n2 int
		d.QueryRowContext(ctx, `SELECT count(*) FROM seekers`).Scan(&n2)
		if n2 != n {
			t.Fatal("invalid registration stored")
		}
		_ = time.Now
	})
}

func hasCode(err error, field, code string) bool {
	ve, ok := valid.As(err)
	if !ok {
		return false
	}
	for _, fe := range ve {
		if fe.Field == field && fe.Code == code {
			return true
		}
	}
	return false
}

// TestNIKNotInDatabaseFile reads the raw SQLite file: no NIK in clear.
func TestNIKNotInDatabaseFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "raw.db")
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Migrate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	a, _ := apptest.Services(t, d)
	ctx := context.Background()
	u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212349999", Name: "Asep", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
	if _, _, err := a.Seekers.Register(ctx, d, u.ID, seeker.Input{NIK: "3672020506950007", Profile: seeker.Profile{FullName: "Asep", DomicileRegion: "3672", Education: "sma"}}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if bytes.Contains(b, []byte("3672020506950007")) {
			t.Fatalf("%s holds the NIK in clear", f)
		}
	}
}

// TestCardValidOnWIBDay pins the bug where a card issued at 04:00 WIB read as
// "not yet valid" because the check compared a UTC instant (still the day
// before) with the WIB issue date.
func TestCardValidOnWIBDay(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	c := seeker.Card{IssuedOn: day("2026-11-30"), ValidUntil: day("2028-11-29")}
	for _, tc := range []struct {
		at   string
		want bool
	}{
		{"2026-11-29T16:59:59Z", false}, // 23:59 WIB on the 29th
		{"2026-11-29T17:00:00Z", true},  // 00:00 WIB on the 30th
		{"2026-11-29T21:52:00Z", true},
		{"2028-11-29T16:59:59Z", true}, // last minute of the last valid day
		{"2028-11-29T17:00:00Z", false},
	} {
		at, _ := time.Parse(time.RFC3339, tc.at)
		if got := c.ValidOn(at); got != tc.want {
			t.Errorf("ValidOn(%s) = %v, want %v", tc.at, got, tc.want)
		}
	}
	c.Revoked = true
	if c.ValidOn(day("2027-01-01")) {
		t.Error("a revoked card is valid")
	}
}
