package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Enrollment is a participant of a program, from a seat won in a round.
type Enrollment struct {
	ID               int64
	ProgramID        int64
	RoundID          int64
	SeekerID         int64
	SeekerName       string
	EnrolledOn       time.Time
	HasAttendance    bool
	AttendancePct    int
	SessionsAttended int // 0 with SessionsHeld 0 when recorded as a percentage
	SessionsHeld     int
	CompletedOn      time.Time // zero = not completed
	CertificateNo    string    // BNSP certificate number; "" = none
	CertifiedOn      time.Time
	// The program's, for lists that show enrollments of several programs.
	ProgramTitle      string
	ProviderID        int64
	ProviderName      string
	CertificateScheme string
}

// Completed reports whether the participant finished the course.
func (e Enrollment) Completed() bool { return !e.CompletedOn.IsZero() }

// Certified reports whether the participant holds the certificate.
func (e Enrollment) Certified() bool { return !e.CertifiedOn.IsZero() }

const enrollmentCols = `e.id, e.program_id, e.round_id, e.seeker_id, sk.full_name, e.enrolled_on, e.attendance_pct,
	e.sessions_attended, e.sessions_held, e.completed_on, COALESCE(e.certificate_number, ''), e.certified_on,
	p.title, p.provider_id, pr.name, p.certificate_scheme`

const enrollmentFrom = ` FROM enrollments e JOIN seekers sk ON sk.id = e.seeker_id JOIN programs p ON p.id = e.program_id
	JOIN providers pr ON pr.id = p.provider_id`

func scanEnrollment(sc interface{ Scan(...any) error }) (Enrollment, error) {
	var e Enrollment
	var pct sql.NullInt64
	var completed, certified sql.NullTime
	err := sc.Scan(&e.ID, &e.ProgramID, &e.RoundID, &e.SeekerID, &e.SeekerName, &e.EnrolledOn, &pct,
		&e.SessionsAttended, &e.SessionsHeld, &completed, &e.CertificateNo, &certified,
		&e.ProgramTitle, &e.ProviderID, &e.ProviderName, &e.CertificateScheme)
	e.HasAttendance, e.AttendancePct = pct.Valid, int(pct.Int64)
	e.CompletedOn, e.CertifiedOn = completed.Time, certified.Time
	return e, err
}

