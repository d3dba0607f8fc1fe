package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Interview statuses: proposed until the seeker answers.
const (
	InterviewProposed   = "proposed"
	InterviewAccepted   = "accepted"
	InterviewDeclined   = "declined"
	InterviewReschedule = "reschedule"
)

// MaxSlots is how many times an employer may offer in one proposal: a
// choice, not a poll.
const MaxSlots = 3

// Appointment is one proposal of an interview on an application.
type Appointment struct {
	ID            int64
	ApplicationID int64
	Slots         []time.Time
	Place         string
	OnlineURL     string
	Contact       string
	Bring         string
	Status        string
	// Chosen is the slot the seeker picked (zero until then).
	Chosen time.Time
	// Note is the seeker's word when asking for another time.
	Note string
	// SeekerAttended and EmployerAttended are each side's word on whether
	// the interview took place; nil until said.
	SeekerAttended   *bool
	EmployerAttended *bool
	CreatedAt        time.Time
}

// HasChosen reports whether the seeker picked a slot.
func (iv Appointment) HasChosen() bool { return !iv.Chosen.IsZero() }

// End is when a chosen interview is taken to end, for a calendar entry:
// an hour is what a first interview at a factory usually takes.
func (iv Appointment) End() time.Time { return iv.Chosen.Add(time.Hour) }

// InterviewInput is what an employer types to propose an interview. Slots
// are RFC 3339 times with their offset ("2027-01-20T09:00:00+07:00"); the
// pages send a WIB date and time ("2027-01-20T09:00") which is read in WIB.
type InterviewInput struct {
	Slots     []string
	Place     string
	OnlineURL string
	Contact   string
	Bring     string
}

// InterviewAnswer is the seeker's answer: exactly one of a slot, a decline
// or a request for another time (with an optional note).
type InterviewAnswer struct {
	Slot       string
	Decline    bool
	Reschedule bool
	Note       string
}

// parseSlot reads one proposed time: RFC 3339 with an offset, or a WIB
// local time from a datetime-local field.
func parseSlot(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, wib.Zone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// check validates in against now and returns the slots in UTC.
func (in *InterviewInput) check(now time.Time) ([]time.Time, error) {
	var errs valid.Errors
	var slots []time.Time
	for _, s := range in.Slots {
		if strings.TrimSpace(s) == "" {
			continue // an empty field of the form's three
		}
		t, ok := parseSlot(s)
		switch {
		case !ok:
			errs.Add("slots", "interview_slot_format")
		case !t.After(now):
			errs.Add("slots", "interview_slot_past")
		default:
			slots = append(slots, t.UTC().Truncate(time.Minute))
		}
	}
	if !errs.Has("slots") && (len(slots) < 1 || len(slots) > MaxSlots) {
		errs.Add("slots", "interview_slots_count", "max", MaxSlots)
	}
	in.Place, in.OnlineURL = strings.TrimSpace(in.Place), strings.TrimSpace(in.OnlineURL)
	in.Contact, in.Bring = strings.TrimSpace(in.Contact), strings.TrimSpace(in.Bring)
	if in.Place == "" && in.OnlineURL == "" {
		errs.Add("place", "interview_place_required")
	}
	if in.OnlineURL != "" {
		u, err := url.Parse(in.OnlineURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			errs.Add("online_url", "interview_url_https")
		}
	}
	if in.Contact == "" {
		errs.Add("contact", "required")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"place", in.Place, 300}, {"online_url", in.OnlineURL, 500}, {"contact", in.Contact, 200}, {"bring", in.Bring, 500}} {
		if utf8.RuneCountInString(f.v) > f.max {
			errs.Add(f.name, "too_long", "max", f.max)
		}
	}
	return slots, errs.Err()
}

