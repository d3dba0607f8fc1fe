package ref

import "sort"

// Region is a regency (kabupaten) or city (kota) of Banten.
type Region struct {
	Code       string   // "3672"
	Name       string   // "Kota Cilegon"
	Kind       string   // "kabupaten" or "kota"
	Neighbors  []string // codes of bordering Banten regencies/cities
	Outside    []string // bordering areas of other provinces
	LaborForce int      // persons in the labor force (estimate, see data/regions.csv)
	Source     string
}

// Regions returns Banten's 8 regencies and cities in code order.
func Regions() []Region { return load().regions }

// RegionByCode returns the region with a 4-digit code.
func RegionByCode(code string) (Region, bool) {
	t := load()
	i, ok := t.regionIdx[code]
	if !ok {
		return Region{}, false
	}
	return t.regions[i], true
}

// IsNeighbor reports whether two different regions share a border.
func IsNeighbor(a, b string) bool {
	r, ok := RegionByCode(a)
	if !ok || a == b {
		return false
	}
	for _, n := range r.Neighbors {
		if n == b {
			return true
		}
	}
	return false
}

// District is a kecamatan; Code has 6 digits ("360101").
type District struct{ Code, Name, RegionCode string }

// Village is a kelurahan or desa; Code has 10 digits.
type Village struct{ Code, Name, DistrictCode string }

// Districts lists the kecamatan of a region.
func Districts(regionCode string) []District { return load().districts[regionCode] }

// Villages lists the kelurahan/desa of a kecamatan.
func Villages(districtCode string) []Village { return load().villages[districtCode] }

// MinimumWage is a UMK (RegionCode of a regency/city) or the UMP (RegionCode "36").
type MinimumWage struct {
	RegionCode string
	Year       int
	Amount     int64
	Source     string
}

// MinimumWages lists every minimum wage in the data.
func MinimumWages() []MinimumWage {
	var out []MinimumWage
	for _, w := range load().wages {
		if w.RegionCode != "36" {
			out = append(out, w)
		}
	}
	return out
}

func wage(region string, year int) (int64, bool) {
	for _, w := range load().wages {
		if w.RegionCode == region && w.Year == year {
			return w.Amount, true
		}
	}
	return 0, false
}

// UMK returns a regency/city's monthly minimum wage for a year.
func UMK(regionCode string, year int) (int64, bool) {
	if regionCode == "36" {
		return 0, false
	}
	return wage(regionCode, year)
}

// UMP returns Banten's provincial minimum wage for a year.
func UMP(year int) (int64, bool) { return wage("36", year) }

// Education is a level of schooling; Rank orders them (SMA = SMK).
type Education struct {
	Code   string
	Rank   int
	Name   string
	NameEN string
}

// EducationLevels lists the levels from lowest to highest.
func EducationLevels() []Education { return load().educations }

// EducationByCode returns one level.
func EducationByCode(code string) (Education, bool) {
	for _, e := range load().educations {
		if e.Code == code {
			return e, true
		}
	}
	return Education{}, false
}

// Occupation is a KBJI 2014 unit group.
type Occupation struct {
	Code    string // 4 digits
	Title   string
	TitleEN string
}

// Major is the 1-digit major group.
func (o Occupation) Major() string { return o.Code[:1] }

// SubMajor is the 2-digit sub-major group.
func (o Occupation) SubMajor() string { return o.Code[:2] }

// Minor is the 3-digit minor group.
func (o Occupation) Minor() string { return o.Code[:3] }

// Occupations lists the unit groups, sorted by code.
func Occupations() []Occupation { return load().occupations }

// OccupationByCode returns one unit group.
func OccupationByCode(code string) (Occupation, bool) {
	occ := load().occupations
	i := searchCode(len(occ), func(i int) string { return occ[i].Code }, code)
	if i < 0 {
		return Occupation{}, false
	}
	return occ[i], true
}

func searchCode(n int, at func(int) string, code string) int {
	lo, hi := 0, n
	for lo < hi {
		m := (lo + hi) / 2
		if at(m) < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < n && at(lo) == code {
		return lo
	}
	return -1
}

// OccupationGroup is a KBJI major (1 digit), sub-major (2) or minor (3) group.
type OccupationGroup struct{ Code, Title, TitleEN string }

// OccupationGroupByCode returns one group.
func OccupationGroupByCode(code string) (OccupationGroup, bool) {
	g := load().groups
	i := searchCode(len(g), func(i int) string { return g[i].Code }, code)
	if i < 0 {
		return OccupationGroup{}, false
	}
	return g[i], true
}

// KBLISection is a section of the business classification.
type KBLISection struct {
	Code    string // "A".."U"
	Title   string
	TitleEN string
	Version string // "2020"
}

// KBLISections lists the 21 sections of KBLI 2020.
func KBLISections() []KBLISection { return load().kbli }

// KBLISectionByCode returns one section.
func KBLISectionByCode(code string) (KBLISection, bool) {
	for _, k := range load().kbli {
		if k.Code == code {
			return k, true
		}
	}
	return KBLISection{}, false
}

// Skill is an entry of the skills vocabulary.
type Skill struct {
	Code        string // stable slug, e.g. "las-smaw"
	Name        string // Indonesian
	NameEN      string
	Occupations []string // KBJI unit groups that use it
}

// Skills lists the vocabulary sorted by Indonesian name.
func Skills() []Skill { return load().skills }

// SkillByCode returns one skill.
func SkillByCode(code string) (Skill, bool) {
	t := load()
	i, ok := t.skillIdx[code]
	if !ok {
		return Skill{}, false
	}
	return t.skills[i], true
}

// SkillsForOccupation lists the skills tied to a KBJI unit group.
func SkillsForOccupation(kbji string) []Skill { return load().skillsByOcc[kbji] }

// CleanSkills drops empty and repeated codes and sorts the rest; unknown is
// the first code that is not in the vocabulary ("" when all are known).
func CleanSkills(codes []string) (clean []string, unknown string) {
	seen := map[string]bool{}
	for _, c := range codes {
		if c == "" || seen[c] {
			continue
		}
		if _, ok := SkillByCode(c); !ok {
			return nil, c
		}
		seen[c] = true
		clean = append(clean, c)
	}
	sort.Strings(clean)
	return clean, ""
}

// AlphaRange is the range of α a regulation sets for the minimum-wage
// formula from FromYear on.
type AlphaRange struct {
	FromYear int
	Min, Max float64
	Source   string
}

// AlphaRanges lists the ranges in the data, oldest first.
func AlphaRanges() []AlphaRange { return load().alphas }

// AlphaFor returns the α range for the minimum wage of year: the latest
// regulation in force by then. A year after the last regulation keeps its
// range until a new one is entered in data/alpha.csv; a year before the
// first has none.
func AlphaFor(year int) (AlphaRange, bool) {
	var out AlphaRange
	found := false
	for _, a := range load().alphas {
		if a.FromYear <= year {
			out, found = a, true
		}
	}
	return out, found
}
