package umkm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Business is one registered business.
type Business struct {
	ID             int64
	NIB            string
	Name           string
	KBLI           string
	KBLISection    string
	KBLIVersion    string
	Region         string
	OwnerName      string
	OwnerBirthYear int // 0: not declared
	OwnerID        int64
	EmployerID     int64
	Class          string
	CreatedAt      time.Time
	salt           string
}

// Declaration is a business's figures for one year and the class they give.
type Declaration struct {
	Year        int
	Capital     int64
	AnnualSales int64
	Workers     int
	Evidence    string // empty: the owner's word, no document named
	Class       string
	Basis       Basis
	At          time.Time
}

// Move is a class a business was given: the first at registration (From
// empty), then each change.
type Move struct {
	Year    int
	From    string
	To      string
	Up      bool
	At      time.Time
	LedgerN int64
}

// Input registers a business with its figures for Year.
type Input struct {
	NIB            string
	Name           string
	KBLI           string
	Region         string
	OwnerName      string // default: the registering user's name, when they are the owner
	OwnerBirthYear int
	Capital        int64
	AnnualSales    int64
	Workers        int
	Year           int    // default: this year
	Evidence       string // e.g. "laporan keuangan 2026"; optional at registration
}

// DeclarationInput is a yearly declaration.
type DeclarationInput struct {
	Year        int
	Capital     int64
	AnnualSales int64
	Workers     int
	Evidence    string
}

func (s *Store) checkFigures(errs *valid.Errors, in *DeclarationInput, evidenceRequired bool) {
	if in.Year == 0 {
		in.Year = s.Year()
	}
	if in.Year < FirstYear || in.Year > s.Year() {
		errs.Add("year", "umkm_year_range", "min", FirstYear, "max", s.Year())
	}
	amount(errs, "capital", in.Capital)
	amount(errs, "annual_sales", in.AnnualSales)
	if in.Capital == 0 && in.AnnualSales == 0 && len(*errs) == 0 {
		// Nothing to class by: one of the two must be declared.
		errs.Add("capital", "umkm_figures_missing")
	}
	if in.Workers < 0 || in.Workers > 1_000_000 {
		errs.Add("workers", "umkm_amount_invalid")
	}
	lo := 0
	if evidenceRequired {
		lo = 3
	}
	in.Evidence = errs.Text("evidence", in.Evidence, lo, 200)
}

