package ledger_test

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// started opens the log as `bursa serve` does: the key and the last signed
// checkpoint in the fixture's data folder, the epoch from the database, and
// the check of one against the other.
func (f *fixture) started() (*ledger.Log, ledger.Status) {
	f.t.Helper()
	l := f.load()
	l.SignedPath = filepath.Join(f.dir, "ledger.checkpoint")
	st, err := l.Start(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return l, st
}

// restoreOlder puts the database back to the copy it was when the log had
// n records: later records, hashes, checkpoints, cosignatures and notices
// are not in it, and it was not frozen then.
func (f *fixture) restoreOlder(n int64) {
	f.t.Helper()
	for _, q := range []struct {
		sql string
		arg int64
	}{{`DELETE FROM ledger_records WHERE n >= ?`, n}, {`DELETE FROM ledger_hashes WHERE i >= ?`, tlog.StoredHashCount(n)},
		{`UPDATE ledger_state SET size = ?, frozen = '', frozen_checkpoint = ''`, n}, {`DELETE FROM ledger_checkpoints WHERE size > ?`, n},
		{`DELETE FROM ledger_cosignatures WHERE size > ?`, n}, {`DELETE FROM ledger_notices WHERE record >= ?`, n}} {
		if _, err := f.d.ExecContext(f.ctx, q.sql, q.arg); err != nil {
			f.t.Fatal(err)
		}
	}
}

// tryAppend appends one record and returns the error.
func (f *fixture) tryAppend(title string) error {
	return f.d.InTx(f.ctx, func(tx *db.Tx) error {
		_, err := ledger.Append(f.ctx, tx, ledger.Entry{Kind: ledger.VacancyPublished, At: time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC),
			Fields: map[string]any{"title": title}})
		return err
	})
}

func (f *fixture) maxCheckpoint() int64 {
	f.t.Helper()
	var n int64
	if err := f.d.QueryRowContext(f.ctx, `SELECT COALESCE(MAX(size), -1) FROM ledger_checkpoints`).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func wantFrozen(t *testing.T, err error, says string) {
	t.Helper()
	var fe *ledger.FrozenError
	if !errors.As(err, &fe) || !errors.Is(err, fail.Unavailable) || !strings.Contains(err.Error(), says) {
		t.Fatalf("want a refusal (fail.Unavailable) saying %q, got %v", says, err)
	}
}

// TestRestoredOlderCopyRefusesWrites: a database restored from a copy taken
// at 40 records, started beside the checkpoint file of the 60 the log
// signed since, refuses every append (an error of kind Unavailable, so 503
// at both doors) and signs nothing, while proofs and checkpoints are still
// served; the reason names the signed size and root.
func TestRestoredOlderCopyRefusesWrites(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.l, _ = f.started()
		f.append(40)
		f.checkpoint()
		f.append(20)
		cp60 := f.checkpoint()
		f.restoreOlder(40)

		l, st := f.started()
		f.l = l
		_, root60 := treeOf(t, l, cp60)
		if !strings.Contains(st.Frozen, "database is behind the log's last signed checkpoint: size 60 root "+root60) ||
			!strings.Contains(st.Frozen, "restore a later copy or announce the loss") {
			t.Fatalf("start beside a newer checkpoint: %+v", st)
		}
		if why, err := l.ReadOnly(f.ctx); err != nil || why != st.Frozen {
			t.Fatalf("read-only: %q %v", why, err)
		}
		wantFrozen(t, f.tryAppend("after the restore"), "size 60 root "+root60)
		if n, _ := ledger.Size(f.ctx, d); n != 40 {
			t.Fatalf("a refused append changed the size to %d", n)
		}
		// Reads go on: the last checkpoint the copy held, proofs in it.
		cp, err := l.Checkpoint(f.ctx)
		if err != nil || !strings.Contains(string(cp), "\n40\n") || f.maxCheckpoint() != 40 {
			t.Fatalf("checkpoint while frozen: %v\n%s", err, cp)
		}
		if p, err := l.Prove(f.ctx, 7); err != nil {
			t.Fatal(err)
		} else if _, err := ledger.CheckProof(p, l.VerifierKey); err != nil {
			t.Fatal(err)
		}
		// The file still names 60: a second restart is frozen too.
		b, _ := os.ReadFile(l.SignedPath)
		if string(b) != string(cp60) {
			t.Fatalf("the checkpoint file changed:\n%s", b)
		}
		if info, err := os.Stat(l.SignedPath); err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("checkpoint file mode: %v %v", info.Mode(), err)
		}
		if _, st := f.started(); st.Frozen == "" {
			t.Fatal("a second start forgot the freeze")
		}
	})
}

