package employer

import (
	"context"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/fail"
)

// ErrNotRegistered means an HR user has not registered their company yet:
// they have no vacancy, applicant or report of their own to see.
var ErrNotRegistered = fail.New(fail.NotFound, "employer: this user has registered no company")

// ErrRegistered refuses a second company for one HR user: one account acts
// for one company.
var ErrRegistered = fail.New(fail.Conflict, "employer: this user has registered a company already")

// Current returns the company u manages: the first they registered. It is
// the one answer to "which employer is this user" for both doors: nobody is
// asked to log in, a user whose roles may not post vacancies is refused, an
// HR user without a company gets ErrNotRegistered.
func (s *Store) Current(ctx context.Context, u *auth.User) (Employer, error) {
	if err := auth.Require(u, auth.PostVacancy); err != nil {
		return Employer{}, err
	}
	return s.OfOwner(ctx, u.ID)
}

// OfOwner returns the company the user ownerID manages, or ErrNotRegistered.
// It checks no role: stores call it once they have checked what the user
// may do (the vacancy store, for applicants).
func (s *Store) OfOwner(ctx context.Context, ownerID int64) (Employer, error) {
	e, ok, err := s.ForOwner(ctx, ownerID)
	if err == nil && !ok {
		err = ErrNotRegistered
	}
	return e, err
}

// RegisterAs records the company of HR user u, waiting for verification.
func (s *Store) RegisterAs(ctx context.Context, u *auth.User, in Input) (Employer, error) {
	if err := auth.Require(u, auth.RegisterEmployer); err != nil {
		return Employer{}, err
	}
	if _, ok, err := s.ForOwner(ctx, u.ID); err != nil {
		return Employer{}, err
	} else if ok {
		return Employer{}, ErrRegistered
	}
	return s.Register(ctx, s.DB, u.ID, in)
}

// Queue lists, for an officer who verifies employers, the companies
// waiting for it, oldest first.
func (s *Store) Queue(ctx context.Context, u *auth.User, limit int) ([]Employer, error) {
	if err := auth.Require(u, auth.VerifyEmployer); err != nil {
		return nil, err
	}
	return s.Pending(ctx, limit)
}

// DecideAs is Decide by officer u, who must be one that verifies employers.
func (s *Store) DecideAs(ctx context.Context, u *auth.User, id int64, verify bool, reason string) error {
	if err := auth.Require(u, auth.VerifyEmployer); err != nil {
		return err
	}
	return s.Decide(ctx, id, u.ID, verify, reason)
}
