package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// myEmployer returns the company the logged-in HR user manages, or ok=false
// when they have not registered one yet. The findings pages use it; the
// vacancy pages let the vacancy store decide.
func (s *Server) myEmployer(r *req) (employer.Employer, bool, error) {
	return s.App.Employers.ForOwner(r.Context(), r.User.ID)
}

type employerDashData struct {
	E         employer.Employer
	Vacancies []vacancy.Owned
	Screens   map[int64]vacancy.Screen // screening decisions (screen.go)
	// Resp is the company's own responsiveness, shown first with a nudge.
	Resp vacancy.Responsiveness
}

func (s *Server) employerDashboard(w http.ResponseWriter, r *req) error {
	e, vs, err := s.App.Vacancies.OwnVacancies(r.Context(), r.User)
	if registerFirst(w, r, err) {
		return nil
	}
	if err != nil {
		return err
	}
	screens, err := s.App.Vacancies.Screens(r.Context(), e.ID)
	if err != nil {
		return err
	}
	resp, err := s.App.Vacancies.OwnResponsiveness(r.Context(), r.User)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "employer.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "employer", b, employerDashData{E: e, Vacancies: vs, Screens: screens, Resp: resp})
}

func (s *Server) employerForm(w http.ResponseWriter, r *req) error {
	_, err := s.App.Employers.Current(r.Context(), r.User)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/perusahaan", http.StatusSeeOther)
		return nil
	case !errors.Is(err, employer.ErrNotRegistered):
		return err
	}
	return s.render(w, http.StatusOK, "employer_form", s.newBase(w, r, "employer_form.title"), employer.SizeClasses)
}

func (s *Server) employerRegister(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostFormValue
	_, err := s.App.Employers.RegisterAs(r.Context(), r.User, employer.Input{Name: f("name"), NIB: f("nib"),
		KBLISection: f("kbli"), SizeClass: f("size"), Region: f("region"), Address: f("address"),
		ContactName: f("contact_name"), ContactPhone: f("contact_phone"), ContactEmail: f("contact_email")})
	if errors.Is(err, employer.ErrRegistered) {
		http.Redirect(w, r.Request, "/perusahaan", http.StatusSeeOther)
		return nil
	}
	if b, ok := s.withErrors(s.newBase(w, r, "employer_form.title"), r, err); ok {
		return s.render(w, http.StatusUnprocessableEntity, "employer_form", b, employer.SizeClasses)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.employer_registered")
	http.Redirect(w, r.Request, "/perusahaan", http.StatusSeeOther)
	return nil
}

type vacancyFormData struct {
	E           employer.Employer
	V           vacancy.Vacancy
	Edit        bool
	Occupations []ref.Occupation
	Skills      []ref.Skill
	UMK         map[string]string
	UMKYear     int
	MinClose    string
	Screen      vacancy.Screen // screening flags (screen.go)
}

// vacancyFormData is the form for a vacancy of e: a new one unless v is set.
func (s *Server) vacancyFormData(e employer.Employer, v *vacancy.Vacancy) vacancyFormData {
	now := s.App.Now()
	d := vacancyFormData{E: e, Occupations: ref.Occupations(), Skills: ref.Skills(), UMK: map[string]string{},
		MinClose: wib.Date(now).Format("2006-01-02")}
	for _, reg := range ref.Regions() {
		if a, y, ok := vacancy.UMKFor(reg.Code, now); ok {
			d.UMK[reg.Code] = vacancy.Rupiah(a)
			d.UMKYear = y
		}
	}
	if v != nil {
		d.V, d.Edit = *v, true
		d.V.WageMin, d.V.WageMax = v.UnitWageMin, v.UnitWageMax // the form edits the wage as stated, in its unit
		return d
	}
	d.V = vacancy.Vacancy{Region: e.Region, Openings: 1, Contract: "pkwt", ClosesOn: wib.Date(now).AddDate(0, 1, 0)}
	if a, _, ok := vacancy.UMKFor(e.Region, now); ok {
		d.V.WageMin, d.V.WageMax = a, a
	}
	return d
}

// vacancyForm is the form for a new vacancy, or for changing the path's.
func (s *Server) vacancyForm(w http.ResponseWriter, r *req) error {
	var d vacancyFormData
	if r.PathValue("id") != "" {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		e, v, err := s.App.Vacancies.Own(r.Context(), r.User, id)
		if err != nil {
			return err
		}
		d = s.vacancyFormData(e, &v)
		if err := s.screenForm(r, &d); err != nil {
			return err
		}
	} else {
		e, err := s.App.Employers.Current(r.Context(), r.User)
		if registerFirst(w, r, err) {
			return nil
		}
		if err != nil {
			return err
		}
		d = s.vacancyFormData(e, nil)
	}
	b := s.newBase(w, r, "vacancy_form.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "vacancy_form", b, d)
}

// vacancyInput reads the vacancy form; numbers that do not parse are
// reported beside their fields.
func vacancyInput(r *req) (vacancy.Input, valid.Errors) {
	var errs valid.Errors
	num := func(field string) int64 { return formNum(r, &errs, field) }
	in := vacancy.Input{
		Title: r.PostFormValue("title"), KBJI: r.PostFormValue("kbji"), Skills: r.PostForm["skills"],
		Education: r.PostFormValue("education"), Region: r.PostFormValue("region"),
		Openings: int(num("openings")), WageMin: num("wage_min"), WageMax: num("wage_max"),
		Contract: r.PostFormValue("contract"), ClosesOn: r.PostFormValue("closes_on"),
		Description: r.PostFormValue("description"), AgeMin: int(num("age_min")), AgeMax: int(num("age_max")),
		ExperienceYears: int(num("experience_years")), BelowUMK: r.PostFormValue("below_umk") == "1",
	}
	in.Facts = vfactsForm(r, &errs) // wage unit, worksite, agency, accessibility: vfacts.go
	if v := strings.TrimSpace(r.PostFormValue("local_share")); v != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(v, "%"))
		if err != nil {
			errs.Add("local_share", "number_invalid")
		}
		in.LocalSharePct = &n
	}
	return in, errs
}

