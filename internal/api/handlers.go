package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

type loginBody struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// UserJSON is the public shape of a user.
type UserJSON struct {
	ID    int64    `json:"id"`
	Name  string   `json:"name"`
	Login string   `json:"login"`
	Roles []string `json:"roles"`
}

func userJSON(u *auth.User) UserJSON {
	roles := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = string(r)
	}
	return UserJSON{ID: u.ID, Name: u.Name, Login: u.Login(), Roles: roles}
}

func (s *Server) login(w http.ResponseWriter, c *call) error {
	var b loginBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	u, err := s.App.Auth.Authenticate(c.Context(), b.Login, b.Password, app.ClientAddr(c.Request))
	switch {
	case errors.Is(err, auth.ErrBadCredentials):
		return valid.New("login", "login_wrong")
	case err != nil:
		return err
	}
	if err := s.App.SetSession(c.Context(), w, c.Request, u.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userJSON(&u))
}

func (s *Server) logout(w http.ResponseWriter, c *call) error {
	if err := s.App.EndSession(w, c.Request); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) me(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	return writeJSON(w, http.StatusOK, userJSON(c.User))
}

// RegionJSON is a regency/city with its minimum wages.
type RegionJSON struct {
	Code      string           `json:"code"`
	Name      string           `json:"name"`
	Kind      string           `json:"kind"`
	Neighbors []string         `json:"neighbors"`
	UMK       map[string]int64 `json:"umk"`
}

