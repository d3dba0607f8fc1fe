package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tdlog "github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

type fixture struct {
	t   *testing.T
	ctx context.Context
	d   *db.DB
	l   *ledger.Log
	dir string
	srv *httptest.Server
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	dir := t.TempDir()
	f := &fixture{t: t, ctx: context.Background(), d: d, dir: dir}
	f.l = f.load()
	// The server always serves the fixture's current Log, as a restarted
	// process would.
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux := http.NewServeMux()
		f.l.Routes(mux, slog.New(slog.DiscardHandler))
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// load opens the log with the key in the fixture's folder, as a restarted
// server would.
func (f *fixture) load() *ledger.Log {
	f.t.Helper()
	s, v, err := ledger.LoadKey(filepath.Join(f.dir, "ledger.key"), "bursa.test/ledger")
	if err != nil {
		f.t.Fatal(err)
	}
	return &ledger.Log{DB: f.d, Signer: s, VerifierKey: v, Now: time.Now}
}

func (f *fixture) append(n int) int64 {
	f.t.Helper()
	var first int64
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		var entries []ledger.Entry
		for i := range n {
			entries = append(entries, ledger.Entry{Kind: ledger.VacancyPublished, At: time.Date(2026, 3, 2, 3, 0, i, 0, time.UTC),
				Fields: map[string]any{"vacancy_id": i + 1, "title": fmt.Sprintf("Operator %d", i)}})
		}
		var err error
		first, err = ledger.Append(f.ctx, tx, entries...)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return first
}

// truncate cuts the log back to n records and drops every checkpoint, as an
// operator rewriting history (or restoring an old backup) would.
func (f *fixture) truncate(n int64) {
	f.t.Helper()
	for _, q := range []struct {
		sql string
		arg int64
	}{{`DELETE FROM ledger_records WHERE n >= ?`, n}, {`DELETE FROM ledger_hashes WHERE i >= ?`, tlog.StoredHashCount(n)},
		{`UPDATE ledger_state SET size = ?`, n}, {`DELETE FROM ledger_checkpoints WHERE size >= ?`, 0}} {
		if _, err := f.d.ExecContext(f.ctx, q.sql, q.arg); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) checkpoint() []byte {
	f.t.Helper()
	b, err := f.l.Checkpoint(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

func (f *fixture) client() *ledger.Client {
	return &ledger.Client{Base: f.srv.URL + "/ledger", HTTP: f.srv.Client()}
}

// TestLogServesAndVerifies: appends, signed checkpoints that transparency-dev's
// parser accepts, tiles and records over HTTP that verify from scratch, and a
// consistent history across appends and a restart.
func TestLogServesAndVerifies(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if first := f.append(300); first != 0 {
			t.Fatalf("first record %d", first)
		}
		cp := f.checkpoint()
		v, _ := note.NewVerifier(f.l.VerifierKey)
		c, _, _, err := tdlog.ParseCheckpoint(cp, "bursa.test/ledger", v)
		if err != nil {
			t.Fatalf("transparency-dev cannot parse the checkpoint: %v\n%s", err, cp)
		}
		if c.Size != 300 {
			t.Fatalf("checkpoint size %d", c.Size)
		}
		var st ledger.State
		rep, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, true)
		if err != nil || rep.Size != 300 || rep.Records != 300 {
			t.Fatalf("verify: %+v %v", rep, err)
		}
		// Records appended after the checkpoint are not served until signed.
		f.append(5)
		if resp, _ := http.Get(f.srv.URL + "/ledger/record/302"); resp.StatusCode != 404 {
			t.Errorf("unsigned record served: %d", resp.StatusCode)
		}
		// A restart: the same key, a bigger tree consistent with the first.
		f.l = f.load()
		f.append(40)
		f.checkpoint()
		rep, err = ledger.VerifyRemote(f.ctx, f.client(), "", &st, true)
		if err != nil || rep.Size != 345 || rep.Previous != 300 {
			t.Fatalf("verify after restart: %+v %v", rep, err)
		}
		// An inclusion proof for a record, and the receipt check.
		p, err := f.l.Prove(f.ctx, 7)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Record, `"vacancy_id":8`) {
			t.Fatalf("record 7 = %s", p.Record)
		}
		if err := ledger.CheckReceipt(f.ctx, f.client(), st.Key, rep, p); err != nil {
			t.Fatal(err)
		}
		p.Record = strings.Replace(p.Record, `"vacancy_id":8`, `"vacancy_id":9`, 1)
		if err := ledger.CheckReceipt(f.ctx, f.client(), st.Key, rep, p); err == nil {
			t.Fatal("a changed receipt record verifies")
		}
		tr, err := ledger.VerifyDB(f.ctx, d, f.l.VerifierKey)
		if err != nil || tr.N != 345 {
			t.Fatalf("verify db: %v %v", tr, err)
		}
	})
}

