package monitor

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// Store is the monitor inside `serve`: it follows the log over HTTP like
// any outside monitor (so it trusts nothing but the tiles and the
// signature) and keeps its state and findings in the database. Findings
// are public: they say which rule a public record breaks, never who.
type Store struct {
	DB  *db.DB
	Now func() time.Time
	// StaleAfter is how old a witness's latest cosignature may be before
	// the Transparansi page warns that the witness has gone quiet.
	StaleAfter time.Duration
}

// Stored is a finding with when the monitor found it.
type Stored struct {
	ID      int64     `json:"id"`
	Rule    string    `json:"rule"`
	Records []int64   `json:"records"`
	Detail  string    `json:"detail"`
	FoundAt time.Time `json:"found_at"`
}

// Status is where the monitor is.
type Status struct {
	Checked   bool      `json:"checked"` // it ran at least once
	Size      int64     `json:"size"`    // records in the tree checked last
	CheckedAt time.Time `json:"checked_at"`
}

// Run follows the log once from where the last run stopped and stores
// what it found, in one transaction; two processes that run at once both
// read, and the second to commit stores nothing (its records were read).
func (s *Store) Run(ctx context.Context, c *ledger.Client, key string) (Result, error) {
	var st State
	var raw string
	var from int64 = -1
	err := s.DB.QueryRowContext(ctx, `SELECT next, state FROM monitor_state WHERE id = 1`).Scan(&from, &raw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Result{}, fmt.Errorf("monitor state: %w", err)
	}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &st); err != nil {
			return Result{}, fmt.Errorf("monitor state: %w", err)
		}
	}
	st.Findings = nil // they live in monitor_findings
	res, err := Follow(ctx, c, key, &st)
	if err != nil {
		return res, err
	}
	b, err := json.Marshal(st)
	if err != nil {
		return res, err
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var cur int64 = -1
		if err := tx.QueryRowContext(ctx, `SELECT next FROM monitor_state WHERE id = 1`).Scan(&cur); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if cur != from {
			res.New = nil // another process got here first
			return nil
		}
		if cur < 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO monitor_state (id, next, size, state, checked_at) VALUES (1, ?, ?, ?, ?)`, st.Next, res.Size, string(b), now)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE monitor_state SET next = ?, size = ?, state = ?, checked_at = ? WHERE id = 1`, st.Next, res.Size, string(b), now)
		}
		if err != nil {
			return err
		}
		for _, f := range res.New {
			rs := make([]string, len(f.Records))
			for i, n := range f.Records {
				rs[i] = strconv.FormatInt(n, 10)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO monitor_findings (rule, records, detail, found_at) VALUES (?, ?, ?, ?)`,
				f.Rule, strings.Join(rs, " "), f.Detail, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("monitor: store: %w", err)
	}
	return res, nil
}

// Findings lists the latest findings, newest first.
func (s *Store) Findings(ctx context.Context, limit int) ([]Stored, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, rule, records, detail, found_at FROM monitor_findings ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("monitor findings: %w", err)
	}
	defer rows.Close()
	out := []Stored{}
	for rows.Next() {
		var f Stored
		var rs string
		if err := rows.Scan(&f.ID, &f.Rule, &rs, &f.Detail, &f.FoundAt); err != nil {
			return nil, err
		}
		f.Records = []int64{}
		for _, x := range strings.Fields(rs) {
			n, _ := strconv.ParseInt(x, 10, 64)
			f.Records = append(f.Records, n)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// State says how far the monitor has read.
func (s *Store) State(ctx context.Context) (Status, error) {
	var st Status
	err := s.DB.QueryRowContext(ctx, `SELECT size, checked_at FROM monitor_state WHERE id = 1`).Scan(&st.Size, &st.CheckedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("monitor state: %w", err)
	}
	st.Checked = true
	return st, nil
}

// Witness is a witness the log lists, with its latest cosignature.
type Witness struct {
	Name  string    `json:"name"`
	Size  int64     `json:"size"`  // records in the tree it last cosigned; 0: never
	At    time.Time `json:"at"`    // when it cosigned (its cosignature's own time)
	Stale bool      `json:"stale"` // never, or longer ago than StaleAfter
}

// Witnesses lists every witness the log accepts (their verifier keys, as
// the operator configured them) with the latest cosignature the log holds
// from each; a witness that never cosigned or went quiet is stale.
func (s *Store) Witnesses(ctx context.Context, l *ledger.Log) ([]Witness, error) {
	out := []Witness{}
	if l == nil {
		return out, nil
	}
	cs, err := l.Cosignatures(ctx, 200)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	seen := map[string]bool{}
	for _, k := range l.Witnesses {
		v, err := ledger.NewCosignatureVerifier(k)
		if err != nil || seen[v.Name()] {
			continue
		}
		seen[v.Name()] = true
		w := Witness{Name: v.Name()}
		for _, c := range cs { // newest tree first
			if c.Witness == v.Name() {
				if at, ok := ledger.CosignedAt([]byte(c.Note), v); ok && at.After(w.At) {
					w.Size, w.At = c.Size, at
				}
			}
		}
		w.Stale = w.Size == 0 || (s.StaleAfter > 0 && now.Sub(w.At) > s.StaleAfter)
		out = append(out, w)
	}
	return out, nil
}