// TestNoSecondTreeOfASignedSize: a database replaced under a running
// process by an older copy, which then took writes up to the size the log
// had signed, has another tree of that size; the check before signing
// refuses to sign it, freezes the log, and keeps the first checkpoint.
func TestNoSecondTreeOfASignedSize(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.l, _ = f.started()
		f.append(40)
		f.checkpoint()
		f.append(20)
		cp60 := f.checkpoint()
		f.restoreOlder(40)
		// The process did not restart: the copy takes 20 other records.
		for i := range 20 {
			if err := f.tryAppend(fmt.Sprintf("other %d", i)); err != nil {
				t.Fatal(err)
			}
		}
		_, err := f.l.Checkpoint(f.ctx)
		wantFrozen(t, err, "the database's tree of 60 records has root")
		if f.maxCheckpoint() != 40 {
			t.Fatalf("a second tree of 60 records was signed")
		}
		if b, _ := os.ReadFile(f.l.SignedPath); string(b) != string(cp60) {
			t.Fatalf("the checkpoint file changed:\n%s", b)
		}
		wantFrozen(t, f.tryAppend("more"), "has root")
		// A tree that grew past the signed size but does not extend it is
		// refused the same way.
		g := newFixture(t, dbtest.SQLite(t))
		g.l, _ = g.started()
		g.append(30)
		g.checkpoint()
		g.restoreOlder(10)
		g.append(25)
		_, err = g.l.Checkpoint(g.ctx)
		wantFrozen(t, err, "does not extend the log's last signed checkpoint, size 30")
	})
}

func treeOf(t *testing.T, l *ledger.Log, cp []byte) (tlog.Tree, string) {
	t.Helper()
	v, _ := note.NewVerifier(l.VerifierKey)
	n, err := note.Open(cp, note.VerifierList(v))
	if err != nil {
		t.Fatal(err)
	}
	_, tr, err := ledger.ParseCheckpointBody(n.Text)
	if err != nil {
		t.Fatal(err)
	}
	return tr, base64.StdEncoding.EncodeToString(tr.Hash[:])
}

