package vacancy

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/stats/cells"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Perpres 57/2023 (wajib lapor lowongan pekerjaan) asks every employer to
// report each vacancy — who it is, the job, how many, how long it is open,
// what it asks (age, education, skills, experience), the wage and the place —
// and to report when it is filled. bursa already holds all of it, so the
// report is a read of the vacancy and placement tables, never a second form.

// ReportQuery selects the vacancies of a report: those open on at least one
// day of [From, To] (WIB dates, both inclusive). Drafts were never open.
type ReportQuery struct {
	EmployerID int64  // 0: every employer
	Region     string // "": the whole province
	From, To   time.Time
}

// MaxReportDays bounds a report's period: a year and a day covers any
// calendar year or quarter and keeps one request's work bounded.
const MaxReportDays = 366

// ParseReportQuery reads a period given as YYYY-MM-DD strings, defaulting to
// 1 January of the current year through today.
func ParseReportQuery(from, to, region string, now time.Time) (ReportQuery, error) {
	today := wib.Date(now)
	q := ReportQuery{Region: region, From: time.Date(today.Year(), 1, 1, 0, 0, 0, 0, today.Location()), To: today}
	var errs valid.Errors
	if from != "" {
		d, err := wib.ParseDate(from)
		if err != nil {
			errs.Add("from", "date_invalid")
		}
		q.From = d
	}
	if to != "" {
		d, err := wib.ParseDate(to)
		if err != nil {
			errs.Add("to", "date_invalid")
		}
		q.To = d
	}
	if region != "" {
		if _, ok := ref.RegionByCode(region); !ok {
			errs.Add("region", "region_invalid")
		}
	}
	if len(errs) == 0 {
		switch {
		case q.To.Before(q.From):
			errs.Add("to", "period_reversed")
		case q.To.Sub(q.From) >= MaxReportDays*24*time.Hour: // both days count
			errs.Add("to", "period_too_long", "days", MaxReportDays)
		}
	}
	return q, errs.Err()
}

// ReportRow is one vacancy of the report with what was reported of its filling.
type ReportRow struct {
	Vacancy
	NIB, KBLISection, KBLIVersion string
	ClosedAt                      time.Time // when it stopped taking applications: closed early, or filled
	Placed                        int       // placements reported
	PlacedFemale                  int
	PlacedLocal                   int // placed workers living in the vacancy's regency/city
	PlacedWageMin, PlacedWageMax  int64
	FirstStart                    time.Time // earliest start date of a placement
	FilledOn                      time.Time // day the last opening was taken, for a filled vacancy
	// Withheld: the per-worker figures above are blanked (see Protect).
	Withheld bool
}

// MinShown is the fewest placed workers whose sex, domicile, wage and start
// a report shows to anyone but their employer: with one hire, "1 woman,
// local, Rp 5.600.000, from 7 December" describes a person. Public figures
// use the same floor (cells under 5 read "<5"): the one small-cell floor of
// every published figure, cells.MinCell.
const MinShown = cells.MinCell

// Protect withholds the per-worker figures of rows with fewer than MinShown
// placements, for reports read by others than the vacancies' employers.
func Protect(rows []ReportRow) {
	for i := range rows {
		if r := &rows[i]; r.Placed > 0 && r.Placed < MinShown {
			r.Withheld = true
			r.PlacedFemale, r.PlacedLocal, r.PlacedWageMin, r.PlacedWageMax = 0, 0, 0, 0
			r.FirstStart = time.Time{}
		}
	}
}

// PlacedLocalPct is the share of placed workers living in the vacancy's
// regency/city, to set against a declared local-worker share; -1 when
// nobody has been placed yet.
func (r ReportRow) PlacedLocalPct() int {
	if r.Placed == 0 || r.Withheld {
		return -1
	}
	return r.PlacedLocal * 100 / r.Placed
}

