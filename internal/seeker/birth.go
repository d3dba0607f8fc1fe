package seeker

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The birth date is half of what a NIK encodes (digits 7–12), so it is
// sealed like the NIK: seekers.birth_enc holds it, seekers.birth_year is the
// only part in clear (age statistics and filters). See docs/privacy.md for
// what that leaves to guess.

// BirthContext binds a sealed birth date to seekers.birth_enc. It differs
// from the NIK's "seeker.nik", so neither ciphertext opens as the other.
const BirthContext = "seeker.birth_date"

// ErrBirthUnsealed means a seeker's birth date has not been sealed yet:
// migration 0011 left it for SealBirthDates, which has not run on this
// database.
var ErrBirthUnsealed = errors.New("seeker: birth date not sealed yet (run `bursa migrate`)")

// SealBirthDate seals civil date d for seekers.birth_enc.
func SealBirthDate(box *secret.Box, d time.Time) []byte {
	return box.Seal([]byte(d.Format(time.DateOnly)), BirthContext)
}

// OpenBirthDate opens a seekers.birth_enc value.
func OpenBirthDate(box *secret.Box, enc []byte) (time.Time, error) {
	if enc == nil {
		return time.Time{}, ErrBirthUnsealed
	}
	pt, err := box.Open(enc, BirthContext)
	if err != nil {
		return time.Time{}, fmt.Errorf("birth date: %w", err)
	}
	d, err := time.Parse(time.DateOnly, string(pt))
	if err != nil {
		return time.Time{}, fmt.Errorf("birth date: %w", err)
	}
	return d, nil
}

// BirthDate opens the full birth date of seeker id, read through q. It is
// for the seeker's own pages, the officer who checks their KTP, and rules
// that need an exact age on a given day (training priority classes); a
// third party is shown at most AgeInYear.
func (s *Store) BirthDate(ctx context.Context, q db.Querier, id int64) (time.Time, error) {
	var enc []byte
	err := q.QueryRowContext(ctx, `SELECT birth_enc FROM seekers WHERE id = ?`, id).Scan(&enc)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, fmt.Errorf("birth date of seeker %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("birth date of seeker %d: %w", id, err)
	}
	d, err := OpenBirthDate(s.Box, enc)
	if err != nil {
		return time.Time{}, fmt.Errorf("seeker %d: %w", id, err)
	}
	return d, nil
}

// AgeInYear is the age someone born in birthYear reaches in the WIB
// calendar year of t: their age in whole years, or one more before their
// birthday. It is what third parties (employers) are shown: an exact age
// changes on the birthday, so looking twice would give the date away, and
// the year is all an age filter needs.
func AgeInYear(birthYear int, t time.Time) int { return wib.Date(t).Year() - birthYear }

// sealBatch is how many birth dates SealBirthDates seals per transaction.
const sealBatch = 500

// SealBirthDates seals the birth date of every seeker who has none yet
// (those registered before migration 0011, which could not seal in SQL) and
// returns how many it sealed. The date is rebuilt from the sealed NIK's day
// and month and the stored birth_year, which kept the century ParseNIK chose
// at registration. It is idempotent, and safe when several processes start
// at once: each row is written only while still empty, with the same date
// whoever writes it. When it sealed any (a database just upgraded), it has
// the seekers table rewritten, so the dropped plaintext dates and masked
// NIKs do not stay readable in the file's free space.
func SealBirthDates(ctx context.Context, d *db.DB, box *secret.Box) (int, error) {
	n, err := sealBirthDates(ctx, d, box)
	if err != nil || n == 0 {
		return n, err
	}
	return n, d.Rewrite(ctx, "seekers")
}

func sealBirthDates(ctx context.Context, d *db.DB, box *secret.Box) (int, error) {
	total := 0
	for {
		n := 0
		err := d.InTx(ctx, func(tx *db.Tx) error {
			type row struct {
				id   int64
				nik  []byte
				year int
			}
			rows, err := tx.QueryContext(ctx, `SELECT id, nik_enc, birth_year FROM seekers WHERE birth_enc IS NULL
				ORDER BY id LIMIT ?`, sealBatch)
			if err != nil {
				return err
			}
			var todo []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.nik, &r.year); err != nil {
					rows.Close()
					return err
				}
				todo = append(todo, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range todo {
				nik, err := box.Open(r.nik, "seeker.nik")
				if err != nil {
					return fmt.Errorf("seeker %d: NIK: %w", r.id, err)
				}
				born, err := ref.BirthDateIn(string(nik), r.year)
				if err != nil {
					return fmt.Errorf("seeker %d: birth date from NIK and year %d: %w", r.id, r.year, err)
				}
				if _, err := tx.ExecContext(ctx, `UPDATE seekers SET birth_enc = ? WHERE id = ? AND birth_enc IS NULL`,
					SealBirthDate(box, born), r.id); err != nil {
					return fmt.Errorf("seeker %d: %w", r.id, err)
				}
			}
			n = len(todo)
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("seal birth dates: %w", err)
		}
		total += n
		if n < sealBatch {
			return total, nil
		}
	}
}

// UnsealedBirthDates counts the seekers whose birth date SealBirthDates has
// still to seal, so `bursa migrate` loads the key only when there is work.
func UnsealedBirthDates(ctx context.Context, q db.Querier) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM seekers WHERE birth_enc IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("unsealed birth dates: %w", err)
	}
	return n, nil
}
