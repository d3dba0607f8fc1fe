// Package cli implements the bursa command line: serve, migrate, demo, user,
// bench and version. cmd/bursa/main.go only calls Run.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// Env is what a command runs with, passed in so tests can run commands.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	Getenv func(string) string
}

const usage = `bursa – bursa kerja terbuka Provinsi Banten

Usage:
  bursa serve   [--db DSN] [--addr 127.0.0.1:8080] [--demo]   run the web server
  bursa migrate [--db DSN]                                      apply database migrations
  bursa demo    [--db DSN] [--seed N] [--seekers N] [--employers N]
                                                                fill an empty database with the demo province
  bursa user add --login L --name N --role R [--role R…]        add a user (password from BURSA_PASSWORD or stdin)
  bursa bench search [--vacancies N] [--clients N] [--requests N]
                                                                load-test the vacancy search API
  bursa bench match  [--seekers N] [--vacancies M] [--k 20] [--db DSN]
                                                                matching engine against one SQL query per seeker
  bursa bench alloc  [--applicants N] [--programs M] [--choices K]
                                                                training-seat allocation (deferred acceptance)
  bursa bench ledger [--records N] [--batch N] [--db DSN]
                                                                transparency log: appends, proofs, verify
  bursa bench stats  [--seekers N] [--vacancies M] [--requests N] [--db DSN]
                                                                a whole monthly statistics release, then /statistik from it
  bursa stats release [--month YYYY-MM] [--db DSN]              compute and freeze a month's statistics (a revision if changed)
  bursa verify  --url BASE [--key VKEY] [--receipt FILE] [--witness VKEY…] | --db DSN
                                                                check the transparency log
  bursa witness --log BASE --key FILE [--log-key VKEY] [--every 10m]
                                                                cosign the log's checkpoint (once, or every interval)
  bursa monitor --url BASE [--key VKEY] [--state FILE]          follow the log from its tiles and check it is complete
  bursa backup  --to FILE [--db DSN] [--data DIR]               consistent online copy: database, keys, manifest (0600)
  bursa restore --from FILE [--db DSN] [--data DIR]             restore a backup into an empty database
  bursa ledger  status | announce-loss --reason R | observe [--db DSN] [--data DIR] FILE
                                                                the log's state; end a lost history; take a checkpoint a witness kept
  bursa schema  [--dialect sqlite|postgres] [--db URL] [--out DIR]
                                                                the schema the migrations build (regenerate docs/ with --out docs)
  bursa screen  eval [--misses]                                  vacancy screening rules: precision and recall on the labelled set
  bursa version

DSN is a SQLite file path (default bursa.db) or a postgres:// URL; BURSA_DB sets it too.
`

// Run runs the command line args (without the program name) and returns the
// exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], env)
	case "migrate":
		err = migrate(ctx, args[1:], env)
	case "demo":
		err = demoCmd(ctx, args[1:], env)
	case "user":
		err = userCmd(ctx, args[1:], env)
	case "bench":
		err = benchCmd(ctx, args[1:], env)
	case "verify":
		err = verifyCmd(ctx, args[1:], env)
	case "witness":
		err = witnessCmd(ctx, args[1:], env)
	case "monitor":
		err = monitorCmd(ctx, args[1:], env)
	case "schema":
		err = schemaCmd(ctx, args[1:], env)
	case "backup":
		err = backupCmd(ctx, args[1:], env)
	case "restore":
		err = restoreCmd(ctx, args[1:], env)
	case "ledger":
		err = ledgerCmd(ctx, args[1:], env)
	case "stats":
		err = statsCmd(ctx, args[1:], env)
	case "screen":
		err = screenCmd(ctx, args[1:], env)
	case "version", "--version", "-v":
		fmt.Fprintln(env.Stdout, "bursa", Version())
		return 0
	case "help", "--help", "-h":
		fmt.Fprint(env.Stdout, usage)
		return 0
	default:
		fmt.Fprintf(env.Stderr, "bursa: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, errUsage) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "bursa:", err)
		return 1
	}
	return 0
}

var errUsage = errors.New("usage")

// Version is the module version, or the VCS revision of a development build.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}

// common holds the flags every database command takes.
type common struct {
	dsn     string
	dataDir string
	logJSON bool
}

func (c *common) register(fs *flag.FlagSet, env Env) {
	def := env.Getenv("BURSA_DB")
	if def == "" {
		def = "bursa.db"
	}
	dataDef := env.Getenv("BURSA_DATA")
	if dataDef == "" {
		dataDef = "data"
	}
	fs.StringVar(&c.dsn, "db", def, "SQLite file or postgres:// URL (env BURSA_DB)")
	fs.StringVar(&c.dataDir, "data", dataDef, "folder for keys (env BURSA_DATA)")
	fs.BoolVar(&c.logJSON, "log-json", env.Getenv("BURSA_LOG") == "json", "log as JSON (env BURSA_LOG=json)")
}

func (c *common) logger(env Env) *slog.Logger {
	if c.logJSON {
		return slog.New(slog.NewJSONHandler(env.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, nil))
}

// open opens and migrates the database and builds the services.
func (c *common) open(ctx context.Context, env Env, log *slog.Logger) (*app.Services, error) {
	d, err := db.Open(ctx, c.dsn)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx, log); err != nil {
		d.Close()
		return nil, err
	}
	box, err := c.box(env)
	if err != nil {
		d.Close()
		return nil, err
	}
	if err := sealBirthDates(ctx, d, box, log); err != nil {
		d.Close()
		return nil, err
	}
	a := app.New(d, box, auth.DefaultPasswords(), log, time.Now)
	if env.Getenv("BURSA_SEARCH_CACHE") == "off" {
		// For measuring the search itself (bench search --url); the cache
		// is what a deployment runs with.
		a.Vacancies.Cache = nil
	}
	if a.Ledger, err = c.openLog(ctx, env, d, log); err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

// box loads this installation's secret key.
func (c *common) box(env Env) (*secret.Box, error) {
	return secret.Load(env.Getenv("BURSA_SECRET_KEY"), filepath.Join(c.dataDir, "secret.key"))
}

// sealBirthDates finishes migration 0011 in Go, where the key is: it seals
// the birth dates of seekers registered before it (a no-op once done).
func sealBirthDates(ctx context.Context, d *db.DB, box *secret.Box, log *slog.Logger) error {
	n, err := seeker.SealBirthDates(ctx, d, box)
	if err != nil {
		return err
	}
	if n > 0 && log != nil {
		log.Info("birth dates sealed", "seekers", n)
	}
	return nil
}

func newFlags(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

func migrate(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("migrate", env)
	c.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	log := c.logger(env)
	d, err := db.Open(ctx, c.dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Migrate(ctx, log); err != nil {
		return err
	}
	// The key is loaded only when there is something to seal, so migrating
	// an empty database needs none.
	if n, err := seeker.UnsealedBirthDates(ctx, d); err != nil {
		return err
	} else if n > 0 {
		box, err := c.box(env)
		if err != nil {
			return err
		}
		if err := sealBirthDates(ctx, d, box, log); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stdout, "migrations applied")
	return nil
}

// OSEnv is the process environment.
func OSEnv() Env {
	return Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv}
}

// parse parses flags; the flag package has already said what is wrong, so
// a bad flag is a usage error (exit 2), not a failure.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
