package training

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
)

// Placement windows: a completer counts as placed "within 3 months" when a
// reported job starts 0 to 90 days after the completion date, "within 6
// months" 0 to 180 days after.
const (
	PlacedShortDays = 90
	PlacedLongDays  = 180
)

// Rate is N out of Of.
type Rate struct{ N, Of int }

// Known reports whether the rate has a denominator.
func (r Rate) Known() bool { return r.Of > 0 }

// Percent is the rate in percent, 0 when unknown.
func (r Rate) Percent() float64 {
	if r.Of == 0 {
		return 0
	}
	return 100 * float64(r.N) / float64(r.Of)
}

// Outcome sums up what became of a group of programs' participants.
//
// Completion and certification are counted of everyone enrolled. Placement
// is counted of completers only, and only of those whose window has fully
// passed: a cohort that finished last week has not failed to find work
// within 3 months, it has not had 3 months yet. Placements come from bursa
// kerja's placements table (hires reported by employers).
type Outcome struct {
	Programs  int
	Enrolled  int
	Completed int
	Certified int
	// Completion is completers of enrolled; Certification certified of
	// enrolled.
	Completion    Rate
	Certification Rate
	// PlacedShort and PlacedLong: completers whose first job started within
	// PlacedShortDays / PlacedLongDays of completion, of completers for
	// whom that many days have passed.
	PlacedShort Rate
	PlacedLong  Rate
	// MedianWage is the median monthly wage of completers' first job within
	// PlacedLongDays of completion (0 when none); Wages is how many
	// placements it is the median of. With an even count it is the mean of
	// the middle two, rounded down. WageShown says whether the reader may
	// see it: see MinPublicWages.
	MedianWage int64
	Wages      int
	WageShown  bool
	// The industry partners' commitments summed over allocated intakes,
	// and completers hired by their cohort's partner within
	// PlacedLongDays of completion.
	PartnerInterviewPlaces int
	PartnerHirePlaces      int
	PartnerHires           int
}

type outcomeRow struct {
	programID, roundID, seekerID int64
	completed, certified         sql.NullTime
	partnerID                    int64
	key                          string
}

type placementRow struct {
	start      time.Time
	wage       int64
	employerID int64
}

// accumulator gathers one group's outcome.
type accumulator struct {
	Outcome
	wages []int64
}

