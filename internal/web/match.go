package web

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/ref"
)

func (s *Server) invite(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	seekerID, err := strconv.ParseInt(r.PostFormValue("seeker"), 10, 64)
	if err != nil {
		return db.ErrNotFound
	}
	err = s.App.Vacancies.Invite(r.Context(), r.User, id, seekerID)
	if err := s.flashOutcome(w, r, err, "flash.invited"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/perusahaan/lowongan/"+strconv.FormatInt(id, 10)+"#kandidat", http.StatusSeeOther)
	return nil
}

func (s *Server) declineInvitation(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.Decline(r.Context(), r.User, id); err != nil {
		return err
	}
	s.flash(w, r, "flash.invitation_declined")
	http.Redirect(w, r.Request, "/pencari", http.StatusSeeOther)
	return nil
}

type gapsData struct {
	Region string
	Gaps   []match.Gap
	// Programs counts, per gap skill, the training programs teaching it.
	Programs map[string]int
}

// skillGaps is "Kesenjangan keterampilan": what open vacancies ask for and
// registered seekers lack, per regency/city or for the province.
func (s *Server) skillGaps(w http.ResponseWriter, r *req) error {
	region := r.URL.Query().Get("region")
	if _, ok := ref.RegionByCode(region); !ok {
		region = "" // the page's select offers the province for anything else
	}
	gaps, err := s.App.Match.GapsFor(r.Context(), r.User, region, 30)
	if err != nil {
		return err
	}
	d := gapsData{Region: region, Gaps: gaps, Programs: map[string]int{}}
	skills := make([]string, len(gaps))
	for i, g := range gaps {
		skills[i] = g.Skill
	}
	teach, err := s.App.Training.ProgramsTeaching(r.Context(), skills)
	if err != nil {
		return err
	}
	for _, m := range teach {
		for _, k := range m.Teaches {
			d.Programs[k]++
		}
	}
	b := s.newBase(w, r, "gaps.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "gaps", b, d)
}

type howData struct {
	Skills, Unit, Minor, SubMajor, Same, Neighbour, Wage, Contract int
}

// howMatch publishes the ranking rule with the engine's own constants, so
// the page cannot drift from the code.
func (s *Server) howMatch(w http.ResponseWriter, r *req) error {
	b := s.newBase(w, r, "how.title")
	return s.render(w, http.StatusOK, "how_match", b, howData{Skills: match.PointsSkills, Unit: match.PointsUnitGroup,
		Minor: match.PointsMinorGroup, SubMajor: match.PointsSubMajor, Same: match.PointsSameRegion,
		Neighbour: match.PointsNeighbour, Wage: match.PointsWage, Contract: match.PointsContract})
}
