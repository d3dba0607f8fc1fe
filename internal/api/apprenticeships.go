package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/apprentice"
)

// apprAPI lists the endpoints of apprenticeship programs (Permenaker 6/2020).
func (s *Server) apprAPI() []route {
	return []route{
		{"GET", "/api/v1/apprenticeships", s.listApprenticeships},
		{"POST", "/api/v1/apprenticeships", s.applyApprenticeship},
		{"GET", "/api/v1/apprenticeships/queue", s.apprenticeshipQueue},
		{"GET", "/api/v1/me/apprenticeships", s.myApprenticeships},
		{"GET", "/api/v1/apprenticeships/{id}", s.getApprenticeship},
		{"POST", "/api/v1/apprenticeships/{id}/decision", s.decideApprenticeship},
		{"POST", "/api/v1/apprenticeships/{id}/vacancies", s.openApprenticeshipVacancy},
		{"GET", "/api/v1/apprenticeships/{id}/apprentices", s.apprenticeRoster},
		{"POST", "/api/v1/apprenticeships/{id}/apprentices", s.takeApprentice},
		{"POST", "/api/v1/apprenticeships/{id}/apprentices/{aid}/end", s.endApprentice},
	}
}

// ApprenticeshipInput is a company's application for a program.
type ApprenticeshipInput struct {
	Title        string `json:"title"`
	Occupation   string `json:"occupation"`
	Standard     string `json:"standard"`
	Region       string `json:"region"`
	Seats        int    `json:"seats"`
	Months       int    `json:"months"`
	TheoryShare  int    `json:"theory_share"`
	Allowance    int64  `json:"allowance"`
	Insurance    *bool  `json:"insurance"`
	MentorName   string `json:"mentor_name"`
	MentorTitle  string `json:"mentor_title"`
	TrainingPlan string `json:"training_plan"`
	StartOn      string `json:"start_on"`
	Workforce    int    `json:"workforce"`
}

// ApprenticeshipCreated is the answer to an application.
type ApprenticeshipCreated struct {
	ID       int64  `json:"id"`
	Status   string `json:"status"`
	DecideBy string `json:"decide_by"`
}

// ApprenticeshipOutcomesJSON are a program's public figures; counts from
// 1 to 4 are "<5".
type ApprenticeshipOutcomesJSON struct {
	Running   string `json:"running"`
	Completed string `json:"completed"`
	Hired     string `json:"hired"`
	Dropped   string `json:"dropped"`
}

// ApprenticeshipJSON is a program with its terms.
type ApprenticeshipJSON struct {
	ID           int64                      `json:"id"`
	EmployerID   int64                      `json:"employer_id"`
	Employer     string                     `json:"employer"`
	Title        string                     `json:"title"`
	Occupation   string                     `json:"occupation"`
	Standard     string                     `json:"standard"`
	Region       string                     `json:"region"`
	Seats        int                        `json:"seats"`
	OpenSeats    int                        `json:"open_seats"`
	Months       int                        `json:"months"`
	TheoryShare  int                        `json:"theory_share"`
	Allowance    int64                      `json:"allowance"`
	Insurance    bool                       `json:"insurance"`
	MentorName   string                     `json:"mentor_name"`
	MentorTitle  string                     `json:"mentor_title"`
	TrainingPlan string                     `json:"training_plan"`
	StartOn      string                     `json:"start_on"`
	Status       string                     `json:"status"`
	DecideBy     string                     `json:"decide_by"`
	Overdue      bool                       `json:"overdue"`
	Reason       string                     `json:"reason"`
	Outcomes     ApprenticeshipOutcomesJSON `json:"outcomes"`
}

func apprenticeshipJSON(p apprentice.Program) ApprenticeshipJSON {
	run, done, dropped, hired := apprentice.Public(p.Running, p.Completed, p.Dropped, p.Hired)
	return ApprenticeshipJSON{ID: p.ID, EmployerID: p.EmployerID, Employer: p.EmployerName, Title: p.Title, Occupation: p.Occupation,
		Standard: p.Standard, Region: p.Region, Seats: p.Seats, OpenSeats: p.OpenSeats(), Months: p.Months, TheoryShare: p.TheoryShare,
		Allowance: p.Allowance, Insurance: p.Insurance, MentorName: p.MentorName, MentorTitle: p.MentorTitle, TrainingPlan: p.TrainingPlan,
		StartOn: p.StartOn.Format(time.DateOnly), Status: p.Status, DecideBy: p.DecideBy.Format(time.DateOnly), Overdue: p.Overdue,
		Reason: p.Reason, Outcomes: ApprenticeshipOutcomesJSON{Running: run.Shown(), Completed: done.Shown(),
			Hired: hired.Shown(), Dropped: dropped.Shown()}}
}

