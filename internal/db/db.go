// Package db opens bursa's database (SQLite or PostgreSQL), runs its embedded
// migrations and hides the few differences between the two dialects, so that
// domain packages write one plain SQL with `?` placeholders.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Dialect names the SQL dialect behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// ErrNotFound is returned (wrapped) by stores when a row does not exist, or
// belongs to another party: it is the fail.NotFound kind itself, so both
// doors answer it the same way.
var ErrNotFound error = fail.NotFound

// DB wraps *sql.DB with its dialect. For SQLite it keeps a separate pool with a
// single connection for writes, so concurrent writers queue in Go instead of
// failing with SQLITE_BUSY (the pattern pocketbase uses).
type DB struct {
	dialect Dialect
	read    *sql.DB
	write   *sql.DB
}

// Open opens dsn: a postgres:// or postgresql:// URL, or else a SQLite file path.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		pool, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		pool.SetMaxOpenConns(20)
		pool.SetMaxIdleConns(20)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		d := &DB{dialect: Postgres, read: pool, write: pool}
		if err := pool.PingContext(ctx); err != nil {
			pool.Close()
			return nil, fmt.Errorf("connect postgres: %w", err)
		}
		return d, nil
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	if path == "" {
		path = "bursa.db"
	}
	// busy_timeout first: the other pragmas may already need the lock.
	params := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	if err := ownerOnly(path); err != nil {
		return nil, err
	}
	readDSN := "file:" + path + sep + params
	writeDSN := readDSN + "&_txlock=immediate"
	write, err := sql.Open("sqlite", writeDSN)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", readDSN)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	// Let SQLite gather the statistics its planner needs, as its docs advise
	// for long-lived connections; without them it picks poor indexes.
	if _, err := write.ExecContext(ctx, `PRAGMA optimize=0x10002`); err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("sqlite optimize: %w", err)
	}
	return &DB{dialect: SQLite, read: read, write: write}, nil
}

// Pools returns the connection pools by name, for metrics: one on
// PostgreSQL, a reader and a single-connection writer on SQLite.
func (d *DB) Pools() map[string]*sql.DB {
	if d.read == d.write {
		return map[string]*sql.DB{"bursa": d.read}
	}
	return map[string]*sql.DB{"bursa_read": d.read, "bursa_write": d.write}
}

// Analyze refreshes the planner's statistics, after a bulk load.
func (d *DB) Analyze(ctx context.Context) error {
	if _, err := d.write.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// Rewrite writes table afresh so that values dropped or overwritten in it
// do not linger in free space: SQLite has VACUUM the whole file (it cannot
// do one table, and leaves old cell bytes in pages a table keeps using),
// PostgreSQL has VACUUM FULL the table. Both lock out writers while they run
// and cannot be inside a transaction, so this is for one-time steps such as
// finishing a migration that dropped personal data. On SQLite a TRUNCATE
// checkpoint then empties the write-ahead log, which held the old pages.
func (d *DB) Rewrite(ctx context.Context, table string) error {
	q := `VACUUM`
	if d.dialect == Postgres {
		q = `VACUUM FULL ` + table
	}
	if _, err := d.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("rewrite %s: %w", table, err)
	}
	if d.dialect == SQLite {
		if _, err := d.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return fmt.Errorf("rewrite %s: checkpoint: %w", table, err)
		}
	}
	return nil
}

// Close closes the pools.
func (d *DB) Close() error {
	err := d.read.Close()
	if d.write != d.read {
		err = errors.Join(err, d.write.Close())
	}
	return err
}

// Ping checks the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.read.PingContext(ctx) }

// Rebind turns `?` placeholders into `$1, $2, …` for PostgreSQL. It skips
// question marks inside single-quoted literals.
func (d *DB) Rebind(q string) string { return Rebind(d.dialect, q) }

// Rebind turns `?` placeholders into the dialect's form.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(fmt.Sprint(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Querier is what both *DB and *Tx offer, so store code can run inside or
// outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	Dialect() Dialect
}

// ExecContext runs a write statement.
func (d *DB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return d.write.ExecContext(ctx, d.Rebind(q), args...)
}

// QueryContext runs a read query.
func (d *DB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return d.read.QueryContext(ctx, d.Rebind(q), args...)
}

// QueryRowContext runs a read query for one row.
func (d *DB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return d.read.QueryRowContext(ctx, d.Rebind(q), args...)
}

// Dialect reports the dialect.
func (d *DB) Dialect() Dialect { return d.dialect }

// Tx is a transaction on the write pool.
type Tx struct {
	tx *sql.Tx
	d  *DB
}

// ExecContext runs a statement in the transaction.
func (t *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.d.Rebind(q), args...)
}

// QueryContext runs a query in the transaction.
func (t *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.Rebind(q), args...)
}

// QueryRowContext runs a one-row query in the transaction.
func (t *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.Rebind(q), args...)
}

// Dialect reports the dialect.
func (t *Tx) Dialect() Dialect { return t.d.dialect }

// InTx runs fn in one transaction: committed when fn returns nil, rolled back
// otherwise, so a multi-row change is all or nothing.
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(&Tx{tx: sqlTx, d: d}); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// InsertID inserts with `q` (which must not end in a RETURNING clause) and
// returns the new row's id column, using RETURNING on both dialects (SQLite
// has supported it since 3.35).
func InsertID(ctx context.Context, q Querier, query string, args ...any) (int64, error) {
	var id int64
	if err := q.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// IsUniqueViolation reports whether err is a unique-constraint failure, on
// either dialect, so stores can turn it into a domain error.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// Unavailable reports whether err says the database could not be reached or
// could not serve now (a closed pool, a refused or broken connection, a
// server shutting down, SQLite busy past its timeout), as opposed to a fault
// in a query. Such a failure is fail.Unavailable: the doors answer 503 with
// Retry-After and never treat it as "no such session".
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08 is "connection exception"; 57P01-57P03 are admin
		// shutdown, crash shutdown and "cannot connect now".
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	if pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	s := err.Error()
	// database/sql's own error for a closed pool is not exported; SQLite's
	// busy and locked errors come as text from the driver.
	return strings.Contains(s, "sql: database is closed") || strings.Contains(s, "database is locked") ||
		strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "unexpected EOF") ||
		strings.Contains(s, "conn closed") || strings.Contains(s, "connection refused")
}

// ownerOnly makes the SQLite file readable by its owner only before SQLite
// opens it: it holds personal data (sealed NIKs beside plaintext names and
// phone numbers), so it gets the same 0600 as the key files. SQLite creates
// the -wal and -shm files with the main file's mode, so they follow; files
// left 0644 by an older version are tightened too.
func ownerOnly(path string) error {
	file, _, _ := strings.Cut(path, "?")
	if file == "" || file == ":memory:" || strings.HasPrefix(file, "file::memory:") {
		return nil
	}
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open sqlite %s: %w", file, err)
	}
	f.Close()
	for _, p := range []string{file, file + "-wal", file + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(p, 0o600); err != nil {
				return fmt.Errorf("restrict %s: %w", p, err)
			}
		}
	}
	return nil
}
