package ref

import "strings"

// Driving licences and languages a job seeker can name on their profile,
// and the kecamatan/village search of the address picker.

// Licence is a class of SIM (surat izin mengemudi). The classes are those
// of Perpol 5/2021 (Peraturan Kepolisian Negara RI Nomor 5 Tahun 2021
// tentang Penerbitan dan Penandaan SIM), Pasal 3: for persons A, B I, B II,
// C, C I, C II, D, D I; for public transport ("umum") A, B I and B II Umum.
// D and D I are for drivers with disabilities (equivalent to C and A).
// Skill is the skills-vocabulary code the licence stands for when a
// vacancy asks for it ("" when the vocabulary has none), so a vacancy
// asking for "SIM A" matches a seeker holding class A.
type Licence struct {
	Code, Name, NameEN, Skill string
}

var licences = []Licence{
	{"A", "SIM A", "Class A (cars up to 3,500 kg)", "sim-a"},
	{"AU", "SIM A Umum", "Class A, public transport", "sim-a"},
	{"B1", "SIM B I", "Class B I (buses, lorries over 3,500 kg)", "sim-b1"},
	{"B1U", "SIM B I Umum", "Class B I, public transport", "sim-b1"},
	{"B2", "SIM B II", "Class B II (heavy equipment, trailers)", ""},
	{"B2U", "SIM B II Umum", "Class B II, public transport", "sim-b2"},
	{"C", "SIM C", "Class C (motorcycles up to 250 cc)", "sim-c"},
	{"C1", "SIM C I", "Class C I (motorcycles 250–500 cc)", "sim-c"},
	{"C2", "SIM C II", "Class C II (motorcycles over 500 cc)", "sim-c"},
	{"D", "SIM D", "Class D (disabled riders, like C)", ""},
	{"D1", "SIM D I", "Class D I (disabled drivers, like A)", ""},
}

// Licences lists the SIM classes in the order of Perpol 5/2021.
func Licences() []Licence { return licences }

// LicenceByCode returns the SIM class with code ("A", "B1U", ...).
func LicenceByCode(code string) (Licence, bool) {
	for _, l := range licences {
		if l.Code == code {
			return l, true
		}
	}
	return Licence{}, false
}

// Language is a language a seeker may speak, from a small shipped list:
// Indonesian, the foreign languages Banten's employers (factories with
// Chinese, Japanese and Korean owners, tourism, work abroad) ask for, and
// the province's regional languages (Sunda, Jawa Banten). Skill is the
// skills-vocabulary code it stands for, as Licence.Skill.
type Language struct {
	Code, Name, NameEN, Skill string
}

var languages = []Language{
	{"id", "Bahasa Indonesia", "Indonesian", ""},
	{"en", "Bahasa Inggris", "English", "bahasa-inggris"},
	{"zh", "Bahasa Mandarin", "Mandarin Chinese", "bahasa-mandarin"},
	{"ja", "Bahasa Jepang", "Japanese", "bahasa-jepang"},
	{"ko", "Bahasa Korea", "Korean", "bahasa-korea"},
	{"ar", "Bahasa Arab", "Arabic", ""},
	{"su", "Bahasa Sunda", "Sundanese", ""},
	{"jv", "Bahasa Jawa", "Javanese", ""},
}

// Languages lists the shipped languages.
func Languages() []Language { return languages }

// LanguageByCode returns the language with an ISO 639-1 code.
func LanguageByCode(code string) (Language, bool) {
	for _, l := range languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// LanguageLevels are how well a seeker says they speak a language, lowest
// first.
var LanguageLevels = []string{"dasar", "menengah", "lancar"}

// SkillLanguageLevels are the levels at which a language counts as the
// vocabulary's skill for matching: "dasar" (a few words) does not.
var SkillLanguageLevels = []string{"menengah", "lancar"}

// DistrictByCode returns the kecamatan with a 6-digit code.
func DistrictByCode(code string) (District, bool) {
	if len(code) != 6 {
		return District{}, false
	}
	for _, d := range Districts(code[:4]) {
		if d.Code == code {
			return d, true
		}
	}
	return District{}, false
}

// VillageByCode returns the kelurahan/desa with a 10-digit code.
func VillageByCode(code string) (Village, bool) {
	if len(code) != 10 {
		return Village{}, false
	}
	for _, v := range Villages(code[:6]) {
		if v.Code == code {
			return v, true
		}
	}
	return Village{}, false
}

// Area is one answer of the address search: a kecamatan alone (Village
// empty) or a village with its kecamatan.
type Area struct {
	District District
	Village  Village
}

// Code is the area's code: the village's 10 digits, or the kecamatan's 6.
func (a Area) Code() string {
	if a.Village.Code != "" {
		return a.Village.Code
	}
	return a.District.Code
}

// FindAreas returns at most limit kecamatan and villages of regency (all
// of Banten when regency is "") whose names match q as FindSkills does: a
// kecamatan whose name matches comes with all its villages, so typing the
// kecamatan's name and then choosing the village works; a village matches
// by its own name. In code order, each kecamatan before its villages.
func FindAreas(regency, q string, limit int) []Area {
	qw := words(q)
	if len(qw) == 0 {
		return nil
	}
	var out []Area
	for _, r := range Regions() {
		if regency != "" && r.Code != regency {
			continue
		}
		for _, d := range Districts(r.Code) {
			whole := matches(qw, d.Name) || matches(qw, "kecamatan "+d.Name)
			if whole {
				out = append(out, Area{District: d})
			}
			for _, v := range Villages(d.Code) {
				if len(out) >= limit {
					return out
				}
				if whole || matches(qw, v.Name) || matches(qw, v.Name+" "+d.Name) {
					out = append(out, Area{District: d, Village: v})
				}
			}
			if len(out) >= limit {
				return out[:limit]
			}
		}
	}
	return out
}

// AreaName says a kecamatan/village code in words: "Sukamulya, Kec.
// Cikupa" or "Kec. Cikupa"; "" for an unknown code.
func AreaName(code string) string {
	var parts []string
	if v, ok := VillageByCode(code); ok {
		parts = append(parts, v.Name)
		code = code[:6]
	}
	d, ok := DistrictByCode(code)
	if !ok {
		return ""
	}
	return strings.Join(append(parts, "Kec. "+d.Name), ", ")
}
