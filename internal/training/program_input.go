package training

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// ProgramInput is what a provider's staff describe a program with.
type ProgramInput struct {
	Title             string
	Description       string
	Skills            []string
	Occupations       []string
	Hours             int
	Schedule          string
	Region            string
	Seats             int
	Fee               int64
	FeeWaivedFor      string
	CertificateScheme string
	AgeMin, AgeMax    int
	EducationMin      string
	Regions           []string
	Priority          []string
	Tags              []string
	PartnerID         int64
	PartnerInterviews int
	PartnerHires      int
}

// Limits of program input.
const (
	maxProgramSkills = 20
	maxOccupations   = 10
	maxTags          = 10
	maxTagLen        = 32
	minDescription   = 30
	maxFee           = 100_000_000
	maxHours         = 2000
	maxSeats         = 1000
)

func validTag(t string) bool {
	if t == "" || len(t) > maxTagLen || t[0] == '-' || t[len(t)-1] == '-' || strings.Contains(t, "--") {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// cleanSet trims, drops empties and duplicates, and sorts.
func cleanSet(in []string, norm func(string) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = norm(strings.TrimSpace(s))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (s *Store) validateProgram(ctx context.Context, in *ProgramInput) (valid.Errors, error) {
	var errs valid.Errors
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	switch n := utf8.RuneCountInString(in.Title); {
	case n < 3:
		errs.Add("title", "program_title_short")
	case n > 120:
		errs.Add("title", "too_long", "max", 120)
	}
	in.Description = strings.TrimSpace(in.Description)
	switch n := utf8.RuneCountInString(in.Description); {
	case n < minDescription:
		errs.Add("description", "program_description_short", "min", minDescription)
	case n > 4000:
		errs.Add("description", "too_long", "max", 4000)
	}
	skills, unknown := ref.CleanSkills(in.Skills)
	switch {
	case unknown != "":
		errs.Add("skills", "skill_unknown", "skill", unknown)
	case len(skills) == 0:
		// A program that teaches nothing nameable cannot be found from a
		// skill gap, which is how most seekers will reach it.
		errs.Add("skills", "skills_required")
	case len(skills) > maxProgramSkills:
		errs.Add("skills", "too_many", "max", maxProgramSkills)
	}
	in.Skills = skills
	in.Occupations = cleanSet(in.Occupations, func(s string) string { return s })
	for _, o := range in.Occupations {
		if _, ok := ref.OccupationByCode(o); !ok || len(o) != 4 {
			errs.Add("occupations", "kbji_invalid")
			break
		}
	}
	if len(in.Occupations) > maxOccupations {
		errs.Add("occupations", "too_many", "max", maxOccupations)
	}
	if in.Hours < 1 || in.Hours > maxHours {
		errs.Add("hours", "hours_invalid", "max", maxHours)
	}
	in.Schedule = strings.TrimSpace(in.Schedule)
	if utf8.RuneCountInString(in.Schedule) > 500 {
		errs.Add("schedule", "too_long", "max", 500)
	}
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	if in.Seats < 1 || in.Seats > maxSeats {
		errs.Add("seats", "seats_invalid", "max", maxSeats)
	}
	if in.Fee < 0 || in.Fee > maxFee {
		errs.Add("fee", "wage_invalid")
	}
	if in.FeeWaivedFor != "" && !contains(Criteria, in.FeeWaivedFor) {
		errs.Add("fee_waived_for", "choose_one")
	}
	if in.Fee == 0 {
		in.FeeWaivedFor = "" // nothing to waive
	}
	in.CertificateScheme = strings.Join(strings.Fields(in.CertificateScheme), " ")
	if utf8.RuneCountInString(in.CertificateScheme) > 200 {
		errs.Add("certificate_scheme", "too_long", "max", 200)
	}
	ageOK := func(a int) bool { return a == 0 || (a >= 15 && a <= 70) }
	if !ageOK(in.AgeMin) || !ageOK(in.AgeMax) || (in.AgeMin > 0 && in.AgeMax > 0 && in.AgeMin > in.AgeMax) {
		errs.Add("age", "age_range_invalid")
	}
	if in.EducationMin != "" {
		if _, ok := ref.EducationByCode(in.EducationMin); !ok {
			errs.Add("education_min", "choose_one")
		}
	}
	in.Regions = cleanSet(in.Regions, func(s string) string { return s })
	for _, r := range in.Regions {
		if _, ok := ref.RegionByCode(r); !ok {
			errs.Add("regions", "region_invalid")
			break
		}
	}
	var order []string
	for _, c := range in.Priority {
		c = strings.ToLower(strings.TrimSpace(c))
		switch {
		case c == "":
			continue
		case !contains(Criteria, c):
			errs.Add("priority", "priority_invalid", "criterion", c)
		case contains(order, c):
			errs.Add("priority", "priority_duplicate", "criterion", c)
		}
		order = append(order, c)
	}
	in.Priority = order
	in.Tags = cleanSet(in.Tags, strings.ToLower)
	for _, t := range in.Tags {
		if !validTag(t) {
			errs.Add("tags", "tag_invalid", "tag", t)
			break
		}
	}
	if len(in.Tags) > maxTags {
		errs.Add("tags", "too_many", "max", maxTags)
	}
	if (Program{Tags: in.Tags}).IsYouth() && !contains(in.Priority, Muda) && !errs.Has("priority") {
		errs.Add("priority", "priority_needs_muda", "min", YouthMinAge, "max", YouthMaxAge)
	}
	if in.PartnerInterviews < 0 || in.PartnerInterviews > maxSeats {
		errs.Add("partner_interviews", "places_invalid", "max", maxSeats)
	}
	if in.PartnerHires < 0 || in.PartnerHires > maxSeats {
		errs.Add("partner_hires", "places_invalid", "max", maxSeats)
	}
	if in.PartnerID == 0 {
		if in.PartnerInterviews > 0 || in.PartnerHires > 0 {
			errs.Add("partner", "partner_required")
		}
	} else {
		ok, err := verifiedEmployer(ctx, s.DB, in.PartnerID)
		if err != nil {
			return nil, err
		}
		if !ok {
			errs.Add("partner", "partner_not_verified")
		}
	}
	return errs, nil
}

// CheckProgram validates a program without storing it, for forms that show
// every error at once.
func (s *Store) CheckProgram(ctx context.Context, in *ProgramInput) error {
	errs, err := s.validateProgram(ctx, in)
	if err != nil {
		return err
	}
	return errs.Err()
}
