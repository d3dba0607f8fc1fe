package training

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
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Provider kinds.
const (
	BLK      = "blk"      // Balai Latihan Kerja, public
	LPK      = "lpk"      // Lembaga Pelatihan Kerja, private
	SMK      = "smk"      // vocational senior secondary school
	Industri = "industri" // industry training centre of a verified employer
)

// Kinds lists the provider kinds.
var Kinds = []string{BLK, LPK, SMK, Industri}

// Provider is a training provider.
type Provider struct {
	ID         int64
	Kind       string
	Name       string
	Region     string
	Address    string
	EmployerID int64 // the employer an industri provider belongs to; else 0
	CreatedAt  time.Time
}

// ProviderInput is what an officer registers a provider with.
type ProviderInput struct {
	Kind       string
	Name       string
	Region     string
	Address    string
	EmployerID int64 // required for industri, not allowed otherwise
}

// verifiedEmployer reports whether employer id exists and is verified.
func verifiedEmployer(ctx context.Context, q db.Querier, id int64) (bool, error) {
	var status string
	err := q.QueryRowContext(ctx, `SELECT status FROM employers WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("employer %d: %w", id, err)
	}
	return status == employer.Verified, nil
}

func (s *Store) validateProvider(ctx context.Context, in *ProviderInput) (valid.Errors, error) {
	var errs valid.Errors
	if !contains(Kinds, in.Kind) {
		errs.Add("kind", "choose_one")
	}
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		errs.Add("name", "required")
	case n > 160:
		errs.Add("name", "too_long", "max", 160)
	}
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	in.Address = strings.TrimSpace(in.Address)
	if utf8.RuneCountInString(in.Address) < 10 {
		errs.Add("address", "address_short")
	} else if utf8.RuneCountInString(in.Address) > 300 {
		errs.Add("address", "too_long", "max", 300)
	}
	switch {
	case in.Kind == Industri && in.EmployerID == 0:
		errs.Add("employer", "provider_employer_required")
	case in.Kind == Industri:
		ok, err := verifiedEmployer(ctx, s.DB, in.EmployerID)
		if err != nil {
			return nil, err
		}
		if !ok {
			errs.Add("employer", "partner_not_verified")
		}
	case in.EmployerID != 0:
		// Only an industry training centre is a company's own; tying a BLK
		// or LPK to an employer would count its hires as the provider's.
		errs.Add("employer", "provider_employer_industri")
	}
	return errs, nil
}

// CreateProvider registers a provider; actorID is the officer doing it (the
// caller checks they may).
func (s *Store) CreateProvider(ctx context.Context, actorID int64, in ProviderInput) (Provider, error) {
	errs, err := s.validateProvider(ctx, &in)
	if err != nil {
		return Provider{}, err
	}
	if err := errs.Err(); err != nil {
		return Provider{}, err
	}
	p := Provider{Kind: in.Kind, Name: in.Name, Region: in.Region, Address: in.Address, EmployerID: in.EmployerID,
		CreatedAt: s.Now().UTC()}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := db.InsertID(ctx, tx, `INSERT INTO providers (kind, name, region, address, employer_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.Kind, p.Name, p.Region, p.Address, nullID(p.EmployerID), nullID(actorID), p.CreatedAt)
		if err != nil {
			return fmt.Errorf("create provider: %w", err)
		}
		p.ID = id
		return audit.Record(ctx, tx, audit.Entry{At: p.CreatedAt, ActorID: actorID, Action: "training.provider.create",
			SubjectType: "provider", SubjectID: id, Detail: p.Kind + " " + p.Name})
	})
	if err != nil {
		return Provider{}, err
	}
	return p, nil
}

const providerCols = `p.id, p.kind, p.name, p.region, p.address, COALESCE(p.employer_id, 0), p.created_at`

