package bkk

import (
	"context"
	"sort"

	"github.com/bursa-banten/bursa/internal/stats/cells"
)

// Cell is one published count; a withheld one has N 0.
type Cell struct {
	N        int
	Withheld bool
}

// FigureRow is one program's (or the school's total) counts by status, in
// Statuses order, with their total (the graduates whose wave is due).
type FigureRow struct {
	Program string
	Cells   []Cell
	Total   Cell
}

// WaveFigures are a school's outcomes at one wave.
type WaveFigures struct {
	Wave  int
	Rows  []FigureRow // one per program, by name
	Total FigureRow   // the whole school
}

// Figures are a school's tracer-study outcomes at each wave, public:
// counts under cells.MinCell, and those that would reveal them, withheld.
type Figures struct {
	School School
	Waves  []WaveFigures
}

// SchoolFigures computes school npsn's outcomes up to now. Anyone may read
// them (the /smk/{npsn} page): only counts pass the small-cell rule.
func (s *Store) SchoolFigures(ctx context.Context, npsn string) (Figures, error) {
	sc, err := s.School(ctx, npsn)
	if err != nil {
		return Figures{}, err
	}
	os, err := Outcomes(ctx, s.DB, s.Now(), `g.school_id = ?`, sc.ID)
	if err != nil {
		return Figures{}, err
	}
	return Figures{School: sc, Waves: tabulate(os)}, nil
}

// tabulate counts outcomes per wave, program and status and withholds
// small cells. A program's total at wave 6 equals its total at 12 once
// every cohort has reached both; a total withheld at one wave is then
// withheld at the other too, so neither gives the other away.
func tabulate(os []Outcome) []WaveFigures {
	progSet := map[string]bool{}
	for _, o := range os {
		progSet[o.Program] = true
	}
	progs := make([]string, 0, len(progSet))
	for p := range progSet {
		progs = append(progs, p)
	}
	sort.Strings(progs)
	row := map[string]int{}
	for i, p := range progs {
		row[p] = i
	}
	var out []WaveFigures
	// The raw totals per wave: rows, then the grand total last.
	raw := make([][]int, len(Waves))
	for wi, w := range Waves {
		raw[wi] = make([]int, len(progs)+1)
		g := cells.Grid{Cells: make([][]int, len(progs)), RowTotals: true, ColTotals: true}
		for i := range g.Cells {
			g.Cells[i] = make([]int, len(Statuses))
		}
		for _, o := range os {
			if o.Wave != w {
				continue
			}
			for k, st := range Statuses {
				if o.Status == st {
					g.Cells[row[o.Program]][k]++
				}
			}
		}
		wh := cells.Suppress(g)
		wf := WaveFigures{Wave: w, Total: FigureRow{Cells: make([]Cell, len(Statuses))}}
		grand := 0
		for i, p := range progs {
			fr := FigureRow{Program: p}
			sum := 0
			for k := range Statuses {
				n := g.Cells[i][k]
				sum += n
				fr.Cells = append(fr.Cells, cell(n, len(wh.Cells) > 0 && wh.Cells[i][k]))
				wf.Total.Cells[k].N += n
			}
			fr.Total = cell(sum, len(wh.Row) > 0 && wh.Row[i])
			raw[wi][i] = sum
			grand += sum
			wf.Rows = append(wf.Rows, fr)
		}
		for k := range Statuses {
			wf.Total.Cells[k] = cell(wf.Total.Cells[k].N, len(wh.Col) > 0 && wh.Col[k])
		}
		wf.Total.Total = cell(grand, wh.Grand)
		raw[wi][len(progs)] = grand
		out = append(out, wf)
	}
	// Equal totals across waves share their withholding.
	if len(out) == 2 {
		for i := 0; i <= len(progs); i++ {
			a, b := &out[0].Total.Total, &out[1].Total.Total
			if i < len(progs) {
				a, b = &out[0].Rows[i].Total, &out[1].Rows[i].Total
			}
			if raw[0][i] == raw[1][i] && (a.Withheld || b.Withheld) {
				*a, *b = Cell{Withheld: true}, Cell{Withheld: true}
			}
		}
	}
	return out
}

func cell(n int, withheld bool) Cell {
	if withheld {
		return Cell{Withheld: true}
	}
	return Cell{N: n}
}
