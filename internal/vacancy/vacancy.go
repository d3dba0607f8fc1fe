// Package vacancy keeps vacancies, their full-text search, applications with
// their status timeline, and placements (lapor penempatan). Together a
// vacancy and its placements hold every field Perpres 57/2023 asks an
// employer to report.
package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Statuses of a vacancy: draft → published → closed or filled. A vacancy
// screening holds waits as Held ("ditinjau", review.go) for a petugas.
const (
	Draft     = "draft"
	Published = "published"
	Closed    = "closed"
	Filled    = "filled"
)

// Contract types.
var Contracts = seeker.ContractTypes

// Vacancy is a job opening.
type Vacancy struct {
	ID              int64
	EmployerID      int64
	EmployerName    string
	EmployerStatus  string
	Title           string
	KBJI            string
	Education       string
	Region          string
	Openings        int
	WageMin         int64
	WageMax         int64
	Contract        string
	ClosesOn        time.Time
	Description     string
	AgeMin          int
	AgeMax          int
	ExperienceYears int
	LocalSharePct   *int
	BelowUMK        bool
	Status          string
	PublishedAt     time.Time
	Hired           int
	Skills          []string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// Facts: wage unit, worksite, agency, accessibility (vfacts.go). The
	// wage as stated is UnitWageMin–UnitWageMax per WageUnit; WageMin and
	// WageMax above are its monthly equivalents.
	Facts
	UnitWageMin, UnitWageMax int64
	AgencyCheck              string
}

// Open reports whether the vacancy takes applications on day t.
func (v Vacancy) Open(t time.Time) bool {
	return v.Status == Published && !wib.Date(t).After(v.ClosesOn)
}

// Store keeps vacancies and applications.
type Store struct {
	DB  *db.DB
	Now func() time.Time
	// Cache, when set, keeps recent search results for a few seconds: most
	// searches repeat (the front page, "operator" in a region), and a page
	// of results is the costliest read bursa serves. Writes through this
	// store empty it; other processes' writes show within its TTL.
	Cache  *expirable.LRU[string, Result]
	flight searchFlight
	// Mem, when set, answers list searches from memory on either database
	// (see MemIndex); without it the database's own text index answers.
	Mem *MemIndex
	// OnChange, when set, hears of every write to vacancies or applications
	// (the matching index follows them).
	OnChange func()
	// Employers and Seekers answer which company or job seeker a user is;
	// Match ranks candidates and recommendations. The methods that take a
	// user need them.
	Employers *employer.Store
	Seekers   *seeker.Store
	Match     *match.Engine
	// Notify, when set, tells the people an event concerns (the seeker of a
	// moved application, the company of a new applicant), in the event's
	// transaction.
	Notify *notify.Store
	// FeeText, when set, says whether a company's message asks the worker
	// for money (the screening rules' fee check), so the seeker is warned.
	FeeText func(string) bool
	// ApplyCheck, when set, may refuse a seeker's application to a vacancy
	// with a field error before it is recorded (a BKK vacancy only for its
	// school's graduates, internal/bkk).
	ApplyCheck func(ctx context.Context, vacancyID, seekerID int64) error
	// resp caches every employer's responsiveness for search badges.
	resp respCache
}

func (s *Store) notify() {
	if s.OnChange != nil {
		s.OnChange()
	}
}

// SearchCacheTTL bounds how stale a cached search result can be.
const SearchCacheTTL = 15 * time.Second

// NewSearchCache returns a cache for Store.Cache.
func NewSearchCache() *expirable.LRU[string, Result] {
	return expirable.NewLRU[string, Result](4096, nil, SearchCacheTTL)
}

// Changed forgets cached search results; call it after changing vacancies
// outside this store (bulk loads, an employer's rejection).
func (s *Store) Changed() {
	if s.Cache != nil {
		s.Cache.Purge()
	}
	if s.Mem != nil {
		s.Mem.Changed()
	}
	s.notify()
}

