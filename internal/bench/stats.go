package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/stats"
)

// StatsConfig is the statistics benchmark: one whole monthly release, then
// the dashboard page read from it.
type StatsConfig struct {
	Month    string // the release's month, YYYY-MM
	Requests int    // dashboard requests, one at a time
	Seed     uint64
}

// StatsReport holds the measured figures.
type StatsReport struct {
	Dialect     string  `json:"dialect"`
	Seekers     int     `json:"seekers"`
	AK1Cards    int     `json:"ak1_cards"`
	Vacancies   int     `json:"vacancies"`
	Placements  int     `json:"placements"`
	Complaints  int     `json:"complaints"`
	GenerateS   float64 `json:"generate_s,omitempty"`
	Datasets    int     `json:"datasets"`
	Months      int     `json:"months"`
	Regions     int     `json:"regions"`
	Cells       int     `json:"cells"`
	ReleaseS    float64 `json:"release_s"`
	ReleaseKB   int     `json:"release_kb"`
	PageReqs    int     `json:"page_requests"`
	PageErrors  int     `json:"page_errors"`
	PageP50ms   float64 `json:"page_p50_ms"`
	PageP99ms   float64 `json:"page_p99_ms"`
	PageMaxms   float64 `json:"page_max_ms"`
	PageKB      int     `json:"page_kb"`
	MeetsTarget bool    `json:"meets_target"` // release ≤ 30 s and page p99 ≤ 50 ms
}

// Stats computes and freezes a whole release with st (every dataset, every
// regency, stats.Months months) and then asks h for /statistik pages of
// random regions and map figures.
func Stats(ctx context.Context, st *stats.Store, h http.Handler, dialect string, cfg StatsConfig) (StatsReport, error) {
	rep := StatsReport{Dialect: dialect, Months: stats.Months, Regions: len(ref.Regions()) + 1, PageReqs: cfg.Requests}
	q := st.DB
	for _, c := range []struct {
		n   *int
		sql string
	}{{&rep.Seekers, `SELECT count(*) FROM seekers`}, {&rep.AK1Cards, `SELECT count(*) FROM ak1_cards`},
		{&rep.Vacancies, `SELECT count(*) FROM vacancies`}, {&rep.Placements, `SELECT count(*) FROM placements`},
		{&rep.Complaints, `SELECT count(*) FROM complaints`}} {
		if err := q.QueryRowContext(ctx, c.sql).Scan(c.n); err != nil {
			return rep, err
		}
	}
	start := time.Now()
	rel, _, err := st.Publish(ctx, cfg.Month)
	if err != nil {
		return rep, fmt.Errorf("release: %w", err)
	}
	rep.ReleaseS = time.Since(start).Seconds()
	rep.Datasets = len(rel.Datasets)
	for _, d := range rel.Datasets {
		rep.Cells += len(d.Values)
	}
	var size int
	if err := q.QueryRowContext(ctx, `SELECT length(body) FROM stats_releases WHERE id = ?`, rel.ID).Scan(&size); err != nil {
		return rep, err
	}
	rep.ReleaseKB = size / 1024
	rng := rand.New(rand.NewPCG(cfg.Seed, 14))
	regions := []string{""}
	for _, r := range ref.Regions() {
		regions = append(regions, "/"+r.Code)
	}
	figures := []string{"tpt", "pencari-kerja", "lowongan", "penempatan", "waktu-isi", "pengaduan"}
	// One untimed request loads the frozen release into memory, as the
	// first visitor after a release does.
	times := make([]float64, 0, cfg.Requests)
	for i := -1; i < cfg.Requests; i++ {
		url := "/statistik" + regions[rng.IntN(len(regions))] + "?peta=" + figures[rng.IntN(len(figures))]
		req := httptest.NewRequest("GET", url, nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		t := time.Now()
		h.ServeHTTP(rec, req)
		el := time.Since(t)
		body, _ := io.ReadAll(rec.Result().Body)
		if i < 0 {
			continue
		}
		if rec.Code != http.StatusOK {
			rep.PageErrors++
			continue
		}
		rep.PageKB = len(body) / 1024
		times = append(times, ms(el))
	}
	if len(times) > 0 {
		sort.Float64s(times)
		rep.PageP50ms, rep.PageP99ms, rep.PageMaxms = percentile(times, 50), percentile(times, 99), times[len(times)-1]
	}
	rep.MeetsTarget = rep.ReleaseS <= 30 && rep.PageP99ms <= 50 && rep.PageErrors == 0
	return rep, nil
}
