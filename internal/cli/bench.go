package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/bench"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/wib"
)

func benchCmd(ctx context.Context, args []string, env Env) error {
	if len(args) > 0 {
		switch args[0] {
		case "search":
			return benchSearch(ctx, args, env)
		case "match":
			return benchMatch(ctx, args, env)
		case "alloc":
			return benchAlloc(args, env)
		case "ledger":
			return benchLedger(ctx, args, env)
		case "digest":
			return benchDigest(ctx, args, env)
		case "outbox":
			return benchOutbox(ctx, args, env)
		case "stats":
			return benchStats(ctx, args, env)
		}
	}
	fmt.Fprintln(env.Stderr, `usage: bursa bench search [--vacancies N] [--clients N] [--requests N] [--db DSN]
       bursa bench match [--seekers N] [--vacancies N] [--k 20] [--db DSN]
       bursa bench alloc [--applicants N] [--programs N] [--choices K]
       bursa bench ledger [--records N] [--batch N] [--db DSN]
       bursa bench digest [--seekers N] [--vacancies N] [--new N] [--write N] [--db DSN]
       bursa bench outbox [--mails N] [--db DSN]
       bursa bench stats [--seekers N] [--vacancies N] [--requests N] [--db DSN]`)
	return errUsage
}

// benchDB opens the --db database, or a fresh SQLite file in a temporary
// folder (removed afterwards) when none is named.
func benchDB(ctx context.Context, fs *flag.FlagSet, c *common, env Env) (*app.Services, func(), error) {
	explicitDB := false
	fs.Visit(func(f *flag.Flag) { explicitDB = explicitDB || f.Name == "db" })
	cleanup := func() {}
	if !explicitDB && env.Getenv("BURSA_DB") == "" {
		dir, err := os.MkdirTemp("", "bursa-bench-")
		if err != nil {
			return nil, nil, err
		}
		cleanup = func() { os.RemoveAll(dir) }
		c.dsn = filepath.Join(dir, "bench.db")
		c.dataDir = dir
	}
	a, err := c.open(ctx, env, c.logger(env))
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return a, func() { a.DB.Close(); cleanup() }, nil
}

func benchMatch(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("bench match", env)
	c.register(fs, env)
	seekers := fs.Int("seekers", 100000, "seekers to generate (when the database is empty)")
	vacancies := fs.Int("vacancies", 10000, "approximate number of vacancies to generate (when the database is empty)")
	k := fs.Int("k", 20, "vacancies ranked per seeker")
	queries := fs.Int("queries", 2000, "single-seeker queries timed on the engine")
	sample := fs.Int("baseline-sample", 40, "seekers ranked by both the engine and one SQL query each")
	format := fs.String("format", "json", "json or text")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the all-seekers batch to this file")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *seekers < 1 || *vacancies < 2 || *k < 1 || *queries < 1 || *sample < 2 {
		fmt.Fprintln(env.Stderr, "bench match: --seekers, --vacancies, --k, --queries and --baseline-sample must be positive")
		return errUsage
	}
	a, done, err := benchDB(ctx, fs, &c, env)
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	// Each employer posts two vacancies on average.
	filled, err := demo.FillIfEmpty(ctx, a, demo.Config{Seed: 1, Seekers: *seekers, Employers: max(*vacancies/2, 1)})
	if err != nil {
		return err
	}
	planted, err := bench.Plant(ctx, a.DB, a.Now(), max(20, *vacancies/100), 1)
	if err != nil {
		return err
	}
	gen := time.Since(start)
	cfg := bench.MatchConfig{K: *k, Queries: *queries, BaselineSample: *sample, Seed: 1}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		cfg.Profile = func() func() {
			if err := pprof.StartCPUProfile(f); err != nil {
				a.Log.Error("cpu profile", "err", err)
				return func() {}
			}
			return pprof.StopCPUProfile
		}
	}
	rep, err := bench.Match(ctx, a.DB, a.Now, planted, cfg)
	if err != nil {
		return err
	}
	if filled {
		rep.GenerateS = gen.Seconds()
	}
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d seekers x %d vacancies (%s): index %.1f s, %.0f MB; all top-%d %.1f s; query p50 %.3f ms p99 %.3f ms; SQL p50 %.1f ms (%.0fx); agreement %.2f; precision@10 %.2f\n",
			rep.Seekers, rep.Vacancies, rep.Dialect, rep.IndexBuildS, rep.IndexMB, rep.K, rep.BatchAllS, rep.QueryP50ms, rep.QueryP99ms,
			rep.BaselineP50ms, rep.Speedup, rep.TopKAgreement, rep.PrecisionAt10)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}

