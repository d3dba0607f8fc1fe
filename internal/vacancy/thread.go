package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/valid"
)

// MaxMessage bounds one message, in characters.
const MaxMessage = 2000

// ctxMessage binds a sealed message to its column.
const ctxMessage = "application.message"

// Message is one message in an application's thread.
type Message struct {
	ID   int64
	Side string // SideSeeker or SideEmployer
	Body string
	// FeeWarning: the company's message asks the worker for money (a fee,
	// "uang administrasi", a transfer, a deposit). The seeker sees it with
	// a warning and a one-tap fee report.
	FeeWarning bool
	At         time.Time
}

// SharedContact is a contact the seeker shares with the company for one
// application.
type SharedContact struct {
	Kind    string // "phone" or "email"
	Address string
}

// Thread is an application's conversation as one side sees it.
type Thread struct {
	ApplicationID int64
	VacancyID     int64
	VacancyTitle  string
	EmployerName  string
	Status        string
	// Side is the viewer's side.
	Side string
	// Open: the thread takes messages (from diseleksi on, until the
	// application ends). Before, the company has not chosen to talk; after,
	// there is nothing left to arrange, and the record stays readable.
	Open     bool
	Messages []Message
	// SharePhone and ShareEmail: what the seeker chose to share with this
	// company for this application.
	SharePhone, ShareEmail bool
	// Contacts: for the company, the shared verified contacts (their
	// reading is audited); for the seeker, the verified contacts they can
	// choose to share.
	Contacts []SharedContact
	// Opened: for the seeker, when the company looked at the shared
	// contacts (from the audit trail), newest first.
	Opened []time.Time
}

// threadOpen: messages and shared contacts start once the company
// shortlists the application.
func threadOpen(status string) bool {
	return stageRank(status) >= stageRank(Shortlisted) && !Final(status)
}

// Thread returns application appID's thread to u, one of its sides. A
// company reading shared contacts is written to the audit trail, which the
// seeker sees on the same page.
func (s *Store) Thread(ctx context.Context, u *auth.User, appID int64) (Thread, error) {
	side, a, err := s.party(ctx, u, appID)
	if err != nil {
		return Thread{}, err
	}
	t := Thread{ApplicationID: a.ID, VacancyID: a.VacancyID, VacancyTitle: a.VacancyTitle, EmployerName: a.EmployerName,
		Status: a.Status, Side: side, Open: threadOpen(a.Status)}
	if t.Messages, err = s.messages(ctx, a.ID); err != nil {
		return Thread{}, err
	}
	if err := s.DB.QueryRowContext(ctx, `SELECT phone, email FROM application_contact_shares WHERE application_id = ?`, a.ID).
		Scan(&t.SharePhone, &t.ShareEmail); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Thread{}, fmt.Errorf("contact share of application %d: %w", a.ID, err)
	}
	seekerUser, err := s.seekerUser(ctx, a.SeekerID)
	if err != nil {
		return Thread{}, err
	}
	all, err := s.verifiedContacts(ctx, seekerUser)
	if err != nil {
		return Thread{}, err
	}
	if side == SideSeeker {
		t.Contacts = all
		t.Opened, err = s.contactReads(ctx, a.ID)
		return t, err
	}
	// The company sees shared contacts only while the thread is open.
	if !t.Open {
		return t, nil
	}
	for _, c := range all {
		if (c.Kind == "phone" && t.SharePhone) || (c.Kind == "email" && t.ShareEmail) {
			t.Contacts = append(t.Contacts, c)
		}
	}
	if len(t.Contacts) > 0 {
		err = audit.Record(ctx, s.DB, audit.Entry{At: s.Now(), ActorID: u.ID, Action: "application.contact.read",
			SubjectType: "application", SubjectID: a.ID, Detail: "shared contacts"})
	}
	return t, err
}

