package ledger_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestInteriorHashNamed: a changed interior hash names a record it covers.
func TestInteriorHashNamed(t *testing.T) {
	g := newFixture(t, dbtest.SQLite(t))
	g.append(300)
	g.checkpoint()
	// level-1 hash of node 100 covers records 200,201; written by record 201.
	idx := tlog.StoredHashIndex(1, 100)
	if _, err := g.d.ExecContext(g.ctx, `UPDATE ledger_hashes SET h = ? WHERE i = ?`, make([]byte, 32), idx); err != nil {
		t.Fatal(err)
	}
	_, err := ledger.VerifyDB(g.ctx, g.d, g.l.VerifierKey)
	var bad *ledger.BadRecordError
	if !errors.As(err, &bad) || (bad.N != 201 && bad.N != 200) {
		t.Fatalf("interior hash of records 200-201 changed, named: %v", err)
	}
}

// TestForgedCosignatureRefused: a garbage signature line under a trusted
// witness's name is refused, an unknown witness is refused, and the real
// witness's cosignature is stored and verifies with its key.
func TestForgedCosignatureRefused(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	f.append(5)
	cp := f.checkpoint()
	ws, wv, err := ledger.LoadCosigner(filepath.Join(t.TempDir(), "w.key"), "witness.test")
	if err != nil {
		t.Fatal(err)
	}
	f.l.Witnesses = []string{wv}
	forged := string(cp) + "— witness.test AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
	if err := f.l.AddCosignature(f.ctx, []byte(forged)); err == nil {
		t.Fatal("a forged cosignature was accepted")
	}
	// The trusted witness's key, but a plain note signature rather than a
	// cosignature/v1: not what the log asks of witnesses.
	wkeyFile := filepath.Join(t.TempDir(), "w2.key")
	ws2, wv2, _ := ledger.LoadCosigner(wkeyFile, "witness.test")
	plain, _, _ := ledger.LoadKey(wkeyFile, "witness.test")
	f.l.Witnesses = []string{wv, wv2}
	n0, _ := note.Open(cp, note.VerifierList(mustVerifier(t, f.l.VerifierKey)))
	if msg, _ := note.Sign(n0, plain); f.l.AddCosignature(f.ctx, msg) == nil {
		t.Fatal("a plain signature was accepted as a cosignature/v1")
	}
	if msg, _ := note.Sign(n0, ws2); f.l.AddCosignature(f.ctx, msg) != nil {
		t.Fatal("the same key's cosignature/v1 was refused")
	}
	f.l.Witnesses = []string{wv}
	if _, err := d.ExecContext(f.ctx, `DELETE FROM ledger_cosignatures`); err != nil {
		t.Fatal(err)
	}
	os, _, _ := ledger.LoadKey(filepath.Join(t.TempDir(), "other.key"), "someone.else")
	n, _ := note.Open(cp, note.VerifierList(mustVerifier(t, f.l.VerifierKey)))
	other, _ := note.Sign(n, os)
	if err := f.l.AddCosignature(f.ctx, other); err == nil {
		t.Fatal("an unknown witness's cosignature was accepted")
	}
	var st ledger.State
	if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &st, true); err != nil {
		t.Fatalf("witness: %v", err)
	}
	cs, _ := f.l.Cosignatures(f.ctx, 10)
	if len(cs) != 1 {
		t.Fatalf("%d cosignatures stored", len(cs))
	}
	// A row stored under the old plain form (as before cosignature/v1) is
	// not shown as the witness's word.
	n1, _ := note.Open(cp, note.VerifierList(mustVerifier(t, f.l.VerifierKey)))
	oldForm, _ := note.Sign(n1, plain)
	if _, err := d.ExecContext(f.ctx, `INSERT INTO ledger_cosignatures (size, witness, note, created_at) VALUES (?, ?, ?, ?)`,
		int64(4), "witness.test", string(oldForm), time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	f.l.Witnesses = []string{wv, wv2} // the old row's key is listed; its form is not
	if cs, _ := f.l.Cosignatures(f.ctx, 10); len(cs) != 1 {
		t.Fatalf("%d cosignatures listed with an old-form row stored", len(cs))
	}
	f.l.Witnesses = []string{wv}
	cv, err := ledger.NewCosignatureVerifier(wv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := note.Open([]byte(cs[0].Note), note.VerifierList(mustVerifier(t, f.l.VerifierKey), cv)); err != nil {
		t.Errorf("the stored cosignature does not verify with the witness's key: %v", err)
	}
}

func mustVerifier(t *testing.T, k string) note.Verifier {
	t.Helper()
	v, err := note.NewVerifier(k)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestVerifyWhileAppending: concurrent appends stay consistent, and
// VerifyDB on a log that grows meanwhile checks what it read, without false alarms.
func TestVerifyWhileAppending(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < 20; i++ {
					err := d.InTx(f.ctx, func(tx *db.Tx) error {
						_, err := ledger.Append(f.ctx, tx, ledger.Entry{Kind: "x", At: time.Now(), Fields: map[string]any{"g": g, "i": i}},
							ledger.Entry{Kind: "y", At: time.Now(), Fields: map[string]any{"g": g, "i": i}})
						return err
					})
					if err != nil {
						errs <- fmt.Errorf("g%d i%d: %w", g, i, err)
						return
					}
				}
			}(g)
		}
		// verify while appending
		done := make(chan struct{})
		var verr []string
		go func() {
			defer close(done)
			for k := 0; k < 30; k++ {
				if _, err := ledger.VerifyDB(f.ctx, d, ""); err != nil {
					verr = append(verr, err.Error())
				}
				f.l.Checkpoint(f.ctx)
			}
		}()
		wg.Wait()
		<-done
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if len(verr) > 0 {
			t.Errorf("VerifyDB during appends failed %d times, e.g. %s", len(verr), strings.Join(verr[:1], ""))
		}
		if _, err := ledger.VerifyDB(f.ctx, d, f.l.VerifierKey); err != nil {
			t.Fatal(err)
		}
	})
}
