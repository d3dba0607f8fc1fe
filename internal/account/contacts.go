package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Contact is an email or phone on an account.
type Contact struct {
	Kind       string // "email" or "phone"
	Address    string
	Verified   bool
	VerifiedAt time.Time
	// Pending: a code was sent and can still be typed; Channel is where.
	Pending bool
	Channel string
}

// Contacts is what the account page shows: the email and the phone (an
// empty Address when none), what to offer for each when none is set (the
// login the person registered with), and what happened to the account that
// the person must know of (a reset by a petugas at the office).
type Contacts struct {
	Email, Phone Contact
	// PrefillEmail and PrefillPhone are offered in the forms: the contact's
	// address, else the login when it is of that kind.
	PrefillEmail, PrefillPhone string
	Events                     []audit.Entry
}

// VerifyInput asks for a code to prove a contact.
type VerifyInput struct {
	Kind    string // "email" or "phone"
	Address string
	// Channel is "whatsapp" (the default) or "sms" for a phone; empty or
	// "email" for an email.
	Channel string
}

// Kinds of contact.
const (
	EmailKind = "email"
	PhoneKind = "phone"
)

// Contacts returns u's contacts for the account page.
func (s *Store) Contacts(ctx context.Context, u *auth.User) (Contacts, error) {
	if u == nil {
		return Contacts{}, auth.ErrLoginRequired
	}
	out := Contacts{Email: Contact{Kind: EmailKind}, Phone: Contact{Kind: PhoneKind}}
	rows, err := s.DB.QueryContext(ctx, `SELECT kind, address, verified_at FROM contacts WHERE user_id = ?`, u.ID)
	if err != nil {
		return out, fmt.Errorf("contacts: %w", err)
	}
	for rows.Next() {
		var c Contact
		var at sql.NullTime
		if err := rows.Scan(&c.Kind, &c.Address, &at); err != nil {
			rows.Close()
			return out, fmt.Errorf("contacts: %w", err)
		}
		c.Verified, c.VerifiedAt = at.Valid, at.Time
		if c.Kind == EmailKind {
			out.Email = c
		} else {
			out.Phone = c
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	for _, c := range []*Contact{&out.Email, &out.Phone} {
		r, err := s.live(ctx, s.DB, u.ID, purpose(c.Kind))
		if err == nil && r.Address == c.Address {
			c.Pending, c.Channel = true, r.Channel
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return out, fmt.Errorf("contacts: %w", err)
		}
	}
	out.PrefillEmail, out.PrefillPhone = out.Email.Address, out.Phone.Address
	if out.PrefillEmail == "" {
		out.PrefillEmail = u.Email
	}
	if out.PrefillPhone == "" {
		out.PrefillPhone = u.Phone
	}
	if out.Events, err = s.events(ctx, u.ID); err != nil {
		return out, err
	}
	return out, nil
}

// normalize checks a VerifyInput and returns the address and channel.
func normalize(in VerifyInput) (string, notify.Channel, error) {
	var errs valid.Errors
	var addr string
	var ch notify.Channel
	switch in.Kind {
	case EmailKind:
		a, ok := auth.NormalizeEmail(in.Address)
		if !ok {
			errs.Add("address", "email_invalid")
		}
		if in.Channel != "" && in.Channel != string(notify.Email) {
			errs.Add("channel", "channel_invalid")
		}
		addr, ch = a, notify.Email
	case PhoneKind:
		a, ok := auth.NormalizePhone(in.Address)
		if !ok {
			errs.Add("address", "phone_invalid")
		}
		switch in.Channel {
		case "", string(notify.WhatsApp):
			ch = notify.WhatsApp
		case string(notify.SMS):
			ch = notify.SMS
		default:
			errs.Add("channel", "channel_invalid")
		}
		addr = a
	default:
		errs.Add("kind", "contact_kind_invalid")
	}
	if strings.TrimSpace(in.Address) == "" && in.Kind != "" {
		errs = valid.Errors{{Field: "address", Code: "required"}}
	}
	return addr, ch, errs.Err()
}

// StartVerify sets u's contact of in.Kind to in.Address (a new address is
// unverified until its code is typed) and sends a 6-digit code there, live
// for 10 minutes. Sends are throttled per contact and per client address
// (*LimitError, 429).
func (s *Store) StartVerify(ctx context.Context, u *auth.User, in VerifyInput, clientAddr string) error {
	if u == nil {
		return auth.ErrLoginRequired
	}
	addr, ch, err := normalize(in)
	if err != nil {
		return err
	}
	if ch, err = s.deliverable(ch); err != nil {
		return err
	}
	if err := s.throttle(ctx, s.contactHolder(in.Kind, addr), s.addrHolder(clientAddr)); err != nil {
		return err
	}
	code := newCode()
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		// Changing the address resets its verification; the same address
		// again keeps it (the person may only be changing the channel).
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, kind) DO UPDATE SET address = excluded.address,
			verified_at = CASE WHEN contacts.address = excluded.address THEN contacts.verified_at END`,
			u.ID, in.Kind, addr, now); err != nil {
			return fmt.Errorf("set contact: %w", err)
		}
		if err := s.issue(ctx, tx, u.ID, purpose(in.Kind), code, "", addr, string(ch), "self", 0, VerifyTTL); err != nil {
			return err
		}
		return s.Notify.SendDirect(ctx, tx, notify.Direct{User: u.ID, Kind: notify.Account, Channel: ch, Address: addr,
			Lang: u.Lang, Title: "akun.verify.subject", Body: "akun.verify.body",
			Args: []any{"code", code, "minutes", int(VerifyTTL.Minutes())}, Code: code})
	})
}

// ConfirmVerify marks u's contact of kind verified when code is the live
// code sent to it, and records the person's consent to be told things on
// the channel the code went by, with its time, when consent is true. A
// wrong code spends one of MaxTries. An address another account has
// verified stays theirs: contact_taken on the address.
func (s *Store) ConfirmVerify(ctx context.Context, u *auth.User, kind, code string, consent bool) (Contact, error) {
	if u == nil {
		return Contact{}, auth.ErrLoginRequired
	}
	if kind != EmailKind && kind != PhoneKind {
		return Contact{}, valid.New("kind", "contact_kind_invalid")
	}
	code = cleanCode(code)
	if code == "" {
		return Contact{}, valid.New("code", "required")
	}
	r, err := s.live(ctx, s.DB, u.ID, purpose(kind))
	if errors.Is(err, sql.ErrNoRows) {
		return Contact{}, valid.New("code", "code_expired")
	}
	if err != nil {
		return Contact{}, fmt.Errorf("confirm: %w", err)
	}
	ok, err := s.try(ctx, r, purpose(kind), code)
	if err != nil {
		return Contact{}, err
	}
	if !ok {
		return Contact{}, valid.New("code", "code_wrong")
	}
	now := s.Now().UTC()
	c := Contact{Kind: kind, Address: r.Address, Verified: true, VerifiedAt: now, Channel: r.Channel}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var other int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM contacts WHERE kind = ? AND address = ? AND user_id <> ?
			AND verified_at IS NOT NULL`, kind, r.Address, u.ID).Scan(&other); err != nil {
			return fmt.Errorf("confirm: %w", err)
		}
		if other > 0 {
			return valid.New("address", "contact_taken")
		}
		if used, err := s.use(ctx, tx, r); err != nil {
			return err
		} else if !used {
			return valid.New("code", "code_expired")
		}
		res, err := tx.ExecContext(ctx, `UPDATE contacts SET verified_at = ? WHERE user_id = ? AND kind = ? AND address = ?`,
			now, u.ID, kind, r.Address)
		if err != nil {
			return fmt.Errorf("confirm: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			// The address was changed after this code was sent.
			return valid.New("code", "code_expired")
		}
		if consent {
			return s.Notify.SetConsent(ctx, tx, u.ID, notify.Channel(r.Channel), true)
		}
		return nil
	})
	if err != nil {
		return Contact{}, err
	}
	return c, nil
}

