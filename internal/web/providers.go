package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

type providerRow struct {
	training.Provider
	Staff []training.Staff
}

type providersData struct {
	Providers []providerRow
	Kinds     []string
}

func (s *Server) providersPage(w http.ResponseWriter, r *req, b base, status int) error {
	ps, err := s.App.Training.Providers(r.Context())
	if err != nil {
		return err
	}
	d := providersData{Kinds: training.Kinds}
	for _, p := range ps {
		st, err := s.App.Training.StaffOf(r.Context(), p.ID)
		if err != nil {
			return err
		}
		d.Providers = append(d.Providers, providerRow{Provider: p, Staff: st})
	}
	b.Robots = "noindex"
	return s.render(w, status, "providers", b, d)
}

// providers is where officers register training providers (BLK, LPK, SMK,
// industry centres) and link their staff's lembaga accounts.
func (s *Server) providers(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ManageProviders); err != nil {
		return err
	}
	return s.providersPage(w, r, s.newBase(w, r, "providers.title"), http.StatusOK)
}

func (s *Server) providerCreate(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ManageProviders); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := training.ProviderInput{Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"), Region: r.PostFormValue("region"),
		Address: r.PostFormValue("address")}
	if e := r.PostFormValue("employer_id"); e != "" {
		id, err := strconv.ParseInt(e, 10, 64)
		if err != nil {
			return s.providerErr(w, r, valid.New("employer_id", "number_invalid"))
		}
		in.EmployerID = id
	}
	if _, err := s.App.Training.CreateProvider(r.Context(), r.User.ID, in); err != nil {
		return s.providerErr(w, r, err)
	}
	s.flash(w, r, "flash.provider_created")
	http.Redirect(w, r.Request, "/petugas/lembaga", http.StatusSeeOther)
	return nil
}

func (s *Server) providerErr(w http.ResponseWriter, r *req, err error) error {
	if b, ok := s.withErrors(s.newBase(w, r, "providers.title"), r, err); ok {
		return s.providersPage(w, r, b, http.StatusUnprocessableEntity)
	}
	return err
}

func (s *Server) providerAddStaff(w http.ResponseWriter, r *req) error {
	id, err := formAction(w, r, auth.ManageProviders)
	if err != nil {
		return err
	}
	u, err := s.App.Auth.ByLogin(r.Context(), r.PostFormValue("login"))
	if errors.Is(err, db.ErrNotFound) {
		s.flashErr(w, r, valid.FieldError{Field: "login", Code: "staff_login_unknown"})
	} else if err != nil {
		return err
	} else if err := s.App.Training.AddStaff(r.Context(), r.User.ID, id, u.ID); err != nil {
		ve, ok := valid.As(err)
		if !ok {
			return err
		}
		s.flashErr(w, r, ve[0])
	} else {
		s.flash(w, r, "flash.staff_added")
	}
	http.Redirect(w, r.Request, "/petugas/lembaga#lembaga-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
