// Package ledger is bursa's public tamper-evident log. Every vacancy
// published, application received, selection decision, placement, training
// round opened and allocated, and complaint received is appended, in the same
// transaction as the change, as a canonical JSON record with no personal data
// (people appear only as salted commitments). The records form a Merkle tree
// in the layout of Go's checksum database (golang.org/x/mod/sumdb/tlog); the
// log publishes signed checkpoints in the C2SP tlog-checkpoint format, hash
// and data tiles, and inclusion proofs, so anyone can check with their own
// software that nothing was changed, removed or shown differently to
// different people.
package ledger

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// Version is the record format version written into every record.
const Version = 1

// Record kinds.
const (
	VacancyPublished    = "vacancy.published"
	VacancyChanged      = "vacancy.changed"
	VacancyClosed       = "vacancy.closed"
	ApplicationReceived = "application.received"
	ApplicationDecided  = "application.status"
	PlacementReported   = "placement.reported"
	RoundOpened         = "training.round.opened"
	RoundAllocated      = "training.round.allocated"
	SeatAllocated       = "training.seat"
	ComplaintReceived   = "complaint.received"
	// The wage council's decided UMK recommendation (internal/wage) and an
	// LKS Tripartit recommendation or its follow-up state.
	WageRecommendation       = "wage.recommendation"
	TripartiteRecommendation = "tripartite.recommendation"
	// An apprenticeship program the labor office approved with its terms,
	// and its end with its outcomes in counts (internal/apprentice).
	ApprenticeshipApproved = "apprenticeship.approved"
	ApprenticeshipEnded    = "apprenticeship.ended"
	// Small businesses (internal/umkm): a business's class changed by PP
	// 7/2021, an assistance program opened with its seed committed, and its
	// seats allocated with the seed revealed.
	UMKMClassMoved       = "umkm.class"
	UMKMProgramOpened    = "umkm.program.opened"
	UMKMProgramAllocated = "umkm.program.allocated"
)

// Entry is one record to append: its kind and its public fields. Fields must
// never hold personal data; people are referred to by Commit.
type Entry struct {
	Kind   string
	At     time.Time
	Fields map[string]any
}

// encode renders the canonical JSON of a record: encoding/json sorts map
// keys, so the same entry always gives the same bytes.
func encode(e Entry) ([]byte, error) {
	m := make(map[string]any, len(e.Fields)+3)
	for k, v := range e.Fields {
		m[k] = v
	}
	m["v"] = Version
	m["kind"] = e.Kind
	m["at"] = e.At.UTC().Format(time.RFC3339)
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("ledger: encode %s: %w", e.Kind, err)
	}
	return b, nil
}

