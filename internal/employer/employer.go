// Package employer keeps the companies that post vacancies and their
// verification by a labor-office officer: only verified employers' vacancies
// are public, which is what keeps fake "employers" (brokers) out.
package employer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Verification statuses.
const (
	Pending  = "menunggu"
	Verified = "terverifikasi"
	Rejected = "ditolak"
)

// Size classes (PP 7/2021). Micro and small businesses may pay below the UMK
// by agreement (PP 36/2021 as amended), so the wage floor depends on this.
const (
	Mikro    = "mikro"
	Kecil    = "kecil"
	Menengah = "menengah"
	Besar    = "besar"
)

// SizeClasses in order.
var SizeClasses = []string{Mikro, Kecil, Menengah, Besar}

// Employer is a registered company.
type Employer struct {
	ID           int64
	OwnerID      int64
	Name         string
	NIB          string
	KBLISection  string
	KBLIVersion  string
	SizeClass    string
	Region       string
	District     string
	Address      string
	ContactName  string
	ContactPhone string
	ContactEmail string
	Status       string
	StatusReason string
	DecidedAt    time.Time
	CreatedAt    time.Time
	// Workforce: ownership and declared workers (workforce.go).
	Workforce
}

// MayPublish says whether the company's vacancies may go public: only once
// an officer verified it. Until then they are kept as drafts.
func (e Employer) MayPublish() bool { return e.Status == Verified }

// MaySkipUMK reports whether the employer may offer wages below the UMK by
// agreement with its workers (micro and small businesses only).
func (e Employer) MaySkipUMK() bool { return e.SizeClass == Mikro || e.SizeClass == Kecil }

// Input is what an employer registers with.
type Input struct {
	Name         string
	NIB          string
	KBLISection  string
	SizeClass    string
	Region       string
	District     string
	Address      string
	ContactName  string
	ContactPhone string
	ContactEmail string
}

// Store keeps employers.
type Store struct {
	DB  *db.DB
	Now func() time.Time
}

