package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// MatchJSON is one ranked pair and why.
type MatchJSON struct {
	VacancyID     int64    `json:"vacancy_id"`
	SeekerID      int64    `json:"seeker_id,omitempty"`
	Title         string   `json:"title,omitempty"`
	Employer      string   `json:"employer,omitempty"`
	Region        string   `json:"region"`
	Candidate     string   `json:"candidate,omitempty"` // masked name
	Score         int32    `json:"score"`
	MaxScore      int      `json:"max_score"`
	MatchedSkills []string `json:"matched_skills"`
	MissingSkills []string `json:"missing_skills"`
	Occupation    string   `json:"occupation_fit"` // unit_group, minor_group, sub_major_group, none
	Place         string   `json:"place"`          // same, neighbour, elsewhere
	WageOK        bool     `json:"wage_ok"`
	ContractOK    bool     `json:"contract_ok"`
	EducationOK   bool     `json:"education_ok"`
}

var occNames = [...]string{match.OccNone: "none", match.OccSubMajor: "sub_major_group", match.OccMinor: "minor_group", match.OccUnit: "unit_group"}
var placeNames = [...]string{match.PlaceElsewhere: "elsewhere", match.PlaceNeighbour: "neighbour", match.PlaceSame: "same"}

func matchJSON(h match.Hit) MatchJSON {
	m := MatchJSON{VacancyID: h.VacancyID, Score: h.Score, MaxScore: match.MaxScore, MatchedSkills: h.Matched,
		MissingSkills: h.Missing, Occupation: occNames[h.Occupation], Place: placeNames[h.Place], WageOK: h.WageOK,
		ContractOK: h.ContractOK, EducationOK: h.EducationOK}
	if m.MatchedSkills == nil {
		m.MatchedSkills = []string{}
	}
	if m.MissingSkills == nil {
		m.MissingSkills = []string{}
	}
	return m
}

// limit reads ?limit= (1..max, default def).
func limit(c *call, def, max int) (int, error) {
	s := c.URL.Query().Get("limit")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, valid.New("limit", "limit_invalid", "max", max)
	}
	return n, nil
}

func (s *Server) recommendations(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ApplyVacancy); err != nil {
		return err
	}
	k, err := limit(c, 20, 100)
	if err != nil {
		return err
	}
	sk, err := s.App.Seekers.ByUser(c.Context(), c.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		return writeJSON(w, http.StatusOK, map[string]any{"items": []MatchJSON{}, "skill_gaps": []match.SeekerGap{}})
	}
	if err != nil {
		return err
	}
	hits, err := s.App.Match.ForSeeker(c.Context(), sk.ID, k)
	if err != nil && !errors.Is(err, match.ErrUnknown) {
		return err
	}
	items := make([]MatchJSON, 0, len(hits))
	for _, h := range hits {
		v, err := s.App.Vacancies.Get(c.Context(), h.VacancyID)
		if err != nil {
			return err
		}
		m := matchJSON(h)
		m.Title, m.Employer, m.Region = v.Title, v.EmployerName, v.Region
		items = append(items, m)
	}
	type gapJSON struct {
		Skill string `json:"skill"`
		Opens int    `json:"opens"`
	}
	gaps := []gapJSON{}
	if len(hits) > 0 || err == nil {
		g, err := s.App.Match.SeekerGaps(c.Context(), sk.ID, 5)
		if err != nil && !errors.Is(err, match.ErrUnknown) {
			return err
		}
		for _, x := range g {
			gaps = append(gaps, gapJSON{x.Skill, x.Opens})
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "skill_gaps": gaps})
}

func (s *Server) candidates(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ManageApplicants); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	k, err := limit(c, 20, 100)
	if err != nil {
		return err
	}
	v, err := s.App.Vacancies.Get(c.Context(), id)
	if err != nil {
		return err
	}
	if _, own, err := s.ownVacancy(c, v); err != nil {
		return err
	} else if !own {
		return errForbidden
	}
	hits, err := s.App.Match.ForVacancy(c.Context(), id, k)
	if errors.Is(err, match.ErrNotOpen) {
		return valid.New("vacancy", "vacancy_closed")
	}
	if err != nil {
		return err
	}
	items := make([]MatchJSON, 0, len(hits))
	for _, h := range hits {
		sk, err := s.App.Seekers.Get(c.Context(), h.SeekerID)
		if err != nil {
			return err
		}
		m := matchJSON(h)
		m.SeekerID, m.Candidate, m.Region = sk.ID, seeker.MaskedName(sk.FullName), sk.DomicileRegion
		items = append(items, m)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) invite(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ManageApplicants); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b struct {
		SeekerID int64 `json:"seeker_id"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	v, err := s.App.Vacancies.Get(c.Context(), id)
	if err != nil {
		return err
	}
	e, own, err := s.ownVacancy(c, v)
	if err != nil {
		return err
	}
	if !own {
		return errForbidden
	}
	if err := s.App.Vacancies.Invite(c.Context(), e, id, b.SeekerID, c.User.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"vacancy_id": id, "seeker_id": b.SeekerID, "status": "diundang"})
}

func (s *Server) skillGaps(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ViewStats); err != nil {
		return err
	}
	region := c.URL.Query().Get("region")
	if _, ok := ref.RegionByCode(region); region != "" && !ok {
		return valid.New("region", "region_invalid")
	}
	k, err := limit(c, 30, 400)
	if err != nil {
		return err
	}
	gaps, err := s.App.Match.Gaps(c.Context(), region, k)
	if err != nil {
		return err
	}
	if gaps == nil {
		gaps = []match.Gap{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"region": region, "items": gaps})
}