// Salt returns a fresh random salt for a commitment.
func Salt() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Commit is the public commitment to a private fact (who applied, who
// complained): hex SHA-256 of "bursa-commit-v1", the salt and the parts,
// separated by newlines. Whoever holds the salt can show the fact matches.
func Commit(salt string, parts ...string) string {
	h := sha256.New()
	h.Write([]byte("bursa-commit-v1\n" + salt))
	for _, p := range parts {
		h.Write([]byte("\n" + p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ContentHash is the hex SHA-256 of a value's JSON, for records that state
// a document's fingerprint without its whole text.
func ContentHash(v any) string {
	b, _ := json.Marshal(v)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Append adds entries to the log inside tx and returns the index of the
// first. It locks the log's size row, so appends from concurrent
// transactions are serial, and writes records and tree hashes with the
// change they record: if tx rolls back, the log never had them.
func Append(ctx context.Context, tx *db.Tx, entries ...Entry) (int64, error) {
	if len(entries) == 0 {
		return 0, errors.New("ledger: nothing to append")
	}
	// Growing the size first takes the row's lock (appends are serial) and
	// reads where this batch starts, in one statement. A frozen log (its
	// database is behind what it signed, see guard.go) grows no more: this
	// is the one place every logged write passes, so refusing here refuses
	// them all, with the change they record.
	var end int64
	err := tx.QueryRowContext(ctx, `UPDATE ledger_state SET size = size + ? WHERE id = 1 AND frozen = '' RETURNING size`,
		len(entries)).Scan(&end)
	if errors.Is(err, sql.ErrNoRows) {
		var why string
		if err := tx.QueryRowContext(ctx, `SELECT frozen FROM ledger_state WHERE id = 1`).Scan(&why); err != nil {
			return 0, fmt.Errorf("ledger: state: %w", err)
		}
		return 0, &FrozenError{Reason: why}
	}
	if err != nil {
		return 0, fmt.Errorf("ledger: size: %w", err)
	}
	size := end - int64(len(entries))
	hr := &txHashes{ctx: ctx, q: tx, fresh: map[int64]tlog.Hash{}}
	recs := db.NewBulk(tx, "ledger_records", "n", "kind", "data", "created_at")
	hashes := db.NewBulk(tx, "ledger_hashes", "i", "h")
	// Each record is indexed under the public objects it is about, in the
	// same transaction, so histories and filters never miss a record.
	ix := newIndexer(tx)
	objs := db.NewBulk(tx, "ledger_objects", "object", "ref", "n", "kind").After(recs)
	for i, e := range entries {
		data, err := encode(e)
		if err != nil {
			return 0, err
		}
		n := size + int64(i)
		hs, err := tlog.StoredHashes(n, data, hr)
		if err != nil {
			return 0, fmt.Errorf("ledger: hashes of record %d: %w", n, err)
		}
		base := tlog.StoredHashCount(n)
		for j, h := range hs {
			hr.fresh[base+int64(j)] = h
			if err := hashes.Add(ctx, base+int64(j), h[:]); err != nil {
				return 0, err
			}
		}
		if err := recs.Add(ctx, n, e.Kind, data, e.At.UTC()); err != nil {
			return 0, err
		}
		refs, err := ix.refs(ctx, data)
		if err != nil {
			return 0, fmt.Errorf("ledger: index record %d: %w", n, err)
		}
		for _, r := range refs {
			if err := objs.Add(ctx, r.Object, r.ID, n, e.Kind); err != nil {
				return 0, err
			}
		}
	}
	if err := recs.Flush(ctx); err != nil {
		return 0, fmt.Errorf("ledger: records: %w", err)
	}
	if err := hashes.Flush(ctx); err != nil {
		return 0, fmt.Errorf("ledger: hashes: %w", err)
	}
	if err := objs.Flush(ctx); err != nil {
		return 0, fmt.Errorf("ledger: index: %w", err)
	}
	return size, nil
}

// txHashes reads stored hashes: those written earlier in this append from
// memory, older ones from the table (a few per batch: the tree's left
// frontier), remembered once read.
type txHashes struct {
	ctx   context.Context
	q     db.Querier
	fresh map[int64]tlog.Hash
}

func (r *txHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	var missing []int64
	for i, x := range indexes {
		if h, ok := r.fresh[x]; ok {
			out[i] = h
		} else {
			missing = append(missing, x)
		}
	}
	if len(missing) > 0 {
		got, err := readHashes(r.ctx, r.q, missing)
		if err != nil {
			return nil, err
		}
		for _, x := range missing {
			r.fresh[x] = got[x]
		}
		for i, x := range indexes {
			out[i] = r.fresh[x]
		}
	}
	return out, nil
}

// readHashes loads stored hashes by index; every index must exist.
func readHashes(ctx context.Context, q db.Querier, indexes []int64) (map[int64]tlog.Hash, error) {
	out := make(map[int64]tlog.Hash, len(indexes))
	for start := 0; start < len(indexes); start += 500 {
		part := indexes[start:min(start+500, len(indexes))]
		args := make([]any, len(part))
		for i, x := range part {
			args[i] = x
		}
		rows, err := q.QueryContext(ctx, `SELECT i, h FROM ledger_hashes WHERE i IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("ledger: read hashes: %w", err)
		}
		for rows.Next() {
			var i int64
			var b []byte
			if err := rows.Scan(&i, &b); err != nil {
				rows.Close()
				return nil, err
			}
			if len(b) != tlog.HashSize {
				rows.Close()
				return nil, fmt.Errorf("ledger: stored hash %d has %d bytes", i, len(b))
			}
			out[i] = tlog.Hash(b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, x := range indexes {
		if _, ok := out[x]; !ok {
			return nil, fmt.Errorf("ledger: stored hash %d missing", x)
		}
	}
	return out, nil
}

// dbHashes is a tlog.HashReader over the table.
type dbHashes struct {
	ctx context.Context
	q   db.Querier
}

func (r dbHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	got, err := readHashes(r.ctx, r.q, indexes)
	if err != nil {
		return nil, err
	}
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = got[x]
	}
	return out, nil
}

// Size returns the number of records.
func Size(ctx context.Context, q db.Querier) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT size FROM ledger_state WHERE id = 1`).Scan(&n)
	return n, err
}

// Record returns the exact bytes of record n.
func Record(ctx context.Context, q db.Querier, n int64) ([]byte, error) {
	var b []byte
	err := q.QueryRowContext(ctx, `SELECT data FROM ledger_records WHERE n = ?`, n).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("ledger record %d: %w", n, db.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("ledger record %d: %w", n, err)
	}
	return b, nil
}

// Records returns records [start, start+count) in order.
func Records(ctx context.Context, q db.Querier, start, count int64) ([][]byte, error) {
	rows, err := q.QueryContext(ctx, `SELECT n, data FROM ledger_records WHERE n >= ? AND n < ? ORDER BY n`, start, start+count)
	if err != nil {
		return nil, fmt.Errorf("ledger records: %w", err)
	}
	defer rows.Close()
	out := make([][]byte, 0, count)
	for rows.Next() {
		var n int64
		var b []byte
		if err := rows.Scan(&n, &b); err != nil {
			return nil, err
		}
		if n != start+int64(len(out)) {
			return nil, fmt.Errorf("ledger record %d missing", start+int64(len(out)))
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if int64(len(out)) != count {
		return nil, fmt.Errorf("ledger record %d missing", start+int64(len(out)))
	}
	return out, nil
}

// parseIndex reads a record number.
func parseIndex(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}
