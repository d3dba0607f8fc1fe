package demo_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
)

// TestDemoComplaints: the demo province's complaints have what the pages
// need to show: a registry with the demo pengawas as a supervisor, a sealed
// report waiting, an overdue escalated case, findings with a running nota
// at the demo employer, its public record, a dispute in mediation with a
// coming session, and answered aspirations.
func TestDemoComplaints(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		if err := demo.Generate(ctx, a, demo.Config{Seed: 2, Seekers: 200, Employers: 15}); err != nil {
			t.Fatal(err)
		}
		one := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if one(`SELECT count(*) FROM officers o JOIN users u ON u.id = o.user_id WHERE u.email = 'pengawas@bursa.test' AND o.supervisor = TRUE`) != 1 {
			t.Error("the demo pengawas is not a supervisor")
		}
		if one(`SELECT count(*) FROM officers o JOIN users u ON u.id = o.user_id WHERE u.email = 'mediator@bursa.test' AND o.kind = 'mediator'`) != 1 {
			t.Error("the demo mediator is not registered")
		}
		if one(`SELECT count(*) FROM complaints WHERE status = 'menunggu'`) != 1 {
			t.Error("no sealed report waiting")
		}
		for _, st := range []string{complaint.Nota1, complaint.Mediasi, complaint.Ditugaskan, complaint.Selesai, complaint.Diterima} {
			if one(`SELECT count(*) FROM cases WHERE state = ?`, st) == 0 {
				t.Errorf("no case in state %s", st)
			}
		}
		late, err := a.Complaints.Overdue(ctx, a.Now())
		if err != nil || len(late) == 0 || late[0].EscalatedAt.IsZero() {
			t.Fatalf("overdue cases %+v %v", late, err)
		}
		var baja int64
		d.QueryRowContext(ctx, `SELECT id FROM employers WHERE name = 'PT Baja Mandiri Cilegon'`).Scan(&baja)
		rec, err := a.Complaints.Compliance(ctx, baja)
		if err != nil || len(rec.ByCategory) != 1 || rec.ByCategory[0].Category != complaint.UpahDiBawahUMK {
			t.Fatalf("compliance record %+v %v", rec, err)
		}
		if one(`SELECT count(*) FROM case_sessions WHERE kind = 'mediasi' AND at > ?`, a.Now()) != 1 {
			t.Error("no coming mediation session")
		}
		asps, err := a.Complaints.Aspirations(ctx, 10, 0)
		if err != nil || len(asps) != 3 || len(asps[0].Answers)+len(asps[1].Answers)+len(asps[2].Answers) != 2 {
			t.Fatalf("aspirations %+v %v", asps, err)
		}
		// The demo generates deterministically: same counts from the same seed.
		if n := one(`SELECT count(*) FROM case_events`); n < 20 {
			t.Errorf("%d case events", n)
		}
	})
}
