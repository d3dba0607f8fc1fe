package auth

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// Login throttling follows OWASP's guidance (Authentication Cheat Sheet,
// "Account lockout" and "Login throttling"): an account is slowed down, never
// locked, so a stranger who knows a login cannot shut its owner out; an
// address that fails too often is locked, whatever logins it tries, so
// spraying many accounts from one place stops; and a device the account has
// logged in from before (a sealed cookie) passes the account's slowdown, so
// the owner gets in while someone elsewhere guesses.
const (
	// throttleWindow is how far back failures count.
	throttleWindow = 15 * time.Minute
	// accountFree is how many failures an account takes before slowing down.
	accountFree = 5
	// accountFirstDelay doubles with each further failure up to accountMaxDelay.
	accountFirstDelay = 15 * time.Second
	accountMaxDelay   = 15 * time.Minute
	// addrMax failures from one address within the window lock the address
	// for the rest of the window.
	addrMax = 20
	// failureRetention is how long a failure row (with its address) is kept:
	// only as long as the throttle needs it (UU 27/2022: no longer than the
	// purpose). Sweep deletes older rows.
	failureRetention = time.Hour
	// deviceTTL is how long a known-device cookie is honoured.
	deviceTTL     = 365 * 24 * time.Hour
	deviceContext = "auth.device/v1"
)

// accountDelay is the wait after n failures of one account within the window.
func accountDelay(n int) time.Duration {
	if n < accountFree {
		return 0
	}
	d := accountFirstDelay
	for i := accountFree; i < n && d < accountMaxDelay; i++ {
		d *= 2
	}
	return min(d, accountMaxDelay)
}

// throttled says until when an attempt for key from addr must wait, or the
// zero time when it may go ahead. known means the attempt comes from a device
// the account logged in from before, which skips the account's slowdown but
// not the address lock.
func (s *Store) throttled(ctx context.Context, key, addr string, known bool, now time.Time) (time.Time, error) {
	since := now.Add(-throttleWindow)
	// The address: addrMax failures inside the window lock it until the
	// oldest of them leaves the window. Attempts while locked are not
	// recorded, so a lock does not extend itself.
	rows, err := s.DB.QueryContext(ctx, `SELECT at FROM login_failures WHERE addr = ? AND at > ?
		ORDER BY at DESC LIMIT ?`, addr, since, addrMax)
	if err != nil {
		return time.Time{}, fmt.Errorf("address failures: %w", err)
	}
	var ats []time.Time
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			rows.Close()
			return time.Time{}, fmt.Errorf("address failures: %w", err)
		}
		ats = append(ats, at)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return time.Time{}, fmt.Errorf("address failures: %w", err)
	}
	if len(ats) == addrMax {
		if until := ats[addrMax-1].Add(throttleWindow); now.Before(until) {
			return until, nil
		}
	}
	if known {
		return time.Time{}, nil
	}
	// The account: slowed down after accountFree failures from anywhere.
	var n int
	var last db.AggTime
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*), MAX(at) FROM login_failures WHERE login = ? AND at > ?`,
		key, since).Scan(&n, &last); err != nil {
		return time.Time{}, fmt.Errorf("account failures: %w", err)
	}
	if until := last.Time.Add(accountDelay(n)); n >= accountFree && now.Before(until) {
		return until, nil
	}
	return time.Time{}, nil
}

// Sweep deletes login failures older than the throttle needs, so client
// addresses are not kept beyond their purpose. serve runs it periodically.
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	res, err := s.DB.ExecContext(ctx, `DELETE FROM login_failures WHERE at < ?`, s.Now().UTC().Add(-failureRetention))
	if err != nil {
		return 0, fmt.Errorf("sweep login failures: %w", err)
	}
	return res.RowsAffected()
}

// DeviceToken returns a sealed token saying userID logged in from this
// device now, for a long-lived cookie; "" when no key is configured.
func (s *Store) DeviceToken(userID int64) string {
	if s.Box == nil {
		return ""
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(userID))
	binary.BigEndian.PutUint64(b[8:], uint64(s.Now().Unix()))
	return base64.RawURLEncoding.EncodeToString(s.Box.Seal(b[:], deviceContext))
}

// knownDevice reports whether token is a device token of userID that is
// still valid. A token cannot be forged or moved to another account: it is
// sealed with the installation's key and names its user.
func (s *Store) knownDevice(token string, userID int64) bool {
	if s.Box == nil || token == "" || len(token) > 200 {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return false
	}
	b, err := s.Box.Open(raw, deviceContext)
	if err != nil || len(b) != 16 || int64(binary.BigEndian.Uint64(b[:8])) != userID {
		return false
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(b[8:])), 0)
	return s.Now().Sub(issued) < deviceTTL
}

// Throttled counts the accounts now slowed down and the addresses now
// locked, for the metrics.
func (s *Store) Throttled(ctx context.Context) (accounts, addrs int, err error) {
	since := s.Now().UTC().Add(-throttleWindow)
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT login FROM login_failures WHERE at > ?
		GROUP BY login HAVING COUNT(*) >= ?) AS slowed`, since, accountFree).Scan(&accounts); err != nil {
		return 0, 0, fmt.Errorf("throttled accounts: %w", err)
	}
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT addr FROM login_failures WHERE at > ?
		GROUP BY addr HAVING COUNT(*) >= ?) AS locked`, since, addrMax).Scan(&addrs); err != nil {
		return 0, 0, fmt.Errorf("throttled addresses: %w", err)
	}
	return accounts, addrs, nil
}
