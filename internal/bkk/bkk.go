// Package bkk keeps SMKs' job offices (BKK, Bursa Kerja Khusus; Permenaker
// 39/2016): the school registered by NPSN with its programs (kompetensi
// keahlian), its staff, the vacancies it posts for partner companies, the
// graduates it verifies, and the tracer study that asks them 6 and 12
// months after graduation what became of them.
package bkk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Store keeps schools, their staff, graduates and tracer answers.
type Store struct {
	DB  *db.DB
	Now func() time.Time
	// Auth creates the staff accounts an officer adds.
	Auth *auth.Store
	// Vacancies posts a BKK's vacancy as its partner company's own.
	Vacancies *vacancy.Store
	// Employers finds the partner company.
	Employers *employer.Store
	// Notify asks graduates the tracer questions.
	Notify *notify.Store
}

// ErrNotStaff is a bkk user acting for a school they are not staff of: the
// school is then as unknown to them as a missing one.
var ErrNotStaff = fail.New(fail.NotFound, "bkk: not staff of this school")

// School is a registered SMK with its job office.
type School struct {
	ID         int64
	NPSN       string
	Name       string
	Region     string
	Address    string
	Programs   []string
	ProviderID int64 // the same school as a training provider of kind smk; else 0
	CreatedAt  time.Time
}

// SchoolInput is what an officer registers a school with.
type SchoolInput struct {
	NPSN       string
	Name       string
	Region     string
	Address    string
	Programs   []string // kompetensi keahlian, e.g. "Teknik Kendaraan Ringan"
	ProviderID int64
}

// ValidNPSN reports whether s is an NPSN: exactly 8 digits (the national
// school number Kemendikdasmen gives every school).
func ValidNPSN(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// cleanPrograms trims, folds spaces and drops duplicates (case-blind).
func cleanPrograms(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range in {
		for _, part := range strings.Split(p, "\n") {
			part = strings.Join(strings.Fields(part), " ")
			if part == "" || seen[strings.ToLower(part)] {
				continue
			}
			seen[strings.ToLower(part)] = true
			out = append(out, part)
		}
	}
	return out
}

func (s *Store) validateSchool(ctx context.Context, in *SchoolInput) (valid.Errors, error) {
	var errs valid.Errors
	in.NPSN = strings.TrimSpace(in.NPSN)
	if !ValidNPSN(in.NPSN) {
		errs.Add("npsn", "bkk_npsn_invalid")
	}
	in.Name = errs.Line("name", in.Name, 1, 160)
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	in.Address = errs.Address("address", in.Address)
	in.Programs = cleanPrograms(in.Programs)
	switch {
	case len(in.Programs) == 0:
		errs.Add("programs", "bkk_programs_required")
	case len(in.Programs) > 30:
		errs.Add("programs", "bkk_programs_many", "max", 30)
	}
	for _, p := range in.Programs {
		if utf8.RuneCountInString(p) > 100 {
			errs.Add("programs", "too_long", "max", 100)
			break
		}
	}
	if in.ProviderID != 0 {
		// Linking only an SMK provider: a BLK's outcomes are not a school's.
		var kind string
		err := s.DB.QueryRowContext(ctx, `SELECT kind FROM providers WHERE id = ?`, in.ProviderID).Scan(&kind)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("provider %d: %w", in.ProviderID, err)
		}
		if kind != "smk" {
			errs.Add("provider_id", "bkk_provider_not_smk")
		}
	}
	return errs, nil
}

// RegisterSchool registers an SMK's job office (an officer or an admin).
// An NPSN registered already is a field error.
func (s *Store) RegisterSchool(ctx context.Context, u *auth.User, in SchoolInput) (School, error) {
	if err := auth.Require(u, auth.ManageSchools); err != nil {
		return School{}, err
	}
	errs, err := s.validateSchool(ctx, &in)
	if err != nil {
		return School{}, err
	}
	if err := errs.Err(); err != nil {
		return School{}, err
	}
	sc := School{NPSN: in.NPSN, Name: in.Name, Region: in.Region, Address: in.Address, Programs: in.Programs,
		ProviderID: in.ProviderID, CreatedAt: s.Now().UTC()}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := db.InsertID(ctx, tx, `INSERT INTO schools (npsn, name, region, address, provider_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, sc.NPSN, sc.Name, sc.Region, sc.Address, nullID(sc.ProviderID), u.ID, sc.CreatedAt)
		if db.IsUniqueViolation(err) {
			return valid.New("npsn", "bkk_npsn_taken")
		}
		if err != nil {
			return fmt.Errorf("register school: %w", err)
		}
		sc.ID = id
		for _, p := range sc.Programs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO school_programs (school_id, program) VALUES (?, ?)`, id, p); err != nil {
				return fmt.Errorf("school program: %w", err)
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: sc.CreatedAt, ActorID: u.ID, Action: "bkk.school.register",
			SubjectType: "school", SubjectID: id, Detail: sc.NPSN + " " + sc.Name})
	})
	if err != nil {
		return School{}, err
	}
	return sc, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const schoolCols = `id, npsn, name, region, address, COALESCE(provider_id, 0), created_at`

