package ledger

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
)

// The log must never sign two trees of one size. A database restored from
// an older copy holds a smaller tree than the log last signed; appending to
// it would grow other trees through sizes the public has already seen
// signed with other roots: a fork that verifiers and witnesses rightly
// report. So the last checkpoint the log signed is kept outside the
// database too (SignedPath, beside the key, written before the checkpoint
// is published), witnesses that find the log behind post back the
// checkpoint they remember (AddCosignature), and a database that does not
// hold those trees is frozen: Append refuses, every logged write answers
// 503, reads go on, until the operator restores a later copy or announces
// the loss (AnnounceLoss).

// FrozenError is an append refused because the database is behind what
// the log signed. It is fail.Unavailable: both doors answer 503 with
// Retry-After.
type FrozenError struct{ Reason string }

func (e *FrozenError) Error() string { return "ledger: writes are refused: " + e.Reason }

// Is makes a FrozenError a fail.Unavailable.
func (e *FrozenError) Is(target error) bool { return target == fail.Unavailable }

// RetryAfter: the state lasts until the operator acts; clients need not
// hammer.
func (e *FrozenError) RetryAfter() time.Duration { return time.Minute }

// behind says why the database (its state st, read through q) does not
// hold the signed tree cp, or "" when it does: cp is a tree of the
// database's epoch that its tree extends, or an older epoch's that a loss
// notice in the database covers.
func (k keys) behind(ctx context.Context, q db.Querier, st dbState, cp signedTree) (string, error) {
	epoch, origin := st.epoch(k)
	const fix = "; restore a later copy or announce the loss"
	switch {
	case cp.epoch > epoch:
		return fmt.Sprintf("database is behind the log's last signed checkpoint: %s, while the database's log is still %s with %d records%s",
			cp, origin, st.size, fix), nil
	case cp.epoch == epoch:
		if st.size < cp.tree.N {
			return fmt.Sprintf("database is behind the log's last signed checkpoint: size %d root %s (%s), the database holds %d records%s",
				cp.tree.N, b64(cp.tree.Hash), cp.origin, st.size, fix), nil
		}
		t, err := treeAt(ctx, q, cp.tree.N)
		if err != nil {
			return "", err
		}
		if t.Hash != cp.tree.Hash {
			return fmt.Sprintf("the database's tree of %d records has root %s, but the log signed root %s at that size (%s)%s",
				cp.tree.N, b64(t.Hash), b64(cp.tree.Hash), cp.origin, fix), nil
		}
		return "", nil
	}
	// An older epoch's tree: a notice must have announced its loss, or
	// kept it.
	for _, e := range st.notices {
		if e.Epoch <= cp.epoch {
			continue
		}
		n, err := noticeOf(e)
		if err != nil {
			return "", err
		}
		if n.Lost.Origin == cp.origin && (cp.tree.N < n.Lost.N || cp.tree == n.Lost.Tree) {
			return "", nil
		}
		if n.Kept.Origin == cp.origin && cp.tree.N <= n.Kept.N {
			t, err := treeAt(ctx, q, cp.tree.N)
			if err != nil {
				return "", err
			}
			if t.Hash == cp.tree.Hash {
				return "", nil
			}
		}
	}
	return fmt.Sprintf("the log signed %s, and no loss notice in the database covers it%s", cp, fix), nil
}

// noticeOf reads a stored notice's text (its signatures were checked when
// it was made; verifiers check them again).
func noticeOf(e NoticeEntry) (Notice, error) {
	n, err := parseNoticeMsg(e.Notice)
	if err != nil {
		return n, fmt.Errorf("ledger notice of epoch %d: %w", e.Epoch, err)
	}
	return n, nil
}

func b64(h tlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:]) }

// keys returns the log's key family, read from its epoch-1 key the first
// time (before Start may switch Signer to a later epoch's name).
func (l *Log) keys() (keys, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fam == nil {
		k, err := newKeys(l.VerifierKey, l.Signer)
		if err != nil {
			return keys{}, err
		}
		l.fam = &k
	}
	return *l.fam, nil
}

// setEpoch makes the log sign as another of its origins.
func (l *Log) setEpoch(s note.Signer, vkey string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Signer, l.VerifierKey = s, vkey
	l.latest, l.lastMsg = nil, ""
}

