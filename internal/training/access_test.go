package training_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/training"
)

// The roles of the table, in its column order.
var accessRoles = []string{"pencari", "staff", "other staff", "petugas", "analis", "admin", "anonymous"}

// verdict names how a rule answered: ok, or the status a door gives the
// refusal. The writes are called with input that breaks a rule, so "ok"
// (their validation ran) means the permission let them through and nothing
// is written.
func verdict(err error) string {
	if err == nil {
		return "ok"
	}
	switch fail.KindOf(err) {
	case fail.Invalid:
		return "ok"
	case fail.Unauthorized:
		return "401"
	case fail.Forbidden:
		return "403"
	case fail.NotFound:
		return "404"
	}
	return "error: " + err.Error()
}

// TestAccess is the table of who may do what in training, asked of the
// store's own methods: each role (a job seeker, the staff of the provider
// that owns the objects, the staff of another provider, an officer, an
// analyst, an administrator, a visitor) against each action. 403 is for a
// role that may never do the thing; another party's object is 404.
func TestAccess(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := e.ctx
		a, staffA := e.provider(training.BLK, "UPTD BLK Serang", "3604", 0)
		b, staffB := e.provider(training.LPK, "LPK Terampil Tangerang", "3671", 0)
		p1 := e.mustProgram(staffA, a.ID, program("Juru Las SMAW", "3604", 2, training.DTKS))
		p2 := e.mustProgram(staffA, a.ID, program("Juru Las Pipa", "3604", 2))
		p3 := e.mustProgram(staffA, a.ID, program("Instalasi Listrik", "3604", 2))
		p4 := e.mustProgram(staffA, a.ID, program("Las Argon", "3604", 2))
		e.mustProgram(staffB, b.ID, program("Menjahit Industri", "3671", 2))
		sk := e.newSeeker(person{name: "Siti", nikRegion: "3604", birth: date("2000-01-01"), education: "smk", female: true})
		sk2 := e.newSeeker(person{name: "Budi", nikRegion: "3604", birth: date("1999-02-02"), education: "smk"})

		// An allocated round of provider A and an allocated province-wide
		// round with A's program, each with appeals; an enrollment with a
		// completer placed once, so the median wage is one person's pay.
		closes := e.clk.t.Add(7 * 24 * time.Hour)
		own := e.openRound(staffA, a.ID, closes, p1.ID)
		province := e.openRound(e.officer, 0, closes, p3.ID)
		for _, s := range []int64{sk, sk2} {
			e.apply(own.ID, s, p1.ID)
			e.apply(province.ID, s, p3.ID)
		}
		e.clk.t = closes.Add(time.Hour)
		e.allocate(staffA, own.ID)
		e.allocate(e.officer, province.ID)
		ownAppeal := e.appeal(own.ID, sk)
		otherSeekersAppeal := e.appeal(own.ID, sk2)
		provinceAppeal := e.appeal(province.ID, sk)
		if _, err := e.s.EnrollSeated(ctx, staffA, own.ID, p1.ID); err != nil {
			t.Fatal(err)
		}
		roster, err := e.s.Roster(ctx, p1.ID)
		if err != nil || len(roster) != 2 {
			t.Fatalf("roster %v %v", roster, err)
		}
		enr := roster[0]
		today := e.clk.t.Format(time.DateOnly)
		if err := e.s.Complete(ctx, staffA, enr.ID, today); err != nil {
			t.Fatal(err)
		}
		e.place(enr.SeekerID, e.verifiedEmployer("PT Baja Mandiri", "3672"), e.clk.t.AddDate(0, 0, 10).Format(time.DateOnly), 5_000_000)
		// Rounds still open, to be allocated too early.
		openOwn := e.openRound(staffA, a.ID, e.clk.t.Add(24*time.Hour), p2.ID)
		openProvince := e.openRound(e.officer, 0, e.clk.t.Add(24*time.Hour), p4.ID)

		users := []*auth.User{
			e.authUser(e.seekerUser(sk), auth.Pencari), e.authUser(staffA, auth.Lembaga), e.authUser(staffB, auth.Lembaga),
			e.authUser(e.officer, auth.Petugas), e.authUser(e.user("Analis Tripartit", auth.Analis), auth.Analis),
			e.authUser(e.user("Admin", auth.Admin), auth.Admin), nil}
		id := func(u *auth.User) int64 {
			if u == nil {
				return 0
			}
			return u.ID
		}
		actions := []struct {
			name string
			do   func(u *auth.User) string
			want []string // in accessRoles order
		}{
			{"create a program", func(u *auth.User) string {
				_, err := e.s.CreateProgram(ctx, id(u), a.ID, training.ProgramInput{})
				return verdict(err)
			}, []string{"403", "ok", "404", "403", "403", "403", "401"}},
			{"update a program", func(u *auth.User) string {
				_, err := e.s.UpdateProgram(ctx, id(u), p1.ID, training.ProgramInput{})
				return verdict(err)
			}, []string{"403", "ok", "404", "403", "403", "403", "401"}},
			{"open a provider's round", func(u *auth.User) string {
				_, err := e.s.OpenRound(ctx, id(u), training.RoundInput{ProviderID: a.ID})
				return verdict(err)
			}, []string{"403", "ok", "404", "403", "403", "403", "401"}},
			{"open a province-wide round", func(u *auth.User) string {
				_, err := e.s.OpenRound(ctx, id(u), training.RoundInput{})
				return verdict(err)
			}, []string{"403", "403", "403", "ok", "403", "403", "401"}},
			{"allocate a provider's round", func(u *auth.User) string {
				_, err := e.s.CloseAndAllocate(ctx, id(u), openOwn.ID)
				return verdict(err)
			}, []string{"403", "ok", "404", "403", "403", "403", "401"}},
			{"allocate a province-wide round", func(u *auth.User) string {
				_, err := e.s.CloseAndAllocate(ctx, id(u), openProvince.ID)
				return verdict(err)
			}, []string{"403", "403", "403", "ok", "403", "403", "401"}},
			{"read a roster", func(u *auth.User) string {
				_, err := e.s.RosterFor(ctx, u, p1.ID)
				return verdict(err)
			}, []string{"403", "ok", "404", "403", "403", "403", "401"}},
			{"record attendance", func(u *auth.User) string {
				return verdict(e.s.RecordAttendance(ctx, id(u), enr.ID, training.Attendance{Percent: 101}))
			}, []string{"403", "ok", "404", "403", "403", "403", "401"}},
			{"read one's own appeal", func(u *auth.User) string {
				_, err := e.s.AppealFor(ctx, u, ownAppeal.ID)
				return verdict(err)
			}, []string{"ok", "ok", "404", "404", "403", "403", "401"}},
			{"read another seeker's appeal", func(u *auth.User) string {
				_, err := e.s.AppealFor(ctx, u, otherSeekersAppeal.ID)
				return verdict(err)
			}, []string{"404", "ok", "404", "404", "403", "403", "401"}},
			{"decide a provider round's appeal", func(u *auth.User) string {
				return verdict(e.s.DecideAppeal(ctx, ownAppeal.ID, id(u), false, ""))
			}, []string{"403", "ok", "404", "404", "403", "403", "401"}},
			{"decide a province-wide round's appeal", func(u *auth.User) string {
				return verdict(e.s.DecideAppeal(ctx, provinceAppeal.ID, id(u), false, ""))
			}, []string{"403", "403", "404", "ok", "403", "403", "401"}},
			{"see a median wage of one placement", func(u *auth.User) string {
				p, err := e.s.ProgramFor(ctx, u, p1.ID)
				if err != nil || p.Outcome.Wages != 1 {
					return verdict(err) + " wages " + strings.Repeat("I", p.Outcome.Wages)
				}
				if !p.Outcome.WageShown {
					return "hidden"
				}
				return "ok"
			}, []string{"hidden", "ok", "hidden", "ok", "ok", "ok", "hidden"}},
			{"read a provider's outcomes", func(u *auth.User) string {
				_, err := e.s.ProviderOutcomes(ctx, u, a.ID)
				return verdict(err)
			}, []string{"403", "ok", "404", "ok", "ok", "ok", "401"}},
			{"read outcomes per region", func(u *auth.User) string {
				_, err := e.s.RegionOutcomes(ctx, u)
				return verdict(err)
			}, []string{"403", "403", "403", "ok", "ok", "ok", "401"}},
			{"register a provider", func(u *auth.User) string {
				_, err := e.s.CreateProvider(ctx, id(u), training.ProviderInput{})
				return verdict(err)
			}, []string{"403", "403", "403", "ok", "403", "ok", "401"}},
			{"apply as a job seeker", func(u *auth.User) string {
				_, ok, err := e.s.SeekerOf(ctx, u)
				if err == nil && !ok {
					return "no profile"
				}
				return verdict(err)
			}, []string{"ok", "403", "403", "403", "403", "403", "401"}},
		}
		for _, act := range actions {
			for i, u := range users {
				if got := act.do(u); got != act.want[i] {
					t.Errorf("%s, %s: %s, want %s", accessRoles[i], act.name, got, act.want[i])
				}
			}
		}

		// Who sees which appeals, and may decide which.
		for i, want := range []map[int64]bool{
			{ownAppeal.ID: false, provinceAppeal.ID: false},
			{ownAppeal.ID: true, otherSeekersAppeal.ID: true, provinceAppeal.ID: false},
			{},
			{provinceAppeal.ID: true},
		} {
			cs, err := e.s.AppealsVisibleTo(ctx, users[i], false)
			got := map[int64]bool{}
			for _, c := range cs {
				got[c.ID] = c.MayDecide
			}
			if err != nil || len(got) != len(want) {
				t.Errorf("%s sees appeals %v (%v), want %v", accessRoles[i], got, err, want)
				continue
			}
			for id, may := range want {
				if decide, seen := got[id]; !seen || decide != may {
					t.Errorf("%s: appeal %d seen %v, may decide %v; want seen, %v", accessRoles[i], id, seen, decide, may)
				}
			}
		}
		if n := e.count("intake_rounds"); n != 4 {
			t.Errorf("%d rounds: a refused or invalid call opened one", n)
		}
		if n := e.count("programs"); n != 5 {
			t.Errorf("%d programs: a refused or invalid call created one", n)
		}
	})
}

