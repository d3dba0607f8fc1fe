package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/bkk"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// SMKs' job offices (BKK): the officers' registry (/petugas/smk), the BKK
// staff's desk (/bkk/{npsn}), the graduate's own page (/pencari/lulusan)
// and each school's public page (/smk/{npsn}). Every rule is the bkk
// store's.
func (s *Server) bkkRoutes(mux *http.ServeMux) {
	mux.Handle("GET /petugas/smk", s.page(s.schoolRegistry))
	mux.Handle("POST /petugas/smk", s.page(s.schoolRegister))
	mux.Handle("POST /petugas/smk/{npsn}/staf", s.page(s.schoolAddStaff))
	mux.Handle("GET /bkk", s.page(s.bkkHome))
	mux.Handle("GET /bkk/{npsn}", s.page(s.bkkDesk))
	mux.Handle("POST /bkk/{npsn}/lulusan/{id}", s.page(s.bkkDecide))
	mux.Handle("POST /bkk/{npsn}/lowongan", s.page(s.bkkPost))
	mux.Handle("GET /pencari/lulusan", s.page(s.graduation))
	mux.Handle("POST /pencari/lulusan", s.page(s.graduationDeclare))
	mux.Handle("POST /pencari/lulusan/tracer", s.page(s.tracerAnswer))
	mux.Handle("GET /smk", s.page(s.schoolList))
	mux.Handle("GET /smk/{npsn}", s.page(s.schoolPublic))
}

type schoolRegistryData struct {
	Schools []bkk.RegisteredSchool
}

func (s *Server) schoolRegistryPage(w http.ResponseWriter, r *req, b base, status int) error {
	ss, err := s.App.BKK.Registry(r.Context(), r.User)
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "bkk_registry", b, schoolRegistryData{Schools: ss})
}

func (s *Server) schoolRegistry(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	return s.schoolRegistryPage(w, r, s.newBase(w, r, "bkk.registry.title"), http.StatusOK)
}

func (s *Server) schoolRegistryErr(w http.ResponseWriter, r *req, err error) error {
	if b, ok := s.withErrors(s.newBase(w, r, "bkk.registry.title"), r, err); ok {
		return s.schoolRegistryPage(w, r, b, http.StatusUnprocessableEntity)
	}
	return err
}

func (s *Server) schoolRegister(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := bkk.SchoolInput{NPSN: r.PostFormValue("npsn"), Name: r.PostFormValue("name"), Region: r.PostFormValue("region"),
		Address: r.PostFormValue("address"), Programs: []string{r.PostFormValue("programs")}}
	if p := strings.TrimSpace(r.PostFormValue("provider_id")); p != "" {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return s.schoolRegistryErr(w, r, valid.New("provider_id", "number_invalid"))
		}
		in.ProviderID = id
	}
	if _, err := s.App.BKK.RegisterSchool(r.Context(), r.User, in); err != nil {
		return s.schoolRegistryErr(w, r, err)
	}
	s.flash(w, r, "bkk.flash.registered")
	http.Redirect(w, r.Request, "/petugas/smk", http.StatusSeeOther)
	return nil
}

