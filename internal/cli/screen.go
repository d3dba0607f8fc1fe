package cli

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/screen"
)

// screenCmd runs the vacancy screening rules: `bursa screen eval` scores
// them on the labelled set (internal/screen/testdata/set.jsonl) and prints
// precision and recall per rule; --misses adds the texts they get wrong.
func screenCmd(_ context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "eval" {
		fmt.Fprintln(env.Stderr, "usage: bursa screen eval [--misses]")
		return errUsage
	}
	fs := newFlags("screen eval", env)
	misses := fs.Bool("misses", false, "also list the texts the rules get wrong")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	set, err := screen.Set()
	if err != nil {
		return err
	}
	scores, wrong := screen.Evaluate(set)
	if err := screen.WriteTable(env.Stdout, len(set), scores); err != nil {
		return err
	}
	if *misses {
		for _, m := range wrong {
			fmt.Fprintf(env.Stdout, "false %s %s: %s\n", m.False, m.Code, m.Text)
		}
	}
	return nil
}