// ProposeInterview lets the employer an application was sent to propose an
// interview on it. An application at an earlier stage moves to
// "wawancara" by the ordinary move rules (Move); one already offered a job
// or ended takes no interview. The seeker is told.
func (s *Store) ProposeInterview(ctx context.Context, u *auth.User, appID int64, in InterviewInput) (Appointment, error) {
	_, a, v, err := s.managedApplication(ctx, u, appID)
	if err != nil {
		return Appointment{}, err
	}
	if !InterviewStage(a.Status) {
		return Appointment{}, valid.New("status", "interview_stage")
	}
	now := s.Now().UTC()
	slots, err := in.check(now)
	if err != nil {
		return Appointment{}, err
	}
	if CanMove(a.Status, Interview) {
		if _, err := s.Move(ctx, u, appID, Interview, ""); err != nil {
			return Appointment{}, err
		}
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = db.InsertID(ctx, tx, `INSERT INTO interviews (application_id, slots, place, online_url, contact, bring, status, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, appID, joinSlots(slots), in.Place, in.OnlineURL, in.Contact, in.Bring, InterviewProposed, u.ID, now)
		if err != nil {
			return fmt.Errorf("propose interview on application %d: %w", appID, err)
		}
		var user int64
		if err := tx.QueryRowContext(ctx, `SELECT user_id FROM seekers WHERE id = ?`, a.SeekerID).Scan(&user); err != nil {
			return fmt.Errorf("notice of interview %d: %w", id, err)
		}
		return s.tell(ctx, tx, notify.Notice{To: user, Kind: notify.Interview,
			Title: "event.interview.proposed.title", Body: "event.interview.proposed.body",
			Args: []any{"vacancy", v.Title, "employer", a.EmployerName, "count", len(slots)},
			URL:  fmt.Sprintf("/pencari#wawancara-%d", id), Dedupe: fmt.Sprintf("interview:%d:proposed", id)})
	})
	if err != nil {
		return Appointment{}, err
	}
	return s.interview(ctx, appID, id)
}

// AnswerInterview records the seeker's answer to interview iid on their
// application appID. An interview is answered once; a new time after a
// "reschedule" comes as a new proposal. The company's HR user is told.
func (s *Store) AnswerInterview(ctx context.Context, u *auth.User, appID, iid int64, ans InterviewAnswer) (Appointment, error) {
	a, err := s.seekersApplication(ctx, u, appID)
	if err != nil {
		return Appointment{}, err
	}
	iv, err := s.interview(ctx, appID, iid)
	if err != nil {
		return Appointment{}, err
	}
	if Final(a.Status) {
		return Appointment{}, valid.New("status", "interview_stage")
	}
	if iv.Status != InterviewProposed {
		return Appointment{}, fmt.Errorf("interview %d is already answered: %w", iid, fail.Conflict)
	}
	ans.Note = strings.TrimSpace(ans.Note)
	n := 0
	for _, b := range []bool{strings.TrimSpace(ans.Slot) != "", ans.Decline, ans.Reschedule} {
		if b {
			n++
		}
	}
	if n != 1 {
		return Appointment{}, valid.New("slot", "interview_answer_required")
	}
	if utf8.RuneCountInString(ans.Note) > 500 {
		return Appointment{}, valid.New("note", "too_long", "max", 500)
	}
	var status string
	var chosen any
	switch {
	case ans.Decline:
		status = InterviewDeclined
	case ans.Reschedule:
		status = InterviewReschedule
	default:
		t, ok := parseSlot(ans.Slot)
		i := -1
		if ok {
			i = slotIndex(iv.Slots, t)
		}
		if i < 0 {
			return Appointment{}, valid.New("slot", "interview_slot_unknown")
		}
		status, chosen = InterviewAccepted, iv.Slots[i]
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE interviews SET status = ?, chosen = ?, note = ?, answered_at = ? WHERE id = ? AND status = ?`,
			status, chosen, ans.Note, now, iid, InterviewProposed)
		if err != nil {
			return fmt.Errorf("answer interview %d: %w", iid, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("interview %d is already answered: %w", iid, fail.Conflict)
		}
		var owner int64
		if err := tx.QueryRowContext(ctx, `SELECT e.owner_id FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id = ?`, a.VacancyID).Scan(&owner); err != nil {
			return fmt.Errorf("notice of interview %d: %w", iid, err)
		}
		when := ""
		if t, ok := chosen.(time.Time); ok {
			when = t.In(wib.Zone).Format("02-01-2006 15:04") + " WIB"
		}
		return s.tell(ctx, tx, notify.Notice{To: owner, Kind: notify.Interview,
			Title: "event.interview." + status + ".title", Body: "event.interview." + status + ".body",
			Args: []any{"vacancy", a.VacancyTitle, "when", when, "note", ans.Note},
			URL:  fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", a.VacancyID, appID), Dedupe: fmt.Sprintf("interview:%d:answer", iid)})
	})
	if err != nil {
		return Appointment{}, err
	}
	return s.interview(ctx, appID, iid)
}

// RecordAttendance records whether the interview took place, in the words
// of whichever side u is (the application's seeker or its employer), once
// the chosen time has come. Each side keeps its own answer and may correct
// it; neither overwrites the other's.
func (s *Store) RecordAttendance(ctx context.Context, u *auth.User, appID, iid int64, attended bool) (Appointment, error) {
	iv, _, side, err := s.InterviewFor(ctx, u, appID, iid)
	if err != nil {
		return Appointment{}, err
	}
	if !iv.HasChosen() {
		return Appointment{}, fmt.Errorf("interview %d has no chosen time: %w", iid, fail.Conflict)
	}
	if s.Now().Before(iv.Chosen) {
		return Appointment{}, valid.New("attended", "interview_not_yet")
	}
	col := "seeker_attended"
	if side == SideEmployer {
		col = "employer_attended"
	}
	if _, err := s.DB.ExecContext(ctx, `UPDATE interviews SET `+col+` = ? WHERE id = ?`, attended, iid); err != nil {
		return Appointment{}, fmt.Errorf("attendance of interview %d: %w", iid, err)
	}
	return s.interview(ctx, appID, iid)
}

// The sides of an application.
const (
	SideSeeker   = "seeker"
	SideEmployer = "employer"
)

// party loads application appID for u as one of its two sides, the seeker
// who sent it or the company it was sent to, and says which; to anybody
// else it is not found.
func (s *Store) party(ctx context.Context, u *auth.User, appID int64) (string, Application, error) {
	if u.Can(auth.ApplyVacancy) {
		if a, err := s.seekersApplication(ctx, u, appID); err == nil {
			return SideSeeker, a, nil
		}
	}
	if u.Can(auth.ManageApplicants) {
		if _, a, _, err := s.managedApplication(ctx, u, appID); err == nil {
			return SideEmployer, a, nil
		}
	}
	return "", Application{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
}

// InterviewFor returns interview iid of application appID with the
// application to its seeker or its employer, and which side u is; to
// anybody else it is not found.
func (s *Store) InterviewFor(ctx context.Context, u *auth.User, appID, iid int64) (Appointment, Application, string, error) {
	side, a, err := s.party(ctx, u, appID)
	if err != nil {
		return Appointment{}, Application{}, "", fmt.Errorf("interview %d: %w", iid, db.ErrNotFound)
	}
	iv, err := s.interview(ctx, appID, iid)
	return iv, a, side, err
}

// seekersApplication returns application appID when it is job seeker u's;
// anybody else's is not found.
func (s *Store) seekersApplication(ctx context.Context, u *auth.User, appID int64) (Application, error) {
	if err := auth.Require(u, auth.ApplyVacancy); err != nil {
		return Application{}, err
	}
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return Application{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return Application{}, err
	}
	a, err := s.Application(ctx, appID)
	if err == nil && a.SeekerID != sk.ID {
		err = fmt.Errorf("application %d is another person's: %w", appID, db.ErrNotFound)
	}
	return a, err
}

const interviewCols = `id, application_id, slots, place, online_url, contact, bring, status, chosen, note, seeker_attended, employer_attended, created_at`

func scanInterview(sc interface{ Scan(...any) error }) (Appointment, error) {
	var iv Appointment
	var slots string
	var chosen sql.NullTime
	var sa, ea sql.NullBool
	err := sc.Scan(&iv.ID, &iv.ApplicationID, &slots, &iv.Place, &iv.OnlineURL, &iv.Contact, &iv.Bring, &iv.Status,
		&chosen, &iv.Note, &sa, &ea, &iv.CreatedAt)
	if err != nil {
		return Appointment{}, err
	}
	iv.Slots = splitSlots(slots)
	if chosen.Valid {
		iv.Chosen = chosen.Time.UTC()
	}
	if sa.Valid {
		iv.SeekerAttended = &sa.Bool
	}
	if ea.Valid {
		iv.EmployerAttended = &ea.Bool
	}
	return iv, nil
}

// interview loads interview iid of application appID.
func (s *Store) interview(ctx context.Context, appID, iid int64) (Appointment, error) {
	iv, err := scanInterview(s.DB.QueryRowContext(ctx, `SELECT `+interviewCols+` FROM interviews WHERE id = ? AND application_id = ?`, iid, appID))
	if errors.Is(err, sql.ErrNoRows) {
		return Appointment{}, fmt.Errorf("interview %d: %w", iid, db.ErrNotFound)
	}
	if err != nil {
		return Appointment{}, fmt.Errorf("interview %d: %w", iid, err)
	}
	return iv, nil
}

// Interviews lists an application's interviews, oldest first. Callers have
// checked who may see the application.
func (s *Store) Interviews(ctx context.Context, appID int64) ([]Appointment, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+interviewCols+` FROM interviews WHERE application_id = ? ORDER BY id`, appID)
	if err != nil {
		return nil, fmt.Errorf("interviews of application %d: %w", appID, err)
	}
	defer rows.Close()
	var out []Appointment
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return nil, fmt.Errorf("interviews of application %d: %w", appID, err)
		}
		out = append(out, iv)
	}
	return out, rows.Err()
}

