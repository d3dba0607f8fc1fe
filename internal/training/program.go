package training

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Program is a course a provider runs; each intake round offers its seats.
type Program struct {
	ID                int64
	ProviderID        int64
	ProviderName      string
	ProviderKind      string
	Title             string
	Description       string
	Skills            []string // skill codes taught
	Occupations       []string // KBJI 2014 unit groups it prepares for
	Hours             int
	Schedule          string
	Region            string // where it is held
	Seats             int    // per intake round
	Fee               int64  // rupiah; 0 = free
	FeeWaivedFor      string // a criterion whose holders pay nothing; "" = none
	CertificateScheme string // BNSP certification scheme; "" = none
	AgeMin, AgeMax    int    // 0 = no bound
	EducationMin      string // education code; "" = none
	Regions           []string
	Priority          []string // ordered criteria
	Tags              []string
	PartnerID         int64 // industry partner employer; 0 = none
	PartnerInterviews int   // interview places the partner commits to per round
	PartnerHires      int   // hiring places the partner commits to per round
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Applicant holds what eligibility and priority are judged on.
type Applicant struct {
	BirthDate       time.Time
	Education       string
	Domicile        string
	DTKS            bool
	UnemployedSince time.Time // zero: working, or not declared
}

// Meets reports whether a meets criterion c at the program on civil day day
// (the round's close).
func (p Program) Meets(a Applicant, c string, day time.Time) bool {
	switch c {
	case DTKS:
		return a.DTKS
	case Domisili:
		return a.Domicile == p.Region
	case Menganggur:
		return !a.UnemployedSince.IsZero() && !a.UnemployedSince.After(day.AddDate(0, -LongUnemployedMonths, 0))
	case Muda:
		age := ageOn(a.BirthDate, day)
		return age >= YouthMinAge && age <= YouthMaxAge
	}
	return false
}

// Class is a's priority class at the program: the index of the first
// criterion of the program's order that a meets, else the number of
// criteria. Lower is better.
func (p Program) Class(a Applicant, day time.Time) int {
	for i, c := range p.Priority {
		if p.Meets(a, c, day) {
			return i
		}
	}
	return len(p.Priority)
}

// FeeFor is what a pays for the program.
func (p Program) FeeFor(a Applicant, day time.Time) int64 {
	if p.FeeWaivedFor != "" && p.Meets(a, p.FeeWaivedFor, day) {
		return 0
	}
	return p.Fee
}

// Ineligible returns "" when a may apply to the program on day, else the
// message code of the first rule a fails.
func (p Program) Ineligible(a Applicant, day time.Time) string {
	age := ageOn(a.BirthDate, day)
	if (p.AgeMin > 0 && age < p.AgeMin) || (p.AgeMax > 0 && age > p.AgeMax) {
		return "not_eligible_age"
	}
	if p.EducationMin != "" {
		min, _ := ref.EducationByCode(p.EducationMin)
		have, ok := ref.EducationByCode(a.Education)
		if !ok || have.Rank < min.Rank {
			return "not_eligible_education"
		}
	}
	if len(p.Regions) > 0 && !contains(p.Regions, a.Domicile) {
		return "not_eligible_region"
	}
	return ""
}

// IsYouth reports whether the program carries a youth tag.
func (p Program) IsYouth() bool {
	for _, t := range p.Tags {
		if contains(YouthTags, t) {
			return true
		}
	}
	return false
}

// ProgramInput is what a provider's staff describe a program with.
type ProgramInput struct {
	Title             string
	Description       string
	Skills            []string
	Occupations       []string
	Hours             int
	Schedule          string
	Region            string
	Seats             int
	Fee               int64
	FeeWaivedFor      string
	CertificateScheme string
	AgeMin, AgeMax    int
	EducationMin      string
	Regions           []string
	Priority          []string
	Tags              []string
	PartnerID         int64
	PartnerInterviews int
	PartnerHires      int
}

// Limits of program input.
const (
	maxProgramSkills = 20
	maxOccupations   = 10
	maxTags          = 10
	maxTagLen        = 32
	minDescription   = 30
	maxFee           = 100_000_000
	maxHours         = 2000
	maxSeats         = 1000
)

func validTag(t string) bool {
	if t == "" || len(t) > maxTagLen || t[0] == '-' || t[len(t)-1] == '-' || strings.Contains(t, "--") {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// cleanSet trims, drops empties and duplicates, and sorts.
func cleanSet(in []string, norm func(string) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = norm(strings.TrimSpace(s))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (s *Store) validateProgram(ctx context.Context, in *ProgramInput) (valid.Errors, error) {
	var errs valid.Errors
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	switch n := utf8.RuneCountInString(in.Title); {
	case n < 3:
		errs.Add("title", "program_title_short")
	case n > 120:
		errs.Add("title", "too_long", "max", 120)
	}
	in.Description = strings.TrimSpace(in.Description)
	switch n := utf8.RuneCountInString(in.Description); {
	case n < minDescription:
		errs.Add("description", "program_description_short", "min", minDescription)
	case n > 4000:
		errs.Add("description", "too_long", "max", 4000)
	}
	skills, unknown := ref.CleanSkills(in.Skills)
	switch {
	case unknown != "":
		errs.Add("skills", "skill_unknown", "skill", unknown)
	case len(skills) == 0:
		// A program that teaches nothing nameable cannot be found from a
		// skill gap, which is how most seekers will reach it.
		errs.Add("skills", "skills_required")
	case len(skills) > maxProgramSkills:
		errs.Add("skills", "too_many", "max", maxProgramSkills)
	}
	in.Skills = skills
	in.Occupations = cleanSet(in.Occupations, func(s string) string { return s })
	for _, o := range in.Occupations {
		if _, ok := ref.OccupationByCode(o); !ok || len(o) != 4 {
			errs.Add("occupations", "kbji_invalid")
			break
		}
	}
	if len(in.Occupations) > maxOccupations {
		errs.Add("occupations", "too_many", "max", maxOccupations)
	}
	if in.Hours < 1 || in.Hours > maxHours {
		errs.Add("hours", "hours_invalid", "max", maxHours)
	}
	in.Schedule = strings.TrimSpace(in.Schedule)
	if utf8.RuneCountInString(in.Schedule) > 500 {
		errs.Add("schedule", "too_long", "max", 500)
	}
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	if in.Seats < 1 || in.Seats > maxSeats {
		errs.Add("seats", "seats_invalid", "max", maxSeats)
	}
	if in.Fee < 0 || in.Fee > maxFee {
		errs.Add("fee", "wage_invalid")
	}
	if in.FeeWaivedFor != "" && !contains(Criteria, in.FeeWaivedFor) {
		errs.Add("fee_waived_for", "choose_one")
	}
	if in.Fee == 0 {
		in.FeeWaivedFor = "" // nothing to waive
	}
	in.CertificateScheme = strings.Join(strings.Fields(in.CertificateScheme), " ")
	if utf8.RuneCountInString(in.CertificateScheme) > 200 {
		errs.Add("certificate_scheme", "too_long", "max", 200)
	}
	ageOK := func(a int) bool { return a == 0 || (a >= 15 && a <= 70) }
	if !ageOK(in.AgeMin) || !ageOK(in.AgeMax) || (in.AgeMin > 0 && in.AgeMax > 0 && in.AgeMin > in.AgeMax) {
		errs.Add("age", "age_range_invalid")
	}
	if in.EducationMin != "" {
		if _, ok := ref.EducationByCode(in.EducationMin); !ok {
			errs.Add("education_min", "choose_one")
		}
	}
	in.Regions = cleanSet(in.Regions, func(s string) string { return s })
	for _, r := range in.Regions {
		if _, ok := ref.RegionByCode(r); !ok {
			errs.Add("regions", "region_invalid")
			break
		}
	}
	var order []string
	for _, c := range in.Priority {
		c = strings.ToLower(strings.TrimSpace(c))
		switch {
		case c == "":
			continue
		case !contains(Criteria, c):
			errs.Add("priority", "priority_invalid", "criterion", c)
		case contains(order, c):
			errs.Add("priority", "priority_duplicate", "criterion", c)
		}
		order = append(order, c)
	}
	in.Priority = order
	in.Tags = cleanSet(in.Tags, strings.ToLower)
	for _, t := range in.Tags {
		if !validTag(t) {
			errs.Add("tags", "tag_invalid", "tag", t)
			break
		}
	}
	if len(in.Tags) > maxTags {
		errs.Add("tags", "too_many", "max", maxTags)
	}
	if (Program{Tags: in.Tags}).IsYouth() && !contains(in.Priority, Muda) && !errs.Has("priority") {
		errs.Add("priority", "priority_needs_muda", "min", YouthMinAge, "max", YouthMaxAge)
	}
	if in.PartnerInterviews < 0 || in.PartnerInterviews > maxSeats {
		errs.Add("partner_interviews", "places_invalid", "max", maxSeats)
	}
	if in.PartnerHires < 0 || in.PartnerHires > maxSeats {
		errs.Add("partner_hires", "places_invalid", "max", maxSeats)
	}
	if in.PartnerID == 0 {
		if in.PartnerInterviews > 0 || in.PartnerHires > 0 {
			errs.Add("partner", "partner_required")
		}
	} else {
		ok, err := verifiedEmployer(ctx, s.DB, in.PartnerID)
		if err != nil {
			return nil, err
		}
		if !ok {
			errs.Add("partner", "partner_not_verified")
		}
	}
	return errs, nil
}

// CheckProgram validates a program without storing it, for forms that show
// every error at once.
func (s *Store) CheckProgram(ctx context.Context, in *ProgramInput) error {
	errs, err := s.validateProgram(ctx, in)
	if err != nil {
		return err
	}
	return errs.Err()
}

func (s *Store) putProgramSets(ctx context.Context, q db.Querier, id int64, in ProgramInput) error {
	for _, set := range []struct {
		table, col string
		vals       []string
	}{
		{"program_skills", "skill", in.Skills},
		{"program_occupations", "kbji", in.Occupations},
		{"program_regions", "region", in.Regions},
		{"program_tags", "tag", in.Tags},
	} {
		if err := db.ReplaceSet(ctx, q, set.table, "program_id", id, set.col, set.vals); err != nil {
			return err
		}
	}
	return nil
}

// CreateProgram adds a program to a provider; actorID must be its staff.
func (s *Store) CreateProgram(ctx context.Context, actorID, providerID int64, in ProgramInput) (Program, error) {
	if err := mustBeStaff(ctx, s.DB, providerID, actorID); err != nil {
		return Program{}, err
	}
	if err := s.CheckProgram(ctx, &in); err != nil {
		return Program{}, err
	}
	now := s.Now().UTC()
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = db.InsertID(ctx, tx, `INSERT INTO programs (provider_id, title, description, hours, schedule, region, seats,
			fee, fee_waived_for, certificate_scheme, age_min, age_max, education_min, priority_order, partner_id,
			partner_interviews, partner_hires, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			providerID, in.Title, in.Description, in.Hours, in.Schedule, in.Region, in.Seats, in.Fee, in.FeeWaivedFor,
			in.CertificateScheme, in.AgeMin, in.AgeMax, in.EducationMin, strings.Join(in.Priority, ","),
			nullID(in.PartnerID), in.PartnerInterviews, in.PartnerHires, now, now)
		if err != nil {
			return fmt.Errorf("create program: %w", err)
		}
		if err := s.putProgramSets(ctx, tx, id, in); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.program.create",
			SubjectType: "program", SubjectID: id, Detail: in.Title})
	})
	if err != nil {
		return Program{}, err
	}
	return s.Program(ctx, id)
}

// sameRules reports whether in keeps every rule applicants were promised:
// who may apply, how they are ranked, how many seats, what it costs.
func sameRules(p Program, in ProgramInput) bool {
	return p.Region == in.Region && p.Seats == in.Seats && p.Fee == in.Fee && p.FeeWaivedFor == in.FeeWaivedFor &&
		p.AgeMin == in.AgeMin && p.AgeMax == in.AgeMax && p.EducationMin == in.EducationMin &&
		slices.Equal(p.Regions, in.Regions) && slices.Equal(p.Priority, in.Priority)
}

// UpdateProgram changes a program; actorID must be staff of its provider.
// While the program is in a round that is not yet allocated, its rules
// (seats, eligibility, priority order, region, fee) stay as they were when
// the round opened: applicants applied under them.
func (s *Store) UpdateProgram(ctx context.Context, actorID, programID int64, in ProgramInput) (Program, error) {
	cur, err := s.Program(ctx, programID)
	if err != nil {
		return Program{}, err
	}
	if err := mustBeStaff(ctx, s.DB, cur.ProviderID, actorID); err != nil {
		return Program{}, err
	}
	if err := s.CheckProgram(ctx, &in); err != nil {
		return Program{}, err
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if !sameRules(cur, in) {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
				WHERE rp.program_id = ? AND r.allocated_at IS NULL`, programID).Scan(&n); err != nil {
				return fmt.Errorf("rounds of program %d: %w", programID, err)
			}
			if n > 0 {
				return valid.New("program", "program_rules_frozen", "program", cur.Title)
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE programs SET title = ?, description = ?, hours = ?, schedule = ?, region = ?,
			seats = ?, fee = ?, fee_waived_for = ?, certificate_scheme = ?, age_min = ?, age_max = ?, education_min = ?,
			priority_order = ?, partner_id = ?, partner_interviews = ?, partner_hires = ?, updated_at = ? WHERE id = ?`,
			in.Title, in.Description, in.Hours, in.Schedule, in.Region, in.Seats, in.Fee, in.FeeWaivedFor,
			in.CertificateScheme, in.AgeMin, in.AgeMax, in.EducationMin, strings.Join(in.Priority, ","),
			nullID(in.PartnerID), in.PartnerInterviews, in.PartnerHires, now, programID)
		if err != nil {
			return fmt.Errorf("update program %d: %w", programID, err)
		}
		if err := s.putProgramSets(ctx, tx, programID, in); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.program.update",
			SubjectType: "program", SubjectID: programID, Detail: in.Title})
	})
	if err != nil {
		return Program{}, err
	}
	return s.Program(ctx, programID)
}

const programCols = `p.id, p.provider_id, pr.name, pr.kind, p.title, p.description, p.hours, p.schedule, p.region, p.seats,
	p.fee, p.fee_waived_for, p.certificate_scheme, p.age_min, p.age_max, p.education_min, p.priority_order,
	COALESCE(p.partner_id, 0), p.partner_interviews, p.partner_hires, p.created_at, p.updated_at`

const programFrom = ` FROM programs p JOIN providers pr ON pr.id = p.provider_id`

func scanProgram(sc interface{ Scan(...any) error }, extra ...any) (Program, error) {
	var p Program
	var order string
	dest := []any{&p.ID, &p.ProviderID, &p.ProviderName, &p.ProviderKind, &p.Title, &p.Description, &p.Hours,
		&p.Schedule, &p.Region, &p.Seats, &p.Fee, &p.FeeWaivedFor, &p.CertificateScheme, &p.AgeMin, &p.AgeMax,
		&p.EducationMin, &order, &p.PartnerID, &p.PartnerInterviews, &p.PartnerHires, &p.CreatedAt, &p.UpdatedAt}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return Program{}, err
	}
	if order != "" {
		p.Priority = strings.Split(order, ",")
	}
	return p, nil
}

// programs runs a query selecting programCols (plus extra columns scanned
// into the values each call of extra returns) and fills in the sets.
func (s *Store) programs(ctx context.Context, q db.Querier, what, query string, args []any, extra func() []any) ([]Program, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var out []Program
	for rows.Next() {
		var ex []any
		if extra != nil {
			ex = extra()
		}
		p, err := scanProgram(rows, ex...)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := loadProgramSets(ctx, q, out); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// loadProgramSets fills skills, occupations, regions and tags of ps with one
// query per set.
func loadProgramSets(ctx context.Context, q db.Querier, ps []Program) error {
	if len(ps) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ids := make([]int64, 0, len(ps))
	for i, p := range ps {
		if _, ok := idx[p.ID]; !ok {
			ids = append(ids, p.ID)
		}
		idx[p.ID] = i
	}
	for _, set := range []struct {
		table, col string
		field      func(*Program) *[]string
	}{
		{"program_skills", "skill", func(p *Program) *[]string { return &p.Skills }},
		{"program_occupations", "kbji", func(p *Program) *[]string { return &p.Occupations }},
		{"program_regions", "region", func(p *Program) *[]string { return &p.Regions }},
		{"program_tags", "tag", func(p *Program) *[]string { return &p.Tags }},
	} {
		got := map[int64][]string{}
		// Chunks stay far below either dialect's parameter limit.
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			rows, err := q.QueryContext(ctx, `SELECT program_id, `+set.col+` FROM `+set.table+
				` WHERE program_id IN (`+placeholders(len(chunk))+`) ORDER BY program_id, `+set.col, int64Args(chunk)...)
			if err != nil {
				return fmt.Errorf("%s: %w", set.table, err)
			}
			for rows.Next() {
				var id int64
				var v string
				if err := rows.Scan(&id, &v); err != nil {
					rows.Close()
					return fmt.Errorf("%s: %w", set.table, err)
				}
				got[id] = append(got[id], v)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("%s: %w", set.table, err)
			}
		}
		for i := range ps {
			*set.field(&ps[i]) = got[ps[i].ID]
		}
	}
	return nil
}

// Program returns program id.
func (s *Store) Program(ctx context.Context, id int64) (Program, error) {
	ps, err := s.programs(ctx, s.DB, "program "+strconv.FormatInt(id, 10),
		`SELECT `+programCols+programFrom+` WHERE p.id = ?`, []any{id}, nil)
	if err != nil {
		return Program{}, err
	}
	if len(ps) == 0 {
		return Program{}, fmt.Errorf("program %d: %w", id, db.ErrNotFound)
	}
	return ps[0], nil
}

// ProgramsByProvider lists a provider's programs by title.
func (s *Store) ProgramsByProvider(ctx context.Context, providerID int64) ([]Program, error) {
	return s.programs(ctx, s.DB, "programs of provider "+strconv.FormatInt(providerID, 10),
		`SELECT `+programCols+programFrom+` WHERE p.provider_id = ? ORDER BY p.title, p.id`, []any{providerID}, nil)
}

// ProgramFilter narrows OpenPrograms; empty fields do not filter.
type ProgramFilter struct {
	Region string // where the program is held
	Skill  string // a skill it teaches
	Tag    string
}

// OpenProgram is a program taking applications in a round.
type OpenProgram struct {
	Program
	RoundID    int64
	RoundTitle string
	ClosesAt   time.Time
}

// OpenPrograms lists the programs of rounds taking applications now, soonest
// closing first.
func (s *Store) OpenPrograms(ctx context.Context, f ProgramFilter) ([]OpenProgram, error) {
	now := s.Now().UTC()
	where := []string{`r.allocated_at IS NULL`, `r.opens_at <= ?`, `r.closes_at > ?`}
	args := []any{now, now}
	if f.Region != "" {
		where = append(where, `p.region = ?`)
		args = append(args, f.Region)
	}
	if f.Skill != "" {
		where = append(where, `EXISTS (SELECT 1 FROM program_skills ps WHERE ps.program_id = p.id AND ps.skill = ?)`)
		args = append(args, f.Skill)
	}
	if f.Tag != "" {
		where = append(where, `EXISTS (SELECT 1 FROM program_tags pt WHERE pt.program_id = p.id AND pt.tag = ?)`)
		args = append(args, strings.ToLower(f.Tag))
	}
	// extra hands Scan fresh fields of the row being read; append may move
	// earlier elements, but only after Scan has written them.
	var rounds []OpenProgram
	ps, err := s.programs(ctx, s.DB, "open programs", `SELECT `+programCols+`, r.id, r.title, r.closes_at`+programFrom+`
		JOIN round_programs rp ON rp.program_id = p.id JOIN intake_rounds r ON r.id = rp.round_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY r.closes_at, p.title, p.id`, args, func() []any {
		rounds = append(rounds, OpenProgram{})
		o := &rounds[len(rounds)-1]
		return []any{&o.RoundID, &o.RoundTitle, &o.ClosesAt}
	})
	if err != nil {
		return nil, err
	}
	for i := range ps {
		rounds[i].Program = ps[i]
	}
	return rounds, nil
}

// ProgramMatch is a program that teaches some of the skills asked about.
type ProgramMatch struct {
	Program
	Teaches     []string // the asked skills it teaches
	OpenRoundID int64    // a round taking applications for it now; 0 = none
}

// ProgramsTeaching lists programs teaching any of skills (a seeker's skill
// gap), those teaching the most of them first, then those open for
// applications now.
func (s *Store) ProgramsTeaching(ctx context.Context, skills []string) ([]ProgramMatch, error) {
	skills = cleanSet(skills, func(s string) string { return s })
	if len(skills) == 0 {
		return nil, nil
	}
	now := s.Now().UTC()
	var open []sql.NullInt64
	args := []any{now}
	for _, k := range skills {
		args = append(args, k)
	}
	ps, err := s.programs(ctx, s.DB, "programs teaching skills", `SELECT `+programCols+`,
		(SELECT min(r.id) FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
		 WHERE rp.program_id = p.id AND r.allocated_at IS NULL AND r.closes_at > ?)`+programFrom+`
		WHERE p.id IN (SELECT program_id FROM program_skills WHERE skill IN (`+placeholders(len(skills))+`))
		ORDER BY p.title, p.id`, args, func() []any {
		open = append(open, sql.NullInt64{})
		return []any{&open[len(open)-1]}
	})
	if err != nil {
		return nil, err
	}
	out := make([]ProgramMatch, len(ps))
	for i, p := range ps {
		m := ProgramMatch{Program: p, OpenRoundID: open[i].Int64}
		for _, k := range skills {
			if contains(p.Skills, k) {
				m.Teaches = append(m.Teaches, k)
			}
		}
		out[i] = m
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Teaches) != len(out[j].Teaches) {
			return len(out[i].Teaches) > len(out[j].Teaches)
		}
		return (out[i].OpenRoundID != 0) && (out[j].OpenRoundID == 0)
	})
	return out, nil
}
