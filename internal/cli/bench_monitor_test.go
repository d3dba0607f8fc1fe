package cli

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestMonitorBehind: bench search --url says how much of the log the
// monitor has still to read, since a serve reads it during the run.
func TestMonitorBehind(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		ctx := t.Context()
		if n, err := monitorBehind(ctx, a); err != nil || n != 0 {
			t.Fatalf("empty log: %d %v", n, err)
		}
		err := d.InTx(ctx, func(tx *db.Tx) error {
			for i := range 3 {
				if _, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.VacancyClosed, At: clk.T,
					Fields: map[string]any{"vacancy_id": i + 1, "employer_id": 1, "reason": "test"}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := monitorBehind(ctx, a); err != nil || n != 3 {
			t.Fatalf("3 records, monitor never ran: %d %v", n, err)
		}
		if _, err := d.ExecContext(ctx, `INSERT INTO monitor_state (id, next, size, state, checked_at) VALUES (1, 3, 3, '{}', ?)`, clk.T); err != nil {
			t.Fatal(err)
		}
		if n, err := monitorBehind(ctx, a); err != nil || n != 0 {
			t.Fatalf("monitor current: %d %v", n, err)
		}
	})
}
