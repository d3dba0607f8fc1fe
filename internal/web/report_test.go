package web_test

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestVacancyReport walks the Perpres 57/2023 report: an employer gets its
// own vacancies, an analyst the province's, others nothing, and a bad period
// is explained beside its field.
func TestVacancyReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		clk := srv.Clock
		year := clk.T.Format("2006")
		period := "?from=" + year + "-01-01&to=" + clk.T.Format("2006-01-02")

		csvOf := func(b *browser, path string) [][]string {
			t.Helper()
			st, body, hdr := b.get(path)
			if st != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
				!strings.Contains(hdr.Get("Content-Disposition"), "laporan-lowongan_"+year+"-01-01_") {
				t.Fatalf("GET %s: %d %s %s", path, st, hdr.Get("Content-Type"), hdr.Get("Content-Disposition"))
			}
			recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil || len(recs) < 2 || !slices.Equal(recs[0], vacancy.ReportColumns) {
				t.Fatalf("GET %s: %v, %d rows", path, err, len(recs))
			}
			return recs[1:]
		}
		column := func(recs [][]string, name string) map[string]bool {
			i := slices.Index(vacancy.ReportColumns, name)
			out := map[string]bool{}
			for _, r := range recs {
				out[r[i]] = true
			}
			return out
		}

		employer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		employer.login("perusahaan@bursa.test")
		st, body, _ := employer.get("/laporan-lowongan")
		if st != 200 || !strings.Contains(body, `id="lowongan-laporan"`) || !strings.Contains(body, "Operator Rolling Mill") ||
			!strings.Contains(body, `value="`+year+`-01-01"`) {
			t.Fatalf("employer report page: %d", st)
		}
		own := csvOf(employer, "/laporan-lowongan.csv"+period)
		if emps := column(own, "employer"); len(emps) != 1 || !emps["PT Baja Mandiri Cilegon"] {
			t.Errorf("employer's CSV holds %v", emps)
		}
		// The employer cannot widen it to the province by asking for a region.
		if regions := column(csvOf(employer, "/laporan-lowongan.csv"+period+"&region=3603"), "employer"); len(regions) != 1 {
			t.Errorf("employer asking for Kab. Tangerang got %v", regions)
		}
		if placed := column(own, "placed"); len(placed) < 2 {
			t.Errorf("no placements reported in the employer's vacancies: %v", placed)
		}
		if strings.Contains(strings.Join(slices.Concat(own...), ","), "Siti Nurhayati") {
			t.Error("a worker's name is in the report")
		}

		analyst := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		analyst.login("analis@bursa.test")
		st, body, _ = analyst.get("/laporan-lowongan" + period)
		if st != 200 || !strings.Contains(body, `id="ringkasan"`) || !strings.Contains(body, "Kota Cilegon") || strings.Contains(body, `id="lowongan-laporan"`) {
			t.Fatalf("analyst report page: %d", st)
		}
		province := csvOf(analyst, "/laporan-lowongan.csv"+period)
		if len(column(province, "employer")) < 10 || len(province) <= len(own) {
			t.Errorf("province CSV: %d rows from %d employers", len(province), len(column(province, "employer")))
		}
		cilegon := csvOf(analyst, "/laporan-lowongan.csv"+period+"&region=3672")
		if r := column(cilegon, "region"); len(r) != 1 || !r["3672"] {
			t.Errorf("Cilegon CSV regions %v", r)
		}

		// Other employers' vacancies with fewer than 5 hires show no worker figures.
		few := 0
		for _, rec := range province {
			placed, female := rec[slices.Index(vacancy.ReportColumns, "placed")], rec[slices.Index(vacancy.ReportColumns, "placed_female")]
			if n, _ := strconv.Atoi(placed); n > 0 && n < vacancy.MinShown {
				few++
				if female != "" {
					t.Errorf("vacancy %s: %s placed, women %q shown", rec[0], placed, female)
				}
			}
		}
		if few == 0 {
			t.Error("the demo province has no vacancy with 1-4 hires: the check above tested nothing")
		}
		// The Excel form: a byte-order mark, semicolons, the same rows.
		st, body, hdr := analyst.get("/laporan-lowongan.csv" + period + "&excel=1")
		if st != 200 || !strings.HasPrefix(body, "\ufeffvacancy_id;employer;") || !strings.Contains(hdr.Get("Content-Disposition"), "_excel.csv") ||
			strings.Count(body, "\n") != len(province)+1 {
			t.Errorf("Excel download: %d %q %s, %d lines for %d rows", st, body[:min(len(body), 40)], hdr.Get("Content-Disposition"), strings.Count(body, "\n"), len(province))
		}

		// A reversed period: 400, the message beside the field, no file.
		st, body, hdr = analyst.get("/laporan-lowongan.csv?from=" + year + "-06-01&to=" + year + "-01-31")
		if st != 400 || !strings.Contains(body, `id="err-to"`) || !strings.Contains(body, "harus sesudah") || strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
			t.Errorf("reversed period: %d %s", st, hdr.Get("Content-Type"))
		}
		if st, body, _ := analyst.get("/laporan-lowongan?region=3201"); st != 400 || !strings.Contains(body, `id="err-region"`) {
			t.Errorf("region outside Banten: %d", st)
		}

		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		if st, _, _ := seeker.get("/laporan-lowongan.csv"); st != http.StatusForbidden {
			t.Errorf("seeker: %d", st)
		}
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _, hdr := anon.get("/laporan-lowongan"); st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/masuk") {
			t.Errorf("visitor: %d %s", st, hdr.Get("Location"))
		}
	})
}
