package stats_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/stats"
	"github.com/bursa-banten/bursa/internal/umkm"
)

// TestUMKMDataset counts businesses by the class they held at each month's
// end and the moves up of the month, with small cells withheld.
func TestUMKMDataset(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		officer, err := a.Auth.Create(ctx, d, auth.NewUser{Login: "dinas@s.test", Name: "Dinas", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Koperasi}})
		if err != nil {
			t.Fatal(err)
		}
		clk.T = time.Date(2026, 1, 10, 3, 0, 0, 0, time.UTC)
		var ids []int64
		for i := range 7 {
			b, err := a.UMKM.Register(ctx, &officer, umkm.Input{NIB: fmt.Sprintf("36040000000%02d", i), Name: "Usaha", KBLI: "C", Region: "3604",
				OwnerName: "Pemilik", Capital: 100_000_000, AnnualSales: 1_000_000_000, Year: 2025})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, b.ID)
		}
		clk.T = time.Date(2026, 2, 10, 3, 0, 0, 0, time.UTC)
		if _, err := a.UMKM.Declare(ctx, &officer, ids[0], umkm.DeclarationInput{Year: 2026, AnnualSales: 3_000_000_000, Evidence: "SPT"}); err != nil {
			t.Fatal(err)
		}
		src, err := stats.NewSource(d, "2026-02")
		if err != nil {
			t.Fatal(err)
		}
		sp, ok := stats.SpecByID("umkm")
		if !ok {
			t.Fatal("no umkm dataset")
		}
		ds, err := sp.Build(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		want := func(region, month, cat string, v float64, status string) {
			t.Helper()
			got, st, ok := ds.Lookup(region, month, cat)
			if !ok || got != v || st != status {
				t.Errorf("%s %s %s = %v %q, want %v %q", region, month, cat, got, st, v, status)
			}
		}
		want("3604", "2026-01", "mikro", 7, "")
		want("3604", "2025-12", "mikro", 0, "")
		// February: 6 micro, 1 small (withheld with the micro count that
		// would reveal it through the province total), 1 move up (withheld).
		want("3604", "2026-02", "kecil", 0, stats.StatusWithheld)
		want("3604", "2026-02", "naik_kelas", 0, stats.StatusWithheld)
		want("3604", "2026-01", "naik_kelas", 0, "")
	})
}
