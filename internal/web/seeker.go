package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

type seekerDashData struct {
	S            seeker.Seeker
	NIK          string
	Card         seeker.Card
	HasCard      bool
	CardValid    bool
	Applications []vacancy.Application
	Stages       []string
	Fits         []fit
	Gaps         []match.SeekerGap
	Invitations  []vacancy.Invitation
}

func (s *Server) seekerDashboard(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ApplyVacancy); err != nil {
		return err
	}
	sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		http.Redirect(w, r.Request, "/pencari/profil", http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	d := seekerDashData{S: sk, Stages: vacancy.Stages}
	if d.NIK, err = s.App.Seekers.OwnNIK(r.Context(), r.User.ID); err != nil {
		return err
	}
	if d.Card, d.HasCard, err = s.App.Seekers.Card(r.Context(), sk.ID); err != nil {
		return err
	}
	d.CardValid = d.HasCard && d.Card.ValidOn(s.App.Now())
	if d.Applications, err = s.App.Vacancies.BySeeker(r.Context(), sk.ID); err != nil {
		return err
	}
	if d.Invitations, err = s.App.Vacancies.Invitations(r.Context(), sk.ID); err != nil {
		return err
	}
	if d.Fits, d.Gaps, err = s.recommendations(r.Context(), sk, 10); err != nil {
		return err
	}
	b := s.newBase(w, r, "seeker.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "seeker", b, d)
}

type seekerFormData struct {
	Existing    bool
	S           seeker.Seeker
	Confirm     *ref.NIK // set when the NIK parsed and the page asks to confirm it
	Skills      []ref.Skill
	Occupations []ref.Occupation
}

func (s *Server) seekerProfileForm(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.RegisterSeeker); err != nil {
		return err
	}
	d := seekerFormData{Skills: ref.Skills(), Occupations: occupationsByTitle()}
	sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	switch {
	case err == nil:
		d.Existing, d.S = true, sk
	case errors.Is(err, db.ErrNotFound):
		d.S = seeker.Seeker{FullName: r.User.Name, Discoverable: true}
	default:
		return err
	}
	b := s.newBase(w, r, "seeker_form.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "seeker_form", b, d)
}

func profileFromForm(r *req) (seeker.Profile, bool) {
	wage, ok := formInt(r, "expected_wage")
	return seeker.Profile{
		FullName:       r.PostFormValue("full_name"),
		DomicileRegion: r.PostFormValue("domicile"),
		Education:      r.PostFormValue("education"),
		Skills:         r.PostForm["skills"],
		Experience:     r.PostFormValue("experience"),
		Certificates:   r.PostFormValue("certificates"),
		ExpectedWage:   wage,
		Discoverable:   r.PostFormValue("discoverable") == "1",
		Occupation:     r.PostFormValue("occupation"),
		Contracts:      r.PostForm["contracts"],
	}, ok
}

func (s *Server) seekerProfileSave(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.RegisterSeeker); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	p, wageOK := profileFromForm(r)
	d := seekerFormData{Skills: ref.Skills(), Occupations: occupationsByTitle()}
	existing, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	switch {
	case err == nil:
		d.Existing, d.S = true, existing
		err = s.App.Seekers.Update(r.Context(), existing.ID, p)
	case errors.Is(err, db.ErrNotFound):
		in := seeker.Input{NIK: r.PostFormValue("nik"), Profile: p}
		var nik ref.NIK
		nik, err = s.App.Seekers.Check(&in)
		if err == nil && r.PostFormValue("confirm") != "1" {
			// Show what the NIK says and ask the person to confirm it is theirs.
			d.Confirm = &nik
			b := s.newBase(w, r, "seeker_form.title")
			b.Form = r.PostForm
			return s.render(w, http.StatusOK, "seeker_form", b, d)
		}
		if err == nil {
			_, _, err = s.App.Seekers.Register(r.Context(), s.App.DB, r.User.ID, in)
		}
	default:
		return err
	}
	if !wageOK {
		err = valid.New("expected_wage", "number_invalid")
	}
	if b, ok := s.withErrors(s.newBase(w, r, "seeker_form.title"), r, err); ok {
		return s.render(w, http.StatusUnprocessableEntity, "seeker_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.profile_saved")
	http.Redirect(w, r.Request, "/pencari", http.StatusSeeOther)
	return nil
}

type cardData struct {
	S         seeker.Seeker
	NIK       string
	Card      seeker.Card
	Valid     bool
	QR        any
	VerifyURL string
}

func (s *Server) ak1Card(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ApplyVacancy); err != nil {
		return err
	}
	sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	if err != nil {
		return err
	}
	c, ok, err := s.App.Seekers.Card(r.Context(), sk.ID)
	if err != nil {
		return err
	}
	if !ok {
		return db.ErrNotFound
	}
	d := cardData{S: sk, Card: c, Valid: c.ValidOn(s.App.Now())}
	if d.NIK, err = s.App.Seekers.OwnNIK(r.Context(), r.User.ID); err != nil {
		return err
	}
	d.VerifyURL = s.baseURL(r.Request) + "/ak1/" + c.Token
	if d.QR, err = qrSVG(d.VerifyURL); err != nil {
		return err
	}
	b := s.newBase(w, r, "ak1.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "ak1", b, d)
}

func (s *Server) ak1Public(w http.ResponseWriter, r *req) error {
	c, err := s.App.Seekers.CardByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "ak1_public.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "ak1_public", b, c)
}

func (s *Server) apply(w http.ResponseWriter, r *req) error {
	id, err := formAction(w, r, auth.ApplyVacancy)
	if err != nil {
		return err
	}
	sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		http.Redirect(w, r.Request, "/pencari/profil", http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	hasCard, err := s.App.Seekers.HasValidCard(r.Context(), sk.ID)
	if err != nil {
		return err
	}
	_, err = s.App.Vacancies.Apply(r.Context(), id, sk, hasCard, r.PostFormValue("note"))
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
		http.Redirect(w, r.Request, r.URL.Path[:len(r.URL.Path)-len("/lamar")], http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	s.flash(w, r, "flash.applied")
	http.Redirect(w, r.Request, "/pencari", http.StatusSeeOther)
	return nil
}

// occupationsByTitle lists KBJI unit groups alphabetically: a worker looks
// for "Operator mesin jahit" by name, not by code.
func occupationsByTitle() []ref.Occupation {
	out := slices.Clone(ref.Occupations())
	slices.SortFunc(out, func(a, b ref.Occupation) int { return strings.Compare(a.Title, b.Title) })
	return out
}
