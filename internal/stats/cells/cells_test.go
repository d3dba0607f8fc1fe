package cells

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestSuppressNothingRecoverable is the small-cell rule's one hard test:
// for many random tables (many small counts, zeros, one row or column,
// with and without margins), every count from 1 to 4 is withheld, and no
// withheld cell is fixed by the published figures. "Fixed" is decided
// independently of Suppress's graph argument: the published totals are
// written as linear equations over the withheld cells, and a cell is
// recoverable exactly when its unit vector lies in the span of those
// equations (exact rational elimination).
func TestSuppressNothingRecoverable(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	for n := 0; n < 3000; n++ {
		R, C := 1+rng.IntN(6), 1+rng.IntN(5)
		g := Grid{Cells: make([][]int, R), RowTotals: rng.IntN(3) > 0, ColTotals: rng.IntN(3) > 0}
		for r := range g.Cells {
			g.Cells[r] = make([]int, C)
			for c := range g.Cells[r] {
				switch rng.IntN(4) {
				case 0:
					g.Cells[r][c] = 0
				case 1:
					g.Cells[r][c] = 1 + rng.IntN(4)
				default:
					g.Cells[r][c] = rng.IntN(60)
				}
			}
		}
		w := Suppress(g)
		checkPrimary(t, g, w)
		if cell, ok := recoverable(g, w); ok {
			t.Fatalf("table %d %v (row totals %v, col totals %v): withheld %v, cell %s can be worked out",
				n, g.Cells, g.RowTotals, g.ColTotals, w, cell)
		}
	}
}

// TestSuppressKeepsWhatIsSafe: a table with no small cell loses nothing,
// and a single small cell costs a rectangle, not the table.
func TestSuppressKeepsWhatIsSafe(t *testing.T) {
	g := Grid{Cells: [][]int{{10, 20, 30}, {40, 50, 60}, {70, 80, 90}}, RowTotals: true, ColTotals: true}
	w := Suppress(g)
	if n := count(w); n != 0 {
		t.Fatalf("%d cells withheld in a table without small counts", n)
	}
	g.Cells[1][1] = 3
	w = Suppress(g)
	if !w.Cells[1][1] || count(w) != 4 || w.Grand {
		t.Fatalf("one small cell: withheld %+v, want a rectangle of 4 inner cells", w)
	}
	// A single column with the province total: a lone small regency
	// needs a second withheld regency, not the total.
	col := Grid{Cells: [][]int{{12}, {3}, {40}, {8}}, ColTotals: true}
	w = Suppress(col)
	if !w.Cells[1][0] || !w.Cells[3][0] || w.Col[0] || count(w) != 2 {
		t.Fatalf("column: %+v, want rows 1 and 3", w)
	}
}

func count(w Withheld) int {
	n := 0
	for _, row := range w.Cells {
		for _, b := range row {
			if b {
				n++
			}
		}
	}
	for _, b := range append(append([]bool{}, w.Row...), w.Col...) {
		if b {
			n++
		}
	}
	if w.Grand {
		n++
	}
	return n
}

func checkPrimary(t *testing.T, g Grid, w Withheld) {
	t.Helper()
	small := func(n int) bool { return n > 0 && n < MinCell }
	R, C := len(g.Cells), len(g.Cells[0])
	colSum, grand := make([]int, C), 0
	for r, row := range g.Cells {
		sum := 0
		for c, v := range row {
			if small(v) && !w.Cells[r][c] {
				t.Fatalf("%v: cell %d,%d = %d published", g.Cells, r, c, v)
			}
			sum += v
			colSum[c] += v
		}
		grand += sum
		if g.RowTotals && small(sum) && !w.Row[r] {
			t.Fatalf("%v: row total %d = %d published", g.Cells, r, sum)
		}
	}
	for c, v := range colSum {
		if g.ColTotals && small(v) && !w.Col[c] {
			t.Fatalf("%v: column total %d = %d published", g.Cells, c, v)
		}
	}
	if g.RowTotals && g.ColTotals && small(grand) && !w.Grand {
		t.Fatalf("%v: grand total %d published", g.Cells, grand)
	}
	_ = R
}

