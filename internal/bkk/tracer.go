package bkk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Waves are the months after graduation a graduate is asked at.
var Waves = []int{6, 12}

// Ask is how long after a wave falls due its question is still sent: a
// graduate verified two years late is not asked about their first months.
const Ask = 6 // months

// Tracer statuses: what a graduate does at a wave. Unanswered is no answer
// (and no placement in bursa) yet.
const (
	Working    = "bekerja"
	Studying   = "kuliah"
	Business   = "usaha"
	Seeking    = "mencari"
	Unanswered = "belum"
)

// AnswerStatuses are what a graduate may answer, in the order figures
// show them; Statuses adds Unanswered, last.
var (
	AnswerStatuses = []string{Working, Studying, Business, Seeking}
	Statuses       = append(slices.Clone(AnswerStatuses), Unanswered)
)

// Wage bands relative to the UMK of the workplace.
const (
	BelowUMK = "bawah_umk"
	UMKTo15  = "umk_1_5" // from the UMK to 1.5 times it
	Above15  = "atas_1_5"
)

// WageBands in order.
var WageBands = []string{BelowUMK, UMKTo15, Above15}

// Answer sources.
const (
	SourceForm  = "formulir" // the graduate answered
	SourceBursa = "bursa"    // a placement recorded in bursa
)

// Due is the day wave w of a graduate who graduated in grad's month falls
// due (grad is the month's first day).
func Due(grad time.Time, wave int) time.Time { return grad.AddDate(0, wave, 0) }

// CurrentWave is the latest wave due on day today, 0 when none is yet.
func CurrentWave(g Graduate, today time.Time) int {
	w := 0
	for _, x := range Waves {
		if !Due(g.Graduated(), x).After(today) {
			w = x
		}
	}
	return w
}

// TracerInput is a graduate's answer.
type TracerInput struct {
	Status       string
	EmployerName string // working: where
	Contract     string // working: pkwt, pkwtt, harian, magang
	WageBand     string // working: BelowUMK, UMKTo15, Above15
}

// Answer is one wave's answer.
type Answer struct {
	Wave         int
	Status       string
	EmployerName string
	Contract     string
	WageBand     string
	Source       string
	AnsweredAt   time.Time
}

func (in *TracerInput) validate() valid.Errors {
	var errs valid.Errors
	switch in.Status {
	case Working:
		in.EmployerName = errs.Line("employer_name", in.EmployerName, 1, 160)
		if !slices.Contains(seeker.ContractTypes, in.Contract) {
			errs.Add("contract", "choose_one")
		}
		if !slices.Contains(WageBands, in.WageBand) {
			errs.Add("wage_band", "choose_one")
		}
	case Studying, Business, Seeking:
		// Where a graduate studies or what they sell is not asked: the
		// figure needs only the status.
		in.EmployerName, in.Contract, in.WageBand = "", "", ""
	default:
		errs.Add("status", "choose_one")
	}
	return errs
}

