// Package cells is the small-cell rule every published count of bursa goes
// through: counts from 1 to 4 are withheld, and so are the further cells
// needed so that no withheld count can be worked out from the published
// ones by sums or differences. It depends on nothing, so any domain package
// that publishes counts can use it (stats builds on it).
package cells

// MinCell is the smallest count a published figure shows: a count of 1 to
// 4 people can point at a person ("the one woman placed in Cilegon in May"),
// so it is withheld. It is the floor the vacancy report has always used
// (vacancy.MinShown).
const MinCell = 5

// Grid is a table of counts to publish with its margins: Cells[r][c] are
// the inner cells; RowTotals says each row's total is published (a column
// "total"), ColTotals that each column's total is (a row "total", e.g. the
// province under its regencies). Both together publish the grand total.
type Grid struct {
	Cells     [][]int
	RowTotals bool
	ColTotals bool
}

// Withheld says which cells of a grid are not published: Cells mirrors
// Grid.Cells, Row[r] the total of row r, Col[c] the total of column c,
// Grand the grand total.
type Withheld struct {
	Cells [][]bool
	Row   []bool
	Col   []bool
	Grand bool
}

// Suppress decides which cells of g to withhold. Primary suppression
// withholds every published count from 1 to MinCell-1, inner cell or
// total. Secondary suppression then withholds more cells until no withheld
// cell can be worked out from what is published, by sums or differences
// along rows and columns.
//
// Why this is enough: view rows and columns as nodes and each withheld cell
// as an edge between its row and its column (a total cell joins its row or
// column to the "total" node on the other side; nodes whose sum is not
// published are merged into one free node, since no equation holds there).
// The published sums are then the node equations of this graph, and a
// withheld cell's value is fixed by them exactly when its edge is a bridge:
// an edge on a cycle can move by +t, -t around the cycle without changing
// any sum. So every bridge gets a cycle, closed along the cheapest path of
// further cells (small counts first, zeros and totals last).
func Suppress(g Grid) Withheld {
	R := len(g.Cells)
	C := 0
	if R > 0 {
		C = len(g.Cells[0])
	}
	w := Withheld{Cells: make([][]bool, R), Row: make([]bool, R), Col: make([]bool, C)}
	for r := range g.Cells {
		w.Cells[r] = make([]bool, C)
	}
	if R == 0 || C == 0 {
		return w
	}
	gr := newCellGraph(g)
	small := func(n int) bool { return n > 0 && n < MinCell }
	for i, e := range gr.edges {
		if small(e.value) {
			gr.withheld[i] = true
		}
	}
	for {
		b := gr.bridge()
		if b < 0 {
			break
		}
		if !gr.closeCycle(b) {
			// Nothing can hide this cell (a 1×1 table): withhold it all.
			for i := range gr.withheld {
				gr.withheld[i] = true
			}
			break
		}
	}
	for i, e := range gr.edges {
		if !gr.withheld[i] {
			continue
		}
		switch {
		case e.r < R && e.c < C:
			w.Cells[e.r][e.c] = true
		case e.r < R:
			w.Row[e.r] = true
		case e.c < C:
			w.Col[e.c] = true
		default:
			w.Grand = true
		}
	}
	return w
}

// cellEdge is one published cell: r in 0..R (R is the column-total row),
// c in 0..C (C is the row-total column), joining node u and node v.
type cellEdge struct {
	r, c, u, v int
	value      int
	margin     bool
}

type cellGraph struct {
	nodes    int
	edges    []cellEdge
	withheld []bool
}

