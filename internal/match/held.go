package match

import (
	"strings"

	"github.com/bursa-banten/bursa/internal/ref"
)

// heldSkillsSQL selects (seeker_id, skill) for every skill a seeker holds:
// the skills they ticked, and those their driving licences and languages
// stand for (ref.Licence.Skill, ref.Language.Skill at a working level), so a
// vacancy asking for "SIM A" or "Bahasa Jepang" counts a seeker who gave
// the licence or the language in their profile, and the hit's reasons name
// it as a matched skill. UNION drops a skill held both ways, so it is
// counted once. Both the engine (refresh.go) and Baseline read it.
func heldSkillsSQL() string {
	var lic, lang []string
	for _, l := range ref.Licences() {
		if l.Skill != "" {
			lic = append(lic, "WHEN '"+l.Code+"' THEN '"+l.Skill+"'")
		}
	}
	for _, l := range ref.Languages() {
		if l.Skill != "" {
			lang = append(lang, "WHEN '"+l.Code+"' THEN '"+l.Skill+"'")
		}
	}
	return `SELECT seeker_id, skill FROM seeker_skills
	UNION SELECT seeker_id, CASE class ` + strings.Join(lic, " ") + ` END AS skill FROM seeker_licences
		WHERE class IN (` + quoted(ref.Licences(), func(l ref.Licence) (string, bool) { return l.Code, l.Skill != "" }) + `)
	UNION SELECT seeker_id, CASE lang ` + strings.Join(lang, " ") + ` END AS skill FROM seeker_languages
		WHERE level IN ('` + strings.Join(ref.SkillLanguageLevels, "', '") + `')
		AND lang IN (` + quoted(ref.Languages(), func(l ref.Language) (string, bool) { return l.Code, l.Skill != "" }) + `)`
}

// quoted lists the codes of xs that keep says to, as SQL string literals.
// The codes are the shipped reference tables', never user input.
func quoted[T any](xs []T, keep func(T) (string, bool)) string {
	var out []string
	for _, x := range xs {
		if c, ok := keep(x); ok {
			out = append(out, "'"+c+"'")
		}
	}
	return strings.Join(out, ", ")
}