// TestAnnounceLoss: after a restored older copy, the operator announces the
// loss: a signed notice names the lost records (40–59), the log continues
// under origin/2 with the notice as record 40 and takes writes again, and
// verifiers that remember the old epoch accept the change only through the
// notice: not without one, not with a forged one, not when they saw more
// than it admits or other records than it keeps. A copy restored from
// before the announcement is frozen again and a second announcement begins
// epoch 3, which verifiers of both older epochs follow.
func TestAnnounceLoss(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.l, _ = f.started()
		f.append(25)
		cp25 := f.checkpoint()
		f.append(15)
		f.checkpoint()
		var seen25, seen60 ledger.State // verifiers that last looked at 25 and 60 records
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &seen25, true); err != nil {
			t.Fatal(err)
		}
		seen25.Checkpoint, seen25.Size = string(cp25), 25
		f.append(20)
		f.checkpoint()
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &seen60, true); err != nil {
			t.Fatal(err)
		}
		oldKey := f.l.VerifierKey
		if _, err := f.l.AnnounceLoss(f.ctx, "nothing happened"); !errors.Is(err, ledger.ErrNothingLost) {
			t.Fatalf("a loss announced with nothing lost: %v", err)
		}
		f.restoreOlder(40)
		f.l, _ = f.started()
		if _, err := f.l.AnnounceLoss(f.ctx, " "); err == nil {
			t.Fatal("a notice without a reason")
		}

		// Without a notice, the shrunken log fails the verifier.
		st := seen60
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, true); !errors.Is(err, ledger.ErrRewound) || !strings.Contains(err.Error(), "shrank from 60 to 40") {
			t.Fatalf("verify the restored log: %v", err)
		}

		n, err := f.l.AnnounceLoss(f.ctx, "disk failure on 2026-03-02; restored the backup of 03:00")
		if err != nil {
			t.Fatal(err)
		}
		if n.Lost.Origin != "bursa.test/ledger" || n.Lost.N != 60 || n.Kept.N != 40 || n.Next != "bursa.test/ledger/2" ||
			n.LostRange() != "records 40–59 of bursa.test/ledger" || f.l.Origin() != "bursa.test/ledger/2" {
			t.Fatalf("notice %+v %s", n, n.LostRange())
		}
		if rec, err := ledger.Record(f.ctx, d, 40); err != nil || !strings.Contains(string(rec), `"kind":"ledger.loss"`) {
			t.Fatalf("record 40: %s %v", rec, err)
		}
		if why, _ := f.l.ReadOnly(f.ctx); why != "" {
			t.Fatalf("still frozen: %s", why)
		}
		f.append(5)
		cp := f.checkpoint()
		if !strings.HasPrefix(string(cp), "bursa.test/ledger/2\n46\n") {
			t.Fatalf("checkpoint after the notice:\n%s", cp)
		}
		// A restart takes the new epoch from the database, not frozen.
		if l, st := f.started(); st.Frozen != "" || l.Origin() != "bursa.test/ledger/2" || st.Origin != "bursa.test/ledger/2" {
			t.Fatalf("restart after the notice: %s %+v", l.Origin(), st)
		}
		// verify --db: the notice, its record, and every checkpoint of both
		// epochs with the first key.
		rep, err := ledger.VerifyDBReport(f.ctx, d, oldKey)
		if err != nil || rep.Tree.N != 46 || len(rep.Notices) != 1 || rep.Origin != "bursa.test/ledger/2" || rep.Checkpoints < 3 {
			t.Fatalf("verify db: %+v %v", rep, err)
		}

		// The verifier that saw 60 accepts, told that 40–59 are gone.
		st = seen60
		vr, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, true)
		if err != nil || vr.Origin != "bursa.test/ledger/2" || len(vr.Notices) != 1 || vr.LostSeen != [2]int64{40, 60} || vr.Records != 46 {
			t.Fatalf("verify across the notice: %+v %v", vr, err)
		}
		if st.Key != n.NextKey {
			t.Fatalf("the verifier did not move to the new key: %s", st.Key)
		}
		// It then goes on as usual under the new key.
		f.append(3)
		f.checkpoint()
		if vr, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, false); err != nil || vr.Previous != 46 {
			t.Fatalf("verify after: %+v %v", vr, err)
		}
		// The one that saw 25, which the kept tree holds, checks they are
		// unchanged; a first-time verifier with the old key follows too.
		st = seen25
		if vr, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, false); err != nil || vr.LostSeen != [2]int64{} {
			t.Fatalf("verify from 25: %+v %v", vr, err)
		}
		st = ledger.State{}
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), oldKey, &st, false); err != nil {
			t.Fatalf("first look with the old key: %v", err)
		}

		// What the notice does not cover is refused. A verifier that saw
		// 70 records (the key did sign them, say):
		st = seen60
		st.Checkpoint = signAs(t, f, "bursa.test/ledger", 70, tlog.Hash{7})
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, false); !errors.Is(err, ledger.ErrRewound) || !strings.Contains(err.Error(), "admits only 60") {
			t.Fatalf("a verifier that saw more than the notice admits: %v", err)
		}
		// One that saw another tree of 60 records than the notice names:
		st.Checkpoint = signAs(t, f, "bursa.test/ledger", 60, tlog.Hash{6})
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, false); !errors.Is(err, ledger.ErrRewound) || !strings.Contains(err.Error(), "two trees of 60") {
			t.Fatalf("two trees of 60: %v", err)
		}
		// One that saw other first 25 records than the kept ones:
		st.Checkpoint = signAs(t, f, "bursa.test/ledger", 25, tlog.Hash{2})
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &st, false); !errors.Is(err, ledger.ErrRewound) || !strings.Contains(err.Error(), "not the ones this verifier saw") {
			t.Fatalf("other kept records: %v", err)
		}
		// A log that hides its notices, or serves forged ones:
		hide := f.serveNotices(t, func(string) string { return "[]" })
		st = seen60
		if _, err := ledger.VerifyRemote(f.ctx, hide, "", &st, false); !errors.Is(err, ledger.ErrRewound) || !strings.Contains(err.Error(), "no loss notice signed by the key of bursa.test/ledger") {
			t.Fatalf("without the notice: %v", err)
		}
		forger, _, _ := note.GenerateKey(rand.Reader, "bursa.test/ledger")
		forged := f.serveNotices(t, func(body string) string { return resign(t, body, forger) })
		st = seen60
		if _, err := ledger.VerifyRemote(f.ctx, forged, "", &st, false); !errors.Is(err, ledger.ErrRewound) {
			t.Fatalf("a notice signed by another key under the log's name: %v", err)
		}
		edited := f.serveNotices(t, func(body string) string {
			return strings.Replace(body, `lost bursa.test/ledger 60 `, `lost bursa.test/ledger 80 `, 1)
		})
		st = seen60
		if _, err := ledger.VerifyRemote(f.ctx, edited, "", &st, false); !errors.Is(err, ledger.ErrRewound) {
			t.Fatalf("an edited notice: %v", err)
		}

		// A copy from before the notice: frozen again (the file is of epoch 2).
		var seen2 ledger.State
		if _, err := ledger.VerifyRemote(f.ctx, f.client(), "", &seen2, false); err != nil {
			t.Fatal(err)
		}
		f.restoreOlder(30)
		l, st2 := f.started()
		if !strings.Contains(st2.Frozen, "bursa.test/ledger/2 size 49") || !strings.Contains(st2.Frozen, "still bursa.test/ledger with 30 records") || l.Origin() != "bursa.test/ledger" {
			t.Fatalf("a copy from before the notice: %s %+v", l.Origin(), st2)
		}
		f.l = l
		n3, err := l.AnnounceLoss(f.ctx, "restored the wrong backup")
		if err != nil {
			t.Fatal(err)
		}
		if n3.Next != "bursa.test/ledger/3" || n3.Lost.Origin != "bursa.test/ledger/2" || n3.Lost.N != 49 || n3.Kept.Origin != "bursa.test/ledger" || n3.Kept.N != 30 {
			t.Fatalf("second notice: %+v", n3)
		}
		for name, s := range map[string]ledger.State{"epoch 2": seen2, "epoch 1 at 60": seen60, "epoch 1 at 25": seen25} {
			if vr, err := ledger.VerifyRemote(f.ctx, f.client(), "", &s, false); err != nil || vr.Origin != "bursa.test/ledger/3" {
				t.Errorf("a verifier of %s: %+v %v", name, vr, err)
			}
		}
		if _, err := ledger.VerifyDB(f.ctx, d, oldKey); err != nil {
			t.Fatal(err)
		}
	})
}

