package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// myEmployer returns the company the logged-in HR user manages, or ok=false
// when they have not registered one yet.
func (s *Server) myEmployer(r *req) (employer.Employer, bool, error) {
	return s.App.Employers.ForOwner(r.Context(), r.User.ID)
}

type employerDashData struct {
	E         employer.Employer
	Vacancies []vacancy.Vacancy
}

func (s *Server) employerDashboard(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.PostVacancy); err != nil {
		return err
	}
	e, ok, err := s.myEmployer(r)
	if err != nil {
		return err
	}
	if !ok {
		http.Redirect(w, r.Request, "/perusahaan/daftar", http.StatusSeeOther)
		return nil
	}
	vs, err := s.App.Vacancies.ByEmployer(r.Context(), e.ID)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "employer.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "employer", b, employerDashData{E: e, Vacancies: vs})
}

func (s *Server) employerForm(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.RegisterEmployer); err != nil {
		return err
	}
	if _, ok, err := s.myEmployer(r); err != nil {
		return err
	} else if ok {
		http.Redirect(w, r.Request, "/perusahaan", http.StatusSeeOther)
		return nil
	}
	return s.render(w, http.StatusOK, "employer_form", s.newBase(w, r, "employer_form.title"), employer.SizeClasses)
}

func (s *Server) employerRegister(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.RegisterEmployer); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	if _, ok, err := s.myEmployer(r); err != nil {
		return err
	} else if ok {
		http.Redirect(w, r.Request, "/perusahaan", http.StatusSeeOther)
		return nil
	}
	f := r.PostFormValue
	_, err := s.App.Employers.Register(r.Context(), s.App.DB, r.User.ID, employer.Input{Name: f("name"), NIB: f("nib"),
		KBLISection: f("kbli"), SizeClass: f("size"), Region: f("region"), Address: f("address"),
		ContactName: f("contact_name"), ContactPhone: f("contact_phone"), ContactEmail: f("contact_email")})
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
}

func (s *Server) vacancyFormData(e employer.Employer) vacancyFormData {
	d := vacancyFormData{E: e, Occupations: ref.Occupations(), Skills: ref.Skills(), UMK: map[string]string{},
		MinClose: wib.Date(s.App.Now()).Format("2006-01-02")}
	for _, reg := range ref.Regions() {
		if a, y, ok := vacancy.UMKFor(reg.Code, s.App.Now()); ok {
			d.UMK[reg.Code] = vacancy.Rupiah(a)
			d.UMKYear = y
		}
	}
	return d
}

// ownVacancy loads the path's vacancy if it belongs to the user's company.
func (s *Server) ownVacancy(r *req) (employer.Employer, vacancy.Vacancy, error) {
	if err := need(r, auth.PostVacancy); err != nil {
		return employer.Employer{}, vacancy.Vacancy{}, err
	}
	e, ok, err := s.myEmployer(r)
	if err != nil {
		return employer.Employer{}, vacancy.Vacancy{}, err
	}
	if !ok {
		return employer.Employer{}, vacancy.Vacancy{}, db.ErrNotFound
	}
	id, err := pathID(r)
	if err != nil {
		return employer.Employer{}, vacancy.Vacancy{}, err
	}
	v, err := s.App.Vacancies.Get(r.Context(), id)
	if err != nil {
		return employer.Employer{}, vacancy.Vacancy{}, err
	}
	if v.EmployerID != e.ID {
		return employer.Employer{}, vacancy.Vacancy{}, db.ErrNotFound
	}
	return e, v, nil
}

