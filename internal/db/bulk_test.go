package db_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

func scratch(t testing.TB, d *db.DB, rows int) {
	t.Helper()
	ctx := context.Background()
	if _, err := d.ExecContext(ctx, `CREATE TABLE scratch (id BIGINT PRIMARY KEY, grp BIGINT NOT NULL, n BIGINT NOT NULL DEFAULT 0)`); err != nil {
		t.Fatal(err)
	}
	b := db.NewBulk(d, "scratch", "id", "grp")
	for i := range rows {
		if err := b.Add(ctx, int64(i+1), int64(i%2)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestSetInt64s numbers more rows than one statement holds, only within the
// condition, and fails when a key matches nothing.
func TestSetInt64s(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		scratch(t, d, 2400)
		var keys, vals []int64
		for id := int64(2); id <= 2400; id += 2 { // group 1: the odd positions
			keys, vals = append(keys, id), append(vals, 10*id)
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			return db.SetInt64s(ctx, tx, "scratch", "n", "id", keys, vals, "grp = ?", 1)
		}); err != nil {
			t.Fatal(err)
		}
		var wrong, set int
		d.QueryRowContext(ctx, `SELECT count(*) FROM scratch WHERE grp = 1 AND n <> 10 * id`).Scan(&wrong)
		d.QueryRowContext(ctx, `SELECT count(*) FROM scratch WHERE n <> 0`).Scan(&set)
		if wrong != 0 || set != 1200 {
			t.Fatalf("%d rows wrong, %d set, want 0 and 1200", wrong, set)
		}
		// A key outside the condition fails the call, and the transaction
		// keeps nothing of it.
		err := d.InTx(ctx, func(tx *db.Tx) error {
			return db.SetInt64s(ctx, tx, "scratch", "n", "id", []int64{2, 3}, []int64{-1, -1}, "grp = ?", 1)
		})
		if err == nil || !strings.Contains(err.Error(), "1 of 2 rows") {
			t.Fatalf("key outside the condition: %v", err)
		}
		if err := db.SetInt64s(ctx, d, "scratch", "n", "id", []int64{2, 4, 2}, []int64{1, 2, 3}, "grp = ?", 1); err == nil ||
			!strings.Contains(err.Error(), "given twice") {
			t.Fatalf("a key given twice: %v", err)
		}
		// The condition is one term, even with OR in it.
		if err := db.SetInt64s(ctx, d, "scratch", "n", "id", []int64{3}, []int64{-1}, "grp = ? OR grp = ?", 5, 1); err == nil {
			t.Fatal("a key outside an OR condition was set")
		}
		var n int64
		d.QueryRowContext(ctx, `SELECT n FROM scratch WHERE id = 2`).Scan(&n)
		if n != 20 {
			t.Fatalf("row 2 = %d after a failed call", n)
		}
	})
}

// BenchmarkNumberRows numbers 20,000 rows in a transaction, one UPDATE per
// row against SetInt64s, on SQLite and (with BURSA_TEST_POSTGRES) PostgreSQL.
func BenchmarkNumberRows(b *testing.B) {
	const rows = 20_000
	dbs := map[string]func(testing.TB) *db.DB{"sqlite": dbtest.SQLite}
	if dbtest.PostgresURL(b) != "" {
		dbs["postgres"] = dbtest.Postgres
	}
	for name, open := range dbs {
		d := open(b)
		scratch(b, d, rows)
		keys, vals := make([]int64, rows), make([]int64, rows)
		for i := range keys {
			keys[i], vals[i] = int64(i+1), int64(i)
		}
		ctx := context.Background()
		b.Run(fmt.Sprintf("%s/per-row", name), func(b *testing.B) {
			for b.Loop() {
				d.InTx(ctx, func(tx *db.Tx) error {
					for i := range keys {
						if _, err := tx.ExecContext(ctx, `UPDATE scratch SET n = ? WHERE id = ? AND grp >= ?`, vals[i], keys[i], 0); err != nil {
							return err
						}
					}
					return nil
				})
			}
		})
		b.Run(fmt.Sprintf("%s/SetInt64s", name), func(b *testing.B) {
			for b.Loop() {
				if err := d.InTx(ctx, func(tx *db.Tx) error {
					return db.SetInt64s(ctx, tx, "scratch", "n", "id", keys, vals, "grp >= ?", 0)
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
