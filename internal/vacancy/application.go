package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Application statuses, in the order an application moves.
const (
	Sent        = "dikirim"
	Seen        = "dilihat"
	Shortlisted = "diseleksi"
	Interview   = "wawancara"
	Offered     = "ditawari"
	Hired       = "diterima"
	Rejected    = "ditolak"
	// Withdrawn: the seeker took the application back (Withdraw).
	Withdrawn = "ditarik"
)

// Stages lists the statuses in order (ditolak is a final branch from any).
var Stages = []string{Sent, Seen, Shortlisted, Interview, Offered, Hired}

func stageRank(s string) int {
	for i, x := range Stages {
		if x == s {
			return i
		}
	}
	return -1
}

// CanMove reports whether an employer may move an application from one status
// to another: forward only (stages may be skipped), rejection from any open
// stage with a reason, and "diterima" only by reporting the hire.
func CanMove(from, to string) bool {
	if Final(from) {
		return false
	}
	if to == Rejected {
		return true
	}
	if to == Hired {
		return false
	}
	f, t := stageRank(from), stageRank(to)
	return f >= 0 && t > f
}

// NextStages lists, in order, the statuses an employer may move an
// application in status from to (CanMove): what the move control offers.
func NextStages(from string) []string {
	var out []string
	for _, to := range append(Stages[1:len(Stages):len(Stages)], Rejected) {
		if CanMove(from, to) {
			out = append(out, to)
		}
	}
	return out
}

// Event is one step of an application's timeline.
type Event struct {
	Status string
	Reason string
	At     time.Time
}

// Application is one seeker's application to one vacancy.
type Application struct {
	ID           int64
	VacancyID    int64
	SeekerID     int64
	Status       string
	StatusReason string
	Note         string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Events       []Event

	// For the seeker's list.
	VacancyTitle string
	EmployerName string
	EmployerID   int64
	Region       string
	// Offer is the employer's offer, if one was made (MyApplications).
	Offer *Offer
	// LedgerN is the application's record in the public log (Logged).
	LedgerN int64
	Logged  bool
	// Interviews proposed on the application, oldest first (interview.go).
	Interviews []Appointment
}

// Apply sends job seeker u's application to vacancy id and returns it with
// its timeline. It needs a valid AK/1 card; a seeker who has not registered
// a profile is told the same, since registering is how one gets the card.
func (s *Store) Apply(ctx context.Context, u *auth.User, id int64, note string) (Application, error) {
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return Application{}, valid.New("ak1", "ak1_required")
	}
	if err != nil {
		return Application{}, err
	}
	hasCard, err := s.Seekers.HasValidCard(ctx, sk.ID)
	if err != nil {
		return Application{}, err
	}
	a, err := s.apply(ctx, id, sk, hasCard, note)
	if err != nil {
		return Application{}, err
	}
	return s.Application(ctx, a.ID)
}

