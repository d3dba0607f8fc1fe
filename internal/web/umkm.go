package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/umkm"
	"github.com/bursa-banten/bursa/internal/valid"
)

// umkmRoutes registers the small-business pages: the public figures and
// programs (/umkm), registering a business (/umkm/daftar), a business's own
// page with its yearly declarations and milestones, a program's page with
// its allocation, and the cooperatives/SME office's desk (/koperasi).
func (s *Server) umkmRoutes(mux *http.ServeMux) {
	mux.Handle("GET /umkm", s.page(s.umkmHome))
	mux.Handle("GET /umkm/daftar", s.page(s.umkmRegisterForm))
	mux.Handle("POST /umkm/daftar", s.page(s.umkmRegister))
	mux.Handle("GET /umkm/usaha/{id}", s.page(s.umkmBusiness))
	mux.Handle("POST /umkm/usaha/{id}/laporan", s.page(s.umkmDeclare))
	mux.Handle("POST /umkm/usaha/{id}/capaian", s.page(s.umkmMilestone))
	mux.Handle("GET /umkm/program/{id}", s.page(s.umkmProgram))
	mux.Handle("POST /umkm/program/{id}/daftar", s.page(s.umkmApply))
	mux.Handle("POST /umkm/program/{id}/alokasi", s.page(s.umkmAllocate))
	mux.Handle("GET /koperasi", s.page(s.umkmDesk))
	mux.Handle("POST /koperasi/program", s.page(s.umkmProgramCreate))
}

type umkmHomeData struct {
	F        umkm.Figures
	Classes  []string
	Programs []umkm.Program
	Mine     []umkm.Business
	Officer  bool
}

func (s *Server) umkmHome(w http.ResponseWriter, r *req) error {
	f, err := s.App.UMKM.Figures(r.Context())
	if err != nil {
		return err
	}
	ps, err := s.App.UMKM.Programs(r.Context(), umkm.ProgramFilter{})
	if err != nil {
		return err
	}
	d := umkmHomeData{F: f, Classes: umkm.Classes, Programs: ps, Officer: r.User.Can(auth.ManageUMKM)}
	if r.User != nil {
		if d.Mine, err = s.App.UMKM.Mine(r.Context(), r.User); err != nil {
			return err
		}
	}
	b := s.newBase(w, r, "umkm.title")
	b.Description = s.Catalog.T(r.Lang, "umkm.meta")
	b.Canonical = s.baseURL(r.Request) + "/umkm"
	return s.render(w, http.StatusOK, "umkm_home", b, d)
}

type umkmFormData struct {
	Classes []string
	Year    int
}

func (s *Server) umkmRegisterForm(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if !r.User.Can(auth.RegisterUMKM) {
		return errForbidden
	}
	return s.render(w, http.StatusOK, "umkm_register", s.newBase(w, r, "umkm.register.title"), umkmFormData{Year: s.umkmYear()})
}

func (s *Server) umkmYear() int { return s.App.UMKM.Year() }

