package training_test

import (
	"slices"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/training"
)

// TestRoundKeepsPriorityOrder: a round remembers each program's priority
// order as it was when the round opened; a later change to the program
// does not rename the classes its results were allocated by.
func TestRoundKeepsPriorityOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		p, staff := e.provider("blk", "UPTD BLK Pandeglang", "3601", 0)
		in := program("Las SMAW Dasar", "3601", 10, training.DTKS, training.Domisili)
		prog := e.mustProgram(staff, p.ID, in)
		r, err := e.s.OpenRound(e.ctx, staff, training.RoundInput{ProviderID: p.ID, Title: "Gelombang I",
			Programs: []int64{prog.ID}, ClosesAt: e.clk.t.Add(72 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		e.clk.t = e.clk.t.Add(96 * time.Hour)
		if _, err := e.s.CloseAndAllocate(e.ctx, staff, r.ID); err != nil {
			t.Fatal(err)
		}
		in.Priority = []string{training.Domisili}
		if _, err := e.s.UpdateProgram(e.ctx, staff, prog.ID, in); err != nil {
			t.Fatal(err)
		}
		got, err := e.s.Round(e.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Programs[0].Priority, []string{training.DTKS, training.Domisili}) {
			t.Fatalf("round's priority order %v, want the order at opening", got.Programs[0].Priority)
		}
	})
}
