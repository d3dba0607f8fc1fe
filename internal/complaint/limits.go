package complaint

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
)

// Limits on filing, and how long the rows behind the throttles are kept.
//
// Every complaint opens a case with a legal deadline for an inspector, so
// filing is limited per client address and per account over a rolling day.
// Five a day from one address is more than a worker needs (one complaint,
// perhaps a correction and a colleague's on the same phone) and few enough
// that a script cannot bury a regency's inspectors. Many workers behind one
// mobile carrier's address may reach it first; they can file again the next
// day, or from an account. Accounts that are hard to multiply, a seeker with
// a valid AK/1 card (a checked NIK) or a union officer who files for
// members, get 30 a day: a union may file for several workplaces after one
// meeting, and the account itself is the accountable party.
const (
	filingWindow       = 24 * time.Hour
	filingsPerAddress  = 5
	filingsPerAccount  = 5
	filingsPerVerified = 30
	// pinRetention is how long a wrong PIN (a code beside a client
	// address) is kept: the throttle looks back 2×pinLock and no further
	// (UU 27/2022: personal data no longer than its purpose needs).
	pinRetention = 2 * pinLock
)

// LimitError refuses a filing over the daily limit until Until; it is
// fail.TooMany, and Retry-After is Wait.
type LimitError struct {
	Until time.Time
	Wait  time.Duration
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("complaint: filing limit reached, wait %s", e.Wait.Round(time.Second))
}

// Is makes a LimitError a fail.TooMany.
func (e *LimitError) Is(target error) bool { return target == fail.TooMany }

// RetryAfter is how long to wait (fail.Retrier).
func (e *LimitError) RetryAfter() time.Duration { return e.Wait }

// filingHolders are the keys a filing by u from addr counts under, with the
// limit of each: the address (unless the account is trusted, as a union
// office's shared address must not stop its officer) and the account.
func (s *Store) filingHolders(ctx context.Context, u *auth.User, addr string) ([]string, []int, error) {
	var keys []string
	var limits []int
	trusted := false
	if u != nil {
		var err error
		if trusted, err = s.trustedFiler(ctx, u); err != nil {
			return nil, nil, err
		}
		limit := filingsPerAccount
		if trusted {
			limit = filingsPerVerified
		}
		keys, limits = append(keys, s.Box.Hash(strconv.FormatInt(u.ID, 10), "complaint.filing.account")), append(limits, limit)
	}
	if !trusted && addr != "" {
		keys, limits = append(keys, s.Box.Hash(addr, "complaint.filing.addr")), append(limits, filingsPerAddress)
	}
	return keys, limits, nil
}

// trustedFiler: a union officer, or a seeker whose NIK was checked (a valid
// AK/1 card).
func (s *Store) trustedFiler(ctx context.Context, u *auth.User) (bool, error) {
	if unionOfficers.allows(u) {
		return true, nil
	}
	return s.verifiedSeeker(ctx, s.DB, u.ID)
}

// verifiedSeeker reports whether userID is a seeker holding a valid AK/1
// card: issued after the NIK was checked (against the domicile, or by an
// officer against the KTP), not revoked and not expired.
func (s *Store) verifiedSeeker(ctx context.Context, q db.Querier, userID int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM seekers sk JOIN ak1_cards c ON c.seeker_id = sk.id
		WHERE sk.user_id = ? AND NOT c.revoked AND c.valid_until >= ?`, userID, s.today()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("verified seeker %d: %w", userID, err)
	}
	return n > 0, nil
}

// checkFilingLimit refuses with *LimitError when any of keys has reached
// its limit within the window; until then it says nothing.
func (s *Store) checkFilingLimit(ctx context.Context, keys []string, limits []int) error {
	now := s.Now().UTC()
	var until time.Time
	for i, key := range keys {
		rows, err := s.DB.QueryContext(ctx, `SELECT at FROM complaint_filings WHERE holder = ? AND at > ?
			ORDER BY at DESC LIMIT ?`, key, now.Add(-filingWindow), limits[i])
		if err != nil {
			return fmt.Errorf("filing limit: %w", err)
		}
		var ats []time.Time
		for rows.Next() {
			var at time.Time
			if err := rows.Scan(&at); err != nil {
				rows.Close()
				return fmt.Errorf("filing limit: %w", err)
			}
			ats = append(ats, at)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("filing limit: %w", err)
		}
		// Full: the oldest counted filing must leave the window first.
		if len(ats) == limits[i] {
			if u := ats[len(ats)-1].Add(filingWindow); u.After(until) {
				until = u
			}
		}
	}
	if now.Before(until) {
		return &LimitError{Until: until, Wait: until.Sub(now)}
	}
	return nil
}

// recordFiling counts a stored filing under keys, in the filing's
// transaction.
func recordFiling(ctx context.Context, tx *db.Tx, keys []string, at time.Time) error {
	for _, key := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_filings (holder, at) VALUES (?, ?)`, key, at); err != nil {
			return fmt.Errorf("record filing: %w", err)
		}
	}
	return nil
}

// Sweep deletes what the throttles no longer need: wrong PINs older than
// the PIN throttle looks back (with the client address beside a tracking
// code), and filings older than a day. serve runs it periodically; it
// returns how many rows went.
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	now := s.Now().UTC()
	var total int64
	for _, q := range []struct {
		table  string
		before time.Time
	}{
		{"complaint_pin_failures", now.Add(-pinRetention)},
		{"complaint_filings", now.Add(-filingWindow)},
	} {
		res, err := s.DB.ExecContext(ctx, `DELETE FROM `+q.table+` WHERE at < ?`, q.before)
		if err != nil {
			return total, fmt.Errorf("sweep %s: %w", q.table, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("sweep %s: %w", q.table, err)
		}
		total += n
	}
	return total, nil
}
