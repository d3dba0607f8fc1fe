package seeker

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// A seeker's background beyond the basic profile (issue 13, part 6): the
// address below the domicile regency, work history, driving licences and
// languages. They are saved with the profile, in its transaction.

// Address is where a seeker lives below their domicile regency: a
// kecamatan of that regency, optionally a kelurahan/desa in it (Kemendagri
// codes), and the street with RT/RW. Street is sealed at rest and filled
// only for the seeker themself (Mine, ProfileOf, Own) and an officer under
// audit (ForOfficer); everywhere else it is "".
type Address struct {
	District string // 6 digits; "" = no address given
	Village  string // 10 digits; "" = kecamatan only
	Street   string
}

// Experience is one job the seeker has held. Months are "YYYY-MM"; To is
// "" while Current.
type Experience struct {
	Employer    string
	Title       string
	Occupation  string // KBJI unit group, optional
	From, To    string
	Current     bool
	Description string
}

// Licence is a driving licence (ref.Licences) with its expiry date,
// "YYYY-MM-DD" or "" when not given.
type Licence struct {
	Class     string
	ExpiresOn string
}

// Language is a language (ref.Languages) and a level (ref.LanguageLevels).
type Language struct {
	Code  string
	Level string
}

// Background is the part of a profile kept outside the seekers row.
type Background struct {
	Address     Address
	Experiences []Experience
	Licences    []Licence
	Languages   []Language
}

// Limits of the background.
const (
	MaxExperiences     = 20
	maxExperienceText  = 500
	maxExperienceNames = 120
	maxStreet          = 200
)

// validate checks and cleans b for a seeker living in regency, on day now.
// Field names are the API's paths (address.kecamatan, experiences.0.to, ...),
// which the page uses as its fields' ids too.
func (b *Background) validate(errs *valid.Errors, regency string, now time.Time) {
	a := &b.Address
	a.District, a.Village = strings.TrimSpace(a.District), strings.TrimSpace(a.Village)
	a.Street = strings.Join(strings.Fields(a.Street), " ")
	switch {
	case a.District == "" && (a.Village != "" || a.Street != ""):
		errs.Add("address.kecamatan", "required")
	case a.District != "":
		// The kecamatan must be in the domicile regency (a wrong or
		// missing regency is reported on its own field).
		if d, ok := ref.DistrictByCode(a.District); !ok || d.RegionCode != regency {
			if _, regOK := ref.RegionByCode(regency); regOK {
				errs.Add("address.kecamatan", "district_invalid")
			}
		} else if a.Village != "" {
			if v, ok := ref.VillageByCode(a.Village); !ok || v.DistrictCode != a.District {
				errs.Add("address.village", "profile_village_invalid")
			}
		}
	}
	if utf8.RuneCountInString(a.Street) > maxStreet {
		errs.Add("address.street", "too_long", "max", maxStreet)
	}

	thisMonth := wib.Date(now).Format("2006-01")
	if len(b.Experiences) > MaxExperiences {
		errs.Add("experiences", "too_many", "max", MaxExperiences)
	}
	for i := range b.Experiences {
		e := &b.Experiences[i]
		f := func(name string) string { return fmt.Sprintf("experiences.%d.%s", i, name) }
		e.Employer = strings.Join(strings.Fields(e.Employer), " ")
		e.Title = strings.Join(strings.Fields(e.Title), " ")
		e.Description = strings.TrimSpace(e.Description)
		e.From, e.To, e.Occupation = strings.TrimSpace(e.From), strings.TrimSpace(e.To), strings.TrimSpace(e.Occupation)
		for name, v := range map[string]string{"employer": e.Employer, "title": e.Title} {
			switch n := utf8.RuneCountInString(v); {
			case n == 0:
				errs.Add(f(name), "required")
			case n > maxExperienceNames:
				errs.Add(f(name), "too_long", "max", maxExperienceNames)
			}
		}
		if utf8.RuneCountInString(e.Description) > maxExperienceText {
			errs.Add(f("description"), "too_long", "max", maxExperienceText)
		}
		if e.Occupation != "" {
			if _, ok := ref.OccupationByCode(e.Occupation); !ok || len(e.Occupation) != 4 {
				errs.Add(f("occupation"), "kbji_invalid")
			}
		}
		fromOK := checkMonth(errs, f("from"), e.From, thisMonth, true)
		if e.Current {
			e.To = ""
			continue
		}
		// Both are "YYYY-MM", so they compare as strings.
		if checkMonth(errs, f("to"), e.To, thisMonth, true) && fromOK && e.To < e.From {
			errs.Add(f("to"), "profile_month_order")
		}
	}
	SortExperiences(b.Experiences)

	seen := map[string]bool{}
	today := wib.Date(now).Format(time.DateOnly)
	for i := range b.Licences {
		l := &b.Licences[i]
		f := "licences." + l.Class
		l.ExpiresOn = strings.TrimSpace(l.ExpiresOn)
		if _, ok := ref.LicenceByCode(l.Class); !ok {
			errs.Add("licences", "choice_invalid")
			continue
		}
		if seen[l.Class] {
			errs.Add(f, "profile_duplicate")
		}
		seen[l.Class] = true
		if l.ExpiresOn == "" {
			continue
		}
		if d, err := time.Parse(time.DateOnly, l.ExpiresOn); err != nil || d.Format(time.DateOnly) != l.ExpiresOn {
			errs.Add(f, "date_invalid")
		} else if l.ExpiresOn < today {
			// A lapsed SIM is not a licence to drive (it must be made
			// anew after it lapses): the seeker renews it, or leaves the
			// class out.
			errs.Add(f, "profile_licence_expired")
		}
	}
	slices.SortFunc(b.Licences, func(x, y Licence) int { return licenceRank(x.Class) - licenceRank(y.Class) })

	clear(seen)
	for _, l := range b.Languages {
		f := "languages." + l.Code
		if _, ok := ref.LanguageByCode(l.Code); !ok {
			errs.Add("languages", "choice_invalid")
			continue
		}
		if seen[l.Code] {
			errs.Add(f, "profile_duplicate")
		}
		seen[l.Code] = true
		if !slices.Contains(ref.LanguageLevels, l.Level) {
			errs.Add(f, "profile_level_invalid")
		}
	}
	slices.SortFunc(b.Languages, func(x, y Language) int { return languageRank(x.Code) - languageRank(y.Code) })
}

