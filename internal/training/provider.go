package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

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
	in.Name = errs.Line("name", in.Name, 1, 160)
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	in.Address = errs.Address("address", in.Address)
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

// CreateProvider registers a provider; actorID must be an officer or an
// administrator (ManageProviders).
func (s *Store) CreateProvider(ctx context.Context, actorID int64, in ProviderInput) (Provider, error) {
	if err := s.manageProvidersAs(ctx, actorID); err != nil {
		return Provider{}, err
	}
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

// manageProvidersAs checks that actorID may register providers and their
// staff.
func (s *Store) manageProvidersAs(ctx context.Context, actorID int64) error {
	a, err := actorByID(ctx, s.DB, actorID)
	if err != nil {
		return err
	}
	return a.need(auth.ManageProviders)
}

// AddStaff lets userID act for the provider; actorID must be an officer or
// an administrator. The user must hold the lembaga role; adding someone
// twice changes nothing.
func (s *Store) AddStaff(ctx context.Context, actorID, providerID, userID int64) error {
	if err := s.manageProvidersAs(ctx, actorID); err != nil {
		return err
	}
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

// IsStaff reports whether userID is linked to the provider as its staff.
func (s *Store) IsStaff(ctx context.Context, providerID, userID int64) (bool, error) {
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM provider_staff WHERE provider_id = ? AND user_id = ?`,
		providerID, userID).Scan(&n); err != nil {
		return false, fmt.Errorf("staff of provider %d: %w", providerID, err)
	}
	return n > 0, nil
}

// manageAs checks that actorID may keep the provider's programs, rosters
// and course records.
func (s *Store) manageAs(ctx context.Context, q db.Querier, actorID, providerID int64) error {
	a, err := actorByID(ctx, q, actorID)
	if err != nil {
		return err
	}
	return a.manage(providerID)
}

// Staff is a provider's staff account as officers see it.
type Staff struct {
	UserID int64
	Name   string
	Login  string // email, or the phone number
}

// staff lists the staff of the providers matching where (a condition on
// provider_staff ps), by provider, each by name.
func (s *Store) staff(ctx context.Context, where string, args ...any) (map[int64][]Staff, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT ps.provider_id, u.id, u.name, COALESCE(u.email, u.phone, '') FROM provider_staff ps
		JOIN users u ON u.id = ps.user_id WHERE `+where+` ORDER BY u.name, u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("provider staff: %w", err)
	}
	defer rows.Close()
	out := map[int64][]Staff{}
	for rows.Next() {
		var providerID int64
		var st Staff
		if err := rows.Scan(&providerID, &st.UserID, &st.Name, &st.Login); err != nil {
			return nil, fmt.Errorf("provider staff: %w", err)
		}
		out[providerID] = append(out[providerID], st)
	}
	return out, rows.Err()
}

// RegisteredProvider is a provider with its staff, as officers see it.
type RegisteredProvider struct {
	Provider
	Staff []Staff
}

// ProviderRegistry lists every provider with its staff, for those who may
// register providers.
func (s *Store) ProviderRegistry(ctx context.Context, u *auth.User) ([]RegisteredProvider, error) {
	if err := s.MayManageProviders(u); err != nil {
		return nil, err
	}
	ps, err := s.Providers(ctx)
	if err != nil {
		return nil, err
	}
	staff, err := s.staff(ctx, `1 = 1`)
	if err != nil {
		return nil, err
	}
	out := make([]RegisteredProvider, len(ps))
	for i, p := range ps {
		out[i] = RegisteredProvider{Provider: p, Staff: staff[p.ID]}
	}
	return out, nil
}

// ListedProvider is a provider in the public list; Staff says the viewer
// acts for it.
type ListedProvider struct {
	Provider
	Staff bool
}

// ProviderDirectory lists every provider by name, marking those u acts for.
func (s *Store) ProviderDirectory(ctx context.Context, u *auth.User) ([]ListedProvider, error) {
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return nil, err
	}
	ps, err := s.Providers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ListedProvider, len(ps))
	for i, p := range ps {
		out[i] = ListedProvider{Provider: p, Staff: a.staff[p.ID]}
	}
	return out, nil
}

// ProvidersOf lists the providers u acts for, none for a lembaga user not
// linked to any yet; ErrRole for other roles.
func (s *Store) ProvidersOf(ctx context.Context, u *auth.User) ([]Provider, error) {
	if err := (actor{user: u}).need(auth.ManageTraining); err != nil {
		return nil, err
	}
	return s.ProvidersForUser(ctx, u.ID)
}

// ProvidersToRun is ProvidersOf for the forms that add a program or open a
// round: a lembaga user linked to no provider has nothing to add them to.
func (s *Store) ProvidersToRun(ctx context.Context, u *auth.User) ([]Provider, error) {
	ps, err := s.ProvidersOf(ctx, u)
	if err == nil && len(ps) == 0 {
		err = fmt.Errorf("user %d acts for no provider: %w", u.ID, ErrRole)
	}
	return ps, err
}
