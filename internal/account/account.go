// Package account is what a person does to their account beyond logging in:
// creating it (both doors, one rule), proving they hold the phone or the
// mailbox on it, getting back in with a code sent there when the password is
// forgotten, and — for a worker without a working phone — getting back in at
// the labour office after a petugas checked their KTP.
//
// Every code is six digits, stored only as a keyed hash (secret.Box.Hash),
// live for a short time and a few tries, and sent through the notify
// outbox (SendDirect, kind Account) to an address, never shown in the inbox.
// Sends are throttled per contact or login and per client address.
package account

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// Store holds the account rules over the users, contacts and codes tables.
type Store struct {
	DB      *db.DB
	Auth    *auth.Store
	Notify  *notify.Store
	Seekers *seeker.Store
	Box     *secret.Box
	Now     func() time.Time
	Log     *slog.Logger
}

// Lifetimes and tries of codes.
const (
	// VerifyTTL is how long a contact's verification code lives.
	VerifyTTL = 10 * time.Minute
	// ResetTTL is how long a password reset code or link lives.
	ResetTTL = 30 * time.Minute
	// MaxTries is how many codes may be typed against one code before it is
	// spent: a 6-digit code guessed 5 times is found once in 200 000.
	MaxTries = 5
)

// purpose is what a code is for.
type purpose string

const (
	forEmail purpose = "email"
	forPhone purpose = "phone"
	forReset purpose = "reset"
)

// newCode returns a uniformly random 6-digit code.
func newCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// newToken returns a random link token (256 bits).
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Store) codeHash(user int64, p purpose, code string) string {
	return s.Box.Hash(strconv.FormatInt(user, 10)+":"+string(p)+":"+code, "account.code")
}

func (s *Store) tokenHash(token string) string { return s.Box.Hash(token, "account.reset.token") }

// codeRow is one stored code.
type codeRow struct {
	ID      int64
	User    int64
	Address string
	Channel string
	Origin  string
	hash    string
}