func apprenticeshipsJSON(ps []apprentice.Program) []ApprenticeshipJSON {
	out := make([]ApprenticeshipJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, apprenticeshipJSON(p))
	}
	return out
}

// ApprenticeshipList is a list of programs.
type ApprenticeshipList struct {
	Items []ApprenticeshipJSON `json:"items"`
	Total int                  `json:"total"`
}

func (s *Server) listApprenticeships(w http.ResponseWriter, c *call) error {
	ps, err := s.App.Apprentices.Open(c.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ApprenticeshipList{Items: apprenticeshipsJSON(ps), Total: len(ps)})
}

func (s *Server) myApprenticeships(w http.ResponseWriter, c *call) error {
	ps, err := s.App.Apprentices.Mine(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ApprenticeshipList{Items: apprenticeshipsJSON(ps), Total: len(ps)})
}

func (s *Server) applyApprenticeship(w http.ResponseWriter, c *call) error {
	var b ApprenticeshipInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	p, err := s.App.Apprentices.Apply(c.Context(), c.User, apprentice.Input{Title: b.Title, Occupation: b.Occupation, Standard: b.Standard,
		Region: b.Region, Seats: b.Seats, Months: b.Months, TheoryShare: b.TheoryShare, Allowance: b.Allowance, Insurance: b.Insurance,
		MentorName: b.MentorName, MentorTitle: b.MentorTitle, TrainingPlan: b.TrainingPlan, StartOn: b.StartOn, Workforce: b.Workforce})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/apprenticeships/"+strconv.FormatInt(p.ID, 10))
	return writeJSON(w, http.StatusCreated, ApprenticeshipCreated{ID: p.ID, Status: p.Status, DecideBy: p.DecideBy.Format(time.DateOnly)})
}

func (s *Server) getApprenticeship(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.App.Apprentices.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apprenticeshipJSON(p))
}

// ApprenticeshipQueue is the officers' queue.
type ApprenticeshipQueue struct {
	Waiting []ApprenticeshipJSON `json:"waiting"`
	Overdue int                  `json:"overdue"`
	Decided []ApprenticeshipJSON `json:"decided"`
}

func (s *Server) apprenticeshipQueue(w http.ResponseWriter, c *call) error {
	q, err := s.App.Apprentices.Queue(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ApprenticeshipQueue{Waiting: apprenticeshipsJSON(q.Waiting), Overdue: q.Overdue,
		Decided: apprenticeshipsJSON(q.Decided)})
}

// ApprenticeshipDecision is an officer's decision.
type ApprenticeshipDecision struct {
	Approve *bool  `json:"approve"`
	Reason  string `json:"reason"`
}

func (s *Server) decideApprenticeship(w http.ResponseWriter, c *call) error {
	var b ApprenticeshipDecision
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	p, err := s.App.Apprentices.Decide(c.Context(), c.User, id, b.Approve, b.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apprenticeshipJSON(p))
}

// ApprenticeshipVacancyInput opens a program's magang vacancy.
type ApprenticeshipVacancyInput struct {
	ClosesOn  string `json:"closes_on"`
	Education string `json:"education"`
}

// ApprenticeshipVacancy is the vacancy opened.
type ApprenticeshipVacancy struct {
	VacancyID int64 `json:"vacancy_id"`
	Openings  int   `json:"openings"`
}

func (s *Server) openApprenticeshipVacancy(w http.ResponseWriter, c *call) error {
	var b ApprenticeshipVacancyInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	v, err := s.App.Apprentices.OpenVacancy(c.Context(), c.User, id, apprentice.VacancyInput{ClosesOn: b.ClosesOn, Education: b.Education})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, ApprenticeshipVacancy{VacancyID: v.ID, Openings: v.Openings})
}