// Report returns the vacancies of q with their placements, oldest first.
// Each placed worker is counted, never named: the report is about vacancies.
func (s *Store) Report(ctx context.Context, q ReportQuery) ([]ReportRow, error) {
	where, args := reportWhere(q)
	// Hires count as reported by the period's end, so a quarter's report
	// says the same when it is downloaded again later.
	end := dayStart(q.To.AddDate(0, 0, 1))
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+`, e.nib, e.kbli_section, e.kbli_version, v.closed_at,
			COUNT(p.id),
			COALESCE(SUM(CASE WHEN s.female THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN p.domicile_region = v.region THEN 1 ELSE 0 END), 0),
			COALESCE(MIN(p.wage), 0), COALESCE(MAX(p.wage), 0), MIN(p.start_date)
		FROM vacancies v JOIN employers e ON e.id = v.employer_id
		LEFT JOIN placements p ON p.vacancy_id = v.id AND p.reported_at < ?
		LEFT JOIN seekers s ON s.id = p.seeker_id
		WHERE `+where+`
		GROUP BY v.id, e.id
		ORDER BY v.published_at, v.id`, append([]any{end}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("vacancy report: %w", err)
	}
	defer rows.Close()
	var out []ReportRow
	byID := map[int64]int{}
	for rows.Next() {
		var r ReportRow
		var closed sql.NullTime
		var start db.AggTime
		v, err := scan(scanAlso{rows, []any{&r.NIB, &r.KBLISection, &r.KBLIVersion, &closed,
			&r.Placed, &r.PlacedFemale, &r.PlacedLocal, &r.PlacedWageMin, &r.PlacedWageMax, &start}})
		if err != nil {
			return nil, fmt.Errorf("vacancy report: %w", err)
		}
		r.Vacancy = v
		r.ClosedAt = closed.Time
		if start.Valid {
			r.FirstStart = wib.Date(start.Time)
		}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("vacancy report: %w", err)
	}
	rows.Close()
	// Skills in one more pass over the same selection rather than one query
	// per vacancy: a province-wide year is tens of thousands of rows.
	srows, err := s.DB.QueryContext(ctx, `SELECT vs.vacancy_id, vs.skill FROM vacancy_skills vs
		JOIN vacancies v ON v.id = vs.vacancy_id WHERE `+where+` ORDER BY vs.vacancy_id, vs.skill`, args...)
	if err != nil {
		return nil, fmt.Errorf("vacancy report skills: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var skill string
		if err := srows.Scan(&id, &skill); err != nil {
			return nil, fmt.Errorf("vacancy report skills: %w", err)
		}
		if i, ok := byID[id]; ok {
			out[i].Skills = append(out[i].Skills, skill)
		}
	}
	if err := srows.Err(); err != nil {
		return nil, fmt.Errorf("vacancy report skills: %w", err)
	}
	srows.Close()
	// The day a filled vacancy filled: the hire that reached its openings,
	// not one reported after that.
	frows, err := s.DB.QueryContext(ctx, `SELECT x.vacancy_id, x.reported_at FROM (
			SELECT p.vacancy_id, p.reported_at, ROW_NUMBER() OVER (PARTITION BY p.vacancy_id ORDER BY p.reported_at, p.id) AS k
			FROM placements p JOIN vacancies v ON v.id = p.vacancy_id WHERE `+where+` AND p.reported_at < ?) x
		JOIN vacancies w ON w.id = x.vacancy_id WHERE x.k = w.openings AND w.status = ?`, append(append(args, end), Filled)...)
	if err != nil {
		return nil, fmt.Errorf("vacancy report fills: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		var id int64
		var at db.AggTime
		if err := frows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("vacancy report fills: %w", err)
		}
		if i, ok := byID[id]; ok && at.Valid {
			out[i].FilledOn = wib.Date(at.Time)
		}
	}
	if err := frows.Err(); err != nil {
		return nil, fmt.Errorf("vacancy report fills: %w", err)
	}
	return out, nil
}

// dayStart is the instant WIB day d (kept as midnight UTC) begins: instants
// such as published_at are compared with it.
func dayStart(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, wib.Zone).UTC()
}

// scanAlso lets scan read a vacancy's columns followed by more of them.
type scanAlso struct {
	rows  *sql.Rows
	extra []any
}

func (s scanAlso) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

// reportWhere selects the vacancies open on some day of the period: published
// by its last day, not closing before its first, and not closed early before
// its first day.
func reportWhere(q ReportQuery) (string, []any) {
	where := `v.published_at IS NOT NULL AND v.published_at < ? AND v.closes_on >= ? AND (v.closed_at IS NULL OR v.closed_at >= ?)`
	args := []any{dayStart(q.To.AddDate(0, 0, 1)), q.From, dayStart(q.From)}
	if q.EmployerID != 0 {
		where += ` AND v.employer_id = ?`
		args = append(args, q.EmployerID)
	}
	if q.Region != "" {
		where += ` AND v.region = ?`
		args = append(args, q.Region)
	}
	return where, args
}

// ReportTotals sums a report per regency/city of the workplace, in the
// reference order, with the province last.
type ReportTotals struct {
	Region                         string // "" for the province
	Employers, Vacancies, Openings int
	Placed                         int
	// PlacedShown is the part of Placed whose women and local residents are
	// in PlacedFemale and PlacedLocal: the hires of vacancies Protect
	// withheld are left out of those sums, so that no difference between
	// sums (or between two reports) gives them back.
	PlacedShown, PlacedFemale, PlacedLocal int
}

