package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/valid"
)

// ResetPath is the page where a reset code (or the email's link) sets a
// new password.
const ResetPath = "/lupa-sandi/atur"

// RequestReset sends a password reset code to every verified contact of
// the account whose login is login (email: the code and a link to
// ResetPath; phone: the code). The answer is the same whether or not the
// login exists, is not even a phone number or email, has a verified
// contact, or was asked for too often: nil. Only an empty login is a
// valid.Errors, and a database failure an error. An unverified address never gets a code: an
// account with none must be recovered at the office (Assist).
func (s *Store) RequestReset(ctx context.Context, login, clientAddr string) error {
	if strings.TrimSpace(login) == "" {
		return valid.New("login", "required")
	}
	l, ok := auth.ParseLogin(login)
	if !ok {
		// No account can have it: the same answer as for an unknown login
		// (the reset page shows what was typed, so a typo can be seen).
		return nil
	}
	// Counted per login whether or not it exists, so a refusal says nothing
	// about the account; a refusal is silent for the same reason.
	if err := s.throttle(ctx, s.contactHolder("login", l.Key()), s.addrHolder(clientAddr)); err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			s.Log.Info("password reset throttled", "wait", le.Wait)
			return nil
		}
		return err
	}
	u, err := s.Auth.ByLogin(ctx, login)
	if errors.Is(err, db.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	contacts, err := verified(ctx, s.DB, u.ID)
	if err != nil {
		return err
	}
	if len(contacts) == 0 {
		s.Log.Info("password reset for an account without a verified contact", "user", u.ID)
		return nil
	}
	code, token := newCode(), newToken()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := s.issue(ctx, tx, u.ID, forReset, code, token, "", "", "self", 0, ResetTTL); err != nil {
			return err
		}
		minutes := int(ResetTTL.Minutes())
		for _, c := range contacts {
			d := notify.Direct{User: u.ID, Kind: notify.Account, Address: c.Address, Lang: u.Lang,
				Title: "akun.reset.subject", Code: code}
			if c.Kind == "email" {
				path := ResetPath + "?t=" + url.QueryEscape(token)
				d.Channel, d.URL, d.Body = notify.Email, path, "akun.reset.email"
				d.Args = []any{"code", code, "link", s.Notify.Absolute(path), "minutes", minutes}
			} else {
				if d.Channel, err = s.phoneChannel(ctx, tx, u.ID); err != nil {
					return err
				}
				d.Body, d.Args = "akun.reset.phone", []any{"code", code, "minutes", minutes}
			}
			if err := s.Notify.SendDirect(ctx, tx, d); err != nil {
				return fmt.Errorf("reset: %w", err)
			}
		}
		return nil
	})
}

// verified lists user's verified contacts.
func verified(ctx context.Context, q db.Querier, user int64) ([]Contact, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, address FROM contacts WHERE user_id = ? AND verified_at IS NOT NULL ORDER BY kind`, user)
	if err != nil {
		return nil, fmt.Errorf("verified contacts: %w", err)
	}
	defer rows.Close()
	var out []Contact
	for rows.Next() {
		c := Contact{Verified: true}
		if err := rows.Scan(&c.Kind, &c.Address); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ResetInput sets a new password with a reset code: the login and the code
// (from a message, or from a petugas at the office), or the token of the
// email's link instead of both.
type ResetInput struct {
	Login    string
	Code     string
	Token    string
	Password string
	// Repeat is the password typed again, when the form asks for it.
	Repeat *string
}

// errCode is the one answer for every code that does not work: wrong,
// expired, used, spent, or for a login that does not exist.
func errCode() error { return valid.New("code", "code_invalid") }

// cleanCode drops what people type around a code ("123 456", "123-456").
func cleanCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' {
			return -1
		}
		return r
	}, s)
}

// ConfirmReset sets a new password when the code is right: live (30
// minutes), not used, within its tries (a wrong code spends one). The new
// password follows the registration rules; a refused password does not
// spend a try. The reset ends every session of the account, clears its
// login slowdown, and tells the person (inbox and verified contacts).
func (s *Store) ConfirmReset(ctx context.Context, in ResetInput) error {
	var errs valid.Errors
	in.Code = cleanCode(in.Code)
	var r codeRow
	var found bool
	var user int64
	if in.Token != "" {
		var err error
		r, err = s.liveByToken(ctx, s.DB, in.Token)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("reset: %w", err)
		}
		found, user = err == nil, r.User
	} else {
		if in.Login == "" {
			errs.Add("login", "required")
		} else if u, err := s.Auth.ByLogin(ctx, in.Login); err == nil {
			user = u.ID
		} else if !errors.Is(err, db.ErrNotFound) {
			return fmt.Errorf("reset: %w", err)
		}
		if in.Code == "" {
			errs.Add("code", "required")
		}
	}
	// The password first: a refused password spends no try of the code.
	var perr error
	if user != 0 {
		perr = s.Auth.CheckNewPassword(ctx, user, "password", in.Password)
	} else {
		perr = auth.CheckPassword("password", in.Password, in.Login)
	}
	if ve, ok := valid.As(perr); ok {
		errs = append(errs, ve...)
	} else if perr != nil {
		return perr
	}
	if in.Repeat != nil && *in.Repeat != in.Password {
		errs.Add("password2", "password_mismatch")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if in.Token == "" {
		if user == 0 {
			return errCode()
		}
		var err error
		r, err = s.live(ctx, s.DB, user, forReset)
		if errors.Is(err, sql.ErrNoRows) {
			return errCode()
		}
		if err != nil {
			return fmt.Errorf("reset: %w", err)
		}
		ok, err := s.try(ctx, r, forReset, in.Code)
		if err != nil {
			return err
		}
		found = ok
	}
	if !found {
		return errCode()
	}
	hash, err := s.Auth.Passwords.Hash(ctx, in.Password)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if ok, err := s.use(ctx, tx, r); err != nil {
			return err
		} else if !ok {
			return errCode()
		}
		if err := s.Auth.SetPasswordHash(ctx, tx, r.User, hash); err != nil {
			return err
		}
		_, err := s.Notify.Send(ctx, tx, notify.Notice{To: r.User, Kind: notify.Account,
			Title: "akun.reset.done.title", Body: "akun.reset.done.body", URL: "/masuk"})
		return err
	})
}