// readSigned reads the last signed checkpoint kept outside the database,
// nil when there is none.
func (l *Log) readSigned(k keys) (*signedTree, error) {
	if l.SignedPath == "" {
		return nil, nil
	}
	b, err := os.ReadFile(l.SignedPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	cp, err := k.open(b)
	if err != nil {
		return nil, fmt.Errorf("ledger: %s: %w", l.SignedPath, err)
	}
	return &cp, nil
}

// writeSigned keeps cp outside the database if it is newer than the one
// kept there.
func (l *Log) writeSigned(k keys, cp signedTree) error {
	if l.SignedPath == "" {
		return nil
	}
	l.fileMu.Lock()
	defer l.fileMu.Unlock()
	cur, err := l.readSigned(k)
	if err != nil {
		return err
	}
	if cur != nil && !cp.newer(*cur) {
		return nil
	}
	return WriteFileAtomic(l.SignedPath, []byte(cp.msg))
}

// WriteFileAtomic writes b to path, mode 0600, so that a crash leaves
// either the old file or the new one: a temporary file in the same folder,
// synced, renamed over path, and the folder synced.
func WriteFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the rename, a no-op
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// freeze refuses appends from now on, saying why, unless the log is
// already frozen on a newer checkpoint than cp.
func (l *Log) freeze(ctx context.Context, k keys, why string, cp signedTree) error {
	err := l.DB.InTx(ctx, func(tx *db.Tx) error {
		var cur string
		if err := tx.QueryRowContext(ctx, `SELECT frozen_checkpoint FROM ledger_state WHERE id = 1`).Scan(&cur); err != nil {
			return err
		}
		if cur != "" {
			if c, err := k.open([]byte(cur)); err == nil && !cp.newer(c) {
				return nil
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE ledger_state SET frozen = ?, frozen_checkpoint = ? WHERE id = 1`, why, cp.msg)
		return err
	})
	if err != nil {
		return fmt.Errorf("ledger: freeze: %w", err)
	}
	l.mu.Lock()
	l.roAt = time.Time{}
	l.mu.Unlock()
	return nil
}

// Status is the log's state as Start and Guard found it.
type Status struct {
	Origin string // the origin the database's log signs as now
	Size   int64  // its records
	// Frozen says why writes are refused, "" when they are not.
	Frozen string
	// Signed is the last checkpoint the log is known to have signed, as
	// kept outside the database ("" when nothing was signed yet).
	Signed string
	// Started is true when no checkpoint was kept outside the database
	// before: the database's latest was taken as the last signed one.
	Started bool
}

// Start readies the log for a process that signs: it takes the epoch the
// database is in (its origin and key) and runs Guard.
func (l *Log) Start(ctx context.Context) (Status, error) {
	k, err := l.keys()
	if err != nil {
		return Status{}, err
	}
	st, err := readState(ctx, l.DB)
	if err != nil {
		return Status{}, err
	}
	if _, origin := st.epoch(k); origin != l.Origin() {
		s, err := k.signerFor(origin)
		if err != nil {
			return Status{}, err
		}
		vk, _ := k.verifierKey(origin)
		l.setEpoch(s, vk)
	}
	return l.Guard(ctx)
}

// Guard checks the database against every signed checkpoint it knows of
// (the one kept outside the database, the one the log froze on, the
// database's own latest), freezes the log if the database does not hold
// one of them, and keeps the newest outside the database.
func (l *Log) Guard(ctx context.Context) (Status, error) {
	k, err := l.keys()
	if err != nil {
		return Status{}, err
	}
	st, err := readState(ctx, l.DB)
	if err != nil {
		return Status{}, err
	}
	var known []signedTree
	file, err := l.readSigned(k)
	if err != nil {
		return Status{}, err
	}
	if file != nil {
		known = append(known, *file)
	}
	if st.frozenCP != "" {
		cp, err := k.open([]byte(st.frozenCP))
		if err != nil {
			return Status{}, fmt.Errorf("ledger: the checkpoint the log froze on: %w", err)
		}
		known = append(known, cp)
	}
	latest, ok, err := l.latestStored(ctx)
	if err != nil {
		return Status{}, err
	}
	if ok {
		cp, err := k.open(latest)
		if err != nil {
			return Status{}, fmt.Errorf("ledger: the database's latest checkpoint: %w", err)
		}
		known = append(known, cp)
	}
	var newest *signedTree
	for i, cp := range known {
		if newest == nil || cp.newer(*newest) {
			newest = &known[i]
		}
		why, err := k.behind(ctx, l.DB, st, cp)
		if err != nil {
			return Status{}, err
		}
		if why != "" {
			if err := l.freeze(ctx, k, why, cp); err != nil {
				return Status{}, err
			}
		}
	}
	out := Status{Started: file == nil && l.SignedPath != ""}
	if newest != nil {
		if err := l.writeSigned(k, *newest); err != nil {
			return Status{}, fmt.Errorf("ledger: keep the last signed checkpoint outside the database: %w", err)
		}
		out.Signed = newest.msg
	}
	if st, err = readState(ctx, l.DB); err != nil {
		return Status{}, err
	}
	_, out.Origin = st.epoch(k)
	out.Size, out.Frozen = st.size, st.frozen
	return out, nil
}

// ReadOnly says why the log refuses writes, "" when it does not. It reads
// the database at most once a second.
func (l *Log) ReadOnly(ctx context.Context) (string, error) {
	now := time.Now()
	l.mu.Lock()
	if !l.roAt.IsZero() && now.Sub(l.roAt) < time.Second && now.After(l.roAt) {
		r := l.ro
		l.mu.Unlock()
		return r, nil
	}
	l.mu.Unlock()
	var why string
	if err := l.DB.QueryRowContext(ctx, `SELECT frozen FROM ledger_state WHERE id = 1`).Scan(&why); err != nil {
		return "", fmt.Errorf("ledger state: %w", err)
	}
	l.mu.Lock()
	l.ro, l.roAt = why, now
	l.mu.Unlock()
	return why, nil
}

// Observe takes a checkpoint someone holds (a witness, a verifier, the
// operator from a witness's state): if the log signed it and the database
// does not hold its tree, the log freezes and keeps it outside the
// database, and Observe returns the *FrozenError.
func (l *Log) Observe(ctx context.Context, msg []byte) error {
	k, err := l.keys()
	if err != nil {
		return err
	}
	cp, err := k.open(msg)
	if err != nil {
		return err
	}
	st, err := readState(ctx, l.DB)
	if err != nil {
		return err
	}
	why, err := k.behind(ctx, l.DB, st, cp)
	if err != nil || why == "" {
		return err
	}
	if err := l.freeze(ctx, k, why, cp); err != nil {
		return err
	}
	if err := l.writeSigned(k, cp); err != nil {
		return err
	}
	return &FrozenError{Reason: why}
}

// mustExtend refuses to sign t (the database's tree under origin) unless
// it extends the last checkpoint kept outside the database, freezing the
// log if it does not. It runs before every signature.
func (l *Log) mustExtend(ctx context.Context, k keys, st dbState, origin string, t tlog.Tree) error {
	cp, err := l.readSigned(k)
	if err != nil || cp == nil {
		return err
	}
	var why string
	if cp.origin != origin {
		if why, err = k.behind(ctx, l.DB, st, *cp); err != nil {
			return err
		}
	} else if t.N < cp.tree.N {
		why = fmt.Sprintf("database is behind the log's last signed checkpoint: size %d root %s (%s), the database holds %d records; restore a later copy or announce the loss",
			cp.tree.N, b64(cp.tree.Hash), cp.origin, t.N)
	} else if t.N == cp.tree.N {
		if t.Hash != cp.tree.Hash {
			why = fmt.Sprintf("the database's tree of %d records has root %s, but the log signed root %s at that size (%s); restore a later copy or announce the loss",
				t.N, b64(t.Hash), b64(cp.tree.Hash), cp.origin)
		}
	} else if cp.tree.N > 0 {
		// (Every tree extends the empty one: a checkpoint of size 0, signed
		// before the first record, needs no proof, and tlog has none for it.)
		p, err := tlog.ProveTree(t.N, cp.tree.N, dbHashes{ctx, l.DB})
		if err == nil {
			err = tlog.CheckTree(p, t.N, t.Hash, cp.tree.N, cp.tree.Hash)
		}
		if err != nil {
			why = fmt.Sprintf("the database's tree of %d records does not extend the log's last signed checkpoint, size %d root %s (%s): %v; restore a later copy or announce the loss",
				t.N, cp.tree.N, b64(cp.tree.Hash), cp.origin, err)
		}
	}
	if why == "" {
		return nil
	}
	if err := l.freeze(ctx, k, why, *cp); err != nil {
		return err
	}
	return &FrozenError{Reason: why}
}