// TestTamperingIsNamed: changing a stored record or a stored hash makes both
// verifications fail, naming the record.
func TestTamperingIsNamed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.append(600)
		f.checkpoint()
		var st ledger.State
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, true); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(f.ctx, `UPDATE ledger_records SET data = ? WHERE n = 417`, []byte(`{"kind":"vacancy.published","v":1,"vacancy_id":1}`)); err != nil {
			t.Fatal(err)
		}
		_, err := ledger.VerifyDB(f.ctx, d, f.l.VerifierKey)
		var bad *ledger.BadRecordError
		if !errors.As(err, &bad) || bad.N != 417 {
			t.Fatalf("verify db after changing record 417: %v", err)
		}
		st2 := st
		_, err = ledger.VerifyRemote(f.ctx, f.client(), "", &st2, true)
		if !errors.As(err, &bad) || bad.N != 417 {
			t.Fatalf("verify url after changing record 417: %v", err)
		}

		// A rewritten history: the record and its hashes recomputed, so the
		// tree is self-consistent but not the one signed before.
		g := newFixture(t, dbtest.SQLite(t))
		g.append(300)
		g.checkpoint()
		var gs ledger.State
		if _, err := ledger.VerifyRemote(g.ctx, g.client(), "", &gs, false); err != nil {
			t.Fatal(err)
		}
		idx := tlog.StoredHashIndex(0, 123)
		if _, err := g.d.ExecContext(g.ctx, `UPDATE ledger_hashes SET h = ? WHERE i = ?`, make([]byte, 32), idx); err != nil {
			t.Fatal(err)
		}
		_, err = ledger.VerifyDB(g.ctx, g.d, g.l.VerifierKey)
		if !errors.As(err, &bad) || bad.N != 123 {
			t.Fatalf("verify db after changing the hash of record 123: %v", err)
		}
	})
}

// TestForkedHistoryRefused: a log that rewrites its past and signs a new
// tree cannot pass a verifier or a witness that remembers the old one.
func TestForkedHistoryRefused(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	f.append(50)
	f.checkpoint()
	var st ledger.State
	ws, wv, err := ledger.LoadCosigner(filepath.Join(t.TempDir(), "w.key"), "witness.test")
	if err != nil {
		t.Fatal(err)
	}
	f.l.Witnesses = []string{wv}
	if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &st, true); err != nil {
		t.Fatalf("witness: %v", err)
	}
	cs, err := f.l.Cosignatures(f.ctx, 10)
	if err != nil || len(cs) != 1 || cs[0].Witness != "witness.test" || cs[0].Size != 50 {
		t.Fatalf("cosignatures: %+v %v", cs, err)
	}
	// The operator rewrites the log from record 10 on and signs it again.
	f.truncate(10)
	f.append(60) // different records at 10..69
	f.checkpoint()
	if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &st, false); err == nil || !strings.Contains(err.Error(), "history changed") {
		t.Fatalf("witness accepted a forked history: %v", err)
	}
	// A verifier that has never seen the log passes its own checks, but
	// one that requires the witness finds the fork.
	var fresh ledger.State
	rep, err := ledger.VerifyRemote(f.ctx, f.client(), "", &fresh, true)
	if err != nil {
		t.Fatalf("a first look at the forked log: %v", err)
	}
	if _, err := ledger.CheckWitnesses(f.ctx, f.client(), fresh.Key, rep, []string{wv}, time.Now(), 24*time.Hour); err == nil || !strings.Contains(err.Error(), "does not extend") {
		t.Fatalf("the witness requirement missed the fork: %v", err)
	}
}

// TestWitnessRequirementAttacks: what a log might try against a verifier
// that requires a witness. Its own key under the witness's name, a
// cosignature it keeps from before rewriting history, or none at all.
func TestWitnessRequirementAttacks(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	f.append(10)
	f.checkpoint()
	ws, wv, err := ledger.LoadCosigner(filepath.Join(t.TempDir(), "w.key"), "witness.test")
	if err != nil {
		t.Fatal(err)
	}
	f.l.Witnesses = []string{wv}
	var wst ledger.State
	if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &wst, true); err != nil {
		t.Fatal(err)
	}
	var st ledger.State
	rep, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, true)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if got, err := ledger.CheckWitnesses(f.ctx, f.client(), st.Key, rep, []string{wv}, now, time.Hour); err != nil || len(got) != 1 || got[0].Size != 10 {
		t.Fatalf("an honest witnessed log: %+v %v", got, err)
	}
	// The log's own key named as the witness is no witness.
	if _, err := ledger.CheckWitnesses(f.ctx, f.client(), st.Key, rep, []string{f.l.VerifierKey}, now, time.Hour); err == nil {
		t.Error("the log's own key passed as a witness")
	}
	// Another key under the witness's name has cosigned nothing.
	_, impostor, _ := ledger.LoadKey(filepath.Join(t.TempDir(), "i.key"), "witness.test")
	if _, err := ledger.CheckWitnesses(f.ctx, f.client(), st.Key, rep, []string{impostor}, now, time.Hour); err == nil {
		t.Error("a key that never cosigned passed under the witness's name")
	}
	// A day later, the only cosignature served is a day old: a log that
	// hid the newer ones (say, after rewriting history) must not pass.
	if _, err := ledger.CheckWitnesses(f.ctx, f.client(), st.Key, rep, []string{wv}, now.Add(25*time.Hour), 24*time.Hour); err == nil ||
		!strings.Contains(err.Error(), "in the last 24h") {
		t.Errorf("a day-old cosignature passed a 24-hour bound: %v", err)
	}
}

