package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/apprentice"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// apprRoutes registers the apprenticeship pages (Permenaker 6/2020): the
// public list and program pages, the company's application form and
// roster, and the labor office's queue.
func (s *Server) apprRoutes(mux *http.ServeMux) {
	mux.Handle("GET /magang", s.page(s.apprList))
	mux.Handle("GET /magang/{id}", s.page(s.apprProgram))
	mux.Handle("GET /perusahaan/magang", s.page(s.apprMine))
	mux.Handle("GET /perusahaan/magang/baru", s.page(s.apprForm))
	mux.Handle("POST /perusahaan/magang/baru", s.page(s.apprApply))
	mux.Handle("GET /perusahaan/magang/{id}", s.page(s.apprRoster))
	mux.Handle("POST /perusahaan/magang/{id}/lowongan", s.page(s.apprOpenVacancy))
	mux.Handle("POST /perusahaan/magang/{id}/peserta", s.page(s.apprTake))
	mux.Handle("POST /perusahaan/magang/{id}/peserta/{aid}/akhir", s.page(s.apprEnd))
	mux.Handle("GET /petugas/magang", s.page(s.apprQueue))
	mux.Handle("POST /petugas/magang/{id}", s.page(s.apprDecide))
}

// apprListData is the public list.
type apprListData struct {
	Programs []apprentice.Program
}

func (s *Server) apprList(w http.ResponseWriter, r *req) error {
	ps, err := s.App.Apprentices.Open(r.Context())
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "appr.list.title")
	b.Description = s.Catalog.T(r.Lang, "appr.list.lead")
	return s.render(w, http.StatusOK, "appr_list", b, apprListData{Programs: ps})
}

// apprProgramData is one program's public page.
type apprProgramData struct {
	P         apprentice.Program
	Outcomes  apprentice.Outcomes
	Vacancies []vacancy.Vacancy
	// UMK of the program's regency, to set the allowance beside it.
	UMK     int64
	UMKYear int
}

func (s *Server) apprProgram(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.App.Apprentices.Get(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	o, err := s.App.Apprentices.ProgramOutcomes(r.Context(), id)
	if err != nil {
		return err
	}
	vs, err := s.App.Vacancies.ProgramVacancies(r.Context(), id)
	if err != nil {
		return err
	}
	var open []vacancy.Vacancy
	for _, v := range vs {
		if v.Open(s.App.Now()) {
			open = append(open, v)
		}
	}
	d := apprProgramData{P: p, Outcomes: o, Vacancies: open}
	d.UMK, d.UMKYear, _ = vacancy.UMKFor(p.Region, s.App.Now())
	b := s.newBase(w, r, "appr.program.title")
	b.Title = p.Title
	if !p.Public() {
		b.Robots = "noindex"
	}
	return s.render(w, http.StatusOK, "appr_program", b, d)
}

// apprMineData is the company's list of programs.
type apprMineData struct {
	Programs []apprentice.Program
}

func (s *Server) apprMine(w http.ResponseWriter, r *req) error {
	if _, err := s.App.Employers.Current(r.Context(), r.User); registerFirst(w, r, err) {
		return nil
	} else if err != nil {
		return err
	}
	ps, err := s.App.Apprentices.Mine(r.Context(), r.User)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "appr_mine", s.newBase(w, r, "appr.mine.title"), apprMineData{Programs: ps})
}

// apprFormData is the application form.
type apprFormData struct {
	Occupations []ref.Occupation
	DecideBy    string // the earliest start: the office's deadline if applied today (YYYY-MM-DD)
	DecideDate  time.Time
	Workforce   int // the company's declared workforce, as a default
	Region      string
	Cap         int
	CapPercent  int
	MaxMonths   int
	MinTheory   int
	MaxTheory   int
}

func (s *Server) apprFormData(r *req) (apprFormData, error) {
	e, err := s.App.Employers.Current(r.Context(), r.User)
	if err != nil {
		return apprFormData{}, err
	}
	due := s.App.Apprentices.DecideBy()
	return apprFormData{Occupations: ref.Occupations(), DecideBy: due.Format("2006-01-02"), DecideDate: due,
		Workforce: e.Employees, Region: e.Region, Cap: apprentice.Cap(e.Employees), CapPercent: apprentice.CapPercent,
		MaxMonths: apprentice.MaxMonths, MinTheory: apprentice.MinTheoryShare, MaxTheory: apprentice.MaxTheoryShare}, nil
}

func (s *Server) apprForm(w http.ResponseWriter, r *req) error {
	d, err := s.apprFormData(r)
	if registerFirst(w, r, err) {
		return nil
	} else if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "appr_form", s.newBase(w, r, "appr.form.title"), d)
}

