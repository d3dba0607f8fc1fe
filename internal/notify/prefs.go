package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
)

// Contact is an address on an account.
type Contact struct {
	Kind     string // email or phone
	Address  string
	Verified bool
}

// Choice is one kind's setting on one channel.
type Choice struct {
	Kind    Kind
	Channel Channel
	On      bool
}

// Settings is what the preferences screen shows: the person's contacts, the
// consent per channel, and a choice per kind (for the person's roles) and
// channel.
type Settings struct {
	Contacts []Contact
	Consent  map[Channel]bool
	Kinds    []Kind
	Choices  map[Kind]map[Channel]bool
	// Cadence is how often bundled kinds (Bundled) arrive.
	Cadence map[Kind]Cadence
}

// Cadence is how often a bundled kind arrives.
type Cadence string

const (
	Now    Cadence = "now"
	Hourly Cadence = "hourly"
	Daily  Cadence = "daily"
)

// Bundled are the kinds whose notices can come as an hourly or daily digest.
var Bundled = []Kind{Applicants}

// ParseCadence reads a cadence.
func ParseCadence(s string) (Cadence, bool) {
	switch c := Cadence(s); c {
	case Now, Hourly, Daily:
		return c, true
	}
	return "", false
}

// CadenceOf returns user's cadence for kind k (Now when never chosen).
func (s *Store) CadenceOf(ctx context.Context, q db.Querier, user int64, k Kind) (Cadence, error) {
	var c string
	err := q.QueryRowContext(ctx, `SELECT cadence FROM notify_cadence WHERE user_id = ? AND kind = ?`, user, string(k)).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return Now, nil
	}
	if err != nil {
		return "", fmt.Errorf("cadence: %w", err)
	}
	return Cadence(c), nil
}

// SetCadence stores u's cadence for a bundled kind.
func (s *Store) SetCadence(ctx context.Context, u *auth.User, k Kind, c Cadence) error {
	if !slices.Contains(Bundled, k) {
		return fmt.Errorf("notify: kind %q is not bundled", k)
	}
	if _, ok := ParseCadence(string(c)); !ok {
		return fmt.Errorf("notify: unknown cadence %q", c)
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO notify_cadence (user_id, kind, cadence, changed_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, kind) DO UPDATE SET cadence = excluded.cadence, changed_at = excluded.changed_at`,
		u.ID, string(k), string(c), s.Now().UTC())
	if err != nil {
		return fmt.Errorf("set cadence: %w", err)
	}
	return nil
}

// KindsFor lists the kinds that concern u.
func KindsFor(u *auth.User) []Kind {
	var out []Kind
	for _, k := range Kinds {
		if len(k.Roles) == 0 {
			out = append(out, k.Kind)
			continue
		}
		for _, r := range k.Roles {
			if u.Has(r) {
				out = append(out, k.Kind)
				break
			}
		}
	}
	return out
}

// Settings returns u's notification settings.
func (s *Store) Settings(ctx context.Context, u *auth.User) (Settings, error) {
	out := Settings{Kinds: KindsFor(u), Choices: map[Kind]map[Channel]bool{}, Cadence: map[Kind]Cadence{}}
	for _, k := range Bundled {
		if slices.Contains(out.Kinds, k) {
			c, err := s.CadenceOf(ctx, s.DB, u.ID, k)
			if err != nil {
				return out, err
			}
			out.Cadence[k] = c
		}
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT kind, address, verified_at IS NOT NULL FROM contacts WHERE user_id = ? ORDER BY kind`, u.ID)
	if err != nil {
		return out, fmt.Errorf("settings: %w", err)
	}
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.Kind, &c.Address, &c.Verified); err != nil {
			rows.Close()
			return out, err
		}
		out.Contacts = append(out.Contacts, c)
	}
	rows.Close()
	if out.Consent, err = s.consents(ctx, s.DB, u.ID); err != nil {
		return out, err
	}
	for _, k := range out.Kinds {
		out.Choices[k] = map[Channel]bool{}
		for _, c := range Channels {
			out.Choices[k][c] = DefaultOn(k, c)
		}
	}
	rows, err = s.DB.QueryContext(ctx, `SELECT kind, channel, enabled FROM notify_prefs WHERE user_id = ?`, u.ID)
	if err != nil {
		return out, fmt.Errorf("settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, c string
		var on bool
		if err := rows.Scan(&k, &c, &on); err != nil {
			return out, err
		}
		if m := out.Choices[Kind(k)]; m != nil {
			m[Channel(c)] = on
		}
	}
	return out, rows.Err()
}

// SetChoices stores u's choices (kinds that cannot be chosen are refused).
func (s *Store) SetChoices(ctx context.Context, u *auth.User, choices []Choice) error {
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		for _, c := range choices {
			if _, ok := Info(c.Kind); !ok {
				return fmt.Errorf("notify: kind %q cannot be chosen", c.Kind)
			}
			if c.Channel == Inbox {
				continue // the inbox always holds everything
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO notify_prefs (user_id, kind, channel, enabled, changed_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at`,
				u.ID, string(c.Kind), string(c.Channel), c.On, now); err != nil {
				return fmt.Errorf("set choice: %w", err)
			}
		}
		return nil
	})
}

// SetConsent records u giving or withdrawing consent to channel c, with its
// time, in q. Recording the same choice again adds nothing.
func (s *Store) SetConsent(ctx context.Context, q db.Querier, userID int64, c Channel, granted bool) error {
	if c == Inbox {
		return nil
	}
	cur, err := s.consents(ctx, q, userID)
	if err != nil {
		return err
	}
	if had, ok := cur[c]; ok && had == granted {
		return nil
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO consents (user_id, channel, granted, at) VALUES (?, ?, ?, ?)`,
		userID, string(c), granted, s.Now().UTC()); err != nil {
		return fmt.Errorf("consent: %w", err)
	}
	return nil
}
