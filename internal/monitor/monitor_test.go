package monitor_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/monitor"
)

// testLog is a real log over a test database, served over HTTP like the
// site serves it.
type testLog struct {
	t   *testing.T
	ctx context.Context
	d   *db.DB
	l   *ledger.Log
	c   *ledger.Client
	at  time.Time
}

func newLog(t *testing.T, d *db.DB) *testLog {
	s, v, err := ledger.LoadKey(filepath.Join(t.TempDir(), "ledger.key"), "bursa.test/ledger")
	if err != nil {
		t.Fatal(err)
	}
	tl := &testLog{t: t, ctx: context.Background(), d: d, at: time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)}
	tl.l = &ledger.Log{DB: d, Signer: s, VerifierKey: v, Now: time.Now}
	mux := http.NewServeMux()
	tl.l.Routes(mux, slog.New(slog.DiscardHandler))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	tl.c = &ledger.Client{Base: srv.URL + "/ledger", HTTP: srv.Client()}
	return tl
}

// add appends records of kind/fields pairs, each a minute after the last,
// in one transaction, and signs a checkpoint; it returns the first's
// number.
func (tl *testLog) add(recs ...rec) int64 {
	tl.t.Helper()
	var first int64
	err := tl.d.InTx(tl.ctx, func(tx *db.Tx) error {
		var es []ledger.Entry
		for _, r := range recs {
			tl.at = tl.at.Add(time.Minute)
			at := tl.at
			if !r.at.IsZero() {
				at = r.at
			}
			es = append(es, ledger.Entry{Kind: r.kind, At: at, Fields: r.f})
		}
		var err error
		first, err = ledger.Append(tl.ctx, tx, es...)
		return err
	})
	if err != nil {
		tl.t.Fatal(err)
	}
	if _, err := tl.l.Checkpoint(tl.ctx); err != nil {
		tl.t.Fatal(err)
	}
	return first
}

type rec struct {
	kind string
	f    map[string]any
	at   time.Time
}

type m = map[string]any

func published(v int) rec {
	return rec{kind: ledger.VacancyPublished, f: m{"vacancy_id": v, "employer_id": 1, "title": "Operator", "openings": 2}}
}
func received(v int, app string) rec {
	return rec{kind: ledger.ApplicationReceived, f: m{"vacancy_id": v, "application": app}}
}
func decided(v int, app, status string) rec {
	return rec{kind: ledger.ApplicationDecided, f: m{"vacancy_id": v, "application": app, "status": status}}
}
func placed(v int, app string) rec {
	return rec{kind: ledger.PlacementReported, f: m{"vacancy_id": v, "employer_id": 1, "application": app}}
}
func opened(round int, programs ...int64) rec {
	return rec{kind: ledger.RoundOpened, f: m{"round_id": round, "provider_id": 1, "programs": programs, "seed_hash": "00"}}
}

type seatF struct {
	Applicant string `json:"applicant"`
	Program   *int64 `json:"program_id"`
}

func seatRecs(round int, seats []seatF) []rec {
	var out []rec
	for _, s := range seats {
		out = append(out, rec{kind: ledger.SeatAllocated, f: m{"round_id": round, "applicant": s.Applicant, "program_id": s.Program}})
	}
	return out
}

func allocated(round, applicants int, seats []seatF, programs ...m) rec {
	return rec{kind: ledger.RoundAllocated, f: m{"round_id": round, "seed": "00", "applicants": applicants,
		"programs": programs, "seats_hash": ledger.ContentHash(seats)}}
}

func pid(n int64) *int64 { return &n }

// complete writes a log that holds every rule: a vacancy with an
// application that was hired, another rejected, a training round whose
// two applicants got one seat each.
func (tl *testLog) complete() {
	tl.add(published(1), published(2), received(1, "a1"), received(1, "a2"), decided(1, "a1", "dilihat"))
	tl.add(decided(1, "a1", "diterima"), placed(1, "a1"), decided(1, "a2", "ditolak"),
		rec{kind: ledger.VacancyClosed, f: m{"vacancy_id": 2, "employer_id": 1, "reason": "closed_by_employer"}},
		rec{kind: ledger.ComplaintReceived, f: m{"complaint": "c1"}})
	seats := []seatF{{"s1", pid(7)}, {"s2", nil}, {"s3", pid(8)}}
	tl.add(opened(5, 7, 8))
	tl.add(append(seatRecs(5, seats), allocated(5, 3, seats, m{"program_id": 7, "seats": 1, "admitted": 1, "full": true},
		m{"program_id": 8, "seats": 2, "admitted": 1, "full": false}))...)
}

