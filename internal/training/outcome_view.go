package training

import (
	"context"

	"github.com/bursa-banten/bursa/internal/auth"
)

// ProviderReport is what became of a provider's participants: in all and
// program by program.
type ProviderReport struct {
	Provider Provider
	Total    Outcome
	Programs []ProgramOutcome
}

// ProviderOutcomes is the provider's report for u, who must be its staff or
// read labor-market figures (MayReadProvider). Both may see small counts,
// so every median wage is shown.
func (s *Store) ProviderOutcomes(ctx context.Context, u *auth.User, providerID int64) (ProviderReport, error) {
	if err := s.MayReadProvider(ctx, u, providerID); err != nil {
		return ProviderReport{}, err
	}
	var rep ProviderReport
	var err error
	if rep.Provider, err = s.Provider(ctx, providerID); err != nil {
		return ProviderReport{}, err
	}
	if rep.Total, err = s.OutcomeForProvider(ctx, providerID); err != nil {
		return ProviderReport{}, err
	}
	if rep.Programs, err = s.ProgramOutcomes(ctx, providerID); err != nil {
		return ProviderReport{}, err
	}
	rep.Total.judgeWage(true)
	for i := range rep.Programs {
		rep.Programs[i].Outcome.judgeWage(true)
	}
	return rep, nil
}

// RegionOutcomes lists the outcome of the programs held in each regency and
// city of Banten, for those who read labor-market figures.
func (s *Store) RegionOutcomes(ctx context.Context, u *auth.User) ([]RegionOutcome, error) {
	if err := (actor{user: u}).need(auth.ViewStats); err != nil {
		return nil, err
	}
	rs, err := s.OutcomesByRegion(ctx)
	if err != nil {
		return nil, err
	}
	for i := range rs {
		rs[i].Outcome.judgeWage(true)
	}
	return rs, nil
}