// newCellGraph lays out g's published cells as edges. Row node r is r,
// column node c is R+1+c; the total row is node R, the total column node
// R+1+C. A node whose sum is not published maps to the free node.
func newCellGraph(g Grid) *cellGraph {
	R, C := len(g.Cells), len(g.Cells[0])
	free := R + 1 + C + 1
	rowNode := func(r int) int {
		// Row r's equation is its published total; the total row's
		// equation (grand = sum of column totals) needs both margins.
		if !g.RowTotals {
			return free
		}
		if r == R && !g.ColTotals {
			return free
		}
		return r
	}
	colNode := func(c int) int {
		if !g.ColTotals {
			return free
		}
		if c == C && !g.RowTotals {
			return free
		}
		return R + 1 + c
	}
	gr := &cellGraph{nodes: free + 1}
	add := func(r, c, v int, margin bool) {
		gr.edges = append(gr.edges, cellEdge{r: r, c: c, u: rowNode(r), v: colNode(c), value: v, margin: margin})
	}
	colSum := make([]int, C)
	grand := 0
	for r, row := range g.Cells {
		sum := 0
		for c, v := range row {
			add(r, c, v, false)
			sum += v
			colSum[c] += v
		}
		grand += sum
		if g.RowTotals {
			add(r, C, sum, true)
		}
	}
	if g.ColTotals {
		for c, v := range colSum {
			add(R, c, v, true)
		}
		if g.RowTotals {
			add(R, C, grand, true)
		}
	}
	gr.withheld = make([]bool, len(gr.edges))
	return gr
}

// bridge returns a withheld edge whose value the published sums fix, or -1.
func (g *cellGraph) bridge() int {
	for i, e := range g.edges {
		if !g.withheld[i] {
			continue
		}
		if e.u == e.v {
			continue // both ends free: no equation touches it
		}
		if !g.connected(e.u, e.v, i, true) {
			return i
		}
	}
	return -1
}

// connected says whether a path of withheld edges (or any edges when
// withheldOnly is false) joins a and b without edge skip.
func (g *cellGraph) connected(a, b, skip int, withheldOnly bool) bool {
	seen := make([]bool, g.nodes)
	stack := []int{a}
	seen[a] = true
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == b {
			return true
		}
		for i, e := range g.edges {
			if i == skip || (withheldOnly && !g.withheld[i]) {
				continue
			}
			var m int
			switch n {
			case e.u:
				m = e.v
			case e.v:
				m = e.u
			default:
				continue
			}
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	return false
}

// cost is what withholding one more edge loses: small counts are cheap
// (their neighbours are near the floor anyway), totals and zeros dear (a
// withheld zero hides little, since counts cannot go below it).
func (e cellEdge) cost() int {
	c := e.value + 1
	if e.value == 0 {
		c = 1 << 20
	}
	if e.margin {
		c += 1 << 16
	}
	return c
}

// closeCycle withholds the cheapest path of edges joining the ends of
// bridge b without b itself (Dijkstra; withheld edges cost nothing). It
// returns false when no such path exists.
func (g *cellGraph) closeCycle(b int) bool {
	const inf = int(^uint(0) >> 1)
	dist := make([]int, g.nodes)
	via := make([]int, g.nodes)
	done := make([]bool, g.nodes)
	for i := range dist {
		dist[i], via[i] = inf, -1
	}
	src, dst := g.edges[b].u, g.edges[b].v
	dist[src] = 0
	for {
		n := -1
		for i := range dist {
			if !done[i] && dist[i] < inf && (n < 0 || dist[i] < dist[n]) {
				n = i
			}
		}
		if n < 0 {
			return false
		}
		if n == dst {
			break
		}
		done[n] = true
		for i, e := range g.edges {
			if i == b || (e.u != n && e.v != n) {
				continue
			}
			m := e.v
			if m == n {
				m = e.u
			}
			c := 0
			if !g.withheld[i] {
				c = e.cost()
			}
			if d := dist[n] + c; d < dist[m] {
				dist[m], via[m] = d, i
			}
		}
	}
	for n := dst; n != src; {
		i := via[n]
		g.withheld[i] = true
		if g.edges[i].u == n {
			n = g.edges[i].v
		} else {
			n = g.edges[i].u
		}
	}
	return true
}
