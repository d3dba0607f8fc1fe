package complaint

import (
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
)

// UMKCheck is the objective test of a reported wage.
type UMKCheck struct {
	Checked bool  // a wage was reported and a UMK is known for its year
	Below   bool  // the wage is below the UMK
	UMK     int64 // the UMK compared with
	Year    int   // its year
}

// CheckUMK compares a monthly wage paid in region on day on with the UMK:
// that year's, or the latest earlier year's when the year's is not yet in
// the reference data. Years before the data are not checked.
func CheckUMK(region string, on time.Time, wage int64) UMKCheck {
	if wage <= 0 {
		return UMKCheck{}
	}
	best := 0
	for _, w := range ref.MinimumWages() {
		if w.RegionCode == region && w.Year <= on.Year() && w.Year > best {
			best = w.Year
		}
	}
	if best == 0 {
		return UMKCheck{}
	}
	umk, _ := ref.UMK(region, best)
	return UMKCheck{Checked: true, Below: wage < umk, UMK: umk, Year: best}
}
