package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/bursa-banten/bursa/internal/ref"
)

// Choosing skills and an occupation by typing, without JavaScript. The
// profile form has a search box and a search button (name="cari") for
// each; the button posts the whole form, which is answered with the same
// form, everything typed kept, and the matching options added: skills as
// checkboxes grouped by KBJI major group, occupations as radio buttons.
// Nothing is saved until the person presses Save. The ~400 skills and
// ~250 occupations never travel to the phone whole.

const (
	maxSkillHits = 40
	maxOccHits   = 25
)

func (s *Server) profileSearch(w http.ResponseWriter, r *req, d seekerFormData) error {
	chosen := r.PostForm["skills"]
	switch d.Search = r.PostFormValue("cari"); d.Search {
	case "skills":
		var hits []ref.Skill
		for _, sk := range ref.FindSkills(r.PostFormValue("skill_q"), maxSkillHits+len(chosen)) {
			if !slices.Contains(chosen, sk.Code) && len(hits) < maxSkillHits {
				hits = append(hits, sk)
			}
		}
		d.SkillHits = ref.GroupSkills(hits)
		d.SearchEmpty = len(hits) == 0 && strings.TrimSpace(r.PostFormValue("skill_q")) != ""
	case "occupation":
		cur := r.PostFormValue("occupation")
		for _, o := range ref.FindOccupations(r.PostFormValue("occupation_q"), maxOccHits+1) {
			if o.Code != cur && len(d.OccHits) < maxOccHits {
				d.OccHits = append(d.OccHits, o)
			}
		}
		d.SearchEmpty = len(d.OccHits) == 0 && strings.TrimSpace(r.PostFormValue("occupation_q")) != ""
	case "area":
		areaSearch(r, &d.BG)
		d.SearchEmpty = d.BG.AreaNone
	default:
		return errBadInput
	}
	b := s.newBase(w, r, "seeker_form.title")
	b.Robots = "noindex"
	b.Form = r.PostForm
	return s.render(w, http.StatusOK, "seeker_form", b, d)
}
