package training

import (
	"context"
	"fmt"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
)

// Appeals as their readers see them. An appeal is private: the appellant
// reads it, and so do those who must judge it — the staff of a provider
// whose round it is or whose program the appellant ranked in a
// province-wide round, and officers for province-wide rounds. To anyone
// else it does not exist.

// AppealCase is an appeal with what its reader needs to judge it: the round
// and the appellant's result there, with each ranked program's cutoff.
type AppealCase struct {
	Appeal
	Round     Round
	Result    SeatResult
	HasResult bool
	// MayDecide: the reader may decide it (MayRunRound on its round).
	MayDecide bool
}

// appealsSeenBy is the condition (on round_appeals ap) that a may read the
// appeal, with its arguments; ErrRole when a's roles read no appeals.
func appealsSeenBy(a actor) (string, []any, error) {
	if err := a.need(auth.ApplyTraining, auth.ManageTraining, auth.ManageRounds); err != nil {
		return "", nil, err
	}
	var or []string
	var args []any
	if a.user.Can(auth.ApplyTraining) {
		or = append(or, `ap.seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`)
		args = append(args, a.user.ID)
	}
	if a.user.Can(auth.ManageTraining) {
		or = append(or, providersSee(`SELECT provider_id FROM provider_staff WHERE user_id = ?`))
		args = append(args, a.user.ID, a.user.ID)
	}
	if a.user.Can(auth.ManageRounds) {
		or = append(or, `ap.round_id IN (SELECT id FROM intake_rounds WHERE provider_id IS NULL)`)
	}
	return "(" + strings.Join(or, " OR ") + ")", args, nil
}

// AppealsVisibleTo lists, oldest first, the appeals u may read: a seeker's
// own, those u's providers must judge, and for officers those of
// province-wide rounds; onlyPending leaves out the decided ones.
func (s *Store) AppealsVisibleTo(ctx context.Context, u *auth.User, onlyPending bool) ([]AppealCase, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return nil, err
	}
	where, args, err := appealsSeenBy(a)
	if err != nil {
		return nil, err
	}
	if onlyPending {
		where += ` AND ap.decided_at IS NULL`
	}
	return s.appealCases(ctx, a, where, args)
}

// AppealFor returns appeal id if u may read it; another party's appeal is
// not found.
func (s *Store) AppealFor(ctx context.Context, u *auth.User, id int64) (AppealCase, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return AppealCase{}, err
	}
	return s.appealFor(ctx, a, id)
}

func (s *Store) appealFor(ctx context.Context, a actor, id int64) (AppealCase, error) {
	where, args, err := appealsSeenBy(a)
	if err != nil {
		return AppealCase{}, err
	}
	cs, err := s.appealCases(ctx, a, `ap.id = ? AND `+where, append([]any{id}, args...))
	if err != nil {
		return AppealCase{}, err
	}
	if len(cs) == 0 {
		return AppealCase{}, fmt.Errorf("appeal %d: %w", id, db.ErrNotFound)
	}
	return cs[0], nil
}

// AppealToDecide returns appeal id if u may decide it: u must see it and
// may run its round. DecideAppeal asks the same.
func (s *Store) AppealToDecide(ctx context.Context, u *auth.User, id int64) (AppealCase, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return AppealCase{}, err
	}
	return s.appealToDecide(ctx, a, id)
}

// appealToDecide asks the roles first: a role that never decides appeals
// learns nothing about which exist.
func (s *Store) appealToDecide(ctx context.Context, a actor, id int64) (AppealCase, error) {
	if err := a.need(auth.ManageTraining, auth.ManageRounds); err != nil {
		return AppealCase{}, err
	}
	c, err := s.appealFor(ctx, a, id)
	if err != nil {
		return AppealCase{}, err
	}
	if err := a.runRound(c.Round.ProviderID); err != nil {
		return AppealCase{}, fmt.Errorf("appeal %d: %w", id, err)
	}
	return c, nil
}

// appealCases lists the appeals matching where (a condition on
// round_appeals ap) with their rounds and results, in a fixed number of
// queries however many.
func (s *Store) appealCases(ctx context.Context, a actor, where string, args []any) ([]AppealCase, error) {
	list, err := s.appeals(ctx, where, args...)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	rounds, err := s.rounds(ctx, s.DB, "rounds of appeals", `r.id IN (SELECT ap.round_id FROM round_appeals ap
		WHERE `+where+`) ORDER BY r.id`, args...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Round, len(rounds))
	for _, r := range rounds {
		byID[r.ID] = r
	}
	apps, err := s.applications(ctx, `EXISTS (SELECT 1 FROM round_appeals ap WHERE ap.round_id = a.round_id
		AND ap.seeker_id = a.seeker_id AND `+where+`)`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]AppealCase, len(list))
	for i, ap := range list {
		c := AppealCase{Appeal: ap, Round: byID[ap.RoundID]}
		if row := apps[appKey{ap.RoundID, ap.SeekerID}]; row != nil && row.resulted && c.Round.Allocated() {
			c.Result, c.HasResult = seatResult(c.Round, row), true
		}
		c.MayDecide = a.runRound(c.Round.ProviderID) == nil
		out[i] = c
	}
	return out, nil
}
