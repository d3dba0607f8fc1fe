package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Training pages for everyone: browse programs, and a program with the
// vacancies that need what it teaches. The training pages of job seekers
// (training_round.go, training_mine.go), of providers' staff (provider_*.go)
// and of officers (officer_training.go) are each a thin door onto the
// training store: a handler reads the request, calls one store method, which
// decides who may do what, and renders.

// signedIn sends a visitor to log in first; once someone is known, the
// training store's rules decide what they may do.
func signedIn(r *req) error {
	if r.User == nil {
		return errLogin
	}
	return nil
}

// signedPost starts a logged-in user's form post on the path's record: the
// form parses (middleware checks its origin) and the path names an id. What
// the user may do with the record is the store's to say.
func signedPost(w http.ResponseWriter, r *req) (int64, error) {
	if err := signedIn(r); err != nil {
		return 0, err
	}
	if err := parseForm(w, r); err != nil {
		return 0, err
	}
	return pathID(r)
}

// seekerPost is signedPost for a job seeker's post on the path's round,
// with the seeker; ok is false while they have no seeker profile.
func (s *Server) seekerPost(w http.ResponseWriter, r *req) (id int64, sk training.Seeker, ok bool, err error) {
	if id, err = signedPost(w, r); err == nil {
		sk, ok, err = s.App.Training.SeekerOf(r.Context(), r.User)
	}
	return id, sk, ok, err
}

// withStoreErrors adds to errs, the form's own (numbers or dates that did
// not parse), the store's errors for the other fields (check is the store's
// validation of what did parse), so the page shows every error at once.
func withStoreErrors(errs valid.Errors, check error) error {
	ve, ok := valid.As(check)
	if !ok && check != nil {
		return check
	}
	for _, fe := range ve {
		if !errs.Has(fe.Field) {
			errs = append(errs, fe)
		}
	}
	return errs.Err()
}

// classOf names priority class c of a program whose order is prio.
func classOf(prio []string, c int) string { return training.Criterion(prio, c) }

// dateInput is t's WIB civil date as a date input's value.
func dateInput(t time.Time) string { return wib.Date(t).Format(time.DateOnly) }

type trainingListData struct {
	training.ProgramList
	CanRounds bool // the officers' link
	Tags      []string
}

// trainingList is /pelatihan: programs taking applications now.
func (s *Server) trainingList(w http.ResponseWriter, r *req) error {
	q := r.URL.Query()
	f := training.ProgramFilter{Region: q.Get("region"), Skill: q.Get("skill"), Tag: q.Get("tag"), Free: q.Get("free") == "1"}
	d := trainingListData{ProgramList: training.ProgramList{Filter: f}, CanRounds: r.User.Can(auth.ManageRounds),
		Tags: training.YouthTags}
	l, err := s.App.Training.OpenProgramsFor(r.Context(), r.User, f)
	b := s.newBase(w, r, "training.title")
	b.Form = q
	if eb, bad := s.withErrors(b, r, err); bad {
		eb.Form = q
		return s.render(w, http.StatusBadRequest, "training_list", eb, d)
	} else if err != nil {
		return err
	}
	d.ProgramList = l
	return s.render(w, http.StatusOK, "training_list", b, d)
}

type programPageData struct {
	training.ProgramDetail
	Demand     vacancy.Demand
	DemandLink string
	History    *historyView
}

// trainingProgram is /pelatihan/{id}.
func (s *Server) trainingProgram(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.App.Training.ProgramFor(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	d := programPageData{ProgramDetail: p}
	if d.History, err = s.history(r, ledger.RefOf(ledger.ObjProgram, id), fmt.Sprintf("/transparansi?program=%d#catatan", id)); err != nil {
		return err
	}
	if d.Demand, err = s.App.Vacancies.NeedingSkills(r.Context(), p.Skills, 5); err != nil {
		return err
	}
	switch {
	case len(p.Occupations) > 0:
		d.DemandLink = "/lowongan?" + url.Values{"kbji": {p.Occupations[0]}}.Encode()
	case len(p.Skills) > 0:
		d.DemandLink = "/lowongan?" + url.Values{"q": {skillWords(p.Skills[0])}}.Encode()
	}
	b := s.newBase(w, r, "program.title")
	b.Title = p.Title + " – " + p.ProviderName
	b.Canonical = s.baseURL(r.Request) + fmt.Sprintf("/pelatihan/%d", p.ID)
	b.Description = s.Catalog.T(r.Lang, "meta.program", "provider", p.ProviderName, "region", regionName(p.Region), "seats", p.Seats)
	return s.render(w, http.StatusOK, "training_program", b, d)
}

// trainingFollow is POST /pelatihan/ikuti/{id}: ikuti=1 follows the
// program (told when a round opens), ikuti=0 stops.
func (s *Server) trainingFollow(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if r.PostFormValue("ikuti") == "0" {
		err = s.App.Training.Unfollow(r.Context(), r.User, id)
	} else {
		err = s.App.Training.Follow(r.Context(), r.User, id)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/pelatihan/%d#daftar", id), http.StatusSeeOther)
	return nil
}

// skillWords is a skill's name as search words for the vacancy list.
func skillWords(code string) string {
	k, ok := ref.SkillByCode(code)
	if !ok {
		return code
	}
	name := k.Name
	if i := strings.IndexAny(name, "(/"); i > 0 {
		name = name[:i]
	}
	return strings.TrimSpace(name)
}