// Register puts a business in the registry with its first declaration. A
// signed-in person registers the business they own (they become its
// owner); an officer of the cooperatives/SME office registers one for its
// owner (owner_name required). A NIB registered before is a conflict,
// except for its own owner registering it again: that updates the
// registration and declares the year's figures. The NIB is 13 digits (OSS); the KBLI a
// section letter or a 2–5 digit code of KBLI 2020. When the user already
// has an employer account with the same NIB, the business is linked to it,
// so its vacancies and placements count in the figures.
func (s *Store) Register(ctx context.Context, u *auth.User, in Input) (Business, error) {
	if err := auth.Require(u, auth.RegisterUMKM); err != nil {
		return Business{}, err
	}
	var errs valid.Errors
	b := Business{}
	b.NIB = strings.ReplaceAll(strings.TrimSpace(in.NIB), " ", "")
	if len(b.NIB) != 13 || strings.Trim(b.NIB, "0123456789") != "" {
		errs.Add("nib", "nib_invalid")
	}
	b.Name = errs.Text("name", in.Name, 1, 160)
	code, sec, ok := ref.KBLICode(in.KBLI)
	if !ok {
		errs.Add("kbli", "kbli_invalid")
	}
	b.KBLI, b.KBLISection, b.KBLIVersion = code, sec.Code, sec.Version
	b.Region = strings.TrimSpace(in.Region)
	if _, ok := ref.RegionByCode(b.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	self := !officer(u)
	owner := in.OwnerName
	if strings.TrimSpace(owner) == "" && self {
		owner = u.Name
	}
	b.OwnerName = errs.Text("owner_name", owner, 1, 160)
	b.OwnerBirthYear = in.OwnerBirthYear
	s.checkBirthYear(&errs, b.OwnerBirthYear)
	d := DeclarationInput{Year: in.Year, Capital: in.Capital, AnnualSales: in.AnnualSales, Workers: in.Workers, Evidence: in.Evidence}
	s.checkFigures(&errs, &d, false)
	if err := errs.Err(); err != nil {
		return Business{}, err
	}
	if self {
		b.OwnerID = u.ID
	}
	b.salt = ledger.Salt()
	now := s.Now().UTC()
	b.CreatedAt = now
	b.Class, _ = Classify(d.Capital, d.AnnualSales)
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		old, err := scanBusiness(tx.QueryRowContext(ctx, `SELECT `+businessCols+` FROM umkm_businesses WHERE nib = ?`, b.NIB))
		switch {
		case err == nil && self && old.OwnerID == u.ID:
			// The owner registering their NIB again (a form sent twice, a
			// client retrying): the registration is updated and the
			// figures declared for the year, as a declaration would.
			if _, err := tx.ExecContext(ctx, `UPDATE umkm_businesses SET name = ?, kbli = ?, kbli_section = ?, kbli_version = ?,
				region = ?, owner_name = ?, owner_birth_year = COALESCE(?, owner_birth_year), updated_at = ? WHERE id = ?`,
				b.Name, b.KBLI, b.KBLISection, b.KBLIVersion, b.Region, b.OwnerName, nullInt(int64(b.OwnerBirthYear)), now, old.ID); err != nil {
				return fmt.Errorf("register business %s again: %w", b.NIB, err)
			}
			old.Region, old.KBLISection = b.Region, b.KBLISection
			if _, err := declareTx(ctx, tx, old, d, u.ID, now); err != nil {
				return err
			}
			b, err = scanBusiness(tx.QueryRowContext(ctx, `SELECT `+businessCols+` FROM umkm_businesses WHERE id = ?`, old.ID))
			return err
		case err == nil:
			return fmt.Errorf("register business %s: %w", b.NIB, ErrNIBTaken)
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("register business: %w", err)
		}
		// The employer account of the same NIB, if this user runs it (an
		// officer links to whichever has it).
		q, args := `SELECT id FROM employers WHERE nib = ? AND owner_id = ? ORDER BY id LIMIT 1`, []any{b.NIB, u.ID}
		if !self {
			q, args = `SELECT id FROM employers WHERE nib = ? ORDER BY id LIMIT 1`, []any{b.NIB}
		}
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&b.EmployerID); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("register business: employer: %w", err)
		}
		id, err := db.InsertID(ctx, tx, `INSERT INTO umkm_businesses (nib, name, kbli, kbli_section, kbli_version, region, owner_name,
			owner_birth_year, owner_id, employer_id, class, ledger_salt, registered_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.NIB, b.Name, b.KBLI, b.KBLISection, b.KBLIVersion, b.Region, b.OwnerName, nullInt(int64(b.OwnerBirthYear)),
			nullInt(b.OwnerID), nullInt(b.EmployerID), b.Class, b.salt, u.ID, now, now)
		if err != nil {
			if db.IsUniqueViolation(err) {
				return fmt.Errorf("register business %s: %w", b.NIB, ErrNIBTaken)
			}
			return fmt.Errorf("register business: %w", err)
		}
		b.ID = id
		if err := insertDeclaration(ctx, tx, b.ID, d, b.Class, u.ID, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO umkm_class_moves (business_id, year, from_class, to_class, rank_change, at)
			VALUES (?, ?, '', ?, 0, ?)`, b.ID, d.Year, b.Class, now)
		return err
	})
	if err != nil {
		return Business{}, err
	}
	return b, nil
}

func (s *Store) checkBirthYear(errs *valid.Errors, y int) {
	if y != 0 && (y < s.Year()-90 || y > s.Year()-15) {
		errs.Add("owner_birth_year", "umkm_birth_year")
	}
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func insertDeclaration(ctx context.Context, tx *db.Tx, businessID int64, d DeclarationInput, class string, by int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM umkm_declarations WHERE business_id = ? AND year = ?`, businessID, d.Year); err != nil {
		return fmt.Errorf("declaration: %w", err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO umkm_declarations (business_id, year, capital, annual_sales, workers, evidence, class,
		declared_by, declared_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		businessID, d.Year, d.Capital, d.AnnualSales, d.Workers, d.Evidence, class, by, now)
	if err != nil {
		return fmt.Errorf("declaration: %w", err)
	}
	return nil
}

// Declare records a business's figures for a year, with the evidence named
// (the financial statement, the tax return). The business's class is that
// of its latest year's declaration; when it changes, the move (from, to,
// year) is recorded and appended to the public log in the same
// transaction. A declaration for the same year replaces the earlier one.
// It returns the move, or nil when the class stayed.
func (s *Store) Declare(ctx context.Context, u *auth.User, businessID int64, in DeclarationInput) (*Move, error) {
	if err := auth.Require(u, auth.RegisterUMKM); err != nil {
		return nil, err
	}
	b, err := s.business(ctx, s.DB, u, businessID)
	if err != nil {
		return nil, err
	}
	var errs valid.Errors
	s.checkFigures(&errs, &in, true)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	var move *Move
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if b.EmployerID == 0 {
			// An employer account opened since registration is linked now.
			if err := linkEmployer(ctx, tx, b, officer(u), now); err != nil {
				return err
			}
		}
		var err error
		move, err = declareTx(ctx, tx, b, in, u.ID, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return move, nil
}

// linkEmployer links b to the employer account with its NIB: one its
// owner runs, or for an officer whichever has it.
func linkEmployer(ctx context.Context, tx *db.Tx, b Business, anyOwner bool, now time.Time) error {
	q, args := `SELECT id FROM employers WHERE nib = ? AND owner_id = ? ORDER BY id LIMIT 1`, []any{b.NIB, b.OwnerID}
	if anyOwner {
		q, args = `SELECT id FROM employers WHERE nib = ? ORDER BY id LIMIT 1`, []any{b.NIB}
	}
	var id int64
	err := tx.QueryRowContext(ctx, q, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("business %d: employer: %w", b.ID, err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE umkm_businesses SET employer_id = ?, updated_at = ? WHERE id = ?`, id, now, b.ID)
	return err
}