// TestAppendIsTransactional: a change that fails leaves no record.
func TestAppendIsTransactional(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.append(3)
		err := d.InTx(f.ctx, func(tx *db.Tx) error {
			if _, err := ledger.Append(f.ctx, tx, ledger.Entry{Kind: ledger.VacancyPublished, At: time.Now()}); err != nil {
				return err
			}
			return errors.New("the change failed")
		})
		if err == nil {
			t.Fatal("no error")
		}
		if n, _ := ledger.Size(f.ctx, d); n != 3 {
			t.Fatalf("size %d after a rolled-back append", n)
		}
		if first := f.append(1); first != 3 {
			t.Fatalf("next record %d", first)
		}
		if _, err := ledger.VerifyDB(f.ctx, d, ""); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCommit(t *testing.T) {
	a := ledger.Commit("salt", "application", "1", "2")
	if a == ledger.Commit("salt", "application", "1", "3") || a == ledger.Commit("other", "application", "1", "2") || len(a) != 64 {
		t.Fatal("commitments must differ with salt and parts")
	}
	if a != ledger.Commit("salt", "application", "1", "2") {
		t.Fatal("commitment not deterministic")
	}
}

// TestEveryProofChecks proves every record of a tree with several full
// 256-record subtrees, twice: the second pass takes the upper hashes from
// memory and must give the same, valid proofs. A one-record tree needs no
// hashes at all.
func TestEveryProofChecks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.append(1)
		f.checkpoint()
		if p, err := f.l.Prove(f.ctx, 0); err != nil || len(p.Hashes) != 0 || p.Record == "" {
			t.Fatalf("one-record tree: %+v %v", p, err)
		}
		f.append(1100)
		f.checkpoint()
		first := map[int64][]string{}
		for pass := range 2 {
			for n := int64(0); n < 1101; n += 7 {
				p, err := f.l.Prove(f.ctx, n)
				if err != nil {
					t.Fatalf("pass %d, record %d: %v", pass, n, err)
				}
				if _, err := ledger.CheckProof(p, f.l.VerifierKey); err != nil {
					t.Fatalf("pass %d, record %d: %v", pass, n, err)
				}
				if pass == 0 {
					first[n] = p.Hashes
				} else if !slices.Equal(first[n], p.Hashes) {
					t.Fatalf("record %d: the proof changed once hashes came from memory", n)
				}
			}
		}
		if _, err := f.l.Prove(f.ctx, 1101); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a record beyond the tree: %v", err)
		}
	})
}

// TestProofsAfterTheLogShrank: a database restored from an older, different
// history under a running process; the hashes kept from the bigger tree must
// not leak into proofs of the smaller one.
func TestProofsAfterTheLogShrank(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	f.append(600)
	f.checkpoint()
	for n := int64(0); n < 600; n += 50 {
		if _, err := f.l.Prove(f.ctx, n); err != nil { // fills the kept hashes
			t.Fatal(err)
		}
	}
	// Another history from record 10 on, 300 records in all.
	f.truncate(10)
	f.append(290)
	f.checkpoint()
	for n := int64(0); n < 300; n += 7 {
		p, err := f.l.Prove(f.ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ledger.CheckProof(p, f.l.VerifierKey); err != nil {
			t.Fatalf("record %d after the log shrank: %v", n, err)
		}
	}
}

// TestConcurrentProofs: proofs read while records are appended and
// checkpoints signed all verify (run with -race to check the kept hashes).
func TestConcurrentProofs(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	f.append(300)
	f.checkpoint()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 150 {
				p, err := f.l.Prove(f.ctx, int64((g*151+i*37)%300))
				if err == nil {
					_, err = ledger.CheckProof(p, f.l.VerifierKey)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for range 5 {
		f.append(100)
		f.checkpoint()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
