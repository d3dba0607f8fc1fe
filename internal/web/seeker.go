package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

type seekerDashData struct {
	seeker.Own
	Applications []vacancy.Application
	Stages       []string
	vacancy.Recommendations
	Invitations []vacancy.Invitation
}

func (s *Server) seekerDashboard(w http.ResponseWriter, r *req) error {
	o, err := s.App.Seekers.Own(r.Context(), r.User)
	if registerFirst(w, r, err) {
		return nil
	}
	if err != nil {
		return err
	}
	d := seekerDashData{Own: o, Stages: vacancy.Stages}
	if d.Applications, err = s.App.Vacancies.MyApplications(r.Context(), r.User); err != nil {
		return err
	}
	if d.Invitations, err = s.App.Vacancies.Invitations(r.Context(), o.ID); err != nil {
		return err
	}
	if d.Recommendations, err = s.App.Vacancies.Recommended(r.Context(), r.User, 10); err != nil {
		return err
	}
	b := s.newBase(w, r, "seeker.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "seeker", b, d)
}

type seekerFormData struct {
	Existing bool
	S        seeker.Seeker
	Confirm  *ref.NIK // set when the NIK parsed and the page asks to confirm it
	// Search is "skills" or "occupation" when the page answers a search
	// button (profile_search.go); the hits are what matched.
	Search      string
	SkillHits   []ref.SkillGroup
	OccHits     []ref.Occupation
	SearchEmpty bool
	// BG is the background part of the form (profile_background.go).
	BG bgForm
}

// seekerForm is the profile form of the logged-in job seeker: their
// registration, or their profile to change.
func (s *Server) seekerForm(r *req) (seekerFormData, error) {
	var d seekerFormData
	sk, ok, err := s.App.Seekers.ProfileOf(r.Context(), r.User)
	if err != nil {
		return d, err
	}
	d.Existing, d.S = ok, sk
	if !ok {
		d.S = seeker.Seeker{FullName: r.User.Name, Discoverable: true}
	}
	d.BG = bgFromSeeker(d.S.Background)
	return d, nil
}

func (s *Server) seekerProfileForm(w http.ResponseWriter, r *req) error {
	d, err := s.seekerForm(r)
	if err != nil {
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
	if err := parseForm(w, r); err != nil {
		return err
	}
	d, err := s.seekerForm(r)
	if err != nil {
		return err
	}
	var bg seeker.Background
	bg, d.BG = backgroundFromForm(r)
	if r.PostFormValue("cari") != "" {
		return s.profileSearch(w, r, d)
	}
	p, wageOK := profileFromForm(r)
	p.Background = bg
	in := seeker.Input{NIK: r.PostFormValue("nik"), Profile: p}
	switch {
	case !wageOK:
		// Nothing is saved with a wage that did not read as a number.
		err = valid.New("expected_wage", "number_invalid")
	case d.Existing || r.PostFormValue("confirm") == "1":
		err = s.App.Seekers.Save(r.Context(), r.User, in)
	default:
		// A first registration: show what the NIK says and ask the person
		// to confirm it is theirs.
		var nik ref.NIK
		if nik, err = s.App.Seekers.Check(&in); err == nil {
			d.Confirm = &nik
			b := s.newBase(w, r, "seeker_form.title")
			b.Form = r.PostForm
			return s.render(w, http.StatusOK, "seeker_form", b, d)
		}
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
	seeker.Own
	QR        any
	VerifyURL string
	HasPhoto  bool
	// Report is the six-monthly report's schedule (ak1_report.go);
	// HasReport is false when the card is not valid.
	Report    seeker.ReportState
	HasReport bool
	Statuses  []string
}

// ak1Card shows job seekers their own AK/1 card with the QR code anyone can
// check it by.
func (s *Server) ak1Card(w http.ResponseWriter, r *req) error {
	o, err := s.App.Seekers.Own(r.Context(), r.User)
	if err != nil {
		return err
	}
	if !o.HasCard {
		return db.ErrNotFound
	}
	d := cardData{Own: o, VerifyURL: s.baseURL(r.Request) + "/ak1/" + o.Card.Token}
	if d.HasPhoto, err = s.App.Documents.HasPhoto(r.Context(), o.ID); err != nil {
		return err
	}
	if err := s.ak1ReportData(r, &d); err != nil {
		return err
	}
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
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	app, err := s.App.Vacancies.Apply(r.Context(), r.User, id, r.PostFormValue("note"))
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
		http.Redirect(w, r.Request, fmt.Sprintf("/lowongan/%d", id), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	s.flash(w, r, "flash.applied")
	s.attachOnApply(w, r, app.ID)
	// Land on the new application's card, not on the top of a long page.
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari#lamaran-%d", app.ID), http.StatusSeeOther)
	return nil
}

// occupationsByTitle lists KBJI unit groups alphabetically: a worker looks
// for "Operator mesin jahit" by name, not by code.
func occupationsByTitle() []ref.Occupation {
	out := slices.Clone(ref.Occupations())
	slices.SortFunc(out, func(a, b ref.Occupation) int { return strings.Compare(a.Title, b.Title) })
	return out
}

// withdraw takes the seeker's application back and lands on its card.
func (s *Server) withdraw(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Vacancies.Withdraw(r.Context(), r.User, id)
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.withdrawn")
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari#lamaran-%d", id), http.StatusSeeOther)
	return nil
}
