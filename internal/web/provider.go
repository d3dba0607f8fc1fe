package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Pages of a training provider's staff (lembaga): their programs, intake
// rounds, rosters, appeals and outcomes. The training store checks that the
// user acts for the provider concerned; these handlers check the role.

// roundView is a round with where it stands now.
type roundView struct {
	training.Round
	State       string // open, closed (awaiting allocation), allocated
	CanAllocate bool
}

func (s *Server) roundViews(r *req, rounds []training.Round) ([]roundView, error) {
	now := s.App.Now()
	out := make([]roundView, len(rounds))
	for i, rd := range rounds {
		v := roundView{Round: rd, State: "open"}
		switch {
		case rd.Allocated():
			v.State = "allocated"
		case !now.Before(rd.ClosesAt):
			v.State = "closed"
			ok, err := s.mayAllocate(r, rd)
			if err != nil {
				return nil, err
			}
			v.CanAllocate = ok
		}
		out[i] = v
	}
	return out, nil
}

type providerBlock struct {
	P        training.Provider
	Programs []training.Program
	Rounds   []roundView
	Pending  int
}

type providerDashData struct {
	Providers []providerBlock
}

// myProviders returns the providers the lembaga user acts for.
func (s *Server) myProviders(r *req) ([]training.Provider, error) {
	if err := need(r, auth.ManageTraining); err != nil {
		return nil, err
	}
	return s.App.Training.ProvidersForUser(r.Context(), r.User.ID)
}

