package umkm

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Kinds of assistance (the support lines of the province's UMKM policy).
const (
	KindCapital       = "modal"       // credit such as KUR, grants
	KindCertification = "sertifikasi" // halal, PIRT, BPOM, SNI
	KindMarketing     = "pemasaran"   // e-katalog, exhibitions (pameran)
	KindTraining      = "pelatihan"
)

// Kinds in the order pages show them.
var Kinds = []string{KindCapital, KindCertification, KindMarketing, KindTraining}

// Results of an application.
const (
	Admitted = "diterima"
	Refused  = "tidak"
)

// seedContext binds a sealed seed to its column.
const seedContext = "umkm_programs.seed"

// Program is an assistance program.
type Program struct {
	ID          int64
	Kind        string
	Title       string
	Description string
	Organizer   string
	Seats       int      // 0: no limit
	Classes     []string // eligible classes; empty: all
	Regions     []string // eligible regencies; empty: all Banten
	YouthTag    string   // a youth program's tag; empty: none
	ClosesAt    time.Time
	SeedHash    string
	Seed        string // hex, shown once allocated
	AllocatedAt time.Time
	Applicants  int
	AdmittedN   int
	LedgerN     int64
	AllocN      int64 // the allocation's log record; -1 before
}

// Open reports whether the program takes applications at now.
func (p Program) Open(now time.Time) bool { return p.AllocatedAt.IsZero() && now.Before(p.ClosesAt) }

// Allocated reports whether the seats were allocated.
func (p Program) Allocated() bool { return !p.AllocatedAt.IsZero() }

// Eligible says whether a business of class and region may apply; the
// youth condition is checked apart (it needs the owner's age).
func (p Program) Eligible(class, region string) bool {
	return (len(p.Classes) == 0 || slices.Contains(p.Classes, class)) && (len(p.Regions) == 0 || slices.Contains(p.Regions, region))
}

// ProgramInput is a new program.
type ProgramInput struct {
	Kind        string
	Title       string
	Description string
	Organizer   string
	Seats       int
	Classes     []string
	Regions     []string
	YouthTag    string
	ClosesOn    string // YYYY-MM-DD: applications close at the end of that day, WIB
}

// CreateProgram opens an assistance program (officers of the cooperatives/
// SME office). Its lottery seed is drawn now, sealed, and its hash
// published in the log with the program's rules, so the draw is fixed
// before anyone applies.
func (s *Store) CreateProgram(ctx context.Context, u *auth.User, in ProgramInput) (Program, error) {
	if err := auth.Require(u, auth.ManageUMKM); err != nil {
		return Program{}, err
	}
	var errs valid.Errors
	p := Program{Kind: strings.TrimSpace(in.Kind), Seats: in.Seats, YouthTag: strings.TrimSpace(in.YouthTag)}
	if !slices.Contains(Kinds, p.Kind) {
		errs.Add("kind", "choose_one")
	}
	p.Title = errs.Text("title", in.Title, 5, 200)
	p.Description = errs.Text("description", in.Description, 0, 4000)
	p.Organizer = errs.Text("organizer", in.Organizer, 2, 200)
	if p.Seats < 0 || p.Seats > 100_000 {
		errs.Add("seats", "umkm_seats_range", "max", 100_000)
	}
	for _, c := range in.Classes {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if Rank(c) < 0 {
			errs.Add("classes", "choose_one")
			break
		}
		if !slices.Contains(p.Classes, c) {
			p.Classes = append(p.Classes, c)
		}
	}
	for _, r := range in.Regions {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if _, ok := ref.RegionByCode(r); !ok {
			errs.Add("regions", "region_invalid")
			break
		}
		if !slices.Contains(p.Regions, r) {
			p.Regions = append(p.Regions, r)
		}
	}
	if p.YouthTag != "" && !slices.Contains(training.YouthTags, p.YouthTag) {
		errs.Add("youth_tag", "choose_one")
	}
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(in.ClosesOn), wib.Zone)
	now := s.Now().UTC()
	if err != nil {
		errs.Add("closes_on", "date_invalid")
	} else if p.ClosesAt = day.AddDate(0, 0, 1).UTC(); !p.ClosesAt.After(now) {
		errs.Add("closes_on", "umkm_closes_past")
	}
	if err := errs.Err(); err != nil {
		return Program{}, err
	}
	seed := make([]byte, 32)
	if _, err := rand.Read(seed); err != nil {
		return Program{}, fmt.Errorf("program seed: %w", err)
	}
	p.SeedHash = alloc.SeedHash(seed)
	p.AllocN = -1
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := db.InsertID(ctx, tx, `INSERT INTO umkm_programs (kind, title, description, organizer, seats, classes, regions, youth_tag,
			closes_at, seed, seed_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Kind, p.Title, p.Description, p.Organizer, p.Seats, strings.Join(p.Classes, ","), strings.Join(p.Regions, ","), p.YouthTag,
			p.ClosesAt, s.Box.Seal(seed, seedContext), p.SeedHash, u.ID, now)
		if err != nil {
			return fmt.Errorf("create program: %w", err)
		}
		p.ID = id
		n, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.UMKMProgramOpened, At: now, Fields: map[string]any{
			"umkm_program_id": id, "kind": p.Kind, "title": p.Title, "organizer": p.Organizer, "seats": p.Seats,
			"classes": orEmpty(p.Classes), "regions": orEmpty(p.Regions), "youth_tag": p.YouthTag,
			"closes_at": p.ClosesAt.Format(time.RFC3339), "seed_hash": p.SeedHash}})
		if err != nil {
			return err
		}
		p.LedgerN = n
		_, err = tx.ExecContext(ctx, `UPDATE umkm_programs SET ledger_n = ? WHERE id = ?`, n, id)
		return err
	})
	if err != nil {
		return Program{}, err
	}
	return p, nil
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

const programCols = `p.id, p.kind, p.title, p.description, p.organizer, p.seats, p.classes, p.regions, p.youth_tag, p.closes_at,
	p.seed_hash, p.allocated_at, p.admitted, COALESCE(p.ledger_n, -1), COALESCE(p.alloc_ledger_n, -1),
	(SELECT count(*) FROM umkm_applications a WHERE a.program_id = p.id)`

func scanProgram(sc interface{ Scan(...any) error }) (Program, error) {
	var p Program
	var classes, regions string
	var allocated db.AggTime
	err := sc.Scan(&p.ID, &p.Kind, &p.Title, &p.Description, &p.Organizer, &p.Seats, &classes, &regions, &p.YouthTag, &p.ClosesAt,
		&p.SeedHash, &allocated, &p.AdmittedN, &p.LedgerN, &p.AllocN, &p.Applicants)
	p.AllocatedAt = allocated.Time
	p.Classes, p.Regions = split(classes), split(regions)
	return p, err
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// ProgramFilter narrows the list of programs.
type ProgramFilter struct {
	YouthTag string // only programs carrying this youth tag
}

// Programs lists assistance programs, those taking applications first
// (closing soonest first), then the allocated, latest first. Public.
func (s *Store) Programs(ctx context.Context, f ProgramFilter) ([]Program, error) {
	where, args := "", []any{}
	if f.YouthTag != "" {
		where, args = ` WHERE p.youth_tag = ?`, append(args, f.YouthTag)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT `+programCols+` FROM umkm_programs p`+where+` ORDER BY p.closes_at DESC, p.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("programs: %w", err)
	}
	defer rows.Close()
	var open, done []Program
	for rows.Next() {
		p, err := scanProgram(rows)
		if err != nil {
			return nil, fmt.Errorf("programs: %w", err)
		}
		if p.Allocated() {
			done = append(done, p)
		} else {
			open = append(open, p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Reverse(open) // soonest closing first
	return append(open, done...), nil
}

// Program is one program, public; the seed shows once allocated.
func (s *Store) Program(ctx context.Context, id int64) (Program, error) {
	return s.program(ctx, s.DB, id)
}

func (s *Store) program(ctx context.Context, q db.Querier, id int64) (Program, error) {
	p, err := scanProgram(q.QueryRowContext(ctx, `SELECT `+programCols+` FROM umkm_programs p WHERE p.id = ?`, id))
	if err != nil {
		return Program{}, notFound("program", id, err)
	}
	if p.Allocated() {
		var seed []byte
		if err := q.QueryRowContext(ctx, `SELECT seed FROM umkm_programs WHERE id = ?`, id).Scan(&seed); err != nil {
			return p, fmt.Errorf("program %d: seed: %w", id, err)
		}
		p.Seed = hex.EncodeToString(seed)
	}
	return p, nil
}

// Apply puts a business u may act for on a program's list. The business
// must be of an eligible class and regency; a youth program also asks the
// owner's declared birth year to fall in the youth band (training's
// YouthMinAge–YouthMaxAge). Its priority at the allocation is 0 when it was
// never admitted to a program of the same kind, 1 otherwise, so help
// reaches businesses that have had none first.
func (s *Store) Apply(ctx context.Context, u *auth.User, programID, businessID int64) error {
	if err := auth.Require(u, auth.RegisterUMKM); err != nil {
		return err
	}
	p, err := s.Program(ctx, programID)
	if err != nil {
		return err
	}
	b, err := s.business(ctx, s.DB, u, businessID)
	if err != nil {
		if fail.KindOf(err) == fail.NotFound {
			return valid.New("business_id", "umkm_business_unknown")
		}
		return err
	}
	now := s.Now().UTC()
	if !p.Open(now) {
		return valid.New("program", "umkm_program_closed")
	}
	if err := s.eligible(p, b); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var n, before int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM umkm_applications WHERE program_id = ? AND business_id = ?`,
			programID, businessID).Scan(&n); err != nil {
			return fmt.Errorf("apply: %w", err)
		}
		if n > 0 {
			return valid.New("program", "umkm_already_applied")
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM umkm_applications a JOIN umkm_programs p ON p.id = a.program_id
			WHERE a.business_id = ? AND a.result = ? AND p.kind = ?`, businessID, Admitted, p.Kind).Scan(&before); err != nil {
			return fmt.Errorf("apply: %w", err)
		}
		priority := 0
		if before > 0 {
			priority = 1
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO umkm_applications (program_id, business_id, priority, applied_by, applied_at)
			VALUES (?, ?, ?, ?, ?)`, programID, businessID, priority, u.ID, now)
		if err != nil {
			return fmt.Errorf("apply: %w", err)
		}
		return nil
	})
}