// openRound opens a round (providerID 0: province-wide) of programs.
func (e *env) openRound(actor, providerID int64, closes time.Time, programs ...int64) training.Round {
	e.t.Helper()
	r, err := e.s.OpenRound(e.ctx, actor, training.RoundInput{ProviderID: providerID, Title: "Gelombang Uji",
		Programs: programs, ClosesAt: closes})
	if err != nil {
		e.t.Fatalf("open round: %v", err)
	}
	return r
}

func (e *env) apply(roundID, seekerID int64, programs ...int64) {
	e.t.Helper()
	if err := e.s.Apply(e.ctx, roundID, seekerID, training.ApplicationInput{Programs: programs}); err != nil {
		e.t.Fatalf("apply: %v", err)
	}
}

func (e *env) allocate(actor, roundID int64) {
	e.t.Helper()
	if _, err := e.s.CloseAndAllocate(e.ctx, actor, roundID); err != nil {
		e.t.Fatalf("allocate: %v", err)
	}
}

func (e *env) appeal(roundID, seekerID int64) training.Appeal {
	e.t.Helper()
	ap, err := e.s.FileAppeal(e.ctx, roundID, seekerID, "Mohon ditinjau kembali hasil seleksi saya.")
	if err != nil {
		e.t.Fatalf("appeal: %v", err)
	}
	return ap
}

// seekerUser is the user id of a seeker.
func (e *env) seekerUser(seekerID int64) int64 {
	e.t.Helper()
	var id int64
	if err := e.d.QueryRowContext(e.ctx, `SELECT user_id FROM seekers WHERE id = ?`, seekerID).Scan(&id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// authUser is user id as a session presents them to the doors.
func (e *env) authUser(id int64, roles ...auth.Role) *auth.User {
	return &auth.User{ID: id, Roles: roles}
}
