package training_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/training"
)

func wantKind(t *testing.T, err error, k fail.Kind) {
	t.Helper()
	if fail.KindOf(err) != k {
		t.Fatalf("want %v, got %v", k, err)
	}
}

func (e *env) inbox(userID int64) []notify.Item {
	e.t.Helper()
	items, _, err := e.notify.List(e.ctx, &auth.User{ID: userID}, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return items
}

func (e *env) userOf(seekerID int64) int64 {
	e.t.Helper()
	var u int64
	if err := e.d.QueryRowContext(e.ctx, `SELECT user_id FROM seekers WHERE id = ?`, seekerID).Scan(&u); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// TestTrainingNotices: followers of a program are told when a round
// including it opens (and only they, once), and after allocation each
// applicant is told their own result: the seat, or none.
func TestTrainingNotices(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := e.ctx
		blk, staff := e.provider(training.BLK, "UPTD BLK Serang", "3604", 0)
		las := e.mustProgram(staff, blk.ID, program("Juru Las SMAW", "3604", 1))
		jahit := e.mustProgram(staff, blk.ID, program("Operator Jahit", "3604", 1))
		born := time.Date(2000, 5, 1, 0, 0, 0, 0, time.UTC)
		a := e.newSeeker(person{name: "Asep", nikRegion: "3604", birth: born, education: "smk"})
		b := e.newSeeker(person{name: "Bambang", nikRegion: "3604", birth: born, education: "smk"})
		c := e.newSeeker(person{name: "Cucu", nikRegion: "3604", birth: born, education: "smk", female: true})
		ua, ub, uc := e.userOf(a), e.userOf(b), e.userOf(c)

		// Following needs a job seeker; another role may not.
		hr := e.user("HRD", auth.Perusahaan)
		wantKind(t, e.s.Follow(ctx, &auth.User{ID: hr, Roles: []auth.Role{auth.Perusahaan}}, las.ID), fail.Forbidden)
		wantKind(t, e.s.Follow(ctx, nil, las.ID), fail.Unauthorized)
		ua1 := &auth.User{ID: ua, Roles: []auth.Role{auth.Pencari}}
		wantKind(t, e.s.Follow(ctx, ua1, 99999), fail.NotFound)
		for range 2 { // following twice is following once
			if err := e.s.Follow(ctx, ua1, las.ID); err != nil {
				t.Fatal(err)
			}
		}
		ub1 := &auth.User{ID: ub, Roles: []auth.Role{auth.Pencari}}
		if err := e.s.Follow(ctx, ub1, jahit.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.s.Unfollow(ctx, ub1, jahit.ID); err != nil {
			t.Fatal(err)
		}
		if f, _ := e.s.Follows(ctx, ua1, las.ID); !f {
			t.Error("Asep does not follow the program he followed")
		}
		if f, _ := e.s.Follows(ctx, ub1, jahit.ID); f {
			t.Error("Bambang still follows the program he unfollowed")
		}

		closes := e.clk.t.Add(7 * 24 * time.Hour)
		round, err := e.s.OpenRound(ctx, staff, training.RoundInput{ProviderID: blk.ID, Title: "Gelombang Maret", Programs: []int64{las.ID, jahit.ID}, ClosesAt: closes})
		if err != nil {
			t.Fatal(err)
		}
		got := e.inbox(ua)
		if len(got) != 1 || got[0].Kind != notify.Training || got[0].Title != "Pendaftaran dibuka: Juru Las SMAW" ||
			got[0].URL != fmt.Sprintf("/pelatihan/%d", las.ID) {
			t.Fatalf("follower's notice: %+v", got)
		}
		if len(e.inbox(ub)) != 0 || len(e.inbox(uc)) != 0 {
			t.Fatalf("non-followers were told of the round")
		}

		for _, sk := range []int64{a, b, c} {
			if err := e.s.Apply(ctx, round.ID, sk, training.ApplicationInput{Programs: []int64{las.ID, jahit.ID}}); err != nil {
				t.Fatal(err)
			}
		}
		e.clk.t = closes.Add(time.Minute)
		if _, err := e.s.CloseAndAllocate(ctx, staff, round.ID); err != nil {
			t.Fatal(err)
		}
		seats := 0
		for sk, u := range map[int64]int64{a: ua, b: ub, c: uc} {
			res, err := e.s.Results(ctx, round.ID, sk)
			if err != nil {
				t.Fatal(err)
			}
			items := e.inbox(u)
			n := items[0]
			switch res.ProgramID {
			case 0:
				if n.Title != "Belum dapat kursi di gelombang Gelombang Maret" {
					t.Errorf("seeker %d without a seat was told %+v", sk, n)
				}
			case las.ID, jahit.ID:
				seats++
				want := "Anda dapat kursi pelatihan: Juru Las SMAW"
				if res.ProgramID == jahit.ID {
					want = "Anda dapat kursi pelatihan: Operator Jahit"
				}
				if n.Title != want || n.URL != "/pencari/pelatihan" || n.Kind != notify.Training {
					t.Errorf("seeker %d with seat %d was told %+v", sk, res.ProgramID, n)
				}
			}
			results := 0
			for _, it := range items {
				if it.URL == "/pencari/pelatihan" {
					results++
				}
			}
			if results != 1 {
				t.Errorf("seeker %d got %d result notices", sk, results)
			}
		}
		if seats != 2 {
			t.Errorf("%d seats told, want 2", seats)
		}
	})
}
