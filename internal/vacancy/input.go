package vacancy

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Input is what an employer posts.
type Input struct {
	Title           string
	KBJI            string
	Skills          []string
	Education       string
	Region          string
	Openings        int
	WageMin         int64
	WageMax         int64
	Contract        string
	ClosesOn        string // YYYY-MM-DD
	Description     string
	AgeMin          int
	AgeMax          int
	ExperienceYears int
	LocalSharePct   *int
	// BelowUMK asks to pay below the UMK by agreement; allowed only for
	// micro and small employers, and shown plainly on the vacancy.
	BelowUMK bool
	// ApprenticeshipID names the approved apprenticeship program a magang
	// vacancy fills (magang.go); 0 for every other contract.
	ApprenticeshipID int64
	// Facts of issue 15 (wage unit, worksite, agency, accessibility):
	// see vfacts.go.
	Facts
}

// UMKFor returns the minimum wage that applies in region on day t: that
// year's UMK, or the latest known year's when t's year is not yet published.
func UMKFor(region string, t time.Time) (amount int64, year int, ok bool) {
	for y := t.In(wib.Zone).Year(); y >= 2025; y-- {
		if a, ok := ref.UMK(region, y); ok {
			return a, y, true
		}
	}
	return 0, 0, false
}

// Rupiah formats an amount the Indonesian way: Rp 5.469.922.
func Rupiah(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-Rp " + b.String()
	}
	return "Rp " + b.String()
}

func (in *Input) validate(emp employer.Employer, now time.Time) (time.Time, valid.Errors) {
	var errs valid.Errors
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	switch n := utf8.RuneCountInString(in.Title); {
	case n < 3:
		errs.Add("title", "title_short")
	case n > 120:
		errs.Add("title", "too_long", "max", 120)
	}
	if _, ok := ref.OccupationByCode(in.KBJI); !ok {
		errs.Add("kbji", "kbji_invalid")
	}
	skills, unknown := ref.CleanSkills(in.Skills)
	if unknown != "" {
		errs.Add("skills", "skill_unknown", "skill", unknown)
	}
	in.Skills = skills
	if len(skills) > 15 {
		errs.Add("skills", "too_many", "max", 15)
	}
	if _, ok := ref.EducationByCode(in.Education); !ok {
		errs.Add("education", "choose_one")
	}
	_, regionOK := ref.RegionByCode(in.Region)
	if !regionOK {
		errs.Add("region", "region_invalid")
	}
	if in.Openings < 1 || in.Openings > 10000 {
		errs.Add("openings", "openings_invalid")
	}
	// The wage in its unit against the converted UMK: wageunit.go.
	in.validateWage(&errs, emp, now)
	// Who employs and who may apply: vfacts.go.
	in.validateFacts(&errs, now)
	if !contains(Contracts, in.Contract) {
		errs.Add("contract", "choose_one")
	}
	closes, err := wib.ParseDate(in.ClosesOn)
	today := wib.Date(now)
	switch {
	case err != nil:
		errs.Add("closes_on", "date_invalid")
	case closes.Before(today):
		errs.Add("closes_on", "closes_past")
	case closes.After(today.AddDate(1, 0, 0)):
		errs.Add("closes_on", "closes_far")
	}
	in.Description = strings.TrimSpace(in.Description)
	switch n := utf8.RuneCountInString(in.Description); {
	case n < 20:
		errs.Add("description", "description_short", "min", 20)
	case n > 5000:
		errs.Add("description", "too_long", "max", 5000)
	}
	if in.AgeMin < 0 || in.AgeMax < 0 || in.AgeMin > 70 || in.AgeMax > 70 || (in.AgeMax > 0 && in.AgeMin > in.AgeMax) ||
		(in.AgeMin > 0 && in.AgeMin < 15) {
		errs.Add("age_max", "age_range_invalid")
	}
	if in.ExperienceYears < 0 || in.ExperienceYears > 40 {
		errs.Add("experience_years", "experience_invalid")
	}
	if in.LocalSharePct != nil && (*in.LocalSharePct < 0 || *in.LocalSharePct > 100) {
		errs.Add("local_share", "percent_invalid")
	}
	return closes, errs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// errNotVerified means the employer may not publish until a petugas verifies it.
func errNotVerified() error { return valid.New("status", "employer_not_verified") }
