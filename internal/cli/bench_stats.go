package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/bench"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/stats"
)

// benchStats: a whole monthly statistics release (every dataset, every
// regency/city, 24 months) and the dashboard page from the frozen release.
func benchStats(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("bench stats", env)
	c.register(fs, env)
	seekers := fs.Int("seekers", 100000, "seekers to generate (when the database is empty)")
	vacancies := fs.Int("vacancies", 10000, "approximate number of vacancies to generate (when the database is empty)")
	requests := fs.Int("requests", 2000, "dashboard pages to ask for, one at a time")
	month := fs.String("month", "", "the release's month, YYYY-MM (default: the current month)")
	format := fs.String("format", "json", "json or text")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *seekers < 1 || *vacancies < 2 || *requests < 1 {
		fmt.Fprintln(env.Stderr, "bench stats: --seekers, --vacancies and --requests must be positive")
		return errUsage
	}
	a, done, err := benchDB(ctx, fs, &c, env)
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	filled, err := demo.FillIfEmpty(ctx, a, demo.Config{Seed: 1, Seekers: *seekers, Employers: max(*vacancies/2, 1)})
	if err != nil {
		return err
	}
	gen := time.Since(start)
	if *month == "" {
		*month = stats.CurrentMonth(a.Now())
	}
	// Per-request log lines would cost as much as the pages: warnings only.
	a.Log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := Handler(a)
	if err != nil {
		return err
	}
	rep, err := bench.Stats(ctx, a.Stats, h, string(a.DB.Dialect()), bench.StatsConfig{Month: *month, Requests: *requests, Seed: 1})
	if err != nil {
		return err
	}
	if filled {
		rep.GenerateS = gen.Seconds()
	}
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d seekers, %d vacancies (%s): release of %d datasets x %d regions x %d months (%d cells) in %.2f s, %d KB; /statistik p50 %.2f ms p99 %.2f ms (%d requests); target met: %v\n",
			rep.Seekers, rep.Vacancies, rep.Dialect, rep.Datasets, rep.Regions, rep.Months, rep.Cells, rep.ReleaseS, rep.ReleaseKB,
			rep.PageP50ms, rep.PageP99ms, rep.PageReqs, rep.MeetsTarget)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}

// statsCmd is "bursa stats release [--month YYYY-MM]": computes the
// month's release and freezes it as a new revision when any figure
// changed (serve does the same on its own schedule).
func statsCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "release" {
		fmt.Fprintln(env.Stderr, "usage: bursa stats release [--month YYYY-MM] [--db DSN]")
		return errUsage
	}
	var c common
	fs := newFlags("stats release", env)
	c.register(fs, env)
	month := fs.String("month", "", "the month, YYYY-MM (default: the month whose final release is due)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	log := c.logger(env)
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	if *month == "" {
		*month = stats.DueMonth(a.Now())
	}
	start := time.Now()
	rel, created, err := a.Stats.Publish(ctx, *month)
	if err != nil {
		return err
	}
	state := "unchanged, the frozen release stands"
	if created {
		state = "published"
	}
	fmt.Fprintf(env.Stdout, "release %s revision %d (%s) at log checkpoint %d %s, in %.1f s; changed: %v\n",
		rel.Month, rel.Revision, state, rel.LedgerSize, rel.LedgerRoot, time.Since(start).Seconds(), rel.Changes)
	return nil
}

// StatsInterval is how often serve checks whether a statistics release is
// due (the month's final one from the 5th, the current month's provisional
// one once a day).
const StatsInterval = time.Hour

// statsLoop publishes statistics releases on their schedule.
func statsLoop(ctx context.Context, a *app.Services, log *slog.Logger) {
	tick := time.NewTicker(StatsInterval)
	defer tick.Stop()
	for {
		t := time.Now()
		rels, err := a.Stats.Tick(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("statistics release", "err", err)
		}
		for _, r := range rels {
			log.Info("statistics release published", "month", r.Month, "revision", r.Revision, "provisional", r.Provisional,
				"changed", r.Changes, "took", time.Since(t).Round(time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
