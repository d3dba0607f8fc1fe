package training

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
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
	PartnerID         int64  // industry partner employer; 0 = none
	PartnerName       string // the partner's name
	PartnerInterviews int    // interview places the partner commits to per round
	PartnerHires      int    // hiring places the partner commits to per round
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
	if err := s.manageAs(ctx, s.DB, actorID, providerID); err != nil {
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
	a, err := actorByID(ctx, s.DB, actorID)
	if err != nil {
		return Program{}, err
	}
	cur, err := s.programToManage(ctx, a, programID)
	if err != nil {
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

// ProgramToManage returns program id if u may keep it: its provider's
// staff may; another provider's program is not found.
func (s *Store) ProgramToManage(ctx context.Context, u *auth.User, id int64) (Program, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return Program{}, err
	}
	return s.programToManage(ctx, a, id)
}

// programToManage loads program id for an actor who may keep it. The role
// is asked first, so a role that never keeps programs learns nothing about
// which ids exist.
func (s *Store) programToManage(ctx context.Context, a actor, id int64) (Program, error) {
	if err := a.need(auth.ManageTraining); err != nil {
		return Program{}, err
	}
	p, err := s.Program(ctx, id)
	if err != nil {
		return Program{}, err
	}
	if err := a.manage(p.ProviderID); err != nil {
		return Program{}, fmt.Errorf("program %d: %w", id, err)
	}
	return p, nil
}
