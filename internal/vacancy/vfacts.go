package vacancy

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Facts are what a worker needs to know about a vacancy beyond the job
// itself (issue 15): the unit its wage is stated in, who really employs,
// and whether workers with disabilities are welcome. Input and Vacancy
// both carry them.
type Facts struct {
	// WageUnit is one of VacancyWageUnits ("" reads as "month"); WorkDays
	// the working week, 5 or 6 (0 reads as DefaultWorkDays).
	WageUnit string
	WorkDays int
	// WorksiteName and WorksiteNIB name the user company where the work
	// happens when it is not the posting company (alih daya, PP 35/2021).
	WorksiteName string
	WorksiteNIB  string
	// AgencyLicence and AgencyLicenceUntil (YYYY-MM-DD) are the posting
	// company's licence as a private placement agency (LPTKS), when it
	// places workers with others.
	AgencyLicence      string
	AgencyLicenceUntil string
	// DisabilityOpen: workers with disabilities are welcome to apply;
	// DisabilityAccessible: the workplace is accessible; DisabilityNote
	// says what is adapted (ramp, sign language, screen reader...).
	DisabilityOpen       bool
	DisabilityAccessible bool
	DisabilityNote       string
}

// Agency licence checks by a petugas.
const (
	AgencyUnchecked = ""
	AgencyValid     = "sesuai"
	AgencyInvalid   = "tidak_sesuai"
)

// Outsourced reports whether the work happens at another company.
func (f Facts) Outsourced() bool { return f.WorksiteName != "" }

// Agency reports whether the vacancy is posted by a placement agency.
func (f Facts) Agency() bool { return f.AgencyLicence != "" }

func (in *Input) validateFacts(errs *valid.Errors, now time.Time) {
	in.WorksiteName = strings.Join(strings.Fields(in.WorksiteName), " ")
	in.WorksiteNIB = strings.ReplaceAll(strings.TrimSpace(in.WorksiteNIB), " ", "")
	switch {
	case in.WorksiteName == "" && in.WorksiteNIB != "":
		errs.Add("worksite_employer", "vfacts_worksite_name")
	case utf8.RuneCountInString(in.WorksiteName) > 160:
		errs.Add("worksite_employer", "too_long", "max", 160)
	case in.WorksiteName != "" && (len(in.WorksiteNIB) != 13 || strings.Trim(in.WorksiteNIB, "0123456789") != ""):
		// The NIB is what ties complaints and inspections to the right
		// company; a name alone is what brokers hide behind.
		errs.Add("worksite_employer", "vfacts_worksite_nib")
	}
	in.AgencyLicence = strings.Join(strings.Fields(in.AgencyLicence), " ")
	in.AgencyLicenceUntil = strings.TrimSpace(in.AgencyLicenceUntil)
	if in.AgencyLicence != "" || in.AgencyLicenceUntil != "" {
		if n := utf8.RuneCountInString(in.AgencyLicence); n < 3 || n > 80 {
			errs.Add("agency_licence", "vfacts_licence_number")
		}
		until, err := wib.ParseDate(in.AgencyLicenceUntil)
		switch {
		case err != nil:
			errs.Add("agency_licence", "vfacts_licence_until")
		case until.Before(wib.Date(now)):
			errs.Add("agency_licence", "vfacts_licence_expired", "until", in.AgencyLicenceUntil)
		}
	}
	in.DisabilityNote = strings.TrimSpace(in.DisabilityNote)
	if utf8.RuneCountInString(in.DisabilityNote) > 500 {
		errs.Add("disability_note", "too_long", "max", 500)
	}
}

// putFacts writes a validated input's facts, in the transaction that
// writes the vacancy; old are the facts before an edit (zero on create).
// wage_min / wage_max become monthly equivalents, the figures every
// search, match, alert and report compares; the stated amounts go to
// unit_wage_*. A changed licence waits for a new check by a petugas.
func putFacts(ctx context.Context, tx *db.Tx, id int64, in Input, old Facts) error {
	var until any
	if in.AgencyLicence != "" {
		t, _ := wib.ParseDate(in.AgencyLicenceUntil)
		until = t
	}
	_, err := tx.ExecContext(ctx, `UPDATE vacancies SET wage_min = ?, wage_max = ?, wage_unit = ?, work_days = ?,
		unit_wage_min = ?, unit_wage_max = ?, worksite_name = ?, worksite_nib = ?, disability_open = ?,
		disability_accessible = ?, disability_note = ?, agency_licence_no = ?, agency_licence_until = ? WHERE id = ?`,
		in.MonthlyMin(), in.MonthlyMax(), in.WageUnit, in.WorkDays, in.WageMin, in.WageMax, in.WorksiteName,
		in.WorksiteNIB, in.DisabilityOpen, in.DisabilityAccessible, in.DisabilityNote, in.AgencyLicence, until, id)
	if err != nil {
		return fmt.Errorf("vacancy %d facts: %w", id, err)
	}
	if in.AgencyLicence != old.AgencyLicence || in.AgencyLicenceUntil != old.AgencyLicenceUntil {
		if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET agency_check = '', agency_checked_by = NULL,
			agency_checked_at = NULL WHERE id = ?`, id); err != nil {
			return fmt.Errorf("vacancy %d licence check: %w", id, err)
		}
	}
	return nil
}

// factCols are read after cols by scan.
const factCols = `, v.wage_unit, v.work_days, v.unit_wage_min, v.unit_wage_max, v.worksite_name, v.worksite_nib,
	v.agency_licence_no, v.agency_licence_until, v.agency_check, v.disability_open, v.disability_accessible, v.disability_note`

// factScan holds what scan reads of factCols until finish moves it into v.
type factScan struct {
	until    sql.NullTime
	min, max int64
}

func (f *factScan) dest(v *Vacancy) []any {
	return []any{&v.WageUnit, &v.WorkDays, &f.min, &f.max, &v.WorksiteName, &v.WorksiteNIB, &v.AgencyLicence, &f.until,
		&v.AgencyCheck, &v.DisabilityOpen, &v.DisabilityAccessible, &v.DisabilityNote}
}

func (f *factScan) finish(v *Vacancy) {
	if f.until.Valid {
		v.AgencyLicenceUntil = f.until.Time.Format(time.DateOnly)
	}
	// Rows written by bulk loaders (the demo) carry monthly wages only.
	v.UnitWageMin, v.UnitWageMax = f.min, f.max
	if v.WageUnit == "month" || v.WageUnit == "" || f.min == 0 {
		v.WageUnit, v.UnitWageMin, v.UnitWageMax = "month", v.WageMin, v.WageMax
	}
}

// factFields adds the facts a broker could not quietly change to a
// vacancy's public record. A monthly wage with no worksite or agency adds
// nothing, so records keep the shape they had before these facts.
func factFields(f map[string]any, in Input) {
	if in.WageUnit != "" && in.WageUnit != "month" {
		f["wage_unit"], f["work_days_per_week"] = in.WageUnit, in.WorkDays
	}
	if in.WorksiteName != "" {
		f["worksite_employer"], f["worksite_nib"] = in.WorksiteName, in.WorksiteNIB
	}
	if in.AgencyLicence != "" {
		f["agency_licence"], f["agency_licence_until"] = in.AgencyLicence, in.AgencyLicenceUntil
	}
}

// parseDisability reads the disability_open search parameter: "1" or
// "true" keeps vacancies open to workers with disabilities.
func parseDisability(s string, errs *valid.Errors) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false":
		return false
	case "1", "true", "on", "ya":
		return true
	}
	errs.Add("disability_open", "choice_invalid")
	return false
}
