package wage

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// Cell is a published count: Withheld when 1 to 4 (vacancy.MinShown), so a
// figure never describes a handful of people or companies.
type Cell struct {
	N        int
	Withheld bool
}

func cell(n int) Cell {
	if n > 0 && n < vacancy.MinShown {
		return Cell{Withheld: true}
	}
	return Cell{N: n}
}

// Figures are the bursa figures the parties cite for a regency, counted over
// the calendar year of the UMK in force (Year).
type Figures struct {
	Region string
	Year   int
	UMK    int64
	// Placements reported at vacancies in the regency.
	Placements Cell
	// Vacancies published in the regency; AtOrAboveUMK of them offer at
	// least the UMK as their lowest wage, BelowUMK are micro and small
	// businesses' vacancies under the exemption.
	Vacancies    Cell
	AtOrAboveUMK Cell
	BelowUMK     Cell
	// MedianWageMin is the median lowest posted wage; 0 when fewer than
	// MinShown vacancies were posted.
	MedianWageMin int64
	// WageComplaints: complaints about wages below the UMK or unpaid.
	WageComplaints Cell
}

// cachedFigures returns Figures(year), reused for figuresTTL.
func (s *Store) cachedFigures(ctx context.Context, year int) ([]Figures, error) {
	now := s.Now()
	s.mu.Lock()
	c, ok := s.figs[year]
	s.mu.Unlock()
	if ok && now.Sub(c.at) < figuresTTL && !now.Before(c.at) {
		return c.figs, nil
	}
	figs, err := s.Figures(ctx, year)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.figs == nil {
		s.figs = map[int]cachedFigures{}
	}
	s.figs[year] = cachedFigures{at: now, figs: figs}
	s.mu.Unlock()
	return figs, nil
}

// Figures counts, for each regency, what bursa holds about its wages in the
// year of the UMK in force before the wage of year is set. Public: every
// count of 1 to 4 is withheld, and no provincial total is shown beside them,
// so no sum gives a withheld cell back.
func (s *Store) Figures(ctx context.Context, year int) ([]Figures, error) {
	from := time.Date(year-1, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	byRegion := map[string]*Figures{}
	var out []Figures
	for _, r := range ref.Regions() {
		umk, _ := ref.UMK(r.Code, year-1)
		out = append(out, Figures{Region: r.Code, Year: year - 1, UMK: umk})
	}
	for i := range out {
		byRegion[out[i].Region] = &out[i]
	}
	counts := map[string]*[5]int{}
	get := func(region string) *[5]int {
		if counts[region] == nil {
			counts[region] = &[5]int{}
		}
		return counts[region]
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT v.region, COUNT(*) FROM placements p JOIN vacancies v ON v.id = p.vacancy_id
		WHERE p.reported_at >= ? AND p.reported_at < ? GROUP BY v.region`, from, to)
	if err != nil {
		return nil, fmt.Errorf("placements by region: %w", err)
	}
	for rows.Next() {
		var region string
		var n int
		if err := rows.Scan(&region, &n); err != nil {
			rows.Close()
			return nil, err
		}
		get(region)[0] = n
	}
	rows.Close()
	// Counts per regency in one pass; the UMK each vacancy is held against
	// is its own regency's, written into the query as a CASE.
	umkCase, umkArgs := "CASE region", []any{}
	for _, f := range out {
		umkCase += " WHEN ? THEN ?"
		umkArgs = append(umkArgs, f.Region, f.UMK)
	}
	umkCase += " ELSE 0 END"
	args := append(append([]any{}, umkArgs...), from, to)
	rows, err = s.DB.QueryContext(ctx, `SELECT region, COUNT(*), SUM(CASE WHEN wage_min >= `+umkCase+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN below_umk THEN 1 ELSE 0 END) FROM vacancies
		WHERE published_at IS NOT NULL AND published_at >= ? AND published_at < ? GROUP BY region`, args...)
	if err != nil {
		return nil, fmt.Errorf("posted wages: %w", err)
	}
	for rows.Next() {
		var region string
		var n, at, below int
		if err := rows.Scan(&region, &n, &at, &below); err != nil {
			rows.Close()
			return nil, err
		}
		c := get(region)
		c[1], c[2], c[3] = n, at, below
	}
	rows.Close()
	// The median lowest wage of each regency with enough vacancies: the
	// middle one or two rows in wage order, the same on both databases.
	for i := range out {
		n := get(out[i].Region)[1]
		if n < vacancy.MinShown {
			continue
		}
		mid, err := s.median(ctx, out[i].Region, from, to, n)
		if err != nil {
			return nil, err
		}
		out[i].MedianWageMin = mid
	}
	rows, err = s.DB.QueryContext(ctx, `SELECT region, COUNT(*) FROM complaints WHERE category IN (?, ?) AND created_at >= ? AND created_at < ? GROUP BY region`,
		complaint.UpahDiBawahUMK, complaint.UpahTidakDibayar, from, to)
	if err != nil {
		return nil, fmt.Errorf("wage complaints: %w", err)
	}
	for rows.Next() {
		var region string
		var n int
		if err := rows.Scan(&region, &n); err != nil {
			rows.Close()
			return nil, err
		}
		get(region)[4] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		f := &out[i]
		c := get(f.Region)
		f.Placements, f.Vacancies, f.WageComplaints = cell(c[0]), cell(c[1]), cell(c[4])
		f.AtOrAboveUMK, f.BelowUMK = cell(c[2]), cell(c[3])
		// With the vacancies shown, the part not at or above the UMK
		// would give a withheld count back: withhold its partner too.
		if rest := c[1] - c[2]; rest > 0 && rest < vacancy.MinShown {
			f.AtOrAboveUMK = Cell{Withheld: true}
		}
	}
	return out, nil
}

// median is the median lowest wage of n vacancies published in region
// between from and to.
func (s *Store) median(ctx context.Context, region string, from, to time.Time, n int) (int64, error) {
	take := 1 + (n+1)%2 // two middle rows when n is even
	rows, err := s.DB.QueryContext(ctx, `SELECT wage_min FROM vacancies WHERE region = ? AND published_at IS NOT NULL
		AND published_at >= ? AND published_at < ? ORDER BY wage_min LIMIT ? OFFSET ?`, region, from, to, take, (n-1)/2)
	if err != nil {
		return 0, fmt.Errorf("median wage of %s: %w", region, err)
	}
	defer rows.Close()
	var sum, k int64
	for rows.Next() {
		var w int64
		if err := rows.Scan(&w); err != nil {
			return 0, err
		}
		sum, k = sum+w, k+1
	}
	if k == 0 {
		return 0, rows.Err()
	}
	return sum / k, rows.Err()
}
