package ref

import (
	"fmt"
	"strconv"
	"sync"
)

// Unemployment is one open unemployment rate (TPT) of BPS's August labor
// force survey. Found is false where no public source was found: the rate
// is missing, and must be shown as missing, never as 0.
type Unemployment struct {
	Area   string // "ID" Indonesia, "36" Banten, or a regency/city code
	Year   int
	Rate   float64 // percent
	Found  bool
	Source string
}

// tptFile names the TPT table, shipped with its sources in data/.
const tptFile = "tpt.csv"

var loadTPT = sync.OnceValue(func() []Unemployment {
	rows, err := readCSV(tptFile)
	if err != nil {
		panic("ref: " + err.Error())
	}
	out := make([]Unemployment, 0, len(rows))
	for _, r := range rows {
		if len(r) != 4 {
			panic(fmt.Sprintf("ref: %s: %d fields in %v", tptFile, len(r), r))
		}
		y, err := strconv.Atoi(r[1])
		if err != nil {
			panic("ref: " + tptFile + ": " + err.Error())
		}
		u := Unemployment{Area: r[0], Year: y, Source: r[3]}
		if r[2] != "" {
			if u.Rate, err = strconv.ParseFloat(r[2], 64); err != nil {
				panic("ref: " + tptFile + ": " + err.Error())
			}
			u.Found = true
		}
		out = append(out, u)
	}
	return out
})

// UnemploymentRates returns BPS's TPT for Indonesia, Banten and each
// regency/city, 2023 onwards, in file order (area, then year).
func UnemploymentRates() []Unemployment { return loadTPT() }
