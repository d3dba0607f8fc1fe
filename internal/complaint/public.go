package complaint

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/stats/cells"
)

// Count is one cell of the public figures. Cells under MinPublicCount are
// shown as "<5", not as their number: an employer in a quiet regency must
// not learn from a 1 that somebody just complained.
type Count struct {
	Key string
	N   int  // 0 when Few or Hidden
	Few bool // 1–4, not shown exactly
	// Hidden: withheld although not small, because with the total and
	// the other cells published it would give a small cell back
	// (secondary suppression, stats/cells).
	Hidden bool
}

// MinPublicCount is the smallest number the public figures show exactly.
const MinPublicCount = 5

// Shown is the cell as the public sees it.
func (c Count) Shown() string {
	if c.Few {
		return fmt.Sprintf("<%d", MinPublicCount)
	}
	if c.Hidden {
		return "–"
	}
	return strconv.Itoa(c.N)
}

// Counts are the public figures: aggregated counts only, never one case.
// Sealed reports still waiting for their pool are not counted.
type Counts struct {
	Complaints Count   // Key "total"
	ByCategory []Count // every category, in the order of Categories
	ByRegion   []Count // every regency/city, in code order; complaints without a region are in Complaints only
	ByState    []Count // inspection cases per state, in the order of InspectionStates
	Disputes   Count   // Key "total"
	ByDispute  []Count // disputes per type, in the order of DisputeTypes
	ByOutcome  []Count // disputes per state, in the order of DisputeStates
}

// PublicCounts returns the public figures of complaints, inspection cases
// and disputes, by category, region and state. They count what was filed
// or opened before today (WIB), so they change once a day, not the minute
// after a complaint.
func (s *Store) PublicCounts(ctx context.Context) (Counts, error) {
	var c Counts
	cut := s.today().Add(-7 * time.Hour) // 00:00 WIB today, in UTC
	// group counts by key. withTotal: the list's total is published (as
	// Complaints or Disputes, or implied by them), so no withheld cell may
	// be the total minus the published ones.
	group := func(q string, keys []string, withTotal bool, args ...any) ([]Count, Count, error) {
		rows, err := s.DB.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, Count{}, fmt.Errorf("public counts: %w", err)
		}
		defer rows.Close()
		got := map[string]int{}
		total := 0
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return nil, Count{}, err
			}
			got[k] += n
			total += n
		}
		if err := rows.Err(); err != nil {
			return nil, Count{}, err
		}
		row := make([]int, len(keys))
		for i, k := range keys {
			row[i] = got[k]
		}
		// The rule every published figure follows (stats/cells): cells of
		// 1–4 withheld, and more cells until none can be worked back.
		w := cells.Suppress(cells.Grid{Cells: [][]int{row}, RowTotals: withTotal})
		out := make([]Count, len(keys))
		for i, k := range keys {
			out[i] = shown(k, row[i], w.Cells[0][i])
		}
		sum := shown("total", total, withTotal && w.Row[0])
		return out, sum, nil
	}
	var regions []string
	for _, r := range ref.Regions() {
		regions = append(regions, r.Code)
	}
	var err error
	const filed = ` FROM complaints WHERE kind = 'pengaduan' AND status <> ? AND created_at < ?`
	if c.ByCategory, c.Complaints, err = group(`SELECT category, count(*)`+filed+` GROUP BY category`, Categories, true, statusWaiting, cut); err != nil {
		return c, err
	}
	// Complaints without a region are in the total only; the total is
	// treated as this list's too, which can only withhold more.
	if c.ByRegion, _, err = group(`SELECT region, count(*)`+filed+` GROUP BY region`, regions, true, statusWaiting, cut); err != nil {
		return c, err
	}
	if c.ByState, _, err = group(`SELECT state, count(*) FROM cases WHERE kind = ? AND opened_at < ? GROUP BY state`, InspectionStates, false, KindInspection, cut); err != nil {
		return c, err
	}
	if c.ByDispute, c.Disputes, err = group(`SELECT dispute_type, count(*) FROM cases WHERE kind = ? AND opened_at < ? GROUP BY dispute_type`, DisputeTypes, true, KindDispute, cut); err != nil {
		return c, err
	}
	if c.ByOutcome, _, err = group(`SELECT state, count(*) FROM cases WHERE kind = ? AND opened_at < ? GROUP BY state`, DisputeStates, true, KindDispute, cut); err != nil {
		return c, err
	}
	return c, nil
}

// shown is count n of key as published: withheld cells say only whether
// they are small (1–4) or hidden to protect a small one.
func shown(key string, n int, withheld bool) Count {
	switch {
	case !withheld:
		return Count{Key: key, N: n}
	case n > 0 && n < MinPublicCount:
		return Count{Key: key, Few: true}
	default:
		return Count{Key: key, Hidden: true}
	}
}
