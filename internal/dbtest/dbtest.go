// Package dbtest runs a test against a freshly migrated SQLite database and,
// when BURSA_TEST_POSTGRES names a PostgreSQL database, against a fresh schema
// in it too. With CI set, a missing PostgreSQL is a failure, not a skip.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// Run calls fn once per available dialect, each in its own subtest with an
// empty, migrated database.
func Run(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, SQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, Postgres(t))
	})
}

// RunBefore is Run with the database migrated only up to version last, for a
// test of a later migration: fn fills the old shape, then calls Migrate.
func RunBefore(t *testing.T, last int, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, openAt(t, filepath.Join(t.TempDir(), "test.db"), last))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, openAt(t, PostgresSchema(t), last))
	})
}

func openAt(t testing.TB, dsn string, last int) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.MigrateTo(ctx, slog.New(slog.DiscardHandler), last); err != nil {
		t.Fatalf("migrate to %d: %v", last, err)
	}
	return d
}

// SQLite opens a migrated SQLite database in a temporary folder.
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	return open(t, path)
}

// SQLiteFile is SQLite at a path the test chooses, for tests that also open
// the file themselves (as a command would).
func SQLiteFile(t testing.TB, path string) *db.DB {
	t.Helper()
	return open(t, path)
}

// PostgresURL returns the test server URL, skipping (or failing in CI) when
// none is configured.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("BURSA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("BURSA_TEST_POSTGRES is not set: in CI the PostgreSQL tests must run")
		}
		t.Skip("BURSA_TEST_POSTGRES not set")
	}
	return base
}

// Postgres creates a new schema in the BURSA_TEST_POSTGRES database, opens a
// migrated DB whose search_path is that schema, and drops it afterwards.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	return open(t, PostgresSchema(t))
}

// PostgresSchema creates a new, empty schema in the BURSA_TEST_POSTGRES
// database, drops it when the test ends, and returns a URL whose
// search_path is that schema (for tests that open the database themselves,
// e.g. through a proxy).
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	schema := "t_" + randHex(6)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Logf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens and migrates dsn, closing it when the test ends.
func Open(t testing.TB, dsn string) *db.DB {
	t.Helper()
	return open(t, dsn)
}

func open(t testing.TB, dsn string) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return d
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