// events lists what was done to userID's account by someone else that the
// person must see: resets by a petugas at the office.
func (s *Store) events(ctx context.Context, userID int64) ([]audit.Entry, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT a.at, COALESCE(a.actor_id, 0), COALESCE(u.name, ''), a.action, a.detail
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.subject_type = 'seeker' AND a.subject_id IN (SELECT id FROM seekers WHERE user_id = ?) AND a.action = ?
		ORDER BY a.at DESC, a.id DESC LIMIT 20`,
		userID, recoverAction)
	if err != nil {
		return nil, fmt.Errorf("account events: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e := audit.Entry{SubjectType: "seeker"}
		if err := rows.Scan(&e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Detail); err != nil {
			return nil, fmt.Errorf("account events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// deliverable returns the channel a code can go by: ch when its gateway is
// configured, else the other phone channel for a phone (an SMS proves the
// number as well as WhatsApp does). With neither, the person is told
// plainly, before anything is written, to use email or the office.
func (s *Store) deliverable(ch notify.Channel) (notify.Channel, error) {
	if s.Notify.On(ch) {
		return ch, nil
	}
	if ch != notify.Email {
		alt := notify.SMS
		if ch == notify.SMS {
			alt = notify.WhatsApp
		}
		if s.Notify.On(alt) {
			return alt, nil
		}
	}
	return "", valid.New("address", "channel_unavailable", "channel", string(ch))
}
