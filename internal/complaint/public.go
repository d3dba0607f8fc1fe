package complaint

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
)

// Count is one cell of the public figures. Cells under MinPublicCount are
// shown as "<5", not as their number: an employer in a quiet regency must
// not learn from a 1 that somebody just complained.
type Count struct {
	Key string
	N   int  // 0 when Few
	Few bool // 1–4, not shown exactly
}

// MinPublicCount is the smallest number the public figures show exactly.
const MinPublicCount = 5

// Shown is the cell as the public sees it.
func (c Count) Shown() string {
	if c.Few {
		return fmt.Sprintf("<%d", MinPublicCount)
	}
	return strconv.Itoa(c.N)
}

// Counts are the public figures: aggregated counts only, never one case.
// Sealed reports still waiting for their pool are not counted.
type Counts struct {
	Complaints int
	ByCategory []Count // every category, in the order of Categories
	ByRegion   []Count // every regency/city, in code order; complaints without a region are in Complaints only
	ByState    []Count // inspection cases per state, in the order of InspectionStates
	Disputes   int
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
	group := func(q string, keys []string, args ...any) ([]Count, int, error) {
		rows, err := s.DB.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, 0, fmt.Errorf("public counts: %w", err)
		}
		defer rows.Close()
		got := map[string]int{}
		total := 0
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return nil, 0, err
			}
			got[k] += n
			total += n
		}
		out := make([]Count, len(keys))
		for i, k := range keys {
			out[i] = Count{Key: k, N: got[k]}
			if n := got[k]; n > 0 && n < MinPublicCount {
				out[i] = Count{Key: k, Few: true}
			}
		}
		return out, total, rows.Err()
	}
	var regions []string
	for _, r := range ref.Regions() {
		regions = append(regions, r.Code)
	}
	var err error
	const filed = ` FROM complaints WHERE kind = 'pengaduan' AND status <> ? AND created_at < ?`
	if c.ByCategory, c.Complaints, err = group(`SELECT category, count(*)`+filed+` GROUP BY category`, Categories, statusWaiting, cut); err != nil {
		return c, err
	}
	if c.ByRegion, _, err = group(`SELECT region, count(*)`+filed+` GROUP BY region`, regions, statusWaiting, cut); err != nil {
		return c, err
	}
	if c.ByState, _, err = group(`SELECT state, count(*) FROM cases WHERE kind = ? AND opened_at < ? GROUP BY state`, InspectionStates, KindInspection, cut); err != nil {
		return c, err
	}
	if c.ByDispute, c.Disputes, err = group(`SELECT dispute_type, count(*) FROM cases WHERE kind = ? AND opened_at < ? GROUP BY dispute_type`, DisputeTypes, KindDispute, cut); err != nil {
		return c, err
	}
	if c.ByOutcome, _, err = group(`SELECT state, count(*) FROM cases WHERE kind = ? AND opened_at < ? GROUP BY state`, DisputeStates, KindDispute, cut); err != nil {
		return c, err
	}
	return c, nil
}