// checkMonth checks a "YYYY-MM" month that must not be after thisMonth.
func checkMonth(errs *valid.Errors, field, m, thisMonth string, required bool) bool {
	if m == "" {
		if required {
			errs.Add(field, "required")
		}
		return false
	}
	t, err := time.Parse("2006-01", m)
	if err != nil || t.Format("2006-01") != m || t.Year() < 1950 {
		errs.Add(field, "profile_month_invalid")
		return false
	}
	if m > thisMonth {
		errs.Add(field, "profile_month_future")
		return false
	}
	return true
}

// SortExperiences puts the newest job first: current jobs, then by end
// month, then by start month, latest first.
func SortExperiences(es []Experience) {
	slices.SortStableFunc(es, func(a, b Experience) int {
		if a.Current != b.Current {
			if a.Current {
				return -1
			}
			return 1
		}
		if c := strings.Compare(b.To, a.To); c != 0 {
			return c
		}
		return strings.Compare(b.From, a.From)
	})
}

func licenceRank(code string) int {
	return slices.IndexFunc(ref.Licences(), func(l ref.Licence) bool { return l.Code == code })
}

func languageRank(code string) int {
	return slices.IndexFunc(ref.Languages(), func(l ref.Language) bool { return l.Code == code })
}

// putBackground replaces seeker id's background in q (a transaction).
func (s *Store) putBackground(ctx context.Context, q db.Querier, id int64, b Background, now time.Time) error {
	for _, t := range []string{"seeker_addresses", "seeker_experiences", "seeker_licences", "seeker_languages"} {
		if _, err := q.ExecContext(ctx, `DELETE FROM `+t+` WHERE seeker_id = ?`, id); err != nil {
			return fmt.Errorf("replace %s of seeker %d: %w", t, id, err)
		}
	}
	if a := b.Address; a.District != "" {
		var street []byte
		if a.Street != "" {
			street = s.Box.Seal([]byte(a.Street), "seeker.street")
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO seeker_addresses (seeker_id, district, village, street_enc, updated_at)
			VALUES (?, ?, ?, ?, ?)`, id, a.District, a.Village, street, now.UTC()); err != nil {
			return fmt.Errorf("address of seeker %d: %w", id, err)
		}
	}
	for _, e := range b.Experiences {
		if _, err := q.ExecContext(ctx, `INSERT INTO seeker_experiences (seeker_id, employer, title, occupation, from_month,
			to_month, description) VALUES (?, ?, ?, ?, ?, ?, ?)`, id, e.Employer, e.Title, e.Occupation, e.From, e.To,
			e.Description); err != nil {
			return fmt.Errorf("experience of seeker %d: %w", id, err)
		}
	}
	for _, l := range b.Licences {
		if _, err := q.ExecContext(ctx, `INSERT INTO seeker_licences (seeker_id, class, expires_on) VALUES (?, ?, ?)`,
			id, l.Class, l.ExpiresOn); err != nil {
			return fmt.Errorf("licence of seeker %d: %w", id, err)
		}
	}
	for _, l := range b.Languages {
		if _, err := q.ExecContext(ctx, `INSERT INTO seeker_languages (seeker_id, lang, level) VALUES (?, ?, ?)`,
			id, l.Code, l.Level); err != nil {
			return fmt.Errorf("language of seeker %d: %w", id, err)
		}
	}
	return nil
}

// BackgroundOf reads seeker id's background without the street (see
// Address): what the seeker's own pages open further, and what an employer
// reading an application may see of work history, licences and languages.
func BackgroundOf(ctx context.Context, q db.Querier, id int64) (Background, error) {
	bs, err := BackgroundsOf(ctx, q, "?", id)
	return bs[id], err
}

// BackgroundsOf reads, as BackgroundOf does, the backgrounds of the seekers
// whose ids the SQL in selects (a subquery such as "SELECT seeker_id FROM
// applications WHERE vacancy_id = ?", or "?"), in four queries however
// many they are: a vacancy's applicant list read them six queries per
// applicant before. A seeker with nothing recorded has a zero Background.
func BackgroundsOf(ctx context.Context, q db.Querier, in string, args ...any) (map[int64]Background, error) {
	out := map[int64]*Background{}
	of := func(id int64) *Background {
		b := out[id]
		if b == nil {
			b = &Background{}
			out[id] = b
		}
		return b
	}
	rows, err := q.QueryContext(ctx, `SELECT seeker_id, district, village FROM seeker_addresses WHERE seeker_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("seekers' addresses: %w", err)
	}
	for rows.Next() {
		var id int64
		var a Address
		if err := rows.Scan(&id, &a.District, &a.Village); err != nil {
			rows.Close()
			return nil, err
		}
		of(id).Address = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT seeker_id, employer, title, occupation, from_month, to_month, description
		FROM seeker_experiences WHERE seeker_id IN (`+in+`) ORDER BY seeker_id, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("seekers' experiences: %w", err)
	}
	for rows.Next() {
		var id int64
		var e Experience
		if err := rows.Scan(&id, &e.Employer, &e.Title, &e.Occupation, &e.From, &e.To, &e.Description); err != nil {
			rows.Close()
			return nil, err
		}
		e.Current = e.To == ""
		b := of(id)
		b.Experiences = append(b.Experiences, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT seeker_id, class, expires_on FROM seeker_licences WHERE seeker_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("seekers' licences: %w", err)
	}
	for rows.Next() {
		var id int64
		var l Licence
		if err := rows.Scan(&id, &l.Class, &l.ExpiresOn); err != nil {
			rows.Close()
			return nil, err
		}
		b := of(id)
		b.Licences = append(b.Licences, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT seeker_id, lang, level FROM seeker_languages WHERE seeker_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("seekers' languages: %w", err)
	}
	for rows.Next() {
		var id int64
		var l Language
		if err := rows.Scan(&id, &l.Code, &l.Level); err != nil {
			rows.Close()
			return nil, err
		}
		b := of(id)
		b.Languages = append(b.Languages, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	res := make(map[int64]Background, len(out))
	for id, b := range out {
		SortExperiences(b.Experiences)
		slices.SortFunc(b.Licences, func(x, y Licence) int { return licenceRank(x.Class) - licenceRank(y.Class) })
		slices.SortFunc(b.Languages, func(x, y Language) int { return languageRank(x.Code) - languageRank(y.Code) })
		res[id] = *b
	}
	return res, nil
}

// street opens seeker id's street, "" when none. Callers are the seeker's
// own reads and the officer's audited one.
func (s *Store) street(ctx context.Context, id int64) (string, error) {
	var enc []byte
	err := s.DB.QueryRowContext(ctx, `SELECT street_enc FROM seeker_addresses WHERE seeker_id = ?`, id).Scan(&enc)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(enc) == 0) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("street of seeker %d: %w", id, err)
	}
	pt, err := s.Box.Open(enc, "seeker.street")
	if err != nil {
		return "", fmt.Errorf("street of seeker %d: %w", id, err)
	}
	return string(pt), nil
}
