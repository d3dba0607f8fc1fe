package vacancy

import (
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// VacancyWageUnits are the units a vacancy may state its wage in. A piece
// rate (borongan) is stated as the expected earnings of a normal working
// day, because a rate per piece alone cannot be checked against the UMK:
// the employer names the day's earnings, the description may add the rate.
var VacancyWageUnits = []string{"month", "day", "hour", "piece"}

// DefaultWorkDays is the working week assumed when a vacancy or offer
// states none: six days, the pattern of most shift work in the Banten
// industrial belt, and the lower of PP 36/2021's two day floors, so a
// silent default never refuses a lawful wage.
const DefaultWorkDays = 6

// Divisor is what PP 36/2021 divides a monthly wage by to get the wage of
// one unit: a day is 1/25 of a month in a 6-day week and 1/21 in a 5-day
// week; an hour of part-time work is 1/126. A piece rate is stated per
// day (see VacancyWageUnits). A month is 1.
func Divisor(unit string, workDays int) int64 {
	switch unit {
	case "day", "piece":
		if workDays == 5 {
			return 21
		}
		return 25
	case "hour":
		return 126
	}
	return 1
}

// MonthlyWage converts a wage in unit to a month's wage as PP 36/2021
// does (a day's wage: art. 17; an hour's for part-time work: art. 16). It is the one conversion of bursa: offers, vacancies, search,
// matching and alerts all compare monthly equivalents.
func MonthlyWage(wage int64, unit string, workDays int) int64 {
	return wage * Divisor(unit, workDays)
}

// UnitFloor is the monthly UMK converted to unit, in whole rupiah
// (rounded down, so a wage computed the same way from the UMK passes).
func UnitFloor(umk int64, unit string, workDays int) int64 {
	return umk / Divisor(unit, workDays)
}

// validateWage checks the wage range in its unit against the UMK of the
// vacancy's region converted to that unit; below it only micro and small
// employers may go, by agreement (BelowUMK).
func (in *Input) validateWage(errs *valid.Errors, emp employer.Employer, now time.Time) {
	if in.WageUnit == "" {
		in.WageUnit = "month"
	}
	if !slices.Contains(VacancyWageUnits, in.WageUnit) {
		errs.Add("wage_unit", "choice_invalid")
		return
	}
	switch in.WorkDays {
	case 0:
		in.WorkDays = DefaultWorkDays
	case 5, 6:
	default:
		errs.Add("work_days_per_week", "work_days_invalid")
		return
	}
	if in.WageMin <= 0 {
		errs.Add("wage_min", "wage_invalid")
	} else if region, ok := ref.RegionByCode(in.Region); ok {
		umk, year, _ := UMKFor(in.Region, now)
		floor := UnitFloor(umk, in.WageUnit, in.WorkDays)
		if in.WageMin < floor {
			if !in.BelowUMK || !emp.MaySkipUMK() {
				if in.WageUnit == "month" {
					errs.Add("wage_min", "wage_below_umk", "region", region.Name, "year", year, "umk", Rupiah(umk))
				} else {
					code := map[string]string{"day": "vfacts_below_floor_day", "hour": "vfacts_below_floor_hour",
						"piece": "vfacts_below_floor_piece"}[in.WageUnit]
					errs.Add("wage_min", code, "region", region.Name, "year", year,
						"umk", Rupiah(umk), "floor", Rupiah(floor), "days", in.WorkDays)
				}
			}
		} else {
			in.BelowUMK = false
		}
	}
	if in.WageMax < in.WageMin {
		errs.Add("wage_max", "wage_max_below_min")
	} else if MonthlyWage(in.WageMax, in.WageUnit, in.WorkDays) > 1_000_000_000 {
		errs.Add("wage_max", "wage_invalid")
	}
}

// MonthlyMin and MonthlyMax are the wage range as monthly equivalents.
func (in Input) MonthlyMin() int64 { return MonthlyWage(in.WageMin, in.WageUnit, in.WorkDays) }

// MonthlyMax: see MonthlyMin.
func (in Input) MonthlyMax() int64 { return MonthlyWage(in.WageMax, in.WageUnit, in.WorkDays) }
