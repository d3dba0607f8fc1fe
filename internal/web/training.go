package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Training pages for everyone and for job seekers: browse programs, a
// program with the vacancies that need what it teaches, an intake round with
// its published seed hash and the ranking form, and the seeker's own results
// with the cutoffs that explain them.

// programView is a program as the pages show it: with its partner's name
// and, for a logged-in seeker, whether they may apply.
type programView struct {
	training.Program
	PartnerName string
	// Ineligible is the message id of the rule the seeker fails; "" when
	// they may apply or nobody is asking.
	NotEligible string
	RoundID     int64 // a round taking applications for it; 0 = none
	RoundTitle  string
	ClosesAt    time.Time
}

// partnerNames looks up the names of the programs' partners.
func (s *Server) partnerNames(ctx context.Context, ps []training.Program) (map[int64]string, error) {
	out := map[int64]string{}
	for _, p := range ps {
		if p.PartnerID == 0 || out[p.PartnerID] != "" {
			continue
		}
		e, err := s.App.Employers.Get(ctx, p.PartnerID)
		if err != nil {
			return nil, err
		}
		out[p.PartnerID] = e.Name
	}
	return out, nil
}

// currentSeeker returns the logged-in user's seeker profile, if they are a
// seeker who has one.
func (s *Server) currentSeeker(r *req) (seeker.Seeker, bool, error) {
	if r.User == nil || !r.User.Can(auth.ApplyTraining) {
		return seeker.Seeker{}, false, nil
	}
	sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID)
	if errors.Is(err, db.ErrNotFound) {
		return seeker.Seeker{}, false, nil
	}
	return sk, err == nil, err
}

func applicantOf(sk seeker.Seeker) training.Applicant {
	return training.Applicant{BirthDate: sk.BirthDate, Education: sk.Education, Domicile: sk.DomicileRegion}
}

type trainingListData struct {
	Region, Skill, Tag string
	Free               bool
	Programs           []programView
	// Others teach the chosen skill but take no applications now.
	Others    []programView
	Rounds    []training.Round
	IsSeeker  bool
	CanRounds bool
	Tags      []string
}

// trainingList is /pelatihan: programs taking applications now.
func (s *Server) trainingList(w http.ResponseWriter, r *req) error {
	q := r.URL.Query()
	f := training.ProgramFilter{Region: q.Get("region"), Skill: q.Get("skill"), Tag: strings.ToLower(strings.TrimSpace(q.Get("tag")))}
	var errs valid.Errors
	if _, ok := ref.RegionByCode(f.Region); f.Region != "" && !ok {
		errs.Add("region", "region_invalid")
	}
	if _, ok := ref.SkillByCode(f.Skill); f.Skill != "" && !ok {
		errs.Add("skill", "skill_unknown", "skill", f.Skill)
	}
	if len(f.Tag) > 32 {
		errs.Add("tag", "too_long", "max", 32)
	}
	b := s.newBase(w, r, "training.title")
	b.Form = q
	d := trainingListData{Region: f.Region, Skill: f.Skill, Tag: f.Tag, Free: q.Get("free") == "1",
		CanRounds: r.User.Can(auth.ManageRounds), Tags: training.YouthTags}
	if eb, bad := s.withErrors(b, r, errs.Err()); bad {
		eb.Form = q
		return s.render(w, http.StatusBadRequest, "training_list", eb, d)
	}
	sk, isSeeker, err := s.currentSeeker(r)
	if err != nil {
		return err
	}
	d.IsSeeker = isSeeker
	open, err := s.App.Training.OpenPrograms(r.Context(), f)
	if err != nil {
		return err
	}
	ps := make([]training.Program, len(open))
	for i, o := range open {
		ps[i] = o.Program
	}
	names, err := s.partnerNames(r.Context(), ps)
	if err != nil {
		return err
	}
	listed := map[int64]bool{}
	for _, o := range open {
		if d.Free && o.Fee > 0 && o.FeeWaivedFor == "" {
			continue
		}
		v := programView{Program: o.Program, PartnerName: names[o.PartnerID], RoundID: o.RoundID, RoundTitle: o.RoundTitle, ClosesAt: o.ClosesAt}
		if isSeeker {
			v.NotEligible = o.Ineligible(applicantOf(sk), s.roundCloseDay(o))
		}
		listed[o.ID] = true
		d.Programs = append(d.Programs, v)
	}
	if f.Skill != "" {
		teach, err := s.App.Training.ProgramsTeaching(r.Context(), []string{f.Skill})
		if err != nil {
			return err
		}
		var others []training.Program
		for _, m := range teach {
			if !listed[m.ID] && (f.Region == "" || m.Region == f.Region) {
				others = append(others, m.Program)
			}
		}
		names, err := s.partnerNames(r.Context(), others)
		if err != nil {
			return err
		}
		for _, p := range others {
			d.Others = append(d.Others, programView{Program: p, PartnerName: names[p.PartnerID]})
		}
	}
	if d.Rounds, err = s.App.Training.OpenRounds(r.Context()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "training_list", b, d)
}

