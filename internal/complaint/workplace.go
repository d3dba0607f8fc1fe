package complaint

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Which employer a complaint or dispute names: a registered one by id, or
// a name as the worker knows it, matched to a registered employer only when
// the match is beyond doubt.

// EmployerKey groups reports about one employer: a registered employer by
// id, else the name without legal forms, case and punctuation.
func EmployerKey(employerID int64, name string) string {
	if employerID != 0 {
		return fmt.Sprintf("id:%d", employerID)
	}
	if n := normName(name); n != "" {
		return "nama:" + n
	}
	return ""
}

var legalForms = map[string]bool{"pt": true, "cv": true, "ud": true, "tbk": true, "persero": true, "fa": true, "firma": true}

// normName lowercases name, turns punctuation into spaces and drops legal
// forms: "PT. Baja Mandiri, Tbk" and "baja  mandiri" are one employer.
func normName(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// employerRegion checks a registered employer exists and returns its region.
func employerRegion(ctx context.Context, q db.Querier, id int64) (string, bool, error) {
	var region string
	err := q.QueryRowContext(ctx, `SELECT region FROM employers WHERE id = ?`, id).Scan(&region)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("employer %d: %w", id, err)
	}
	return region, true, nil
}

// registeredByName returns the one verified employer of region whose name,
// without legal form, case and punctuation, is name's, and whose legal form
// (PT, CV, UD, firma) is name's too when both give one: "CV Sinar Jaya" is
// not "PT Sinar Jaya". It returns 0 when none is, when several are (then the
// name alone cannot say which), or when region is not given. A wrong link
// would put one company's report on another's public record, so the match
// is narrow on purpose; the worker can always pick the employer from its
// page instead.
func registeredByName(ctx context.Context, q db.Querier, name, region string) (int64, error) {
	want := normName(name)
	if want == "" || region == "" {
		return 0, nil
	}
	form := legalForm(name)
	// The database narrows by region and the longest word; Go decides.
	words := strings.Fields(want)
	longest := slices.MaxFunc(words, func(a, b string) int { return len(a) - len(b) })
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM employers WHERE region = ? AND status = ? AND LOWER(name) LIKE ? ESCAPE '\'`,
		region, employer.Verified, "%"+likeEscape(longest)+"%")
	if err != nil {
		return 0, fmt.Errorf("employer by name: %w", err)
	}
	defer rows.Close()
	var found int64
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return 0, fmt.Errorf("employer by name: %w", err)
		}
		if normName(n) != want {
			continue
		}
		if f := legalForm(n); form != "" && f != "" && f != form {
			continue
		}
		if found != 0 {
			return 0, nil // two registered employers share the name
		}
		found = id
	}
	return found, rows.Err()
}

// legalForm is the legal form a company name gives (pt, cv, ud, fa), or "".
func legalForm(name string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch w {
		case "pt", "cv", "ud", "fa":
			return w
		case "firma":
			return "fa"
		}
	}
	return ""
}

// likeEscape makes s match itself in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// checkEmployer validates the employer and region fields shared by
// complaints and disputes, filling f.
func (s *Store) checkEmployer(ctx context.Context, errs *valid.Errors, f *filing, employerID int64, name, region string, required bool) error {
	if employerID == 0 {
		// A worker who types the name of a registered employer means that
		// employer: without the link, their report would pool apart from
		// the ones filed from its page and miss its compliance record.
		id, err := registeredByName(ctx, s.DB, name, region)
		if err != nil {
			return err
		}
		employerID = id
	}
	if employerID != 0 {
		r, ok, err := employerRegion(ctx, s.DB, employerID)
		if err != nil {
			return err
		}
		if !ok {
			errs.Add("employer_id", "employer_unknown")
		} else if region == "" {
			region = r
		}
		f.employerID = employerID
	} else {
		f.employerName = cleanText(name)
		switch n := utf8.RuneCountInString(f.employerName); {
		case n == 0 && required:
			errs.Add("employer_name", "employer_required")
		case n == 1:
			errs.Add("employer_name", "employer_required")
		case n > 160:
			errs.Add("employer_name", "too_long", "max", 160)
		}
	}
	f.employerKey = EmployerKey(f.employerID, f.employerName)
	if _, ok := ref.RegionByCode(region); !ok {
		errs.Add("region", "region_invalid")
	}
	f.region = region
	return nil
}
