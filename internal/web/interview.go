package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// interviewRoutes registers the interview forms: the employer proposes on
// the applicant list, the seeker answers on the dashboard, and either says
// afterwards whether it took place. The .ics links go to the API's
// GET /api/v1/applications/{id}/interviews/{iid}.ics, which the session
// cookie opens too.
func (s *Server) interviewRoutes(mux *http.ServeMux) {
	mux.Handle("POST /perusahaan/lamaran/{id}/wawancara", s.page(s.interviewPropose))
	mux.Handle("POST /pencari/lamaran/{id}/wawancara/{iid}", s.page(s.interviewAnswer))
	mux.Handle("POST /lamaran/{id}/wawancara/{iid}/hadir", s.page(s.interviewAttendance))
}

func (s *Server) interviewPropose(w http.ResponseWriter, r *req) error {
	a, err := s.postedApplication(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Vacancies.ProposeInterview(r.Context(), r.User, a.ID, vacancy.InterviewInput{Slots: r.PostForm["slot"],
		Place: r.PostFormValue("place"), OnlineURL: r.PostFormValue("online_url"), Contact: r.PostFormValue("contact"), Bring: r.PostFormValue("bring")})
	if err := s.flashOutcome(w, r, err, "flash.interview_proposed"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", a.VacancyID, a.ID), http.StatusSeeOther)
	return nil
}

// postedInterview reads a form posted on the path's application and
// interview.
func postedInterview(w http.ResponseWriter, r *req) (int64, int64, error) {
	id, err := postedID(w, r)
	if err != nil {
		return 0, 0, err
	}
	iid, err := strconv.ParseInt(r.PathValue("iid"), 10, 64)
	if err != nil || iid <= 0 {
		return 0, 0, db.ErrNotFound
	}
	return id, iid, nil
}

// interviewAnswer takes the seeker's answer: the "answer" button says
// which (pilih with a chosen slot, lain with a note, tidak).
func (s *Server) interviewAnswer(w http.ResponseWriter, r *req) error {
	id, iid, err := postedInterview(w, r)
	if err != nil {
		return err
	}
	var ans vacancy.InterviewAnswer
	switch r.PostFormValue("answer") {
	case "pilih":
		ans.Slot = r.PostFormValue("slot")
	case "lain":
		ans.Reschedule, ans.Note = true, r.PostFormValue("note")
	case "tidak":
		ans.Decline = true
	}
	_, err = s.App.Vacancies.AnswerInterview(r.Context(), r.User, id, iid, ans)
	if err := s.flashOutcome(w, r, err, "flash.interview_answered"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari#wawancara-%d", iid), http.StatusSeeOther)
	return nil
}

// interviewAttendance records either side's word on attendance and goes
// back to that side's page.
func (s *Server) interviewAttendance(w http.ResponseWriter, r *req) error {
	id, iid, err := postedInterview(w, r)
	if err != nil {
		return err
	}
	_, a, side, err := s.App.Vacancies.InterviewFor(r.Context(), r.User, id, iid)
	if err != nil {
		return err
	}
	_, err = s.App.Vacancies.RecordAttendance(r.Context(), r.User, id, iid, r.PostFormValue("attended") == "ya")
	if err := s.flashOutcome(w, r, err, "flash.interview_attendance"); err != nil {
		return err
	}
	back := fmt.Sprintf("/pencari#wawancara-%d", iid)
	if side == vacancy.SideEmployer {
		back = fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", a.VacancyID, a.ID)
	}
	http.Redirect(w, r.Request, back, http.StatusSeeOther)
	return nil
}
