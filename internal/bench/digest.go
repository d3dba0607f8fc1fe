package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/wib"
)

// DigestConfig sizes the digest benchmark.
type DigestConfig struct {
	New   int // the newest open vacancies that count as published since the last digest
	Write int // digest notices actually written, to time the writing
	// FullK is k of the full re-match measured for comparison (bench match's).
	FullK int
}

// DigestReport holds the figures issue 12 asks for.
type DigestReport struct {
	Dialect       string  `json:"dialect"`
	Seekers       int     `json:"seekers"`
	Vacancies     int     `json:"open_vacancies"`
	New           int     `json:"new_vacancies"`
	IndexBuildS   float64 `json:"index_build_s"`
	DigestS       float64 `json:"digest_s"`
	WithDigest    int     `json:"seekers_with_digest"`
	Hits          int     `json:"hits"`
	FullRematchS  float64 `json:"full_rematch_s"`
	FullK         int     `json:"full_rematch_k"`
	Ratio         float64 `json:"full_over_digest"`
	Written       int     `json:"notices_written"`
	WriteS        float64 `json:"write_s"`
	WritePerS     float64 `json:"notices_per_s"`
	WriteAllEstS  float64 `json:"write_all_estimate_s"`
	ComputeTarget float64 `json:"target_s"`
}

// Digest times the daily digest for every seeker in d against the cfg.New
// most recently published open vacancies, a full re-match of every seeker
// in the same run, and the writing of cfg.Write digest notices through a.
func Digest(ctx context.Context, d *db.DB, alerts *alert.Store, now func() time.Time, cfg DigestConfig) (DigestReport, error) {
	rep := DigestReport{Dialect: string(d.Dialect()), FullK: cfg.FullK, ComputeTarget: 10}
	e := match.New(d, now)
	e.RefreshEvery = time.Hour
	start := time.Now()
	if err := e.Refresh(ctx); err != nil {
		return rep, err
	}
	rep.IndexBuildS = time.Since(start).Seconds()
	st, err := e.Stats(ctx)
	if err != nil {
		return rep, err
	}
	rep.Vacancies = st.OpenVacancies
	rows, err := d.QueryContext(ctx, `SELECT id FROM vacancies WHERE status = 'published' AND closes_on >= ?
		ORDER BY published_at DESC, id DESC LIMIT ?`, wib.Date(now()), cfg.New)
	if err != nil {
		return rep, fmt.Errorf("new vacancies: %w", err)
	}
	var fresh []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return rep, err
		}
		fresh = append(fresh, id)
	}
	rows.Close()
	rep.New = len(fresh)
	seekers, err := allSeekerIDs(ctx, d)
	if err != nil {
		return rep, err
	}
	rep.Seekers = len(seekers)
	users, err := seekerUsers(ctx, d)
	if err != nil {
		return rep, err
	}

	a := *alerts
	a.Match = e
	start = time.Now()
	hits, err := a.DigestHits(ctx, seekers, fresh)
	rep.DigestS = time.Since(start).Seconds()
	if err != nil {
		return rep, err
	}
	rep.WithDigest = len(hits)
	for _, h := range hits {
		rep.Hits += len(h)
	}

	start = time.Now()
	if _, err := e.BatchAll(ctx, cfg.FullK, nil); err != nil {
		return rep, err
	}
	rep.FullRematchS = time.Since(start).Seconds()
	if rep.DigestS > 0 {
		rep.Ratio = rep.FullRematchS / rep.DigestS
	}

	// Writing: a sample of the digests through the real path (inbox row,
	// routes, outbox), timed, and the rate extrapolated to all of them.
	sample := map[int64][]match.Hit{}
	for sid, h := range hits {
		if len(sample) >= cfg.Write {
			break
		}
		sample[sid] = h
	}
	start = time.Now()
	n, err := a.WriteDigests(ctx, wib.Date(now()), users, sample)
	rep.WriteS = time.Since(start).Seconds()
	if err != nil {
		return rep, err
	}
	rep.Written = n
	if rep.WriteS > 0 {
		rep.WritePerS = float64(n) / rep.WriteS
	}
	if rep.WritePerS > 0 {
		rep.WriteAllEstS = float64(rep.WithDigest) / rep.WritePerS
	}
	return rep, nil
}

func seekerUsers(ctx context.Context, d *db.DB) (map[int64]int64, error) {
	rows, err := d.QueryContext(ctx, `SELECT id, user_id FROM seekers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var s, u int64
		if err := rows.Scan(&s, &u); err != nil {
			return nil, err
		}
		out[s] = u
	}
	return out, rows.Err()
}