func (s *Server) roundCloseDay(o training.OpenProgram) time.Time {
	return training.Round{ClosesAt: o.ClosesAt}.CloseDay()
}

// dateInput is t's WIB civil date as a date input's value.
func dateInput(t time.Time) string { return wib.Date(t).Format(time.DateOnly) }

// roundFor finds a round of the program's provider (or a province-wide one)
// that takes applications for it now.
func (s *Server) openRoundFor(ctx context.Context, p training.Program) (training.Round, bool, error) {
	rounds, err := s.App.Training.RoundsByProvider(ctx, p.ProviderID)
	if err != nil {
		return training.Round{}, false, err
	}
	now := s.App.Now()
	for _, rd := range rounds {
		if !rd.OpenAt(now) {
			continue
		}
		for _, rp := range rd.Programs {
			if rp.ProgramID == p.ID {
				return rd, true, nil
			}
		}
	}
	return training.Round{}, false, nil
}

// pastIntake is a program's result in an allocated round.
type pastIntake struct {
	Round training.Round
	RP    training.RoundProgram
}

type programPageData struct {
	P          programView
	Provider   training.Provider
	Round      training.Round
	HasRound   bool
	Past       []pastIntake
	Demand     vacancy.Demand
	Outcome    training.Outcome
	IsSeeker   bool
	IsStaff    bool
	ShowWage   bool
	DemandLink string
}

// minWagesShown is how many placements a public median wage needs: with
// fewer, the "median" would be one person's pay.
const minWagesShown = 3