// Enrollment returns enrollment id.
func (s *Store) Enrollment(ctx context.Context, id int64) (Enrollment, error) {
	e, err := scanEnrollment(s.DB.QueryRowContext(ctx, `SELECT `+enrollmentCols+enrollmentFrom+` WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Enrollment{}, fmt.Errorf("enrollment %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Enrollment{}, fmt.Errorf("enrollment %d: %w", id, err)
	}
	return e, nil
}

func (s *Store) enrollments(ctx context.Context, what, where string, args ...any) ([]Enrollment, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+enrollmentCols+enrollmentFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Enrollment
	for rows.Next() {
		e, err := scanEnrollment(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Roster lists a program's participants, newest intake first, by name.
func (s *Store) Roster(ctx context.Context, programID int64) ([]Enrollment, error) {
	return s.enrollments(ctx, "roster of program "+strconv.FormatInt(programID, 10),
		`e.program_id = ? ORDER BY e.round_id DESC, sk.full_name, e.id`, programID)
}

// EnrollmentsOf lists a seeker's enrollments, newest first.
func (s *Store) EnrollmentsOf(ctx context.Context, seekerID int64) ([]Enrollment, error) {
	return s.enrollments(ctx, "enrollments of seeker "+strconv.FormatInt(seekerID, 10),
		`e.seeker_id = ? ORDER BY e.round_id DESC, e.id DESC`, seekerID)
}

// programStaff checks actorID may keep programID's course records.
func (s *Store) programStaff(ctx context.Context, q db.Querier, programID, actorID int64) error {
	a, err := actorByID(ctx, q, actorID)
	if err != nil {
		return err
	}
	if err := a.need(auth.ManageTraining); err != nil {
		return err
	}
	var providerID int64
	err = q.QueryRowContext(ctx, `SELECT provider_id FROM programs WHERE id = ?`, programID).Scan(&providerID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("program %d: %w", programID, db.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("program %d: %w", programID, err)
	}
	if err := a.manage(providerID); err != nil {
		return fmt.Errorf("program %d: %w", programID, err)
	}
	return nil
}

// EnrollmentToManage returns enrollment id if u may keep its course
// record: the staff of its program's provider may; another provider's
// participant is not found.
func (s *Store) EnrollmentToManage(ctx context.Context, u *auth.User, id int64) (Enrollment, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return Enrollment{}, err
	}
	return s.enrollmentToManage(ctx, a, id)
}

// enrollmentToManage asks the roles first, so a role that never keeps
// course records learns nothing about which enrollments exist.
func (s *Store) enrollmentToManage(ctx context.Context, a actor, id int64) (Enrollment, error) {
	if err := a.need(auth.ManageTraining); err != nil {
		return Enrollment{}, err
	}
	e, err := s.Enrollment(ctx, id)
	if err != nil {
		return Enrollment{}, err
	}
	if err := a.manage(e.ProviderID); err != nil {
		return Enrollment{}, fmt.Errorf("enrollment %d: %w", id, err)
	}
	return e, nil
}

// enrollmentAs is enrollmentToManage for a writer known by id.
func (s *Store) enrollmentAs(ctx context.Context, actorID, id int64) (Enrollment, error) {
	a, err := actorByID(ctx, s.DB, actorID)
	if err != nil {
		return Enrollment{}, err
	}
	return s.enrollmentToManage(ctx, a, id)
}

// Enroll turns a seeker's seat in an allocated round into an enrollment in
// that program, on today's date. actorID must be staff of the program's
// provider.
func (s *Store) Enroll(ctx context.Context, actorID, roundID, seekerID int64) (Enrollment, error) {
	return s.EnrollIn(ctx, actorID, 0, roundID, seekerID)
}

// EnrollIn is Enroll for a seat in program programID only (0: any): a seat
// in another program, or none, is no_seat.
func (s *Store) EnrollIn(ctx context.Context, actorID, programID, roundID, seekerID int64) (Enrollment, error) {
	if programID != 0 {
		if err := s.programStaff(ctx, s.DB, programID, actorID); err != nil {
			return Enrollment{}, err
		}
	}
	var seat sql.NullInt64
	err := s.DB.QueryRowContext(ctx, `SELECT program_id FROM round_results WHERE round_id = ? AND seeker_id = ?`,
		roundID, seekerID).Scan(&seat)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Enrollment{}, fmt.Errorf("seat of seeker %d in round %d: %w", seekerID, roundID, err)
	}
	if !seat.Valid || (programID != 0 && seat.Int64 != programID) {
		return Enrollment{}, valid.New("seeker", "no_seat")
	}
	if programID == 0 {
		if err := s.programStaff(ctx, s.DB, seat.Int64, actorID); err != nil {
			return Enrollment{}, err
		}
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = s.enroll(ctx, tx, actorID, roundID, seat.Int64, seekerID)
		return err
	})
	if db.IsUniqueViolation(err) {
		return Enrollment{}, valid.New("seeker", "already_enrolled")
	}
	if err != nil {
		return Enrollment{}, err
	}
	return s.Enrollment(ctx, id)
}

func (s *Store) enroll(ctx context.Context, q db.Querier, actorID, roundID, programID, seekerID int64) (int64, error) {
	now := s.Now().UTC()
	id, err := db.InsertID(ctx, q, `INSERT INTO enrollments (program_id, round_id, seeker_id, enrolled_on, enrolled_by,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, programID, roundID, seekerID, today(s.Now), nullID(actorID), now, now)
	if err != nil {
		return 0, fmt.Errorf("enroll seeker %d in program %d: %w", seekerID, programID, err)
	}
	return id, nil
}

// EnrollSeated enrolls every seat holder of a program in an allocated round
// who is not enrolled yet, and returns how many it enrolled.
func (s *Store) EnrollSeated(ctx context.Context, actorID, roundID, programID int64) (int, error) {
	if err := s.programStaff(ctx, s.DB, programID, actorID); err != nil {
		return 0, err
	}
	n := 0
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT res.seeker_id FROM round_results res WHERE res.round_id = ? AND res.program_id = ?
			AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.round_id = res.round_id AND e.seeker_id = res.seeker_id)
			ORDER BY res.seeker_id`, roundID, programID)
		if err != nil {
			return fmt.Errorf("seat holders of program %d: %w", programID, err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("seat holders of program %d: %w", programID, err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("seat holders of program %d: %w", programID, err)
		}
		for _, sk := range ids {
			if _, err := s.enroll(ctx, tx, actorID, roundID, programID, sk); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// Attendance is recorded as a percentage, or as sessions attended of
// sessions held when Held > 0 (then the percentage is derived, rounded
// down, so 80% means at least 80%).
type Attendance struct {
	Percent  int
	Attended int
	Held     int
}

// RecordAttendance sets a participant's attendance.
func (s *Store) RecordAttendance(ctx context.Context, actorID, enrollmentID int64, a Attendance) error {
	if _, err := s.enrollmentAs(ctx, actorID, enrollmentID); err != nil {
		return err
	}
	pct := a.Percent
	if a.Held > 0 || a.Attended > 0 {
		if a.Held <= 0 || a.Held > 10000 || a.Attended < 0 || a.Attended > a.Held {
			return valid.New("sessions", "sessions_invalid")
		}
		pct = a.Attended * 100 / a.Held
	} else if pct < 0 || pct > 100 {
		return valid.New("attendance", "percent_invalid")
	}
	_, err := s.DB.ExecContext(ctx, `UPDATE enrollments SET attendance_pct = ?, sessions_attended = ?, sessions_held = ?,
		updated_at = ? WHERE id = ?`, pct, a.Attended, a.Held, s.Now().UTC(), enrollmentID)
	if err != nil {
		return fmt.Errorf("attendance of enrollment %d: %w", enrollmentID, err)
	}
	return nil
}

// parseDay reads a YYYY-MM-DD civil date that must not lie after today.
func (s *Store) parseDay(field, in string) (time.Time, error) {
	d, err := wib.ParseDate(strings.TrimSpace(in))
	if err != nil {
		return time.Time{}, valid.New(field, "date_invalid")
	}
	if d.After(today(s.Now)) {
		return time.Time{}, valid.New(field, "date_future")
	}
	return d, nil
}

// Complete records that a participant finished the course on a day
// (YYYY-MM-DD); it can be corrected until a certificate is recorded.
func (s *Store) Complete(ctx context.Context, actorID, enrollmentID int64, on string) error {
	e, err := s.enrollmentAs(ctx, actorID, enrollmentID)
	if err != nil {
		return err
	}
	day, err := s.parseDay("completed_on", on)
	if err != nil {
		return err
	}
	switch {
	case day.Before(e.EnrolledOn):
		return valid.New("completed_on", "completed_before_enrolled")
	case e.Certified():
		return valid.New("completed_on", "enrollment_certified")
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET completed_on = ?, updated_at = ? WHERE id = ?`,
			day, now, enrollmentID); err != nil {
			return fmt.Errorf("complete enrollment %d: %w", enrollmentID, err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.complete",
			SubjectType: "enrollment", SubjectID: enrollmentID, Detail: day.Format(time.DateOnly)})
	})
}

// Certify records the BNSP certificate a participant who completed the
// course received: its number (unique) and date (YYYY-MM-DD).
func (s *Store) Certify(ctx context.Context, actorID, enrollmentID int64, number, on string) error {
	e, err := s.enrollmentAs(ctx, actorID, enrollmentID)
	if err != nil {
		return err
	}
	if !e.Completed() {
		return valid.New("certificate", "not_completed")
	}
	number = strings.Join(strings.Fields(number), " ")
	switch {
	case number == "":
		return valid.New("certificate_number", "required")
	case len(number) > 64:
		return valid.New("certificate_number", "too_long", "max", 64)
	}
	day, err := s.parseDay("certified_on", on)
	if err != nil {
		return err
	}
	if day.Before(e.CompletedOn) {
		return valid.New("certified_on", "certified_before_completed")
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET certificate_number = ?, certified_on = ?, updated_at = ?
			WHERE id = ?`, number, day, now, enrollmentID); err != nil {
			return fmt.Errorf("certify enrollment %d: %w", enrollmentID, err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.certify",
			SubjectType: "enrollment", SubjectID: enrollmentID, Detail: number})
	})
	if db.IsUniqueViolation(err) {
		return valid.New("certificate_number", "certificate_taken")
	}
	return err
}
