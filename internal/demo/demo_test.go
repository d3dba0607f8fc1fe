package demo_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// digest summarises what a person would see of the province, so two
// generations can be compared.
func digest(t *testing.T, d *db.DB) string {
	h := sha256.New()
	for _, q := range []string{
		`SELECT name || '|' || nib || '|' || region || '|' || status FROM employers ORDER BY id`,
		`SELECT full_name || '|' || nik_hash || '|' || birth_year || '|' || domicile_region || '|' || education FROM seekers ORDER BY id`,
		`SELECT title || '|' || kbji || '|' || region || '|' || wage_min || '|' || status FROM vacancies ORDER BY id`,
		`SELECT vacancy_id || '|' || seeker_id || '|' || status FROM applications ORDER BY id`,
		// Hires, the trained graduates' included (dates left out: the two
		// databases print them differently).
		`SELECT vacancy_id || '|' || seeker_id || '|' || wage || '|' || domicile_region FROM placements ORDER BY vacancy_id, seeker_id`,
		`SELECT round_id || '|' || seeker_id || '|' || COALESCE(CAST(program_id AS TEXT), '-') FROM round_results ORDER BY round_id, seeker_id`,
	} {
		rows, err := d.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			fmt.Fprintln(h, s)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDemoDeterministicAndPlausible(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		cfg := demo.Config{Seed: 7, Seekers: 1500, Employers: 40}
		filled, err := demo.FillIfEmpty(ctx, a, cfg)
		if err != nil || !filled {
			t.Fatalf("fill: %v %v", filled, err)
		}
		if filled, _ := demo.FillIfEmpty(ctx, a, cfg); filled {
			t.Fatal("filled a database that was not empty")
		}
		// Same seed, same province.
		d2 := dbtest.SQLite(t)
		a2, _ := apptest.Services(t, d2)
		a2.Now = a.Now
		a2.Seekers.Now, a2.Auth.Now = a.Now, a.Now
		if err := demo.Generate(ctx, a2, cfg); err != nil {
			t.Fatal(err)
		}
		if digest(t, d) != digest(t, d2) {
			t.Fatal("the same seed gave two different provinces")
		}

		// Every published vacancy pays at least its region's UMK; an
		// apprenticeship's vacancy states its allowance (uang saku), which
		// is no wage (Permenaker 6/2020).
		rows, _ := d.QueryContext(ctx, `SELECT region, wage_min FROM vacancies WHERE apprenticeship_id IS NULL`)
		for rows.Next() {
			var region string
			var w int64
			rows.Scan(&region, &w)
			if umk, _, _ := vacancy.UMKFor(region, clk.T); w < umk {
				t.Errorf("vacancy in %s pays %d below UMK %d", region, w, umk)
			}
		}
		rows.Close()
		// Seekers follow the labor force: Kab. Tangerang has more than Kota Cilegon.
		count := func(q string, args ...any) int {
			var n int
			if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if count(`SELECT count(*) FROM seekers WHERE domicile_region = '3603'`) <= count(`SELECT count(*) FROM seekers WHERE domicile_region = '3672'`) {
			t.Error("Kab. Tangerang should have more seekers than Kota Cilegon")
		}
		// Every generated NIK parses, and the demo accounts exist for every role.
		if n := count(`SELECT count(*) FROM users WHERE email LIKE '%@bursa.test'`); n != len(demo.Accounts()) {
			t.Errorf("demo accounts: %d", n)
		}
		if count(`SELECT count(*) FROM applications a JOIN vacancies v ON v.id = a.vacancy_id WHERE v.employer_id = 1`) < 5 {
			t.Error("the demo employer's vacancies need applicants")
		}
		if count(`SELECT count(*) FROM ak1_cards`) == 0 || count(`SELECT count(*) FROM seekers`) != cfg.Seekers+1 {
			t.Error("seekers or cards missing")
		}
		// The search index covers every vacancy; ids continue after the bulk load.
		if count(`SELECT count(*) FROM vacancy_search`) != count(`SELECT count(*) FROM vacancies`) {
			t.Error("search index incomplete")
		}
		res, err := a.Vacancies.Search(ctx, vacancy.Filter{Region: "3672"})
		if err != nil || res.Total == 0 {
			t.Fatalf("search after demo: %v %d", err, res.Total)
		}
		_ = ref.Regions
	})
}