func (s *Server) schoolAddStaff(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	npsn := r.PathValue("npsn")
	_, err := s.App.BKK.AddStaff(r.Context(), r.User, npsn, bkk.StaffInput{Login: r.PostFormValue("login"),
		Name: r.PostFormValue("name"), Password: r.PostFormValue("password")})
	if err := s.flashOutcome(w, r, err, "bkk.flash.staff_added"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/petugas/smk#smk-"+npsn, http.StatusSeeOther)
	return nil
}

// bkkHome is a BKK user's desk when they act for one school (most do),
// else the list of their schools.
func (s *Server) bkkHome(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	ss, err := s.App.BKK.SchoolsOf(r.Context(), r.User)
	if err != nil {
		return err
	}
	if len(ss) == 1 {
		r.SetPathValue("npsn", ss[0].NPSN)
		return s.bkkDeskPage(w, r, s.newBase(w, r, "bkk.home.title"), http.StatusOK)
	}
	b := s.newBase(w, r, "bkk.home.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "bkk_home", b, ss)
}

type bkkDeskData struct {
	Figures      bkk.Figures
	Graduates    []bkk.Graduate
	Applications []bkk.GraduateApplication
	Posted       []bkk.PostedVacancy
	Statuses     []string
	Contracts    []string
}

func (s *Server) bkkDeskPage(w http.ResponseWriter, r *req, b base, status int) error {
	npsn := r.PathValue("npsn")
	gs, err := s.App.BKK.Graduates(r.Context(), r.User, npsn, "")
	if err != nil {
		return err
	}
	as, err := s.App.BKK.Applications(r.Context(), r.User, npsn)
	if err != nil {
		return err
	}
	f, err := s.App.BKK.SchoolFigures(r.Context(), npsn)
	if err != nil {
		return err
	}
	posted, err := s.App.BKK.Posted(r.Context(), npsn)
	if err != nil {
		return err
	}
	b.Title = s.Catalog.T(r.Lang, "bkk.desk.title", "school", f.School.Name)
	b.Robots = "noindex"
	return s.render(w, status, "bkk_desk", b, bkkDeskData{Figures: f, Graduates: gs, Applications: as, Posted: posted,
		Statuses: bkk.Statuses, Contracts: vacancy.Contracts})
}

func (s *Server) bkkDesk(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	return s.bkkDeskPage(w, r, s.newBase(w, r, "bkk.home.title"), http.StatusOK)
}

func (s *Server) bkkDecide(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return db.ErrNotFound
	}
	npsn := r.PathValue("npsn")
	var verified *bool
	switch r.PostFormValue("verdict") {
	case "ok":
		verified = new(true)
	case "tolak":
		verified = new(false)
	}
	_, err = s.App.BKK.Decide(r.Context(), r.User, npsn, id, verified, r.PostFormValue("reason"))
	key := "bkk.flash.verified"
	if verified != nil && !*verified {
		key = "bkk.flash.rejected"
	}
	if err := s.flashOutcome(w, r, err, key); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/bkk/"+npsn+"#lulusan", http.StatusSeeOther)
	return nil
}

func (s *Server) bkkPost(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	npsn := r.PathValue("npsn")
	// The company's vacancy form, read as the company's own (a number
	// that does not parse is a field error, not a zero).
	vin, errs := vacancyInput(r)
	in := bkk.PostInput{PartnerID: formNum(r, &errs, "partner_id"), GraduatesOnly: r.PostFormValue("graduates_only") == "1", Vacancy: vin}
	var v vacancy.Vacancy
	err := errs.Err()
	if err == nil {
		v, err = s.App.BKK.Post(r.Context(), r.User, npsn, in)
	}
	if err != nil {
		if b, ok := s.withErrors(s.newBase(w, r, "bkk.home.title"), r, err); ok {
			return s.bkkDeskPage(w, r, b, http.StatusUnprocessableEntity)
		}
		return err
	}
	s.flash(w, r, "bkk.flash.posted")
	http.Redirect(w, r.Request, "/lowongan/"+strconv.FormatInt(v.ID, 10), http.StatusSeeOther)
	return nil
}

type graduationData struct {
	Tracer    bkk.Tracer
	Declared  bool
	Schools   []bkk.School
	Months    []int
	MaxYear   int
	Statuses  []string
	Contracts []string
	Bands     []string
}

func (s *Server) graduationPage(w http.ResponseWriter, r *req, b base, status int) error {
	t, err := s.App.BKK.MyTracer(r.Context(), r.User)
	declared := err == nil
	if err != nil && !errors.Is(err, bkk.ErrNoGraduation) {
		return err
	}
	ss, err := s.App.BKK.Schools(r.Context())
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "bkk_graduation", b, graduationData{Tracer: t, Declared: declared, Schools: ss,
		Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, MaxYear: wib.Date(s.App.Now()).Year(),
		Statuses: bkk.AnswerStatuses, Contracts: vacancy.Contracts, Bands: bkk.WageBands})
}

func (s *Server) graduation(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	return s.graduationPage(w, r, s.newBase(w, r, "bkk.grad.title"), http.StatusOK)
}

func (s *Server) graduationErr(w http.ResponseWriter, r *req, err error) error {
	if b, ok := s.withErrors(s.newBase(w, r, "bkk.grad.title"), r, err); ok {
		return s.graduationPage(w, r, b, http.StatusUnprocessableEntity)
	}
	return err
}

func (s *Server) graduationDeclare(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	month, _ := strconv.Atoi(r.PostFormValue("month"))
	if _, err := s.App.BKK.Declare(r.Context(), r.User, bkk.GraduationInput{NPSN: r.PostFormValue("npsn"),
		Program: r.PostFormValue("program"), Year: year, Month: month}); err != nil {
		return s.graduationErr(w, r, err)
	}
	s.flash(w, r, "bkk.flash.declared")
	http.Redirect(w, r.Request, "/pencari/lulusan", http.StatusSeeOther)
	return nil
}

func (s *Server) tracerAnswer(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	if _, err := s.App.BKK.AnswerTracer(r.Context(), r.User, bkk.TracerInput{Status: r.PostFormValue("status"),
		EmployerName: r.PostFormValue("employer_name"), Contract: r.PostFormValue("contract"),
		WageBand: r.PostFormValue("wage_band")}); err != nil {
		return s.graduationErr(w, r, err)
	}
	s.flash(w, r, "bkk.flash.answered")
	http.Redirect(w, r.Request, "/pencari/lulusan#tracer", http.StatusSeeOther)
	return nil
}

func (s *Server) schoolList(w http.ResponseWriter, r *req) error {
	ss, err := s.App.BKK.Schools(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "bkk_schools", s.newBase(w, r, "bkk.schools.title"), ss)
}

type schoolPublicData struct {
	Figures  bkk.Figures
	Posted   []bkk.PostedVacancy
	Statuses []string
}

func (s *Server) schoolPublic(w http.ResponseWriter, r *req) error {
	f, err := s.App.BKK.SchoolFigures(r.Context(), r.PathValue("npsn"))
	if err != nil {
		return err
	}
	posted, err := s.App.BKK.Posted(r.Context(), f.School.NPSN)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "bkk.school.title")
	b.Title = f.School.Name
	return s.render(w, http.StatusOK, "bkk_school", b, schoolPublicData{Figures: f, Posted: posted, Statuses: bkk.Statuses})
}