func (s *Server) umkmRegister(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	var errs valid.Errors
	in := umkm.Input{NIB: r.PostFormValue("nib"), Name: r.PostFormValue("name"), KBLI: r.PostFormValue("kbli"), Region: r.PostFormValue("region"),
		OwnerName: r.PostFormValue("owner_name"), Evidence: r.PostFormValue("evidence"),
		Capital: formNum(r, &errs, "capital"), AnnualSales: formNum(r, &errs, "annual_sales"),
		Workers: int(formNum(r, &errs, "workers")), Year: int(formNum(r, &errs, "year")), OwnerBirthYear: int(formNum(r, &errs, "owner_birth_year"))}
	var b umkm.Business
	err := errs.Err()
	if err == nil {
		b, err = s.App.UMKM.Register(r.Context(), r.User, in)
	}
	if eb, ok := s.withErrors(s.newBase(w, r, "umkm.register.title"), r, err); ok {
		return s.render(w, http.StatusUnprocessableEntity, "umkm_register", eb, umkmFormData{Year: s.umkmYear()})
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.umkm_registered")
	http.Redirect(w, r.Request, fmt.Sprintf("/umkm/usaha/%d", b.ID), http.StatusSeeOther)
	return nil
}

type umkmBusinessData struct {
	V              umkm.View
	Year           int
	MilestoneKinds []string
	Admitted       []umkm.Application
	Commitment     string
}

func (s *Server) renderBusiness(w http.ResponseWriter, r *req, status int, b base, id int64) error {
	v, err := s.App.UMKM.Get(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	d := umkmBusinessData{V: v, Year: s.umkmYear(), MilestoneKinds: umkm.MilestoneKinds, Commitment: umkm.Commitment(v.Salt, v.ID)}
	for _, a := range v.Applications {
		if a.Result == umkm.Admitted {
			d.Admitted = append(d.Admitted, a)
		}
	}
	b.Robots = "noindex"
	return s.render(w, status, "umkm_business", b, d)
}

func (s *Server) umkmBusiness(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderBusiness(w, r, http.StatusOK, s.newBase(w, r, "umkm.business.title"), id)
}

// umkmBusinessPosted finishes a form on a business's page: field errors
// re-render the page beside the fields, success goes back with a message.
func (s *Server) umkmBusinessPosted(w http.ResponseWriter, r *req, id int64, err error, okKey, anchor string) error {
	if b, ok := s.withErrors(s.newBase(w, r, "umkm.business.title"), r, err); ok {
		return s.renderBusiness(w, r, http.StatusUnprocessableEntity, b, id)
	} else if err != nil {
		return err
	}
	s.flash(w, r, okKey)
	http.Redirect(w, r.Request, fmt.Sprintf("/umkm/usaha/%d#%s", id, anchor), http.StatusSeeOther)
	return nil
}

func (s *Server) umkmDeclare(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	var errs valid.Errors
	in := umkm.DeclarationInput{Year: int(formNum(r, &errs, "year")), Capital: formNum(r, &errs, "capital"),
		AnnualSales: formNum(r, &errs, "annual_sales"), Workers: int(formNum(r, &errs, "workers")), Evidence: r.PostFormValue("evidence")}
	err = errs.Err()
	var m *umkm.Move
	if err == nil {
		m, err = s.App.UMKM.Declare(r.Context(), r.User, id, in)
	}
	key := "flash.umkm_declared"
	if m != nil && m.Up {
		key = "flash.umkm_moved_up"
	}
	return s.umkmBusinessPosted(w, r, id, err, key, "laporan")
}

func (s *Server) umkmMilestone(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	var errs valid.Errors
	in := umkm.MilestoneInput{Kind: r.PostFormValue("kind"), Detail: r.PostFormValue("detail"), Evidence: r.PostFormValue("m_evidence"),
		On: r.PostFormValue("on"), Amount: formNum(r, &errs, "amount"), ProgramID: formNum(r, &errs, "program_id")}
	err = errs.Err()
	if err == nil {
		_, err = s.App.UMKM.AddMilestone(r.Context(), r.User, id, in)
	}
	// The declaration form on the same page has its own evidence field.
	return s.umkmBusinessPosted(w, r, id, renameFields(err, map[string]string{"evidence": "m_evidence"}), "flash.umkm_milestone_saved", "capaian")
}

type umkmProgramData struct {
	P          umkm.Program
	Open       bool
	Mine       []umkm.Business
	Officer    bool
	Applicants []umkm.Applicant
}

func (s *Server) renderProgram(w http.ResponseWriter, r *req, status int, b base, id int64) error {
	p, err := s.App.UMKM.Program(r.Context(), id)
	if err != nil {
		return err
	}
	d := umkmProgramData{P: p, Open: p.Open(s.App.Now()), Officer: r.User.Can(auth.ManageUMKM)}
	if r.User != nil {
		if d.Mine, err = s.App.UMKM.Mine(r.Context(), r.User); err != nil {
			return err
		}
	}
	if d.Officer {
		if d.Applicants, err = s.App.UMKM.Applicants(r.Context(), r.User, id); err != nil {
			return err
		}
	}
	b.Canonical = s.baseURL(r.Request) + fmt.Sprintf("/umkm/program/%d", p.ID)
	b.Description = s.Catalog.T(r.Lang, "umkm.program.meta", "kind", s.Catalog.T(r.Lang, fmt.Sprintf("umkm.kind.%s", p.Kind)), "organizer", p.Organizer)
	b.Title = p.Title
	return s.render(w, status, "umkm_program", b, d)
}

func (s *Server) umkmProgram(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderProgram(w, r, http.StatusOK, s.newBase(w, r, "umkm.program.title"), id)
}

func (s *Server) umkmProgramPosted(w http.ResponseWriter, r *req, id int64, err error, okKey string) error {
	if b, ok := s.withErrors(s.newBase(w, r, "umkm.program.title"), r, err); ok {
		return s.renderProgram(w, r, http.StatusUnprocessableEntity, b, id)
	} else if err != nil {
		return err
	}
	s.flash(w, r, okKey)
	http.Redirect(w, r.Request, fmt.Sprintf("/umkm/program/%d", id), http.StatusSeeOther)
	return nil
}

func (s *Server) umkmApply(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	bid, _ := strconv.ParseInt(r.PostFormValue("business_id"), 10, 64)
	err = s.App.UMKM.Apply(r.Context(), r.User, id, bid)
	if err == nil && bid > 0 {
		s.flash(w, r, "flash.umkm_applied")
		http.Redirect(w, r.Request, fmt.Sprintf("/umkm/usaha/%d#program", bid), http.StatusSeeOther)
		return nil
	}
	return s.umkmProgramPosted(w, r, id, err, "flash.umkm_applied")
}

func (s *Server) umkmAllocate(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.UMKM.Allocate(r.Context(), r.User, id)
	return s.umkmProgramPosted(w, r, id, err, "flash.umkm_allocated")
}

type umkmDeskData struct {
	Programs   []umkm.Program
	Businesses []umkm.Business
	Kinds      []string
	Classes    []string
	YouthTags  []string
	Filter     umkm.Filter
}

func (s *Server) renderDesk(w http.ResponseWriter, r *req, status int, b base) error {
	f := umkm.Filter{Region: r.URL.Query().Get("region"), Class: r.URL.Query().Get("class")}
	bs, err := s.App.UMKM.All(r.Context(), r.User, f)
	if err != nil {
		return err
	}
	ps, err := s.App.UMKM.Programs(r.Context(), umkm.ProgramFilter{})
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "umkm_desk", b, umkmDeskData{Programs: ps, Businesses: bs, Kinds: umkm.Kinds, Classes: umkm.Classes,
		YouthTags: training.YouthTags, Filter: f})
}

func (s *Server) umkmDesk(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	return s.renderDesk(w, r, http.StatusOK, s.newBase(w, r, "umkm.desk.title"))
}

func (s *Server) umkmProgramCreate(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	var errs valid.Errors
	in := umkm.ProgramInput{Kind: r.PostFormValue("kind"), Title: r.PostFormValue("title"), Description: r.PostFormValue("description"),
		Organizer: r.PostFormValue("organizer"), Seats: int(formNum(r, &errs, "seats")), Classes: r.PostForm["classes"],
		Regions: r.PostForm["regions"], YouthTag: r.PostFormValue("youth_tag"), ClosesOn: r.PostFormValue("closes_on")}
	err := errs.Err()
	var p umkm.Program
	if err == nil {
		p, err = s.App.UMKM.CreateProgram(r.Context(), r.User, in)
	}
	if b, ok := s.withErrors(s.newBase(w, r, "umkm.desk.title"), r, err); ok {
		return s.renderDesk(w, r, http.StatusUnprocessableEntity, b)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.umkm_program_created")
	http.Redirect(w, r.Request, fmt.Sprintf("/umkm/program/%d", p.ID), http.StatusSeeOther)
	return nil
}
