package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// interviewAPI lists the endpoints of interviews on an application.
func (s *Server) interviewAPI() []route {
	return []route{
		{"POST", "/api/v1/applications/{id}/interviews", s.proposeInterview},
		{"POST", "/api/v1/applications/{id}/interviews/{iid}/answer", s.answerInterview},
		{"POST", "/api/v1/applications/{id}/interviews/{iid}/attendance", s.interviewAttendance},
		// ServeMux wildcards take a whole segment, so "{iid}.ics" is read
		// by the handler (interviewICS), which 404s anything else.
		{"GET", "/api/v1/applications/{id}/interviews/{iid}.ics", s.interviewICS},
	}
}

// InterviewJSON is an interview on an application, as both sides see it.
type InterviewJSON struct {
	ID            int64    `json:"id"`
	ApplicationID int64    `json:"application_id"`
	Slots         []string `json:"slots"`
	Place         string   `json:"place"`
	OnlineURL     string   `json:"online_url"`
	Contact       string   `json:"contact"`
	Bring         string   `json:"bring"`
	Status        string   `json:"status"`
	// Chosen is null until the seeker picks a slot.
	Chosen           *string `json:"chosen"`
	Note             string  `json:"note"`
	SeekerAttended   *bool   `json:"seeker_attended"`
	EmployerAttended *bool   `json:"employer_attended"`
}

func interviewJSON(iv vacancy.Appointment) InterviewJSON {
	j := InterviewJSON{ID: iv.ID, ApplicationID: iv.ApplicationID, Slots: make([]string, 0, len(iv.Slots)), Place: iv.Place,
		OnlineURL: iv.OnlineURL, Contact: iv.Contact, Bring: iv.Bring, Status: iv.Status, Note: iv.Note,
		SeekerAttended: iv.SeekerAttended, EmployerAttended: iv.EmployerAttended}
	for _, t := range iv.Slots {
		j.Slots = append(j.Slots, t.UTC().Format(time.RFC3339))
	}
	if iv.HasChosen() {
		c := iv.Chosen.UTC().Format(time.RFC3339)
		j.Chosen = &c
	}
	return j
}

func interviewsJSON(ivs []vacancy.Appointment) []InterviewJSON {
	out := make([]InterviewJSON, 0, len(ivs))
	for _, iv := range ivs {
		out = append(out, interviewJSON(iv))
	}
	return out
}

// InterviewInput is the body of POST /api/v1/applications/{id}/interviews.
type InterviewInput struct {
	Slots     []string `json:"slots"`
	Place     string   `json:"place"`
	OnlineURL string   `json:"online_url"`
	Contact   string   `json:"contact"`
	Bring     string   `json:"bring"`
}

// InterviewAnswerInput is the seeker's answer: one of slot, decline, reschedule.
type InterviewAnswerInput struct {
	Slot       string `json:"slot"`
	Decline    bool   `json:"decline"`
	Reschedule bool   `json:"reschedule"`
	Note       string `json:"note"`
}

// AttendanceInput says whether the interview took place.
type AttendanceInput struct {
	Attended *bool `json:"attended"`
}

func (s *Server) proposeInterview(w http.ResponseWriter, c *call) error {
	var b InterviewInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	iv, err := s.App.Vacancies.ProposeInterview(c.Context(), c.User, id, vacancy.InterviewInput{Slots: b.Slots,
		Place: b.Place, OnlineURL: b.OnlineURL, Contact: b.Contact, Bring: b.Bring})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, interviewJSON(iv))
}

// interviewIDs reads the path's application and interview ids. Only a
// logged-in party may call, so an anonymous caller is told to log in before
// the path is read.
func interviewIDs(c *call, suffix string) (int64, int64, error) {
	if c.User == nil {
		return 0, 0, errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return 0, 0, err
	}
	raw, ok := strings.CutSuffix(c.PathValue("iid"), suffix)
	iid, err := strconv.ParseInt(raw, 10, 64)
	if !ok || err != nil || iid <= 0 {
		return 0, 0, db.ErrNotFound
	}
	return id, iid, nil
}

func (s *Server) answerInterview(w http.ResponseWriter, c *call) error {
	id, iid, err := interviewIDs(c, "")
	if err != nil {
		return err
	}
	var b InterviewAnswerInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	iv, err := s.App.Vacancies.AnswerInterview(c.Context(), c.User, id, iid,
		vacancy.InterviewAnswer{Slot: b.Slot, Decline: b.Decline, Reschedule: b.Reschedule, Note: b.Note})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, interviewJSON(iv))
}

func (s *Server) interviewAttendance(w http.ResponseWriter, c *call) error {
	id, iid, err := interviewIDs(c, "")
	if err != nil {
		return err
	}
	var b AttendanceInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.Attended == nil {
		return valid.New("attended", "required")
	}
	iv, err := s.App.Vacancies.RecordAttendance(c.Context(), c.User, id, iid, *b.Attended)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, interviewJSON(iv))
}

func (s *Server) interviewICS(w http.ResponseWriter, c *call) error {
	id, iid, err := interviewIDs(c, ".ics")
	if err != nil {
		return err
	}
	b, err := s.App.Vacancies.InterviewCalendar(c.Context(), c.User, id, iid)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="wawancara-`+strconv.FormatInt(iid, 10)+`.ics"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(b)
	return err
}
