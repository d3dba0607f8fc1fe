package demo_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/training"
)

// TestDemoTraining: the demo province's training has what its pages need
// to show: the lembaga account runs a BLK, the demo seeker has a seat below
// a full first choice whose cutoff explains it and a certificate, outcome
// tables have numbers, and one round takes applications now.
func TestDemoTraining(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		if err := demo.Generate(ctx, a, demo.Config{Seed: 3, Seekers: 200, Employers: 15}); err != nil {
			t.Fatal(err)
		}
		var lembaga, seeker int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM users WHERE email = 'lembaga@bursa.test'`).Scan(&lembaga); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRowContext(ctx, `SELECT s.id FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&seeker); err != nil {
			t.Fatal(err)
		}
		ps, err := a.Training.ProvidersForUser(ctx, lembaga)
		if err != nil || len(ps) != 1 || ps[0].Kind != training.BLK {
			t.Fatalf("lembaga's providers %+v %v", ps, err)
		}
		all, _ := a.Training.Providers(ctx)
		kinds := map[string]bool{}
		for _, p := range all {
			kinds[p.Kind] = true
		}
		if len(kinds) != len(training.Kinds) {
			t.Errorf("provider kinds %v", kinds)
		}

		rounds, err := a.Training.RoundsForSeeker(ctx, seeker)
		if err != nil || len(rounds) != 1 || !rounds[0].Allocated() {
			t.Fatalf("demo seeker's rounds %+v %v", rounds, err)
		}
		res, err := a.Training.Results(ctx, rounds[0].ID, seeker)
		if err != nil {
			t.Fatal(err)
		}
		above := res.Above()
		if res.ProgramID == 0 || len(above) != 1 || !above[0].HasCutoff || above[0].Admits {
			t.Fatalf("demo seeker's result %+v", res)
		}
		if err := a.Training.VerifyRound(ctx, rounds[0].ID); err != nil {
			t.Fatal(err)
		}
		enr, _ := a.Training.EnrollmentsOf(ctx, seeker)
		if len(enr) != 1 || !enr[0].Certified() || enr[0].ProgramID != res.ProgramID {
			t.Fatalf("demo seeker's enrollments %+v", enr)
		}

		var withNumbers, partnerHires int
		regions, _ := a.Training.OutcomesByRegion(ctx)
		for _, r := range regions {
			if r.Outcome.PlacedShort.N > 0 && r.Outcome.Wages > 0 {
				withNumbers++
			}
			partnerHires += r.Outcome.PartnerHires
		}
		if withNumbers == 0 || partnerHires == 0 {
			t.Fatalf("outcome tables without placements: %+v", regions)
		}
		open, _ := a.Training.OpenRounds(ctx)
		if len(open) != 1 || open[0].Applicants == 0 {
			t.Fatalf("open rounds %+v", open)
		}
		if _, ok, _ := a.Training.ApplicationOf(ctx, open[0].ID, seeker); ok {
			t.Fatal("the demo seeker has already applied in the open round")
		}
		pending, _ := a.Training.AppealsFor(ctx, training.AppealFilter{ProviderID: ps[0].ID, OnlyPending: true})
		if len(pending) == 0 {
			t.Fatal("no appeal waits for the demo provider")
		}
		var youth, waived bool
		for _, p := range all {
			progs, _ := a.Training.ProgramsByProvider(ctx, p.ID)
			for _, pr := range progs {
				youth = youth || pr.IsYouth()
				waived = waived || pr.FeeWaivedFor == training.DTKS
			}
		}
		if !youth || !waived {
			t.Errorf("youth program %v, fee waived for DTKS %v", youth, waived)
		}
	})
}