var search = db.SearchIndex{Table: "vacancy_search"}

// Create stores a new vacancy of u's company, as a draft or published at
// once. An HR user who has not registered a company is told so beside the
// form, as a field error.
func (s *Store) Create(ctx context.Context, u *auth.User, in Input, publish bool) (Vacancy, error) {
	emp, err := s.employerFor(ctx, u, auth.PostVacancy)
	if errors.Is(err, employer.ErrNotRegistered) {
		return Vacancy{}, valid.New("employer", "employer_not_verified")
	}
	if err != nil {
		return Vacancy{}, err
	}
	return s.CreateFor(ctx, emp, in, publish, nil)
}

// CreateFor stores a new vacancy of emp with every rule of Create; also,
// when set, runs in the same transaction with the new id. It is for a
// caller that has already decided it may post for emp (an SMK's job office
// posting for a verified partner company, internal/bkk).
func (s *Store) CreateFor(ctx context.Context, emp employer.Employer, in Input, publish bool, also func(ctx context.Context, tx *db.Tx, id int64) error) (Vacancy, error) {
	now := s.Now().UTC()
	closes, errs := in.validate(emp, now)
	errs, err := s.magangRule(ctx, emp, &in, 0, errs) // magang.go
	if err != nil {
		return Vacancy{}, err
	}
	if err := errs.Err(); err != nil {
		return Vacancy{}, err
	}
	if publish && !emp.MayPublish() {
		return Vacancy{}, errNotVerified()
	}
	status := Draft
	var published any
	if publish {
		status = Published
		published = now
	}
	// Screening (review.go): the row holds what the public may see; a fee
	// or a flagged title holds a vacancy to publish for a petugas.
	full, sc := in, screenNew(in)
	in = sc.public
	if publish && sc.hold {
		status, published, publish = Held, nil, false
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = db.InsertID(ctx, tx, `INSERT INTO vacancies (employer_id, title, kbji, education, region, openings,
			wage_min, wage_max, contract, closes_on, description, age_min, age_max, experience_years, local_share_pct,
			below_umk, status, published_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			emp.ID, in.Title, in.KBJI, in.Education, in.Region, in.Openings, in.WageMin, in.WageMax, in.Contract,
			closes, in.Description, in.AgeMin, in.AgeMax, in.ExperienceYears, in.LocalSharePct, in.BelowUMK, status,
			published, now, now)
		if err != nil {
			return fmt.Errorf("insert vacancy: %w", err)
		}
		if err := putSkills(ctx, tx, id, in.Skills); err != nil {
			return err
		}
		if err := writeScreen(ctx, tx, id, full, status == Held, sc.flags, now); err != nil {
			return err
		}
		if err := putFacts(ctx, tx, id, in, Facts{}); err != nil {
			return err
		}
		if err := setProgram(ctx, tx, id, in.ApprenticeshipID); err != nil {
			return err
		}
		if also != nil {
			if err := also(ctx, tx, id); err != nil {
				return err
			}
		}
		if publish {
			if _, err := ledger.Append(ctx, tx, vacancyEntry(ledger.VacancyPublished, id, emp.ID, emp.Name, in, closes, now)); err != nil {
				return err
			}
		}
		return Index(ctx, tx, id, emp.Name, in)
	})
	if err != nil {
		return Vacancy{}, err
	}
	s.Changed()
	return s.Get(ctx, id)
}

// Update changes a draft or published vacancy of u's company.
func (s *Store) Update(ctx context.Context, u *auth.User, id int64, in Input) error {
	emp, v, err := s.own(ctx, u, auth.PostVacancy, id)
	if err != nil {
		return err
	}
	if v.Status != Draft && v.Status != Published && v.Status != Held {
		return valid.New("status", "vacancy_not_editable")
	}
	closes, errs := in.validate(emp, s.Now())
	if errs, err = s.magangRule(ctx, emp, &in, id, errs); err != nil { // magang.go
		return err
	}
	if err := errs.Err(); err != nil {
		return err
	}
	defer s.Changed()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		// Screening runs on every edit (review.go); the row keeps what
		// the public may see.
		sc, err := screenEdit(ctx, tx, id, v.Status, in, s.Now().UTC())
		if err != nil {
			return err
		}
		in = sc.public
		// The status read above must still hold: whether the change is
		// logged depends on it, and a concurrent publish must not slip by.
		res, err := tx.ExecContext(ctx, `UPDATE vacancies SET title = ?, kbji = ?, education = ?, region = ?, openings = ?,
			wage_min = ?, wage_max = ?, contract = ?, closes_on = ?, description = ?, age_min = ?, age_max = ?,
			experience_years = ?, local_share_pct = ?, below_umk = ?, updated_at = ? WHERE id = ? AND status = ?`,
			in.Title, in.KBJI, in.Education, in.Region, in.Openings, in.WageMin, in.WageMax, in.Contract, closes,
			in.Description, in.AgeMin, in.AgeMax, in.ExperienceYears, in.LocalSharePct, in.BelowUMK, s.Now().UTC(), id, v.Status)
		if err != nil {
			return fmt.Errorf("update vacancy %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("status", "vacancy_not_editable")
		}
		if err := putSkills(ctx, tx, id, in.Skills); err != nil {
			return err
		}
		if err := putFacts(ctx, tx, id, in, v.Facts); err != nil {
			return err
		}
		if err := setProgram(ctx, tx, id, in.ApprenticeshipID); err != nil {
			return err
		}
		if v.Status == Published && sc.hold {
			if err := holdPublished(ctx, tx, id, emp.ID, s.Now().UTC()); err != nil {
				return err
			}
			return Index(ctx, tx, id, emp.Name, in)
		}
		if v.Status == Published {
			if _, err := ledger.Append(ctx, tx, vacancyEntry(ledger.VacancyChanged, id, emp.ID, emp.Name, in, closes, s.Now())); err != nil {
				return err
			}
		}
		return Index(ctx, tx, id, emp.Name, in)
	})
}

func putSkills(ctx context.Context, q db.Querier, id int64, skills []string) error {
	return db.ReplaceSet(ctx, q, "vacancy_skills", "vacancy_id", id, "skill", skills)
}

// Index writes the search document of vacancy id: the title weighs most; the
// body holds what else a worker might type (employer, occupation, skills,
// place). Exported for bulk loaders, which write vacancies without Create.
func Index(ctx context.Context, q db.Querier, id int64, employerName string, in Input) error {
	title, body := searchDoc(employerName, in)
	return search.Put(ctx, q, id, title, body)
}

// searchDoc is the text a vacancy is found by: its title, and a body of
// employer, occupation, place, skills and description.
func searchDoc(employerName string, in Input) (title, body string) {
	var parts []string
	parts = append(parts, employerName)
	if o, ok := ref.OccupationByCode(in.KBJI); ok {
		parts = append(parts, o.Title)
	}
	if r, ok := ref.RegionByCode(in.Region); ok {
		parts = append(parts, r.Name)
	}
	for _, k := range in.Skills {
		if sk, ok := ref.SkillByCode(k); ok {
			parts = append(parts, sk.Name)
		}
	}
	parts = append(parts, in.Description)
	return in.Title, strings.Join(parts, "\n")
}

// SetStatus moves a vacancy of u's company: publish a draft, close a
// published one. Filled is reached only by reporting hires.
func (s *Store) SetStatus(ctx context.Context, u *auth.User, id int64, status string) error {
	emp, v, err := s.own(ctx, u, auth.PostVacancy, id)
	if err != nil {
		return err
	}
	now := s.Now().UTC()
	switch {
	case v.Status == Draft && status == Published:
		if emp.Status != employer.Verified {
			return errNotVerified()
		}
		if v.ClosesOn.Before(wib.Date(now)) {
			return valid.New("closes_on", "closes_past")
		}
		var held bool
		if held, err = s.holdOnPublish(ctx, v, now); err != nil || held {
			s.Changed()
			return err // held for a petugas (review.go)
		}
		if v, err = s.Get(ctx, id); err != nil { // screening may have cut a sentence
			return err
		}
		err = s.DB.InTx(ctx, func(tx *db.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE vacancies SET status = ?, published_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
				Published, now, now, id, Draft)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return valid.New("status", "status_change_invalid") // published meanwhile
			}
			_, err = ledger.Append(ctx, tx, vacancyEntry(ledger.VacancyPublished, id, emp.ID, emp.Name, inputOf(v), v.ClosesOn, now))
			return err
		})
	case (v.Status == Draft || v.Status == Published || v.Status == Held) && status == Closed:
		err = s.DB.InTx(ctx, func(tx *db.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE vacancies SET status = ?, closed_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
				Closed, now, now, id, v.Status)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return valid.New("status", "status_change_invalid") // changed meanwhile
			}
			if v.Status != Published {
				return nil // a draft was never public: nothing to log
			}
			_, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.VacancyClosed, At: now,
				Fields: map[string]any{"vacancy_id": id, "employer_id": emp.ID, "reason": "closed_by_employer"}})
			return err
		})
	default:
		return valid.New("status", "status_change_invalid")
	}
	if err != nil {
		return fmt.Errorf("vacancy %d status: %w", id, err)
	}
	s.Changed()
	return nil
}

const cols = `v.id, v.employer_id, e.name, e.status, v.title, v.kbji, v.education, v.region, v.openings, v.wage_min,
	v.wage_max, v.contract, v.closes_on, v.description, v.age_min, v.age_max, v.experience_years, v.local_share_pct,
	v.below_umk, v.status, v.published_at, v.hired, v.created_at, v.updated_at` + factCols

func scan(sc interface{ Scan(...any) error }) (Vacancy, error) {
	var v Vacancy
	var share sql.NullInt64
	var pub sql.NullTime
	var facts factScan
	err := sc.Scan(append([]any{&v.ID, &v.EmployerID, &v.EmployerName, &v.EmployerStatus, &v.Title, &v.KBJI, &v.Education,
		&v.Region, &v.Openings, &v.WageMin, &v.WageMax, &v.Contract, &v.ClosesOn, &v.Description, &v.AgeMin, &v.AgeMax,
		&v.ExperienceYears, &share, &v.BelowUMK, &v.Status, &pub, &v.Hired, &v.CreatedAt, &v.UpdatedAt}, facts.dest(&v)...)...)
	facts.finish(&v)
	if share.Valid {
		n := int(share.Int64)
		v.LocalSharePct = &n
	}
	v.PublishedAt = pub.Time
	return v, err
}

// Get returns vacancy id in any status (callers decide who may see it).
func (s *Store) Get(ctx context.Context, id int64) (Vacancy, error) {
	v, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Vacancy{}, fmt.Errorf("vacancy %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Vacancy{}, fmt.Errorf("vacancy %d: %w", id, err)
	}
	v.Skills, err = skillsOf(ctx, s.DB, id)
	return v, err
}

// Public reports whether anyone may see v: published once, by a verified employer.
func (v Vacancy) Public() bool {
	return v.Status != Draft && v.Status != Held && v.EmployerStatus == employer.Verified
}

func skillsOf(ctx context.Context, q db.Querier, id int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT skill FROM vacancy_skills WHERE vacancy_id = ? ORDER BY skill`, id)
	if err != nil {
		return nil, fmt.Errorf("vacancy %d skills: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// ByEmployer lists an employer's vacancies, newest first.
func (s *Store) ByEmployer(ctx context.Context, employerID int64) ([]Vacancy, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.employer_id = ? ORDER BY v.created_at DESC, v.id DESC`, employerID)
	if err != nil {
		return nil, fmt.Errorf("vacancies of employer %d: %w", employerID, err)
	}
	defer rows.Close()
	var out []Vacancy
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