// signAs signs a checkpoint of any tree with the fixture's key under origin,
// as a log that signed it would have.
func signAs(t *testing.T, f *fixture, origin string, n int64, h tlog.Hash) string {
	t.Helper()
	s, _, err := ledger.LoadKey(filepath.Join(f.dir, "ledger.key"), "")
	if err != nil {
		t.Fatal(err)
	}
	if origin != s.Name() {
		t.Fatalf("signAs %s: only the first origin", origin)
	}
	msg, err := note.Sign(&note.Note{Text: ledger.CheckpointBody(origin, tlog.Tree{N: n, Hash: h})}, s)
	if err != nil {
		t.Fatal(err)
	}
	return string(msg)
}

// serveNotices serves the fixture's log with /ledger/notices rewritten.
func (f *fixture) serveNotices(t *testing.T, rewrite func(string) string) *ledger.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		f.srv.Config.Handler.ServeHTTP(rec, r)
		body := rec.Body.String()
		if r.URL.Path == "/ledger/notices" {
			body = rewrite(body)
		}
		w.WriteHeader(rec.Code)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return &ledger.Client{Base: srv.URL + "/ledger", HTTP: srv.Client()}
}

// resign replaces the signatures of every notice in a /ledger/notices body
// by ones of skey (a key under the log's name that is not the log's).
func resign(t *testing.T, body, skey string) string {
	t.Helper()
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, part := range strings.SplitAfter(body, `"notice": "`) {
		text, rest, ok := strings.Cut(part, `\n\n`)
		if !ok || !strings.HasPrefix(text, "bursa-ledger-loss-notice/v1") {
			out.WriteString(part)
			continue
		}
		plain := strings.ReplaceAll(text, `\n`, "\n") + "\n"
		msg, err := note.Sign(&note.Note{Text: plain}, s)
		if err != nil {
			t.Fatal(err)
		}
		_, sigs, _ := strings.Cut(string(msg), "\n\n")
		_, tail, _ := strings.Cut(rest, `"`)
		out.WriteString(text + `\n\n` + strings.ReplaceAll(sigs, "\n", `\n`) + `"` + tail)
	}
	return out.String()
}

