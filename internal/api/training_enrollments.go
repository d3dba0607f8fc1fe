package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// EnrollmentJSON is a participant of a program.
type EnrollmentJSON struct {
	ID                int64  `json:"id"`
	ProgramID         int64  `json:"program_id"`
	RoundID           int64  `json:"round_id"`
	SeekerID          int64  `json:"seeker_id"`
	Name              string `json:"name,omitempty"`
	EnrolledOn        string `json:"enrolled_on"`
	AttendancePercent *int   `json:"attendance_percent"`
	SessionsAttended  int    `json:"sessions_attended,omitempty"`
	SessionsHeld      int    `json:"sessions_held,omitempty"`
	CompletedOn       string `json:"completed_on,omitempty"`
	CertificateNumber string `json:"certificate_number,omitempty"`
	CertifiedOn       string `json:"certified_on,omitempty"`
}

func enrollmentJSON(e training.Enrollment, withName bool) EnrollmentJSON {
	j := EnrollmentJSON{ID: e.ID, ProgramID: e.ProgramID, RoundID: e.RoundID, SeekerID: e.SeekerID,
		EnrolledOn: isoDate(e.EnrolledOn), SessionsAttended: e.SessionsAttended, SessionsHeld: e.SessionsHeld,
		CompletedOn: isoDate(e.CompletedOn), CertificateNumber: e.CertificateNo, CertifiedOn: isoDate(e.CertifiedOn)}
	if withName {
		j.Name = e.SeekerName
	}
	if e.HasAttendance {
		p := e.AttendancePct
		j.AttendancePercent = &p
	}
	return j
}

func (s *Server) roster(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := s.App.Training.RosterFor(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	items := []EnrollmentJSON{}
	for _, e := range r.Participants {
		items = append(items, enrollmentJSON(e, true))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// enroll enrolls one seat holder of the path's program (seeker_id), or
// every one of an allocated round not enrolled yet.
func (s *Server) enroll(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.App.Training.ProgramToManage(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	var b struct {
		RoundID  int64 `json:"round_id"`
		SeekerID int64 `json:"seeker_id"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.RoundID == 0 {
		return valid.New("round_id", "required")
	}
	if b.SeekerID == 0 {
		n, err := s.App.Training.EnrollSeated(c.Context(), c.User.ID, b.RoundID, p.ID)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"enrolled": n})
	}
	e, err := s.App.Training.EnrollIn(c.Context(), c.User.ID, p.ID, b.RoundID, b.SeekerID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, enrollmentJSON(e, true))
}

// enrollmentAction runs one change on the path's enrollment, which the
// caller must keep, and answers with the enrollment as it now stands.
func (s *Server) enrollmentAction(w http.ResponseWriter, c *call, body any, do func(id int64) error) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.App.Training.EnrollmentToManage(c.Context(), c.User, id); err != nil {
		return err
	}
	if err := decode(w, c, body); err != nil {
		return err
	}
	if err := do(id); err != nil {
		return err
	}
	e, err := s.App.Training.Enrollment(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, enrollmentJSON(e, true))
}

func (s *Server) recordAttendance(w http.ResponseWriter, c *call) error {
	var b struct {
		Percent  int `json:"percent"`
		Attended int `json:"attended"`
		Held     int `json:"held"`
	}
	return s.enrollmentAction(w, c, &b, func(id int64) error {
		return s.App.Training.RecordAttendance(c.Context(), c.User.ID, id, training.Attendance{Percent: b.Percent, Attended: b.Attended, Held: b.Held})
	})
}

func (s *Server) completeCourse(w http.ResponseWriter, c *call) error {
	var b struct {
		CompletedOn string `json:"completed_on"`
	}
	return s.enrollmentAction(w, c, &b, func(id int64) error {
		return s.App.Training.Complete(c.Context(), c.User.ID, id, b.CompletedOn)
	})
}

func (s *Server) certify(w http.ResponseWriter, c *call) error {
	var b struct {
		Number      string `json:"number"`
		CertifiedOn string `json:"certified_on"`
	}
	return s.enrollmentAction(w, c, &b, func(id int64) error {
		return s.App.Training.Certify(c.Context(), c.User.ID, id, b.Number, b.CertifiedOn)
	})
}
