package db

import (
	"context"
	"fmt"
	"strings"
)

// Bulk inserts many rows into one table with multi-row INSERT statements,
// which is what makes generating a province of a million seekers take
// seconds rather than hours. Rows carry explicit ids; call ResetSequences
// afterwards so later inserts on PostgreSQL continue after them.
type Bulk struct {
	q     Querier
	table string
	cols  []string
	rows  [][]any
	per   int
	after []*Bulk
}

// After makes b flush the given parent inserters before itself, so rows that
// reference a parent's rows (foreign keys) never reach the database first.
func (b *Bulk) After(parents ...*Bulk) *Bulk {
	b.after = append(b.after, parents...)
	return b
}

// NewBulk returns a bulk inserter for table and cols writing through q.
func NewBulk(q Querier, table string, cols ...string) *Bulk {
	// Stay well under SQLite's 32766 and PostgreSQL's 65535 parameters.
	per := 30000 / len(cols)
	if per > 1000 {
		per = 1000
	}
	return &Bulk{q: q, table: table, cols: cols, per: per}
}

// Add queues one row, flushing when a statement is full.
func (b *Bulk) Add(ctx context.Context, vals ...any) error {
	if len(vals) != len(b.cols) {
		return fmt.Errorf("bulk %s: %d values for %d columns", b.table, len(vals), len(b.cols))
	}
	b.rows = append(b.rows, vals)
	if len(b.rows) >= b.per {
		return b.Flush(ctx)
	}
	return nil
}

// Flush writes the queued rows.
func (b *Bulk) Flush(ctx context.Context) error {
	for _, p := range b.after {
		if err := p.Flush(ctx); err != nil {
			return err
		}
	}
	if len(b.rows) == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(b.cols)), ", ") + ")"
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + b.table + " (" + strings.Join(b.cols, ", ") + ") VALUES ")
	args := make([]any, 0, len(b.rows)*len(b.cols))
	for i, r := range b.rows {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(one)
		args = append(args, r...)
	}
	if _, err := b.q.ExecContext(ctx, sb.String(), args...); err != nil {
		return fmt.Errorf("bulk insert %s: %w", b.table, err)
	}
	b.rows = b.rows[:0]
	return nil
}

// ResetSequences moves PostgreSQL identity sequences past the largest id of
// each table (SQLite needs nothing: it always continues after the largest).
func ResetSequences(ctx context.Context, q Querier, tables ...string) error {
	if q.Dialect() != Postgres {
		return nil
	}
	for _, t := range tables {
		if _, err := q.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), COALESCE((SELECT max(id) FROM `+t+`), 0) + 1, false)`); err != nil {
			return fmt.Errorf("reset sequence of %s: %w", t, err)
		}
	}
	return nil
}

// ReplaceSet makes the rows of table whose keyCol is key hold exactly values
// in valCol (a seeker's or a vacancy's skills): it deletes the old set and
// inserts the new one, in q's transaction.
func ReplaceSet(ctx context.Context, q Querier, table, keyCol string, key int64, valCol string, values []string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+keyCol+` = ?`, key); err != nil {
		return fmt.Errorf("replace %s of %d: %w", table, key, err)
	}
	for _, v := range values {
		if _, err := q.ExecContext(ctx, `INSERT INTO `+table+` (`+keyCol+`, `+valCol+`) VALUES (?, ?)`, key, v); err != nil {
			return fmt.Errorf("replace %s of %d: %w", table, key, err)
		}
	}
	return nil
}

// SetInt64s sets column set of table to vals[i] on the row whose key column
// is keys[i], among the rows that also match cond (an SQL condition on the
// table, with its args). It writes up to 500 rows per UPDATE … FROM (VALUES
// …) statement rather than one statement per row: a province-wide training
// round numbers 200,000 applicants inside a transaction that holds the
// transparency log's lock, and every other write on the site waits for it.
// It fails unless the keys are distinct and each matched exactly one row
// (checked per statement: a key matching two rows and another none would
// pass unseen, so key should be unique within cond).
func SetInt64s(ctx context.Context, q Querier, table, set, key string, keys, vals []int64, cond string, condArgs ...any) error {
	if len(keys) != len(vals) {
		return fmt.Errorf("set %s.%s: %d keys for %d values", table, set, len(keys), len(vals))
	}
	// A key given twice would take whichever value its statement ran last,
	// and the row count below could not tell.
	seen := make(map[int64]bool, len(keys))
	for _, k := range keys {
		if seen[k] {
			return fmt.Errorf("set %s.%s: key %d given twice", table, set, k)
		}
		seen[k] = true
	}
	const per = 500
	for start := 0; start < len(keys); start += per {
		end := min(start+per, len(keys))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start)+len(condArgs))
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteString(", ")
			}
			// VALUES columns are column1, column2 on both databases; the
			// casts tell PostgreSQL the parameters' type.
			sb.WriteString("(CAST(? AS BIGINT), CAST(? AS BIGINT))")
			args = append(args, keys[i], vals[i])
		}
		args = append(args, condArgs...)
		res, err := q.ExecContext(ctx, `UPDATE `+table+` SET `+set+` = v.column2 FROM (VALUES `+sb.String()+`) AS v
			WHERE `+table+`.`+key+` = v.column1 AND (`+cond+`)`, args...)
		if err != nil {
			return fmt.Errorf("set %s.%s: %w", table, set, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != int64(end-start) {
			return fmt.Errorf("set %s.%s: %d of %d rows matched", table, set, n, end-start)
		}
	}
	return nil
}