// AnswerTracer records u's answer for the wave due now. Only a verified
// graduate answers, once a wave is due; answering again the same wave
// replaces the answer.
func (s *Store) AnswerTracer(ctx context.Context, u *auth.User, in TracerInput) (Answer, error) {
	g, err := s.MyGraduation(ctx, u)
	if errors.Is(err, ErrNoGraduation) {
		return Answer{}, valid.New("npsn", "bkk_not_verified")
	}
	if err != nil {
		return Answer{}, err
	}
	if g.Status != Verified {
		return Answer{}, valid.New("npsn", "bkk_not_verified")
	}
	now := s.Now().UTC()
	wave := CurrentWave(g, wib.Date(now))
	if wave == 0 {
		return Answer{}, valid.New("status", "bkk_tracer_not_due", "date", Due(g.Graduated(), Waves[0]).Format("02-01-2006"))
	}
	if err := in.validate().Err(); err != nil {
		return Answer{}, err
	}
	// Written only while the declaration read above still stands: a
	// declaration changed meanwhile (another school, program or month)
	// is waiting for verification again, and its old answers are gone.
	res, err := s.DB.ExecContext(ctx, `INSERT INTO tracer_answers (graduate_id, wave, status, employer_name, contract, wage_band, answered_at)
		SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM graduates WHERE id = ? AND status = ?)
		ON CONFLICT (graduate_id, wave) DO UPDATE SET status = excluded.status,
		employer_name = excluded.employer_name, contract = excluded.contract, wage_band = excluded.wage_band,
		answered_at = excluded.answered_at`, g.ID, wave, in.Status, in.EmployerName, in.Contract, in.WageBand, now, g.ID, Verified)
	if err != nil {
		return Answer{}, fmt.Errorf("tracer answer: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return Answer{}, valid.New("npsn", "bkk_not_verified")
	}
	return Answer{Wave: wave, Status: in.Status, EmployerName: in.EmployerName, Contract: in.Contract, WageBand: in.WageBand,
		Source: SourceForm, AnsweredAt: now}, nil
}

// Tracer is a graduate's tracer study as they see it: the wave due now (0
// before the first) and the answers so far, form or placement.
type Tracer struct {
	Graduate Graduate
	Wave     int
	NextDue  time.Time // the first wave's date while none is due
	Answers  []Answer
}

// MyTracer is u's tracer study.
func (s *Store) MyTracer(ctx context.Context, u *auth.User) (Tracer, error) {
	g, err := s.MyGraduation(ctx, u)
	if err != nil {
		return Tracer{}, err
	}
	today := wib.Date(s.Now())
	t := Tracer{Graduate: g, Wave: CurrentWave(g, today), NextDue: Due(g.Graduated(), Waves[0])}
	if g.Status != Verified {
		return t, nil
	}
	os, err := Outcomes(ctx, s.DB, s.Now(), `g.id = ?`, g.ID)
	if err != nil {
		return Tracer{}, err
	}
	for _, o := range os {
		if o.Status != Unanswered {
			t.Answers = append(t.Answers, o.Answer)
		}
	}
	return t, nil
}

// Outcome is one verified graduate's status at one wave due by some day.
type Outcome struct {
	GraduateID int64
	SchoolID   int64
	Region     string // the school's regency/city
	Program    string
	Graduated  time.Time
	Answer
}

// Outcomes lists, for the verified graduates matching where (a condition
// on graduates g, with args), every wave due by asOf with its status as
// known at asOf: the graduate's own answer given by then; else, when a
// placement recorded in bursa by then started by the wave's date, working
// with source bursa (the
// contract of its vacancy, the wage against that year's UMK); else
// Unanswered. It is the one rule the school pages and the statistics use.
func Outcomes(ctx context.Context, q db.Querier, asOf time.Time, where string, args ...any) ([]Outcome, error) {
	day := wib.Date(asOf)
	type grad struct {
		id, school, seeker int64
		region, program    string
		year, month        int
	}
	rows, err := q.QueryContext(ctx, `SELECT g.id, g.school_id, g.seeker_id, sc.region, g.program, g.grad_year, g.grad_month
		FROM graduates g JOIN schools sc ON sc.id = g.school_id WHERE g.status = 'terverifikasi' AND (`+where+`) ORDER BY g.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("tracer outcomes: %w", err)
	}
	var gs []grad
	for rows.Next() {
		var g grad
		if err := rows.Scan(&g.id, &g.school, &g.seeker, &g.region, &g.program, &g.year, &g.month); err != nil {
			rows.Close()
			return nil, fmt.Errorf("tracer outcomes: %w", err)
		}
		gs = append(gs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tracer outcomes: %w", err)
	}
	if len(gs) == 0 {
		return nil, nil
	}
	// Answers and placements of these graduates, read once each.
	answers := map[[2]int64]Answer{}
	arows, err := q.QueryContext(ctx, `SELECT t.graduate_id, t.wave, t.status, t.employer_name, t.contract, t.wage_band, t.answered_at
		FROM tracer_answers t JOIN graduates g ON g.id = t.graduate_id
		WHERE g.status = 'terverifikasi' AND t.answered_at <= ? AND (`+where+`)`, append([]any{asOf.UTC()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("tracer answers: %w", err)
	}
	for arows.Next() {
		var id int64
		var a Answer
		if err := arows.Scan(&id, &a.Wave, &a.Status, &a.EmployerName, &a.Contract, &a.WageBand, &a.AnsweredAt); err != nil {
			arows.Close()
			return nil, fmt.Errorf("tracer answers: %w", err)
		}
		a.Source = SourceForm
		answers[[2]int64{id, int64(a.Wave)}] = a
	}
	arows.Close()
	if err := arows.Err(); err != nil {
		return nil, err
	}
	type placement struct {
		start              time.Time
		employer, contract string
		region             string
		wage               int64
		reported           time.Time
	}
	placed := map[int64][]placement{}
	prows, err := q.QueryContext(ctx, `SELECT p.seeker_id, p.start_date, e.name, v.contract, v.region, p.wage, p.reported_at
		FROM placements p JOIN graduates g ON g.seeker_id = p.seeker_id JOIN vacancies v ON v.id = p.vacancy_id
		JOIN employers e ON e.id = p.employer_id
		WHERE g.status = 'terverifikasi' AND (`+where+`) ORDER BY p.start_date, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("tracer placements: %w", err)
	}
	for prows.Next() {
		var sk int64
		var p placement
		var start db.AggTime
		if err := prows.Scan(&sk, &start, &p.employer, &p.contract, &p.region, &p.wage, &p.reported); err != nil {
			prows.Close()
			return nil, fmt.Errorf("tracer placements: %w", err)
		}
		p.start = start.Time
		placed[sk] = append(placed[sk], p)
	}
	prows.Close()
	if err := prows.Err(); err != nil {
		return nil, err
	}
	var out []Outcome
	for _, g := range gs {
		grad := time.Date(g.year, time.Month(g.month), 1, 0, 0, 0, 0, time.UTC)
		for _, w := range Waves {
			due := Due(grad, w)
			if due.After(day) {
				continue
			}
			o := Outcome{GraduateID: g.id, SchoolID: g.school, Region: g.region, Program: g.program, Graduated: grad,
				Answer: Answer{Wave: w, Status: Unanswered}}
			if a, ok := answers[[2]int64{g.id, int64(w)}]; ok {
				o.Answer = a
			} else {
				// The latest placement started by the wave's date and
				// known before asOf.
				for _, p := range placed[g.seeker] {
					if !p.start.After(due) && !p.reported.After(asOf) {
						o.Answer = Answer{Wave: w, Status: Working, EmployerName: p.employer, Contract: p.contract,
							WageBand: wageBand(p.wage, p.region, p.start), Source: SourceBursa, AnsweredAt: p.reported}
					}
				}
			}
			out = append(out, o)
		}
	}
	return out, nil
}

// wageBand places a monthly wage against the UMK of region in start's
// year (or the latest before it, vacancy.UMKFor); "" when none is known.
func wageBand(wage int64, region string, start time.Time) string {
	umk, _, ok := vacancy.UMKFor(region, start)
	switch {
	case !ok:
		return ""
	case wage < umk:
		return BelowUMK
	case wage*2 <= umk*3:
		return UMKTo15
	default:
		return Above15
	}
}

// Asked is a verified graduate to ask a wave's question (the reminder job).
type Asked struct {
	GraduateID, UserID int64
	Wave               int
	Due                time.Time
}

// ToAsk lists the questions due on day today: for every verified graduate
// and wave due by today and less than Ask months ago, with no answer and no
// placement in bursa started by the wave's date. The job sends each once
// (its notice's dedupe is the graduate and the wave).
func ToAsk(ctx context.Context, q db.Querier, today time.Time) ([]Asked, error) {
	rows, err := q.QueryContext(ctx, `SELECT g.id, sk.user_id, g.seeker_id, g.grad_year, g.grad_month FROM graduates g
		JOIN seekers sk ON sk.id = g.seeker_id WHERE g.status = 'terverifikasi' ORDER BY g.id`)
	if err != nil {
		return nil, fmt.Errorf("tracer to ask: %w", err)
	}
	type row struct {
		id, user, seeker int64
		year, month      int
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.user, &r.seeker, &r.year, &r.month); err != nil {
			rows.Close()
			return nil, err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Asked
	for _, r := range rs {
		grad := time.Date(r.year, time.Month(r.month), 1, 0, 0, 0, 0, time.UTC)
		for _, w := range Waves {
			due := Due(grad, w)
			if due.After(today) || !today.Before(due.AddDate(0, Ask, 0)) {
				continue
			}
			var n int
			if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM tracer_answers WHERE graduate_id = ? AND wave = ?)
				+ (SELECT count(*) FROM placements WHERE seeker_id = ? AND start_date <= ?)`, r.id, w, r.seeker, due).Scan(&n); err != nil {
				return nil, fmt.Errorf("tracer to ask: %w", err)
			}
			if n == 0 {
				out = append(out, Asked{GraduateID: r.id, UserID: r.user, Wave: w, Due: due})
			}
		}
	}
	return out, nil
}
