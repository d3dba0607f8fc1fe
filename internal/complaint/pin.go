package complaint

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
)

// Tracking codes and PINs: how a complainant without an account follows
// their complaint, and the throttle on wrong PINs.

// PIN rules: 6–12 digits, not one digit repeated nor a straight run.
const (
	minPIN = 6
	maxPIN = 12
)

// PINProblem returns the message code of what is wrong with a PIN a
// reporter chose (pin_invalid, pin_weak), or "".
func PINProblem(pin string) string {
	if len(pin) < minPIN || len(pin) > maxPIN {
		return "pin_invalid"
	}
	for i := 0; i < len(pin); i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return "pin_invalid"
		}
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		same = same && d == 0
		up = up && (d == 1 || d == -9)
		down = down && (d == -1 || d == 9)
	}
	if same || up || down {
		return "pin_weak"
	}
	return ""
}

// NormalizeCode reads a tracking code as people type it ("bk 7q4m 2xrt",
// "BK7Q4M2XRT", with O for 0 or I/L for 1) into "BK-7Q4M-2XRT".
func NormalizeCode(s string) (string, bool) {
	if len(s) > 64 {
		return "", false
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '.' || r == '_':
		case r == 'O':
			b.WriteByte('0')
		case r == 'I' || r == 'L':
			b.WriteByte('1')
		case r < 128 && strings.ContainsRune(codeAlphabet, r):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	c := b.String()
	// The prefix BK may have been typed as 8K.
	if len(c) != 10 || (c[:2] != "BK" && c[:2] != "8K") {
		return "", false
	}
	return "BK-" + c[2:6] + "-" + c[6:], true
}

// Throttle of wrong PINs, like the login throttle: after 5 failures within
// 15 minutes, for one code (from anywhere) or from one address (for any
// code), further attempts are refused for 15 minutes.
const (
	maxPINFailures = 5
	pinLock        = 15 * time.Minute
)

type complaintRef struct {
	id     int64
	caseID int64
}

// checkPIN finds the complaint with code and checks its PIN, throttled.
func (s *Store) checkPIN(ctx context.Context, code, pin, addr string) (complaintRef, error) {
	key, ok := NormalizeCode(code)
	if !ok {
		key = strings.ToUpper(strings.TrimSpace(code))
		if len(key) > 32 {
			key = key[:32]
		}
	}
	now := s.Now().UTC()
	// A locked check records nothing, so knocking while locked does not keep
	// the owner locked out for ever.
	if until, locked, err := s.pinLocked(ctx, key, addr, now); err != nil {
		return complaintRef{}, err
	} else if locked {
		return complaintRef{}, &auth.LockedError{Until: until, Wait: until.Sub(now)}
	}
	// The attempt is recorded before the slow check, as a failure until it
	// succeeds: parallel guesses each see the others, so no more than the
	// limit are ever checked in a window.
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO complaint_pin_failures (code, addr, at) VALUES (?, ?, ?)`, key, addr, now); err != nil {
		return complaintRef{}, fmt.Errorf("record PIN attempt: %w", err)
	}
	if until, locked, err := s.pinLockedAt(ctx, key, addr, now, 1); err != nil {
		return complaintRef{}, err
	} else if locked {
		return complaintRef{}, &auth.LockedError{Until: until, Wait: until.Sub(now)}
	}
	var c complaintRef
	var hash string
	err := s.DB.QueryRowContext(ctx, `SELECT id, COALESCE(case_id, 0), pin_hash FROM complaints WHERE code = ?`, key).
		Scan(&c.id, &c.caseID, &hash)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && hash == "") {
		// Spend the time of a real check, so timing does not tell which
		// codes exist.
		_, _ = s.passwords().Hash(ctx, pin)
		return complaintRef{}, s.pinFail(ctx, key, addr, now)
	}
	if err != nil {
		return complaintRef{}, fmt.Errorf("track %s: %w", key, err)
	}
	match, err := s.passwords().Verify(ctx, hash, pin)
	if err != nil || !match {
		return complaintRef{}, s.pinFail(ctx, key, addr, now)
	}
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM complaint_pin_failures WHERE code = ? AND addr = ?`, key, addr); err != nil {
		return complaintRef{}, fmt.Errorf("clear PIN failures: %w", err)
	}
	return c, nil
}

// pinFail answers a wrong PIN; the attempt was recorded before the check.
func (s *Store) pinFail(ctx context.Context, key, addr string, now time.Time) error {
	if until, locked, err := s.pinLocked(ctx, key, addr, now); err == nil && locked {
		return &auth.LockedError{Until: until, Wait: until.Sub(now)}
	}
	return ErrBadPIN
}

// pinLocked: locked when the last 5 failures for the code, or from the
// address, fall within 15 minutes, until 15 minutes after the last.
// Attempts while locked are not recorded, so a lock does not extend itself.
func (s *Store) pinLocked(ctx context.Context, code, addr string, now time.Time) (time.Time, bool, error) {
	return s.pinLockedAt(ctx, code, addr, now, 0)
}

// pinLockedAt reports a lock once maxPINFailures (plus extra, for a check
// that counts its own attempt) fall within pinLock, for the code from any
// address or for the address on any code.
func (s *Store) pinLockedAt(ctx context.Context, code, addr string, now time.Time, extra int) (time.Time, bool, error) {
	var until time.Time
	for _, k := range []struct {
		where string
		args  []any
		n     int
	}{
		{"code = ?", []any{code}, maxPINFailures},
		{"addr = ?", []any{addr}, maxPINFailures},
	} {
		n := k.n + extra
		rows, err := s.DB.QueryContext(ctx, `SELECT at FROM complaint_pin_failures WHERE `+k.where+` AND at > ?
			ORDER BY at DESC LIMIT ?`, append(k.args, now.Add(-2*pinLock), n)...)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("PIN failures: %w", err)
		}
		var ats []time.Time
		for rows.Next() {
			var at time.Time
			if err := rows.Scan(&at); err != nil {
				rows.Close()
				return time.Time{}, false, err
			}
			ats = append(ats, at)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return time.Time{}, false, err
		}
		if len(ats) == n && ats[0].Sub(ats[n-1]) <= pinLock {
			if u := ats[0].Add(pinLock); u.After(until) {
				until = u
			}
		}
	}
	return until, now.Before(until), nil
}