func (s *Store) messages(ctx context.Context, appID int64) ([]Message, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, side, body_enc, fee_warning, created_at FROM application_messages
		WHERE application_id = ? ORDER BY id`, appID)
	if err != nil {
		return nil, fmt.Errorf("messages of application %d: %w", appID, err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var sealed []byte
		if err := rows.Scan(&m.ID, &m.Side, &sealed, &m.FeeWarning, &m.At); err != nil {
			return nil, err
		}
		body, err := s.Seekers.Box.Open(sealed, ctxMessage)
		if err != nil {
			return nil, fmt.Errorf("message %d: %w", m.ID, err)
		}
		m.Body = string(body)
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) seekerUser(ctx context.Context, seekerID int64) (int64, error) {
	var user int64
	if err := s.DB.QueryRowContext(ctx, `SELECT user_id FROM seekers WHERE id = ?`, seekerID).Scan(&user); err != nil {
		return 0, fmt.Errorf("user of seeker %d: %w", seekerID, err)
	}
	return user, nil
}

// verifiedContacts are the phone and email user proved (account package):
// only a verified address may be handed to a company.
func (s *Store) verifiedContacts(ctx context.Context, user int64) ([]SharedContact, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT kind, address FROM contacts WHERE user_id = ? AND verified_at IS NOT NULL ORDER BY kind DESC`, user)
	if err != nil {
		return nil, fmt.Errorf("contacts of user %d: %w", user, err)
	}
	defer rows.Close()
	var out []SharedContact
	for rows.Next() {
		var c SharedContact
		if err := rows.Scan(&c.Kind, &c.Address); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// contactReads are the times the company opened the shared contacts.
func (s *Store) contactReads(ctx context.Context, appID int64) ([]time.Time, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT at FROM audit_log WHERE action = 'application.contact.read' AND subject_type = 'application'
		AND subject_id = ? ORDER BY at DESC`, appID)
	if err != nil {
		return nil, fmt.Errorf("contact reads of application %d: %w", appID, err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// WriteMessage adds body to application appID's thread as u's side and
// tells the other side. A company's message that asks for money is marked
// (FeeText decides) so the seeker sees the warning.
func (s *Store) WriteMessage(ctx context.Context, u *auth.User, appID int64, body string) (Message, error) {
	side, a, err := s.party(ctx, u, appID)
	if err != nil {
		return Message{}, err
	}
	body = strings.TrimSpace(body)
	var errs valid.Errors
	switch n := utf8.RuneCountInString(body); {
	case !threadOpen(a.Status):
		errs.Add("body", "thread_closed")
	case n == 0:
		errs.Add("body", "required")
	case n > MaxMessage:
		errs.Add("body", "too_long", "max", MaxMessage)
	}
	if err := errs.Err(); err != nil {
		return Message{}, err
	}
	m := Message{Side: side, Body: body, At: s.Now().UTC(), FeeWarning: side == SideEmployer && s.FeeText != nil && s.FeeText(body)}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		m.ID, err = db.InsertID(ctx, tx, `INSERT INTO application_messages (application_id, author_id, side, body_enc, fee_warning, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, a.ID, u.ID, side, s.Seekers.Box.Seal([]byte(body), ctxMessage), m.FeeWarning, m.At)
		if err != nil {
			return fmt.Errorf("message on application %d: %w", a.ID, err)
		}
		return s.tellMessage(ctx, tx, a, m)
	})
	if err != nil {
		return Message{}, err
	}
	return m, nil
}

// tellMessage tells the other side of a's thread that m arrived. The text
// stays in bursa: a notice by WhatsApp or mail says only who wrote.
func (s *Store) tellMessage(ctx context.Context, q db.Querier, a Application, m Message) error {
	if s.Notify == nil {
		return nil
	}
	n := notify.Notice{Kind: notify.Interview, Args: []any{"vacancy", a.VacancyTitle, "employer", a.EmployerName},
		URL: "/lamaran/" + strconv.FormatInt(a.ID, 10) + "/pesan", Dedupe: "message:" + strconv.FormatInt(m.ID, 10)}
	if m.Side == SideEmployer {
		user, err := s.seekerUser(ctx, a.SeekerID)
		if err != nil {
			return err
		}
		n.To, n.Title, n.Body = user, "event.message.to_seeker.title", "event.message.to_seeker.body"
		if m.FeeWarning {
			n.Body = "event.message.fee.body"
		}
	} else {
		if err := q.QueryRowContext(ctx, `SELECT e.owner_id FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id = ?`,
			a.VacancyID).Scan(&n.To); err != nil {
			return fmt.Errorf("company of application %d: %w", a.ID, err)
		}
		n.Kind, n.Title, n.Body = notify.Applicants, "event.message.to_employer.title", "event.message.to_employer.body"
		n.URL = "/lamaran/" + strconv.FormatInt(a.ID, 10) + "/pesan"
	}
	return s.tell(ctx, q, n)
}

// ShareContacts sets which verified contacts job seeker u shares with the
// company for application appID only. Sharing can be withdrawn at any time;
// what the company already saw is on the audit trail the seeker reads.
func (s *Store) ShareContacts(ctx context.Context, u *auth.User, appID int64, phone, email bool) error {
	a, err := s.seekersApplication(ctx, u, appID)
	if err != nil {
		return err
	}
	if (phone || email) && Final(a.Status) {
		return valid.New("share", "thread_closed")
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO application_contact_shares (application_id, phone, email, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (application_id) DO UPDATE SET phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at`,
		a.ID, phone, email, s.Now().UTC())
	if err != nil {
		return fmt.Errorf("share contacts of application %d: %w", a.ID, err)
	}
	return nil
}
