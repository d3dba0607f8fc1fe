// Package wage is the wage council's workspace (Dewan Pengupahan) and the LKS
// Tripartit's agenda: the national minimum-wage formula with the α range of
// the year's regulation, the council's inputs with their BPS sources, each
// party's proposal per regency, the bursa figures the parties cite, the
// council's published recommendation, and the tripartite body's meetings,
// agenda items and recommendations with their follow-up.
package wage

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Store keeps the council's and the tripartite body's records.
type Store struct {
	DB  *db.DB
	Now func() time.Time

	// figs keeps each year's bursa figures for figuresTTL: they count a
	// whole past year, so a few minutes' delay changes nothing, and the
	// public page need not count a year of vacancies on every view.
	mu   sync.Mutex
	figs map[int]cachedFigures
}

type cachedFigures struct {
	at   time.Time
	figs []Figures
}

// figuresTTL is how long the page's bursa figures are reused.
const figuresTTL = 5 * time.Minute

// Parties of the wage council (Keppres 107/2004, PP 36/2021 as amended).
const (
	Government = "pemerintah" // the provincial government (Disnakertrans)
	Employers  = "pengusaha"  // the employers' association (Apindo)
	Unions     = "serikat"    // trade unions
	Academics  = "akademisi"  // academics and experts
)

// Parties in the order pages show them.
var Parties = []string{Government, Employers, Unions, Academics}

// ProvinceCode is the code under which the province's inflation is kept.
const ProvinceCode = "36"

// Public log record kinds written by this package.
const (
	LedgerRecommendation = ledger.WageRecommendation
	LedgerTripartite     = ledger.TripartiteRecommendation
)

// SimInput is one simulation: percents, α as a fraction.
type SimInput struct {
	Year      int
	Region    string
	Inflation float64 // %, province, September to September
	Growth    float64 // %, the region's economic growth
	Alpha     float64
}

// Simulation is a simulated minimum wage with what it was computed from.
type Simulation struct {
	SimInput
	BaseYear int
	Base     int64 // the region's UMK of BaseYear
	UMK      int64
	Change   int64
	// ChangePct is the change in percent of Base, rounded to 2 decimals.
	ChangePct float64
	Range     ref.AlphaRange
}

// Formula computes UM(t+1) = UM(t) + (inflation + growth × α) × UM(t) with
// inflation and growth in percent, rounded to the rupiah.
func Formula(base int64, inflation, growth, alpha float64) int64 {
	return base + int64(math.Round(float64(base)*(inflation+growth*alpha)/100))
}

// Simulate computes a regency's minimum wage for a year from its UMK of the
// year before. It writes nothing and reads only reference data, so anyone
// may simulate, logged in or not (docs/wage-council.md).
func (s *Store) Simulate(ctx context.Context, u *auth.User, in SimInput) (Simulation, error) {
	var errs valid.Errors
	r, base, ok := checkSim(&errs, in)
	if err := errs.Err(); err != nil || !ok {
		return Simulation{}, err
	}
	return simulate(in, base, r), nil
}

func simulate(in SimInput, base int64, r ref.AlphaRange) Simulation {
	umk := Formula(base, in.Inflation, in.Growth, in.Alpha)
	return Simulation{SimInput: in, BaseYear: in.Year - 1, Base: base, UMK: umk, Change: umk - base,
		ChangePct: pct(umk-base, base), Range: r}
}

func pct(change, base int64) float64 {
	if base == 0 {
		return 0
	}
	return math.Round(float64(change)*10000/float64(base)) / 100
}

// checkSim validates a simulation and returns the year's α range and the
// base UMK; ok is false when errs got an error.
func checkSim(errs *valid.Errors, in SimInput) (ref.AlphaRange, int64, bool) {
	r, known := ref.AlphaFor(in.Year)
	if !known {
		errs.Add("year", "wage_year_unknown")
	}
	base, hasBase := ref.UMK(in.Region, in.Year-1)
	if _, isRegion := ref.RegionByCode(in.Region); !isRegion {
		errs.Add("region", "choose_one")
	} else if known && !hasBase {
		errs.Add("year", "wage_no_base", "year", in.Year-1)
	}
	checkAlpha(errs, "alpha", in.Alpha, r, known)
	checkPercent(errs, "inflation", in.Inflation)
	checkPercent(errs, "growth", in.Growth)
	return r, base, len(*errs) == 0
}

// alphaTolerance absorbs binary floating point: 0.1 read from JSON is
// within range 0.10–0.30 even if it prints as 0.09999….
const alphaTolerance = 1e-9

func checkAlpha(errs *valid.Errors, field string, alpha float64, r ref.AlphaRange, known bool) {
	if !known {
		return
	}
	if math.IsNaN(alpha) || alpha < r.Min-alphaTolerance || alpha > r.Max+alphaTolerance {
		errs.Add(field, "wage_alpha_range", "min", fmt.Sprintf("%.2f", r.Min), "max", fmt.Sprintf("%.2f", r.Max), "source", r.Source)
	}
}

// checkPercent bounds inflation and growth to what an economy has shown:
// a typo (25 for 2.5, 250 for 2.50) is caught rather than simulated.
func checkPercent(errs *valid.Errors, field string, v float64) {
	if math.IsNaN(v) || v < -20 || v > 30 {
		errs.Add(field, "wage_percent_range", "min", -20, "max", 30)
	}
}

// hundredths stores a percent or α exactly in hundredths.
func hundredths(v float64) int64 { return int64(math.Round(v * 100)) }

func fromHundredths(c int64) float64 { return float64(c) / 100 }

// NextYear is the year of the next wage to set: the year after the latest
// UMK in the reference data. Pages and the demo open it rather than the
// calendar's next year, so a round always has the UMK it starts from.
func NextYear() int {
	last := 0
	for _, w := range ref.MinimumWages() {
		last = max(last, w.Year)
	}
	return last + 1
}