func (s *Server) apprApply(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	d, err := s.apprFormData(r)
	if registerFirst(w, r, err) {
		return nil
	} else if err != nil {
		return err
	}
	var errs valid.Errors
	num := func(field string) int64 { return formNum(r, &errs, field) }
	in := apprentice.Input{Title: r.PostFormValue("title"), Occupation: r.PostFormValue("occupation"), Standard: r.PostFormValue("standard"),
		Region: r.PostFormValue("region"), Seats: int(num("seats")), Months: int(num("months")), TheoryShare: int(num("theory_share")),
		Allowance: num("allowance"), MentorName: r.PostFormValue("mentor_name"), MentorTitle: r.PostFormValue("mentor_title"),
		TrainingPlan: r.PostFormValue("training_plan"), StartOn: r.PostFormValue("start_on"), Workforce: int(num("workforce"))}
	if v, err := strconv.ParseBool(r.PostFormValue("insurance")); err == nil {
		in.Insurance = &v
	}
	var p apprentice.Program
	if err = errs.Err(); err == nil {
		p, err = s.App.Apprentices.Apply(r.Context(), r.User, in)
	}
	if b, ok := s.withErrors(s.newBase(w, r, "appr.form.title"), r, err); ok {
		return s.render(w, http.StatusUnprocessableEntity, "appr_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "appr.flash.applied")
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/magang/%d", p.ID), http.StatusSeeOther)
	return nil
}

// apprRosterData is a program as its company manages it.
type apprRosterData struct {
	R          apprentice.Roster
	Educations []ref.Education
	Today      string
	CloseBy    string // a default last day to apply: two weeks ahead
	// StartDefault is the default start of an apprentice taken on: the
	// program's start, or today once it has passed.
	StartDefault string
}

func (s *Server) apprRoster(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ro, err := s.App.Apprentices.Roster(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	today := wib.Date(s.App.Now())
	start := ro.Program.StartOn
	if start.Before(today) {
		start = today
	}
	b := s.newBase(w, r, "appr.roster.title")
	b.Title = ro.Program.Title
	return s.render(w, http.StatusOK, "appr_roster", b, apprRosterData{R: ro, Educations: ref.EducationLevels(),
		Today: today.Format("2006-01-02"), CloseBy: today.AddDate(0, 0, 14).Format("2006-01-02"),
		StartDefault: start.Format("2006-01-02")})
}

// backToRoster returns the company to the program's page; the flash says
// how the form went.
func (s *Server) backToRoster(w http.ResponseWriter, r *req, id int64, err error, okKey string) error {
	if err := s.flashOutcome(w, r, err, okKey); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/magang/%d", id), http.StatusSeeOther)
	return nil
}

func (s *Server) apprOpenVacancy(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Apprentices.OpenVacancy(r.Context(), r.User, id, apprentice.VacancyInput{ClosesOn: r.PostFormValue("closes_on"),
		Education: r.PostFormValue("education")})
	return s.backToRoster(w, r, id, err, "appr.flash.vacancy_opened")
}

func (s *Server) apprTake(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	appID, _ := strconv.ParseInt(r.PostFormValue("application_id"), 10, 64)
	_, err = s.App.Apprentices.Take(r.Context(), r.User, id, appID, r.PostFormValue("start_on"))
	return s.backToRoster(w, r, id, err, "appr.flash.taken")
}

func (s *Server) apprEnd(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	aid, _ := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	in := apprentice.EndInput{Outcome: r.PostFormValue("outcome"), Certificate: r.PostFormValue("certificate"),
		Issuer: r.PostFormValue("issuer"), Reason: r.PostFormValue("reason")}
	if v, err := strconv.ParseBool(r.PostFormValue("hired")); err == nil {
		in.Hired = &v
	}
	_, err = s.App.Apprentices.End(r.Context(), r.User, id, aid, in)
	return s.backToRoster(w, r, id, err, "appr.flash.ended")
}

func (s *Server) apprQueue(w http.ResponseWriter, r *req) error {
	q, err := s.App.Apprentices.Queue(r.Context(), r.User)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "appr_queue", s.newBase(w, r, "appr.queue.title"), q)
}

func (s *Server) apprDecide(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	var approve *bool
	if v, err := strconv.ParseBool(r.PostFormValue("approve")); err == nil {
		approve = &v
	}
	p, err := s.App.Apprentices.Decide(r.Context(), r.User, id, approve, r.PostFormValue("reason"))
	key := "appr.flash.rejected"
	if err == nil && p.Status == apprentice.Disetujui {
		key = "appr.flash.approved"
	}
	if err := s.flashOutcome(w, r, err, key); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/petugas/magang#program-%d", id), http.StatusSeeOther)
	return nil
}
