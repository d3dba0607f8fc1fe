package ledger

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/bursa-banten/bursa/internal/db"
)

// Routes serves the log under /ledger/ the way Go's checksum database
// serves its own: the checkpoint, the key, tiles at tlog.Tile.Path, records,
// witness cosignatures, and the signed notices of announced losses.
func (l *Log) Routes(mux *http.ServeMux, log *slog.Logger) {
	h := func(fn func(w http.ResponseWriter, r *http.Request) error) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := fn(w, r); err != nil {
				if errors.Is(err, db.ErrNotFound) {
					http.Error(w, "not found", http.StatusNotFound)
					return
				}
				log.Error("ledger", "path", r.URL.Path, "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		})
	}
	text := func(w http.ResponseWriter, b []byte, cache string) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", cache)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		_, err := w.Write(b)
		return err
	}
	mux.Handle("GET /ledger/checkpoint", h(func(w http.ResponseWriter, r *http.Request) error {
		b, err := l.Latest(r.Context())
		if err != nil {
			return err
		}
		return text(w, b, "no-cache")
	}))
	mux.Handle("GET /ledger/key", h(func(w http.ResponseWriter, r *http.Request) error {
		return text(w, []byte(l.VerifierKey+"\n"), "public, max-age=3600")
	}))
	mux.Handle("GET /ledger/tile/", h(func(w http.ResponseWriter, r *http.Request) error {
		path := strings.TrimPrefix(r.URL.Path, "/ledger/")
		b, err := l.Tile(r.Context(), path)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		// A full tile never changes; a partial one is replaced by a wider one.
		cache := "public, max-age=31536000, immutable"
		if strings.Contains(path, ".p/") {
			cache = "public, max-age=60"
		}
		w.Header().Set("Cache-Control", cache)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		_, err = w.Write(b)
		return err
	}))
	mux.Handle("GET /ledger/record/{n}", h(func(w http.ResponseWriter, r *http.Request) error {
		n, ok := parseIndex(r.PathValue("n"))
		if !ok {
			return db.ErrNotFound
		}
		pub, _, err := l.Published(r.Context())
		if err != nil {
			return err
		}
		if n >= pub.N {
			return db.ErrNotFound
		}
		b, err := Record(r.Context(), l.DB, n)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		_, err = w.Write(b)
		return err
	}))
	mux.Handle("GET /ledger/proof/{n}", h(func(w http.ResponseWriter, r *http.Request) error {
		n, ok := parseIndex(r.PathValue("n"))
		if !ok {
			return db.ErrNotFound
		}
		p, err := l.Prove(r.Context(), n)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		return writeJSON(w, p)
	}))
	mux.Handle("POST /ledger/witness", h(func(w http.ResponseWriter, r *http.Request) error {
		body, err := io.ReadAll(io.LimitReader(r.Body, 16<<10))
		if err != nil {
			return err
		}
		if err := l.AddCosignature(r.Context(), body); err != nil {
			// A checkpoint the database is behind: the log froze on it.
			var fe *FrozenError
			if errors.As(err, &fe) {
				http.Error(w, err.Error(), http.StatusConflict)
				return nil
			}
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return nil
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}))
	mux.Handle("GET /ledger/notices", h(func(w http.ResponseWriter, r *http.Request) error {
		ns, err := Notices(r.Context(), l.DB)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		return writeJSON(w, ns)
	}))
	mux.Handle("GET /ledger/cosignatures", h(func(w http.ResponseWriter, r *http.Request) error {
		cs, err := l.Cosignatures(r.Context(), 50)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		return writeJSON(w, cs)
	}))
}

// Cosignature is a witness's signature on a checkpoint it checked.
type Cosignature struct {
	Size    int64     `json:"size"`
	Witness string    `json:"witness"`
	Note    string    `json:"note"`
	At      time.Time `json:"at"`
}

// AddCosignature stores a witness's cosigned checkpoint. The note must be a
// checkpoint this log issued, signed by the log and by at least one witness
// whose key the operator trusts (Log.Witnesses), in the C2SP
// cosignature/v1 form; a line that claims a
// trusted witness's name but does not verify refuses the whole note, and
// signatures of unknown keys are not stored as anyone's. Without this check
// anyone could post a garbage line under a witness's name and take its
// place on the Transparansi page.
//
// A checkpoint the log signed whose tree the database does not hold (a
// witness that finds the log behind posts back the one it remembers) is
// not stored: the log freezes on it and AddCosignature returns the
// *FrozenError.
func (l *Log) AddCosignature(ctx context.Context, msg []byte) error {
	if k, err := l.keys(); err == nil {
		if _, err := k.open(msg); err == nil {
			if err := l.Observe(ctx, msg); err != nil {
				return err
			}
		}
	}
	verifiers := []note.Verifier{l.verifier()}
	for _, k := range l.Witnesses {
		v, err := NewCosignatureVerifier(k)
		if err != nil {
			return fmt.Errorf("witness key %q: %w", k, err)
		}
		if v.Name() == l.Origin() {
			return fmt.Errorf("witness key %q carries the log's own name", k)
		}
		verifiers = append(verifiers, v)
	}
	n, err := note.Open(msg, note.VerifierList(verifiers...))
	if err != nil {
		return fmt.Errorf("not a checkpoint of this log with a valid signature: %w", err)
	}
	if !signedBy(n, l.verifier()) {
		return errors.New("the log's own signature is missing")
	}
	_, t, err := ParseCheckpointBody(n.Text)
	if err != nil {
		return err
	}
	var stored string
	if err := l.DB.QueryRowContext(ctx, `SELECT note FROM ledger_checkpoints WHERE size = ?`, t.N).Scan(&stored); err != nil {
		return fmt.Errorf("no checkpoint of size %d was issued", t.N)
	}
	sn, err := note.Open([]byte(stored), note.VerifierList(l.verifier()))
	if err != nil || sn.Text != n.Text {
		return fmt.Errorf("the cosigned checkpoint is not the one issued at size %d", t.N)
	}
	saved := 0
	for _, sig := range n.Sigs {
		if !isWitness([]note.Signature{sig}, verifiers[1:]) {
			continue
		}
		_, err = l.DB.ExecContext(ctx, `INSERT INTO ledger_cosignatures (size, witness, note, created_at) VALUES (?, ?, ?, ?)`,
			t.N, sig.Name, string(msg), l.Now().UTC())
		if err != nil && !db.IsUniqueViolation(err) {
			return err
		}
		saved++
	}
	if saved == 0 {
		return errors.New("no signature of a trusted witness")
	}
	return nil
}

// signedBy reports whether n carries a verified signature by v's key: the
// name alone is not enough, since anyone can make a key with any name.
func signedBy(n *note.Note, v note.Verifier) bool {
	for _, s := range n.Sigs {
		if s.Name == v.Name() && s.Hash == v.KeyHash() {
			return true
		}
	}
	return false
}

// Cosignatures lists the latest witness cosignatures.
func (l *Log) Cosignatures(ctx context.Context, limit int) ([]Cosignature, error) {
	// Only cosignatures that verify now, by witnesses listed now, are shown:
	// a row stored under an older signature form, or by a witness the
	// operator no longer lists, must not pass for a current witness's word.
	byName := map[string][]note.Verifier{} // two keys may share a name
	var names []any
	for _, k := range l.Witnesses {
		if v, err := NewCosignatureVerifier(k); err == nil && v.Name() != l.Origin() {
			if byName[v.Name()] == nil {
				names = append(names, v.Name())
			}
			byName[v.Name()] = append(byName[v.Name()], v)
		}
	}
	out := []Cosignature{}
	if len(names) == 0 {
		return out, nil
	}
	rows, err := l.DB.QueryContext(ctx, `SELECT size, witness, note, created_at FROM ledger_cosignatures WHERE witness IN (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ")+`) ORDER BY size DESC, witness LIMIT ?`, append(names, 4*limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() && len(out) < limit {
		var c Cosignature
		if err := rows.Scan(&c.Size, &c.Witness, &c.Note, &c.At); err != nil {
			return nil, err
		}
		ws := byName[c.Witness]
		n, err := note.Open([]byte(c.Note), note.VerifierList(append([]note.Verifier{l.verifier()}, ws...)...))
		if err != nil || !signedBy(n, l.verifier()) || !isWitness(n.Sigs, ws) {
			continue
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// isWitness reports whether one of sigs was made by one of the witnesses'
// keys.
func isWitness(sigs []note.Signature, witnesses []note.Verifier) bool {
	for _, sig := range sigs {
		for _, v := range witnesses {
			if sig.Name == v.Name() && sig.Hash == v.KeyHash() {
				return true
			}
		}
	}
	return false
}
