package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bursa-banten/bursa/internal/db"
)

// schemaCmd prints the schema that the embedded migrations build, for each
// dialect, from a freshly migrated database: a temporary SQLite file, and a
// scratch schema (dropped afterwards) on the PostgreSQL server given by --db
// or BURSA_TEST_POSTGRES. `bursa schema --out docs` regenerates the dumps in
// docs/ that a test in internal/db keeps current.
func schemaCmd(ctx context.Context, args []string, env Env) error {
	fs := newFlags("schema", env)
	dialect := fs.String("dialect", "", "sqlite or postgres (default: sqlite, and postgres when a server is given)")
	// Not BURSA_DB: this needs a server to make a scratch schema in, which
	// is what the PostgreSQL tests already have, not the production database.
	pgURL := fs.String("db", env.Getenv("BURSA_TEST_POSTGRES"), "postgres:// URL of a server to migrate a scratch schema in (env BURSA_TEST_POSTGRES)")
	out := fs.String("out", "", "write schema.<dialect>.sql into this folder instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "bursa schema: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *pgURL != "" && !strings.HasPrefix(*pgURL, "postgres://") && !strings.HasPrefix(*pgURL, "postgresql://") {
		fmt.Fprintln(env.Stderr, "bursa schema: --db must be a postgres:// URL (the SQLite schema always comes from a temporary file)")
		return errUsage
	}
	var dialects []db.Dialect
	switch *dialect {
	case "":
		dialects = []db.Dialect{db.SQLite}
		if *pgURL != "" {
			dialects = append(dialects, db.Postgres)
		} else if *out != "" {
			// Say so rather than leave a stale PostgreSQL dump unnoticed
			// until the test on PostgreSQL fails.
			fmt.Fprintf(env.Stderr, "bursa schema: %s not regenerated: give a PostgreSQL server with --db or BURSA_TEST_POSTGRES\n",
				filepath.Join(*out, "schema.postgres.sql"))
		}
	case string(db.SQLite):
		dialects = []db.Dialect{db.SQLite}
	case string(db.Postgres):
		if *pgURL == "" {
			fmt.Fprintln(env.Stderr, "bursa schema: --dialect postgres needs a server: --db postgres://… or BURSA_TEST_POSTGRES")
			return errUsage
		}
		dialects = []db.Dialect{db.Postgres}
	default:
		fmt.Fprintf(env.Stderr, "bursa schema: unknown dialect %q (sqlite or postgres)\n", *dialect)
		return errUsage
	}
	for i, d := range dialects {
		text, err := db.FreshSchema(ctx, d, *pgURL)
		if err != nil {
			return err
		}
		if *out == "" {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			fmt.Fprint(env.Stdout, text)
			continue
		}
		path := filepath.Join(*out, "schema."+string(d)+".sql")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write schema: %w", err)
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d lines)\n", path, strings.Count(text, "\n"))
	}
	return nil
}