// apply records seeker sk's application to vacancy id; hasCard says whether
// sk holds a valid AK/1 card.
func (s *Store) apply(ctx context.Context, id int64, sk seeker.Seeker, hasCard bool, note string) (Application, error) {
	v, err := s.Get(ctx, id)
	if err != nil {
		return Application{}, err
	}
	now := s.Now().UTC()
	if !v.Public() || !v.Open(now) {
		return Application{}, valid.New("vacancy", "vacancy_closed")
	}
	if !hasCard {
		return Application{}, valid.New("ak1", "ak1_required")
	}
	if s.ApplyCheck != nil {
		if err := s.ApplyCheck(ctx, id, sk.ID); err != nil {
			return Application{}, err
		}
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 1000 {
		return Application{}, valid.New("note", "too_long", "max", 1000)
	}
	a := Application{VacancyID: id, SeekerID: sk.ID, Status: Sent, Note: note, CreatedAt: now, UpdatedAt: now}
	salt := ledger.Salt()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		a.ID, err = db.InsertID(ctx, tx, `INSERT INTO applications (vacancy_id, seeker_id, status, note, ledger_salt, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, sk.ID, Sent, note, salt, now, now)
		if db.IsUniqueViolation(err) {
			return valid.New("vacancy", "already_applied")
		}
		if err != nil {
			return fmt.Errorf("apply: %w", err)
		}
		n, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApplicationReceived, At: now,
			Fields: map[string]any{"vacancy_id": id, "application": ApplicationCommitment(salt, sk.ID, id)}})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET ledger_n = ? WHERE id = ?`, n, a.ID); err != nil {
			return fmt.Errorf("apply: %w", err)
		}
		// An invitation to this vacancy is answered by applying.
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET status = ?, decided_at = ? WHERE vacancy_id = ? AND seeker_id = ? AND status = ?`,
			InvitationApplied, now, id, sk.ID, InvitationOpen); err != nil {
			return fmt.Errorf("apply: invitation: %w", err)
		}
		if err := s.tellApplied(ctx, tx, a.ID, id); err != nil {
			return err
		}
		return addEvent(ctx, tx, a.ID, Sent, "", sk.UserID, now)
	})
	if err != nil {
		return Application{}, err
	}
	s.notify()
	a.Events = []Event{{Status: Sent, At: now}}
	return a, nil
}

func addEvent(ctx context.Context, q db.Querier, appID int64, status, reason string, actor int64, at time.Time) error {
	var a any
	if actor != 0 {
		a = actor
	}
	_, err := q.ExecContext(ctx, `INSERT INTO application_events (application_id, status, reason, actor_id, at) VALUES (?, ?, ?, ?, ?)`,
		appID, status, reason, a, at)
	if err != nil {
		return fmt.Errorf("application %d event: %w", appID, err)
	}
	return nil
}

func (s *Store) events(ctx context.Context, appID int64) ([]Event, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT status, reason, at FROM application_events WHERE application_id = ? ORDER BY at, id`, appID)
	if err != nil {
		return nil, fmt.Errorf("application %d events: %w", appID, err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.Status, &e.Reason, &e.At); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const appCols = `a.id, a.vacancy_id, a.seeker_id, a.status, a.status_reason, a.note, a.created_at, a.updated_at,
	v.title, e.name, e.id, v.region, a.ledger_n`

func scanApp(sc interface{ Scan(...any) error }) (Application, error) {
	var a Application
	var n sql.NullInt64
	err := sc.Scan(&a.ID, &a.VacancyID, &a.SeekerID, &a.Status, &a.StatusReason, &a.Note, &a.CreatedAt, &a.UpdatedAt,
		&a.VacancyTitle, &a.EmployerName, &a.EmployerID, &a.Region, &n)
	a.LedgerN, a.Logged = n.Int64, n.Valid
	return a, err
}

// Application returns one application with its timeline.
func (s *Store) Application(ctx context.Context, id int64) (Application, error) {
	a, err := scanApp(s.DB.QueryRowContext(ctx, `SELECT `+appCols+` FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
		JOIN employers e ON e.id = v.employer_id WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, fmt.Errorf("application %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Application{}, fmt.Errorf("application %d: %w", id, err)
	}
	if a.Events, err = s.events(ctx, id); err != nil {
		return a, err
	}
	a.Interviews, err = s.Interviews(ctx, id)
	return a, err
}

// BySeeker lists a seeker's applications, newest first, each with its timeline.
func (s *Store) BySeeker(ctx context.Context, seekerID int64) ([]Application, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+appCols+` FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
		JOIN employers e ON e.id = v.employer_id WHERE a.seeker_id = ? ORDER BY a.created_at DESC, a.id DESC`, seekerID)
	if err != nil {
		return nil, fmt.Errorf("applications of seeker %d: %w", seekerID, err)
	}
	var out []Application
	for rows.Next() {
		a, err := scanApp(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, a)
	}
	rows.Close()
	for i := range out {
		if out[i].Events, err = s.events(ctx, out[i].ID); err != nil {
			return nil, err
		}
		if out[i].Interviews, err = s.Interviews(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// HasApplied reports whether the seeker applied to the vacancy.
func (s *Store) HasApplied(ctx context.Context, vacancyID, seekerID int64) (int64, bool, error) {
	var id int64
	err := s.DB.QueryRowContext(ctx, `SELECT id FROM applications WHERE vacancy_id = ? AND seeker_id = ?`, vacancyID, seekerID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

func (s *Store) ownedApplication(ctx context.Context, emp employer.Employer, appID int64) (Application, Vacancy, error) {
	a, err := s.Application(ctx, appID)
	if err != nil {
		return Application{}, Vacancy{}, err
	}
	v, err := s.Get(ctx, a.VacancyID)
	if err != nil {
		return Application{}, Vacancy{}, err
	}
	if v.EmployerID != emp.ID {
		return Application{}, Vacancy{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	return a, v, nil
}

// Move changes an application's status by the employer it was sent to, and
// returns it with its timeline. A rejection needs a reason, which the seeker
// sees.
func (s *Store) Move(ctx context.Context, u *auth.User, appID int64, to, reason string) (Application, error) {
	_, a, _, err := s.managedApplication(ctx, u, appID)
	if err != nil {
		return Application{}, err
	}
	to, reason = strings.TrimSpace(to), strings.TrimSpace(reason)
	if to == Rejected && reason == "" {
		return Application{}, valid.New("reason", "reason_required")
	}
	if utf8.RuneCountInString(reason) > 500 {
		return Application{}, valid.New("reason", "too_long", "max", 500)
	}
	if !CanMove(a.Status, to) {
		return Application{}, valid.New("status", "status_change_invalid")
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error { return s.moveTx(ctx, tx, u.ID, appID, a.Status, to, reason, now) })
	if err != nil {
		return Application{}, err
	}
	return s.Application(ctx, appID)
}

// moveTx moves application appID from status from to status to in tx: the
// step with its event, the seeker's notice and the public record. Move and
// the offer steps end here.
func (s *Store) moveTx(ctx context.Context, tx *db.Tx, actor, appID int64, from, to, reason string, now time.Time) error {
	return s.moveTxAs(ctx, tx, actor, appID, from, to, reason, to, now)
}

// moveTxAs is moveTx telling the seeker with the notice of event (a status,
// or a more specific step such as a reported hire that awaits confirmation).
func (s *Store) moveTxAs(ctx context.Context, tx *db.Tx, actor, appID int64, from, to, reason, event string, now time.Time) error {
	// The status condition makes a concurrent second move fail instead
	// of skipping a step silently.
	res, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND status = ?`,
		to, reason, now, appID, from)
	if err != nil {
		return fmt.Errorf("move application %d: %w", appID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return valid.New("status", "status_change_invalid")
	}
	if err := addEvent(ctx, tx, appID, to, reason, actor, now); err != nil {
		return err
	}
	if err := s.tellMoved(ctx, tx, appID, event, reason); err != nil {
		return err
	}
	// Each selection decision is public as a count per stage; the reason
	// stays private (it may name the person).
	c, vid, err := appCommitment(ctx, tx, appID)
	if err != nil {
		return err
	}
	_, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApplicationDecided, At: now,
		Fields: map[string]any{"vacancy_id": vid, "application": c, "status": to}})
	return err
}
