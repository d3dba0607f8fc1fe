package ledger

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// BadRecordError names the first record that does not hold.
type BadRecordError struct {
	N      int64
	Reason string
}

func (e *BadRecordError) Error() string { return fmt.Sprintf("record %d: %s", e.N, e.Reason) }

// VerifyDB recomputes the whole tree from the stored records, compares every
// stored hash and the latest checkpoint's root, and returns the tree. It
// streams the records, holding only the stored hashes (64 bytes a record).
func VerifyDB(ctx context.Context, d *db.DB, vkey string) (tlog.Tree, error) {
	rep, err := VerifyDBReport(ctx, d, vkey)
	return rep.Tree, err
}

// DBReport is what VerifyDBReport found.
type DBReport struct {
	Tree        tlog.Tree
	Origin      string   // the origin the log signs as now ("" without a key)
	Notices     []Notice // announced losses, oldest first
	Checkpoints int      // checkpoints checked
}

// VerifyDBReport is VerifyDB that also reports the log's epochs. With vkey
// (the log's first key, as in ledger.key) every loss notice must be signed
// by a key the chain from vkey trusts, be the record it names, and keep the
// tree it says; every checkpoint must be signed under an origin the chain
// introduces and, after a loss, hold its epoch's notice.
func VerifyDBReport(ctx context.Context, d *db.DB, vkey string) (DBReport, error) {
	var rep DBReport
	t, reader, err := verifyHashes(ctx, d)
	rep.Tree = t
	if err != nil || vkey == "" {
		return rep, err
	}
	size := t.N
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return rep, err
	}
	rep.Origin = v.Name()
	known := map[string]note.Verifier{v.Name(): v}
	first := map[string]int64{} // origin → its notice's record
	notices, err := Notices(ctx, d)
	if err != nil {
		return rep, err
	}
	for _, e := range notices {
		var trusted []note.Verifier
		for _, kv := range known {
			trusted = append(trusted, kv)
		}
		n, _, err := openNotice(e.Notice, trusted...)
		if err != nil {
			return rep, fmt.Errorf("the loss notice of epoch %d: %w", e.Epoch, err)
		}
		if n.Next != e.Origin || n.NextKey != e.Key || n.Kept.N != e.Record {
			return rep, fmt.Errorf("the loss notice of epoch %d is stored as %s, key %s, record %d, but says %s, key %s, record %d",
				e.Epoch, e.Origin, e.Key, e.Record, n.Next, n.NextKey, n.Kept.N)
		}
		if n.Kept.N >= size {
			return rep, &BadRecordError{N: n.Kept.N, Reason: "the loss notice of epoch " + fmt.Sprint(e.Epoch) + " is not in the log"}
		}
		b, err := Record(ctx, d, n.Kept.N)
		if err != nil {
			return rep, err
		}
		if !isNoticeRecord(b, e.Notice) {
			return rep, &BadRecordError{N: n.Kept.N, Reason: "it is not the loss notice of epoch " + fmt.Sprint(e.Epoch)}
		}
		want := tlog.Hash{}
		if n.Kept.N > 0 {
			if want, err = tlog.TreeHash(n.Kept.N, reader); err != nil {
				return rep, err
			}
		}
		if want != n.Kept.Hash {
			return rep, &BadRecordError{N: n.Kept.N - 1, Reason: fmt.Sprintf("the loss notice of epoch %d keeps another tree of %d records", e.Epoch, n.Kept.N)}
		}
		known[n.Next] = mustVerifier(n.NextKey)
		first[n.Next] = n.Kept.N
		rep.Notices = append(rep.Notices, n)
		rep.Origin = n.Next
	}
	// The signed checkpoints must match the recomputed tree at their sizes.
	crows, err := d.QueryContext(ctx, `SELECT size, note FROM ledger_checkpoints WHERE size <= ? ORDER BY size`, size)
	if err != nil {
		return rep, err
	}
	defer crows.Close()
	for crows.Next() {
		var cs int64
		var msg string
		if err := crows.Scan(&cs, &msg); err != nil {
			return rep, err
		}
		origin, _, _ := strings.Cut(msg, "\n")
		cv := known[origin]
		if cv == nil {
			return rep, fmt.Errorf("checkpoint at %d: signed as %q, an origin no loss notice introduces", cs, origin)
		}
		nt, err := note.Open([]byte(msg), note.VerifierList(cv))
		if err != nil {
			return rep, fmt.Errorf("checkpoint at %d: %w", cs, err)
		}
		_, ct, err := ParseCheckpointBody(nt.Text)
		if err != nil {
			return rep, err
		}
		if ct.N > size {
			return rep, &BadRecordError{N: size, Reason: fmt.Sprintf("a checkpoint signed %d records", ct.N)}
		}
		if k, ok := first[origin]; ok && ct.N <= k {
			return rep, &BadRecordError{N: k, Reason: fmt.Sprintf("the checkpoint of %d records of %s does not hold its epoch's loss notice", ct.N, origin)}
		}
		want := tlog.Hash{}
		if ct.N > 0 {
			if want, err = tlog.TreeHash(ct.N, reader); err != nil {
				return rep, err
			}
		}
		if want != ct.Hash {
			return rep, &BadRecordError{N: ct.N - 1, Reason: fmt.Sprintf("the checkpoint signed at size %d has another root", ct.N)}
		}
		rep.Checkpoints++
	}
	return rep, crows.Err()
}

