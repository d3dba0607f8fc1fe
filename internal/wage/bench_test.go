package wage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ref"
)

// BenchmarkFigures counts the bursa figures over 100,000 vacancies, two
// years of them, on SQLite: one year's are read (uncached).
func BenchmarkFigures(b *testing.B) {
	a := benchProvince(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := a.Wage.Figures(ctx, 2027); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRound is the council's page data (Round: inputs, proposals,
// recommendations, and the figures as the page reuses them).
func BenchmarkRound(b *testing.B) {
	a := benchProvince(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := a.Wage.Round(ctx, nil, 2027, 0.7); err != nil {
			b.Fatal(err)
		}
	}
}

func benchProvince(b *testing.B) *app.Services {
	d := dbtest.SQLite(b)
	a, _ := apptest.Services(b, d)
	ctx := context.Background()
	u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: "hr@bench.test", Name: "HR", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Perusahaan}})
	if err != nil {
		b.Fatal(err)
	}
	regions := ref.Regions()
	err = d.InTx(ctx, func(tx *db.Tx) error {
		emps := db.NewBulk(tx, "employers", "id", "owner_id", "name", "nib", "kbli_section", "kbli_version", "size_class", "region", "address", "contact_name", "contact_phone", "status", "created_at")
		vs := db.NewBulk(tx, "vacancies", "id", "employer_id", "title", "kbji", "education", "region", "openings", "wage_min", "wage_max", "contract",
			"closes_on", "description", "below_umk", "status", "published_at", "created_at", "updated_at").After(emps)
		start := time.Date(2025, 1, 1, 3, 0, 0, 0, time.UTC)
		for e := 1; e <= 1000; e++ {
			if err := emps.Add(ctx, e, u.ID, fmt.Sprintf("PT %d", e), fmt.Sprintf("91200%08d", e), "C", "2020", "besar", regions[e%8].Code, "Jl.", "X", "0811", "terverifikasi", start); err != nil {
				return err
			}
		}
		for i := 1; i <= 100000; i++ {
			at := start.Add(time.Duration(i) * 10 * time.Minute) // 100k × 10 min ≈ 2 years
			w := int64(3300000 + (i%40)*60000)
			if err := vs.Add(ctx, i, 1+i%1000, "Operator", "8189", "SMA", regions[i%8].Code, 1, w, w, "PKWT", "2027-01-01", "x", false, "terbit", at, at, at); err != nil {
				return err
			}
		}
		return vs.Flush(ctx)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := d.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	return a
}
