package monitor_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/monitor"
)

// The demo province's log, written by the stores and the generator, holds
// every rule: a finding here is a gap in what bursa writes, not in the
// monitor.
func TestDemoLogHoldsEveryRule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a := apptest.Start(t, d, true)
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		var st monitor.State
		res, err := monitor.Follow(ctx, &ledger.Client{Base: a.URL + "/ledger", HTTP: a.Client}, "", &st)
		if err != nil {
			t.Fatal(err)
		}
		if res.Read == 0 || res.Read != res.Size {
			t.Fatalf("read %d of %d", res.Read, res.Size)
		}
		for i, f := range st.Findings {
			if i < 20 {
				t.Errorf("%v", f)
			}
		}
		if len(st.Findings) > 0 {
			t.Fatalf("%d findings in the demo log", len(st.Findings))
		}
	})
}
