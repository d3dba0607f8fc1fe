// Package match ranks open vacancies for a job seeker and discoverable job
// seekers for a vacancy, says why for each, and finds the skills that stand
// between seekers and the vacancies near them.
//
// The ranking rule is published (docs/matching.md) and made of integer points
// so that one plain SQL query per seeker (Baseline) computes exactly the same
// ranking as the in-memory Engine; tests and `bursa bench match` hold the two
// to each other.
package match

import (
	"strconv"

	"github.com/bursa-banten/bursa/internal/ref"
)

// Points of each rule. A vacancy's score for a seeker is the sum.
const (
	// PointsSkills is multiplied by the weighted share of the vacancy's
	// required skills the seeker has (integer division).
	PointsSkills = 400
	// Occupation fit: the seeker's sought KBJI occupation and the vacancy's
	// share the unit group (4 digits), minor group (3) or sub-major group (2).
	PointsUnitGroup  = 300
	PointsMinorGroup = 200
	PointsSubMajor   = 100
	// Workplace in the seeker's regency/city, or a neighbouring one.
	PointsSameRegion = 200
	PointsNeighbour  = 100
	// The top of the wage range is at or above what the seeker expects (or
	// the seeker named no wage).
	PointsWage = 100
	// The contract type is one the seeker accepts (or they accept any).
	PointsContract = 50
	// MaxScore is a perfect fit.
	MaxScore = PointsSkills + PointsUnitGroup + PointsSameRegion + PointsWage + PointsContract
)

// SkillWeight is the weight of a skill asked for by df of the open
// vacancies: rare skills weigh more (an inverse-frequency rule in integers,
// from 120 for a skill no one else asks for down to about 21 for one every
// vacancy asks for), so holding a rare required skill moves a seeker up more
// than holding a common one.
func SkillWeight(df, open int) int {
	if open <= 0 {
		return 0
	}
	return 20 + 2000/(1000*df/open+20)
}

// Occupation fit levels.
const (
	OccNone = iota
	OccSubMajor
	OccMinor
	OccUnit
)

// occupationFit compares two KBJI unit-group codes as numbers (7223 → minor
// group 722, sub-major group 72); 0 means not stated.
func occupationFit(a, b uint16) int {
	switch {
	case a == 0 || b == 0:
		return OccNone
	case a == b:
		return OccUnit
	case a/10 == b/10:
		return OccMinor
	case a/100 == b/100:
		return OccSubMajor
	}
	return OccNone
}

var occPoints = [...]int32{OccNone: 0, OccSubMajor: PointsSubMajor, OccMinor: PointsMinorGroup, OccUnit: PointsUnitGroup}

// Place levels.
const (
	PlaceElsewhere = iota
	PlaceNeighbour
	PlaceSame
)

var placePoints = [...]int32{PlaceElsewhere: 0, PlaceNeighbour: PointsNeighbour, PlaceSame: PointsSameRegion}

// kbjiNumber reads a 4-digit KBJI unit group; anything else is 0 (unknown).
func kbjiNumber(code string) uint16 {
	if len(code) != 4 {
		return 0
	}
	n, err := strconv.Atoi(code)
	if err != nil || n <= 0 {
		return 0
	}
	return uint16(n)
}

// contractBit is the bit of a vacancy's contract type in a seeker's set.
func contractBit(code string) uint8 {
	for i, c := range contractTypes {
		if c == code {
			return 1 << i
		}
	}
	return 0
}

// contractTypes mirror seeker.ContractTypes; match does not import the
// seeker store, only reads its tables.
var contractTypes = [...]string{"pkwt", "pkwtt", "harian", "magang"}

// educationRank is the rank of an education code, -1 if unknown (which
// fails every minimum, as NULL does in SQL).
func educationRank(code string) int8 {
	if e, ok := ref.EducationByCode(code); ok {
		return int8(e.Rank)
	}
	return -1
}

// regions numbers Banten's regencies/cities 1..n (0 = unknown) and holds the
// neighbour relation as a table, so scoring never looks up strings.
type regions struct {
	idx       map[string]uint8
	codes     []string
	neighbour [][]bool
	// classes[r] lists, for a seeker in region r, the regions scoring
	// PlaceSame, PlaceNeighbour and PlaceElsewhere, in that order.
	classes [][3][]uint8
}

func newRegions() regions {
	rs := ref.Regions()
	r := regions{idx: map[string]uint8{}, codes: make([]string, len(rs)+1)}
	for i, x := range rs {
		r.idx[x.Code] = uint8(i + 1)
		r.codes[i+1] = x.Code
	}
	r.neighbour = make([][]bool, len(rs)+1)
	for i := range r.neighbour {
		r.neighbour[i] = make([]bool, len(rs)+1)
	}
	for _, x := range rs {
		for _, n := range x.Neighbors {
			if j, ok := r.idx[n]; ok {
				r.neighbour[r.idx[x.Code]][j] = true
			}
		}
	}
	r.classes = make([][3][]uint8, len(rs)+1)
	for a := range r.classes {
		for b := range r.classes {
			c := 2 - r.place(uint8(a), uint8(b)) // PlaceSame first
			r.classes[a][c] = append(r.classes[a][c], uint8(b))
		}
	}
	return r
}

func (r *regions) place(a, b uint8) int {
	switch {
	case a == 0 || b == 0:
		return PlaceElsewhere
	case a == b:
		return PlaceSame
	case r.neighbour[a][b]:
		return PlaceNeighbour
	}
	return PlaceElsewhere
}

// Facts are what the score is made of, for one seeker and one vacancy; they
// are also the reasons shown to people.
type Facts struct {
	GotWeight, ReqWeight int32 // weights of the required skills held / required
	Occupation           int   // OccNone..OccUnit
	Place                int   // PlaceElsewhere..PlaceSame
	WageOK               bool
	ContractOK           bool
	EducationOK          bool
}

// Relevant reports whether a pair is worth showing at all: the seeker has one
// of the skills asked for, or looks for work in the same occupation area.
func (f Facts) Relevant() bool { return f.GotWeight > 0 || f.Occupation != OccNone }

// Score adds up the points. Education below the minimum is a hard filter,
// not a score: such pairs are never ranked.
func (f Facts) Score() int32 {
	var s int32
	if f.ReqWeight > 0 {
		s += PointsSkills * f.GotWeight / f.ReqWeight
	}
	s += occPoints[f.Occupation] + placePoints[f.Place]
	if f.WageOK {
		s += PointsWage
	}
	if f.ContractOK {
		s += PointsContract
	}
	return s
}
