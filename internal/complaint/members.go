package complaint

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
)

// PendingMember is a union complaint that names the user and waits for
// them to confirm it. A union officer records the member's consent; the
// member's own word, from their own account, is what shares the complaint
// with them and ties later actions against them to it — so no union can
// attach a worker to a complaint the worker never agreed to.
type PendingMember struct {
	Code      string
	Category  string
	UnionName string
	FiledAt   time.Time
}

// PendingMemberships lists the union complaints naming u that u has not
// answered yet.
func (s *Store) PendingMemberships(ctx context.Context, u *auth.User) ([]PendingMember, error) {
	if u == nil {
		return nil, nil
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT c.code, c.category, c.identity_enc, c.created_at FROM complaint_members m
		JOIN complaints c ON c.id = m.complaint_id WHERE m.member_key = ? AND m.confirmed_at IS NULL ORDER BY c.created_at DESC`,
		s.userKey(u.ID))
	if err != nil {
		return nil, fmt.Errorf("pending memberships: %w", err)
	}
	defer rows.Close()
	var out []PendingMember
	for rows.Next() {
		var p PendingMember
		var enc []byte
		if err := rows.Scan(&p.Code, &p.Category, &enc, &p.FiledAt); err != nil {
			return nil, err
		}
		if len(enc) > 0 {
			if b, err := s.Box.Open(enc, ctxIdentity); err == nil {
				var id Identity
				if json.Unmarshal(b, &id) == nil {
					p.UnionName = id.UnionName
				}
			}
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AnswerMembership records u's answer for the union complaint code: confirm
// shares it with them; decline unties them from it for good (the union's
// complaint goes on without their name attached to their account).
func (s *Store) AnswerMembership(ctx context.Context, u *auth.User, code string, confirm bool) error {
	if u == nil {
		return ErrLogin
	}
	key, ok := NormalizeCode(code)
	if !ok {
		return fmt.Errorf("membership in %q: %w", code, db.ErrNotFound)
	}
	uk := s.userKey(u.ID)
	q := `UPDATE complaint_members SET confirmed_at = ? WHERE member_key = ? AND confirmed_at IS NULL
		AND complaint_id = (SELECT id FROM complaints WHERE code = ?)`
	args := []any{s.Now().UTC(), uk, key}
	if !confirm {
		q = `UPDATE complaint_members SET member_key = '' WHERE member_key = ? AND confirmed_at IS NULL
			AND complaint_id = (SELECT id FROM complaints WHERE code = ?)`
		args = []any{uk, key}
	}
	res, err := s.DB.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("membership in %s: %w", key, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("membership in %s: %w", key, db.ErrNotFound)
	}
	return nil
}
