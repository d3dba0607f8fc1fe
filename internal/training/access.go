package training

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
)

// Who may do what in training. auth's one table says what a role may ever do
// (auth.Can); the rules here add whose objects they are: a lembaga user acts
// for the providers they are staff of, an officer (petugas) for the
// province-wide rounds. The store's own writes ask the same rules the pages
// and the API ask, so the two doors cannot disagree about who may run a
// round, and neither door compares roles itself.
//
// Every rule answers in the same words: ErrLogin when nobody is logged in,
// ErrRole when the user's roles may never do this whatever the object, and a
// not-found error (ErrNotStaff) when the object is another party's.

// actor is a user as the rules see them: their roles and the providers they
// act for. The zero actor is an anonymous visitor.
type actor struct {
	user  *auth.User
	staff map[int64]bool
}

// actorOf is u (nil: a visitor) with the providers they act for. Only the
// lembaga role acts for providers: staff whose role was taken away keep
// their provider_staff row but no longer act.
func actorOf(ctx context.Context, q db.Querier, u *auth.User) (actor, error) {
	a := actor{user: u, staff: map[int64]bool{}}
	if !u.Can(auth.ManageTraining) {
		return a, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT provider_id FROM provider_staff WHERE user_id = ?`, u.ID)
	if err != nil {
		return actor{}, fmt.Errorf("providers of user %d: %w", u.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return actor{}, fmt.Errorf("providers of user %d: %w", u.ID, err)
		}
		a.staff[id] = true
	}
	return a, rows.Err()
}

// actorByID is actorOf for a user known by id, as the store's writes are
// called.
func actorByID(ctx context.Context, q db.Querier, id int64) (actor, error) {
	u, err := userByID(ctx, q, id)
	if err != nil {
		return actor{}, err
	}
	return actorOf(ctx, q, u)
}

// userByID is user id with their roles read from the database; id 0 is a
// visitor (nil).
func userByID(ctx context.Context, q db.Querier, id int64) (*auth.User, error) {
	if id == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT role FROM user_roles WHERE user_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("roles of user %d: %w", id, err)
	}
	defer rows.Close()
	u := &auth.User{ID: id}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("roles of user %d: %w", id, err)
		}
		if r, ok := auth.ParseRole(name); ok {
			u.Roles = append(u.Roles, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("roles of user %d: %w", id, err)
	}
	return u, nil
}

// need: the user's roles allow at least one of acts.
func (a actor) need(acts ...auth.Action) error {
	if a.user == nil {
		return ErrLogin
	}
	for _, act := range acts {
		if a.user.Can(act) {
			return nil
		}
	}
	return ErrRole
}

// manage: a provider's programs, rosters and course records are kept by its
// staff.
func (a actor) manage(providerID int64) error {
	if err := a.need(auth.ManageTraining); err != nil {
		return err
	}
	if !a.staff[providerID] {
		return fmt.Errorf("user %d, provider %d: %w", a.user.ID, providerID, ErrNotStaff)
	}
	return nil
}

// runRound: a provider's round is opened and allocated, and its appeals are
// decided, by the provider's staff; a province-wide round (provider 0) by
// an officer.
func (a actor) runRound(providerID int64) error {
	if providerID == 0 {
		return a.need(auth.ManageRounds)
	}
	return a.manage(providerID)
}

// readProvider: a provider's own figures, small counts included, are read
// by its staff and by those who read labor-market figures.
func (a actor) readProvider(providerID int64) error {
	if err := a.need(auth.ViewStats, auth.ManageTraining); err != nil {
		return err
	}
	if a.user.Can(auth.ViewStats) || a.staff[providerID] {
		return nil
	}
	return fmt.Errorf("user %d, provider %d: %w", a.user.ID, providerID, ErrNotStaff)
}

// MayOpenRound reports whether u may open a round for the provider (0: a
// province-wide round).
func (s *Store) MayOpenRound(ctx context.Context, u *auth.User, providerID int64) error {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return err
	}
	return a.runRound(providerID)
}

// MayRunRound reports whether u may allocate r's seats and decide its
// appeals. CloseAndAllocate asks it itself; DecideAppeal, the round and
// appeal views and the desks apply the same rule (actor.runRound) to the
// actor they have loaded.
func (s *Store) MayRunRound(ctx context.Context, u *auth.User, r Round) error {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return err
	}
	return a.runRound(r.ProviderID)
}

// MayReadProvider reports whether u may read the provider's own figures:
// its staff and those who read labor-market figures may. The roles are
// asked first; an analyst asking for an unknown id learns it is unknown.
func (s *Store) MayReadProvider(ctx context.Context, u *auth.User, providerID int64) error {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return err
	}
	if err := a.need(auth.ViewStats, auth.ManageTraining); err != nil {
		return err
	}
	if _, err := s.Provider(ctx, providerID); err != nil {
		return err
	}
	return a.readProvider(providerID)
}

// MayManageProviders reports whether u may register providers and link
// their staff (officers and administrators).
func (s *Store) MayManageProviders(u *auth.User) error {
	return actor{user: u}.need(auth.ManageProviders)
}