// recoverable builds the published equations and reports a withheld cell
// whose value they fix.
func recoverable(g Grid, w Withheld) (string, bool) {
	R, C := len(g.Cells), len(g.Cells[0])
	// Unknowns: every withheld cell, inner or total, by a name.
	idx := map[[2]int]int{} // (r, c) with r==R the column totals, c==C the row totals
	var names [][2]int
	unknown := func(r, c int) bool {
		switch {
		case r < R && c < C:
			return w.Cells[r][c]
		case r < R:
			return w.Row[r]
		case c < C:
			return w.Col[c]
		}
		return w.Grand
	}
	for r := 0; r <= R; r++ {
		for c := 0; c <= C; c++ {
			if unknown(r, c) {
				idx[[2]int{r, c}] = len(names)
				names = append(names, [2]int{r, c})
			}
		}
	}
	if len(names) == 0 {
		return "", false
	}
	// Each published identity, as coefficients over the unknowns (the
	// known parts go to the right-hand side, which does not matter for
	// whether a cell is fixed).
	var eqs [][]*big.Rat
	eq := func(cells [][2]int, total [2]int) {
		row := make([]*big.Rat, len(names))
		for i := range row {
			row[i] = new(big.Rat)
		}
		for _, k := range cells {
			if i, ok := idx[k]; ok {
				row[i].Add(row[i], big.NewRat(1, 1))
			}
		}
		if i, ok := idx[total]; ok {
			row[i].Sub(row[i], big.NewRat(1, 1))
		}
		eqs = append(eqs, row)
	}
	if g.RowTotals {
		for r := 0; r < R; r++ {
			var cells [][2]int
			for c := 0; c < C; c++ {
				cells = append(cells, [2]int{r, c})
			}
			eq(cells, [2]int{r, C})
		}
	}
	if g.ColTotals {
		for c := 0; c < C; c++ {
			var cells [][2]int
			for r := 0; r < R; r++ {
				cells = append(cells, [2]int{r, c})
			}
			eq(cells, [2]int{R, c})
		}
	}
	if g.RowTotals && g.ColTotals {
		var byRows, byCols [][2]int
		for r := 0; r < R; r++ {
			byRows = append(byRows, [2]int{r, C})
		}
		for c := 0; c < C; c++ {
			byCols = append(byCols, [2]int{R, c})
		}
		eq(byRows, [2]int{R, C})
		eq(byCols, [2]int{R, C})
	}
	base := rank(eqs, len(names))
	for i, k := range names {
		unit := make([]*big.Rat, len(names))
		for j := range unit {
			unit[j] = new(big.Rat)
		}
		unit[i].SetInt64(1)
		if rank(append(append([][]*big.Rat{}, eqs...), unit), len(names)) == base {
			return label(k, R, C), true
		}
	}
	return "", false
}

func label(k [2]int, R, C int) string {
	return "(" + itoa(k[0], R, "total") + "," + itoa(k[1], C, "total") + ")"
}

func itoa(i, max int, at string) string {
	if i == max {
		return at
	}
	return big.NewInt(int64(i)).String()
}

// rank is the rank of the matrix by exact Gaussian elimination (it copies).
func rank(m [][]*big.Rat, cols int) int {
	a := make([][]*big.Rat, len(m))
	for i, row := range m {
		a[i] = make([]*big.Rat, cols)
		for j := range row {
			a[i][j] = new(big.Rat).Set(row[j])
		}
	}
	r := 0
	for c := 0; c < cols && r < len(a); c++ {
		p := -1
		for i := r; i < len(a); i++ {
			if a[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		for i := range a {
			if i == r || a[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(a[i][c], a[r][c])
			for j := c; j < cols; j++ {
				a[i][j].Sub(a[i][j], new(big.Rat).Mul(f, a[r][j]))
			}
		}
		r++
	}
	return r
}