// ApprenticeJSON is one apprentice, as the company sees it.
type ApprenticeJSON struct {
	ID            int64  `json:"id"`
	ApplicationID int64  `json:"application_id"`
	Name          string `json:"name"`
	StartOn       string `json:"start_on"`
	EndsOn        string `json:"ends_on"`
	Status        string `json:"status"`
	Certificate   string `json:"certificate"`
	Issuer        string `json:"issuer"`
	Reason        string `json:"reason"`
	Hired         bool   `json:"hired"`
	EndedOn       string `json:"ended_on"`
}

func apprenticeJSON(a apprentice.Apprentice, p apprentice.Program) ApprenticeJSON {
	j := ApprenticeJSON{ID: a.ID, ApplicationID: a.ApplicationID, Name: a.Name, StartOn: a.StartOn.Format(time.DateOnly),
		EndsOn: a.EndsOn(p).Format(time.DateOnly), Status: a.Status, Certificate: a.Certificate, Issuer: a.Issuer,
		Reason: a.Reason, Hired: a.Hired}
	if !a.EndedOn.IsZero() {
		j.EndedOn = a.EndedOn.Format(time.DateOnly)
	}
	return j
}

// ApprenticeCandidateJSON is an applicant who may be taken on.
type ApprenticeCandidateJSON struct {
	ApplicationID int64  `json:"application_id"`
	Name          string `json:"name"`
	Status        string `json:"status"`
	VacancyID     int64  `json:"vacancy_id"`
}

// ApprenticeRoster is a program's apprentices and candidates.
type ApprenticeRoster struct {
	Program     ApprenticeshipJSON        `json:"program"`
	Apprentices []ApprenticeJSON          `json:"apprentices"`
	Candidates  []ApprenticeCandidateJSON `json:"candidates"`
	Cap         int                       `json:"cap"`
	RunningAll  int                       `json:"running_all"`
}

func (s *Server) apprenticeRoster(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := s.App.Apprentices.Roster(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	out := ApprenticeRoster{Program: apprenticeshipJSON(r.Program), Apprentices: []ApprenticeJSON{}, Candidates: []ApprenticeCandidateJSON{},
		Cap: r.Cap, RunningAll: r.RunningAll}
	for _, a := range r.Apprentices {
		out.Apprentices = append(out.Apprentices, apprenticeJSON(a, r.Program))
	}
	for _, k := range r.Candidates {
		out.Candidates = append(out.Candidates, ApprenticeCandidateJSON{ApplicationID: k.ApplicationID, Name: k.Name, Status: k.Status, VacancyID: k.VacancyID})
	}
	return writeJSON(w, http.StatusOK, out)
}

// ApprenticeTake takes an applicant on.
type ApprenticeTake struct {
	ApplicationID int64  `json:"application_id"`
	StartOn       string `json:"start_on"`
}

func (s *Server) takeApprentice(w http.ResponseWriter, c *call) error {
	var b ApprenticeTake
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	a, err := s.App.Apprentices.Take(c.Context(), c.User, id, b.ApplicationID, b.StartOn)
	if err != nil {
		return err
	}
	p, err := s.App.Apprentices.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, apprenticeJSON(a, p))
}

// ApprenticeEnd ends an apprenticeship.
type ApprenticeEnd struct {
	Outcome     string `json:"outcome"`
	Certificate string `json:"certificate"`
	Issuer      string `json:"issuer"`
	Reason      string `json:"reason"`
	Hired       *bool  `json:"hired"`
}

func (s *Server) endApprentice(w http.ResponseWriter, c *call) error {
	var b ApprenticeEnd
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	// An unreadable apprentice id is 0, which no apprentice has: the
	// store checks who asks first (401/403), then answers 404.
	aid, _ := strconv.ParseInt(c.PathValue("aid"), 10, 64)
	a, err := s.App.Apprentices.End(c.Context(), c.User, id, aid, apprentice.EndInput{Outcome: b.Outcome, Certificate: b.Certificate,
		Issuer: b.Issuer, Reason: b.Reason, Hired: b.Hired})
	if err != nil {
		return err
	}
	p, err := s.App.Apprentices.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apprenticeJSON(a, p))
}
