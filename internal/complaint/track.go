package complaint

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Summary is a complainant's view of one complaint in a list.
type Summary struct {
	Code        string
	Kind        string // of the case: pemeriksaan or perselisihan
	Category    string // complaints
	DisputeType string // disputes
	Region      string
	Employer    string
	Via         string
	FiledAt     time.Time
	// Waiting: sealed, "menunggu laporan lain"; never how many (Receipt).
	Waiting bool
	// Pooled: a sealed report now handled in a pooled case.
	Pooled   bool
	State    string    // the case's state; "" while waiting
	Deadline time.Time // of the current state; zero when none
	// Retaliation: this complaint's case is flagged as possible retaliation.
	Retaliation bool
}

// Tracking is everything the complainant sees of their complaint.
type Tracking struct {
	Summary
	UMK       UMKCheck
	Narrative Narrative // their own words
	Events    []TrackEvent
	Openings  []Opening
	Messages  []Message
}

// TrackEvent is one step of the case as the complainant sees it: the state
// and its deadline, and the reason only when the case ends (the reasons of
// other steps are officers' working notes).
type TrackEvent struct {
	At       time.Time
	State    string
	Deadline time.Time
	Reason   string
}

// Opening is one reading of the complaint's confidential parts by an
// officer: "dibuka oleh By pada At".
type Opening struct {
	By   string
	At   time.Time
	What string // "complaint.open" (identity and narrative) or "complaint.evidence"
}

// Message is one message between a complainant and the officers.
type Message struct {
	ID          int64
	FromOfficer bool
	Author      string // the officer's name; "" for the complainant
	Body        string
	At          time.Time
}

const summaryCols = `c.id, c.code, CASE WHEN c.kind = 'perselisihan' THEN 'perselisihan' ELSE 'pemeriksaan' END, c.category, c.region, COALESCE(e.name, c.employer_name), c.via, c.created_at,
	c.status, c.employer_key, COALESCE(c.case_id, 0), COALESCE(k.state, ''), k.deadline, COALESCE(k.retaliation, FALSE),
	c.below_umk, c.umk_amount, c.umk_year, c.details_enc, COALESCE(k.dispute_type, '')`

const summaryFrom = ` FROM complaints c LEFT JOIN employers e ON e.id = c.employer_id LEFT JOIN cases k ON k.id = c.case_id`

// scanTracking reads a summaryCols row and fills pool progress.
func (s *Store) scanTracking(ctx context.Context, sc interface{ Scan(...any) error }) (int64, Tracking, error) {
	var t Tracking
	var id, caseID int64
	var status, key string
	var deadline sql.NullTime
	var details []byte
	err := sc.Scan(&id, &t.Code, &t.Kind, &t.Category, &t.Region, &t.Employer, &t.Via, &t.FiledAt, &status, &key,
		&caseID, &t.State, &deadline, &t.Retaliation, &t.UMK.Below, &t.UMK.UMK, &t.UMK.Year, &details, &t.DisputeType)
	if err != nil {
		return 0, Tracking{}, err
	}
	t.Deadline = deadline.Time
	t.UMK.Checked = t.UMK.Year != 0
	if t.Kind == KindDispute {
		t.Category = ""
	}
	if b, err := s.Box.Open(details, ctxDetails); err == nil {
		_ = json.Unmarshal(b, &t.Narrative)
		t.Narrative.ReporterID = 0
	}
	return id, t, nil
}

func (s *Store) fillPool(ctx context.Context, id int64, t *Tracking) error {
	var status string
	var sealed bool
	if err := s.DB.QueryRowContext(ctx, `SELECT status, sealed FROM complaints WHERE id = ?`, id).Scan(&status, &sealed); err != nil {
		return err
	}
	t.Waiting = sealed && status == statusWaiting
	t.Pooled = sealed && status != statusWaiting
	return nil
}

