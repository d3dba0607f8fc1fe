package stats_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/stats"
)

// TestReleaseOfDemoProvince computes a release over the demo province on
// both databases and checks what every published file must hold.
func TestReleaseOfDemoProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		apptest.Demo(t, a)
		rel, created, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil || !created {
			t.Fatalf("publish: %v created=%v", err, created)
		}
		if rel.Revision != 1 || rel.Provisional || rel.LedgerSize == 0 || rel.LedgerRoot == "" {
			t.Fatalf("release %+v: want revision 1, final, stamped with the log's checkpoint", rel)
		}
		if len(rel.Datasets) != len(stats.Specs()) {
			t.Fatalf("%d datasets, %d specs", len(rel.Datasets), len(stats.Specs()))
		}
		someFigure := false
		for _, ds := range rel.Datasets {
			b, err := json.Marshal(ds.JSONStat("http://x/"+ds.ID, rel.ComputedAt, rel))
			if err != nil {
				t.Fatal(err)
			}
			if err := stats.CheckJSONStat(b); err != nil {
				t.Errorf("%s: %v", ds.ID, err)
			}
			var buf bytes.Buffer
			if err := ds.WriteCSV(&buf); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil || len(recs) != len(ds.Values)+1 {
				t.Errorf("%s: CSV %d rows for %d values: %v", ds.ID, len(recs), len(ds.Values), err)
			}
			if ds.Unit == "orang" || ds.Unit == "lowongan" || ds.Unit == "pengaduan" {
				for i, v := range ds.Values {
					if ds.Status[i] == "" && v > 0 && v < stats.MinCell {
						t.Errorf("%s: a count of %v published at %d", ds.ID, v, i)
					}
					if ds.Status[i] == "" && v >= stats.MinCell && ds.ID != "tpt" {
						someFigure = true
					}
				}
			}
		}
		if !someFigure {
			t.Error("the demo province's release publishes no count at all")
		}
		// The demo's training rounds have completers: the all-providers row
		// counts them (or withholds them, never shows 1-4).
		tr, _ := rel.Dataset("pelatihan")
		completers := false
		for m := range tr.Dims[1].Codes {
			if i := tr.At(0, m, 0); tr.Values[i] > 0 || tr.Status[i] != "" {
				completers = true
			}
		}
		if !completers || len(tr.Dims[0].Codes) < 2 {
			t.Errorf("training dataset without completers or providers: %v", tr.Dims[0].Codes)
		}
		tpt, _ := rel.Dataset("tpt")
		if v, st, ok := tpt.Lookup("3604", "2025"); !ok || st != "" || v != 8.73 {
			t.Errorf("TPT Kab. Serang 2025 = %v %q %v, want 8.73", v, st, ok)
		}
		if v, st, _ := tpt.Lookup("3603", "2024"); st != stats.StatusMissing || v != 0 {
			t.Errorf("TPT Kab. Tangerang 2024 = %v %q, want missing", v, st)
		}

		// Nothing changed: the same frozen release.
		again, created, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil || created || again.ID != rel.ID {
			t.Fatalf("republish unchanged: %v created=%v id %d/%d", err, created, again.ID, rel.ID)
		}
		// A vacancy moved to another regency: a new revision says so, the
		// first stays as it was.
		if _, err := d.ExecContext(ctx, `UPDATE vacancies SET region = CASE WHEN region = '3601' THEN '3602' ELSE '3601' END
			WHERE id = (SELECT MIN(id) FROM vacancies WHERE published_at IS NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		clk.T = clk.T.Add(time.Hour)
		rev, created, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil || !created || rev.Revision != 2 || !strings.Contains(strings.Join(rev.Changes, " "), "lowongan") {
			t.Fatalf("revision: %v created=%v %+v", err, created, rev)
		}
		old, err := a.Stats.Release(ctx, rel.ID)
		if err != nil || old.Hash != rel.Hash {
			t.Fatalf("the first revision changed: %v", err)
		}
		latest, err := a.Stats.Latest(ctx)
		if err != nil || latest.ID != rev.ID {
			t.Fatalf("latest: %v", err)
		}
		// The loop on 2 March: January's final release is due (February's
		// only from the 5th), and March's provisional one.
		got, err := a.Stats.Tick(ctx)
		if err != nil || len(got) != 2 || got[0].Month != "2026-01" || got[0].Provisional || !got[1].Provisional || got[1].Month != "2026-03" {
			t.Fatalf("tick: %v %+v", err, got)
		}
		if again, err := a.Stats.Tick(ctx); err != nil || len(again) != 0 {
			t.Fatalf("second tick published %d: %v", len(again), err)
		}
		list, err := a.Stats.Releases(ctx)
		if err != nil || len(list) != 4 {
			t.Fatalf("releases: %d %v", len(list), err)
		}
	})
}

// TestWorkArrangementsApart: outsourced vacancies and vacancies open to
// workers with disabilities are counted apart (issue 15), from the
// vacancies' own columns.
func TestWorkArrangementsApart(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		// Every vacancy published in February 2026 (WIB) becomes outsourced
		// and open to workers with disabilities.
		from := time.Date(2026, 2, 1, 0, 0, 0, 0, time.FixedZone("WIB", 7*3600)).UTC()
		to := time.Date(2026, 3, 1, 0, 0, 0, 0, time.FixedZone("WIB", 7*3600)).UTC()
		res, err := d.ExecContext(ctx, `UPDATE vacancies SET worksite_name = 'PT Pengguna Jasa', disability_open = TRUE
			WHERE published_at >= ? AND published_at < ?`, from, to)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.RowsAffected()
		if n < 5 {
			t.Fatalf("only %d vacancies published in February", n)
		}
		rel, _, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string][2]string{"hubungan-kerja": {"alih_daya", "langsung"}, "lowongan-disabilitas": {"terbuka", "lainnya"}} {
			ds, ok := rel.Dataset(id)
			if !ok {
				t.Fatalf("no dataset %s", id)
			}
			got, status, ok := ds.Lookup(stats.Province, "2026-02", want[0])
			if !ok || status != "" || got != float64(n) {
				t.Errorf("%s: province %s in February = %v %q, want %d", id, want[0], got, status, n)
			}
			if rest, _, _ := ds.Lookup(stats.Province, "2026-02", want[1]); rest != 0 {
				t.Errorf("%s: %s = %v, want 0", id, want[1], rest)
			}
		}
	})
}

// TestDisabilityQuota: verified employers that declared their workforce are
// counted by whether they meet the UU 8/2016 quota, from their declaration's
// month on.
func TestDisabilityQuota(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		on := time.Date(2026, 2, 10, 3, 0, 0, 0, time.UTC)
		// Every verified employer: 150 workers, 2 with disabilities (1%
		// of 150 rounds up to 2: met for a private company).
		res, err := d.ExecContext(ctx, `UPDATE employers SET ownership = 'swasta', workforce = 150, disabled_employees = 2, workforce_on = ?
			WHERE status = 'terverifikasi'`, on)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.RowsAffected()
		// One government employer with the same figures misses its 2%.
		if _, err := d.ExecContext(ctx, `UPDATE employers SET ownership = 'pemerintah' WHERE id = (SELECT MIN(id) FROM employers WHERE status = 'terverifikasi')`); err != nil {
			t.Fatal(err)
		}
		if n < 6 {
			t.Fatalf("only %d verified employers", n)
		}
		rel, _, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil {
			t.Fatal(err)
		}
		ds, ok := rel.Dataset("kuota-disabilitas")
		if !ok {
			t.Fatal("no dataset kuota-disabilitas")
		}
		if met, st, _ := ds.Lookup(stats.Province, "2026-02", "memenuhi"); st != "" || met != float64(n-1) {
			t.Errorf("meeting the quota in February: %v %q, want %d", met, st, n-1)
		}
		if _, st, _ := ds.Lookup(stats.Province, "2026-02", "belum"); st != stats.StatusWithheld {
			t.Errorf("one employer missing the quota is published (%q)", st)
		}
		if jan, _, _ := ds.Lookup(stats.Province, "2026-01", "memenuhi"); jan != 0 {
			t.Errorf("counted before the declaration: %v", jan)
		}
	})
}

// TestNotaCompliance: inspection cases are followed from the month of
// their nota I to where they went.
func TestNotaCompliance(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		nota1 := time.Date(2026, 2, 10, 3, 0, 0, 0, time.UTC)
		plant := func(n int, final string, viaNota2 bool) {
			for range n {
				id, err := db.InsertID(ctx, d, `INSERT INTO cases (kind, region, state, opened_at, updated_at) VALUES ('pemeriksaan', '3604', ?, ?, ?)`,
					final, nota1.AddDate(0, 0, -20), nota1)
				if err != nil {
					t.Fatal(err)
				}
				steps := [][2]string{{"temuan", "nota_1"}}
				if viaNota2 {
					steps = append(steps, [2]string{"nota_1", "nota_2"})
				}
				if final != "nota_1" && final != "nota_2" {
					steps = append(steps, [2]string{steps[len(steps)-1][1], final})
				}
				for i, st := range steps {
					if _, err := d.ExecContext(ctx, `INSERT INTO case_events (case_id, at, kind, from_state, to_state) VALUES (?, ?, 'pindah', ?, ?)`,
						id, nota1.AddDate(0, 0, 14*i), st[0], st[1]); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		plant(6, "selesai", false)
		plant(5, "selesai", true)
		plant(7, "dilimpahkan_ppns", true)
		plant(5, "nota_1", false)
		rel, _, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil {
			t.Fatal(err)
		}
		ds, ok := rel.Dataset("nota-kepatuhan")
		if !ok {
			t.Fatal("no dataset nota-kepatuhan")
		}
		for cat, want := range map[string]float64{"patuh_nota_1": 6, "patuh_nota_2": 5, "ppns": 7, "berjalan": 5} {
			if got, st, _ := ds.Lookup("3604", "2026-02", cat); st != "" || got != want {
				t.Errorf("%s = %v %q, want %v", cat, got, st, want)
			}
		}
		if jan, _, _ := ds.Lookup("3604", "2026-01", "patuh_nota_1"); jan != 0 {
			t.Errorf("January: %v", jan)
		}
	})
}

// TestTrainingByProgram: the figure per program adds up to the same total
// as per provider, month by month.
func TestTrainingByProgram(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		rel, _, err := a.Stats.Publish(ctx, "2026-02")
		if err != nil {
			t.Fatal(err)
		}
		byProv, _ := rel.Dataset("pelatihan")
		byProg, ok := rel.Dataset("pelatihan-program")
		if !ok || byProg.Dims[0].ID != "program" || len(byProg.Dims[0].Codes) < 2 {
			t.Fatalf("no per-program dataset: %v", ok)
		}
		some := false
		for _, m := range byProv.Dims[1].Codes {
			for _, k := range []string{"lulus", "dinilai_6_bulan", "bekerja_6_bulan"} {
				v1, s1, _ := byProv.Lookup("semua", m, k)
				v2, s2, _ := byProg.Lookup("semua", m, k)
				if s1 == "" && s2 == "" && v1 != v2 {
					t.Errorf("%s %s: %v by provider, %v by program", m, k, v1, v2)
				}
				some = some || (s1 == "" && v1 > 0)
			}
		}
		if !some {
			t.Error("the demo has no published training figure to compare")
		}
	})
}

// TestPlacementForms: placements in outsourced and piece-rate vacancies are
// counted in their own columns, from the vacancies' columns.
func TestPlacementForms(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		// The demo's busiest month of placements.
		wib := time.FixedZone("WIB", 7*3600)
		rows, err := d.QueryContext(ctx, `SELECT reported_at FROM placements`)
		if err != nil {
			t.Fatal(err)
		}
		per := map[string]int{}
		for rows.Next() {
			var at time.Time
			if err := rows.Scan(&at); err != nil {
				t.Fatal(err)
			}
			per[at.In(wib).Format("2006-01")]++
		}
		rows.Close()
		month, n := "", 0
		for m, k := range per {
			if k > n || (k == n && m > month) {
				month, n = m, k
			}
		}
		if n < 5 {
			t.Fatalf("at most %d placements in a month", n)
		}
		start, _ := time.ParseInLocation("2006-01", month, wib)
		from, to := start.UTC(), start.AddDate(0, 1, 0).UTC()
		if _, err := d.ExecContext(ctx, `UPDATE vacancies SET worksite_name = 'PT Pengguna', wage_unit = 'piece'
			WHERE id IN (SELECT vacancy_id FROM placements WHERE reported_at >= ? AND reported_at < ?)`, from, to); err != nil {
			t.Fatal(err)
		}
		rel, _, err := a.Stats.Publish(ctx, month)
		if err != nil {
			t.Fatal(err)
		}
		ds, ok := rel.Dataset("penempatan-bentuk")
		if !ok {
			t.Fatal("no dataset penempatan-bentuk")
		}
		for cat, want := range map[string]float64{"alih_daya": float64(n), "upah_borongan": float64(n), "agen": 0, "upah_harian_jam": 0} {
			if got, st, _ := ds.Lookup(stats.Province, month, cat); st != "" || got != want {
				t.Errorf("%s %s = %v %q, want %v", month, cat, got, st, want)
			}
		}
	})
}