func (s *Server) regions(w http.ResponseWriter, c *call) error {
	out := []RegionJSON{}
	for _, r := range ref.Regions() {
		rj := RegionJSON{Code: r.Code, Name: r.Name, Kind: r.Kind, Neighbors: r.Neighbors, UMK: map[string]int64{}}
		for _, mw := range ref.MinimumWages() {
			if mw.RegionCode == r.Code {
				rj.UMK[strconv.Itoa(mw.Year)] = mw.Amount
			}
		}
		out = append(out, rj)
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

// VacancyJSON is the public shape of a vacancy.
type VacancyJSON struct {
	ID              int64    `json:"id"`
	EmployerID      int64    `json:"employer_id"`
	Employer        string   `json:"employer"`
	Title           string   `json:"title"`
	KBJI            string   `json:"kbji"`
	Skills          []string `json:"skills"`
	Education       string   `json:"education"`
	Region          string   `json:"region"`
	Openings        int      `json:"openings"`
	Hired           int      `json:"hired"`
	WageMin         int64    `json:"wage_min"`
	WageMax         int64    `json:"wage_max"`
	Contract        string   `json:"contract"`
	ClosesOn        string   `json:"closes_on"`
	Description     string   `json:"description"`
	AgeMin          int      `json:"age_min,omitempty"`
	AgeMax          int      `json:"age_max,omitempty"`
	ExperienceYears int      `json:"experience_years,omitempty"`
	LocalSharePct   *int     `json:"local_share_pct,omitempty"`
	BelowUMK        bool     `json:"below_umk"`
	Status          string   `json:"status"`
	PublishedAt     string   `json:"published_at,omitempty"`
	URL             string   `json:"url"`
}

func vacancyJSON(v vacancy.Vacancy) VacancyJSON {
	skills := v.Skills
	if skills == nil {
		skills = []string{}
	}
	j := VacancyJSON{ID: v.ID, EmployerID: v.EmployerID, Employer: v.EmployerName, Title: v.Title, KBJI: v.KBJI,
		Skills: skills, Education: v.Education, Region: v.Region, Openings: v.Openings, Hired: v.Hired,
		WageMin: v.WageMin, WageMax: v.WageMax, Contract: v.Contract, ClosesOn: v.ClosesOn.Format(time.DateOnly),
		Description: v.Description, AgeMin: v.AgeMin, AgeMax: v.AgeMax, ExperienceYears: v.ExperienceYears,
		LocalSharePct: v.LocalSharePct, BelowUMK: v.BelowUMK, Status: v.Status, URL: "/lowongan/" + strconv.FormatInt(v.ID, 10)}
	if !v.PublishedAt.IsZero() {
		j.PublishedAt = v.PublishedAt.UTC().Format(time.RFC3339)
	}
	return j
}

func (s *Server) listVacancies(w http.ResponseWriter, c *call) error {
	f, err := vacancy.ParseFilter(c.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.App.Vacancies.Search(c.Context(), f)
	if err != nil {
		return err
	}
	items := make([]VacancyJSON, 0, len(res.Items))
	for _, v := range res.Items {
		items = append(items, vacancyJSON(v))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": res.Total, "page": res.Page, "per_page": res.PerPage})
}

func (s *Server) getVacancy(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := s.App.Vacancies.Get(c.Context(), id)
	if err != nil {
		return err
	}
	if !v.Public() {
		if _, own, err := s.ownVacancy(c, v); err != nil || !own {
			return db.ErrNotFound
		}
	}
	return writeJSON(w, http.StatusOK, vacancyJSON(v))
}

// ownVacancy reports whether the caller's company owns v.
func (s *Server) ownVacancy(c *call, v vacancy.Vacancy) (employer.Employer, bool, error) {
	if c.User == nil || !c.User.Can(auth.PostVacancy) {
		return employer.Employer{}, false, nil
	}
	e, ok, err := s.myEmployer(c)
	return e, ok && e.ID == v.EmployerID, err
}

func (s *Server) myEmployer(c *call) (employer.Employer, bool, error) {
	return s.App.Employers.ForOwner(c.Context(), c.User.ID)
}

// VacancyInput is the body of POST /api/v1/vacancies.
type VacancyInput struct {
	Title           string   `json:"title"`
	KBJI            string   `json:"kbji"`
	Skills          []string `json:"skills"`
	Education       string   `json:"education"`
	Region          string   `json:"region"`
	Openings        int      `json:"openings"`
	WageMin         int64    `json:"wage_min"`
	WageMax         int64    `json:"wage_max"`
	Contract        string   `json:"contract"`
	ClosesOn        string   `json:"closes_on"`
	Description     string   `json:"description"`
	AgeMin          int      `json:"age_min"`
	AgeMax          int      `json:"age_max"`
	ExperienceYears int      `json:"experience_years"`
	LocalSharePct   *int     `json:"local_share_pct"`
	BelowUMK        bool     `json:"below_umk"`
	// Publish defaults to true: the vacancy goes public at once.
	Publish *bool `json:"publish"`
}

func (s *Server) createVacancy(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.PostVacancy); err != nil {
		return err
	}
	var in VacancyInput
	if err := decode(w, c, &in); err != nil {
		return err
	}
	e, ok, err := s.myEmployer(c)
	if err != nil {
		return err
	}
	if !ok {
		return valid.New("employer", "employer_not_verified")
	}
	publish := in.Publish == nil || *in.Publish
	v, err := s.App.Vacancies.Create(c.Context(), e, vacancy.Input{Title: in.Title, KBJI: in.KBJI, Skills: in.Skills,
		Education: in.Education, Region: in.Region, Openings: in.Openings, WageMin: in.WageMin, WageMax: in.WageMax,
		Contract: in.Contract, ClosesOn: in.ClosesOn, Description: in.Description, AgeMin: in.AgeMin, AgeMax: in.AgeMax,
		ExperienceYears: in.ExperienceYears, LocalSharePct: in.LocalSharePct, BelowUMK: in.BelowUMK}, publish)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/vacancies/"+strconv.FormatInt(v.ID, 10))
	return writeJSON(w, http.StatusCreated, vacancyJSON(v))
}

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
}

func (s *Server) vacancyApplications(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ManageApplicants); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := s.App.Vacancies.Get(c.Context(), id)
	if err != nil {
		return err
	}
	e, own, err := s.ownVacancy(c, v)
	if err != nil {
		return err
	}
	if !own {
		return errForbidden
	}
	as, err := s.App.Vacancies.Applicants(c.Context(), e, id, c.User.ID)
	if err != nil {
		return err
	}
	items := make([]ApplicantJSON, 0, len(as))
	for _, a := range as {
		sex := "L"
		if a.Female {
			sex = "P"
		}
		skills := a.Skills
		if skills == nil {
			skills = []string{}
		}
		items = append(items, ApplicantJSON{ApplicationID: a.ApplicationID, Name: a.Name, Age: a.Age, Sex: sex,
			Domicile: a.Domicile, Education: a.Education, Skills: skills, Experience: a.Experience,
			Certificates: a.Certificates, ExpectedWage: a.ExpectedWage, Status: a.Status, StatusReason: a.StatusReason,
			Note: a.Note, AppliedAt: a.AppliedAt.UTC().Format(time.RFC3339)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
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
}

// EventJSON is one step of the timeline.
type EventJSON struct {
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	At     string `json:"at"`
}

func applicationJSON(a vacancy.Application) ApplicationJSON {
	j := ApplicationJSON{ID: a.ID, VacancyID: a.VacancyID, VacancyTitle: a.VacancyTitle, Employer: a.EmployerName,
		Status: a.Status, StatusReason: a.StatusReason, CreatedAt: a.CreatedAt.UTC().Format(time.RFC3339), Events: []EventJSON{}}
	for _, e := range a.Events {
		j.Events = append(j.Events, EventJSON{Status: e.Status, Reason: e.Reason, At: e.At.UTC().Format(time.RFC3339)})
	}
	return j
}

type applyBody struct {
	Note string `json:"note"`
}

func (s *Server) apply(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ApplyVacancy); err != nil {
		return err
	}
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
	sk, err := s.App.Seekers.ByUser(c.Context(), c.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		return valid.New("ak1", "ak1_required")
	}
	if err != nil {
		return err
	}
	hasCard, err := s.App.Seekers.HasValidCard(c.Context(), sk.ID)
	if err != nil {
		return err
	}
	a, err := s.App.Vacancies.Apply(c.Context(), id, sk, hasCard, b.Note)
	if err != nil {
		return err
	}
	full, err := s.App.Vacancies.Application(c.Context(), a.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, applicationJSON(full))
}

func (s *Server) myApplications(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ApplyVacancy); err != nil {
		return err
	}
	sk, err := s.App.Seekers.ByUser(c.Context(), c.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		return writeJSON(w, http.StatusOK, map[string]any{"items": []ApplicationJSON{}, "total": 0})
	}
	if err != nil {
		return err
	}
	as, err := s.App.Vacancies.BySeeker(c.Context(), sk.ID)
	if err != nil {
		return err
	}
	items := make([]ApplicationJSON, 0, len(as))
	for _, a := range as {
		items = append(items, applicationJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// ownApplication loads an application of the caller's company.
func (s *Server) ownApplication(c *call) (employer.Employer, vacancy.Application, error) {
	if err := need(c, auth.ManageApplicants); err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	id, err := pathID(c)
	if err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	a, err := s.App.Vacancies.Application(c.Context(), id)
	if err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	e, ok, err := s.myEmployer(c)
	if err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	if !ok || a.EmployerID != e.ID {
		return employer.Employer{}, vacancy.Application{}, errForbidden
	}
	return e, a, nil
}

type moveBody struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
}

func (s *Server) moveApplication(w http.ResponseWriter, c *call) error {
	e, a, err := s.ownApplication(c)
	if err != nil {
		return err
	}
	var b moveBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Vacancies.Move(c.Context(), e, a.ID, c.User.ID, strings.TrimSpace(b.Status), b.Reason); err != nil {
		return err
	}
	full, err := s.App.Vacancies.Application(c.Context(), a.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, applicationJSON(full))
}

type hireBody struct {
	StartDate string `json:"start_date"`
	Wage      int64  `json:"wage"`
}

func (s *Server) reportHire(w http.ResponseWriter, c *call) error {
	e, a, err := s.ownApplication(c)
	if err != nil {
		return err
	}
	var b hireBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	p, err := s.App.Vacancies.ReportHire(c.Context(), e, a.ID, c.User.ID, b.StartDate, b.Wage)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"id": p.ID, "application_id": p.ApplicationID,
		"vacancy_id": p.VacancyID, "start_date": p.StartDate.Format(time.DateOnly), "wage": p.Wage})
}
