// Package seeker keeps job seekers and their digital AK/1 card (kartu
// kuning, Permenaker 39/2016). The NIK is stored encrypted with a keyed
// lookup hash; only its owner and an officer see it, and every officer's
// reading is audited. The birth date, which is part of the NIK, is sealed
// too; what stays in clear is chosen so that it leaves at least 10,000
// NIKs to guess from (docs/privacy.md).
package seeker

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Seeker is a registered job seeker. The full NIK is not part of it: ask
// ForOfficer, which checks and records who reads it. Nor is the full birth
// date: ask Store.BirthDate, for the seeker, an officer, or an exact-age rule.
type Seeker struct {
	ID             int64
	UserID         int64
	FullName       string
	BirthYear      int  // in clear for age statistics; the date is sealed
	Female         bool // in clear for the vacancy report's women (Perpres 57/2023)
	NIKRegion      string
	DomicileRegion string
	Education      string
	Experience     string
	Certificates   string
	ExpectedWage   int64
	Discoverable   bool
	Placed         bool
	Skills         []string
	Occupation     string   // KBJI unit group sought; "" = not said
	Contracts      []string // contract types accepted; empty = any
	CreatedAt      time.Time
	// Background: address (its street only for the seeker and an
	// audited officer), work history, licences, languages (background.go).
	Background
}

// ContractTypes are the employment relations a vacancy offers and a seeker
// may accept (PP 35/2021): fixed-term, permanent, daily, apprenticeship.
var ContractTypes = []string{"pkwt", "pkwtt", "harian", "magang"}

// ContractBits packs contract types into the bit set stored in
// seekers.contracts (1 PKWT, 2 PKWTT, 4 harian, 8 magang).
func ContractBits(codes []string) int {
	bits := 0
	for _, c := range codes {
		for i, t := range ContractTypes {
			if c == t {
				bits |= 1 << i
			}
		}
	}
	return bits
}

// ContractCodes unpacks ContractBits.
func ContractCodes(bits int) []string {
	var out []string
	for i, t := range ContractTypes {
		if bits&(1<<i) != 0 {
			out = append(out, t)
		}
	}
	return out
}

// MaskedName shows initials only: "Siti Aminah" → "S*** A*****". Used on the
// public AK/1 check, which must not reveal who holds a card.
func MaskedName(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		parts = append(parts, string(r[0])+strings.Repeat("*", len(r)-1))
	}
	return strings.Join(parts, " ")
}

// Profile holds what a seeker can change about themself.
type Profile struct {
	FullName       string
	DomicileRegion string
	Education      string
	Skills         []string
	Experience     string
	Certificates   string
	ExpectedWage   int64
	Discoverable   bool
	Occupation     string
	Contracts      []string
	Background
}

// Input registers a seeker: a profile and a NIK.
type Input struct {
	NIK string
	Profile
}

// Store keeps seekers and AK/1 cards.
type Store struct {
	DB  *db.DB
	Box *secret.Box
	Now func() time.Time
	// OnChange, when set, hears of every change to a seeker's profile (the
	// matching index follows them).
	OnChange func()
}

func (s *Store) notify() {
	if s.OnChange != nil {
		s.OnChange()
	}
}

const maxSkills = 30

func (p *Profile) validate(errs *valid.Errors) {
	p.FullName = strings.Join(strings.Fields(p.FullName), " ")
	switch n := utf8.RuneCountInString(p.FullName); {
	case n == 0:
		errs.Add("full_name", "required")
	case n > 120:
		errs.Add("full_name", "too_long", "max", 120)
	}
	if _, ok := ref.RegionByCode(p.DomicileRegion); !ok {
		errs.Add("domicile", "region_invalid")
	}
	if _, ok := ref.EducationByCode(p.Education); !ok {
		errs.Add("education", "choose_one")
	}
	skills, unknown := ref.CleanSkills(p.Skills)
	if unknown != "" {
		errs.Add("skills", "skill_unknown", "skill", unknown)
	}
	p.Skills = skills
	if len(skills) > maxSkills {
		errs.Add("skills", "too_many", "max", maxSkills)
	}
	if p.Occupation != "" {
		if _, ok := ref.OccupationByCode(p.Occupation); !ok || len(p.Occupation) != 4 {
			errs.Add("occupation", "kbji_invalid")
		}
	}
	for _, c := range p.Contracts {
		if ContractBits([]string{c}) == 0 {
			errs.Add("contracts", "choose_one")
			break
		}
	}
	p.Contracts = ContractCodes(ContractBits(p.Contracts))
	if p.ExpectedWage < 0 || p.ExpectedWage > 1_000_000_000 {
		errs.Add("expected_wage", "wage_invalid")
	}
	p.Experience = strings.TrimSpace(p.Experience)
	p.Certificates = strings.TrimSpace(p.Certificates)
	if utf8.RuneCountInString(p.Experience) > 4000 {
		errs.Add("experience", "too_long", "max", 4000)
	}
	if utf8.RuneCountInString(p.Certificates) > 2000 {
		errs.Add("certificates", "too_long", "max", 2000)
	}
}