func (in *Input) validate() valid.Errors {
	var errs valid.Errors
	in.Name = errs.Line("name", in.Name, 1, 160)
	in.NIB = strings.ReplaceAll(strings.TrimSpace(in.NIB), " ", "")
	if len(in.NIB) != 13 || strings.Trim(in.NIB, "0123456789") != "" {
		errs.Add("nib", "nib_invalid")
	}
	in.KBLISection = strings.ToUpper(strings.TrimSpace(in.KBLISection))
	if _, ok := ref.KBLISectionByCode(in.KBLISection); !ok {
		errs.Add("kbli", "kbli_invalid")
	}
	if !contains(SizeClasses, in.SizeClass) {
		errs.Add("size", "choose_one")
	}
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	if in.District != "" {
		found := false
		for _, d := range ref.Districts(in.Region) {
			found = found || d.Code == in.District
		}
		if !found {
			errs.Add("district", "district_invalid")
		}
	}
	in.Address = errs.Address("address", in.Address)
	in.ContactName = strings.TrimSpace(in.ContactName)
	if in.ContactName == "" {
		errs.Add("contact_name", "required")
	}
	if p, ok := auth.NormalizePhone(in.ContactPhone); ok {
		in.ContactPhone = p
	} else {
		errs.Add("contact_phone", "phone_invalid")
	}
	if in.ContactEmail != "" {
		if e, ok := auth.NormalizeEmail(in.ContactEmail); ok {
			in.ContactEmail = e
		} else {
			errs.Add("contact_email", "email_invalid")
		}
	}
	return errs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Register records a new employer owned by ownerID, waiting for verification.
func (s *Store) Register(ctx context.Context, q db.Querier, ownerID int64, in Input) (Employer, error) {
	if err := in.validate().Err(); err != nil {
		return Employer{}, err
	}
	e := Employer{OwnerID: ownerID, Name: in.Name, NIB: in.NIB, KBLISection: in.KBLISection, KBLIVersion: "2020",
		SizeClass: in.SizeClass, Region: in.Region, District: in.District, Address: in.Address,
		ContactName: in.ContactName, ContactPhone: in.ContactPhone, ContactEmail: in.ContactEmail,
		Status: Pending, CreatedAt: s.Now().UTC()}
	id, err := db.InsertID(ctx, q, `INSERT INTO employers (owner_id, name, nib, kbli_section, kbli_version, size_class,
		region, district, address, contact_name, contact_phone, contact_email, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.OwnerID, e.Name, e.NIB, e.KBLISection, e.KBLIVersion, e.SizeClass, e.Region, e.District, e.Address,
		e.ContactName, e.ContactPhone, e.ContactEmail, e.Status, e.CreatedAt)
	if db.IsUniqueViolation(err) {
		return Employer{}, valid.New("nib", "nib_taken")
	}
	if err != nil {
		return Employer{}, fmt.Errorf("register employer: %w", err)
	}
	e.ID = id
	return e, nil
}

const cols = `id, owner_id, name, nib, kbli_section, kbli_version, size_class, region, district, address,
	contact_name, contact_phone, contact_email, status, status_reason, decided_at, created_at` + workforceCols

func scan(sc interface{ Scan(...any) error }) (Employer, error) {
	var e Employer
	var decided, on sql.NullTime
	err := sc.Scan(&e.ID, &e.OwnerID, &e.Name, &e.NIB, &e.KBLISection, &e.KBLIVersion, &e.SizeClass, &e.Region,
		&e.District, &e.Address, &e.ContactName, &e.ContactPhone, &e.ContactEmail, &e.Status, &e.StatusReason,
		&decided, &e.CreatedAt, &e.Ownership, &e.Employees, &e.DisabledEmployees, &on)
	e.DecidedAt, e.DeclaredOn = decided.Time, on.Time
	return e, err
}

// Get returns employer id.
func (s *Store) Get(ctx context.Context, id int64) (Employer, error) {
	e, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM employers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Employer{}, fmt.Errorf("employer %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Employer{}, fmt.Errorf("employer %d: %w", id, err)
	}
	return e, nil
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]Employer, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM employers WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list employers: %w", err)
	}
	defer rows.Close()
	var out []Employer
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("list employers: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ByOwner lists the employers a user registered.
func (s *Store) ByOwner(ctx context.Context, ownerID int64) ([]Employer, error) {
	return s.list(ctx, `owner_id = ? ORDER BY id`, ownerID)
}

// ForOwner returns the company an HR user manages (the first they
// registered), or ok=false when they have none yet.
func (s *Store) ForOwner(ctx context.Context, ownerID int64) (Employer, bool, error) {
	es, err := s.ByOwner(ctx, ownerID)
	if err != nil || len(es) == 0 {
		return Employer{}, false, err
	}
	return es[0], true, nil
}

// Pending lists employers waiting for verification, oldest first.
func (s *Store) Pending(ctx context.Context, limit int) ([]Employer, error) {
	return s.list(ctx, `status = ? ORDER BY created_at, id LIMIT ?`, Pending, limit)
}

// Decide verifies (verify=true) or rejects an employer. A rejection needs a
// reason, which the employer sees. The decision is audited. It trusts
// officerID (tools and tests); the doors call DecideAs, which checks the role.
func (s *Store) Decide(ctx context.Context, id, officerID int64, verify bool, reason string) error {
	reason = strings.TrimSpace(reason)
	status := Verified
	if !verify {
		status = Rejected
		if reason == "" {
			return valid.New("reason", "reason_required")
		}
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		now := s.Now().UTC()
		res, err := tx.ExecContext(ctx, `UPDATE employers SET status = ?, status_reason = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
			status, reason, officerID, now, id)
		if err != nil {
			return fmt.Errorf("decide employer %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("employer %d: %w", id, db.ErrNotFound)
		}
		if !verify {
			// A rejected employer's vacancies leave the public list at once:
			// the vacancy search relies on published implying verified. Each
			// closing is a public record.
			rows, err := tx.QueryContext(ctx, `SELECT id FROM vacancies WHERE employer_id = ? AND status = 'published' ORDER BY id`, id)
			if err != nil {
				return fmt.Errorf("vacancies of employer %d: %w", id, err)
			}
			var entries []ledger.Entry
			for rows.Next() {
				var vid int64
				if err := rows.Scan(&vid); err != nil {
					rows.Close()
					return err
				}
				entries = append(entries, ledger.Entry{Kind: ledger.VacancyClosed, At: now,
					Fields: map[string]any{"vacancy_id": vid, "employer_id": id, "reason": "employer_rejected"}})
			}
			rows.Close()
			if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET status = 'closed', closed_at = ?, updated_at = ?
				WHERE employer_id = ? AND status = 'published'`, now, now, id); err != nil {
				return fmt.Errorf("close vacancies of employer %d: %w", id, err)
			}
			if len(entries) > 0 {
				if _, err := ledger.Append(ctx, tx, entries...); err != nil {
					return err
				}
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET updated_at = ? WHERE employer_id = ?`, now, id); err != nil {
			// Verification makes published vacancies public: indexes that
			// follow updated_at must see them change.
			return fmt.Errorf("touch vacancies of employer %d: %w", id, err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: officerID, Action: "employer." + status,
			SubjectType: "employer", SubjectID: id, Detail: reason})
	})
}
