package auth

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Helpers for setting a password without the current one (a reset proved
// by a code, see internal/account): the same strength rules as
// registration, and the same clean-up as a change.

// CheckNewPassword applies the registration rules to pw as user's new
// password: a valid.Errors on field, or nil.
func (s *Store) CheckNewPassword(ctx context.Context, userID int64, field, pw string) error {
	var email, phone, name string
	if err := s.DB.QueryRowContext(ctx, `SELECT COALESCE(email, ''), COALESCE(phone, ''), name FROM users WHERE id = ?`,
		userID).Scan(&email, &phone, &name); err != nil {
		return fmt.Errorf("check password of %d: %w", userID, err)
	}
	var errs valid.Errors
	checkPassword(&errs, field, pw, email, phone, name)
	return errs.Err()
}

// SetPasswordHash stores hash (from Passwords.Hash) as user's password in q
// (the caller's transaction), ends every session of the user and clears
// the login slowdown of their login, as a successful login would.
func (s *Store) SetPasswordHash(ctx context.Context, q db.Querier, userID int64, hash string) error {
	var email, phone string
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(email, ''), COALESCE(phone, '') FROM users WHERE id = ?`,
		userID).Scan(&email, &phone); err != nil {
		return fmt.Errorf("set password %d: %w", userID, err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID); err != nil {
		return fmt.Errorf("set password %d: %w", userID, err)
	}
	if err := EndSessions(ctx, q, userID); err != nil {
		return err
	}
	key := Login{Email: email, Phone: phone}.Key()
	if _, err := q.ExecContext(ctx, `DELETE FROM login_failures WHERE login = ?`, key); err != nil {
		return fmt.Errorf("clear failures of %d: %w", userID, err)
	}
	return nil
}

// EndSessions logs user out everywhere, in q.
func EndSessions(ctx context.Context, q db.Querier, userID int64) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("end sessions of %d: %w", userID, err)
	}
	return nil
}

// CheckPassword applies the registration rules to pw for someone not
// known yet (personal are their login, name): a valid.Errors on field, or nil.
func CheckPassword(field, pw string, personal ...string) error {
	var errs valid.Errors
	checkPassword(&errs, field, pw, personal...)
	return errs.Err()
}