// TestWitnessPostsBackWhatItSaw: the data folder was lost with the
// database, so the restored log starts with no record of what it signed;
// the witness that cosigned 60 records finds it at 40, posts its
// checkpoint back, and the log freezes on it and keeps it in the file.
func TestWitnessPostsBackWhatItSaw(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	f.l, _ = f.started()
	ws, wv, err := ledger.LoadCosigner(filepath.Join(t.TempDir(), "w.key"), "witness.test")
	if err != nil {
		t.Fatal(err)
	}
	f.append(60)
	f.checkpoint()
	f.l.Witnesses = []string{wv}
	var wst ledger.State
	if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &wst, false); err != nil {
		t.Fatal(err)
	}
	f.restoreOlder(40)
	if err := os.Remove(filepath.Join(f.dir, "ledger.checkpoint")); err != nil {
		t.Fatal(err)
	}
	l, st := f.started()
	if st.Frozen != "" || !st.Started {
		t.Fatalf("without the file the restored copy cannot know: %+v", st)
	}
	l.Witnesses = []string{wv}
	f.l = l
	_, err = ledger.Witness(f.ctx, f.client(), "", ws, &wst, false)
	if !errors.Is(err, ledger.ErrRewound) || !strings.Contains(err.Error(), "posted back the checkpoint of 60 records") {
		t.Fatalf("witness on the restored log: %v", err)
	}
	wantFrozen(t, f.tryAppend("x"), "size 60")
	if _, st := f.started(); !strings.Contains(st.Frozen, "size 60") || !strings.Contains(st.Signed, "\n60\n") {
		t.Fatalf("after the witness: %+v", st)
	}
}

// TestFirstRecordsAfterEmptyCheckpoint: serve signs the empty log at start;
// the first records after it extend it (there is no proof to check from an
// empty tree) and must not freeze the log. A fresh installation that took
// its first complaints at once was frozen by this.
func TestFirstRecordsAfterEmptyCheckpoint(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.l, _ = f.started()
		f.checkpoint()
		if n := f.maxCheckpoint(); n != 0 {
			t.Fatalf("empty log signed at %d", n)
		}
		for i := 0; i < 3; i++ {
			if err := f.tryAppend(fmt.Sprintf("first %d", i)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.l.Checkpoint(f.ctx); err != nil {
			t.Fatalf("first checkpoint after the empty one: %v", err)
		}
		if why, err := f.l.ReadOnly(f.ctx); err != nil || why != "" {
			t.Fatalf("frozen after the first records: %q %v", why, err)
		}
		if err := f.tryAppend("then more"); err != nil {
			t.Fatal(err)
		}
	})
}

// TestAskWitnessesAtStart: a restored older copy whose checkpoint file was
// lost too asks the witnesses before it signs, and freezes on the
// checkpoint one of them remembers; an unreachable witness is skipped, and
// a witness that remembers an older, consistent checkpoint changes nothing.
func TestAskWitnessesAtStart(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.l, _ = f.started()
		ws, wv, err := ledger.LoadCosigner(filepath.Join(t.TempDir(), "w.key"), "saksi.test")
		if err != nil {
			t.Fatal(err)
		}
		f.append(30)
		f.checkpoint()
		f.l.Witnesses = []string{wv}
		var older ledger.State
		if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &older, false); err != nil {
			t.Fatal(err)
		}
		f.append(30)
		f.checkpoint()
		var wst ledger.State
		if _, err := ledger.Witness(f.ctx, f.client(), "", ws, &wst, false); err != nil {
			t.Fatal(err)
		}
		serve := func(st ledger.State) string {
			srv := httptest.NewServer(ledger.WitnessHandler(func() (ledger.State, error) { return st, nil }))
			t.Cleanup(srv.Close)
			return srv.URL
		}
		down := httptest.NewServer(http.NotFoundHandler())
		down.Close()

		// Consistent: the witness remembers 30, the log holds 60.
		asked, skipped, err := f.l.AskWitnesses(f.ctx, http.DefaultClient, []string{serve(older), down.URL, serve(ledger.State{})})
		if err != nil || asked != 1 || len(skipped) != 1 {
			t.Fatalf("consistent witness: asked %d skipped %v: %v", asked, skipped, err)
		}

		f.restoreOlder(40)
		if err := os.Remove(filepath.Join(f.dir, "ledger.checkpoint")); err != nil {
			t.Fatal(err)
		}
		l, st := f.started()
		if st.Frozen != "" {
			t.Fatalf("without the file and the witnesses the copy cannot know: %+v", st)
		}
		f.l = l
		_, _, err = l.AskWitnesses(f.ctx, http.DefaultClient, []string{down.URL, serve(wst)})
		wantFrozen(t, err, "size 60")
		wantFrozen(t, f.tryAppend("x"), "size 60")
	})
}
