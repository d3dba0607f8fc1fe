// Package idempotency keeps the first answer to a create request under the
// client's Idempotency-Key (draft-ietf-httpapi-idempotency-key-header), so
// a retry after a timeout returns that answer and writes nothing new.
//
// A key is claimed before the request runs (a row with status 0), so two
// copies of one request racing each other cannot both run: the second gets
// ErrInFlight (409 in the API). When the request ends, its answer is kept for
// 24 hours; a server error releases the key instead, since nothing was
// written and the retry should run. A claim left by a process that died
// mid-request is released after claimTimeout: the request's own transaction
// either committed (and then the retry may write again: the one case this
// cannot close without putting the key inside every domain transaction) or
// rolled back.
package idempotency

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/valid"
)

const (
	// Retention is how long an answer is kept under its key.
	Retention = 24 * time.Hour
	// claimTimeout releases a claim whose request never finished.
	claimTimeout = 2 * time.Minute
	// MaxKey is the longest key accepted (a UUID is 36).
	MaxKey = 255
)

var (
	// ErrInFlight means the same key's first request is still running.
	ErrInFlight = fail.New(fail.Conflict, "idempotency: a request with this key is still being processed")
)

// Answer is a kept response.
type Answer struct {
	Status      int
	ContentType string
	Location    string
	Body        []byte
}

// Store keeps keys in the database.
type Store struct {
	DB  *db.DB
	Now func() time.Time
}

// Fingerprint identifies a request's content: method, path and body.
func Fingerprint(method, path string, body []byte) string {
	h := NewHasher(method, path)
	h.Write(body)
	return h.Sum()
}

// Hasher computes a Fingerprint over a body written to it in pieces.
type Hasher struct{ h hash.Hash }

// NewHasher starts a fingerprint of a request to method and path.
func NewHasher(method, path string) *Hasher {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", method, path)
	return &Hasher{h: h}
}

func (h *Hasher) Write(b []byte) (int, error) { return h.h.Write(b) }

// Sum returns the fingerprint.
func (h *Hasher) Sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// Claim takes key for scope. It returns the kept answer when the key was
// used before with the same fingerprint (replay it, run nothing), nil when
// the caller now holds the key and must Keep or Release it; a key reused
// with another request is invalid (422), and one whose first request is
// still running is ErrInFlight.
func (s *Store) Claim(ctx context.Context, scope, key, fingerprint string) (*Answer, error) {
	if key == "" || len(key) > MaxKey || valid.BadText(key) {
		return nil, valid.New("Idempotency-Key", "idempotency_key_invalid", "max", MaxKey)
	}
	now := s.Now().UTC()
	// Release what has expired, and a dead request's claim, for this key.
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ?
		AND (created_at < ? OR (status = 0 AND created_at < ?))`, scope, key, now.Add(-Retention), now.Add(-claimTimeout)); err != nil {
		return nil, fmt.Errorf("idempotency claim: %w", err)
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO idempotency_keys (scope, idem_key, fingerprint, status, content_type, location, body, created_at)
		VALUES (?, ?, ?, 0, '', '', ?, ?)`, scope, key, fingerprint, []byte{}, now)
	if err == nil {
		return nil, nil
	}
	if !db.IsUniqueViolation(err) {
		return nil, fmt.Errorf("idempotency claim: %w", err)
	}
	var a Answer
	var fp string
	err = s.DB.QueryRowContext(ctx, `SELECT fingerprint, status, content_type, location, body FROM idempotency_keys
		WHERE scope = ? AND idem_key = ?`, scope, key).Scan(&fp, &a.Status, &a.ContentType, &a.Location, &a.Body)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Released between our insert and this read: the other copy
		// failed; let the client retry.
		return nil, ErrInFlight
	case err != nil:
		return nil, fmt.Errorf("idempotency read: %w", err)
	case fp != fingerprint:
		return nil, valid.New("Idempotency-Key", "idempotency_key_reused")
	case a.Status == 0:
		return nil, ErrInFlight
	}
	return &a, nil
}

// Keep stores the answer of the request that holds key.
func (s *Store) Keep(ctx context.Context, scope, key string, a Answer) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ?
		WHERE scope = ? AND idem_key = ?`, a.Status, a.ContentType, a.Location, a.Body, scope, key)
	if err != nil {
		return fmt.Errorf("idempotency keep: %w", err)
	}
	return nil
}

// Release gives the key up after a request that wrote nothing (a server
// error or an outage), so that the retry runs.
func (s *Store) Release(ctx context.Context, scope, key string) error {
	_, err := s.DB.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ? AND status = 0`, scope, key)
	if err != nil {
		return fmt.Errorf("idempotency release: %w", err)
	}
	return nil
}

// Sweep deletes answers older than Retention.
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	res, err := s.DB.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, s.Now().UTC().Add(-Retention))
	if err != nil {
		return 0, fmt.Errorf("idempotency sweep: %w", err)
	}
	return res.RowsAffected()
}
