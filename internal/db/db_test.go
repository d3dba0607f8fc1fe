package db_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/textsearch"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
	}
	for _, tt := range tests {
		if got := db.Rebind(db.Postgres, tt.in); got != tt.want {
			t.Errorf("Rebind(postgres, %q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := db.Rebind(db.SQLite, tt.in); got != tt.in {
			t.Errorf("Rebind(sqlite, %q) = %q, want unchanged", tt.in, got)
		}
	}
}

// TestSchemaSameOnBothDialects proves the one schema really is one: both
// dialects end with the same tables and columns, except the full-text index,
// which is dialect-specific by design.
func TestSchemaSameOnBothDialects(t *testing.T) {
	ctx := context.Background()
	sq, err := dbtest.SQLite(t).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := dbtest.Postgres(t).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	strip := func(m map[string][]string) {
		for k := range m {
			if strings.HasPrefix(k, "vacancy_search") {
				delete(m, k)
			}
		}
	}
	strip(sq)
	strip(pg)
	if !reflect.DeepEqual(sq, pg) {
		for k, v := range sq {
			if !reflect.DeepEqual(v, pg[k]) {
				t.Errorf("table %s: sqlite %v, postgres %v", k, v, pg[k])
			}
		}
		for k := range pg {
			if _, ok := sq[k]; !ok {
				t.Errorf("table %s only in postgres", k)
			}
		}
	}
}

func TestMigrateTwiceAndTx(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := d.Migrate(ctx, nil); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		// A failing transaction leaves nothing behind.
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := db.InsertID(ctx, tx, `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)`, "a@b.test", "A", "x"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx error = %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("users after rollback = %d, %v", n, err)
		}
		// Unique violations are recognised on both dialects.
		for i := 0; i < 2; i++ {
			_, err = d.ExecContext(ctx, `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)`, "a@b.test", "A", "x")
		}
		if !db.IsUniqueViolation(err) {
			t.Fatalf("duplicate insert error %v is not a unique violation", err)
		}
	})
}

func TestSearchIndex(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		idx := db.SearchIndex{Table: "vacancy_search"}
		docs := map[int64][2]string{
			1: {"Operator Forklift", "gudang logistik di Cikupa, SIM B1"},
			2: {"Juru Las SMAW", "pengelasan pipa pabrik baja Cilegon"},
			3: {"Kasir", "toko ritel, shift malam"},
		}
		for id, doc := range docs {
			if err := idx.Put(ctx, d, id, doc[0], doc[1]); err != nil {
				t.Fatal(err)
			}
		}
		// Re-putting replaces, not duplicates.
		if err := idx.Put(ctx, d, 3, "Kasir Toko", "toko ritel, shift malam"); err != nil {
			t.Fatal(err)
		}
		search := func(q string) []int64 {
			m := idx.Match(d.Dialect(), "(SELECT 1 AS id UNION ALL SELECT 2 UNION ALL SELECT 3) x", "x.id", textsearch.Parse(q))
			src := `SELECT x.id FROM ` + m.From
			args := append([]any{}, m.Args...)
			if m.Order != "" {
				src += " ORDER BY " + m.Order + ", x.id"
			} else {
				src += " ORDER BY x.id"
			}
			rows, err := d.QueryContext(ctx, src, args...)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			defer rows.Close()
			var ids []int64
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				ids = append(ids, id)
			}
			return ids
		}
		cases := map[string][]int64{
			"":                  {1, 2, 3},
			"forklift":          {1},
			"las":               {2},
			"cilegon baja":      {2},
			"toko -malam":       nil,
			"kasir":             {3},
			`"pabrik baja"`:     {2},
			"tidakadadimanapun": nil,
		}
		for q, want := range cases {
			if got := search(q); !reflect.DeepEqual(got, want) {
				t.Errorf("search %q = %v, want %v", q, got, want)
			}
		}
	})
}