// issue ends every live code of user for p and stores a new one in q, with
// its code (and link token, for resets) hashed.
func (s *Store) issue(ctx context.Context, q db.Querier, user int64, p purpose, code, token, address, channel, origin string,
	issuedBy int64, ttl time.Duration) error {
	now := s.Now().UTC()
	// The old codes expire now (used_at stays for a code that was typed).
	if _, err := q.ExecContext(ctx, `UPDATE account_codes SET expires_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL
		AND expires_at > ?`, now, user, string(p), now); err != nil {
		return fmt.Errorf("end old codes: %w", err)
	}
	var tok, by any
	if token != "" {
		tok = s.tokenHash(token)
	}
	if issuedBy != 0 {
		by = issuedBy
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO account_codes (user_id, purpose, address, channel, code_hash, token_hash, origin, issued_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, user, string(p), address, channel, s.codeHash(user, p, code), tok, origin, by,
		now, now.Add(ttl)); err != nil {
		return fmt.Errorf("store code: %w", err)
	}
	return nil
}

// live returns user's live code for p (sql.ErrNoRows when none).
func (s *Store) live(ctx context.Context, q db.Querier, user int64, p purpose) (codeRow, error) {
	r := codeRow{User: user}
	err := q.QueryRowContext(ctx, `SELECT id, address, channel, origin, code_hash FROM account_codes
		WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND tries < ? AND expires_at > ?
		ORDER BY id DESC LIMIT 1`, user, string(p), MaxTries, s.Now().UTC()).Scan(&r.ID, &r.Address, &r.Channel, &r.Origin, &r.hash)
	return r, err
}

// liveByToken returns the live reset code whose link token is token.
func (s *Store) liveByToken(ctx context.Context, q db.Querier, token string) (codeRow, error) {
	var r codeRow
	err := q.QueryRowContext(ctx, `SELECT id, user_id, address, channel, origin, code_hash FROM account_codes
		WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?`,
		s.tokenHash(token), string(forReset), s.Now().UTC()).Scan(&r.ID, &r.User, &r.Address, &r.Channel, &r.Origin, &r.hash)
	return r, err
}

// try counts one typed code against r and reports whether it matched. The
// try is counted first, in its own statement, so that guesses sent at the
// same moment cannot get past MaxTries between a read and a write.
func (s *Store) try(ctx context.Context, r codeRow, p purpose, code string) (bool, error) {
	res, err := s.DB.ExecContext(ctx, `UPDATE account_codes SET tries = tries + 1 WHERE id = ? AND tries < ? AND used_at IS NULL`,
		r.ID, MaxTries)
	if err != nil {
		return false, fmt.Errorf("count try: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return hmac.Equal([]byte(r.hash), []byte(s.codeHash(r.User, p, code))), nil
}

// use marks r used in q; false when another request used it first.
func (s *Store) use(ctx context.Context, q db.Querier, r codeRow) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE account_codes SET used_at = ? WHERE id = ? AND used_at IS NULL`, s.Now().UTC(), r.ID)
	if err != nil {
		return false, fmt.Errorf("use code: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// LimitError refuses a send until Until: too many codes were asked for one
// contact, or from one address. It is fail.TooMany (429 with Retry-After).
type LimitError struct {
	Until time.Time
	Wait  time.Duration
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("account: too many codes, wait %s", e.Wait.Round(time.Second))
}

// Is makes a LimitError a fail.TooMany.
func (e *LimitError) Is(target error) bool { return target == fail.TooMany }

// RetryAfter is how long to wait (fail.Retrier).
func (e *LimitError) RetryAfter() time.Duration { return max(e.Wait, time.Second) }

// limit is n sends within window.
type limit struct {
	n      int
	window time.Duration
}

var (
	// perContact: a person waiting for a slow SMS asks again once or twice;
	// more is someone using bursa to flood a number or a mailbox.
	perContact = []limit{{3, 15 * time.Minute}, {10, 24 * time.Hour}}
	// perAddr: one client address (a shared office, a carrier's NAT) may
	// serve many people, so it gets more, but a script from one place stops.
	perAddr = []limit{{20, 15 * time.Minute}, {60, 24 * time.Hour}}
)

// sendRetention is how long send rows are kept: as long as the longest
// window looks back.
const sendRetention = 24 * time.Hour

type holder struct {
	key    string
	limits []limit
}

func (s *Store) contactHolder(kind, address string) holder {
	return holder{s.Box.Hash(kind+":"+address, "account.send.contact"), perContact}
}

func (s *Store) addrHolder(addr string) holder {
	return holder{s.Box.Hash(addr, "account.send.addr"), perAddr}
}

// throttle checks every holder and, when none is over its limits, records
// one send against each. Over a limit it returns a *LimitError and records
// nothing, so waiting is enough to be let through again.
func (s *Store) throttle(ctx context.Context, hs ...holder) error {
	now := s.Now().UTC()
	var until time.Time
	for _, h := range hs {
		for _, l := range h.limits {
			var n int
			var oldest db.AggTime
			// The l.n newest sends within the window: when there are l.n of
			// them, the next is allowed once the oldest of these leaves it.
			err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*), MIN(at) FROM (SELECT at FROM account_sends
				WHERE holder = ? AND at > ? ORDER BY at DESC LIMIT ?) AS recent`, h.key, now.Add(-l.window), l.n).Scan(&n, &oldest)
			if err != nil {
				return fmt.Errorf("throttle: %w", err)
			}
			if n >= l.n {
				if u := oldest.Time.Add(l.window); u.After(until) {
					until = u
				}
			}
		}
	}
	if !until.IsZero() {
		return &LimitError{Until: until, Wait: until.Sub(now)}
	}
	for _, h := range hs {
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO account_sends (holder, at) VALUES (?, ?)`, h.key, now); err != nil {
			return fmt.Errorf("record send: %w", err)
		}
	}
	return nil
}

// Sweep deletes send rows older than the throttle needs and codes that
// ended more than a day ago (UU 27/2022: no longer than the purpose).
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	now := s.Now().UTC()
	a, err := s.DB.ExecContext(ctx, `DELETE FROM account_sends WHERE at < ?`, now.Add(-sendRetention))
	if err != nil {
		return 0, fmt.Errorf("sweep sends: %w", err)
	}
	b, err := s.DB.ExecContext(ctx, `DELETE FROM account_codes WHERE expires_at < ?`, now.Add(-24*time.Hour))
	if err != nil {
		return 0, fmt.Errorf("sweep codes: %w", err)
	}
	na, _ := a.RowsAffected()
	nb, _ := b.RowsAffected()
	return na + nb, nil
}

// phoneChannel is the phone channel account messages to user go by: the
// one the person consented to (as notify routes account notices), else
// the one they verified the phone over, else WhatsApp.
func (s *Store) phoneChannel(ctx context.Context, q db.Querier, user int64) (notify.Channel, error) {
	rows, err := q.QueryContext(ctx, `SELECT channel, granted FROM consents WHERE user_id = ? ORDER BY at, id`, user)
	if err != nil {
		return "", fmt.Errorf("consents: %w", err)
	}
	consent := map[string]bool{}
	for rows.Next() {
		var c string
		var g bool
		if err := rows.Scan(&c, &g); err != nil {
			rows.Close()
			return "", err
		}
		consent[c] = g
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch {
	case consent[string(notify.WhatsApp)]:
		return notify.WhatsApp, nil
	case consent[string(notify.SMS)]:
		return notify.SMS, nil
	}
	var c string
	err = q.QueryRowContext(ctx, `SELECT channel FROM account_codes WHERE user_id = ? AND purpose = ? AND used_at IS NOT NULL
		AND channel <> '' ORDER BY used_at DESC, id DESC LIMIT 1`, user, string(forPhone)).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) || c != string(notify.SMS) {
		return notify.WhatsApp, nil
	}
	if err != nil {
		return "", fmt.Errorf("phone channel: %w", err)
	}
	return notify.SMS, nil
}
