// Package umkm is the registry of small businesses and their way up a class
// ("UMKM naik kelas"): businesses by NIB with their yearly declarations of
// capital and sales and the evidence named, the class PP 7/2021 gives them,
// every class change (on the public log), the assistance programs the
// cooperatives/SME office runs (capital, certification, marketing,
// training) with seats allocated by the same published rule as training
// seats (internal/alloc), each business's milestones, and the public
// figures with small cells withheld.
package umkm

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Store keeps the registry, the programs and the milestones.
type Store struct {
	DB  *db.DB
	Now func() time.Time
	// Box seals a program's lottery seed until its allocation.
	Box *secret.Box
}

// FirstYear is the first year a declaration may be for: PP 7/2021, whose
// thresholds bursa applies, took effect on 2 February 2021.
const FirstYear = 2021

// MaxAmount bounds declared rupiah amounts: far above any UMKM, it only
// catches a typed amount with extra digits.
const MaxAmount int64 = 1_000_000_000_000_000

// ErrNIBTaken: the NIB is already in the registry under someone else.
var ErrNIBTaken = fail.New(fail.Conflict, "umkm: this NIB is already registered")

// Year is the year a declaration is for unless another is named: the
// current year in WIB (a page's default must agree with the rule).
func (s *Store) Year() int { return wib.Date(s.Now()).Year() }

func amount(errs *valid.Errors, field string, v int64) {
	if v < 0 || v > MaxAmount {
		errs.Add(field, "umkm_amount_invalid")
	}
}

// officer reports whether u runs the office's side (sees every business).
func officer(u *auth.User) bool { return u.Can(auth.ManageUMKM) }

// notFound wraps a missing row as the kind both doors answer 404.
func notFound(what string, id int64, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %d: %w", what, id, fail.NotFound)
	}
	return fmt.Errorf("%s %d: %w", what, id, err)
}
