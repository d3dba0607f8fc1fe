package vacancy

import (
	"context"
	"errors"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// What a job seeker sees of vacancies and their own applications.

// MyApplications lists job seeker u's applications, newest first, each with
// its timeline; none before they registered a profile.
func (s *Store) MyApplications(ctx context.Context, u *auth.User) ([]Application, error) {
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	as, err := s.BySeeker(ctx, sk.ID)
	if err != nil {
		return nil, err
	}
	for i := range as {
		if as[i].Status != Offered && as[i].Status != Hired && as[i].Status != Withdrawn {
			continue // only these can carry an offer
		}
		o, err := s.OfferOn(ctx, as[i].ID)
		if errors.Is(err, ErrNoOffer) {
			continue
		}
		if err != nil {
			return nil, err
		}
		as[i].Offer = &o
	}
	return as, nil
}

// ReceiptFor returns the receipt of application appID to the job seeker who
// sent it; anybody else's is not found.
func (s *Store) ReceiptFor(ctx context.Context, u *auth.User, appID int64) (Receipt, error) {
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return Receipt{}, fmt.Errorf("receipt of application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return Receipt{}, err
	}
	return s.Receipt(ctx, appID, sk.ID)
}

// Applying is what a vacancy's page tells a job seeker about applying to it.
type Applying struct {
	NeedProfile bool // no profile yet: registering comes first
	NeedCard    bool // no valid AK/1 card
	Applied     bool
	CanApply    bool // open, a valid card, not applied yet
}

// ApplyingTo says where u stands with vacancy v; nothing for those who do
// not seek work (they see no apply button at all).
func (s *Store) ApplyingTo(ctx context.Context, u *auth.User, v Vacancy) (Applying, error) {
	if auth.Require(u, auth.ApplyVacancy) != nil {
		return Applying{}, nil
	}
	var a Applying
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		a.NeedProfile = true
		return a, nil
	}
	if err != nil {
		return Applying{}, err
	}
	if _, a.Applied, err = s.HasApplied(ctx, v.ID, sk.ID); err != nil {
		return Applying{}, err
	}
	hasCard, err := s.Seekers.HasValidCard(ctx, sk.ID)
	if err != nil {
		return Applying{}, err
	}
	a.NeedCard = !hasCard
	a.CanApply = hasCard && !a.Applied && v.Public() && v.Open(s.Now())
	return a, nil
}
