package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// profileAPI lists the endpoints of the job seeker's own profile and the
// searches that choose its skills and occupation by typing (the pages'
// profile_search.go, for apps).
func (s *Server) profileAPI() []route {
	return []route{
		{"GET", "/api/v1/me/profile", s.getProfile},
		{"PUT", "/api/v1/me/profile", s.putProfile},
		{"GET", "/api/v1/skills", s.findSkills},
		{"GET", "/api/v1/occupations", s.findOccupations},
		{"GET", "/api/v1/areas", s.findAreas},
	}
}

// ProfileJSON is a job seeker's profile as they see and change it.
type ProfileJSON struct {
	FullName     string   `json:"full_name"`
	Domicile     string   `json:"domicile"`
	Education    string   `json:"education"`
	Occupation   string   `json:"occupation"`
	Skills       []string `json:"skills"`
	Contracts    []string `json:"contracts"`
	Experience   string   `json:"experience"`
	Certificates string   `json:"certificates"`
	ExpectedWage int64    `json:"expected_wage"`
	Discoverable bool     `json:"discoverable"`
	// The background (profile_background.go).
	Address     AddressJSON      `json:"address"`
	Experiences []ExperienceJSON `json:"experiences"`
	Licences    []LicenceJSON    `json:"licences"`
	Languages   []LanguageJSON   `json:"languages"`
}

// ProfileInput is the body of PUT /api/v1/me/profile: the profile, and the
// NIK the first time (registration). Address, experiences, licences and
// languages left out keep what is stored, so a client written before they
// existed does not wipe them; sent (an empty list too) they replace it.
type ProfileInput struct {
	NIK string `json:"nik"`
	ProfileJSON
	Address *AddressJSON `json:"address,omitempty"`
}

func profileJSON(sk seeker.Seeker) ProfileJSON {
	p := ProfileJSON{FullName: sk.FullName, Domicile: sk.DomicileRegion, Education: sk.Education, Occupation: sk.Occupation,
		Skills: sk.Skills, Contracts: sk.Contracts, Experience: sk.Experience, Certificates: sk.Certificates,
		ExpectedWage: sk.ExpectedWage, Discoverable: sk.Discoverable}
	if p.Skills == nil {
		p.Skills = []string{}
	}
	if p.Contracts == nil {
		p.Contracts = []string{}
	}
	p.Address, p.Experiences, p.Licences, p.Languages = backgroundJSON(sk.Background)
	return p
}

func (s *Server) getProfile(w http.ResponseWriter, c *call) error {
	sk, err := s.App.Seekers.Mine(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, profileJSON(sk))
}

func (s *Server) putProfile(w http.ResponseWriter, c *call) error {
	var b ProfileInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	bg, err := s.backgroundInput(c, b)
	if err != nil {
		return err
	}
	err = s.App.Seekers.Save(c.Context(), c.User, seeker.Input{NIK: b.NIK, Profile: seeker.Profile{FullName: b.FullName,
		DomicileRegion: b.Domicile, Education: b.Education, Skills: b.Skills, Experience: b.Experience, Certificates: b.Certificates,
		ExpectedWage: b.ExpectedWage, Discoverable: b.Discoverable, Occupation: b.Occupation, Contracts: b.Contracts,
		Background: bg}})
	if err != nil {
		return err
	}
	return s.getProfile(w, c)
}

// SkillJSON is one skill of the vocabulary, with the KBJI major group it
// is shown under.
type SkillJSON struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	Group  string `json:"group"`
}

// OccupationJSON is one KBJI unit group.
type OccupationJSON struct {
	Code    string `json:"code"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en"`
}

func (s *Server) findSkills(w http.ResponseWriter, c *call) error {
	out := []SkillJSON{}
	for _, g := range ref.GroupSkills(ref.FindSkills(c.URL.Query().Get("q"), 40)) {
		for _, sk := range g.Skills {
			out = append(out, SkillJSON{Code: sk.Code, Name: sk.Name, NameEN: sk.NameEN, Group: g.Group.Code})
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) findOccupations(w http.ResponseWriter, c *call) error {
	out := []OccupationJSON{}
	for _, o := range ref.FindOccupations(c.URL.Query().Get("q"), 25) {
		out = append(out, OccupationJSON{Code: o.Code, Title: o.Title, TitleEN: o.TitleEN})
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
