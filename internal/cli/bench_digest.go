package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bursa-banten/bursa/internal/bench"
	"github.com/bursa-banten/bursa/internal/demo"
)

// benchDigest times the daily "Lowongan untuk Anda" digest: every seeker
// against the --new newest vacancies, beside a full re-match in the same run.
func benchDigest(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("bench digest", env)
	c.register(fs, env)
	seekers := fs.Int("seekers", 100000, "seekers to generate (when the database is empty); all are opted in")
	vacancies := fs.Int("vacancies", 10000, "approximate number of vacancies to generate (when the database is empty)")
	fresh := fs.Int("new", 2000, "vacancies published since the last digest (the newest open ones)")
	write := fs.Int("write", 20000, "digest notices to write, timing the writing")
	fullK := fs.Int("full-k", 20, "k of the full re-match timed for comparison")
	format := fs.String("format", "json", "json or text")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *seekers < 1 || *vacancies < 2 || *fresh < 1 || *write < 0 || *fullK < 1 {
		fmt.Fprintln(env.Stderr, "bench digest: --seekers, --vacancies, --new and --full-k must be positive")
		return errUsage
	}
	a, done, err := benchDB(ctx, fs, &c, env)
	if err != nil {
		return err
	}
	defer done()
	if _, err := demo.FillIfEmpty(ctx, a, demo.Config{Seed: 1, Seekers: *seekers, Employers: max(*vacancies/2, 1)}); err != nil {
		return err
	}
	rep, err := bench.Digest(ctx, a.DB, a.Alerts, a.Now, bench.DigestConfig{New: *fresh, Write: *write, FullK: *fullK})
	if err != nil {
		return err
	}
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d seekers x %d new of %d open vacancies (%s): digest %.2f s (%d with a digest, %d hits); full re-match (k=%d) %.1f s = %.1fx; writing %d notices %.1f s (%.0f/s, all ≈ %.0f s); index %.1f s\n",
			rep.Seekers, rep.New, rep.Vacancies, rep.Dialect, rep.DigestS, rep.WithDigest, rep.Hits, rep.FullK, rep.FullRematchS, rep.Ratio,
			rep.Written, rep.WriteS, rep.WritePerS, rep.WriteAllEstS, rep.IndexBuildS)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}
