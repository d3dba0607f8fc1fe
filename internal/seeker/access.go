package seeker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
)

// ErrNoProfile means a job seeker has not registered their profile yet.
var ErrNoProfile = fail.New(fail.NotFound, "seeker: this user has no job-seeker profile")

// Mine returns the profile of job seeker u: Unauthorized for nobody,
// Forbidden for a role that does not seek work, ErrNoProfile before
// registering. It is "which seeker is this user" for every store.
func (s *Store) Mine(ctx context.Context, u *auth.User) (Seeker, error) {
	if err := auth.Require(u, auth.ApplyVacancy); err != nil {
		return Seeker{}, err
	}
	sk, err := s.ByUser(ctx, u.ID)
	if errors.Is(err, db.ErrNotFound) {
		return Seeker{}, ErrNoProfile
	}
	if err != nil {
		return Seeker{}, err
	}
	// The street is the seeker's own: opened here, for them only.
	sk.Address.Street, err = s.street(ctx, sk.ID)
	return sk, err
}

// Own is what job seekers see of themselves: their profile, their NIK and
// birth date in full and their AK/1 card.
type Own struct {
	Seeker
	NIK       string
	BirthDate time.Time
	Card      Card
	HasCard   bool
	CardValid bool
}

// Own returns u's own record (see Mine for the errors).
func (s *Store) Own(ctx context.Context, u *auth.User) (Own, error) {
	sk, err := s.Mine(ctx, u)
	if err != nil {
		return Own{}, err
	}
	o := Own{Seeker: sk}
	if o.NIK, err = s.OwnNIK(ctx, u.ID); err != nil {
		return Own{}, err
	}
	if o.BirthDate, err = s.BirthDate(ctx, s.DB, sk.ID); err != nil {
		return Own{}, err
	}
	if o.Card, o.HasCard, err = s.Card(ctx, sk.ID); err != nil {
		return Own{}, err
	}
	o.CardValid = o.HasCard && o.Card.ValidOn(s.Now())
	return o, nil
}

// ProfileOf returns u's profile for the profile form, ok=false before they
// registered one.
func (s *Store) ProfileOf(ctx context.Context, u *auth.User) (Seeker, bool, error) {
	if err := auth.Require(u, auth.RegisterSeeker); err != nil {
		return Seeker{}, false, err
	}
	sk, err := s.ByUser(ctx, u.ID)
	if errors.Is(err, db.ErrNotFound) {
		return Seeker{}, false, nil
	}
	if err != nil {
		return Seeker{}, false, err
	}
	sk.Address.Street, err = s.street(ctx, sk.ID)
	return sk, err == nil, err
}

// Save registers u's profile with its NIK or, when u has one, changes it
// (the NIK, once registered, stays).
func (s *Store) Save(ctx context.Context, u *auth.User, in Input) error {
	sk, ok, err := s.ProfileOf(ctx, u)
	switch {
	case err != nil:
		return err
	case ok:
		return s.Update(ctx, sk.ID, in.Profile)
	}
	// One transaction: the seeker row, skills, background and card are
	// saved together or not at all.
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		_, _, err := s.Register(ctx, tx, u.ID, in)
		return err
	})
}

// OfficerView is what an officer checking a seeker's KTP sees: the full
// NIK and birth date, the card, and who has read the NIK before.
type OfficerView struct {
	Seeker
	NIK       string
	BirthDate time.Time // opened with the NIK, under the same audit entry
	Card      Card
	HasCard   bool
	Audit     []audit.Entry
}

// ForOfficer opens seeker id for officer u, who may read NIKs
// (auth.ReadNIK). The reading is written to the audit trail, which the view
// shows, this reading included.
func (s *Store) ForOfficer(ctx context.Context, u *auth.User, id int64) (OfficerView, error) {
	if err := auth.Require(u, auth.ReadNIK); err != nil {
		return OfficerView{}, err
	}
	sk, err := s.Get(ctx, id)
	if err != nil {
		return OfficerView{}, err
	}
	v := OfficerView{Seeker: sk}
	if v.NIK, err = s.nikForOfficer(ctx, id, u.ID, "verifikasi AK/1"); err != nil {
		return OfficerView{}, err
	}
	// The street is opened under the same audit entry as the NIK (the
	// officer checks the KTP, which carries both).
	if v.Address.Street, err = s.street(ctx, id); err != nil {
		return OfficerView{}, err
	}
	if v.BirthDate, err = s.BirthDate(ctx, s.DB, id); err != nil {
		return OfficerView{}, err
	}
	if v.Card, v.HasCard, err = s.Card(ctx, id); err != nil {
		return OfficerView{}, err
	}
	if v.Audit, err = audit.For(ctx, s.DB, "seeker", id, 20); err != nil {
		return OfficerView{}, fmt.Errorf("audit of seeker %d: %w", id, err)
	}
	return v, nil
}