func scanProvider(sc interface{ Scan(...any) error }) (Provider, error) {
	var p Provider
	err := sc.Scan(&p.ID, &p.Kind, &p.Name, &p.Region, &p.Address, &p.EmployerID, &p.CreatedAt)
	return p, err
}

// Provider returns provider id.
func (s *Store) Provider(ctx context.Context, id int64) (Provider, error) {
	p, err := scanProvider(s.DB.QueryRowContext(ctx, `SELECT `+providerCols+` FROM providers p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Provider{}, fmt.Errorf("provider %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Provider{}, fmt.Errorf("provider %d: %w", id, err)
	}
	return p, nil
}

func (s *Store) providers(ctx context.Context, what, query string, args ...any) ([]Provider, error) {
	rows, err := s.DB.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Provider
	for rows.Next() {
		p, err := scanProvider(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// Providers lists every provider by name.
func (s *Store) Providers(ctx context.Context) ([]Provider, error) {
	return s.providers(ctx, "list providers", `SELECT `+providerCols+` FROM providers p ORDER BY p.name, p.id`)
}

// ProvidersForUser lists the providers userID is staff of.
func (s *Store) ProvidersForUser(ctx context.Context, userID int64) ([]Provider, error) {
	return s.providers(ctx, "providers of user "+strconv.FormatInt(userID, 10), `SELECT `+providerCols+`
		FROM providers p JOIN provider_staff ps ON ps.provider_id = p.id
		WHERE ps.user_id = ? ORDER BY p.name, p.id`, userID)
}

// AddStaff lets userID act for the provider. The user must hold the lembaga
// role; adding someone twice changes nothing.
func (s *Store) AddStaff(ctx context.Context, actorID, providerID, userID int64) error {
	if _, err := s.Provider(ctx, providerID); err != nil {
		return err
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM user_roles WHERE user_id = ? AND role = ?`,
		userID, string(auth.Lembaga)).Scan(&n); err != nil {
		return fmt.Errorf("roles of user %d: %w", userID, err)
	}
	if n == 0 {
		return valid.New("user", "staff_not_lembaga")
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO provider_staff (provider_id, user_id, added_by, added_at)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, providerID, userID, nullID(actorID), now)
		if err != nil {
			return fmt.Errorf("add staff %d to provider %d: %w", userID, providerID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.staff.add",
			SubjectType: "provider", SubjectID: providerID, Detail: "user " + strconv.FormatInt(userID, 10)})
	})
}

// IsStaff reports whether userID acts for the provider.
func (s *Store) IsStaff(ctx context.Context, providerID, userID int64) (bool, error) {
	return isStaff(ctx, s.DB, providerID, userID)
}

func isStaff(ctx context.Context, q db.Querier, providerID, userID int64) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM provider_staff WHERE provider_id = ? AND user_id = ?`,
		providerID, userID).Scan(&n); err != nil {
		return false, fmt.Errorf("staff of provider %d: %w", providerID, err)
	}
	return n > 0, nil
}

// mustBeStaff returns ErrNotStaff unless userID acts for the provider.
func mustBeStaff(ctx context.Context, q db.Querier, providerID, userID int64) error {
	ok, err := isStaff(ctx, q, providerID, userID)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("user %d, provider %d: %w", userID, providerID, ErrNotStaff)
	}
	return nil
}

// Staff is a provider's staff account as officers see it.
type Staff struct {
	UserID int64
	Name   string
	Login  string // email, or the phone number
}

// StaffOf lists a provider's staff.
func (s *Store) StaffOf(ctx context.Context, providerID int64) ([]Staff, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT u.id, u.name, COALESCE(u.email, u.phone, '') FROM provider_staff ps
		JOIN users u ON u.id = ps.user_id WHERE ps.provider_id = ? ORDER BY u.name`, providerID)
	if err != nil {
		return nil, fmt.Errorf("staff of provider %d: %w", providerID, err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		var st Staff
		if err := rows.Scan(&st.UserID, &st.Name, &st.Login); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
