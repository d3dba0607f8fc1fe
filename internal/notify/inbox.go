package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
)

// Item is one notice in an inbox.
type Item struct {
	ID        int64
	Kind      Kind
	Title     string
	Body      string
	URL       string
	CreatedAt time.Time
	Read      bool
}

// List returns u's newest notices, at most limit (1–200), and the unread count.
func (s *Store) List(ctx context.Context, u *auth.User, limit int) ([]Item, int, error) {
	limit = min(max(limit, 1), 200)
	rows, err := s.DB.QueryContext(ctx, `SELECT id, kind, title, body, url, created_at, read_at IS NOT NULL
		FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, u.ID, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("inbox: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		var kind string
		if err := rows.Scan(&it.ID, &kind, &it.Title, &it.Body, &it.URL, &it.CreatedAt, &it.Read); err != nil {
			return nil, 0, fmt.Errorf("inbox: %w", err)
		}
		it.Kind = Kind(kind)
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("inbox: %w", err)
	}
	n, err := s.Unread(ctx, u)
	return out, n, err
}

// Unread counts u's unread notices (for the badge in the navigation).
func (s *Store) Unread(ctx context.Context, u *auth.User) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, u.ID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("unread: %w", err)
	}
	return n, nil
}

// MarkRead marks u's notices read: the ones listed, or all when ids is empty.
func (s *Store) MarkRead(ctx context.Context, u *auth.User, ids ...int64) error {
	now := s.Now().UTC()
	if len(ids) == 0 {
		_, err := s.DB.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, now, u.ID)
		return err
	}
	for _, id := range ids {
		if _, err := s.DB.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL`, now, id, u.ID); err != nil {
			return fmt.Errorf("mark read: %w", err)
		}
	}
	return nil
}