// trainingProgram is /pelatihan/{id}.
func (s *Server) trainingProgram(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.App.Training.Program(r.Context(), id)
	if err != nil {
		return err
	}
	d := programPageData{P: programView{Program: p}}
	if d.Provider, err = s.App.Training.Provider(r.Context(), p.ProviderID); err != nil {
		return err
	}
	names, err := s.partnerNames(r.Context(), []training.Program{p})
	if err != nil {
		return err
	}
	d.P.PartnerName = names[p.PartnerID]
	if d.Round, d.HasRound, err = s.openRoundFor(r.Context(), p); err != nil {
		return err
	}
	sk, isSeeker, err := s.currentSeeker(r)
	if err != nil {
		return err
	}
	d.IsSeeker = isSeeker
	if isSeeker && d.HasRound {
		d.P.NotEligible = p.Ineligible(applicantOf(sk), d.Round.CloseDay())
	}
	if r.User.Can(auth.ManageTraining) {
		if d.IsStaff, err = s.App.Training.IsStaff(r.Context(), p.ProviderID, r.User.ID); err != nil {
			return err
		}
	}
	rounds, err := s.App.Training.RoundsByProvider(r.Context(), p.ProviderID)
	if err != nil {
		return err
	}
	for _, rd := range rounds {
		if !rd.Allocated() {
			continue
		}
		for _, rp := range rd.Programs {
			if rp.ProgramID == p.ID {
				d.Past = append(d.Past, pastIntake{Round: rd, RP: rp})
			}
		}
		if len(d.Past) == 3 {
			break
		}
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
	if d.Outcome, err = s.App.Training.OutcomeForProgram(r.Context(), p.ID); err != nil {
		return err
	}
	d.ShowWage = d.Outcome.Wages >= minWagesShown || d.IsStaff
	b := s.newBase(w, r, "program.title")
	b.Title = p.Title + " – " + p.ProviderName
	return s.render(w, http.StatusOK, "training_program", b, d)
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

// roundProgramView is a program's line on the round page.
type roundProgramView struct {
	training.RoundProgram
	P          programView
	HasProgram bool
}

type roundPageData struct {
	R        training.Round
	Open     bool
	Closed   bool // past its closing time, not yet allocated
	Programs []roundProgramView
	Eligible []roundProgramView
	// Application is the seeker's current application in this round.
	Application    training.Application
	HasApplication bool
	Choices        []int64 // what the form shows in its five selects
	Slots          []int
	IsSeeker       bool
	NeedProfile    bool
	CanAllocate    bool
	SeedHex        string
	ProviderName   string
	MaxChoices     int
	Today          string
}

// roundPrograms loads full programs for a round's lines (capped: a
// province-wide round may hold thousands, and the page then shows the
// lines alone).
func (s *Server) roundProgramViews(ctx context.Context, rd training.Round) ([]roundProgramView, error) {
	out := make([]roundProgramView, len(rd.Programs))
	var ps []training.Program
	for i, rp := range rd.Programs {
		out[i].RoundProgram = rp
		if i < 200 {
			p, err := s.App.Training.Program(ctx, rp.ProgramID)
			if err != nil {
				return nil, err
			}
			if rp.Priority != nil {
				p.Priority = rp.Priority // as it stood when the round opened
			}
			out[i].P, out[i].HasProgram = programView{Program: p}, true
			ps = append(ps, p)
		}
	}
	names, err := s.partnerNames(ctx, ps)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].P.PartnerName = names[out[i].P.PartnerID]
	}
	return out, nil
}

func (s *Server) roundPageData(r *req, rd training.Round) (roundPageData, error) {
	now := s.App.Now()
	d := roundPageData{R: rd, Open: rd.OpenAt(now), Closed: !rd.Allocated() && !now.Before(rd.ClosesAt),
		MaxChoices: training.MaxChoices, Today: dateInput(now)}
	for i := 1; i <= training.MaxChoices; i++ {
		d.Slots = append(d.Slots, i)
	}
	if rd.Seed != nil {
		d.SeedHex = fmt.Sprintf("%x", rd.Seed)
	}
	if rd.ProviderID != 0 {
		p, err := s.App.Training.Provider(r.Context(), rd.ProviderID)
		if err != nil {
			return d, err
		}
		d.ProviderName = p.Name
	}
	var err error
	if d.Programs, err = s.roundProgramViews(r.Context(), rd); err != nil {
		return d, err
	}
	if d.CanAllocate, err = s.mayAllocate(r, rd); err != nil {
		return d, err
	}
	d.NeedProfile = r.User.Can(auth.ApplyTraining)
	sk, isSeeker, err := s.currentSeeker(r)
	if err != nil {
		return d, err
	}
	if !isSeeker {
		return d, nil
	}
	d.IsSeeker, d.NeedProfile = true, false
	for i, v := range d.Programs {
		if v.HasProgram {
			d.Programs[i].P.NotEligible = v.P.Ineligible(applicantOf(sk), rd.CloseDay())
			if d.Programs[i].P.NotEligible == "" {
				d.Eligible = append(d.Eligible, d.Programs[i])
			}
		}
	}
	if d.Application, d.HasApplication, err = s.App.Training.ApplicationOf(r.Context(), rd.ID, sk.ID); err != nil {
		return d, err
	}
	d.Choices = slices.Clone(d.Application.Programs)
	if pick, err := strconv.ParseInt(r.URL.Query().Get("pilih"), 10, 64); err == nil && !d.HasApplication {
		d.Choices = []int64{pick}
	}
	for len(d.Choices) < training.MaxChoices {
		d.Choices = append(d.Choices, 0)
	}
	return d, nil
}