// tracking loads the complainant's view of complaint id.
func (s *Store) tracking(ctx context.Context, id int64) (Tracking, error) {
	_, t, err := s.scanTracking(ctx, s.DB.QueryRowContext(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE c.id = ?`, id))
	if err != nil {
		return Tracking{}, fmt.Errorf("tracking %d: %w", id, err)
	}
	if err := s.fillPool(ctx, id, &t); err != nil {
		return Tracking{}, err
	}
	var caseID int64
	var kind string
	if err := s.DB.QueryRowContext(ctx, `SELECT COALESCE(c.case_id, 0), COALESCE(k.kind, '') FROM complaints c
		LEFT JOIN cases k ON k.id = c.case_id WHERE c.id = ?`, id).Scan(&caseID, &kind); err != nil {
		return Tracking{}, err
	}
	if caseID != 0 {
		rows, err := s.DB.QueryContext(ctx, `SELECT at, to_state, deadline, reason FROM case_events
			WHERE case_id = ? AND kind = 'status' ORDER BY at, id`, caseID)
		if err != nil {
			return Tracking{}, fmt.Errorf("tracking %d: %w", id, err)
		}
		for rows.Next() {
			var e TrackEvent
			var dl sql.NullTime
			if err := rows.Scan(&e.At, &e.State, &dl, &e.Reason); err != nil {
				rows.Close()
				return Tracking{}, err
			}
			e.Deadline = dl.Time
			if !IsFinal(kind, e.State) {
				e.Reason = ""
			}
			t.Events = append(t.Events, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Tracking{}, err
		}
	}
	if t.Openings, err = s.openings(ctx, id); err != nil {
		return Tracking{}, err
	}
	if t.Messages, err = s.messages(ctx, id); err != nil {
		return Tracking{}, err
	}
	return t, nil
}

// openings lists who opened complaint id's confidential parts, newest first.
func (s *Store) openings(ctx context.Context, id int64) ([]Opening, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT COALESCE(u.name, ''), a.at, a.action FROM audit_log a
		LEFT JOIN users u ON u.id = a.actor_id WHERE a.subject_type = 'complaint' AND a.subject_id = ?
		AND a.action IN ('complaint.open', 'complaint.evidence') ORDER BY a.at DESC, a.id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("openings of %d: %w", id, err)
	}
	defer rows.Close()
	var out []Opening
	for rows.Next() {
		var o Opening
		if err := rows.Scan(&o.By, &o.At, &o.What); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s *Store) messages(ctx context.Context, complaintID int64) ([]Message, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT m.id, m.from_officer, COALESCE(u.name, ''), m.body_enc, m.created_at
		FROM complaint_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.complaint_id = ? ORDER BY m.created_at, m.id`, complaintID)
	if err != nil {
		return nil, fmt.Errorf("messages of %d: %w", complaintID, err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var body []byte
		if err := rows.Scan(&m.ID, &m.FromOfficer, &m.Author, &body, &m.At); err != nil {
			return nil, err
		}
		if !m.FromOfficer {
			m.Author = ""
		}
		b, err := s.Box.Open(body, ctxMessage)
		if err != nil {
			return nil, fmt.Errorf("message %d: %w", m.ID, err)
		}
		m.Body = string(b)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Track shows a complaint to whoever holds its code and PIN, from client
// address addr. Wrong codes or PINs give ErrBadPIN, and *auth.LockedError
// once throttled.
func (s *Store) Track(ctx context.Context, code, pin, addr string) (Tracking, error) {
	c, err := s.checkPIN(ctx, code, pin, addr)
	if err != nil {
		return Tracking{}, err
	}
	return s.tracking(ctx, c.id)
}

// ownComplaint finds complaint code if u filed it or is a member named in
// it; db.ErrNotFound otherwise (whether or not the code exists), and
// ErrLogin for a visitor.
func (s *Store) ownComplaint(ctx context.Context, u *auth.User, code string) (int64, error) {
	if u == nil {
		return 0, ErrLogin
	}
	key, ok := NormalizeCode(code)
	if !ok {
		return 0, fmt.Errorf("complaint %q: %w", code, db.ErrNotFound)
	}
	uk := s.userKey(u.ID)
	var id int64
	err := s.DB.QueryRowContext(ctx, `SELECT id FROM complaints c WHERE code = ? AND (reporter_key = ? OR reporter_id = ?
		OR EXISTS (SELECT 1 FROM complaint_members m WHERE m.complaint_id = c.id AND m.member_key = ? AND m.confirmed_at IS NOT NULL))`, key, uk, u.ID, uk).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("complaint %s: %w", key, db.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("complaint %s: %w", key, err)
	}
	return id, nil
}

// TrackAsUser shows complaint code to the account that filed it, or to a
// union member named in it who confirmed being named (a union shares access
// with its members).
func (s *Store) TrackAsUser(ctx context.Context, u *auth.User, code string) (Tracking, error) {
	id, err := s.ownComplaint(ctx, u, code)
	if err != nil {
		return Tracking{}, err
	}
	return s.tracking(ctx, id)
}

// MyComplaints lists the complaints u filed or is named in, newest first.
func (s *Store) MyComplaints(ctx context.Context, u *auth.User) ([]Summary, error) {
	if u == nil {
		return nil, nil
	}
	uk := s.userKey(u.ID)
	rows, err := s.DB.QueryContext(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE c.reporter_key = ? OR c.reporter_id = ?
		OR EXISTS (SELECT 1 FROM complaint_members m WHERE m.complaint_id = c.id AND m.member_key = ? AND m.confirmed_at IS NOT NULL)
		ORDER BY c.created_at DESC, c.id DESC`, uk, u.ID, uk)
	if err != nil {
		return nil, fmt.Errorf("my complaints: %w", err)
	}
	var ids []int64
	var out []Summary
	for rows.Next() {
		id, t, err := s.scanTracking(ctx, rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
		out = append(out, t.Summary)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, id := range ids {
		t := Tracking{Summary: out[i]}
		if err := s.fillPool(ctx, id, &t); err != nil {
			return nil, err
		}
		out[i] = t.Summary
	}
	return out, nil
}

// Mine is an account's complaints page: the complaints it filed or is
// named in, and the union complaints naming it that wait for its answer.
type Mine struct {
	Complaints []Summary
	Pending    []PendingMember
}

// Mine assembles u's complaints page.
func (s *Store) Mine(ctx context.Context, u *auth.User) (Mine, error) {
	if u == nil {
		return Mine{}, ErrLogin
	}
	var m Mine
	var err error
	if m.Complaints, err = s.MyComplaints(ctx, u); err != nil {
		return Mine{}, err
	}
	if m.Pending, err = s.PendingMemberships(ctx, u); err != nil {
		return Mine{}, err
	}
	return m, nil
}

const maxMessage = 2000

func checkMessage(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return "", valid.New("body", "required")
	case n > maxMessage:
		return "", valid.New("body", "too_long", "max", maxMessage)
	}
	return body, nil
}

func (s *Store) addMessage(ctx context.Context, complaintID int64, fromOfficer bool, author int64, body string) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO complaint_messages (complaint_id, from_officer, author_id, body_enc, created_at)
			VALUES (?, ?, ?, ?, ?)`, complaintID, fromOfficer, nullID(author), s.Box.Seal([]byte(body), ctxMessage), s.Now().UTC())
		if err != nil {
			return fmt.Errorf("message on %d: %w", complaintID, err)
		}
		if !fromOfficer {
			return nil
		}
		// An officer's reply is news for the complainant.
		return s.tellNews(ctx, tx, complaintID)
	})
}

// ReplyWithPIN writes to the officers as the holder of code and PIN.
func (s *Store) ReplyWithPIN(ctx context.Context, code, pin, addr, body string) error {
	body, err := checkMessage(body)
	if err != nil {
		return err
	}
	c, err := s.checkPIN(ctx, code, pin, addr)
	if err != nil {
		return err
	}
	return s.addMessage(ctx, c.id, false, 0, body)
}

// Reply writes to the officers as the account that filed complaint code
// (or a member named in it). The message carries no author: the officers
// learn no more than the complaint already tells them.
func (s *Store) Reply(ctx context.Context, u *auth.User, code, body string) error {
	id, err := s.ownComplaint(ctx, u, code)
	if err != nil {
		return err
	}
	if body, err = checkMessage(body); err != nil {
		return err
	}
	return s.addMessage(ctx, id, false, 0, body)
}
