package vacancy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Final reports whether status ends an application: nothing moves it after.
func Final(status string) bool {
	return status == Hired || status == Rejected || status == Withdrawn
}

// Withdraw lets job seeker u take back application appID at any stage
// before it ends ("ditarik"): a worker who found other work, or who was
// asked for money, must not have to wait for the company. The company is
// told, and the step is public like every selection step. Another person's
// application is not found; an ended one is a field error on status.
func (s *Store) Withdraw(ctx context.Context, u *auth.User, appID int64) (Application, error) {
	if err := auth.Require(u, auth.ApplyVacancy); err != nil {
		return Application{}, err
	}
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return Application{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return Application{}, err
	}
	a, err := s.Application(ctx, appID)
	if err == nil && a.SeekerID != sk.ID {
		err = fmt.Errorf("application %d is another person's: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return Application{}, err
	}
	if Final(a.Status) {
		return Application{}, valid.New("status", "withdraw_final")
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error { return s.withdrawTx(ctx, tx, u.ID, a, "", now) })
	if err != nil {
		return Application{}, err
	}
	s.notify()
	return s.Application(ctx, appID)
}

// withdrawTx ends application a as withdrawn in tx, with reason (empty
// for a plain withdrawal): the step, the company's notice, the public
// record. Withdraw and a declined offer end here.
func (s *Store) withdrawTx(ctx context.Context, tx *db.Tx, actor int64, a Application, reason string, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND status = ?`,
		Withdrawn, reason, now, a.ID, a.Status)
	if err != nil {
		return fmt.Errorf("withdraw application %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		// The company moved it meanwhile: answer from what it is now.
		return valid.New("status", "status_change_invalid")
	}
	if err := addEvent(ctx, tx, a.ID, Withdrawn, reason, actor, now); err != nil {
		return err
	}
	if err := s.tellWithdrawn(ctx, tx, a.VacancyID, a.ID); err != nil {
		return err
	}
	c, vid, err := appCommitment(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	_, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApplicationDecided, At: now,
		Fields: map[string]any{"vacancy_id": vid, "application": c, "status": Withdrawn}})
	return err
}

// tellWithdrawn tells the company's HR user an applicant withdrew, so that
// nobody plans an interview with a person who has gone.
func (s *Store) tellWithdrawn(ctx context.Context, q db.Querier, vid, appID int64) error {
	if s.Notify == nil {
		return nil
	}
	var owner int64
	var title string
	err := q.QueryRowContext(ctx, `SELECT e.owner_id, v.title FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id = ?`, vid).Scan(&owner, &title)
	if err != nil {
		return fmt.Errorf("notice for vacancy %d: %w", vid, err)
	}
	return s.tell(ctx, q, notify.Notice{To: owner, Kind: notify.Applicants,
		Title: "event.withdrawn.title", Body: "event.withdrawn.body", Args: []any{"vacancy", title},
		URL: fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", vid, appID), Dedupe: fmt.Sprintf("withdrawn:%d", appID)})
}

// Ended reports whether the application has ended (Final): a seeker's page
// offers to withdraw only one that has not.
func (a Application) Ended() bool { return Final(a.Status) }