// Totals sums rows per regency/city and for the province. After Protect,
// the withheld vacancies' hires count in Placed only.
func Totals(rows []ReportRow) []ReportTotals {
	type acc struct {
		ReportTotals
		employers map[int64]bool
	}
	idx := map[string]*acc{}
	all := &acc{employers: map[int64]bool{}}
	for _, r := range rows {
		a := idx[r.Region]
		if a == nil {
			a = &acc{ReportTotals: ReportTotals{Region: r.Region}, employers: map[int64]bool{}}
			idx[r.Region] = a
		}
		for _, x := range []*acc{a, all} {
			x.employers[r.EmployerID] = true
			x.Vacancies++
			x.Openings += r.Openings
			x.Placed += r.Placed
			if !r.Withheld {
				x.PlacedShown += r.Placed
				x.PlacedFemale += r.PlacedFemale
				x.PlacedLocal += r.PlacedLocal
			}
		}
	}
	var out []ReportTotals
	for _, reg := range ref.Regions() {
		if a := idx[reg.Code]; a != nil {
			a.Employers = len(a.employers)
			out = append(out, a.ReportTotals)
		}
	}
	all.Employers = len(all.employers)
	return append(out, all.ReportTotals)
}

// ReportColumns are the CSV's header, stable identifiers that other systems
// can read; docs/reports.md explains each.
var ReportColumns = []string{"vacancy_id", "employer", "nib", "kbli_section", "kbli_version",
	"title", "kbji", "kbji_title", "openings", "published_on", "closes_on", "status", "closed_on",
	"age_min", "age_max", "education", "experience_years", "skills",
	"wage_min", "wage_max", "contract", "region", "region_name", "local_share_declared_pct",
	"placed", "placed_female", "placed_local", "local_share_placed_pct",
	"placed_wage_min", "placed_wage_max", "first_start_on", "filled_on", "url"}

// ReportFileName names the report file after its period.
func ReportFileName(q ReportQuery, excel bool) string {
	name := fmt.Sprintf("laporan-lowongan_%s_%s", q.From.Format(time.DateOnly), q.To.Format(time.DateOnly))
	if excel {
		name += "_excel"
	}
	return name + ".csv"
}

// csvText keeps text an employer typed from being read as a formula by a
// spreadsheet: a cell that starts with =, +, -, @ or a control character
// gets a leading apostrophe (OWASP's advice on CSV injection).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// withheld writes n, or nothing when the row's worker figures are withheld.
func withheld(r ReportRow, n int) string {
	if r.Withheld {
		return ""
	}
	return strconv.Itoa(n)
}

// WriteReportCSV writes rows as CSV with ReportColumns; base is the site's
// address for each vacancy's link. For Excel the file starts with a UTF-8
// byte-order mark and separates fields with semicolons: Excel set to
// Indonesian (where the comma is the decimal sign) would otherwise put each
// row in one cell and garble names outside ASCII.
func WriteReportCSV(w io.Writer, rows []ReportRow, base string, excel bool) error {
	cw := csv.NewWriter(w)
	if excel {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw.Comma = ';'
	}
	if err := cw.Write(ReportColumns); err != nil {
		return err
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return wib.Date(t).Format(time.DateOnly)
	}
	optInt := func(n, unset int) string {
		if n == unset {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, r := range rows {
		occ, _ := ref.OccupationByCode(r.KBJI)
		reg, _ := ref.RegionByCode(r.Region)
		local := ""
		if r.LocalSharePct != nil {
			local = strconv.Itoa(*r.LocalSharePct)
		}
		rec := []string{strconv.FormatInt(r.ID, 10), csvText(r.EmployerName), r.NIB, r.KBLISection, r.KBLIVersion,
			csvText(r.Title), r.KBJI, occ.Title, strconv.Itoa(r.Openings), day(r.PublishedAt), r.ClosesOn.Format(time.DateOnly), r.Status, day(r.ClosedAt),
			optInt(r.AgeMin, 0), optInt(r.AgeMax, 0), r.Education, strconv.Itoa(r.ExperienceYears), strings.Join(r.Skills, ";"),
			strconv.FormatInt(r.WageMin, 10), strconv.FormatInt(r.WageMax, 10), r.Contract, r.Region, reg.Name, local,
			strconv.Itoa(r.Placed), withheld(r, r.PlacedFemale), withheld(r, r.PlacedLocal), optInt(r.PlacedLocalPct(), -1),
			optInt(int(r.PlacedWageMin), 0), optInt(int(r.PlacedWageMax), 0), day(r.FirstStart), day(r.FilledOn),
			fmt.Sprintf("%s/lowongan/%d", strings.TrimSuffix(base, "/"), r.ID)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
