package youth_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestPageShowsApprenticeships: a youth program's page lists the demo's
// apprenticeships still taking apprentices, and counts apprentices inside
// its age band only: moving every apprentice's birth year out of the band
// empties the counts.
func TestPageShowsApprenticeships(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		ctx := context.Background()
		open, err := a.Apprentices.Open(ctx)
		if err != nil || len(open) == 0 {
			t.Fatalf("the demo has no open apprenticeship: %v", err)
		}
		pg, err := a.Youth.Page(ctx, "muda-berdaya")
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Apprenticeships) != len(open) {
			t.Errorf("page lists %d apprenticeships, %d are open in Banten", len(pg.Apprenticeships), len(open))
		}
		var total int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM apprentices`).Scan(&total); err != nil {
			t.Fatal(err)
		}
		st := pg.Apprentices.Started
		if total == 0 || (!st.Withheld && st.N == 0) || st.N > total {
			t.Fatalf("apprentices in the band: %+v of %d", pg.Apprentices, total)
		}
		if _, err := d.ExecContext(ctx, `UPDATE seekers SET birth_year = 1950 WHERE id IN (SELECT seeker_id FROM apprentices)`); err != nil {
			t.Fatal(err)
		}
		pg, err = a.Youth.Page(ctx, "muda-berdaya")
		if err != nil {
			t.Fatal(err)
		}
		if got := pg.Apprentices; got.Started.N != 0 || got.Started.Withheld || got.Completed.N != 0 || got.Hired.N != 0 {
			t.Errorf("apprentices born in 1950 counted as youth: %+v", got)
		}
	})
}