// outcomes computes the outcome of each group of the programs matching
// where (a condition on programs p), the group of a program being
// group(p.id, p.provider_id, p.region).
func (s *Store) outcomes(ctx context.Context, where string, args []any, group func(programID, providerID int64, region string) string) (map[string]*Outcome, error) {
	acc := map[string]*accumulator{}
	get := func(k string) *accumulator {
		a := acc[k]
		if a == nil {
			a = &accumulator{}
			acc[k] = a
		}
		return a
	}
	// Programs, with the partner commitments of their allocated intakes.
	rows, err := s.DB.QueryContext(ctx, `SELECT p.id, p.provider_id, p.region,
		(SELECT COALESCE(sum(rp.partner_interviews), 0) FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
		 WHERE rp.program_id = p.id AND r.allocated_at IS NOT NULL),
		(SELECT COALESCE(sum(rp.partner_hires), 0) FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
		 WHERE rp.program_id = p.id AND r.allocated_at IS NOT NULL)
		FROM programs p WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("outcomes: programs: %w", err)
	}
	keyOf := map[int64]string{}
	for rows.Next() {
		var id, provider, interviews, hires int64
		var region string
		if err := rows.Scan(&id, &provider, &region, &interviews, &hires); err != nil {
			rows.Close()
			return nil, fmt.Errorf("outcomes: programs: %w", err)
		}
		k := group(id, provider, region)
		keyOf[id] = k
		a := get(k)
		a.Programs++
		a.PartnerInterviewPlaces += int(interviews)
		a.PartnerHirePlaces += int(hires)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outcomes: programs: %w", err)
	}

	rows, err = s.DB.QueryContext(ctx, `SELECT e.program_id, e.round_id, e.seeker_id, e.completed_on, e.certified_on,
		COALESCE(rp.partner_id, 0)
		FROM enrollments e JOIN programs p ON p.id = e.program_id
		LEFT JOIN round_programs rp ON rp.round_id = e.round_id AND rp.program_id = e.program_id
		WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("outcomes: enrollments: %w", err)
	}
	var enrolled []outcomeRow
	for rows.Next() {
		var r outcomeRow
		if err := rows.Scan(&r.programID, &r.roundID, &r.seekerID, &r.completed, &r.certified, &r.partnerID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("outcomes: enrollments: %w", err)
		}
		r.key = keyOf[r.programID]
		enrolled = append(enrolled, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outcomes: enrollments: %w", err)
	}

	rows, err = s.DB.QueryContext(ctx, `SELECT pl.seeker_id, pl.start_date, pl.wage, pl.employer_id FROM placements pl
		WHERE pl.seeker_id IN (SELECT e.seeker_id FROM enrollments e JOIN programs p ON p.id = e.program_id
		WHERE e.completed_on IS NOT NULL AND `+where+`)
		ORDER BY pl.seeker_id, pl.start_date, pl.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("outcomes: placements: %w", err)
	}
	placements := map[int64][]placementRow{}
	for rows.Next() {
		var sk int64
		var p placementRow
		if err := rows.Scan(&sk, &p.start, &p.wage, &p.employerID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("outcomes: placements: %w", err)
		}
		placements[sk] = append(placements[sk], p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outcomes: placements: %w", err)
	}

	day := today(s.Now)
	for _, r := range enrolled {
		a := get(r.key)
		a.Enrolled++
		if r.certified.Valid {
			a.Certified++
		}
		if !r.completed.Valid {
			continue
		}
		a.Completed++
		done := r.completed.Time
		short, long := done.AddDate(0, 0, PlacedShortDays), done.AddDate(0, 0, PlacedLongDays)
		var first *placementRow
		partnerHired := false
		for i, p := range placements[r.seekerID] {
			if p.start.Before(done) || p.start.After(long) {
				continue
			}
			if first == nil {
				first = &placements[r.seekerID][i]
			}
			if r.partnerID != 0 && p.employerID == r.partnerID {
				partnerHired = true
			}
		}
		if !short.After(day) {
			a.PlacedShort.Of++
			if first != nil && !first.start.After(short) {
				a.PlacedShort.N++
			}
		}
		if !long.After(day) {
			a.PlacedLong.Of++
			if first != nil {
				a.PlacedLong.N++
			}
		}
		if first != nil {
			a.wages = append(a.wages, first.wage)
		}
		if partnerHired {
			a.PartnerHires++
		}
	}
	out := map[string]*Outcome{}
	for k, a := range acc {
		o := a.Outcome
		o.Completion = Rate{o.Completed, o.Enrolled}
		o.Certification = Rate{o.Certified, o.Enrolled}
		o.Wages = len(a.wages)
		o.MedianWage = median(a.wages)
		out[k] = &o
	}
	return out, nil
}

// MinPublicWages is how many placements a median wage needs before anyone
// may see it: with fewer, the "median" is one or two people's pay. The
// provider's staff and those who read labor-market figures see it from one.
const MinPublicWages = 3

// judgeWage sets WageShown for a reader who may (private) or may not read
// the provider's own figures.
func (o *Outcome) judgeWage(private bool) {
	o.WageShown = o.Wages > 0 && (private || o.Wages >= MinPublicWages)
}

// median of wages in rupiah; the mean of the middle two when their number
// is even, rounded down; 0 for none.
func median(wages []int64) int64 {
	if len(wages) == 0 {
		return 0
	}
	w := slices.Clone(wages)
	slices.Sort(w)
	m := len(w) / 2
	if len(w)%2 == 1 {
		return w[m]
	}
	return w[m-1] + (w[m]-w[m-1])/2
}

// OutcomeForProgram is the outcome of one program over all its intakes.
func (s *Store) OutcomeForProgram(ctx context.Context, programID int64) (Outcome, error) {
	m, err := s.outcomes(ctx, `p.id = ?`, []any{programID}, func(int64, int64, string) string { return "" })
	if err != nil {
		return Outcome{}, fmt.Errorf("outcome of program %d: %w", programID, err)
	}
	if o := m[""]; o != nil {
		return *o, nil
	}
	return Outcome{}, nil
}

// OutcomeForProvider is the outcome of all of a provider's programs.
func (s *Store) OutcomeForProvider(ctx context.Context, providerID int64) (Outcome, error) {
	m, err := s.outcomes(ctx, `p.provider_id = ?`, []any{providerID}, func(int64, int64, string) string { return "" })
	if err != nil {
		return Outcome{}, fmt.Errorf("outcome of provider %d: %w", providerID, err)
	}
	if o := m[""]; o != nil {
		return *o, nil
	}
	return Outcome{}, nil
}

// ProgramOutcome is one program's line in a provider's outcome table.
type ProgramOutcome struct {
	Program Program
	Outcome Outcome
}

// ProgramOutcomes lists the outcome of each of a provider's programs.
func (s *Store) ProgramOutcomes(ctx context.Context, providerID int64) ([]ProgramOutcome, error) {
	ps, err := s.ProgramsByProvider(ctx, providerID)
	if err != nil {
		return nil, err
	}
	m, err := s.outcomes(ctx, `p.provider_id = ?`, []any{providerID}, func(id, _ int64, _ string) string {
		return fmt.Sprint(id)
	})
	if err != nil {
		return nil, fmt.Errorf("outcomes of provider %d: %w", providerID, err)
	}
	out := make([]ProgramOutcome, len(ps))
	for i, p := range ps {
		out[i].Program = p
		if o := m[fmt.Sprint(p.ID)]; o != nil {
			out[i].Outcome = *o
		}
	}
	return out, nil
}

// RegionOutcome is one regency/city's line in the province's outcome table:
// the programs held there.
type RegionOutcome struct {
	Region  ref.Region
	Outcome Outcome
}

// OutcomesByRegion lists the outcome of the programs held in each regency
// and city of Banten, in the reference order, for officers and analysts.
func (s *Store) OutcomesByRegion(ctx context.Context) ([]RegionOutcome, error) {
	m, err := s.outcomes(ctx, `1 = 1`, nil, func(_, _ int64, region string) string { return region })
	if err != nil {
		return nil, fmt.Errorf("outcomes by region: %w", err)
	}
	var out []RegionOutcome
	for _, r := range ref.Regions() {
		ro := RegionOutcome{Region: r}
		if o := m[r.Code]; o != nil {
			ro.Outcome = *o
		}
		out = append(out, ro)
	}
	return out, nil
}
