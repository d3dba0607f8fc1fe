package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/bursa-banten/bursa/internal/bench"
	"github.com/bursa-banten/bursa/internal/demo"
)

func benchCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "search" {
		fmt.Fprintln(env.Stderr, "usage: bursa bench search [--vacancies N] [--clients N] [--requests N] [--db DSN]")
		return errUsage
	}
	var c common
	fs := newFlags("bench search", env)
	c.register(fs, env)
	vacancies := fs.Int("vacancies", 100000, "approximate number of vacancies to generate (when the database is empty)")
	clients := fs.Int("clients", 50, "concurrent clients")
	requests := fs.Int("requests", 20000, "requests to send")
	format := fs.String("format", "json", "json or text")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured phase to this file")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	explicitDB := false
	fs.Visit(func(f *flag.Flag) { explicitDB = explicitDB || f.Name == "db" })
	if !explicitDB && env.Getenv("BURSA_DB") == "" {
		dir, err := os.MkdirTemp("", "bursa-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		c.dsn = filepath.Join(dir, "bench.db")
		c.dataDir = dir
	}
	log := c.logger(env)
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	start := time.Now()
	// Each employer posts two vacancies on average.
	if _, err := demo.FillIfEmpty(ctx, a, demo.Config{Seed: 1, Seekers: 1000, Employers: *vacancies / 2}); err != nil {
		return err
	}
	gen := time.Since(start)
	var n int
	if err := a.DB.QueryRowContext(ctx, `SELECT count(*) FROM vacancies`).Scan(&n); err != nil {
		return err
	}
	// Per-request log lines would cost as much as the requests: warnings only.
	a.Log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := Handler(a)
	if err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	rep, err := bench.Search(ctx, h, bench.SearchConfig{Clients: *clients, Requests: *requests, Seed: 1})
	if err != nil {
		return err
	}
	rep.Vacancies, rep.GenerateS, rep.TargetP99ms = n, gen.Seconds(), 50
	rep.MeetsTarget = rep.P99ms <= rep.TargetP99ms && rep.Errors == 0
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d vacancies (%s dialect), %d clients, %d requests, %d errors\np50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  %.0f req/s\n",
			rep.Vacancies, a.DB.Dialect(), rep.Clients, rep.Requests, rep.Errors, rep.P50ms, rep.P90ms, rep.P99ms, rep.Maxms, rep.RPS)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}