func (s *Store) eligible(p Program, b Business) error {
	if !p.Eligible(b.Class, b.Region) {
		return valid.New("business_id", "umkm_not_eligible")
	}
	if p.YouthTag != "" {
		age := s.Year() - b.OwnerBirthYear
		if b.OwnerBirthYear == 0 || age < training.YouthMinAge || age > training.YouthMaxAge {
			return valid.New("business_id", "umkm_not_youth", "min", training.YouthMinAge, "max", training.YouthMaxAge)
		}
	}
	return nil
}

// openFor lists the programs b may apply to now.
func (s *Store) openFor(ctx context.Context, b Business, apps []Application) ([]Program, error) {
	all, err := s.Programs(ctx, ProgramFilter{})
	if err != nil {
		return nil, err
	}
	now := s.Now()
	var out []Program
	for _, p := range all {
		if !p.Open(now) || s.eligible(p, b) != nil || slices.ContainsFunc(apps, func(a Application) bool { return a.ProgramID == p.ID }) {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

func (s *Store) applications(ctx context.Context, businessID int64) ([]Application, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT p.id, p.title, p.kind, a.result, a.applied_at, p.allocated_at
		FROM umkm_applications a JOIN umkm_programs p ON p.id = a.program_id WHERE a.business_id = ? ORDER BY a.applied_at DESC, p.id`, businessID)
	if err != nil {
		return nil, fmt.Errorf("applications of business %d: %w", businessID, err)
	}
	defer rows.Close()
	var out []Application
	for rows.Next() {
		var a Application
		var allocated db.AggTime
		if err := rows.Scan(&a.ProgramID, &a.ProgramTitle, &a.Kind, &a.Result, &a.AppliedAt, &allocated); err != nil {
			return nil, err
		}
		a.Allocated = !allocated.Time.IsZero()
		out = append(out, a)
	}
	return out, rows.Err()
}

// Applicant is one business on a program's list, for the officer.
type Applicant struct {
	BusinessID int64
	Name       string
	Region     string
	Class      string
	Priority   int
	Result     string
	Lottery    string // hex, once allocated
}

// Applicants lists a program's applicants for an officer.
func (s *Store) Applicants(ctx context.Context, u *auth.User, programID int64) ([]Applicant, error) {
	if err := auth.Require(u, auth.ManageUMKM); err != nil {
		return nil, err
	}
	p, err := s.Program(ctx, programID)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT b.id, b.name, b.region, b.class, a.priority, a.result FROM umkm_applications a
		JOIN umkm_businesses b ON b.id = a.business_id WHERE a.program_id = ? ORDER BY a.result DESC, a.priority, b.name, b.id`, programID)
	if err != nil {
		return nil, fmt.Errorf("applicants of program %d: %w", programID, err)
	}
	defer rows.Close()
	var out []Applicant
	seed, _ := hex.DecodeString(p.Seed)
	for rows.Next() {
		var a Applicant
		if err := rows.Scan(&a.BusinessID, &a.Name, &a.Region, &a.Class, &a.Priority, &a.Result); err != nil {
			return nil, err
		}
		if p.Allocated() {
			a.Lottery = strconv.FormatUint(alloc.Lottery(seed, a.BusinessID), 16)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ErrAllocated: the program's seats were allocated already.
var ErrAllocated = fail.New(fail.Conflict, "umkm: program already allocated")

// Allocate gives a closed program's seats by the published rule training
// seats use (internal/alloc): each applicant ranks this one program, its
// priority class is 0 for a business never admitted to a program of the
// kind and 1 otherwise, ties are broken by the lottery number drawn from
// the program's seed (revealed now). With no seat limit, every applicant
// is admitted. The result is written with one public log record that lists
// every applicant's commitment and whether it was admitted.
func (s *Store) Allocate(ctx context.Context, u *auth.User, programID int64) (Program, error) {
	if err := auth.Require(u, auth.ManageUMKM); err != nil {
		return Program{}, err
	}
	if _, err := s.Program(ctx, programID); err != nil {
		return Program{}, err
	}
	now := s.Now().UTC()
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE umkm_programs SET allocated_at = ?, allocated_by = ?
			WHERE id = ? AND allocated_at IS NULL AND closes_at <= ?`, now, u.ID, programID, now)
		if err != nil {
			return fmt.Errorf("allocate program %d: %w", programID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			p, err := s.program(ctx, tx, programID)
			switch {
			case err != nil:
				return err
			case p.Allocated():
				return fmt.Errorf("program %d: %w", programID, ErrAllocated)
			default:
				return valid.New("program", "umkm_program_still_open")
			}
		}
		var sealed []byte
		var seats int
		var title string
		if err := tx.QueryRowContext(ctx, `SELECT seed, seats, title FROM umkm_programs WHERE id = ?`, programID).Scan(&sealed, &seats, &title); err != nil {
			return fmt.Errorf("allocate program %d: %w", programID, err)
		}
		seed, err := s.Box.Open(sealed, seedContext)
		if err != nil {
			return fmt.Errorf("allocate program %d: seed: %w", programID, err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.business_id, a.priority, b.ledger_salt FROM umkm_applications a
			JOIN umkm_businesses b ON b.id = a.business_id WHERE a.program_id = ? ORDER BY a.business_id`, programID)
		if err != nil {
			return fmt.Errorf("allocate program %d: %w", programID, err)
		}
		in := alloc.Instance{}
		var salts []string
		for rows.Next() {
			var id int64
			var prio int
			var salt string
			if err := rows.Scan(&id, &prio, &salt); err != nil {
				rows.Close()
				return err
			}
			in.Applicants = append(in.Applicants, alloc.Applicant{ID: id, Lottery: alloc.Lottery(seed, id),
				Choices: []alloc.Choice{{Program: 0, Class: uint16(prio)}}})
			salts = append(salts, salt)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if seats == 0 {
			seats = len(in.Applicants) // no limit: room for everyone
		}
		in.Programs = []alloc.Program{{ID: programID, Seats: seats}}
		result, err := alloc.Allocate(in)
		if err != nil {
			return fmt.Errorf("allocate program %d: %w", programID, err)
		}
		type entry struct {
			Applicant string `json:"applicant"`
			Priority  uint16 `json:"priority"`
			Admitted  bool   `json:"admitted"`
		}
		list := make([]entry, len(in.Applicants))
		for i, ap := range in.Applicants {
			admitted := result.Seat[i] >= 0
			r := Refused
			if admitted {
				r = Admitted
			}
			if _, err := tx.ExecContext(ctx, `UPDATE umkm_applications SET result = ? WHERE program_id = ? AND business_id = ?`,
				r, programID, ap.ID); err != nil {
				return fmt.Errorf("allocate program %d: %w", programID, err)
			}
			list[i] = entry{Applicant: ApplicationCommitment(salts[i], ap.ID, programID),
				Priority: ap.Choices[0].Class, Admitted: admitted}
		}
		// Commitment order says nothing about who applied first or their
		// lottery number.
		sort.Slice(list, func(i, j int) bool { return list[i].Applicant < list[j].Applicant })
		fields := map[string]any{"umkm_program_id": programID, "title": title, "seed": hex.EncodeToString(seed), "seed_hash": alloc.SeedHash(seed),
			"seats": seats, "applicants": len(list), "admitted": result.Admitted[0], "full": result.Full[0], "results": list}
		if result.Full[0] && result.Admitted[0] > 0 {
			fields["cutoff_class"] = result.Cutoff[0].Class
		}
		n, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.UMKMProgramAllocated, At: now, Fields: fields})
		if err != nil {
			return err
		}
		// The seed is revealed (stored in the clear) with the result.
		_, err = tx.ExecContext(ctx, `UPDATE umkm_programs SET seed = ?, admitted = ?, alloc_ledger_n = ? WHERE id = ?`,
			seed, int(result.Admitted[0]), n, programID)
		return err
	})
	if err != nil {
		return Program{}, err
	}
	return s.Program(ctx, programID)
}

// ApplicationCommitment is a business's stand-in in a program's allocation
// record; the business's salt (on its page) opens it.
func ApplicationCommitment(salt string, businessID, programID int64) string {
	return ledger.Commit(salt, "umkm", strconv.FormatInt(businessID, 10), strconv.FormatInt(programID, 10))
}
