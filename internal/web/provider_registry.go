package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The registry of training providers (/petugas/lembaga), where officers
// register providers (BLK, LPK, SMK, industry centres) and link their
// staff's lembaga accounts. Who may is the training store's rule.

type providersData struct {
	Providers []training.RegisteredProvider
	Kinds     []string
}

func (s *Server) providersPage(w http.ResponseWriter, r *req, b base, status int) error {
	ps, err := s.App.Training.ProviderRegistry(r.Context(), r.User)
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "providers", b, providersData{Providers: ps, Kinds: training.Kinds})
}

// providers is /petugas/lembaga.
func (s *Server) providers(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	return s.providersPage(w, r, s.newBase(w, r, "providers.title"), http.StatusOK)
}

// registrar starts a registry form post: the user may keep the registry,
// and the form parses.
func (s *Server) registrar(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	if err := s.App.Training.MayManageProviders(r.User); err != nil {
		return err
	}
	return parseForm(w, r)
}

func (s *Server) providerCreate(w http.ResponseWriter, r *req) error {
	if err := s.registrar(w, r); err != nil {
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
	if err := s.registrar(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
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
