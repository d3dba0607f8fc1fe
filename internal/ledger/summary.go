package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// Summary is a database's log at a glance, for a backup's manifest and
// `bursa ledger status`.
type Summary struct {
	Size       int64
	Root       tlog.Hash
	Epoch      int    // 1 until a loss was announced
	Origin     string // the epoch's origin; "" in epoch 1 (the key's name)
	Checkpoint string // the latest stored signed checkpoint, "" if none
	Frozen     string // why writes are refused, "" when they are not
}

// Describe reads the summary of the log in q (a snapshot, for a backup).
func Describe(ctx context.Context, q db.Querier) (Summary, error) {
	st, err := readState(ctx, q)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Size: st.size, Epoch: 1, Frozen: st.frozen}
	if n := len(st.notices); n > 0 {
		s.Epoch, s.Origin = st.notices[n-1].Epoch, st.notices[n-1].Origin
	}
	t, err := treeAt(ctx, q, st.size)
	if err != nil {
		return s, err
	}
	s.Root = t.Hash
	err = q.QueryRowContext(ctx, `SELECT note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&s.Checkpoint)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("ledger checkpoint: %w", err)
	}
	return s, nil
}

// KeepSigned writes msg, a checkpoint signed by the log whose first key is
// vkey, to path (the file beside the key) unless the file already holds a
// later one; it reports whether it wrote.
func KeepSigned(path, vkey string, msg []byte) (bool, error) {
	k, err := newKeys(vkey, nil)
	if err != nil {
		return false, err
	}
	cp, err := k.open(msg)
	if err != nil {
		return false, err
	}
	if b, err := os.ReadFile(path); err == nil {
		if cur, err := k.open(b); err == nil && !cp.newer(cur) {
			return false, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	return true, WriteFileAtomic(path, msg)
}

// CheckpointAge is how long ago the log's latest checkpoint was signed, for
// the metrics (checkpoints come every second while the log grows; a stale
// one with new records means signing stopped, e.g. a frozen log).
func (l *Log) CheckpointAge(ctx context.Context) (time.Duration, error) {
	var at db.AggTime
	if err := l.DB.QueryRowContext(ctx, `SELECT MAX(created_at) FROM ledger_checkpoints`).Scan(&at); err != nil {
		return 0, fmt.Errorf("checkpoint age: %w", err)
	}
	if !at.Valid {
		return 0, nil
	}
	return l.Now().Sub(at.Time), nil
}