// providerDashboard is /lembaga.
func (s *Server) providerDashboard(w http.ResponseWriter, r *req) error {
	ps, err := s.myProviders(r)
	if err != nil {
		return err
	}
	var d providerDashData
	for _, p := range ps {
		blk := providerBlock{P: p}
		if blk.Programs, err = s.App.Training.ProgramsByProvider(r.Context(), p.ID); err != nil {
			return err
		}
		rounds, err := s.App.Training.RoundsByProvider(r.Context(), p.ID)
		if err != nil {
			return err
		}
		if blk.Rounds, err = s.roundViews(r, rounds); err != nil {
			return err
		}
		pending, err := s.App.Training.AppealsFor(r.Context(), training.AppealFilter{ProviderID: p.ID, OnlyPending: true})
		if err != nil {
			return err
		}
		blk.Pending = len(pending)
		d.Providers = append(d.Providers, blk)
	}
	b := s.newBase(w, r, "provider.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "provider", b, d)
}

type programFormData struct {
	Providers   []training.Provider
	ProviderID  int64
	P           training.Program
	Edit        bool
	Skills      []ref.Skill
	Occupations []ref.Occupation
	Criteria    []string
	Slots       []int
	PartnerName string
}

func (s *Server) programFormData(ps []training.Provider) programFormData {
	d := programFormData{Providers: ps, Skills: ref.Skills(), Occupations: occupationsByTitle(), Criteria: training.Criteria}
	for i := range training.Criteria {
		d.Slots = append(d.Slots, i)
	}
	if len(ps) > 0 {
		d.ProviderID = ps[0].ID
	}
	return d
}

// ownProgram loads the path's program if the user acts for its provider.
func (s *Server) ownProgram(r *req) (training.Program, []training.Provider, error) {
	ps, err := s.myProviders(r)
	if err != nil {
		return training.Program{}, nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return training.Program{}, nil, err
	}
	p, err := s.App.Training.Program(r.Context(), id)
	if err != nil {
		return training.Program{}, nil, err
	}
	for _, pr := range ps {
		if pr.ID == p.ProviderID {
			return p, ps, nil
		}
	}
	return training.Program{}, nil, errForbidden
}

// programForm shows the empty form (/lembaga/program/baru) or a program to
// edit (/lembaga/program/{id}/ubah).
func (s *Server) programForm(w http.ResponseWriter, r *req) error {
	var d programFormData
	if r.PathValue("id") != "" {
		p, ps, err := s.ownProgram(r)
		if err != nil {
			return err
		}
		d = s.programFormData(ps)
		d.P, d.Edit, d.ProviderID = p, true, p.ProviderID
	} else {
		ps, err := s.myProviders(r)
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			return errForbidden
		}
		d = s.programFormData(ps)
		if id, err := strconv.ParseInt(r.URL.Query().Get("lembaga"), 10, 64); err == nil {
			d.ProviderID = id
		}
		d.P = training.Program{Hours: 160, Seats: 20, Region: ps[0].Region, Priority: []string{training.DTKS, training.Domisili, training.Menganggur}}
	}
	b := s.newBase(w, r, "program_form.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "program_form", b, d)
}

// programInput reads the program form; numbers that do not parse are
// reported beside their fields.
func programInput(r *req) (training.ProgramInput, valid.Errors) {
	var errs valid.Errors
	num := func(field string) int64 { return formNum(r, &errs, field) }
	in := training.ProgramInput{
		Title: r.PostFormValue("title"), Description: r.PostFormValue("description"),
		Skills: r.PostForm["skills"], Occupations: r.PostForm["occupations"],
		Hours: int(num("hours")), Schedule: r.PostFormValue("schedule"), Region: r.PostFormValue("region"),
		Seats: int(num("seats")), Fee: num("fee"), FeeWaivedFor: r.PostFormValue("fee_waived_for"),
		CertificateScheme: r.PostFormValue("certificate_scheme"), EducationMin: r.PostFormValue("education_min"),
		Regions: r.PostForm["regions"], Priority: r.PostForm["priority"],
		Tags:              strings.FieldsFunc(r.PostFormValue("tags"), func(c rune) bool { return c == ',' || c == ' ' }),
		PartnerID:         num("partner"),
		PartnerInterviews: int(num("partner_interviews")), PartnerHires: int(num("partner_hires")),
	}
	in.AgeMin, in.AgeMax = int(num("age_min")), int(num("age_max"))
	return in, errs
}

// checkedProgram reads the form and returns every error at once: those of
// numbers that did not parse and the store's own.
func (s *Server) checkedProgram(r *req) (training.ProgramInput, error) {
	in, errs := programInput(r)
	if len(errs) == 0 {
		return in, nil
	}
	if ve, ok := valid.As(s.App.Training.CheckProgram(r.Context(), &in)); ok {
		for _, fe := range ve {
			if !errs.Has(fe.Field) {
				errs = append(errs, fe)
			}
		}
	}
	return in, errs
}

func (s *Server) programCreate(w http.ResponseWriter, r *req) error {
	ps, err := s.myProviders(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	providerID, _ := strconv.ParseInt(r.PostFormValue("provider"), 10, 64)
	in, err := s.checkedProgram(r)
	var p training.Program
	if err == nil {
		p, err = s.App.Training.CreateProgram(r.Context(), r.User.ID, providerID, in)
	}
	if errors.Is(err, training.ErrNotStaff) || errors.Is(err, db.ErrNotFound) {
		err = valid.New("provider", "choose_one")
	}
	if b, bad := s.withErrors(s.newBase(w, r, "program_form.title"), r, err); bad {
		d := s.programFormData(ps)
		d.ProviderID = providerID
		return s.render(w, http.StatusUnprocessableEntity, "program_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.program_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d", p.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) programUpdate(w http.ResponseWriter, r *req) error {
	cur, ps, err := s.ownProgram(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, err := s.checkedProgram(r)
	if err == nil {
		_, err = s.App.Training.UpdateProgram(r.Context(), r.User.ID, cur.ID, in)
	}
	if b, bad := s.withErrors(s.newBase(w, r, "program_form.title"), r, err); bad {
		d := s.programFormData(ps)
		d.P, d.Edit, d.ProviderID = cur, true, cur.ProviderID
		return s.render(w, http.StatusUnprocessableEntity, "program_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.program_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d", cur.ID), http.StatusSeeOther)
	return nil
}

// intake is one allocated round of a program on its roster page.
type intake struct {
	R        training.Round
	RP       training.RoundProgram
	Enrolled int
}

type rosterData struct {
	P           training.Program
	PartnerName string
	Intakes     []intake
	Roster      []training.Enrollment
	Titles      map[int64]string // round titles
	Outcome     training.Outcome
	Today       string
	ErrFor      int64 // the enrollment whose form the errors belong to
}

func (s *Server) rosterData(r *req, p training.Program) (rosterData, error) {
	ctx := r.Context()
	d := rosterData{P: p, Titles: map[int64]string{}, Today: dateInput(s.App.Now())}
	names, err := s.partnerNames(ctx, []training.Program{p})
	if err != nil {
		return d, err
	}
	d.PartnerName = names[p.PartnerID]
	if d.Roster, err = s.App.Training.Roster(ctx, p.ID); err != nil {
		return d, err
	}
	enrolled := map[int64]int{}
	for _, e := range d.Roster {
		enrolled[e.RoundID]++
	}
	rounds, err := s.App.Training.RoundsByProvider(ctx, p.ProviderID)
	if err != nil {
		return d, err
	}
	for _, rd := range rounds {
		d.Titles[rd.ID] = rd.Title
		if !rd.Allocated() {
			continue
		}
		for _, rp := range rd.Programs {
			if rp.ProgramID == p.ID {
				d.Intakes = append(d.Intakes, intake{R: rd, RP: rp, Enrolled: enrolled[rd.ID]})
			}
		}
	}
	d.Outcome, err = s.App.Training.OutcomeForProgram(ctx, p.ID)
	return d, err
}

// roster is /lembaga/program/{id}: intakes, participants and their course.
func (s *Server) roster(w http.ResponseWriter, r *req) error {
	p, _, err := s.ownProgram(r)
	if err != nil {
		return err
	}
	d, err := s.rosterData(r, p)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "roster.title")
	b.Title = p.Title
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "roster", b, d)
}

// enrollSeated enrolls every seat holder of an allocated intake.
func (s *Server) enrollSeated(w http.ResponseWriter, r *req) error {
	p, _, err := s.ownProgram(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	roundID, err := strconv.ParseInt(r.PostFormValue("round"), 10, 64)
	if err != nil {
		return errBadInput
	}
	n, err := s.App.Training.EnrollSeated(r.Context(), r.User.ID, roundID, p.ID)
	if err != nil {
		return err
	}
	setFlash(w, "+"+s.Catalog.T(r.Lang, "flash.enrolled", "n", n))
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d#peserta", p.ID), http.StatusSeeOther)
	return nil
}

// enrollmentAction runs one change on the path's enrollment and returns to
// the roster; validation errors are shown beside the participant's fields.
func (s *Server) enrollmentAction(w http.ResponseWriter, r *req, do func(e training.Enrollment) error) error {
	if err := need(r, auth.ManageTraining); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.App.Training.Enrollment(r.Context(), id)
	if err != nil {
		return err
	}
	p, err := s.App.Training.Program(r.Context(), e.ProgramID)
	if err != nil {
		return err
	}
	err = do(e)
	if b, bad := s.withErrors(s.newBase(w, r, "roster.title"), r, err); bad {
		d, err := s.rosterData(r, p)
		if err != nil {
			return err
		}
		d.ErrFor = e.ID
		b.Title, b.Robots = p.Title, "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "roster", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d#peserta-%d", p.ID, e.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) recordAttendance(w http.ResponseWriter, r *req) error {
	return s.enrollmentAction(w, r, func(e training.Enrollment) error {
		var errs valid.Errors
		num := func(field, errField string) int {
			n, ok := formInt(r, field)
			if !ok && !errs.Has(errField) {
				errs.Add(errField, "number_invalid")
			}
			return int(n)
		}
		a := training.Attendance{Attended: num("attended", "sessions"), Held: num("held", "sessions"),
			Percent: num("percent", "attendance")}
		if strings.TrimSpace(r.PostFormValue("percent")) == "" && a.Held == 0 && a.Attended == 0 && len(errs) == 0 {
			errs.Add("attendance", "required")
		}
		if err := errs.Err(); err != nil {
			return err
		}
		return s.App.Training.RecordAttendance(r.Context(), r.User.ID, e.ID, a)
	})
}

func (s *Server) completeCourse(w http.ResponseWriter, r *req) error {
	return s.enrollmentAction(w, r, func(e training.Enrollment) error {
		return s.App.Training.Complete(r.Context(), r.User.ID, e.ID, r.PostFormValue("completed_on"))
	})
}

func (s *Server) certify(w http.ResponseWriter, r *req) error {
	return s.enrollmentAction(w, r, func(e training.Enrollment) error {
		return s.App.Training.Certify(r.Context(), r.User.ID, e.ID, r.PostFormValue("certificate_number"), r.PostFormValue("certified_on"))
	})
}

type roundFormData struct {
	Province  bool
	Providers []providerBlock
	Action    string
	MinClose  string
	Default   string
}

// roundFormFor lists the programs a new round may offer: the user's
// providers' (lembaga), or every provider's (a province-wide round).
func (s *Server) roundFormFor(r *req, province bool) (roundFormData, error) {
	d := roundFormData{Province: province, Action: "/lembaga/gelombang/baru",
		MinClose: s.App.Now().In(wib.Zone).Add(time.Hour).Format("2006-01-02T15:04"),
		Default:  wib.Date(s.App.Now()).AddDate(0, 0, 14).Add(16 * time.Hour).Format("2006-01-02T15:04")}
	var ps []training.Provider
	var err error
	if province {
		if err := need(r, auth.ManageRounds); err != nil {
			return d, err
		}
		d.Action = "/petugas/pelatihan/gelombang/baru"
		ps, err = s.App.Training.Providers(r.Context())
	} else {
		ps, err = s.myProviders(r)
	}
	if err != nil {
		return d, err
	}
	for _, p := range ps {
		progs, err := s.App.Training.ProgramsByProvider(r.Context(), p.ID)
		if err != nil {
			return d, err
		}
		d.Providers = append(d.Providers, providerBlock{P: p, Programs: progs})
	}
	return d, nil
}

func (s *Server) roundForm(w http.ResponseWriter, r *req) error {
	province := strings.HasPrefix(r.URL.Path, "/petugas/")
	d, err := s.roundFormFor(r, province)
	if err != nil {
		return err
	}
	if !province && len(d.Providers) == 0 {
		return errForbidden
	}
	b := s.newBase(w, r, "round_form.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "round_form", b, d)
}

// parseClock reads a datetime-local value as WIB.
func parseClock(v string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(v), wib.Zone)
	return t, err == nil
}

func (s *Server) roundOpen(w http.ResponseWriter, r *req) error {
	province := strings.HasPrefix(r.URL.Path, "/petugas/")
	d, err := s.roundFormFor(r, province)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := training.RoundInput{Title: r.PostFormValue("title")}
	var errs valid.Errors
	if !province {
		in.ProviderID, _ = strconv.ParseInt(r.PostFormValue("provider"), 10, 64)
		if in.ProviderID == 0 {
			errs.Add("provider", "choose_one")
		}
	}
	for _, v := range r.PostForm["programs"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.Programs = append(in.Programs, id)
		}
	}
	closes, ok := parseClock(r.PostFormValue("closes_at"))
	if !ok {
		errs.Add("closes_at", "date_invalid")
	}
	in.ClosesAt = closes
	if len(errs) > 0 {
		// A zero closing time makes the store refuse the round too, while
		// it still names what is wrong with the other fields.
		in.ClosesAt = time.Time{}
	}
	rd, err := s.App.Training.OpenRound(r.Context(), r.User.ID, in)
	if len(errs) > 0 {
		if ve, ok := valid.As(err); ok {
			for _, fe := range ve {
				if !errs.Has(fe.Field) {
					errs = append(errs, fe)
				}
			}
		}
		err = errs
	}
	if errors.Is(err, training.ErrNotStaff) || errors.Is(err, db.ErrNotFound) {
		err = valid.New("provider", "choose_one")
	}
	if b, bad := s.withErrors(s.newBase(w, r, "round_form.title"), r, err); bad {
		b.Robots = "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "round_form", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.round_opened")
	http.Redirect(w, r.Request, fmt.Sprintf("/pelatihan/gelombang/%d", rd.ID), http.StatusSeeOther)
	return nil
}

// allocateRound allocates a closed round's seats: its provider's staff, or
// an officer for a province-wide round.
func (s *Server) allocateRound(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
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
	if ok, err := s.mayAllocate(r, rd); err != nil {
		return err
	} else if !ok {
		return errForbidden
	}
	_, err = s.App.Training.CloseAndAllocate(r.Context(), r.User.ID, rd.ID)
	switch ve, isValid := valid.As(err); {
	case isValid:
		s.flashErr(w, r, ve[0])
	case errors.Is(err, training.ErrAllocated):
		s.flash(w, r, "flash.round_already_allocated")
	case err != nil:
		return err
	default:
		s.flash(w, r, "flash.round_allocated")
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "" {
		next = fmt.Sprintf("/pelatihan/gelombang/%d", rd.ID)
	}
	http.Redirect(w, r.Request, next, http.StatusSeeOther)
	return nil
}

// appealView is an appeal with what the decider needs to judge it: the
// appellant's result with each ranked program's cutoff.
type appealView struct {
	training.Appeal
	Round     training.Round
	Result    training.SeatResult
	HasResult bool
	Priority  map[int64][]string
	Titles    map[int64]string
	Decidable bool
}

func (s *Server) appealViews(r *req, appeals []training.Appeal, decidable func(training.Round) (bool, error)) ([]appealView, error) {
	ctx := r.Context()
	rounds := map[int64]training.Round{}
	programs := map[int64][]string{}
	var out []appealView
	for _, a := range appeals {
		rd, ok := rounds[a.RoundID]
		if !ok {
			var err error
			if rd, err = s.App.Training.Round(ctx, a.RoundID); err != nil {
				return nil, err
			}
			rounds[a.RoundID] = rd
		}
		v := appealView{Appeal: a, Round: rd, Priority: map[int64][]string{}, Titles: map[int64]string{}}
		for _, rp := range rd.Programs {
			v.Titles[rp.ProgramID] = rp.Title
		}
		res, err := s.App.Training.Results(ctx, rd.ID, a.SeekerID)
		if err == nil {
			v.Result, v.HasResult = res, true
			for _, c := range res.Choices {
				if _, ok := programs[c.ProgramID]; !ok {
					p, err := s.App.Training.Program(ctx, c.ProgramID)
					if err != nil {
						return nil, err
					}
					programs[c.ProgramID] = p.Priority
				}
				v.Priority[c.ProgramID] = programs[c.ProgramID]
			}
		} else if !errors.Is(err, db.ErrNotFound) && !errors.Is(err, training.ErrNotAllocated) {
			return nil, err
		}
		if v.Decidable, err = decidable(rd); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

type appealsData struct {
	Appeals []appealView
	Next    string
	ErrFor  int64
}

// providerAppeals is /lembaga/keberatan: appeals the user's providers must
// see, with a decision form for those in their own rounds.
func (s *Server) providerAppeals(w http.ResponseWriter, r *req) error {
	return s.renderProviderAppeals(w, r, http.StatusOK, s.newBase(w, r, "appeals.title"), 0)
}

func (s *Server) renderProviderAppeals(w http.ResponseWriter, r *req, status int, b base, errFor int64) error {
	ps, err := s.myProviders(r)
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	var all []training.Appeal
	for _, p := range ps {
		list, err := s.App.Training.AppealsFor(r.Context(), training.AppealFilter{ProviderID: p.ID})
		if err != nil {
			return err
		}
		for _, a := range list {
			if !seen[a.ID] {
				seen[a.ID] = true
				all = append(all, a)
			}
		}
	}
	views, err := s.appealViews(r, all, func(rd training.Round) (bool, error) { return s.mayDecide(r.Context(), r, rd) })
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "appeals", b, appealsData{Appeals: pendingFirst(views), Next: "/lembaga/keberatan", ErrFor: errFor})
}

func pendingFirst(vs []appealView) []appealView {
	var out []appealView
	for _, v := range vs {
		if !v.Decided {
			out = append(out, v)
		}
	}
	for _, v := range vs {
		if v.Decided {
			out = append(out, v)
		}
	}
	return out
}

// mayDecide: appeals in a provider's round are decided by its staff, in a
// province-wide round by an officer.
func (s *Server) mayDecide(ctx context.Context, r *req, rd training.Round) (bool, error) {
	if rd.ProviderID == 0 {
		return r.User.Can(auth.ManageRounds), nil
	}
	if !r.User.Can(auth.ManageTraining) {
		return false, nil
	}
	return s.App.Training.IsStaff(ctx, rd.ProviderID, r.User.ID)
}

// decideAppeal records the decision on an appeal.
func (s *Server) decideAppeal(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.App.Training.Appeal(r.Context(), id)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(r.Context(), a.RoundID)
	if err != nil {
		return err
	}
	if ok, err := s.mayDecide(r.Context(), r, rd); err != nil {
		return err
	} else if !ok {
		return errForbidden
	}
	var errs valid.Errors
	verdict := r.PostFormValue("verdict")
	if verdict != "uphold" && verdict != "reject" {
		errs.Add("verdict", "choose_one")
	}
	err = errs.Err()
	if err == nil {
		err = s.App.Training.DecideAppeal(r.Context(), a.ID, r.User.ID, verdict == "uphold", r.PostFormValue("decision"))
	}
	if b, bad := s.withErrors(s.newBase(w, r, "appeals.title"), r, err); bad {
		if rd.ProviderID == 0 {
			return s.renderOfficerTraining(w, r, http.StatusUnprocessableEntity, b, a.ID)
		}
		return s.renderProviderAppeals(w, r, http.StatusUnprocessableEntity, b, a.ID)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.appeal_decided")
	next := "/lembaga/keberatan"
	if rd.ProviderID == 0 {
		next = "/petugas/pelatihan"
	}
	http.Redirect(w, r.Request, fmt.Sprintf("%s#keberatan-%d", next, a.ID), http.StatusSeeOther)
	return nil
}

type outcomeBlock struct {
	P        training.Provider
	Total    training.Outcome
	Programs []training.ProgramOutcome
	Partners map[int64]string
}

// providerOutcomes is /lembaga/hasil: each program's completion,
// certification, placement and wage, and its partner's promise against its
// hires.
func (s *Server) providerOutcomes(w http.ResponseWriter, r *req) error {
	ps, err := s.myProviders(r)
	if err != nil {
		return err
	}
	var d []outcomeBlock
	for _, p := range ps {
		blk := outcomeBlock{P: p}
		if blk.Total, err = s.App.Training.OutcomeForProvider(r.Context(), p.ID); err != nil {
			return err
		}
		if blk.Programs, err = s.App.Training.ProgramOutcomes(r.Context(), p.ID); err != nil {
			return err
		}
		progs := make([]training.Program, len(blk.Programs))
		for i, po := range blk.Programs {
			progs[i] = po.Program
		}
		if blk.Partners, err = s.partnerNames(r.Context(), progs); err != nil {
			return err
		}
		d = append(d, blk)
	}
	b := s.newBase(w, r, "outcomes.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "provider_outcomes", b, d)
}

type regionOutcomesData struct {
	Regions   []training.RegionOutcome
	CanRounds bool
}

// regionOutcomes is /pelatihan/hasil, for officers and analysts.
func (s *Server) regionOutcomes(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ViewStats); err != nil {
		return err
	}
	rs, err := s.App.Training.OutcomesByRegion(r.Context())
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "region_outcomes.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "region_outcomes", b, regionOutcomesData{Regions: rs, CanRounds: r.User.Can(auth.ManageRounds)})
}

type officerTrainingData struct {
	Rounds    []roundView
	Appeals   []appealView
	Providers []training.Provider
	Next      string
	ErrFor    int64
}

// officerTraining is /petugas/pelatihan: province-wide rounds and their
// appeals.
func (s *Server) officerTraining(w http.ResponseWriter, r *req) error {
	return s.renderOfficerTraining(w, r, http.StatusOK, s.newBase(w, r, "officer_training.title"), 0)
}

func (s *Server) renderOfficerTraining(w http.ResponseWriter, r *req, status int, b base, errFor int64) error {
	if err := need(r, auth.ManageRounds); err != nil {
		return err
	}
	ctx := r.Context()
	rounds, err := s.App.Training.RoundsByProvider(ctx, 0)
	if err != nil {
		return err
	}
	d := officerTrainingData{Next: "/petugas/pelatihan", ErrFor: errFor}
	if d.Rounds, err = s.roundViews(r, rounds); err != nil {
		return err
	}
	var appeals []training.Appeal
	for _, rd := range rounds {
		list, err := s.App.Training.AppealsFor(ctx, training.AppealFilter{RoundID: rd.ID})
		if err != nil {
			return err
		}
		appeals = append(appeals, list...)
	}
	views, err := s.appealViews(r, appeals, func(training.Round) (bool, error) { return true, nil })
	if err != nil {
		return err
	}
	d.Appeals = pendingFirst(views)
	if d.Providers, err = s.App.Training.Providers(ctx); err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "officer_training", b, d)
}
