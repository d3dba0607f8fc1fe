package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The program form of a provider's staff: a new program
// (/lembaga/program/baru) or one of theirs to edit
// (/lembaga/program/{id}/ubah).

type programFormData struct {
	Providers   []training.Provider // to choose from for a new program
	ProviderID  int64
	P           training.Program
	Edit        bool
	Skills      []ref.Skill
	Occupations []ref.Occupation
	Criteria    []string
	Slots       []int
}

func newProgramForm(ps []training.Provider) programFormData {
	d := programFormData{Providers: ps, Skills: ref.Skills(), Occupations: occupationsByTitle(), Criteria: training.Criteria}
	for i := range training.Criteria {
		d.Slots = append(d.Slots, i)
	}
	if len(ps) > 0 {
		d.ProviderID = ps[0].ID
	}
	return d
}

// editForm is the form of program p.
func editForm(p training.Program) programFormData {
	d := newProgramForm(nil)
	d.P, d.Edit, d.ProviderID = p, true, p.ProviderID
	return d
}

// programForm shows the empty form or a program to edit.
func (s *Server) programForm(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	var d programFormData
	if r.PathValue("id") != "" {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		p, err := s.App.Training.ProgramToManage(r.Context(), r.User, id)
		if err != nil {
			return err
		}
		d = editForm(p)
	} else {
		ps, err := s.App.Training.ProvidersToRun(r.Context(), r.User)
		if err != nil {
			return err
		}
		d = newProgramForm(ps)
		if id, err := strconv.ParseInt(r.URL.Query().Get("lembaga"), 10, 64); err == nil {
			d.ProviderID = id
		}
		d.P = training.Program{Hours: 160, Seats: 20, Region: ps[0].Region, Priority: []string{training.DTKS, training.Domisili, training.Menganggur}}
	}
	b := s.newBase(w, r, "program_form.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "program_form", b, d)
}

// programInput reads the program form; numbers that do not parse are
// reported beside their fields.
func programInput(r *req) (training.ProgramInput, valid.Errors) {
	var errs valid.Errors
	num := func(field string) int64 { return formNum(r, &errs, field) }
	in := training.ProgramInput{
		Title: r.PostFormValue("title"), Description: r.PostFormValue("description"),
		Skills: r.PostForm["skills"], Occupations: r.PostForm["occupations"],
		Hours: int(num("hours")), Schedule: r.PostFormValue("schedule"), Region: r.PostFormValue("region"),
		Seats: int(num("seats")), Fee: num("fee"), FeeWaivedFor: r.PostFormValue("fee_waived_for"),
		CertificateScheme: r.PostFormValue("certificate_scheme"), EducationMin: r.PostFormValue("education_min"),
		Regions: r.PostForm["regions"], Priority: r.PostForm["priority"],
		Tags:              strings.FieldsFunc(r.PostFormValue("tags"), func(c rune) bool { return c == ',' || c == ' ' }),
		PartnerID:         num("partner"),
		PartnerInterviews: int(num("partner_interviews")), PartnerHires: int(num("partner_hires")),
	}
	in.AgeMin, in.AgeMax = int(num("age_min")), int(num("age_max"))
	return in, errs
}

// checkedProgram reads the form; when a number did not parse it returns
// every error at once, the form's and the store's, else the store
// validates when it saves.
func (s *Server) checkedProgram(r *req) (training.ProgramInput, error) {
	in, errs := programInput(r)
	if len(errs) == 0 {
		return in, nil
	}
	return in, withStoreErrors(errs, s.App.Training.CheckProgram(r.Context(), &in))
}

func (s *Server) programCreate(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	ps, err := s.App.Training.ProvidersToRun(r.Context(), r.User)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	providerID, _ := strconv.ParseInt(r.PostFormValue("provider"), 10, 64)
	in, err := s.checkedProgram(r)
	var p training.Program
	if err == nil {
		p, err = s.App.Training.CreateProgram(r.Context(), r.User.ID, providerID, in)
	}
	if errors.Is(err, fail.NotFound) {
		// Unknown, or a provider the user does not act for.
		err = valid.New("provider", "choose_one")
	}
	if b, bad := s.withErrors(s.newBase(w, r, "program_form.title"), r, err); bad {
		d := newProgramForm(ps)
		d.ProviderID = providerID
		return s.render(w, http.StatusUnprocessableEntity, "program_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.program_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d", p.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) programUpdate(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	cur, err := s.App.Training.ProgramToManage(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, err := s.checkedProgram(r)
	if err == nil {
		_, err = s.App.Training.UpdateProgram(r.Context(), r.User.ID, cur.ID, in)
	}
	if b, bad := s.withErrors(s.newBase(w, r, "program_form.title"), r, err); bad {
		return s.render(w, http.StatusUnprocessableEntity, "program_form", b, editForm(cur))
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.program_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d", cur.ID), http.StatusSeeOther)
	return nil
}
