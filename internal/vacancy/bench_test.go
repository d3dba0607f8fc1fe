package vacancy_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// BenchmarkSearch compares the list search answered from memory with the
// same search in SQLite FTS5, on a province of about 10,000 vacancies:
//
//	go test -run XXX -bench Search ./internal/vacancy/
//
// (bursa bench search measures the whole HTTP path at 100,000.)
func BenchmarkSearch(b *testing.B) {
	d := dbtest.SQLite(b)
	ctx := context.Background()
	a, clk := apptest.Services(b, d)
	if err := demo.Generate(ctx, a, demo.Config{Seed: 1, Seekers: 100, Employers: 5000}); err != nil {
		b.Fatal(err)
	}
	queries := []vacancy.Filter{{Q: "operator"}, {Q: "operator", Region: "3672"}, {Region: "3603", Education: "sma"},
		{Sort: "newest", Page: 3}, {Q: `"operator produksi"`}}
	// The words of bench search's mix, and typos, on the forgiving index.
	for _, w := range []string{"operator", "produksi", "las", "welder", "gudang", "forklift", "kasir", "sopir", "admin",
		"jahit", "sepatu", "baja", "kimia", "satpam", "quality", "helper", "\"operator produksi\"", "mesin", "toko", "driver",
		"operator produksi", "opertor", "security", "cleaning service", "tukang las", "pengemudi"} {
		queries = append(queries, vacancy.Filter{Q: w})
	}
	literal := vacancy.NewMemIndex()
	literal.Forgiving = textsearch.Forgiving{}
	for _, bc := range []struct {
		name string
		s    *vacancy.Store
	}{
		{"sqlite-fts5", &vacancy.Store{DB: d, Now: clk.Now}},
		{"memory-literal", &vacancy.Store{DB: d, Now: clk.Now, Mem: literal}},
		{"memory", &vacancy.Store{DB: d, Now: clk.Now, Mem: vacancy.NewMemIndex()}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := bc.s.Search(ctx, queries[0]); err != nil { // loads the index
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := bc.s.Search(ctx, queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
