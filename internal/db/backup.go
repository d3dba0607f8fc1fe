package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// VacuumInto writes a consistent copy of a SQLite database to path, which
// must not exist, while other connections and processes go on reading and
// writing: SQLite copies one read transaction's snapshot.
func (d *DB) VacuumInto(ctx context.Context, path string) error {
	if d.dialect != SQLite {
		return errors.New("VACUUM INTO is SQLite's")
	}
	if _, err := d.read.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("vacuum into %s: %w", path, err)
	}
	return nil
}

// Snapshot runs fn in a read-only REPEATABLE READ transaction on
// PostgreSQL whose snapshot it exports (pg_export_snapshot), so that another
// session (pg_dump --snapshot=ID) sees exactly what fn reads. The snapshot
// lives until fn returns.
func (d *DB) Snapshot(ctx context.Context, fn func(q Querier, id string) error) error {
	if d.dialect != Postgres {
		return errors.New("exported snapshots are PostgreSQL's")
	}
	conn, err := d.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer tx.Rollback()
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&id); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return fn(&Tx{tx: tx, d: d}, id)
}
