package seeker_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// TestMigration0011 converts seekers stored the old way (birth_date and
// nik_masked in clear) on both databases: afterwards the plaintext date and
// the masked NIK are gone, birth_year holds the year, and SealBirthDates
// seals the full date, rebuilt from the sealed NIK, once.
func TestMigration0011(t *testing.T) {
	dbtest.RunBefore(t, 10, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		box, err := secret.New(bytes.Repeat([]byte{7}, secret.KeySize))
		if err != nil {
			t.Fatal(err)
		}
		old := []struct {
			nik, born string
			female    bool
		}{
			{"3604015503000042", "2000-03-15", true},
			{"3671016902960003", "1996-02-29", true},  // a leap day
			{"3673010202580007", "1958-02-02", false}, // the century comes from the stored year
		}
		// Enough more that the table spans many pages, as a real one does:
		// dropped bytes then linger in free space unless it is rewritten.
		for i := 0; i < 400; i++ {
			born := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i)
			old = append(old, struct {
				nik, born string
				female    bool
			}{fmt.Sprintf("360402%s%04d", born.Format("020106"), i+1), born.Format(time.DateOnly), false})
		}
		now := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
		var ids []int64
		for i, o := range old {
			uid, err := db.InsertID(ctx, d, `INSERT INTO users (phone, name, password_hash, created_at) VALUES (?, ?, 'x', ?)`,
				fmt.Sprintf("0812%08d", i), "Lama", now)
			if err != nil {
				t.Fatal(err)
			}
			born, _ := time.Parse(time.DateOnly, o.born)
			id, err := db.InsertID(ctx, d, `INSERT INTO seekers (user_id, nik_enc, nik_hash, nik_masked, full_name, birth_date,
				female, nik_region, domicile_region, education, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				uid, box.Seal([]byte(o.nik), "seeker.nik"), box.Hash(o.nik, "nik"), o.nik[:4]+"********"+o.nik[12:],
				"Lama", born, o.female, o.nik[:4], o.nik[:4], "sma", now, now)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}

		if err := d.Migrate(ctx, nil); err != nil {
			t.Fatal(err)
		}
		cols, err := d.Columns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []string{"birth_date", "nik_masked"} {
			if slices.Contains(cols["seekers"], c) {
				t.Errorf("seekers.%s is still there", c)
			}
		}
		if n, err := seeker.UnsealedBirthDates(ctx, d); err != nil || n != len(old) {
			t.Fatalf("unsealed after the SQL migration: %d %v", n, err)
		}
		s := &seeker.Store{DB: d, Box: box, Now: func() time.Time { return now }}
		if _, err := s.BirthDate(ctx, d, ids[0]); err == nil {
			t.Fatal("a birth date opened before it was sealed")
		}
		if n, err := seeker.SealBirthDates(ctx, d, box); err != nil || n != len(old) {
			t.Fatalf("sealed %d: %v", n, err)
		}
		if n, err := seeker.SealBirthDates(ctx, d, box); err != nil || n != 0 {
			t.Fatalf("second run sealed %d: %v", n, err)
		}
		for i, o := range old {
			sk, err := s.Get(ctx, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			born, err := s.BirthDate(ctx, d, ids[i])
			if err != nil || born.Format(time.DateOnly) != o.born || sk.BirthYear != born.Year() || sk.Female != o.female {
				t.Errorf("%s: born %v (year %d, female %v) %v, want %s", o.nik, born, sk.BirthYear, sk.Female, err, o.born)
			}
		}

		// Nothing of the old plaintext is left in the SQLite file either:
		// SealBirthDates had it rewritten.
		if d.Dialect() == db.SQLite {
			var path string
			if err := d.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
				t.Fatal(err)
			}
			d.Close()
			for _, f := range []string{path, path + "-wal"} {
				b, err := os.ReadFile(f)
				if err != nil {
					continue
				}
				left := 0
				for _, o := range old {
					if bytes.Contains(b, []byte(o.born)) || bytes.Contains(b, []byte(o.nik[:4]+"********")) {
						left++
					}
				}
				if left > 0 {
					t.Errorf("%s still holds the old plaintext of %d seekers", f, left)
				}
			}
		}
	})
}