func (s *Server) vacancyCreate(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	// The company, for the form shown again when something is wrong.
	e, err := s.App.Employers.Current(r.Context(), r.User)
	if registerFirst(w, r, err) {
		return nil
	}
	if err != nil {
		return err
	}
	in, errs := vacancyInput(r)
	var v vacancy.Vacancy
	if err = errs.Err(); err == nil {
		v, err = s.App.Vacancies.Create(r.Context(), r.User, in, r.PostFormValue("publish") == "1")
	}
	if b, ok := s.withErrors(s.newBase(w, r, "vacancy_form.title"), r, err); ok {
		return s.render(w, http.StatusUnprocessableEntity, "vacancy_form", b, s.vacancyFormData(e, nil))
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.vacancy_saved")
	http.Redirect(w, r.Request, s.afterSave(r, v.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) vacancyUpdate(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	in, errs := vacancyInput(r)
	if err = errs.Err(); err == nil {
		err = s.App.Vacancies.Update(r.Context(), r.User, id, in)
	}
	if b, ok := s.withErrors(s.newBase(w, r, "vacancy_form.title"), r, err); ok {
		// Shown again only to the vacancy's own company.
		e, v, err := s.App.Vacancies.Own(r.Context(), r.User, id)
		if err != nil {
			return err
		}
		d := s.vacancyFormData(e, &v)
		if err := s.screenForm(r, &d); err != nil {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "vacancy_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.vacancy_saved")
	http.Redirect(w, r.Request, s.afterSave(r, id), http.StatusSeeOther)
	return nil
}

func (s *Server) vacancyStatus(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	err = s.App.Vacancies.SetStatus(r.Context(), r.User, id, r.PostFormValue("status"))
	if err := s.flashOutcome(w, r, err, "flash.status_changed"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d", id), http.StatusSeeOther)
	return nil
}

type applicantsData struct {
	V          vacancy.Vacancy
	Applicants []vacancy.Applicant
	Candidates []vacancy.Candidate
	Today      string
	Query      vacancy.ApplicantQuery
	Stages     []string
	Sorts      []string
	Filtered   bool
}

// applicants is the employer's page of one vacancy: its applicants and the
// candidates the ranking proposes.
func (s *Server) applicants(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, qerr := vacancy.ParseApplicantQuery(r.URL.Query())
	v, as, err := s.App.Vacancies.Applicants(r.Context(), r.User, id, q)
	if err != nil {
		return err
	}
	cands, err := s.App.Vacancies.Candidates(r.Context(), r.User, id, 20)
	if _, closed := valid.As(err); closed {
		// A vacancy not open has no candidates; the page says why.
		cands, err = nil, nil
	}
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "applicants.title")
	b.Title = v.Title
	b.Robots = "noindex"
	status := http.StatusOK
	if eb, bad := s.withErrors(b, r, qerr); bad {
		b, status = eb, http.StatusUnprocessableEntity
	}
	return s.render(w, status, "applicants", b, applicantsData{V: v, Applicants: as, Candidates: cands, Query: q,
		Stages: append(slices.Clone(vacancy.Stages), vacancy.Rejected), Sorts: vacancy.ApplicantSorts, Filtered: q != vacancy.ApplicantQuery{},
		Today: wib.Date(s.App.Now()).Format("2006-01-02")})
}

// markSeen tells this vacancy's new applicants that the company has seen
// their application (a POST: opening the list changes nothing).
func (s *Server) markSeen(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	if _, err := s.App.Vacancies.MarkSeen(r.Context(), r.User, id); err != nil {
		return err
	}
	s.flash(w, r, "flash.applications_seen")
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d", id), http.StatusSeeOther)
	return nil
}

func (s *Server) applicationMove(w http.ResponseWriter, r *req) error {
	a, err := s.postedApplication(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Vacancies.Move(r.Context(), r.User, a.ID, r.PostFormValue("status"), r.PostFormValue("reason"))
	return s.afterApplicationChange(w, r, a, err)
}

func (s *Server) applicationHire(w http.ResponseWriter, r *req) error {
	a, err := s.postedApplication(w, r)
	if err != nil {
		return err
	}
	if wage, ok := formInt(r, "wage"); !ok {
		err = valid.New("wage", "number_invalid")
	} else {
		_, err = s.App.Vacancies.ReportHire(r.Context(), r.User, a.ID, r.PostFormValue("start_date"), wage)
	}
	if err := s.flashOutcome(w, r, err, "flash.hire_reported"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", a.VacancyID, a.ID), http.StatusSeeOther)
	return nil
}

// postedApplication reads a form posted on the path's application, which
// the user's company must have received: the page goes back to it.
func (s *Server) postedApplication(w http.ResponseWriter, r *req) (vacancy.Application, error) {
	id, err := postedID(w, r)
	if err != nil {
		return vacancy.Application{}, err
	}
	return s.App.Vacancies.ApplicationFor(r.Context(), r.User, id)
}

// afterApplicationChange returns to the applicant list with a message: the
// change, or what was wrong with it.
func (s *Server) afterApplicationChange(w http.ResponseWriter, r *req, a vacancy.Application, err error) error {
	if err := s.flashOutcome(w, r, err, "flash.status_changed"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", a.VacancyID, a.ID), http.StatusSeeOther)
	return nil
}
