package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Opening an intake round — a provider's (/lembaga/gelombang/baru) or a
// province-wide one (/petugas/pelatihan/gelombang/baru) — and allocating a
// closed round's seats.

type roundFormData struct {
	Province  bool
	Providers []training.ProviderPrograms
	Action    string
	MinClose  string
	Default   string
}

// roundFormFor lists the programs the user may put in a new round: their
// providers', or every provider's for a province-wide round.
func (s *Server) roundFormFor(r *req) (roundFormData, error) {
	province := strings.HasPrefix(r.URL.Path, "/petugas/")
	d := roundFormData{Province: province, Action: "/lembaga/gelombang/baru",
		MinClose: s.App.Now().In(wib.Zone).Add(time.Hour).Format("2006-01-02T15:04"),
		Default:  wib.Date(s.App.Now()).AddDate(0, 0, 14).Add(16 * time.Hour).Format("2006-01-02T15:04")}
	if province {
		d.Action = "/petugas/pelatihan/gelombang/baru"
	}
	var err error
	d.Providers, err = s.App.Training.ProgramsForNewRound(r.Context(), r.User, province)
	return d, err
}

func (s *Server) roundForm(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	d, err := s.roundFormFor(r)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "round_form.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "round_form", b, d)
}

// parseClock reads a datetime-local value as WIB.
func parseClock(v string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(v), wib.Zone)
	return t, err == nil
}

// roundInput reads the round form; what does not parse is reported beside
// its field.
func roundInput(r *req, province bool) (training.RoundInput, valid.Errors) {
	in := training.RoundInput{Title: r.PostFormValue("title")}
	var errs valid.Errors
	if !province {
		in.ProviderID, _ = strconv.ParseInt(r.PostFormValue("provider"), 10, 64)
		if in.ProviderID == 0 {
			errs.Add("provider", "choose_one")
		}
	}
	for _, v := range r.PostForm["programs"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.Programs = append(in.Programs, id)
		}
	}
	closes, ok := parseClock(r.PostFormValue("closes_at"))
	if !ok {
		errs.Add("closes_at", "date_invalid")
	}
	in.ClosesAt = closes
	return in, errs
}

func (s *Server) roundOpen(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	d, err := s.roundFormFor(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, errs := roundInput(r, d.Province)
	var rd training.Round
	if len(errs) > 0 {
		err = withStoreErrors(errs, s.App.Training.CheckRound(r.Context(), &in))
	} else {
		rd, err = s.App.Training.OpenRound(r.Context(), r.User.ID, in)
	}
	if errors.Is(err, fail.NotFound) {
		// Unknown, or a provider the user does not act for.
		err = valid.New("provider", "choose_one")
	}
	if b, bad := s.withErrors(s.newBase(w, r, "round_form.title"), r, err); bad {
		b.Robots = "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "round_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.round_opened")
	http.Redirect(w, r.Request, fmt.Sprintf("/pelatihan/gelombang/%d", rd.ID), http.StatusSeeOther)
	return nil
}

// allocateRound allocates a closed round's seats; who may is the store's
// rule (MayRunRound).
func (s *Server) allocateRound(w http.ResponseWriter, r *req) error {
	id, err := signedPost(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Training.CloseAndAllocate(r.Context(), r.User.ID, id)
	switch ve, isValid := valid.As(err); {
	case isValid:
		s.flashErr(w, r, ve[0])
	case errors.Is(err, training.ErrAllocated):
		s.flash(w, r, "flash.round_already_allocated")
	case err != nil:
		return err
	default:
		s.flash(w, r, "flash.round_allocated")
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "" {
		next = fmt.Sprintf("/pelatihan/gelombang/%d", id)
	}
	http.Redirect(w, r.Request, next, http.StatusSeeOther)
	return nil
}
