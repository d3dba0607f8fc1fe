package training

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

const programCols = `p.id, p.provider_id, pr.name, pr.kind, p.title, p.description, p.hours, p.schedule, p.region, p.seats,
	p.fee, p.fee_waived_for, p.certificate_scheme, p.age_min, p.age_max, p.education_min, p.priority_order,
	COALESCE(p.partner_id, 0), COALESCE(pe.name, ''), p.partner_interviews, p.partner_hires, p.created_at, p.updated_at`

const programFrom = ` FROM programs p JOIN providers pr ON pr.id = p.provider_id LEFT JOIN employers pe ON pe.id = p.partner_id`

func scanProgram(sc interface{ Scan(...any) error }, extra ...any) (Program, error) {
	var p Program
	var order string
	dest := []any{&p.ID, &p.ProviderID, &p.ProviderName, &p.ProviderKind, &p.Title, &p.Description, &p.Hours,
		&p.Schedule, &p.Region, &p.Seats, &p.Fee, &p.FeeWaivedFor, &p.CertificateScheme, &p.AgeMin, &p.AgeMax,
		&p.EducationMin, &order, &p.PartnerID, &p.PartnerName, &p.PartnerInterviews, &p.PartnerHires, &p.CreatedAt, &p.UpdatedAt}
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

// programsByID loads programs by id, in chunks far below either dialect's
// parameter limit; unknown ids are left out.
func (s *Store) programsByID(ctx context.Context, q db.Querier, ids []int64) (map[int64]Program, error) {
	out := map[int64]Program{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		ps, err := s.programs(ctx, q, "programs by id", `SELECT `+programCols+programFrom+
			` WHERE p.id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk), nil)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			out[p.ID] = p
		}
	}
	return out, nil
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
	Free   bool // free, or free for some group
}

// Check tidies the filter and names each field that cannot match anything.
func (f *ProgramFilter) Check() valid.Errors {
	var errs valid.Errors
	f.Tag = strings.ToLower(strings.TrimSpace(f.Tag))
	if _, ok := ref.RegionByCode(f.Region); f.Region != "" && !ok {
		errs.Add("region", "region_invalid")
	}
	if _, ok := ref.SkillByCode(f.Skill); f.Skill != "" && !ok {
		errs.Add("skill", "skill_unknown", "skill", f.Skill)
	}
	if len(f.Tag) > maxTagLen {
		errs.Add("tag", "too_long", "max", maxTagLen)
	}
	return errs
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
	if f.Free {
		where = append(where, `(p.fee = 0 OR p.fee_waived_for <> '')`)
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
