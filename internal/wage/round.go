package wage

import (
	"context"
	"fmt"
	"math"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// AllIn simulates every regency at once, or only Region when set.
// Inflation and Growth, when nil, are the council's inputs for the year
// (growth per regency).
type AllIn struct {
	Year      int
	Region    string
	Alpha     float64
	Inflation *float64
	Growth    *float64
}

// SimulateAll computes the wage of every regency with one α. Like Simulate
// it writes nothing and is public.
func (s *Store) SimulateAll(ctx context.Context, u *auth.User, in AllIn) ([]Simulation, error) {
	inputs, err := s.Inputs(ctx, in.Year)
	if err != nil {
		return nil, err
	}
	var errs valid.Errors
	regions := ref.Regions()
	if in.Region != "" {
		r, ok := ref.RegionByCode(in.Region)
		if !ok {
			return nil, valid.New("region", "choose_one")
		}
		regions = []ref.Region{r}
	}
	infl := inputs[ProvinceCode].Value
	if in.Inflation != nil {
		infl = *in.Inflation
	} else if _, ok := inputs[ProvinceCode]; !ok {
		errs.Add("inflation", "wage_input_missing")
	}
	var sims []SimInput
	for _, r := range regions {
		g, ok := inputs[r.Code]
		growth := g.Value
		if in.Growth != nil {
			growth = *in.Growth
		} else if !ok {
			if !errs.Has("growth") {
				errs.Add("growth", "wage_input_missing")
			}
			continue
		}
		sims = append(sims, SimInput{Year: in.Year, Region: r.Code, Inflation: infl, Growth: growth, Alpha: in.Alpha})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	out := make([]Simulation, 0, len(sims))
	for _, si := range sims {
		var e valid.Errors
		r, base, ok := checkSim(&e, si)
		if !ok {
			return nil, e.Err()
		}
		out = append(out, simulate(si, base, r))
	}
	return out, nil
}

// Round is the council's page for the wage of Year.
type Round struct {
	Year       int
	Range      ref.AlphaRange
	RangeKnown bool
	// Alpha is the α the table is simulated with (the range's middle unless
	// chosen).
	Alpha     float64
	Inflation *Input
	Rows      []RoundRow
	// Seat is the party the viewer sits for, "" for everyone else.
	Seat string
	// ShowProposals: council members and admins see the parties' proposals;
	// they are the council's working papers until it decides.
	ShowProposals bool
	// CanEnterInputs: the viewer may enter inflation and growth.
	CanEnterInputs bool
	// CanDecide: the viewer records the council's recommendation.
	CanDecide bool
	// HistoryYears are the years of UMK history shown.
	HistoryYears []int
}

// RoundRow is one regency in the round.
type RoundRow struct {
	Region         ref.Region
	History        []int64 // UMK of each HistoryYears, 0 when unknown
	Growth         *Input
	Sim            *Simulation // nil until the council's inputs are entered
	Proposals      []Proposal  // in Parties order, only the parties that proposed
	Recommendation *Recommendation
	Figures        Figures
}

// Round assembles the council's page for the wage of year, simulated with
// alpha (0: the middle of the year's range). Anyone may read it; the
// parties' proposals are shown to council members and admins only.
func (s *Store) Round(ctx context.Context, u *auth.User, year int, alpha float64) (Round, error) {
	rd := Round{Year: year}
	rd.Range, rd.RangeKnown = ref.AlphaFor(year)
	if !rd.RangeKnown {
		return rd, valid.New("year", "wage_year_unknown")
	}
	if alpha == 0 {
		alpha = math.Round((rd.Range.Min+rd.Range.Max)*50) / 100
	}
	var errs valid.Errors
	checkAlpha(&errs, "alpha", alpha, rd.Range, true)
	if err := errs.Err(); err != nil {
		return rd, err
	}
	rd.Alpha = alpha
	if u != nil {
		rd.Seat = s.Seat(ctx, u)
		rd.ShowProposals = rd.Seat != "" || u.Can(auth.WageMembers)
		rd.CanEnterInputs = u.Can(auth.WageInputs)
		rd.CanDecide = rd.Seat == Government
	}
	for y := 2025; y < year; y++ {
		rd.HistoryYears = append(rd.HistoryYears, y)
	}
	inputs, err := s.Inputs(ctx, year)
	if err != nil {
		return rd, err
	}
	if in, ok := inputs[ProvinceCode]; ok {
		rd.Inflation = &in
	}
	recs, err := s.Recommendations(ctx, year)
	if err != nil {
		return rd, err
	}
	figs, err := s.cachedFigures(ctx, year)
	if err != nil {
		return rd, err
	}
	props := map[string][]Proposal{}
	if rd.ShowProposals {
		if props, err = s.proposals(ctx, year); err != nil {
			return rd, err
		}
	}
	for i, r := range ref.Regions() {
		row := RoundRow{Region: r, Figures: figs[i]}
		for _, y := range rd.HistoryYears {
			w, _ := ref.UMK(r.Code, y)
			row.History = append(row.History, w)
		}
		base, hasBase := ref.UMK(r.Code, year-1)
		if g, ok := inputs[r.Code]; ok {
			row.Growth = &g
			if rd.Inflation != nil && hasBase {
				sm := simulate(SimInput{Year: year, Region: r.Code, Inflation: rd.Inflation.Value, Growth: g.Value, Alpha: alpha}, base, rd.Range)
				row.Sim = &sm
			}
		}
		for _, p := range props[r.Code] {
			if row.Sim != nil {
				p.UMK = Formula(base, rd.Inflation.Value, row.Growth.Value, p.Alpha)
				p.Change, p.ChangePct = p.UMK-base, pct(p.UMK-base, base)
			}
			row.Proposals = append(row.Proposals, p)
		}
		for j := range recs {
			if recs[j].Region == r.Code {
				row.Recommendation = &recs[j]
			}
		}
		rd.Rows = append(rd.Rows, row)
	}
	return rd, nil
}

// proposals reads a year's proposals by region, in Parties order.
func (s *Store) proposals(ctx context.Context, year int) (map[string][]Proposal, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT region, party, alpha_c, reasoning, updated_at FROM wage_proposals WHERE year = ?
		ORDER BY region, CASE party WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 ELSE 3 END`, year, Government, Employers, Unions)
	if err != nil {
		return nil, fmt.Errorf("proposals %d: %w", year, err)
	}
	defer rows.Close()
	out := map[string][]Proposal{}
	for rows.Next() {
		var p Proposal
		var a int64
		if err := rows.Scan(&p.Region, &p.Party, &a, &p.Reasoning, &p.At); err != nil {
			return nil, err
		}
		p.Alpha = fromHundredths(a)
		out[p.Region] = append(out[p.Region], p)
	}
	return out, rows.Err()
}
