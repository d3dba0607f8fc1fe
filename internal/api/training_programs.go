package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// ProgramFields are what a program's staff describe it with, as request
// bodies carry them and answers show them. They are training.ProgramInput
// field for field, so a body converts to it as it is, and a field added
// there cannot be forgotten here.
type ProgramFields struct {
	Title             string   `json:"title"`
	Description       string   `json:"description"`
	Skills            []string `json:"skills"`
	Occupations       []string `json:"occupations"`
	Hours             int      `json:"hours"`
	Schedule          string   `json:"schedule"`
	Region            string   `json:"region"`
	Seats             int      `json:"seats"`
	Fee               int64    `json:"fee"`
	FeeWaivedFor      string   `json:"fee_waived_for"`
	CertificateScheme string   `json:"certificate_scheme"`
	AgeMin            int      `json:"age_min"`
	AgeMax            int      `json:"age_max"`
	EducationMin      string   `json:"education_min"`
	Regions           []string `json:"regions"`
	Priority          []string `json:"priority"`
	Tags              []string `json:"tags"`
	PartnerID         int64    `json:"partner_id,omitempty"`
	PartnerInterviews int      `json:"partner_interviews"`
	PartnerHires      int      `json:"partner_hires"`
}

// ProgramJSON is a training program.
type ProgramJSON struct {
	ID           int64  `json:"id"`
	ProviderID   int64  `json:"provider_id"`
	Provider     string `json:"provider"`
	ProviderKind string `json:"provider_kind"`
	ProgramFields
	URL string `json:"url"`
	// Set on the list of open programs.
	RoundID    int64  `json:"round_id,omitempty"`
	RoundTitle string `json:"round_title,omitempty"`
	ClosesAt   string `json:"closes_at,omitempty"`
	// Set for a logged-in seeker: the message id of the rule they fail, "" when they may apply.
	Ineligible *string `json:"ineligible,omitempty"`
}

func programJSON(p training.Program) ProgramJSON {
	return ProgramJSON{ID: p.ID, ProviderID: p.ProviderID, Provider: p.ProviderName, ProviderKind: p.ProviderKind,
		ProgramFields: ProgramFields{Title: p.Title, Description: p.Description, Skills: nonNil(p.Skills),
			Occupations: nonNil(p.Occupations), Hours: p.Hours, Schedule: p.Schedule, Region: p.Region, Seats: p.Seats,
			Fee: p.Fee, FeeWaivedFor: p.FeeWaivedFor, CertificateScheme: p.CertificateScheme, AgeMin: p.AgeMin,
			AgeMax: p.AgeMax, EducationMin: p.EducationMin, Regions: nonNil(p.Regions), Priority: nonNil(p.Priority),
			Tags: nonNil(p.Tags), PartnerID: p.PartnerID, PartnerInterviews: p.PartnerInterviews, PartnerHires: p.PartnerHires},
		URL: "/pelatihan/" + strconv.FormatInt(p.ID, 10)}
}

// inRound sets where the program takes applications and, for a job seeker
// (judged), whether they may apply there.
func (j *ProgramJSON) inRound(roundID int64, title string, closes string, judged bool, ineligible string) {
	j.RoundID, j.RoundTitle, j.ClosesAt = roundID, title, closes
	if judged {
		j.Ineligible = &ineligible
	}
}

func (s *Server) listPrograms(w http.ResponseWriter, c *call) error {
	q := c.URL.Query()
	f := training.ProgramFilter{Region: q.Get("region"), Skill: q.Get("skill"), Tag: q.Get("tag")}
	errs := f.Check()
	switch q.Get("free") {
	case "", "false":
	case "true":
		f.Free = true
	default:
		errs.Add("free", "choose_one")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	l, err := s.App.Training.OpenProgramsFor(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	items := []ProgramJSON{}
	for _, p := range l.Programs {
		j := programJSON(p.Program)
		j.inRound(p.RoundID, p.RoundTitle, rfc3339(p.ClosesAt), l.IsSeeker, p.Ineligible)
		items = append(items, j)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) getProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := s.App.Training.ProgramFor(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	j := programJSON(d.Program)
	if d.HasRound {
		j.inRound(d.Round.ID, d.Round.Title, rfc3339(d.Round.ClosesAt), d.IsSeeker, d.Ineligible)
	}
	demand, err := s.App.Vacancies.NeedingSkills(c.Context(), d.Skills, 10)
	if err != nil {
		return err
	}
	top := []VacancyJSON{}
	for _, v := range demand.Top {
		top = append(top, vacancyJSON(v))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"program": j,
		"demand":  map[string]any{"vacancies": demand.Vacancies, "openings": demand.Openings, "top": top},
		"outcome": outcomeJSON(d.Outcome)})
}

// ProgramBody is the body of POST and PUT /api/v1/training/programs.
type ProgramBody struct {
	ProviderID int64 `json:"provider_id"`
	ProgramFields
}

func (b ProgramBody) input() training.ProgramInput { return training.ProgramInput(b.ProgramFields) }

// providerField words the store's "not found" for the body's provider_id —
// unknown, or one the caller does not act for — as a field error: either
// way it is not a provider the caller can choose.
func providerField(err error, providerID int64) error {
	switch {
	case !errors.Is(err, fail.NotFound):
		return err
	case providerID == 0:
		return valid.New("provider_id", "required")
	}
	return valid.New("provider_id", "choose_one")
}

func (s *Server) createProgram(w http.ResponseWriter, c *call) error {
	var b ProgramBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	p, err := s.App.Training.CreateProgram(c.Context(), actorID(c.User), b.ProviderID, b.input())
	if err != nil {
		return providerField(err, b.ProviderID)
	}
	w.Header().Set("Location", "/api/v1/training/programs/"+strconv.FormatInt(p.ID, 10))
	return writeJSON(w, http.StatusCreated, programJSON(p))
}

func (s *Server) updateProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	cur, err := s.App.Training.ProgramToManage(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	var b ProgramBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.ProviderID != 0 && b.ProviderID != cur.ProviderID {
		return valid.New("provider_id", "program_other_provider", "program", cur.Title)
	}
	p, err := s.App.Training.UpdateProgram(c.Context(), c.User.ID, id, b.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, programJSON(p))
}

// ProviderJSON is a training provider.
type ProviderJSON struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Region     string `json:"region"`
	Address    string `json:"address"`
	EmployerID int64  `json:"employer_id,omitempty"`
	Staff      bool   `json:"staff"` // the caller acts for it
}

func (s *Server) listProviders(w http.ResponseWriter, c *call) error {
	ps, err := s.App.Training.ProviderDirectory(c.Context(), c.User)
	if err != nil {
		return err
	}
	items := []ProviderJSON{}
	for _, p := range ps {
		items = append(items, ProviderJSON{ID: p.ID, Kind: p.Kind, Name: p.Name, Region: p.Region, Address: p.Address,
			EmployerID: p.EmployerID, Staff: p.Staff})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// followProgram makes the caller (a job seeker) follow a program: they are
// told when a round including it opens.
func (s *Server) followProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Training.Follow(c.Context(), c.User, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// unfollowProgram ends the caller's following of a program.
func (s *Server) unfollowProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Training.Unfollow(c.Context(), c.User, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
