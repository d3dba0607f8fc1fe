package api

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/vacancy"
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
	k, err := limit(c, 20, 100)
	if err != nil {
		return err
	}
	r, err := s.App.Vacancies.Recommended(c.Context(), c.User, k)
	if err != nil {
		return err
	}
	items := make([]MatchJSON, 0, len(r.Fits))
	for _, f := range r.Fits {
		m := matchJSON(f.Hit)
		m.Title, m.Employer, m.Region = f.Vacancy.Title, f.Vacancy.EmployerName, f.Vacancy.Region
		items = append(items, m)
	}
	type gapJSON struct {
		Skill string `json:"skill"`
		Opens int    `json:"opens"`
	}
	gaps := make([]gapJSON, 0, len(r.Gaps))
	for _, g := range r.Gaps {
		gaps = append(gaps, gapJSON{g.Skill, g.Opens})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "skill_gaps": gaps})
}

func (s *Server) candidates(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	k, err := limit(c, 20, 100)
	if err != nil {
		return err
	}
	cands, err := s.App.Vacancies.Candidates(c.Context(), c.User, id, k)
	if err != nil {
		return err
	}
	items := make([]MatchJSON, 0, len(cands))
	for _, cand := range cands {
		m := matchJSON(cand.Hit)
		m.SeekerID, m.Candidate, m.Region = cand.SeekerID, cand.Masked, cand.Region
		items = append(items, m)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) invite(w http.ResponseWriter, c *call) error {
	var b struct {
		SeekerID int64 `json:"seeker_id"`
	}
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.Invite(c.Context(), c.User, id, b.SeekerID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"vacancy_id": id, "seeker_id": b.SeekerID, "status": vacancy.InvitationOpen})
}

func (s *Server) skillGaps(w http.ResponseWriter, c *call) error {
	k, err := limit(c, 30, 400)
	if err != nil {
		return err
	}
	region := c.URL.Query().Get("region")
	gaps, err := s.App.Match.GapsFor(c.Context(), c.User, region, k)
	if err != nil {
		return err
	}
	if gaps == nil {
		gaps = []match.Gap{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"region": region, "items": gaps})
}
