package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// fit is one ranked pair as pages show it: the vacancy or the seeker, the
// score as a share of a perfect fit, and the reasons.
type fit struct {
	match.Hit
	V        vacancy.Vacancy
	S        seeker.Seeker
	Masked   string
	Percent  int
	Invited  string // invitation state, on the employer's candidate list
	MaxScore int
}

func percentOf(score int32) int { return int(score) * 100 / match.MaxScore }

// recommendations are the seeker dashboard's "Lowongan untuk Anda".
func (s *Server) recommendations(ctx context.Context, sk seeker.Seeker, k int) ([]fit, []match.SeekerGap, error) {
	hits, err := s.App.Match.ForSeeker(ctx, sk.ID, k)
	if errors.Is(err, match.ErrUnknown) {
		return nil, nil, nil // registered a moment ago in another process
	}
	if err != nil {
		return nil, nil, err
	}
	out := make([]fit, 0, len(hits))
	for _, h := range hits {
		v, err := s.App.Vacancies.Get(ctx, h.VacancyID)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, fit{Hit: h, V: v, Percent: percentOf(h.Score)})
	}
	gaps, err := s.App.Match.SeekerGaps(ctx, sk.ID, 5)
	return out, gaps, err
}

// candidates are the employer vacancy page's "Kandidat": discoverable
// seekers shown by masked name until they apply.
func (s *Server) candidates(ctx context.Context, v vacancy.Vacancy, k int) ([]fit, error) {
	hits, err := s.App.Match.ForVacancy(ctx, v.ID, k)
	if errors.Is(err, match.ErrNotOpen) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	invited, err := s.App.Vacancies.Invited(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	out := make([]fit, 0, len(hits))
	for _, h := range hits {
		sk, err := s.App.Seekers.Get(ctx, h.SeekerID)
		if err != nil {
			return nil, err
		}
		out = append(out, fit{Hit: h, S: sk, Masked: seeker.MaskedName(sk.FullName), Percent: percentOf(h.Score), Invited: invited[sk.ID]})
	}
	return out, nil
}

func (s *Server) invite(w http.ResponseWriter, r *req) error {
	e, v, err := s.ownVacancy(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	seekerID, err := strconv.ParseInt(r.PostFormValue("seeker"), 10, 64)
	if err != nil {
		return db.ErrNotFound
	}
	err = s.App.Vacancies.Invite(r.Context(), e, v.ID, seekerID, r.User.ID)
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.invited")
	}
	http.Redirect(w, r.Request, "/perusahaan/lowongan/"+strconv.FormatInt(v.ID, 10)+"#kandidat", http.StatusSeeOther)
	return nil
}

func (s *Server) declineInvitation(w http.ResponseWriter, r *req) error {
	id, err := formAction(w, r, auth.ApplyVacancy)
	if err != nil {
		return err
	}
	sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.Decline(r.Context(), sk.ID, id); err != nil {
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
	if err := need(r, auth.ViewStats); err != nil {
		return err
	}
	region := r.URL.Query().Get("region")
	if _, ok := ref.RegionByCode(region); region != "" && !ok {
		region = ""
	}
	gaps, err := s.App.Match.Gaps(r.Context(), region, 30)
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
