package ref

import (
	"strings"
	"unicode"
)

// Finding skills and occupations by what a person types, for forms that
// must work on a phone without JavaScript: the page sends the words, the
// server answers the matching options.

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// matches reports whether every word of q starts a word of one of names:
// "mes jah" finds "Operator mesin jahit", "weld" finds "welding".
func matches(q []string, names ...string) bool {
	if len(q) == 0 {
		return false
	}
	var have []string
	for _, n := range names {
		have = append(have, words(n)...)
	}
	for _, w := range q {
		found := false
		for _, h := range have {
			if strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// FindSkills returns at most limit skills whose Indonesian or English name
// has every word of q as the start of one of its words, in the
// vocabulary's order (by Indonesian name).
func FindSkills(q string, limit int) []Skill {
	qw := words(q)
	var out []Skill
	for _, s := range Skills() {
		if matches(qw, s.Name, s.NameEN) {
			out = append(out, s)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// FindOccupations returns at most limit KBJI unit groups whose title (in
// either language) matches q as FindSkills does, or whose code starts
// with q.
func FindOccupations(q string, limit int) []Occupation {
	qw := words(q)
	var out []Occupation
	for _, o := range Occupations() {
		if matches(qw, o.Title, o.TitleEN) || (len(qw) == 1 && strings.HasPrefix(o.Code, qw[0])) {
			out = append(out, o)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// SkillGroup is a KBJI major group and the found skills used in it, for
// showing suggestions grouped.
type SkillGroup struct {
	Group  OccupationGroup
	Skills []Skill
}

// GroupSkills groups skills by the KBJI major group of the first
// occupation that uses each (skills no occupation names come last, in a
// group with an empty code), keeping their order within a group.
func GroupSkills(skills []Skill) []SkillGroup {
	var out []SkillGroup
	at := map[string]int{}
	for _, s := range skills {
		code := ""
		if len(s.Occupations) > 0 && s.Occupations[0] != "" {
			code = s.Occupations[0][:1]
		}
		i, ok := at[code]
		if !ok {
			g, _ := OccupationGroupByCode(code)
			g.Code = code
			out = append(out, SkillGroup{Group: g})
			i = len(out) - 1
			at[code] = i
		}
		out[i].Skills = append(out[i].Skills, s)
	}
	// Groups in KBJI order, the unnamed one last.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && less(out[j].Group.Code, out[j-1].Group.Code); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func less(a, b string) bool {
	if a == "" || b == "" {
		return b == "" && a != ""
	}
	return a < b
}