func benchAlloc(args []string, env Env) error {
	fs := newFlags("bench alloc", env)
	applicants := fs.Int("applicants", 200000, "applicants")
	programs := fs.Int("programs", 3000, "programs")
	choices := fs.Int("choices", 5, "programs each applicant ranks")
	seed := fs.Int64("seed", 1, "generator seed")
	sample := fs.Int("blocking-sample", 0, "check blocking pairs for this many applicants (0 = all)")
	reference := fs.Bool("reference", true, "also run the plain reference implementation and compare")
	format := fs.String("format", "json", "json or text")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *applicants < 1 || *programs < 1 || *choices < 1 || *choices > *programs {
		fmt.Fprintln(env.Stderr, "bench alloc: --applicants, --programs and --choices must be positive, --choices at most --programs")
		return errUsage
	}
	rep, err := alloc.Bench(alloc.BenchConfig{Applicants: *applicants, Programs: *programs, Choices: *choices, Seed: *seed,
		ReferenceCheck: *reference, BlockingSample: *sample})
	if err != nil {
		return err
	}
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d applicants x %d programs x %d choices: allocated in %.3f s, %d proposals, %d blocking pairs (%s), equals reference %v\n",
			rep.Applicants, rep.Programs, rep.Choices, rep.AllocS, rep.Proposals, rep.BlockingPairs, rep.BlockingChecked, rep.EqualsReference)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}

func benchSearch(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("bench search", env)
	c.register(fs, env)
	vacancies := fs.Int("vacancies", 100000, "approximate number of vacancies to generate (when the database is empty)")
	clients := fs.Int("clients", 50, "concurrent clients")
	requests := fs.Int("requests", 20000, "requests to send")
	format := fs.String("format", "json", "json or text")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured phase to this file")
	target := fs.String("url", "", "send the searches to a running `bursa serve` at this base URL (same --db) instead of serving in-process")
	cache := fs.Bool("cache", true, "in-process: keep the search result cache (a serve turns it off with BURSA_SEARCH_CACHE=off)")
	floor := fs.Bool("floor", true, "also measure a bare handler returning a fixed page, in the same run")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	a, done, err := benchDB(ctx, fs, &c, env)
	if err != nil {
		return err
	}
	defer done()
	if !*cache {
		a.Vacancies.Cache = nil
	}
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
	cfg := bench.SearchConfig{Clients: *clients, Requests: *requests, Seed: 1}
	var rep bench.SearchReport
	if *target != "" {
		behind, err := monitorBehind(ctx, a)
		if err != nil {
			return err
		}
		if behind > 0 {
			// A serve on this database reads that many records in the
			// background during the run (about 30 s of a core for 780,000).
			fmt.Fprintf(env.Stderr, "bench search: the log's monitor has %d records of this database still to read; "+
				"a serve started now reads them during the measurement. Let a serve run until monitor_state.size "+
				"reaches ledger_state.size first (docs/search.md).\n", behind)
		}
		rep, err = bench.SearchURL(ctx, strings.TrimSuffix(*target, "/"), cfg)
		rep.Target, rep.MonitorBehind = *target, behind
	} else {
		rep, err = bench.Search(ctx, h, cfg)
		cached := a.Vacancies.Cache != nil
		rep.Target, rep.Cache = "in-process", &cached
	}
	if err != nil {
		return err
	}
	if *floor {
		// A page of about the size of a 20-vacancy answer.
		fl, err := bench.Floor(ctx, cfg, 16<<10)
		if err != nil {
			return err
		}
		rep.FloorP99ms, rep.FloorRPS = fl.P99ms, fl.RPS
	}
	rep.Vacancies, rep.GenerateS, rep.TargetP99ms = n, gen.Seconds(), 50
	rep.MeetsTarget = rep.P99ms <= rep.TargetP99ms && rep.Errors == 0
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d vacancies (%s dialect), %s, %d clients, %d requests, %d errors\np50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  %.0f req/s\n",
			rep.Vacancies, a.DB.Dialect(), rep.Target, rep.Clients, rep.Requests, rep.Errors, rep.P50ms, rep.P90ms, rep.P99ms, rep.Maxms, rep.RPS)
		if *floor {
			fmt.Fprintf(env.Stdout, "bare-handler floor: p99 %.1f ms  %.0f req/s\n", rep.FloorP99ms, rep.FloorRPS)
		}
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}

