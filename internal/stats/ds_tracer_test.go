package stats_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/stats"
)

// TestTracerDataset computes the tracer dataset over the demo province: the
// demo's 2024 cohort is past both waves in February 2026, so its two totals
// per region are the same count and are published or withheld together;
// no count from 1 to 4 is published; the province's 2025 cohort shows.
func TestTracerDataset(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		dss, err := stats.Compute(context.Background(), d, "2026-02", false)
		if err != nil {
			t.Fatal(err)
		}
		var ds *stats.Dataset
		for _, x := range dss {
			if x.ID == "tracer" {
				ds = x
			}
		}
		if ds == nil {
			t.Fatal("no tracer dataset")
		}
		if ds.Dims[1].ID != "tahun_lulus" || len(ds.Dims[1].Codes) != stats.TracerYears || ds.Dims[1].Codes[2] != "2026" {
			t.Fatalf("years %+v", ds.Dims[1])
		}
		for i, v := range ds.Values {
			if ds.Status[i] == "" && v > 0 && v < 5 {
				t.Fatalf("cell %d publishes %v", i, v)
			}
		}
		per := len(ds.Dims[2].Codes) / 2
		for r, code := range ds.Dims[0].Codes {
			a, b := ds.At(r, 0, 0), ds.At(r, 0, per)
			if ds.Status[a] != ds.Status[b] || ds.Values[a] != ds.Values[b] {
				t.Errorf("region %s, 2024: past 6 months %v%s, past 12 %v%s", code, ds.Values[a], ds.Status[a], ds.Values[b], ds.Status[b])
			}
		}
		v, st, ok := ds.Lookup(stats.Province, "2025", "dinilai_6")
		if !ok || st != "" || v < 20 {
			t.Errorf("province 2025 past 6 months: %v %q %v", v, st, ok)
		}
		// Nothing is due yet for the 2026 cohort.
		if v, _, _ := ds.Lookup(stats.Province, "2026", "dinilai_6"); v != 0 {
			t.Errorf("2026 cohort counted: %v", v)
		}
	})
}
