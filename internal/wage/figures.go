package wage

import (
	"context"
	"fmt"
	"slices"
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

// Figures counts, for each regency, what bursa holds about its wages in the
// year of the UMK in force before the wage of year is set. Public: every
// count of 1 to 4 is withheld, and no provincial total is shown beside them,
// so no sum gives a withheld cell back.
func (s *Store) Figures(ctx context.Context, year int) ([]Figures, error) {
	from := time.Date(year-1, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	byRegion := map[string]*Figures{}
	wages := map[string][]int64{}
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
	// Wages are read row by row to take the median in Go, the same on both
	// databases; a year's vacancies in one province are few enough.
	rows, err = s.DB.QueryContext(ctx, `SELECT region, wage_min, below_umk FROM vacancies
		WHERE published_at IS NOT NULL AND published_at >= ? AND published_at < ?`, from, to)
	if err != nil {
		return nil, fmt.Errorf("posted wages: %w", err)
	}
	for rows.Next() {
		var region string
		var w int64
		var below bool
		if err := rows.Scan(&region, &w, &below); err != nil {
			rows.Close()
			return nil, err
		}
		c := get(region)
		c[1]++
		if f := byRegion[region]; f != nil && w >= f.UMK {
			c[2]++
		} else if below {
			c[3]++
		}
		wages[region] = append(wages[region], w)
	}
	rows.Close()
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
		if w := wages[f.Region]; len(w) >= vacancy.MinShown {
			slices.Sort(w)
			f.MedianWageMin = w[len(w)/2]
			if len(w)%2 == 0 {
				f.MedianWageMin = (w[len(w)/2-1] + w[len(w)/2]) / 2
			}
		}
	}
	return out, nil
}
