package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

// ApplicantJSON is what an employer sees of an applicant: never the NIK.
type ApplicantJSON struct {
	ApplicationID int64    `json:"application_id"`
	Name          string   `json:"name"`
	Age           int      `json:"age"`
	Sex           string   `json:"sex"`
	Domicile      string   `json:"domicile"`
	Education     string   `json:"education"`
	Skills        []string `json:"skills"`
	Experience    string   `json:"experience"`
	Certificates  string   `json:"certificates"`
	ExpectedWage  int64    `json:"expected_wage"`
	Status        string   `json:"status"`
	StatusReason  string   `json:"status_reason,omitempty"`
	Note          string   `json:"note,omitempty"`
	AppliedAt     string   `json:"applied_at"`
	// Interviews proposed on the application, as the seeker sees them.
	Interviews []InterviewJSON `json:"interviews"`
	// The background (profile_background.go): the kecamatan only while the
	// seeker shares a contact for this application, "" otherwise.
	Kecamatan   string           `json:"kecamatan"`
	Experiences []ExperienceJSON `json:"experiences"`
	Licences    []LicenceJSON    `json:"licences"`
	Languages   []LanguageJSON   `json:"languages"`
}

func applicantJSON(a vacancy.Applicant) ApplicantJSON {
	sex := "L"
	if a.Female {
		sex = "P"
	}
	skills := a.Skills
	if skills == nil {
		skills = []string{}
	}
	j := ApplicantJSON{ApplicationID: a.ApplicationID, Name: a.Name, Age: a.Age, Sex: sex,
		Domicile: a.Domicile, Education: a.Education, Skills: skills, Experience: a.Experience,
		Certificates: a.Certificates, ExpectedWage: a.ExpectedWage, Status: a.Status, StatusReason: a.StatusReason,
		Note: a.Note, AppliedAt: a.AppliedAt.UTC().Format(time.RFC3339), Interviews: interviewsJSON(a.Interviews)}
	var addr AddressJSON
	addr, j.Experiences, j.Licences, j.Languages = backgroundJSON(a.Background)
	j.Kecamatan = addr.Kecamatan
	return j
}

func (s *Server) vacancyApplications(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	q, err := vacancy.ParseApplicantQuery(c.URL.Query())
	if err != nil {
		return err
	}
	_, as, err := s.App.Vacancies.Applicants(c.Context(), c.User, id, q)
	if err != nil {
		return err
	}
	items := make([]ApplicantJSON, 0, len(as))
	for _, a := range as {
		items = append(items, applicantJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// markSeen tells a vacancy's new applicants that the company has seen their
// application; reading the list (a GET) changes nothing.
func (s *Server) markSeen(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	n, err := s.App.Vacancies.MarkSeen(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"marked": n})
}

// ApplicationJSON is a seeker's view of an application with its timeline.
type ApplicationJSON struct {
	ID           int64       `json:"id"`
	VacancyID    int64       `json:"vacancy_id"`
	VacancyTitle string      `json:"vacancy_title"`
	Employer     string      `json:"employer"`
	Status       string      `json:"status"`
	StatusReason string      `json:"status_reason,omitempty"`
	CreatedAt    string      `json:"created_at"`
	Events       []EventJSON `json:"events"`
	Offer        *OfferJSON  `json:"offer,omitempty"`
	// Interviews proposed on the application (interviews.go).
	Interviews []InterviewJSON `json:"interviews"`
}

// EventJSON is one step of the timeline.
type EventJSON struct {
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	At     string `json:"at"`
}

func applicationJSON(a vacancy.Application) ApplicationJSON {
	j := ApplicationJSON{ID: a.ID, VacancyID: a.VacancyID, VacancyTitle: a.VacancyTitle, Employer: a.EmployerName,
		Status: a.Status, StatusReason: a.StatusReason, CreatedAt: a.CreatedAt.UTC().Format(time.RFC3339), Events: []EventJSON{},
		Interviews: interviewsJSON(a.Interviews)}
	for _, e := range a.Events {
		j.Events = append(j.Events, EventJSON{Status: e.Status, Reason: e.Reason, At: e.At.UTC().Format(time.RFC3339)})
	}
	if a.Offer != nil {
		o := offerJSON(*a.Offer)
		j.Offer = &o
	}
	return j
}

type applyBody struct {
	Note string `json:"note"`
}

func (s *Server) apply(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b applyBody
	if c.ContentLength != 0 {
		if err := decode(w, c, &b); err != nil {
			return err
		}
	}
	a, err := s.App.Vacancies.Apply(c.Context(), c.User, id, b.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, applicationJSON(a))
}

func (s *Server) myApplications(w http.ResponseWriter, c *call) error {
	as, err := s.App.Vacancies.MyApplications(c.Context(), c.User)
	if err != nil {
		return err
	}
	items := make([]ApplicationJSON, 0, len(as))
	for _, a := range as {
		items = append(items, applicationJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

type moveBody struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
}

func (s *Server) moveApplication(w http.ResponseWriter, c *call) error {
	var b moveBody
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	a, err := s.App.Vacancies.Move(c.Context(), c.User, id, b.Status, b.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, applicationJSON(a))
}

// withdraw takes a seeker's own application back ("ditarik").
func (s *Server) withdraw(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.App.Vacancies.Withdraw(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, applicationJSON(a))
}

type hireBody struct {
	StartDate string `json:"start_date"`
	Wage      int64  `json:"wage"`
}

func (s *Server) reportHire(w http.ResponseWriter, c *call) error {
	var b hireBody
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	o, err := s.App.Vacancies.ReportHire(c.Context(), c.User, id, b.StartDate, b.Wage)
	if err != nil {
		return err
	}
	// 202: the hire is reported, not made; it is made when the seeker
	// confirms it (POST …/offer/answer {"accept":true}).
	return writeJSON(w, http.StatusAccepted, offerJSON(o))
}

// pathIDAndBody reads a post on the path's record: its id and the JSON body
// into v. Who may post it is the domain's to say.
func pathIDAndBody(w http.ResponseWriter, c *call, v any) (int64, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, err
	}
	return id, decode(w, c, v)
}
