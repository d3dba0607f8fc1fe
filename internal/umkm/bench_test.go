package umkm_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/umkm"
)

// BenchmarkFigures computes the public figures over a registry of 20,000
// businesses (about a tenth of Banten's registered micro businesses would
// be on bursa in a good year), each with its first class and one in ten
// with a move up.
func BenchmarkFigures(b *testing.B) {
	d := dbtest.SQLite(b)
	a, _ := apptest.Services(b, d)
	ctx := context.Background()
	const n = 20000
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	regions := ref.Regions()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		bs := db.NewBulk(tx, "umkm_businesses", "id", "nib", "name", "kbli", "kbli_section", "kbli_version", "region", "owner_name",
			"class", "ledger_salt", "created_at", "updated_at")
		ms := db.NewBulk(tx, "umkm_class_moves", "business_id", "year", "from_class", "to_class", "rank_change", "at").After(bs)
		for i := 1; i <= n; i++ {
			class := umkm.Classes[i%7%4]
			if err := bs.Add(ctx, i, fmt.Sprintf("%013d", i), "Usaha", "C", "C", "2020", regions[i%len(regions)].Code, "Pemilik", class, "s", now, now); err != nil {
				return err
			}
			if err := ms.Add(ctx, i, 2025, "", class, 0, now); err != nil {
				return err
			}
			if i%10 == 0 {
				if err := ms.Add(ctx, i, 2026, class, class, 1, now); err != nil {
					return err
				}
			}
		}
		if err := bs.Flush(ctx); err != nil {
			return err
		}
		return ms.Flush(ctx)
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.UMKM.Figures(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
