package training

import (
	"context"

	"github.com/bursa-banten/bursa/internal/auth"
)

// Programs as one viewer sees them: a job seeker learns whether they may
// apply, a provider's staff that the program is theirs.

// recentIntakes is how many past intakes a program's page shows.
const recentIntakes = 3

// ProgramDetail is a program as one viewer sees it.
type ProgramDetail struct {
	Program
	Provider Provider
	// Round takes applications for the program now (HasRound): OpenRoundFor.
	Round    Round
	HasRound bool
	// IsSeeker: the viewer is a job seeker with a profile; Ineligible is then
	// the message id of the rule they fail in Round, "" when they may apply.
	IsSeeker   bool
	Ineligible string
	MayManage  bool     // the viewer keeps the program: its provider's staff
	Intakes    []Intake // the latest allocated intakes, newest first
	Outcome    Outcome  // WageShown judged for the viewer
	// MayFollow: the viewer may follow the program (to be told when a round
	// opens); Following: they do.
	MayFollow, Following bool
}

// ProgramFor returns program id as viewer u (nil: a visitor) sees it.
func (s *Store) ProgramFor(ctx context.Context, u *auth.User, id int64) (ProgramDetail, error) {
	p, err := s.Program(ctx, id)
	if err != nil {
		return ProgramDetail{}, err
	}
	d := ProgramDetail{Program: p}
	if d.Provider, err = s.Provider(ctx, p.ProviderID); err != nil {
		return ProgramDetail{}, err
	}
	if d.Round, d.HasRound, err = s.OpenRoundFor(ctx, id); err != nil {
		return ProgramDetail{}, err
	}
	sk, isSeeker, err := s.viewerSeeker(ctx, u)
	if err != nil {
		return ProgramDetail{}, err
	}
	d.IsSeeker = isSeeker
	if isSeeker && d.HasRound {
		d.Ineligible = p.Ineligible(sk.Applicant, d.Round.CloseDay())
	}
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return ProgramDetail{}, err
	}
	d.MayManage = a.manage(p.ProviderID) == nil
	if d.Intakes, err = s.Intakes(ctx, id); err != nil {
		return ProgramDetail{}, err
	}
	d.Intakes = d.Intakes[:min(len(d.Intakes), recentIntakes)]
	if d.Outcome, err = s.OutcomeForProgram(ctx, id); err != nil {
		return ProgramDetail{}, err
	}
	d.Outcome.judgeWage(a.readProvider(p.ProviderID) == nil)
	d.MayFollow = u != nil && u.Can(auth.ApplyTraining)
	if d.Following, err = s.Follows(ctx, u, id); err != nil {
		return ProgramDetail{}, err
	}
	return d, nil
}

// ListedProgram is a program in a list, with the round taking applications
// for it and, for a job seeker, the message id of the rule they fail there
// ("" when they may apply).
type ListedProgram struct {
	OpenProgram
	Ineligible string
}

// ProgramList is the list of programs taking applications now, as one
// viewer sees it.
type ProgramList struct {
	Filter   ProgramFilter // as asked, tidied
	Programs []ListedProgram
	IsSeeker bool // Ineligible was judged for a job seeker's profile
	// Others teach the filter's skill but take no applications now (no
	// round); only with a skill filter.
	Others []ListedProgram
	// Rounds are the rounds taking applications now.
	Rounds []Round
}

// OpenProgramsFor lists the programs taking applications now that match f,
// soonest closing first, as viewer u (nil: a visitor) sees them. A filter
// that cannot match anything is refused field by field.
func (s *Store) OpenProgramsFor(ctx context.Context, u *auth.User, f ProgramFilter) (ProgramList, error) {
	if err := f.Check().Err(); err != nil {
		return ProgramList{}, err
	}
	l := ProgramList{Filter: f}
	sk, isSeeker, err := s.viewerSeeker(ctx, u)
	if err != nil {
		return ProgramList{}, err
	}
	l.IsSeeker = isSeeker
	open, err := s.OpenPrograms(ctx, f)
	if err != nil {
		return ProgramList{}, err
	}
	listed := map[int64]bool{}
	for _, o := range open {
		lp := ListedProgram{OpenProgram: o}
		if isSeeker {
			lp.Ineligible = o.Ineligible(sk.Applicant, Round{ClosesAt: o.ClosesAt}.CloseDay())
		}
		listed[o.ID] = true
		l.Programs = append(l.Programs, lp)
	}
	if f.Skill != "" {
		teach, err := s.ProgramsTeaching(ctx, []string{f.Skill})
		if err != nil {
			return ProgramList{}, err
		}
		for _, m := range teach {
			if !listed[m.ID] && (f.Region == "" || m.Region == f.Region) {
				l.Others = append(l.Others, ListedProgram{OpenProgram: OpenProgram{Program: m.Program}})
			}
		}
	}
	if l.Rounds, err = s.OpenRounds(ctx); err != nil {
		return ProgramList{}, err
	}
	return l, nil
}