func benchLedger(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("bench ledger", env)
	c.register(fs, env)
	records := fs.Int64("records", 1_000_000, "grow the log to this many records")
	batch := fs.Int("batch", 20_000, "records per transaction (a training round's allocation comes in bulk)")
	writes := fs.Int("writes", 300, "single writes timed with and without a log record")
	format := fs.String("format", "json", "json or text")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *records < 1 || *batch < 1 || *writes < 1 {
		fmt.Fprintln(env.Stderr, "bench ledger: --records, --batch and --writes must be positive")
		return errUsage
	}
	a, done, err := benchDB(ctx, fs, &c, env)
	if err != nil {
		return err
	}
	defer done()
	// Real web writes: the demo seeker applies, through the site's own
	// handler over HTTP, to open vacancies, each once.
	a.Demo, a.Auth.AllowDemo = true, true
	a.Log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if _, err := demo.FillIfEmpty(ctx, a, demo.Config{Seed: 1, Seekers: 200, Employers: *writes}); err != nil {
		return err
	}
	h, err := Handler(a)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(srv.URL+"/masuk", url.Values{"login": {"pencari@bursa.test"}, "password": {demo.Password}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	var vacancies []int64
	rows, err := a.DB.QueryContext(ctx, `SELECT v.id FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.status = 'published' AND e.status = 'terverifikasi' AND v.closes_on >= ?
		AND NOT EXISTS (SELECT 1 FROM applications x JOIN seekers s ON s.id = x.seeker_id JOIN users u ON u.id = s.user_id
			WHERE x.vacancy_id = v.id AND u.email = 'pencari@bursa.test')
		ORDER BY v.id LIMIT ?`, wib.Date(a.Now()), *writes)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		vacancies = append(vacancies, id)
	}
	rows.Close()
	if len(vacancies) < *writes {
		return fmt.Errorf("bench ledger: only %d open vacancies to apply to", len(vacancies))
	}
	apply := func(i int) error {
		resp, err := client.PostForm(fmt.Sprintf("%s/lowongan/%d/lamar", srv.URL, vacancies[i]), url.Values{"note": {"Siap bekerja shift."}})
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			return fmt.Errorf("apply to %d: %s", vacancies[i], resp.Status)
		}
		return nil
	}
	rep, err := bench.Ledger(ctx, a.DB, a.Ledger, *records, *batch, *writes, apply)
	if err != nil {
		return err
	}
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d records (%s): %.0f appends/s in batches of %d with %d checkpoints; bare write %.2f ms, with a record %.2f ms; an application %.2f ms of which the record %.0f%%; proof p50 %.3f ms p99 %.3f ms; verify --db %.1f s\n",
			rep.Records, rep.Dialect, rep.AppendsPerS, rep.Batch, rep.Checkpoints, rep.WriteMs, rep.WriteLoggedMs, rep.ApplyMs, rep.ApplyOverhead*100,
			rep.ProofP50ms, rep.ProofP99ms, rep.VerifyDBSeconds)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}

// monitorBehind is how many records of the transparency log the log's own
// monitor has not read yet (0 when it is current or the log is empty).
func monitorBehind(ctx context.Context, a *app.Services) (int64, error) {
	var size int64
	err := a.DB.QueryRowContext(ctx, `SELECT size FROM ledger_state WHERE id = 1`).Scan(&size)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("ledger size: %w", err)
	}
	st, err := a.Monitor.State(ctx)
	if err != nil {
		return 0, err
	}
	return max(size-st.Size, 0), nil
}
