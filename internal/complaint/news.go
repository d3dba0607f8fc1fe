package complaint

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/valid"
)

// News to a complainant: that there is news, never what it is. Whoever
// filed while logged in hears it in their account's inbox (and the
// channels they chose there); whoever filed without an account hears it only
// if they chose to leave a contact. The contact is sealed under its own
// context and read only here, to send; no officer's view selects the
// column (privacy_test checks the pages and the API).

// ctxNewsContact seals a complainant's contact for news.
const ctxNewsContact = "complaint.news_contact"

// newsContact is what news_contact_enc holds.
type newsContact struct {
	UserID  int64  `json:"user_id,omitempty"`
	Channel string `json:"channel,omitempty"`
	Address string `json:"address,omitempty"`
}

// checkNewsContact validates the optional contact of a filing: an email
// (channel email, the default for it) or an Indonesian mobile number
// (whatsapp, the default, or sms). It returns the contact to seal, or nil.
func checkNewsContact(errs *valid.Errors, u *auth.User, contact, channel string) *newsContact {
	contact, channel = strings.TrimSpace(contact), strings.TrimSpace(channel)
	if contact == "" {
		if u != nil {
			return &newsContact{UserID: u.ID}
		}
		return nil
	}
	if strings.Contains(contact, "@") {
		addr, ok := auth.NormalizeEmail(contact)
		if !ok {
			errs.Add("contact", "contact_invalid")
			return nil
		}
		if channel != "" && channel != string(notify.Email) {
			errs.Add("contact_channel", "contact_channel_invalid")
			return nil
		}
		return &newsContact{UserID: userID(u), Channel: string(notify.Email), Address: addr}
	}
	phone, ok := auth.NormalizePhone(contact)
	if !ok {
		errs.Add("contact", "contact_invalid")
		return nil
	}
	switch channel {
	case "":
		channel = string(notify.WhatsApp)
	case string(notify.WhatsApp), string(notify.SMS):
	default:
		errs.Add("contact_channel", "contact_channel_invalid")
		return nil
	}
	return &newsContact{UserID: userID(u), Channel: channel, Address: phone}
}

func userID(u *auth.User) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}

// sealNewsContact stores complaint id's contact for news, in q.
func (s *Store) sealNewsContact(ctx context.Context, q db.Querier, id int64, c *newsContact) error {
	if c == nil {
		return nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE complaints SET news_contact_enc = ? WHERE id = ?`, s.Box.Seal(b, ctxNewsContact), id); err != nil {
		return fmt.Errorf("news contact of complaint %d: %w", id, err)
	}
	return nil
}

// tellNews tells the complainant of complaint id that there is news, in q
// (the transaction of the news): in their account when they filed logged
// in, else at the contact they left, else not at all.
func (s *Store) tellNews(ctx context.Context, q db.Querier, id int64) error {
	if s.Notify == nil {
		return nil
	}
	var code string
	var sealed []byte
	err := q.QueryRowContext(ctx, `SELECT code, news_contact_enc FROM complaints WHERE id = ?`, id).Scan(&code, &sealed)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(sealed) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("news of complaint %d: %w", id, err)
	}
	b, err := s.Box.Open(sealed, ctxNewsContact)
	if err != nil {
		return fmt.Errorf("news of complaint %d: %w", id, err)
	}
	var c newsContact
	if err := json.Unmarshal(b, &c); err != nil {
		return fmt.Errorf("news of complaint %d: %w", id, err)
	}
	if c.UserID != 0 {
		sent, err := s.Notify.Send(ctx, q, notify.Notice{To: c.UserID, Kind: notify.Complaint,
			Title: "event.complaint.title", Body: "event.complaint.body", URL: "/pengaduan/saya/" + code})
		if err != nil || sent || c.Address == "" {
			return err
		}
		// The account is gone: the contact left, if any, still hears.
	}
	if c.Address == "" {
		return nil
	}
	ch, _ := notify.ParseChannel(c.Channel)
	return s.Notify.SendDirect(ctx, q, notify.Direct{Kind: notify.Complaint, Channel: ch, Address: c.Address, Lang: "id",
		Title: "event.complaint.title", Body: "event.complaint.body", URL: "/pengaduan/lacak"})
}

// tellCaseNews tells the complainants of every complaint in case caseID.
func (s *Store) tellCaseNews(ctx context.Context, q db.Querier, caseID int64) error {
	if s.Notify == nil {
		return nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM complaints WHERE case_id = ? AND news_contact_enc IS NOT NULL ORDER BY id`, caseID)
	if err != nil {
		return fmt.Errorf("news of case %d: %w", caseID, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.tellNews(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

// tellOverdue tells case c's officer and the supervisor it was escalated
// to that its deadline passed, in q (the escalation's transaction).
func (s *Store) tellOverdue(ctx context.Context, q db.Querier, c CaseSummary, supervisor int64) error {
	if s.Notify == nil {
		return nil
	}
	told := map[int64]bool{}
	for _, u := range []int64{c.AssigneeID, supervisor} {
		if u == 0 || told[u] {
			continue
		}
		told[u] = true
		if _, err := s.Notify.Send(ctx, q, notify.Notice{To: u, Kind: notify.Overdue,
			Title: "event.overdue.title", Body: "event.overdue.body",
			Args:   []any{"code", fmt.Sprintf("#%d", c.ID), "state", strings.ReplaceAll(c.State, "_", " ")},
			URL:    fmt.Sprintf("/pengawasan/kasus/%d", c.ID),
			Dedupe: fmt.Sprintf("overdue:%d:%s:%s", c.ID, c.State, c.Deadline.Format(time.DateOnly))}); err != nil {
			return fmt.Errorf("overdue notice of case %d: %w", c.ID, err)
		}
	}
	return nil
}