func joinSlots(ts []time.Time) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.UTC().Format(time.RFC3339)
	}
	return strings.Join(parts, " ")
}

func splitSlots(s string) []time.Time {
	var out []time.Time
	for _, p := range strings.Fields(s) {
		if t, err := time.Parse(time.RFC3339, p); err == nil {
			out = append(out, t.UTC())
		}
	}
	return out
}

func slotIndex(slots []time.Time, t time.Time) int {
	for i, x := range slots {
		if x.Equal(t) {
			return i
		}
	}
	return -1
}

// InterviewCalendar is interview iid of application appID as an .ics file
// (ICS) for its seeker or its employer; to anybody else it is not found,
// and before the seeker picked a time there is nothing to put in a
// calendar (a conflict).
func (s *Store) InterviewCalendar(ctx context.Context, u *auth.User, appID, iid int64) ([]byte, error) {
	iv, a, _, err := s.InterviewFor(ctx, u, appID, iid)
	if err != nil {
		return nil, err
	}
	if !iv.HasChosen() {
		return nil, fmt.Errorf("interview %d has no chosen time: %w", iid, fail.Conflict)
	}
	return ICS(iv, a, s.Now()), nil
}

// InterviewStage reports whether an application in status may take an
// interview proposal: open, and not yet offered a job (ProposeInterview's rule).
func InterviewStage(status string) bool {
	return !Final(status) && stageRank(status) >= 0 && stageRank(status) <= stageRank(Interview)
}

// Interviewable is InterviewStage for the applicant list's form.
func (a Applicant) Interviewable() bool { return InterviewStage(a.Status) }

// Open reports whether the interview waits for the seeker's answer.
func (iv Appointment) Open() bool { return iv.Status == InterviewProposed }

// withInterviews fills in the interviews of vacancy vid's applicants as,
// in one query.
func (s *Store) withInterviews(ctx context.Context, vid int64, as []Applicant) error {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+interviewCols+` FROM interviews
		WHERE application_id IN (SELECT id FROM applications WHERE vacancy_id = ?) ORDER BY id`, vid)
	if err != nil {
		return fmt.Errorf("interviews of vacancy %d: %w", vid, err)
	}
	defer rows.Close()
	by := map[int64][]Appointment{}
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return fmt.Errorf("interviews of vacancy %d: %w", vid, err)
		}
		by[iv.ApplicationID] = append(by[iv.ApplicationID], iv)
	}
	for i := range as {
		as[i].Interviews = by[as[i].ApplicationID]
	}
	return rows.Err()
}
