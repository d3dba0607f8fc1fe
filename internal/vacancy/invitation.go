package vacancy

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Invitation states: an employer invites a discoverable seeker to apply;
// the seeker applies (which answers it) or declines.
const (
	InvitationOpen     = "diundang"
	InvitationApplied  = "dilamar"
	InvitationDeclined = "ditolak"
)

// Invitation is an employer's invitation to apply.
type Invitation struct {
	ID        int64
	VacancyID int64
	SeekerID  int64
	Status    string
	CreatedAt time.Time
	Vacancy   Vacancy
}

// Invite asks seekerID, for u's company, to apply to vacancy id. Only an
// open vacancy of the company's own, and only a seeker who lets employers
// find them, has not been placed and has not applied.
func (s *Store) Invite(ctx context.Context, u *auth.User, id, seekerID int64) error {
	_, v, err := s.own(ctx, u, auth.ManageApplicants, id)
	if err != nil {
		return err
	}
	now := s.Now().UTC()
	if !v.Public() || !v.Open(now) {
		return valid.New("vacancy", "vacancy_closed")
	}
	var discoverable, placed bool
	if err := s.DB.QueryRowContext(ctx, `SELECT discoverable, placed FROM seekers WHERE id = ?`, seekerID).Scan(&discoverable, &placed); err != nil {
		return fmt.Errorf("invite seeker %d: %w", seekerID, db.ErrNotFound)
	}
	if !discoverable || placed {
		return valid.New("seeker", "not_discoverable")
	}
	if _, ok, err := s.HasApplied(ctx, id, seekerID); err != nil {
		return err
	} else if ok {
		return valid.New("seeker", "already_applied_them")
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO invitations (vacancy_id, seeker_id, invited_by, status, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, seekerID, u.ID, InvitationOpen, now)
		if db.IsUniqueViolation(err) {
			return valid.New("seeker", "already_invited")
		}
		if err != nil {
			return fmt.Errorf("invite seeker %d to %d: %w", seekerID, id, err)
		}
		return s.tellInvited(ctx, tx, v, seekerID)
	})
}

// Decline records that job seeker u does not want to apply. Another
// seeker's invitation is not found.
func (s *Store) Decline(ctx context.Context, u *auth.User, invitationID int64) error {
	sk, err := s.Seekers.Mine(ctx, u)
	if err != nil {
		return err
	}
	res, err := s.DB.ExecContext(ctx, `UPDATE invitations SET status = ?, decided_at = ? WHERE id = ? AND seeker_id = ? AND status = ?`,
		InvitationDeclined, s.Now().UTC(), invitationID, sk.ID, InvitationOpen)
	if err != nil {
		return fmt.Errorf("decline invitation %d: %w", invitationID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("invitation %d: %w", invitationID, db.ErrNotFound)
	}
	return nil
}

// Invitations lists a seeker's open invitations to vacancies still open,
// newest first.
func (s *Store) Invitations(ctx context.Context, seekerID int64) ([]Invitation, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, vacancy_id, status, created_at FROM invitations
		WHERE seeker_id = ? AND status = ? ORDER BY created_at DESC, id DESC LIMIT 50`, seekerID, InvitationOpen)
	if err != nil {
		return nil, fmt.Errorf("invitations of seeker %d: %w", seekerID, err)
	}
	var out []Invitation
	for rows.Next() {
		inv := Invitation{SeekerID: seekerID}
		if err := rows.Scan(&inv.ID, &inv.VacancyID, &inv.Status, &inv.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, inv)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	now := s.Now()
	kept := out[:0]
	for _, inv := range out {
		v, err := s.Get(ctx, inv.VacancyID)
		if err != nil {
			return nil, err
		}
		if v.Public() && v.Open(now) {
			inv.Vacancy = v
			kept = append(kept, inv)
		}
	}
	return kept, nil
}

// Invited returns the states of the invitations a vacancy has sent, by
// seeker id.
func (s *Store) Invited(ctx context.Context, vacancyID int64) (map[int64]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT seeker_id, status FROM invitations WHERE vacancy_id = ?`, vacancyID)
	if err != nil {
		return nil, fmt.Errorf("invitations of vacancy %d: %w", vacancyID, err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = st
	}
	return out, rows.Err()
}
