package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The training API mirrors the Pelatihan pages: programs, intake rounds,
// applications and results with cutoffs, appeals, the course, outcomes.
// Lottery numbers are uint64 and travel as decimal strings, which every
// JSON reader keeps exact.

func u64(n uint64) string { return strconv.FormatUint(n, 10) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ProgramJSON is a training program.
type ProgramJSON struct {
	ID                int64    `json:"id"`
	ProviderID        int64    `json:"provider_id"`
	Provider          string   `json:"provider"`
	ProviderKind      string   `json:"provider_kind"`
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
	URL               string   `json:"url"`
	// Set on the list of open programs.
	RoundID    int64  `json:"round_id,omitempty"`
	RoundTitle string `json:"round_title,omitempty"`
	ClosesAt   string `json:"closes_at,omitempty"`
	// Set for a logged-in seeker: the message id of the rule they fail, "" when they may apply.
	Ineligible *string `json:"ineligible,omitempty"`
}

func programJSON(p training.Program) ProgramJSON {
	return ProgramJSON{ID: p.ID, ProviderID: p.ProviderID, Provider: p.ProviderName, ProviderKind: p.ProviderKind,
		Title: p.Title, Description: p.Description, Skills: nonNil(p.Skills), Occupations: nonNil(p.Occupations),
		Hours: p.Hours, Schedule: p.Schedule, Region: p.Region, Seats: p.Seats, Fee: p.Fee, FeeWaivedFor: p.FeeWaivedFor,
		CertificateScheme: p.CertificateScheme, AgeMin: p.AgeMin, AgeMax: p.AgeMax, EducationMin: p.EducationMin,
		Regions: nonNil(p.Regions), Priority: nonNil(p.Priority), Tags: nonNil(p.Tags), PartnerID: p.PartnerID,
		PartnerInterviews: p.PartnerInterviews, PartnerHires: p.PartnerHires, URL: "/pelatihan/" + strconv.FormatInt(p.ID, 10)}
}

// currentSeeker returns the caller's seeker profile when they are a seeker
// who has one.
func (s *Server) currentSeeker(c *call) (seeker.Seeker, bool, error) {
	if !c.User.Can(auth.ApplyTraining) {
		return seeker.Seeker{}, false, nil
	}
	sk, err := s.App.Seekers.ByUser(c.Context(), c.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		return seeker.Seeker{}, false, nil
	}
	return sk, err == nil, err
}

func applicantOf(sk seeker.Seeker) training.Applicant {
	return training.Applicant{BirthDate: sk.BirthDate, Education: sk.Education, Domicile: sk.DomicileRegion}
}

func (s *Server) listPrograms(w http.ResponseWriter, c *call) error {
	q := c.URL.Query()
	f := training.ProgramFilter{Region: q.Get("region"), Skill: q.Get("skill"), Tag: strings.ToLower(strings.TrimSpace(q.Get("tag")))}
	var errs valid.Errors
	if _, ok := ref.RegionByCode(f.Region); f.Region != "" && !ok {
		errs.Add("region", "region_invalid")
	}
	if _, ok := ref.SkillByCode(f.Skill); f.Skill != "" && !ok {
		errs.Add("skill", "skill_unknown", "skill", f.Skill)
	}
	free := q.Get("free")
	if free != "" && free != "true" && free != "false" {
		errs.Add("free", "choose_one")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	open, err := s.App.Training.OpenPrograms(c.Context(), f)
	if err != nil {
		return err
	}
	sk, isSeeker, err := s.currentSeeker(c)
	if err != nil {
		return err
	}
	items := []ProgramJSON{}
	for _, o := range open {
		if free == "true" && o.Fee > 0 && o.FeeWaivedFor == "" {
			continue
		}
		j := programJSON(o.Program)
		j.RoundID, j.RoundTitle, j.ClosesAt = o.RoundID, o.RoundTitle, rfc3339(o.ClosesAt)
		if isSeeker {
			code := o.Ineligible(applicantOf(sk), training.Round{ClosesAt: o.ClosesAt}.CloseDay())
			j.Ineligible = &code
		}
		items = append(items, j)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// OutcomeJSON is what became of a group of programs' participants.
type OutcomeJSON struct {
	Programs               int      `json:"programs"`
	Enrolled               int      `json:"enrolled"`
	Completed              int      `json:"completed"`
	Certified              int      `json:"certified"`
	Completion             RateJSON `json:"completion"`
	Certification          RateJSON `json:"certification"`
	PlacedWithin3Months    RateJSON `json:"placed_within_3_months"`
	PlacedWithin6Months    RateJSON `json:"placed_within_6_months"`
	MedianWage             *int64   `json:"median_wage"`
	Wages                  int      `json:"wages"`
	PartnerInterviewPlaces int      `json:"partner_interview_places"`
	PartnerHirePlaces      int      `json:"partner_hire_places"`
	PartnerHires           int      `json:"partner_hires"`
}

// RateJSON is n of of; percent is null when of is 0.
type RateJSON struct {
	N       int      `json:"n"`
	Of      int      `json:"of"`
	Percent *float64 `json:"percent"`
}

func rateJSON(r training.Rate) RateJSON {
	j := RateJSON{N: r.N, Of: r.Of}
	if r.Known() {
		p := r.Percent()
		j.Percent = &p
	}
	return j
}

// outcomeJSON leaves the median wage out when it would be fewer than min
// people's pay.
func outcomeJSON(o training.Outcome, minWages int) OutcomeJSON {
	j := OutcomeJSON{Programs: o.Programs, Enrolled: o.Enrolled, Completed: o.Completed, Certified: o.Certified,
		Completion: rateJSON(o.Completion), Certification: rateJSON(o.Certification),
		PlacedWithin3Months: rateJSON(o.PlacedShort), PlacedWithin6Months: rateJSON(o.PlacedLong), Wages: o.Wages,
		PartnerInterviewPlaces: o.PartnerInterviewPlaces, PartnerHirePlaces: o.PartnerHirePlaces, PartnerHires: o.PartnerHires}
	if o.Wages > 0 && o.Wages >= minWages {
		w := o.MedianWage
		j.MedianWage = &w
	}
	return j
}

// minPublicWages is how many placements a public median wage needs.
const minPublicWages = 3

func (s *Server) getProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.App.Training.Program(c.Context(), id)
	if err != nil {
		return err
	}
	j := programJSON(p)
	rounds, err := s.App.Training.RoundsByProvider(c.Context(), p.ProviderID)
	if err != nil {
		return err
	}
	now := s.App.Now()
	var open *training.Round
	for i, rd := range rounds {
		for _, rp := range rd.Programs {
			if rp.ProgramID == p.ID && rd.OpenAt(now) {
				open = &rounds[i]
			}
		}
	}
	if open != nil {
		j.RoundID, j.RoundTitle, j.ClosesAt = open.ID, open.Title, rfc3339(open.ClosesAt)
		if sk, ok, err := s.currentSeeker(c); err != nil {
			return err
		} else if ok {
			code := p.Ineligible(applicantOf(sk), open.CloseDay())
			j.Ineligible = &code
		}
	}
	demand, err := s.App.Vacancies.NeedingSkills(c.Context(), p.Skills, 10)
	if err != nil {
		return err
	}
	top := []VacancyJSON{}
	for _, v := range demand.Top {
		top = append(top, vacancyJSON(v))
	}
	o, err := s.App.Training.OutcomeForProgram(c.Context(), p.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"program": j,
		"demand":  map[string]any{"vacancies": demand.Vacancies, "openings": demand.Openings, "top": top},
		"outcome": outcomeJSON(o, minPublicWages)})
}

// ProgramBody is the body of POST and PUT /api/v1/training/programs.
type ProgramBody struct {
	ProviderID        int64    `json:"provider_id"`
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
	PartnerID         int64    `json:"partner_id"`
	PartnerInterviews int      `json:"partner_interviews"`
	PartnerHires      int      `json:"partner_hires"`
}

func (b ProgramBody) input() training.ProgramInput {
	return training.ProgramInput{Title: b.Title, Description: b.Description, Skills: b.Skills, Occupations: b.Occupations,
		Hours: b.Hours, Schedule: b.Schedule, Region: b.Region, Seats: b.Seats, Fee: b.Fee, FeeWaivedFor: b.FeeWaivedFor,
		CertificateScheme: b.CertificateScheme, AgeMin: b.AgeMin, AgeMax: b.AgeMax, EducationMin: b.EducationMin,
		Regions: b.Regions, Priority: b.Priority, Tags: b.Tags, PartnerID: b.PartnerID,
		PartnerInterviews: b.PartnerInterviews, PartnerHires: b.PartnerHires}
}

func (s *Server) createProgram(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ManageTraining); err != nil {
		return err
	}
	var b ProgramBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.ProviderID == 0 {
		return valid.New("provider_id", "required")
	}
	if _, err := s.App.Training.Provider(c.Context(), b.ProviderID); err != nil {
		if errors.Is(err, db.ErrNotFound) {
			return valid.New("provider_id", "choose_one")
		}
		return err
	}
	p, err := s.App.Training.CreateProgram(c.Context(), c.User.ID, b.ProviderID, b.input())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/training/programs/"+strconv.FormatInt(p.ID, 10))
	return writeJSON(w, http.StatusCreated, programJSON(p))
}

func (s *Server) updateProgram(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ManageTraining); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b ProgramBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	cur, err := s.App.Training.Program(c.Context(), id)
	if err != nil {
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
	ps, err := s.App.Training.Providers(c.Context())
	if err != nil {
		return err
	}
	mine := map[int64]bool{}
	if c.User.Can(auth.ManageTraining) {
		own, err := s.App.Training.ProvidersForUser(c.Context(), c.User.ID)
		if err != nil {
			return err
		}
		for _, p := range own {
			mine[p.ID] = true
		}
	}
	items := []ProviderJSON{}
	for _, p := range ps {
		items = append(items, ProviderJSON{ID: p.ID, Kind: p.Kind, Name: p.Name, Region: p.Region, Address: p.Address,
			EmployerID: p.EmployerID, Staff: mine[p.ID]})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// mayReadProvider: its staff and those who read labor-market figures.
func (s *Server) mayReadProvider(c *call, providerID int64) error {
	if c.User == nil {
		return errUnauthorized
	}
	if c.User.Can(auth.ViewStats) {
		return nil
	}
	if c.User.Can(auth.ManageTraining) {
		ok, err := s.App.Training.IsStaff(c.Context(), providerID, c.User.ID)
		if err != nil || ok {
			return err
		}
	}
	return errForbidden
}

func (s *Server) providerOutcomes(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.App.Training.Provider(c.Context(), id); err != nil {
		return err
	}
	if err := s.mayReadProvider(c, id); err != nil {
		return err
	}
	total, err := s.App.Training.OutcomeForProvider(c.Context(), id)
	if err != nil {
		return err
	}
	pos, err := s.App.Training.ProgramOutcomes(c.Context(), id)
	if err != nil {
		return err
	}
	type line struct {
		ProgramID int64       `json:"program_id"`
		Title     string      `json:"title"`
		PartnerID int64       `json:"partner_id,omitempty"`
		Outcome   OutcomeJSON `json:"outcome"`
	}
	items := []line{}
	for _, po := range pos {
		items = append(items, line{ProgramID: po.Program.ID, Title: po.Program.Title, PartnerID: po.Program.PartnerID,
			Outcome: outcomeJSON(po.Outcome, 1)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"provider_id": id, "total": outcomeJSON(total, 1), "items": items})
}

func (s *Server) regionOutcomes(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ViewStats); err != nil {
		return err
	}
	rs, err := s.App.Training.OutcomesByRegion(c.Context())
	if err != nil {
		return err
	}
	type line struct {
		Region  string      `json:"region"`
		Name    string      `json:"name"`
		Outcome OutcomeJSON `json:"outcome"`
	}
	items := []line{}
	for _, r := range rs {
		items = append(items, line{Region: r.Region.Code, Name: r.Region.Name, Outcome: outcomeJSON(r.Outcome, 1)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// KeyJSON is a place in a program's order: the priority class (0 = the
// program's first criterion; len(priority) = none met), the criterion it
// stands for, and the lottery number that breaks ties in it.
type KeyJSON struct {
	Class       int    `json:"class"`
	Criterion   string `json:"criterion,omitempty"`
	Lottery     string `json:"lottery"`
	ApplicantID int64  `json:"applicant_id"`
}

func keyJSON(k alloc.Key, priority []string) KeyJSON {
	j := KeyJSON{Class: int(k.Class), Lottery: u64(k.Lottery), ApplicantID: k.ApplicantID}
	if priority != nil {
		j.Criterion = "none"
		if int(k.Class) < len(priority) {
			j.Criterion = priority[k.Class]
		}
	}
	return j
}

// RoundJSON is an intake round.
type RoundJSON struct {
	ID          int64              `json:"id"`
	ProviderID  int64              `json:"provider_id"`
	Title       string             `json:"title"`
	OpensAt     string             `json:"opens_at"`
	ClosesAt    string             `json:"closes_at"`
	Open        bool               `json:"open"`
	SeedHash    string             `json:"seed_hash"`
	Seed        string             `json:"seed,omitempty"`
	AllocatedAt string             `json:"allocated_at,omitempty"`
	Applicants  int                `json:"applicants"`
	Proposals   int64              `json:"proposals"`
	Programs    []RoundProgramJSON `json:"programs"`
	URL         string             `json:"url"`
}

// RoundProgramJSON is a program's part in a round.
type RoundProgramJSON struct {
	ProgramID int64    `json:"program_id"`
	Title     string   `json:"title"`
	Provider  string   `json:"provider"`
	Seats     int      `json:"seats"`
	Admitted  int      `json:"admitted"`
	Full      bool     `json:"full"`
	Cutoff    *KeyJSON `json:"cutoff"`
}

func (s *Server) roundJSON(rd training.Round) RoundJSON {
	j := RoundJSON{ID: rd.ID, ProviderID: rd.ProviderID, Title: rd.Title, OpensAt: rfc3339(rd.OpensAt),
		ClosesAt: rfc3339(rd.ClosesAt), Open: rd.OpenAt(s.App.Now()), SeedHash: rd.SeedHash, AllocatedAt: rfc3339(rd.AllocatedAt),
		Applicants: rd.Applicants, Proposals: rd.Proposals, Programs: []RoundProgramJSON{},
		URL: "/pelatihan/gelombang/" + strconv.FormatInt(rd.ID, 10)}
	if rd.Seed != nil {
		j.Seed = fmt.Sprintf("%x", rd.Seed)
	}
	for _, rp := range rd.Programs {
		p := RoundProgramJSON{ProgramID: rp.ProgramID, Title: rp.Title, Provider: rp.ProviderName, Seats: rp.Seats,
			Admitted: rp.Admitted, Full: rp.Full}
		if rp.HasCutoff {
			k := keyJSON(rp.Cutoff, nil)
			p.Cutoff = &k
		}
		j.Programs = append(j.Programs, p)
	}
	return j
}

func (s *Server) getRound(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.roundJSON(rd))
}

type roundBody struct {
	ProviderID int64   `json:"provider_id"`
	Title      string  `json:"title"`
	Programs   []int64 `json:"programs"`
	ClosesAt   string  `json:"closes_at"`
}

func (s *Server) openRound(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b roundBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.ProviderID == 0 {
		if err := need(c, auth.ManageRounds); err != nil {
			return err
		}
	} else if err := need(c, auth.ManageTraining); err != nil {
		return err
	}
	closes, err := time.Parse(time.RFC3339, strings.TrimSpace(b.ClosesAt))
	if err != nil {
		return valid.New("closes_at", "date_invalid")
	}
	rd, err := s.App.Training.OpenRound(c.Context(), c.User.ID, training.RoundInput{ProviderID: b.ProviderID, Title: b.Title,
		Programs: b.Programs, ClosesAt: closes})
	if errors.Is(err, db.ErrNotFound) {
		return valid.New("provider_id", "choose_one")
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/training/rounds/"+strconv.FormatInt(rd.ID, 10))
	return writeJSON(w, http.StatusCreated, s.roundJSON(rd))
}

// mayRunRound: a provider round is allocated, and its appeals decided, by
// its staff; a province-wide round by an officer.
func (s *Server) mayRunRound(c *call, rd training.Round) error {
	if c.User == nil {
		return errUnauthorized
	}
	if rd.ProviderID == 0 {
		return need(c, auth.ManageRounds)
	}
	if err := need(c, auth.ManageTraining); err != nil {
		return err
	}
	ok, err := s.App.Training.IsStaff(c.Context(), rd.ProviderID, c.User.ID)
	if err != nil {
		return err
	}
	if !ok {
		return errForbidden
	}
	return nil
}

func (s *Server) allocateRound(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(c.Context(), id)
	if err != nil {
		return err
	}
	if err := s.mayRunRound(c, rd); err != nil {
		return err
	}
	rd, err = s.App.Training.CloseAndAllocate(c.Context(), c.User.ID, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.roundJSON(rd))
}

type applyTrainingBody struct {
	Programs        []int64 `json:"programs"`
	DTKS            bool    `json:"dtks"`
	UnemployedSince string  `json:"unemployed_since"`
}

func (s *Server) applyTraining(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ApplyTraining); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b applyTrainingBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	sk, ok, err := s.currentSeeker(c)
	if err != nil {
		return err
	}
	if !ok {
		return valid.New("seeker", "seeker_required")
	}
	if _, err := s.App.Training.Round(c.Context(), id); err != nil {
		return err
	}
	if err := s.App.Training.Apply(c.Context(), id, sk.ID, training.ApplicationInput{Programs: b.Programs, DTKS: b.DTKS,
		UnemployedSince: b.UnemployedSince}); err != nil {
		return err
	}
	app, _, err := s.App.Training.ApplicationOf(c.Context(), id, sk.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, applicationJSONOf(app))
}

// TrainingApplicationJSON is a seeker's ranked programs in a round.
type TrainingApplicationJSON struct {
	RoundID         int64   `json:"round_id"`
	Programs        []int64 `json:"programs"`
	DTKS            bool    `json:"dtks"`
	UnemployedSince string  `json:"unemployed_since,omitempty"`
	SubmittedAt     string  `json:"submitted_at"`
}

func applicationJSONOf(a training.Application) TrainingApplicationJSON {
	ps := a.Programs
	if ps == nil {
		ps = []int64{}
	}
	return TrainingApplicationJSON{RoundID: a.RoundID, Programs: ps, DTKS: a.DTKS, UnemployedSince: isoDate(a.UnemployedSince),
		SubmittedAt: rfc3339(a.SubmittedAt)}
}

// AppealJSON is an appeal and its decision.
type AppealJSON struct {
	ID        int64  `json:"id"`
	RoundID   int64  `json:"round_id"`
	SeekerID  int64  `json:"seeker_id"`
	Seeker    string `json:"seeker,omitempty"`
	Body      string `json:"body"`
	FiledAt   string `json:"filed_at"`
	Decided   bool   `json:"decided"`
	Upheld    *bool  `json:"upheld"`
	Decision  string `json:"decision,omitempty"`
	DecidedBy string `json:"decided_by,omitempty"`
	DecidedAt string `json:"decided_at,omitempty"`
}

func appealJSON(a training.Appeal, withName bool) AppealJSON {
	j := AppealJSON{ID: a.ID, RoundID: a.RoundID, SeekerID: a.SeekerID, Body: a.Body, FiledAt: rfc3339(a.FiledAt),
		Decided: a.Decided, Decision: a.Decision, DecidedBy: a.DeciderName, DecidedAt: rfc3339(a.DecidedAt)}
	if withName {
		j.Seeker = a.SeekerName
	}
	if a.Decided {
		up := a.Upheld
		j.Upheld = &up
	}
	return j
}

func (s *Server) fileAppeal(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ApplyTraining); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b struct {
		Body string `json:"body"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	sk, ok, err := s.currentSeeker(c)
	if err != nil {
		return err
	}
	if !ok {
		return valid.New("seeker", "seeker_required")
	}
	a, err := s.App.Training.FileAppeal(c.Context(), id, sk.ID, b.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, appealJSON(a, false))
}

// listAppeals lists the appeals the caller handles: their providers' (lembaga)
// and those of province-wide rounds (petugas).
func (s *Server) listAppeals(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	if !c.User.Can(auth.ManageTraining) && !c.User.Can(auth.ManageRounds) {
		return errForbidden
	}
	pending := c.URL.Query().Get("pending") == "true"
	ctx := c.Context()
	seen := map[int64]bool{}
	items := []map[string]any{}
	add := func(list []training.Appeal, decidable func(int64) (bool, error)) error {
		for _, a := range list {
			if seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			ok, err := decidable(a.RoundID)
			if err != nil {
				return err
			}
			items = append(items, map[string]any{"appeal": appealJSON(a, true), "may_decide": ok})
		}
		return nil
	}
	rounds := map[int64]training.Round{}
	roundOf := func(id int64) (training.Round, error) {
		if rd, ok := rounds[id]; ok {
			return rd, nil
		}
		rd, err := s.App.Training.Round(ctx, id)
		rounds[id] = rd
		return rd, err
	}
	decidable := func(roundID int64) (bool, error) {
		rd, err := roundOf(roundID)
		if err != nil {
			return false, err
		}
		return s.mayRunRound(c, rd) == nil, nil
	}
	if c.User.Can(auth.ManageTraining) {
		ps, err := s.App.Training.ProvidersForUser(ctx, c.User.ID)
		if err != nil {
			return err
		}
		for _, p := range ps {
			list, err := s.App.Training.AppealsFor(ctx, training.AppealFilter{ProviderID: p.ID, OnlyPending: pending})
			if err != nil {
				return err
			}
			if err := add(list, decidable); err != nil {
				return err
			}
		}
	}
	if c.User.Can(auth.ManageRounds) {
		province, err := s.App.Training.RoundsByProvider(ctx, 0)
		if err != nil {
			return err
		}
		for _, rd := range province {
			rounds[rd.ID] = rd
			list, err := s.App.Training.AppealsFor(ctx, training.AppealFilter{RoundID: rd.ID, OnlyPending: pending})
			if err != nil {
				return err
			}
			if err := add(list, decidable); err != nil {
				return err
			}
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) decideAppeal(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b struct {
		Upheld   *bool  `json:"upheld"`
		Decision string `json:"decision"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	a, err := s.App.Training.Appeal(c.Context(), id)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(c.Context(), a.RoundID)
	if err != nil {
		return err
	}
	if err := s.mayRunRound(c, rd); err != nil {
		return err
	}
	if b.Upheld == nil {
		return valid.New("upheld", "required")
	}
	if err := s.App.Training.DecideAppeal(c.Context(), id, c.User.ID, *b.Upheld, b.Decision); err != nil {
		return err
	}
	if a, err = s.App.Training.Appeal(c.Context(), id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, appealJSON(a, true))
}

// EnrollmentJSON is a participant of a program.
type EnrollmentJSON struct {
	ID                int64  `json:"id"`
	ProgramID         int64  `json:"program_id"`
	RoundID           int64  `json:"round_id"`
	SeekerID          int64  `json:"seeker_id"`
	Name              string `json:"name,omitempty"`
	EnrolledOn        string `json:"enrolled_on"`
	AttendancePercent *int   `json:"attendance_percent"`
	SessionsAttended  int    `json:"sessions_attended,omitempty"`
	SessionsHeld      int    `json:"sessions_held,omitempty"`
	CompletedOn       string `json:"completed_on,omitempty"`
	CertificateNumber string `json:"certificate_number,omitempty"`
	CertifiedOn       string `json:"certified_on,omitempty"`
}

func enrollmentJSON(e training.Enrollment, withName bool) EnrollmentJSON {
	j := EnrollmentJSON{ID: e.ID, ProgramID: e.ProgramID, RoundID: e.RoundID, SeekerID: e.SeekerID,
		EnrolledOn: isoDate(e.EnrolledOn), SessionsAttended: e.SessionsAttended, SessionsHeld: e.SessionsHeld,
		CompletedOn: isoDate(e.CompletedOn), CertificateNumber: e.CertificateNo, CertifiedOn: isoDate(e.CertifiedOn)}
	if withName {
		j.Name = e.SeekerName
	}
	if e.HasAttendance {
		p := e.AttendancePct
		j.AttendancePercent = &p
	}
	return j
}

// staffProgram loads the path's program if the caller acts for its provider.
func (s *Server) staffProgram(c *call) (training.Program, error) {
	if err := need(c, auth.ManageTraining); err != nil {
		return training.Program{}, err
	}
	id, err := pathID(c)
	if err != nil {
		return training.Program{}, err
	}
	p, err := s.App.Training.Program(c.Context(), id)
	if err != nil {
		return training.Program{}, err
	}
	ok, err := s.App.Training.IsStaff(c.Context(), p.ProviderID, c.User.ID)
	if err != nil {
		return training.Program{}, err
	}
	if !ok {
		return training.Program{}, errForbidden
	}
	return p, nil
}

func (s *Server) roster(w http.ResponseWriter, c *call) error {
	p, err := s.staffProgram(c)
	if err != nil {
		return err
	}
	es, err := s.App.Training.Roster(c.Context(), p.ID)
	if err != nil {
		return err
	}
	items := []EnrollmentJSON{}
	for _, e := range es {
		items = append(items, enrollmentJSON(e, true))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) enroll(w http.ResponseWriter, c *call) error {
	p, err := s.staffProgram(c)
	if err != nil {
		return err
	}
	var b struct {
		RoundID  int64 `json:"round_id"`
		SeekerID int64 `json:"seeker_id"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.RoundID == 0 {
		return valid.New("round_id", "required")
	}
	if b.SeekerID == 0 {
		n, err := s.App.Training.EnrollSeated(c.Context(), c.User.ID, b.RoundID, p.ID)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"enrolled": n})
	}
	// Only a seat in this program enrolls here.
	res, err := s.App.Training.Results(c.Context(), b.RoundID, b.SeekerID)
	switch {
	case errors.Is(err, db.ErrNotFound), errors.Is(err, training.ErrNotAllocated), err == nil && res.ProgramID != p.ID:
		return valid.New("seeker", "no_seat")
	case err != nil:
		return err
	}
	e, err := s.App.Training.Enroll(c.Context(), c.User.ID, b.RoundID, b.SeekerID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, enrollmentJSON(e, true))
}

// enrollmentAction runs one change on the path's enrollment and answers
// with the enrollment as it now stands.
func (s *Server) enrollmentAction(w http.ResponseWriter, c *call, body any, do func(id int64) error) error {
	if err := need(c, auth.ManageTraining); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := decode(w, c, body); err != nil {
		return err
	}
	if err := do(id); err != nil {
		return err
	}
	e, err := s.App.Training.Enrollment(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, enrollmentJSON(e, true))
}

func (s *Server) recordAttendance(w http.ResponseWriter, c *call) error {
	var b struct {
		Percent  int `json:"percent"`
		Attended int `json:"attended"`
		Held     int `json:"held"`
	}
	return s.enrollmentAction(w, c, &b, func(id int64) error {
		return s.App.Training.RecordAttendance(c.Context(), c.User.ID, id, training.Attendance{Percent: b.Percent, Attended: b.Attended, Held: b.Held})
	})
}

func (s *Server) completeCourse(w http.ResponseWriter, c *call) error {
	var b struct {
		CompletedOn string `json:"completed_on"`
	}
	return s.enrollmentAction(w, c, &b, func(id int64) error {
		return s.App.Training.Complete(c.Context(), c.User.ID, id, b.CompletedOn)
	})
}

func (s *Server) certify(w http.ResponseWriter, c *call) error {
	var b struct {
		Number      string `json:"number"`
		CertifiedOn string `json:"certified_on"`
	}
	return s.enrollmentAction(w, c, &b, func(id int64) error {
		return s.App.Training.Certify(c.Context(), c.User.ID, id, b.Number, b.CertifiedOn)
	})
}

// ChoiceJSON is one ranked program in a seeker's result.
type ChoiceJSON struct {
	Preference int      `json:"preference"`
	ProgramID  int64    `json:"program_id"`
	Title      string   `json:"title"`
	Key        KeyJSON  `json:"key"`
	Seated     bool     `json:"seated"`
	Seats      int      `json:"seats"`
	Admitted   int      `json:"admitted"`
	Full       bool     `json:"full"`
	Cutoff     *KeyJSON `json:"cutoff"`
	Admits     bool     `json:"admits"`
}

// myTraining is GET /api/v1/me/training: the seeker's rounds with their
// results and appeals, and their enrollments.
func (s *Server) myTraining(w http.ResponseWriter, c *call) error {
	if err := need(c, auth.ApplyTraining); err != nil {
		return err
	}
	sk, ok, err := s.currentSeeker(c)
	if err != nil {
		return err
	}
	if !ok {
		return writeJSON(w, http.StatusOK, map[string]any{"rounds": []any{}, "enrollments": []EnrollmentJSON{}})
	}
	ctx := c.Context()
	rounds, err := s.App.Training.RoundsForSeeker(ctx, sk.ID)
	if err != nil {
		return err
	}
	appeals, err := s.App.Training.AppealsFor(ctx, training.AppealFilter{SeekerID: sk.ID})
	if err != nil {
		return err
	}
	priority := map[int64][]string{}
	prio := func(id int64) ([]string, error) {
		if p, ok := priority[id]; ok {
			return p, nil
		}
		p, err := s.App.Training.Program(ctx, id)
		if err != nil {
			return nil, err
		}
		priority[id] = nonNil(p.Priority)
		return priority[id], nil
	}
	out := []map[string]any{}
	for _, rd := range rounds {
		app, _, err := s.App.Training.ApplicationOf(ctx, rd.ID, sk.ID)
		if err != nil {
			return err
		}
		item := map[string]any{"round": s.roundJSON(rd), "application": applicationJSONOf(app), "result": nil, "appeal": nil}
		if rd.Allocated() {
			res, err := s.App.Training.Results(ctx, rd.ID, sk.ID)
			if err != nil {
				return err
			}
			choices := []ChoiceJSON{}
			for _, ch := range res.Choices {
				pr, err := prio(ch.ProgramID)
				if err != nil {
					return err
				}
				cj := ChoiceJSON{Preference: ch.Preference, ProgramID: ch.ProgramID, Title: ch.Title, Key: keyJSON(ch.Key, pr),
					Seated: ch.Seated, Seats: ch.Seats, Admitted: ch.Admitted, Full: ch.Full, Admits: ch.Admits}
				if ch.HasCutoff {
					k := keyJSON(ch.Cutoff, pr)
					cj.Cutoff = &k
				}
				choices = append(choices, cj)
			}
			var seat any
			if res.ProgramID != 0 {
				seat = res.ProgramID
			}
			item["result"] = map[string]any{"program_id": seat, "applicant_id": sk.ID, "lottery": u64(res.Lottery),
				"seed": fmt.Sprintf("%x", res.Seed), "seed_hash": res.SeedHash, "choices": choices}
		}
		for _, a := range appeals {
			if a.RoundID == rd.ID {
				item["appeal"] = appealJSON(a, false)
			}
		}
		out = append(out, item)
	}
	enr, err := s.App.Training.EnrollmentsOf(ctx, sk.ID)
	if err != nil {
		return err
	}
	es := []EnrollmentJSON{}
	for _, e := range enr {
		es = append(es, enrollmentJSON(e, false))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"rounds": out, "enrollments": es})
}