// NIKErrorCode maps a NIK parse failure to a message id.
func NIKErrorCode(err error) string {
	var ne *ref.NIKError
	if errors.As(err, &ne) {
		return "nik_" + ne.Code
	}
	return "nik_invalid"
}

// Check validates a registration without storing it and returns what the NIK
// says (birth date, sex), which the page shows back for confirmation.
func (s *Store) Check(in *Input) (ref.NIK, error) {
	var errs valid.Errors
	nik, err := ref.ParseNIK(in.NIK, s.Now())
	if err != nil {
		errs.Add("nik", NIKErrorCode(err))
	}
	in.Profile.validate(&errs)
	in.Background.validate(&errs, in.DomicileRegion, s.Now())
	return nik, errs.Err()
}

// Register creates the seeker profile of userID in q. When the NIK's regency
// is the declared domicile, the AK/1 card is issued at once (nothing for an
// officer to check); otherwise the seeker waits in the officer's queue.
func (s *Store) Register(ctx context.Context, q db.Querier, userID int64, in Input) (Seeker, *Card, error) {
	now := s.Now().UTC()
	nik, err := s.Check(&in)
	if err != nil {
		return Seeker{}, nil, err
	}
	sk := Seeker{UserID: userID, FullName: in.FullName, BirthYear: nik.BirthDate.Year(), Female: nik.Female, NIKRegion: nik.Regency, DomicileRegion: in.DomicileRegion, Education: in.Education,
		Experience: in.Experience, Certificates: in.Certificates, ExpectedWage: in.ExpectedWage,
		Discoverable: in.Discoverable, Skills: in.Skills, Occupation: in.Occupation, Contracts: in.Contracts, CreatedAt: now,
		Background: in.Background}
	id, err := db.InsertID(ctx, q, `INSERT INTO seekers (user_id, nik_enc, nik_hash, full_name, birth_year, birth_enc,
		female, nik_region, domicile_region, education, experience, certificates, expected_wage, discoverable,
		occupation, contracts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		userID, s.Box.Seal([]byte(nik.Number), "seeker.nik"), s.Box.Hash(nik.Number, "nik"), sk.FullName,
		sk.BirthYear, SealBirthDate(s.Box, nik.BirthDate), sk.Female, sk.NIKRegion, sk.DomicileRegion, sk.Education, sk.Experience,
		sk.Certificates, sk.ExpectedWage, sk.Discoverable, sk.Occupation, ContractBits(sk.Contracts), now, now)
	if db.IsUniqueViolation(err) {
		return Seeker{}, nil, valid.New("nik", "nik_taken")
	}
	if err != nil {
		return Seeker{}, nil, fmt.Errorf("register seeker: %w", err)
	}
	sk.ID = id
	if err := s.putSkills(ctx, q, id, sk.Skills); err != nil {
		return Seeker{}, nil, err
	}
	if err := s.putBackground(ctx, q, id, sk.Background, now); err != nil {
		return Seeker{}, nil, err
	}
	var card *Card
	if sk.NIKRegion == sk.DomicileRegion {
		c, err := s.issue(ctx, q, sk, 0)
		if err != nil {
			return Seeker{}, nil, err
		}
		card = &c
	}
	s.notify()
	return sk, card, nil
}

func (s *Store) putSkills(ctx context.Context, q db.Querier, id int64, skills []string) error {
	return db.ReplaceSet(ctx, q, "seeker_skills", "seeker_id", id, "skill", skills)
}

// Update changes a seeker's profile.
func (s *Store) Update(ctx context.Context, id int64, p Profile) error {
	var errs valid.Errors
	p.validate(&errs)
	now := s.Now()
	p.Background.validate(&errs, p.DomicileRegion, now)
	if err := errs.Err(); err != nil {
		return err
	}
	defer s.notify()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE seekers SET full_name = ?, domicile_region = ?, education = ?, experience = ?,
			certificates = ?, expected_wage = ?, discoverable = ?, occupation = ?, contracts = ?, updated_at = ? WHERE id = ?`,
			p.FullName, p.DomicileRegion, p.Education, p.Experience, p.Certificates, p.ExpectedWage, p.Discoverable,
			p.Occupation, ContractBits(p.Contracts), now.UTC(), id)
		if err != nil {
			return fmt.Errorf("update seeker %d: %w", id, err)
		}
		if err := s.putSkills(ctx, tx, id, p.Skills); err != nil {
			return err
		}
		return s.putBackground(ctx, tx, id, p.Background, now)
	})
}