func (s *Server) vacancyForm(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.PostVacancy); err != nil {
		return err
	}
	var d vacancyFormData
	if r.PathValue("id") != "" {
		e, v, err := s.ownVacancy(r)
		if err != nil {
			return err
		}
		d = s.vacancyFormData(e)
		d.V, d.Edit = v, true
	} else {
		e, ok, err := s.myEmployer(r)
		if err != nil {
			return err
		}
		if !ok {
			http.Redirect(w, r.Request, "/perusahaan/daftar", http.StatusSeeOther)
			return nil
		}
		d = s.vacancyFormData(e)
		d.V = vacancy.Vacancy{Region: e.Region, Openings: 1, Contract: "pkwt", ClosesOn: wib.Date(s.App.Now()).AddDate(0, 1, 0)}
		if a, _, ok := vacancy.UMKFor(e.Region, s.App.Now()); ok {
			d.V.WageMin, d.V.WageMax = a, a
		}
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
	if err := need(r, auth.PostVacancy); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	e, ok, err := s.myEmployer(r)
	if err != nil {
		return err
	}
	if !ok {
		return db.ErrNotFound
	}
	in, errs := vacancyInput(r)
	var v vacancy.Vacancy
	if err = errs.Err(); err == nil {
		v, err = s.App.Vacancies.Create(r.Context(), e, in, r.PostFormValue("publish") == "1")
	}
	if b, ok := s.withErrors(s.newBase(w, r, "vacancy_form.title"), r, err); ok {
		return s.render(w, http.StatusUnprocessableEntity, "vacancy_form", b, s.vacancyFormData(e))
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.vacancy_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d", v.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) vacancyUpdate(w http.ResponseWriter, r *req) error {
	e, v, err := s.ownVacancy(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, errs := vacancyInput(r)
	if err = errs.Err(); err == nil {
		err = s.App.Vacancies.Update(r.Context(), e, v.ID, in)
	}
	if b, ok := s.withErrors(s.newBase(w, r, "vacancy_form.title"), r, err); ok {
		d := s.vacancyFormData(e)
		d.V, d.Edit = v, true
		return s.render(w, http.StatusUnprocessableEntity, "vacancy_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.vacancy_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d", v.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) vacancyStatus(w http.ResponseWriter, r *req) error {
	e, v, err := s.ownVacancy(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	err = s.App.Vacancies.SetStatus(r.Context(), e, v.ID, r.PostFormValue("status"))
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.status_changed")
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d", v.ID), http.StatusSeeOther)
	return nil
}

type applicantsData struct {
	E          employer.Employer
	V          vacancy.Vacancy
	Applicants []vacancy.Applicant
	Candidates []fit
	Stages     []string
	Today      string
}

func (s *Server) applicants(w http.ResponseWriter, r *req) error {
	e, v, err := s.ownVacancy(r)
	if err != nil {
		return err
	}
	as, err := s.App.Vacancies.Applicants(r.Context(), e, v.ID, r.User.ID)
	if err != nil {
		return err
	}
	cands, err := s.candidates(r.Context(), v, 20)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "applicants.title")
	b.Title = v.Title
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "applicants", b, applicantsData{E: e, V: v, Applicants: as, Candidates: cands,
		Stages: vacancy.Stages, Today: wib.Date(s.App.Now()).Format("2006-01-02")})
}

// applicationOwner loads the path's application's vacancy for the user's company.
func (s *Server) applicationOwner(r *req) (employer.Employer, vacancy.Application, error) {
	if err := need(r, auth.ManageApplicants); err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	e, ok, err := s.myEmployer(r)
	if err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	if !ok {
		return employer.Employer{}, vacancy.Application{}, db.ErrNotFound
	}
	id, err := pathID(r)
	if err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	a, err := s.App.Vacancies.Application(r.Context(), id)
	if err != nil {
		return employer.Employer{}, vacancy.Application{}, err
	}
	if a.EmployerID != e.ID {
		return employer.Employer{}, vacancy.Application{}, db.ErrNotFound
	}
	return e, a, nil
}

func (s *Server) applicationMove(w http.ResponseWriter, r *req) error {
	e, a, err := s.applicationOwner(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	err = s.App.Vacancies.Move(r.Context(), e, a.ID, r.User.ID, r.PostFormValue("status"), r.PostFormValue("reason"))
	return s.afterApplicationChange(w, r, a, err)
}

func (s *Server) applicationHire(w http.ResponseWriter, r *req) error {
	e, a, err := s.applicationOwner(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	wage, ok := formInt(r, "wage")
	if !ok {
		err = valid.New("wage", "number_invalid")
	} else {
		_, err = s.App.Vacancies.ReportHire(r.Context(), e, a.ID, r.User.ID, r.PostFormValue("start_date"), wage)
	}
	return s.afterApplicationChange(w, r, a, err)
}

// afterApplicationChange returns to the applicant list with a message: the
// change, or what was wrong with it.
func (s *Server) afterApplicationChange(w http.ResponseWriter, r *req, a vacancy.Application, err error) error {
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.status_changed")
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", a.VacancyID, a.ID), http.StatusSeeOther)
	return nil
}