func (tl *testLog) follow(st *monitor.State) monitor.Result {
	tl.t.Helper()
	res, err := monitor.Follow(tl.ctx, tl.c, "", st)
	if err != nil {
		tl.t.Fatal(err)
	}
	return res
}

func TestCompleteLogHoldsEveryRule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		tl := newLog(t, d)
		tl.complete()
		var st monitor.State
		res := tl.follow(&st)
		if len(st.Findings) != 0 {
			t.Fatalf("findings on a complete log: %v", st.Findings)
		}
		if res.Read != res.Size || res.Size != 15 || st.Next != 15 {
			t.Fatalf("read %d of %d, next %d", res.Read, res.Size, st.Next)
		}
		// A second run reads only what is new, across a tile boundary.
		for i := range 300 {
			tl.add(published(100 + i))
		}
		res = tl.follow(&st)
		if res.Read != 300 || st.Next != 315 || len(st.Findings) != 0 {
			t.Fatalf("second run read %d, next %d, findings %v", res.Read, st.Next, st.Findings)
		}
		if res = tl.follow(&st); res.Read != 0 {
			t.Fatalf("third run read %d", res.Read)
		}
	})
}

// planted appends gap records after a complete log and returns the
// findings of a monitor that had read the complete part before.
func planted(t *testing.T, d *db.DB, recs ...rec) ([]monitor.Finding, int64) {
	tl := newLog(t, d)
	tl.complete()
	var st monitor.State
	tl.follow(&st)
	first := tl.add(recs...)
	tl.follow(&st)
	return st.Findings, first
}

// want checks that exactly one finding broke rule, naming records.
func want(t *testing.T, fs []monitor.Finding, rule string, records ...int64) {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule && slices.Equal(f.Records, records) {
			return
		}
	}
	t.Fatalf("want a finding of rule %s on records %v, got %v", rule, records, fs)
}

func TestRuleHireHasSelection(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// a3 is hired with no decision 'diterima': a placement outside selection.
		fs, n := planted(t, d, received(1, "a3"), decided(1, "a3", "dilihat"), placed(1, "a3"))
		want(t, fs, monitor.RuleHire, n, n+2)
		if len(fs) != 1 {
			t.Fatalf("findings: %v", fs)
		}
	})
}

func TestRulePlacementFollowsApplication(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		fs, n := planted(t, d, placed(1, "nobody"), received(2, "a9"), placed(1, "a9"))
		want(t, fs, monitor.RulePlacement, n)
		want(t, fs, monitor.RulePlacement, n+1, n+2) // received for vacancy 2, placed in 1
	})
}

func TestRuleRoundSeats(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// Round 6: three applicants counted, two seat records; program 7
		// admits two on one seat.
		seats := []seatF{{"t1", pid(7)}, {"t2", pid(7)}}
		recs := append([]rec{opened(6, 7)}, seatRecs(6, seats)...)
		fs, n := planted(t, d, append(recs, allocated(6, 3, seats, m{"program_id": 7, "seats": 1, "admitted": 2}))...)
		want(t, fs, monitor.RuleSeats, n+1, n+2, n+3)
		if len(fs) != 2 {
			t.Fatalf("findings: %v", fs)
		}
		for _, f := range fs {
			if !strings.Contains(f.Detail, "3 applicants") && !strings.Contains(f.Detail, "2 seat records for 1 seats") {
				t.Fatalf("finding: %v", f)
			}
		}
	})
}

func TestRuleRoundSeatsHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// A seat record dropped after the hash was taken: counts agree
		// (the allocation says 1 applicant) but seats_hash does not.
		seats := []seatF{{"t1", pid(7)}, {"t2", nil}}
		fs, n := planted(t, d, opened(6, 7), seatRecs(6, seats[:1])[0],
			allocated(6, 1, seats, m{"program_id": 7, "seats": 1, "admitted": 1}))
		want(t, fs, monitor.RuleSeats, n+1, n+2)
		if len(fs) != 1 || !strings.Contains(fs[0].Detail, "seats_hash") {
			t.Fatalf("findings: %v", fs)
		}
	})
}

func TestRuleOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		early := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		// A vacancy backdated months before what the log already holds.
		fs, n := planted(t, d, rec{kind: ledger.VacancyPublished, f: m{"vacancy_id": 50}, at: early})
		want(t, fs, monitor.RuleOrder, 8, n) // record 8 is the job history's last before it
	})
}

func TestRuleOrderFollowUp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// Within the skew globally, but before the vacancy it applies to.
		tl := newLog(t, d)
		at := tl.at.Add(time.Hour)
		first := tl.add(rec{kind: ledger.VacancyPublished, f: m{"vacancy_id": 1}, at: at},
			rec{kind: ledger.ApplicationReceived, f: m{"vacancy_id": 1, "application": "x"}, at: at.Add(-time.Minute)})
		var st monitor.State
		tl.follow(&st)
		want(t, st.Findings, monitor.RuleOrder, first, first+1)
		if len(st.Findings) != 1 {
			t.Fatalf("findings: %v", st.Findings)
		}
	})
}

func TestRuleKnownObject(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		fs, n := planted(t, d,
			received(99, "b1"),             // n: vacancy 99 never published
			decided(1, "ghost", "ditolak"), // n+1: no such application
			rec{kind: ledger.SeatAllocated, f: m{"round_id": 42, "applicant": "z", "program_id": nil}}, // n+2: round never opened
			rec{kind: ledger.VacancyClosed, f: m{"vacancy_id": 77}},                                    // n+3
		)
		for i := range int64(4) {
			want(t, fs, monitor.RuleKnown, n+i)
		}
	})
}

func TestRuleRecordFormat(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		fs, n := planted(t, d, rec{kind: "vacancy.sold", f: m{"vacancy_id": 1}})
		want(t, fs, monitor.RuleFormat, n)
	})
}

// A log whose records do not hash to its tree is refused, not checked:
// the monitor trusts the tiles only as far as the signed root vouches.
func TestTamperedRecordRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		tl := newLog(t, d)
		tl.complete()
		if _, err := d.ExecContext(tl.ctx, `UPDATE ledger_records SET data = ? WHERE n = 3`, []byte(`{"at":"2026-03-02T03:04:00Z","kind":"application.received","v":1}`)); err != nil {
			t.Fatal(err)
		}
		var st monitor.State
		_, err := monitor.Follow(tl.ctx, tl.c, "", &st)
		if err == nil || !strings.Contains(err.Error(), "record 3") {
			t.Fatalf("tampered record: %v", err)
		}
		if st.Next != 0 || st.Log.Checkpoint != "" {
			t.Fatalf("state moved on a failed run: %+v", st)
		}
	})
}

func TestStoreRun(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		tl := newLog(t, d)
		tl.complete()
		s := &monitor.Store{DB: d, Now: time.Now}
		if _, err := s.Run(tl.ctx, tl.c, tl.l.VerifierKey); err != nil {
			t.Fatal(err)
		}
		st, err := s.State(tl.ctx)
		if err != nil || !st.Checked || st.Size != 15 {
			t.Fatalf("state %+v %v", st, err)
		}
		n := tl.add(placed(1, "nobody"))
		res, err := s.Run(tl.ctx, tl.c, tl.l.VerifierKey)
		if err != nil || res.Read != 1 {
			t.Fatalf("second run: %+v %v", res, err)
		}
		fs, err := s.Findings(tl.ctx, 10)
		if err != nil || len(fs) != 1 || fs[0].Rule != monitor.RulePlacement || !slices.Equal(fs[0].Records, []int64{n}) {
			t.Fatalf("findings %v %v", fs, err)
		}
		if _, err := s.Run(tl.ctx, tl.c, tl.l.VerifierKey); err != nil {
			t.Fatal(err)
		}
		if fs, _ := s.Findings(tl.ctx, 10); len(fs) != 1 {
			t.Fatalf("a finding stored twice: %v", fs)
		}
	})
}
