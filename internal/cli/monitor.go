package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/monitor"
)

// monitorCmd follows a log from its tiles and checks that it is complete.
// It exits 0 when every rule holds over every record read so far, and 1
// naming each broken rule with its record numbers otherwise.
func monitorCmd(ctx context.Context, args []string, env Env) error {
	fs := newFlags("monitor", env)
	base := fs.String("url", "", "the site (https://…) or its /ledger address")
	key := fs.String("key", "", "the log's verifier key (note format); default: the key seen on the first run")
	state := fs.String("state", "", "the monitor's state file (JSON; default in the user's config folder)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *base == "" {
		fmt.Fprintln(env.Stderr, "bursa monitor: give --url BASE")
		return errUsage
	}
	c := &ledger.Client{Base: ledgerBase(*base), HTTP: ledger.NewHTTPClient()}
	path := *state
	if path == "" {
		path = strings.Replace(ledger.StatePath(c.Base), "/bursa-verify/", "/bursa-monitor/", 1)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
	}
	st, err := monitor.LoadState(path)
	if err != nil {
		return fmt.Errorf("state %s: %w", path, err)
	}
	res, err := monitor.Follow(ctx, c, *key, &st)
	if err != nil {
		return fmt.Errorf("the log does not verify: %w", err)
	}
	if err := monitor.SaveState(path, st); err != nil {
		return err
	}
	if res.Read > 0 {
		fmt.Fprintf(env.Stdout, "%s: %d records, %d read now from the tiles and checked against the signed tree (records %d–%d)\n",
			res.Origin, res.Size, res.Read, res.Size-res.Read, res.Size-1)
	} else {
		fmt.Fprintf(env.Stdout, "%s: %d records, 0 read now: none since the last run\n", res.Origin, res.Size)
	}
	fmt.Fprintln(env.Stdout, "rules checked:")
	for _, r := range monitor.Rules {
		fmt.Fprintf(env.Stdout, "  %-30s %s\n", r.Name, r.Text)
	}
	if len(st.Findings) == 0 {
		if res.Size == 0 {
			fmt.Fprintln(env.Stdout, "ok: the log is empty")
		} else {
			fmt.Fprintf(env.Stdout, "ok: every rule holds over records 0–%d\n", res.Size-1)
		}
		return nil
	}
	for _, f := range st.Findings {
		fmt.Fprintf(env.Stdout, "BROKEN %s\n", f)
	}
	return fmt.Errorf("the log is incomplete: %d broken rule(s), first: %s", len(st.Findings), st.Findings[0])
}
