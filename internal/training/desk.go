package training

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
)

// The desks of those who run training: a provider's staff with their
// programs, rounds and rosters, and the office's officers with the
// province-wide rounds.

// RoundLine is a round on a desk: where it stands now, and whether the
// viewer may allocate it now.
type RoundLine struct {
	Round
	State       string // RoundOpen, RoundClosed or RoundAllocated
	MayAllocate bool
}

func (s *Store) roundLines(a actor, rs []Round) []RoundLine {
	now := s.Now()
	out := make([]RoundLine, len(rs))
	for i, r := range rs {
		out[i] = RoundLine{Round: r, State: r.State(now)}
		out[i].MayAllocate = out[i].State == RoundClosed && a.runRound(r.ProviderID) == nil
	}
	return out
}

// ProviderDesk is one provider on its staff's desk.
type ProviderDesk struct {
	Provider       Provider
	Programs       []Program
	Rounds         []RoundLine // its own and the province-wide ones with its programs
	PendingAppeals int
}

// StaffDesk lists the providers u acts for, each with its programs, rounds
// and undecided appeals.
func (s *Store) StaffDesk(ctx context.Context, u *auth.User) ([]ProviderDesk, error) {
	ps, err := s.ProvidersOf(ctx, u)
	if err != nil {
		return nil, err
	}
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return nil, err
	}
	out := make([]ProviderDesk, len(ps))
	for i, p := range ps {
		d := ProviderDesk{Provider: p}
		if d.Programs, err = s.ProgramsByProvider(ctx, p.ID); err != nil {
			return nil, err
		}
		rounds, err := s.RoundsByProvider(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		d.Rounds = s.roundLines(a, rounds)
		pending, err := s.AppealsFor(ctx, AppealFilter{ProviderID: p.ID, OnlyPending: true})
		if err != nil {
			return nil, err
		}
		d.PendingAppeals = len(pending)
		out[i] = d
	}
	return out, nil
}

// ProvinceDesk is the officers' desk: the province-wide rounds, the
// appeals officers see, and the providers.
type ProvinceDesk struct {
	Rounds    []RoundLine
	Appeals   []AppealCase
	Providers []Provider
}

// ProvinceDesk is the officers' desk for u, who must run province-wide
// rounds.
func (s *Store) ProvinceDesk(ctx context.Context, u *auth.User) (ProvinceDesk, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return ProvinceDesk{}, err
	}
	if err := a.need(auth.ManageRounds); err != nil {
		return ProvinceDesk{}, err
	}
	var d ProvinceDesk
	rounds, err := s.RoundsByProvider(ctx, 0)
	if err != nil {
		return ProvinceDesk{}, err
	}
	d.Rounds = s.roundLines(a, rounds)
	if d.Appeals, err = s.AppealsVisibleTo(ctx, u, false); err != nil {
		return ProvinceDesk{}, err
	}
	if d.Providers, err = s.Providers(ctx); err != nil {
		return ProvinceDesk{}, err
	}
	return d, nil
}

// ProviderPrograms is a provider with its programs.
type ProviderPrograms struct {
	Provider Provider
	Programs []Program
}

// ProgramsForNewRound lists the programs u may put in a new round, by
// provider: for a province-wide round (province) every provider's, which
// officers may open; else those of the providers u acts for.
func (s *Store) ProgramsForNewRound(ctx context.Context, u *auth.User, province bool) ([]ProviderPrograms, error) {
	var ps []Provider
	var err error
	if province {
		if err := (actor{user: u}).need(auth.ManageRounds); err != nil {
			return nil, err
		}
		ps, err = s.Providers(ctx)
	} else {
		ps, err = s.ProvidersToRun(ctx, u)
	}
	if err != nil {
		return nil, err
	}
	out := make([]ProviderPrograms, len(ps))
	for i, p := range ps {
		out[i].Provider = p
		if out[i].Programs, err = s.ProgramsByProvider(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Roster is a program's intakes, participants and outcome, for its staff.
type Roster struct {
	Program      Program
	Intakes      []Intake // with how many of each are enrolled
	Participants []Enrollment
	Outcome      Outcome
}

// RoundTitle is the title of the intake round roundID.
func (r Roster) RoundTitle(roundID int64) string {
	for _, in := range r.Intakes {
		if in.Round.ID == roundID {
			return in.Round.Title
		}
	}
	return ""
}

// RosterFor returns program id's roster for u, who must keep the program.
func (s *Store) RosterFor(ctx context.Context, u *auth.User, id int64) (Roster, error) {
	p, err := s.ProgramToManage(ctx, u, id)
	if err != nil {
		return Roster{}, err
	}
	r := Roster{Program: p}
	if r.Participants, err = s.Roster(ctx, id); err != nil {
		return Roster{}, err
	}
	enrolled := map[int64]int{}
	for _, e := range r.Participants {
		enrolled[e.RoundID]++
	}
	if r.Intakes, err = s.Intakes(ctx, id); err != nil {
		return Roster{}, err
	}
	for i := range r.Intakes {
		r.Intakes[i].Enrolled = enrolled[r.Intakes[i].Round.ID]
	}
	if r.Outcome, err = s.OutcomeForProgram(ctx, id); err != nil {
		return Roster{}, fmt.Errorf("roster of program %d: %w", id, err)
	}
	r.Outcome.judgeWage(true)
	return r, nil
}