const cols = `id, user_id, full_name, birth_year, female, nik_region, domicile_region, education,
	experience, certificates, expected_wage, discoverable, placed, occupation, contracts, created_at`

func (s *Store) one(ctx context.Context, where string, arg any) (Seeker, error) {
	var sk Seeker
	var contracts int
	err := s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM seekers WHERE `+where, arg).Scan(&sk.ID, &sk.UserID,
		&sk.FullName, &sk.BirthYear, &sk.Female, &sk.NIKRegion, &sk.DomicileRegion, &sk.Education,
		&sk.Experience, &sk.Certificates, &sk.ExpectedWage, &sk.Discoverable, &sk.Placed, &sk.Occupation, &contracts, &sk.CreatedAt)
	sk.Contracts = ContractCodes(contracts)
	if errors.Is(err, sql.ErrNoRows) {
		return Seeker{}, fmt.Errorf("seeker %v: %w", arg, db.ErrNotFound)
	}
	if err != nil {
		return Seeker{}, fmt.Errorf("seeker %v: %w", arg, err)
	}
	if sk.Skills, err = Skills(ctx, s.DB, sk.ID); err != nil {
		return sk, err
	}
	sk.Background, err = BackgroundOf(ctx, s.DB, sk.ID)
	return sk, err
}

// Skills lists a seeker's skill codes.
func Skills(ctx context.Context, q db.Querier, seekerID int64) ([]string, error) {
	all, err := SkillsOf(ctx, q, "?", seekerID)
	return all[seekerID], err
}

// SkillsOf returns, in one query, the skills of the seekers whose ids the
// SQL in selects (see BackgroundsOf), each list sorted.
func SkillsOf(ctx context.Context, q db.Querier, in string, args ...any) (map[int64][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT seeker_id, skill FROM seeker_skills WHERE seeker_id IN (`+in+`) ORDER BY seeker_id, skill`, args...)
	if err != nil {
		return nil, fmt.Errorf("seekers' skills: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			return nil, err
		}
		out[id] = append(out[id], k)
	}
	return out, rows.Err()
}

// Get returns seeker id.
func (s *Store) Get(ctx context.Context, id int64) (Seeker, error) { return s.one(ctx, `id = ?`, id) }

// ByUser returns the seeker profile of a user.
func (s *Store) ByUser(ctx context.Context, userID int64) (Seeker, error) {
	return s.one(ctx, `user_id = ?`, userID)
}

// OwnNIK returns the seeker's own NIK to its owner (no audit: it is theirs).
func (s *Store) OwnNIK(ctx context.Context, userID int64) (string, error) {
	var enc []byte
	if err := s.DB.QueryRowContext(ctx, `SELECT nik_enc FROM seekers WHERE user_id = ?`, userID).Scan(&enc); err != nil {
		return "", fmt.Errorf("own nik: %w", err)
	}
	pt, err := s.Box.Open(enc, "seeker.nik")
	return string(pt), err
}

// nikForOfficer opens a seeker's NIK for an officer and records that they
// did. ForOfficer checks the officer may (auth.ReadNIK) before.
func (s *Store) nikForOfficer(ctx context.Context, seekerID, officerID int64, purpose string) (string, error) {
	var nik string
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var enc []byte
		if err := tx.QueryRowContext(ctx, `SELECT nik_enc FROM seekers WHERE id = ?`, seekerID).Scan(&enc); err != nil {
			return fmt.Errorf("nik of seeker %d: %w", seekerID, err)
		}
		pt, err := s.Box.Open(enc, "seeker.nik")
		if err != nil {
			return fmt.Errorf("nik of seeker %d: %w", seekerID, err)
		}
		nik = string(pt)
		return audit.Record(ctx, tx, audit.Entry{At: s.Now(), ActorID: officerID, Action: "nik.read",
			SubjectType: "seeker", SubjectID: seekerID, Detail: purpose})
	})
	return nik, err
}

// MarkPlaced records that a seeker has been hired (lapor penempatan).
// It touches updated_at so matching indexes drop the seeker from candidates.
func MarkPlaced(ctx context.Context, q db.Querier, seekerID int64, now time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE seekers SET placed = TRUE, updated_at = ? WHERE id = ?`, now.UTC(), seekerID)
	return err
}
