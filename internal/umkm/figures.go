package umkm

import (
	"context"
	"fmt"
	"sort"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/stats/cells"
)

// Cell is a published count: withheld when it is 1 to 4 (cells.MinCell),
// or when it would let a withheld one be worked out.
type Cell struct {
	N        int
	Withheld bool
}

// RegionRow is one regency's businesses by class, and its total.
type RegionRow struct {
	Region  ref.Region
	ByClass []Cell // in Classes order
	Total   Cell
}

// YearMoves is the moves up declared for a year.
type YearMoves struct {
	Year int
	Up   Cell
}

// Figures are the registry's public figures.
type Figures struct {
	Regions []RegionRow
	Total   RegionRow // the province: ByClass are column totals
	MovesUp []YearMoves
	// Jobs through the registered businesses' employer accounts: vacancies
	// published and placements reported.
	Linked     Cell
	Vacancies  Cell
	Placements Cell
}

func single(n int) Cell { return Cell{N: n, Withheld: n > 0 && n < cells.MinCell} }

// Figures counts the registry for the public: businesses per class and
// regency, moves up per year, and jobs the registered businesses posted
// and filled, with the small-cell rule of every bursa figure.
func (s *Store) Figures(ctx context.Context) (Figures, error) {
	var f Figures
	regions := ref.Regions()
	index := map[string]int{}
	grid := cells.Grid{Cells: make([][]int, len(regions)), RowTotals: true, ColTotals: true}
	for i, r := range regions {
		index[r.Code] = i
		grid.Cells[i] = make([]int, len(Classes))
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT region, class, count(*) FROM umkm_businesses GROUP BY region, class`)
	if err != nil {
		return f, fmt.Errorf("umkm figures: %w", err)
	}
	for rows.Next() {
		var region, class string
		var n int
		if err := rows.Scan(&region, &class, &n); err != nil {
			rows.Close()
			return f, err
		}
		if i, ok := index[region]; ok && Rank(class) >= 0 {
			grid.Cells[i][Rank(class)] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	w := cells.Suppress(grid)
	colSum := make([]int, len(Classes))
	grand := 0
	for i, r := range regions {
		row := RegionRow{Region: r}
		sum := 0
		for k, n := range grid.Cells[i] {
			row.ByClass = append(row.ByClass, Cell{N: n, Withheld: w.Cells[i][k]})
			sum += n
			colSum[k] += n
		}
		grand += sum
		row.Total = Cell{N: sum, Withheld: w.Row[i]}
		f.Regions = append(f.Regions, row)
	}
	f.Total = RegionRow{Region: ref.Region{Code: "36", Name: "Provinsi Banten"}, Total: Cell{N: grand, Withheld: w.Grand}}
	for k, n := range colSum {
		f.Total.ByClass = append(f.Total.ByClass, Cell{N: n, Withheld: w.Col[k]})
	}

	// Moves up by the year declared. One row of years with its total: the
	// same rule hides a small year and whatever would reveal it.
	rows, err = s.DB.QueryContext(ctx, `SELECT year, count(*) FROM umkm_class_moves WHERE rank_change > 0 GROUP BY year`)
	if err != nil {
		return f, fmt.Errorf("umkm figures: moves: %w", err)
	}
	counts := map[int]int{}
	for rows.Next() {
		var y, n int
		if err := rows.Scan(&y, &n); err != nil {
			rows.Close()
			return f, err
		}
		counts[y] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	var years []int
	for y := range counts {
		years = append(years, y)
	}
	sort.Ints(years)
	if len(years) > 0 {
		g := cells.Grid{Cells: [][]int{make([]int, len(years))}, RowTotals: true}
		for i, y := range years {
			g.Cells[0][i] = counts[y]
		}
		mw := cells.Suppress(g)
		for i, y := range years {
			f.MovesUp = append(f.MovesUp, YearMoves{Year: y, Up: Cell{N: counts[y], Withheld: mw.Cells[0][i]}})
		}
	}

	var linked, vacancies, placements int
	if err := s.DB.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM umkm_businesses WHERE employer_id IS NOT NULL),
		(SELECT count(*) FROM vacancies v WHERE v.published_at IS NOT NULL AND v.employer_id IN (SELECT employer_id FROM umkm_businesses)),
		(SELECT count(*) FROM placements p WHERE p.employer_id IN (SELECT employer_id FROM umkm_businesses))`).Scan(&linked, &vacancies, &placements); err != nil {
		return f, fmt.Errorf("umkm figures: jobs: %w", err)
	}
	f.Linked, f.Vacancies, f.Placements = single(linked), single(vacancies), single(placements)
	return f, nil
}

// Assisted is what became of the businesses admitted to a group of
// programs: how many were admitted, and how many of them moved up a class
// after the program's allocation.
type Assisted struct {
	Admitted Cell
	MovedUp  Cell
}

// AssistedOutcome counts the businesses admitted to the programs carrying
// a youth tag and those that moved up a class afterwards. Both are
// withheld under cells.MinCell; the moved-up count is withheld with the
// admitted one, as it is a part of it.
func (s *Store) AssistedOutcome(ctx context.Context, youthTag string) (Assisted, error) {
	var admitted, up int
	err := s.DB.QueryRowContext(ctx, `SELECT count(DISTINCT a.business_id),
		count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM umkm_class_moves m WHERE m.business_id = a.business_id
			AND m.rank_change > 0 AND m.at >= p.allocated_at) THEN a.business_id END)
		FROM umkm_applications a JOIN umkm_programs p ON p.id = a.program_id
		WHERE p.youth_tag = ? AND a.result = ?`, youthTag, Admitted).Scan(&admitted, &up)
	if err != nil {
		return Assisted{}, fmt.Errorf("assisted outcome %s: %w", youthTag, err)
	}
	out := Assisted{Admitted: single(admitted), MovedUp: single(up)}
	// The part can be worked out from the whole minus the rest: when one
	// of the two is withheld, so is the other.
	if out.Admitted.Withheld || out.MovedUp.Withheld || (admitted-up > 0 && admitted-up < cells.MinCell) {
		out.Admitted.Withheld, out.MovedUp.Withheld = admitted > 0, up > 0 || admitted > 0
	}
	return out, nil
}
