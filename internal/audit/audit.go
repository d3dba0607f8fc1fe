// Package audit records who read or decided what about whom: every opening of
// a NIK or other confidential field and every officer's decision (UU PDP
// 27/2022 asks that access to personal data be accountable).
package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// Entry is one audit record.
type Entry struct {
	At          time.Time
	ActorID     int64 // 0 for the system
	ActorName   string
	Action      string // e.g. "nik.read", "employer.verify"
	SubjectType string // e.g. "seeker"
	SubjectID   int64
	Detail      string
}

// Record writes e in q (pass the transaction of the change it records).
func Record(ctx context.Context, q db.Querier, e Entry) error {
	var actor any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	_, err := q.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, detail)
		VALUES (?, ?, ?, ?, ?, ?)`, e.At.UTC(), actor, e.Action, e.SubjectType, e.SubjectID, e.Detail)
	if err != nil {
		return fmt.Errorf("audit %s %s/%d: %w", e.Action, e.SubjectType, e.SubjectID, err)
	}
	return nil
}

// For lists the entries about one subject, newest first.
func For(ctx context.Context, q db.Querier, subjectType string, subjectID int64, limit int) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.at, COALESCE(a.actor_id, 0), COALESCE(u.name, ''), a.action, a.subject_type, a.subject_id, a.detail
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.subject_type = ? AND a.subject_id = ? ORDER BY a.at DESC, a.id DESC LIMIT ?`, subjectType, subjectID, limit)
	if err != nil {
		return nil, fmt.Errorf("audit for %s/%d: %w", subjectType, subjectID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.At, &e.ActorID, &e.ActorName, &e.Action, &e.SubjectType, &e.SubjectID, &e.Detail); err != nil {
			return nil, fmt.Errorf("audit for %s/%d: %w", subjectType, subjectID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