// mayAllocate reports whether the user may allocate the round's seats: its
// provider's staff, or an officer for a province-wide round.
func (s *Server) mayAllocate(r *req, rd training.Round) (bool, error) {
	if rd.ProviderID == 0 {
		return r.User.Can(auth.ManageRounds), nil
	}
	if !r.User.Can(auth.ManageTraining) {
		return false, nil
	}
	return s.App.Training.IsStaff(r.Context(), rd.ProviderID, r.User.ID)
}

// trainingRound is /pelatihan/gelombang/{id}.
func (s *Server) trainingRound(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(r.Context(), id)
	if err != nil {
		return err
	}
	d, err := s.roundPageData(r, rd)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "round.title")
	b.Title = rd.Title
	return s.render(w, http.StatusOK, "training_round", b, d)
}

// trainingApply stores the seeker's ranking of programs in a round.
func (s *Server) trainingApply(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ApplyTraining); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(r.Context(), id)
	if err != nil {
		return err
	}
	sk, ok, err := s.currentSeeker(r)
	if err != nil {
		return err
	}
	if !ok {
		http.Redirect(w, r.Request, "/pencari/profil", http.StatusSeeOther)
		return nil
	}
	in := training.ApplicationInput{DTKS: r.PostFormValue("dtks") == "1", UnemployedSince: r.PostFormValue("unemployed_since")}
	var errs valid.Errors
	for i := 1; i <= training.MaxChoices; i++ {
		v := strings.TrimSpace(r.PostFormValue("pilihan" + strconv.Itoa(i)))
		if v == "" {
			continue
		}
		pid, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs.Add("programs", "program_not_in_round")
			break
		}
		in.Programs = append(in.Programs, pid)
	}
	err = errs.Err()
	if err == nil {
		err = s.App.Training.Apply(r.Context(), rd.ID, sk.ID, in)
	}
	if b, bad := s.withErrors(s.newBase(w, r, "round.title"), r, err); bad {
		d, err := s.roundPageData(r, rd)
		if err != nil {
			return err
		}
		d.Choices = make([]int64, training.MaxChoices)
		copy(d.Choices, in.Programs)
		b.Title = rd.Title
		return s.render(w, http.StatusUnprocessableEntity, "training_round", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.training_applied")
	http.Redirect(w, r.Request, "/pencari/pelatihan", http.StatusSeeOther)
	return nil
}

// myRound is one round on the seeker's training page.
type myRound struct {
	R              training.Round
	Application    training.Application
	Titles         map[int64]string
	Result         training.SeatResult
	HasResult      bool
	SeatTitle      string
	Priority       map[int64][]string // priority order of each ranked program, for class names
	Appeal         training.Appeal
	HasAppeal      bool
	SeedHex        string
	AppealErr      bool
	ProviderName   string
	SeekerID       int64
	ExampleLottery string
}

type myTrainingData struct {
	S           seeker.Seeker
	Rounds      []myRound
	Enrollments []myEnrollment
	Open        []training.Round
}

type myEnrollment struct {
	training.Enrollment
	Title    string
	Provider string
	Scheme   string
}

// myTraining is /pencari/pelatihan: the seeker's applications and results,
// appeals, courses and certificates.
func (s *Server) myTraining(w http.ResponseWriter, r *req) error {
	return s.renderMyTraining(w, r, http.StatusOK, s.newBase(w, r, "mytraining.title"), 0)
}

func (s *Server) renderMyTraining(w http.ResponseWriter, r *req, status int, b base, appealRound int64) error {
	if err := need(r, auth.ApplyTraining); err != nil {
		return err
	}
	sk, ok, err := s.currentSeeker(r)
	if err != nil {
		return err
	}
	if !ok {
		http.Redirect(w, r.Request, "/pencari/profil", http.StatusSeeOther)
		return nil
	}
	ctx := r.Context()
	d := myTrainingData{S: sk}
	rounds, err := s.App.Training.RoundsForSeeker(ctx, sk.ID)
	if err != nil {
		return err
	}
	appeals, err := s.App.Training.AppealsFor(ctx, training.AppealFilter{SeekerID: sk.ID})
	if err != nil {
		return err
	}
	programs := map[int64]training.Program{}
	program := func(id int64) (training.Program, error) {
		if p, ok := programs[id]; ok {
			return p, nil
		}
		p, err := s.App.Training.Program(ctx, id)
		if err != nil {
			return p, err
		}
		programs[id] = p
		return p, nil
	}
	for _, rd := range rounds {
		m := myRound{R: rd, Titles: map[int64]string{}, Priority: map[int64][]string{}, SeekerID: sk.ID,
			AppealErr: appealRound == rd.ID}
		for _, rp := range rd.Programs {
			m.Titles[rp.ProgramID] = rp.Title
		}
		if rd.ProviderID != 0 {
			p, err := s.App.Training.Provider(ctx, rd.ProviderID)
			if err != nil {
				return err
			}
			m.ProviderName = p.Name
		}
		if m.Application, _, err = s.App.Training.ApplicationOf(ctx, rd.ID, sk.ID); err != nil {
			return err
		}
		if rd.Allocated() {
			if m.Result, err = s.App.Training.Results(ctx, rd.ID, sk.ID); err != nil {
				return err
			}
			m.HasResult = true
			m.SeatTitle = m.Titles[m.Result.ProgramID]
			m.SeedHex = fmt.Sprintf("%x", rd.Seed)
			for _, c := range m.Result.Choices {
				p, err := program(c.ProgramID)
				if err != nil {
					return err
				}
				m.Priority[c.ProgramID] = p.Priority
				for _, rp := range rd.Programs {
					if rp.ProgramID == c.ProgramID && rp.Priority != nil {
						m.Priority[c.ProgramID] = rp.Priority // as it stood when the round opened
					}
				}
			}
		}
		for _, a := range appeals {
			if a.RoundID == rd.ID {
				m.Appeal, m.HasAppeal = a, true
			}
		}
		d.Rounds = append(d.Rounds, m)
	}
	enr, err := s.App.Training.EnrollmentsOf(ctx, sk.ID)
	if err != nil {
		return err
	}
	for _, e := range enr {
		p, err := program(e.ProgramID)
		if err != nil {
			return err
		}
		d.Enrollments = append(d.Enrollments, myEnrollment{Enrollment: e, Title: p.Title, Provider: p.ProviderName, Scheme: p.CertificateScheme})
	}
	if d.Open, err = s.App.Training.OpenRounds(ctx); err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "training_mine", b, d)
}

// trainingAppeal files the seeker's appeal against a round's result.
func (s *Server) trainingAppeal(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ApplyTraining); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	sk, ok, err := s.currentSeeker(r)
	if err != nil {
		return err
	}
	if !ok {
		return db.ErrNotFound
	}
	_, err = s.App.Training.FileAppeal(r.Context(), id, sk.ID, r.PostFormValue("body"))
	if b, bad := s.withErrors(s.newBase(w, r, "mytraining.title"), r, err); bad {
		return s.renderMyTraining(w, r, http.StatusUnprocessableEntity, b, id)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.appeal_filed")
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari/pelatihan#gelombang-%d", id), http.StatusSeeOther)
	return nil
}

// classOf names priority class c of a program whose order is prio: the
// criterion met, or "none" for applicants who meet none of them.
func classOf(prio []string, c int) string {
	if c >= 0 && c < len(prio) {
		return prio[c]
	}
	return "none"
}