func (s *Store) scanSchools(ctx context.Context, q db.Querier, where string, args ...any) ([]School, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+schoolCols+` FROM schools WHERE `+where+` ORDER BY name, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("schools: %w", err)
	}
	var out []School
	for rows.Next() {
		var sc School
		if err := rows.Scan(&sc.ID, &sc.NPSN, &sc.Name, &sc.Region, &sc.Address, &sc.ProviderID, &sc.CreatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("schools: %w", err)
		}
		out = append(out, sc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("schools: %w", err)
	}
	for i := range out {
		if out[i].Programs, err = s.programs(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) programs(ctx context.Context, q db.Querier, schoolID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT program FROM school_programs WHERE school_id = ? ORDER BY program`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("programs of school %d: %w", schoolID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// School returns the school with NPSN npsn; the public may see it.
func (s *Store) School(ctx context.Context, npsn string) (School, error) {
	if !ValidNPSN(npsn) {
		return School{}, fmt.Errorf("school %q: %w", npsn, db.ErrNotFound)
	}
	ss, err := s.scanSchools(ctx, s.DB, `npsn = ?`, npsn)
	if err != nil {
		return School{}, err
	}
	if len(ss) == 0 {
		return School{}, fmt.Errorf("school %s: %w", npsn, db.ErrNotFound)
	}
	return ss[0], nil
}

// Schools lists every registered school by name.
func (s *Store) Schools(ctx context.Context) ([]School, error) {
	return s.scanSchools(ctx, s.DB, `1 = 1`)
}

// SchoolsOf lists the schools u is BKK staff of.
func (s *Store) SchoolsOf(ctx context.Context, u *auth.User) ([]School, error) {
	if err := auth.Require(u, auth.RunBKK); err != nil {
		return nil, err
	}
	return s.scanSchools(ctx, s.DB, `id IN (SELECT school_id FROM school_staff WHERE user_id = ?)`, u.ID)
}

// staffSchool returns school npsn when u may act for it as BKK staff;
// another school is not found.
func (s *Store) staffSchool(ctx context.Context, u *auth.User, npsn string) (School, error) {
	if err := auth.Require(u, auth.RunBKK); err != nil {
		return School{}, err
	}
	sc, err := s.School(ctx, npsn)
	if err != nil {
		return School{}, err
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM school_staff WHERE school_id = ? AND user_id = ?`,
		sc.ID, u.ID).Scan(&n); err != nil {
		return School{}, fmt.Errorf("staff of school %d: %w", sc.ID, err)
	}
	if n == 0 {
		return School{}, fmt.Errorf("school %s, user %d: %w", npsn, u.ID, ErrNotStaff)
	}
	return sc, nil
}

// Staff is a BKK staff account as officers see it.
type Staff struct {
	UserID int64
	Name   string
	Login  string
}

// StaffInput adds a staff account: an existing bkk account by its login,
// or a new one created with Name and Password (the officer hands it over
// at the office, as with training providers' staff).
type StaffInput struct {
	Login    string
	Name     string
	Password string
}

// AddStaff lets a bkk user act for school npsn (an officer or an admin).
// A login that exists must hold the bkk role; a new login becomes a bkk
// account. Adding someone twice changes nothing.
func (s *Store) AddStaff(ctx context.Context, u *auth.User, npsn string, in StaffInput) (Staff, error) {
	if err := auth.Require(u, auth.ManageSchools); err != nil {
		return Staff{}, err
	}
	sc, err := s.School(ctx, npsn)
	if err != nil {
		return Staff{}, err
	}
	login, ok := auth.ParseLogin(strings.TrimSpace(in.Login))
	if !ok {
		return Staff{}, valid.New("login", "login_invalid")
	}
	now := s.Now().UTC()
	var st Staff
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var id int64
		var name string
		err := tx.QueryRowContext(ctx, `SELECT id, name FROM users WHERE email = ? OR phone = ?`,
			login.Email, login.Phone).Scan(&id, &name)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			nu, err := s.Auth.Create(ctx, tx, auth.NewUser{Login: in.Login, Name: in.Name, Password: in.Password,
				Roles: []auth.Role{auth.Bkk}})
			if err != nil {
				return err
			}
			id, name = nu.ID, nu.Name
		case err != nil:
			return fmt.Errorf("staff login: %w", err)
		default:
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM user_roles WHERE user_id = ? AND role = ?`,
				id, string(auth.Bkk)).Scan(&n); err != nil {
				return fmt.Errorf("roles of user %d: %w", id, err)
			}
			if n == 0 {
				return valid.New("login", "bkk_staff_not_bkk")
			}
		}
		st = Staff{UserID: id, Name: name, Login: login.Email + login.Phone}
		res, err := tx.ExecContext(ctx, `INSERT INTO school_staff (school_id, user_id, added_by, added_at)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, sc.ID, id, u.ID, now)
		if err != nil {
			return fmt.Errorf("add staff: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "bkk.staff.add",
			SubjectType: "school", SubjectID: sc.ID, Detail: "user " + strconv.FormatInt(id, 10)})
	})
	return st, err
}

// RegisteredSchool is a school with its staff, as officers see it.
type RegisteredSchool struct {
	School
	Staff []Staff
}

// Registry lists every school with its staff (officers and admins).
func (s *Store) Registry(ctx context.Context, u *auth.User) ([]RegisteredSchool, error) {
	if err := auth.Require(u, auth.ManageSchools); err != nil {
		return nil, err
	}
	ss, err := s.Schools(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT st.school_id, u.id, u.name, COALESCE(u.email, u.phone, '')
		FROM school_staff st JOIN users u ON u.id = st.user_id ORDER BY u.name, u.id`)
	if err != nil {
		return nil, fmt.Errorf("school staff: %w", err)
	}
	defer rows.Close()
	staff := map[int64][]Staff{}
	for rows.Next() {
		var id int64
		var st Staff
		if err := rows.Scan(&id, &st.UserID, &st.Name, &st.Login); err != nil {
			return nil, fmt.Errorf("school staff: %w", err)
		}
		staff[id] = append(staff[id], st)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]RegisteredSchool, len(ss))
	for i, sc := range ss {
		out[i] = RegisteredSchool{School: sc, Staff: staff[sc.ID]}
	}
	return out, nil
}
