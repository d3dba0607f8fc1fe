package match_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/match"
)

// TestDigestAgreesWithForSeeker: a seeker's digest over some vacancies is
// their full ranking (ForSeeker over every open vacancy) with the others
// left out, cut at k; seekers not asked for get nothing.
func TestDigestAgreesWithForSeeker(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		ctx := t.Context()
		st, err := a.Match.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var vids, sids []int64
		rows, err := d.QueryContext(ctx, `SELECT id FROM vacancies ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			if id%3 != 0 { // two thirds are "new"
				vids = append(vids, id)
			}
		}
		rows.Close()
		rows, err = d.QueryContext(ctx, `SELECT id FROM seekers ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			sids = append(sids, id)
		}
		rows.Close()
		asked := sids[:len(sids)*3/4]
		const k = 5
		var mu sync.Mutex
		got := map[int64][]match.Hit{}
		n, err := a.Match.Digest(ctx, asked, vids, k, func(sid int64, hits []match.Hit) {
			mu.Lock()
			got[sid] = hits
			mu.Unlock()
		})
		if err != nil || n != len(asked) {
			t.Fatalf("digest: %d %v", n, err)
		}
		isNew := map[int64]bool{}
		for _, id := range vids {
			isNew[id] = true
		}
		withHits := 0
		for i, sid := range sids {
			all, err := a.Match.ForSeeker(ctx, sid, st.OpenVacancies+1)
			if err != nil {
				t.Fatal(err)
			}
			var want []match.Hit
			for _, h := range all {
				if isNew[h.VacancyID] && len(want) < k {
					want = append(want, h)
				}
			}
			if i >= len(asked) {
				want = nil // not asked for
			}
			g := got[sid]
			if len(g) != len(want) {
				t.Fatalf("seeker %d: %d hits, want %d", sid, len(g), len(want))
			}
			for j := range g {
				if g[j].VacancyID != want[j].VacancyID || g[j].Score != want[j].Score || !slices.Equal(g[j].Matched, want[j].Matched) {
					t.Fatalf("seeker %d hit %d: %+v, want %+v", sid, j, g[j], want[j])
				}
			}
			if len(g) > 0 {
				withHits++
			}
		}
		if withHits < len(asked)/4 {
			t.Fatalf("only %d of %d seekers have a digest", withHits, len(asked))
		}
	})
}
