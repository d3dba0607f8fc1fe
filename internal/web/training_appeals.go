package web

import (
	"fmt"
	"net/http"

	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Appeals against a round's result, for those who must judge them: the
// provider staff's list (/lembaga/keberatan), one appeal
// (/pelatihan/keberatan/{id}) and the decision on it. Who may read and
// decide which is the training store's rule; to anyone else an appeal does
// not exist.

type appealsData struct {
	Appeals []training.AppealCase
	ErrFor  int64 // the appeal whose decision form shows errors
}

// pendingFirst puts the undecided appeals first, each part oldest first.
func pendingFirst(cs []training.AppealCase) []training.AppealCase {
	out := make([]training.AppealCase, 0, len(cs))
	for _, decided := range []bool{false, true} {
		for _, c := range cs {
			if c.Decided == decided {
				out = append(out, c)
			}
		}
	}
	return out
}

// providerAppeals is /lembaga/keberatan: the appeals the user's providers
// must see, with a decision form for those in their own rounds.
func (s *Server) providerAppeals(w http.ResponseWriter, r *req) error {
	return s.renderProviderAppeals(w, r, http.StatusOK, s.newBase(w, r, "appeals.title"), 0)
}

func (s *Server) renderProviderAppeals(w http.ResponseWriter, r *req, status int, b base, errFor int64) error {
	if err := signedIn(r); err != nil {
		return err
	}
	// The page is the provider staff's: the store refuses other roles.
	if _, err := s.App.Training.ProvidersOf(r.Context(), r.User); err != nil {
		return err
	}
	cs, err := s.App.Training.AppealsVisibleTo(r.Context(), r.User, false)
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "appeals", b, appealsData{Appeals: pendingFirst(cs), ErrFor: errFor})
}

// appealPage is /pelatihan/keberatan/{id}: one appeal, for the appellant
// and those who judge it.
func (s *Server) appealPage(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.App.Training.AppealFor(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "appeals.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "training_appeal", b, appealsData{Appeals: []training.AppealCase{c}})
}

// decideAppeal records the decision on an appeal.
func (s *Server) decideAppeal(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.App.Training.AppealToDecide(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	verdict := r.PostFormValue("verdict")
	if verdict != "uphold" && verdict != "reject" {
		err = valid.New("verdict", "choose_one")
	} else {
		err = s.App.Training.DecideAppeal(r.Context(), c.ID, r.User.ID, verdict == "uphold", r.PostFormValue("decision"))
	}
	// A province-wide round's appeals are decided on the officers' desk.
	province := c.Round.ProviderID == 0
	if b, bad := s.withErrors(s.newBase(w, r, "appeals.title"), r, err); bad && province {
		return s.renderOfficerTraining(w, r, http.StatusUnprocessableEntity, b, c.ID)
	} else if bad {
		return s.renderProviderAppeals(w, r, http.StatusUnprocessableEntity, b, c.ID)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.appeal_decided")
	next := "/lembaga/keberatan"
	if province {
		next = "/petugas/pelatihan"
	}
	http.Redirect(w, r.Request, fmt.Sprintf("%s#keberatan-%d", next, c.ID), http.StatusSeeOther)
	return nil
}
