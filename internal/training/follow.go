package training

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
)

// Follow makes u follow program id: they are told when a round including
// it opens. Those who may apply to training may follow; following twice is
// following once. A program u may not see is not found.
func (s *Store) Follow(ctx context.Context, u *auth.User, id int64) error {
	if err := s.followable(ctx, u, id); err != nil {
		return err
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO program_follows (user_id, program_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id, program_id) DO NOTHING`, u.ID, id, s.Now().UTC())
	if err != nil {
		return fmt.Errorf("follow program %d: %w", id, err)
	}
	return nil
}

// Unfollow ends u's following of program id (nothing when they did not).
func (s *Store) Unfollow(ctx context.Context, u *auth.User, id int64) error {
	if err := s.followable(ctx, u, id); err != nil {
		return err
	}
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM program_follows WHERE user_id = ? AND program_id = ?`, u.ID, id); err != nil {
		return fmt.Errorf("unfollow program %d: %w", id, err)
	}
	return nil
}

// Follows reports whether u follows program id (false for nobody and for
// roles that cannot follow).
func (s *Store) Follows(ctx context.Context, u *auth.User, id int64) (bool, error) {
	if u == nil || !u.Can(auth.ApplyTraining) {
		return false, nil
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM program_follows WHERE user_id = ? AND program_id = ?`, u.ID, id).Scan(&n); err != nil {
		return false, fmt.Errorf("follows program %d: %w", id, err)
	}
	return n > 0, nil
}

func (s *Store) followable(ctx context.Context, u *auth.User, id int64) error {
	if err := auth.Require(u, auth.ApplyTraining); err != nil {
		return err
	}
	_, err := s.Program(ctx, id)
	return err
}
