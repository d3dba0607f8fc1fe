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
		return complaintRef{}, &auth.LockedError{Until: until}
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
		return complaintRef{}, &auth.LockedError{Until: until}
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
		return &auth.LockedError{Until: until}
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
	// Waiting: sealed, "menunggu laporan lain (PoolCount/PoolK)".
	Waiting   bool
	PoolCount int
	PoolK     int
	State     string    // the case's state; "" while waiting
	Deadline  time.Time // of the current state; zero when none
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
	var status, key, category string
	var caseID int64
	var sealed bool
	if err := s.DB.QueryRowContext(ctx, `SELECT status, employer_key, category, COALESCE(case_id, 0), sealed FROM complaints WHERE id = ?`, id).
		Scan(&status, &key, &category, &caseID, &sealed); err != nil {
		return err
	}
	if !sealed {
		return nil
	}
	var err error
	if status == statusWaiting {
		t.Waiting = true
		t.PoolCount, t.PoolK, err = poolCount(ctx, s.DB, 0, key, category)
	} else {
		t.PoolCount, t.PoolK, err = poolCount(ctx, s.DB, caseID, key, category)
	}
	return err
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
// it; db.ErrNotFound otherwise (whether or not the code exists).
func (s *Store) ownComplaint(ctx context.Context, u *auth.User, code string) (int64, error) {
	key, ok := NormalizeCode(code)
	if u == nil || !ok {
		return 0, db.ErrNotFound
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
	_, err := s.DB.ExecContext(ctx, `INSERT INTO complaint_messages (complaint_id, from_officer, author_id, body_enc, created_at)
		VALUES (?, ?, ?, ?, ?)`, complaintID, fromOfficer, nullID(author), s.Box.Seal([]byte(body), ctxMessage), s.Now().UTC())
	if err != nil {
		return fmt.Errorf("message on %d: %w", complaintID, err)
	}
	return nil
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
	body, err := checkMessage(body)
	if err != nil {
		return err
	}
	id, err := s.ownComplaint(ctx, u, code)
	if err != nil {
		return err
	}
	return s.addMessage(ctx, id, false, 0, body)
}