// isNoticeRecord reports whether record b is the loss notice msg.
func isNoticeRecord(b []byte, msg string) bool {
	var r struct {
		Kind   string `json:"kind"`
		Notice string `json:"notice"`
	}
	return json.Unmarshal(b, &r) == nil && r.Kind == LossNotice && r.Notice == msg
}

// Behind says why the database does not hold the tree of checkpoint msg
// (signed by the log whose first key is vkey), "" when it does, and the
// reason the database is frozen, if it is.
func Behind(ctx context.Context, q db.Querier, vkey string, msg []byte) (why, frozen string, err error) {
	k, err := newKeys(vkey, nil)
	if err != nil {
		return "", "", err
	}
	cp, err := k.open(msg)
	if err != nil {
		return "", "", err
	}
	st, err := readState(ctx, q)
	if err != nil {
		return "", "", err
	}
	why, err = k.behind(ctx, q, st, cp)
	return why, st.frozen, err
}

// verifyHashes recomputes every stored hash from the records and returns
// the tree and a reader of the recomputed hashes.
func verifyHashes(ctx context.Context, d *db.DB) (tlog.Tree, tlog.HashReader, error) {
	size, err := Size(ctx, d)
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	hashes := make([]tlog.Hash, 0, tlog.StoredHashCount(size))
	reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			if x >= int64(len(hashes)) {
				return nil, fmt.Errorf("hash %d not computed yet", x)
			}
			out[i] = hashes[x]
		}
		return out, nil
	})
	// Everything is read up to the size read first: a live log keeps
	// growing while this runs, and what came after is not being checked.
	rows, err := d.QueryContext(ctx, `SELECT n, data FROM ledger_records WHERE n < ? ORDER BY n`, size)
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	var n int64
	for rows.Next() {
		var got int64
		var data []byte
		if err := rows.Scan(&got, &data); err != nil {
			rows.Close()
			return tlog.Tree{}, nil, err
		}
		if got != n {
			rows.Close()
			return tlog.Tree{}, nil, &BadRecordError{N: n, Reason: "missing"}
		}
		hs, err := tlog.StoredHashes(n, data, reader)
		if err != nil {
			rows.Close()
			return tlog.Tree{}, nil, err
		}
		hashes = append(hashes, hs...)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return tlog.Tree{}, nil, err
	}
	if n != size {
		return tlog.Tree{}, nil, &BadRecordError{N: n, Reason: fmt.Sprintf("the log says %d records, %d are stored", size, n)}
	}
	// Every stored hash must be the recomputed one; a mismatch names the
	// record whose hashes include it.
	hrows, err := d.QueryContext(ctx, `SELECT i, h FROM ledger_hashes WHERE i < ? ORDER BY i`, tlog.StoredHashCount(size))
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	var i int64
	for hrows.Next() {
		var idx int64
		var h []byte
		if err := hrows.Scan(&idx, &h); err != nil {
			hrows.Close()
			return tlog.Tree{}, nil, err
		}
		if idx != i || idx >= int64(len(hashes)) || string(h) != string(hashes[idx][:]) {
			hrows.Close()
			if idx != i {
				idx = i
			}
			return tlog.Tree{}, nil, &BadRecordError{N: recordOfHash(idx), Reason: fmt.Sprintf("stored hash %d differs from the recomputed tree", idx)}
		}
		i++
	}
	hrows.Close()
	if i != int64(len(hashes)) {
		return tlog.Tree{}, nil, &BadRecordError{N: recordOfHash(i), Reason: fmt.Sprintf("stored hash %d missing", i)}
	}
	t := tlog.Tree{N: size}
	if size > 0 {
		if t.Hash, err = tlog.TreeHash(size, reader); err != nil {
			return t, nil, err
		}
	}
	return t, reader, nil
}
