package cli

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestMonitorCommand: `bursa monitor --url` exits 0 on the demo log and
// prints the rules and the records read; after a planted placement with no
// application it exits 1 naming the rule and the record, and goes on
// saying so on later runs (the finding is in its state).
func TestMonitorCommand(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		h, err := Handler(a)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		defer srv.Close()
		size, _ := ledger.Size(ctx, d)
		state := filepath.Join(t.TempDir(), "monitor.json")
		code, out, errs := run(t, nil, "monitor", "--url", srv.URL, "--state", state)
		if code != 0 || !strings.Contains(out, "ok: every rule holds") || !strings.Contains(out, "round-seats") ||
			!strings.Contains(out, "records, "+itoa(size)+" read now") {
			t.Fatalf("monitor on the demo log: %d %q %q", code, out, errs)
		}
		var n int64
		err = d.InTx(ctx, func(tx *db.Tx) error {
			n, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.PlacementReported, At: a.Now().Add(24 * time.Hour),
				Fields: map[string]any{"vacancy_id": 1, "employer_id": 1, "application": strings.Repeat("ab", 32)}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			code, out, errs = run(t, nil, "monitor", "--url", srv.URL, "--state", state)
			if code != 1 || !strings.Contains(out, "BROKEN placement-follows-application: records ["+itoa(n)+"]") ||
				!strings.Contains(errs, "incomplete") {
				t.Fatalf("monitor after a planted placement: %d %q %q", code, out, errs)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