// declareTx writes a checked declaration of b in tx and, when the class of
// the latest year changes, the move and its public log record.
func declareTx(ctx context.Context, tx *db.Tx, b Business, in DeclarationInput, by int64, now time.Time) (*Move, error) {
	class, _ := Classify(in.Capital, in.AnnualSales)
	if err := insertDeclaration(ctx, tx, b.ID, in, class, by, now); err != nil {
		return nil, err
	}
	var latestYear int
	var latest string
	if err := tx.QueryRowContext(ctx, `SELECT year, class FROM umkm_declarations WHERE business_id = ? ORDER BY year DESC LIMIT 1`,
		b.ID).Scan(&latestYear, &latest); err != nil {
		return nil, fmt.Errorf("declaration: latest: %w", err)
	}
	if latest == b.Class {
		return nil, nil
	}
	m := Move{Year: latestYear, From: b.Class, To: latest, Up: Rank(latest) > Rank(b.Class), At: now}
	if _, err := tx.ExecContext(ctx, `UPDATE umkm_businesses SET class = ?, updated_at = ? WHERE id = ?`, latest, now, b.ID); err != nil {
		return nil, fmt.Errorf("declaration: class: %w", err)
	}
	n, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.UMKMClassMoved, At: now, Fields: map[string]any{
		"business": Commitment(b.salt, b.ID), "region": b.Region, "kbli_section": b.KBLISection,
		"year": m.Year, "from": m.From, "to": m.To}})
	if err != nil {
		return nil, err
	}
	m.LedgerN = n
	if _, err := tx.ExecContext(ctx, `INSERT INTO umkm_class_moves (business_id, year, from_class, to_class, rank_change, at, ledger_n)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, b.ID, m.Year, m.From, m.To, Rank(m.To)-Rank(m.From), now, n); err != nil {
		return nil, fmt.Errorf("declaration: move: %w", err)
	}
	return &m, nil
}

// Commitment is a business's stand-in in public log records; its salt,
// shown on the business's own page, opens it.
func Commitment(salt string, businessID int64) string {
	return ledger.Commit(salt, "umkm", strconv.FormatInt(businessID, 10))
}

const businessCols = `id, nib, name, kbli, kbli_section, kbli_version, region, owner_name, COALESCE(owner_birth_year, 0),
	COALESCE(owner_id, 0), COALESCE(employer_id, 0), class, created_at, ledger_salt`

func scanBusiness(sc interface{ Scan(...any) error }) (Business, error) {
	var b Business
	err := sc.Scan(&b.ID, &b.NIB, &b.Name, &b.KBLI, &b.KBLISection, &b.KBLIVersion, &b.Region, &b.OwnerName, &b.OwnerBirthYear,
		&b.OwnerID, &b.EmployerID, &b.Class, &b.CreatedAt, &b.salt)
	return b, err
}

// business loads a business u may act for: its owner's, or any for an
// officer. Another's is not found, exactly like a missing id.
func (s *Store) business(ctx context.Context, q db.Querier, u *auth.User, id int64) (Business, error) {
	b, err := scanBusiness(q.QueryRowContext(ctx, `SELECT `+businessCols+` FROM umkm_businesses WHERE id = ?`, id))
	if err != nil {
		return Business{}, notFound("business", id, err)
	}
	if !officer(u) && b.OwnerID != u.ID {
		return Business{}, fmt.Errorf("business %d: %w", id, fail.NotFound)
	}
	return b, nil
}

// Mine lists the businesses u owns.
func (s *Store) Mine(ctx context.Context, u *auth.User) ([]Business, error) {
	if err := auth.Require(u, auth.RegisterUMKM); err != nil {
		return nil, err
	}
	return s.list(ctx, `WHERE owner_id = ? ORDER BY name, id`, u.ID)
}

// Filter narrows the officer's list.
type Filter struct {
	Region string
	Class  string
}

// All lists every business for an officer, filtered.
func (s *Store) All(ctx context.Context, u *auth.User, f Filter) ([]Business, error) {
	if err := auth.Require(u, auth.ManageUMKM); err != nil {
		return nil, err
	}
	where, args := []string{"1 = 1"}, []any{}
	if f.Region != "" {
		where, args = append(where, "region = ?"), append(args, f.Region)
	}
	if f.Class != "" {
		where, args = append(where, "class = ?"), append(args, f.Class)
	}
	return s.list(ctx, `WHERE `+strings.Join(where, " AND ")+` ORDER BY region, name, id`, args...)
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]Business, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+businessCols+` FROM umkm_businesses `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("businesses: %w", err)
	}
	defer rows.Close()
	var out []Business
	for rows.Next() {
		b, err := scanBusiness(rows)
		if err != nil {
			return nil, fmt.Errorf("businesses: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// View is what a business's own page shows.
type View struct {
	Business
	// Salt opens the business's commitment in the public log.
	Salt         string
	Declarations []Declaration // latest year first
	Moves        []Move        // oldest first
	Applications []Application
	Milestones   []Milestone
	// Open lists the programs taking applications that this business may
	// apply to now (eligible, not yet applied).
	Open []Program
	// Jobs posted and filled through the linked employer account.
	Vacancies, Placements int
}

// Application is a business's application to a program.
type Application struct {
	ProgramID    int64
	ProgramTitle string
	Kind         string
	Result       string // "" while waiting, "diterima", "tidak"
	AppliedAt    time.Time
	Allocated    bool
}

// Get is a business with its history, for its owner or an officer.
func (s *Store) Get(ctx context.Context, u *auth.User, id int64) (View, error) {
	if err := auth.Require(u, auth.RegisterUMKM); err != nil {
		return View{}, err
	}
	b, err := s.business(ctx, s.DB, u, id)
	if err != nil {
		return View{}, err
	}
	v := View{Business: b, Salt: b.salt}
	rows, err := s.DB.QueryContext(ctx, `SELECT year, capital, annual_sales, workers, evidence, class, declared_at
		FROM umkm_declarations WHERE business_id = ? ORDER BY year DESC`, id)
	if err != nil {
		return v, fmt.Errorf("business %d: declarations: %w", id, err)
	}
	for rows.Next() {
		var d Declaration
		if err := rows.Scan(&d.Year, &d.Capital, &d.AnnualSales, &d.Workers, &d.Evidence, &d.Class, &d.At); err != nil {
			rows.Close()
			return v, err
		}
		_, d.Basis = Classify(d.Capital, d.AnnualSales)
		v.Declarations = append(v.Declarations, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("business %d: declarations: %w", id, err)
	}
	if v.Moves, err = s.moves(ctx, id); err != nil {
		return v, err
	}
	if v.Applications, err = s.applications(ctx, id); err != nil {
		return v, err
	}
	if v.Milestones, err = s.milestones(ctx, id); err != nil {
		return v, err
	}
	if v.Open, err = s.openFor(ctx, b, v.Applications); err != nil {
		return v, err
	}
	if b.EmployerID != 0 {
		if err := s.DB.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM vacancies WHERE employer_id = ? AND published_at IS NOT NULL),
			(SELECT count(*) FROM placements WHERE employer_id = ?)`, b.EmployerID, b.EmployerID).Scan(&v.Vacancies, &v.Placements); err != nil {
			return v, fmt.Errorf("business %d: jobs: %w", id, err)
		}
	}
	return v, nil
}

func (s *Store) moves(ctx context.Context, id int64) ([]Move, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT year, from_class, to_class, rank_change, at, COALESCE(ledger_n, -1)
		FROM umkm_class_moves WHERE business_id = ? ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("business %d: moves: %w", id, err)
	}
	defer rows.Close()
	var out []Move
	for rows.Next() {
		var m Move
		var rank int
		if err := rows.Scan(&m.Year, &m.From, &m.To, &rank, &m.At, &m.LedgerN); err != nil {
			return nil, err
		}
		m.Up = rank > 0
		out = append(out, m)
	}
	return out, rows.Err()
}
