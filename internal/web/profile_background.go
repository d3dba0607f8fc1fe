package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// The profile form's background (address, work history, SIM, languages),
// all without JavaScript. The address is chosen like skills: a search box
// and a search button (name="cari" value="area") answer the same form with
// the matching kecamatan and villages of the chosen regency as radio
// buttons (name="area": a village's 10-digit code or a kecamatan's 6).
// Work history is one fieldset per job plus an empty one to add a job;
// each has a "remove" box. Field names are the domain's error fields
// (experiences.0.employer, licences.A, languages.en), so an error lands on
// its field and the summary's link on the input.

const maxAreaHits = 40

// bgForm is what the form shows of the background: as stored on a first
// view, as posted after a search or an error.
type bgForm struct {
	Area     string // the chosen area code ("" none)
	AreaHits []ref.Area
	AreaNone bool // a search found nothing
	Street   string
	// Exps are the jobs shown, in the order the domain numbers them; the
	// form adds one empty job after them.
	Exps     []seeker.Experience
	Licences map[string]string // class → expiry, for the classes held
	Langs    map[string]string // code → level
}

func bgFromSeeker(b seeker.Background) bgForm {
	f := bgForm{Area: b.Address.Village, Street: b.Address.Street, Exps: b.Experiences,
		Licences: map[string]string{}, Langs: map[string]string{}}
	if f.Area == "" {
		f.Area = b.Address.District
	}
	for _, l := range b.Licences {
		f.Licences[l.Class] = l.ExpiresOn
	}
	for _, l := range b.Languages {
		f.Langs[l.Code] = l.Level
	}
	return f
}

// backgroundFromForm reads the posted background. A job whose "remove"
// box is ticked, or whose fields are all empty (the form's empty job left
// as it is), is left out before the domain numbers the rest.
func backgroundFromForm(r *req) (seeker.Background, bgForm) {
	var b seeker.Background
	f := bgForm{Area: strings.TrimSpace(r.PostFormValue("area")), Street: r.PostFormValue("street"),
		Licences: map[string]string{}, Langs: map[string]string{}}
	switch len(f.Area) {
	case 10:
		b.Address.District, b.Address.Village = f.Area[:6], f.Area
	default:
		b.Address.District = f.Area
	}
	b.Address.Street = f.Street
	n, _ := strconv.Atoi(r.PostFormValue("exp_n"))
	for i := 0; i <= n && i <= seeker.MaxExperiences*2; i++ {
		v := func(name string) string { return r.PostFormValue(fmt.Sprintf("experiences.%d.%s", i, name)) }
		e := seeker.Experience{Employer: v("employer"), Title: v("title"), From: v("from"), To: v("to"),
			Current: v("current") == "1", Description: v("description"), Occupation: v("occupation")}
		if v("remove") == "1" || (strings.TrimSpace(e.Employer+e.Title+e.From+e.To+e.Description+e.Occupation) == "" && !e.Current) {
			continue
		}
		b.Experiences = append(b.Experiences, e)
	}
	f.Exps = b.Experiences
	for _, l := range ref.Licences() {
		if r.PostFormValue("sim."+l.Code) == "1" {
			exp := strings.TrimSpace(r.PostFormValue("licences." + l.Code))
			b.Licences = append(b.Licences, seeker.Licence{Class: l.Code, ExpiresOn: exp})
			f.Licences[l.Code] = exp
		}
	}
	for _, l := range ref.Languages() {
		if lvl := r.PostFormValue("languages." + l.Code); lvl != "" {
			b.Languages = append(b.Languages, seeker.Language{Code: l.Code, Level: lvl})
			f.Langs[l.Code] = lvl
		}
	}
	return b, f
}

// areaSearch fills the address search's answers: the kecamatan and
// villages of the regency chosen on the form (all of Banten before one is
// chosen) matching what was typed, the current choice left out.
func areaSearch(r *req, f *bgForm) {
	q := r.PostFormValue("area_q")
	regency := r.PostFormValue("domicile")
	if _, ok := ref.RegionByCode(regency); !ok {
		regency = ""
	}
	for _, a := range ref.FindAreas(regency, q, maxAreaHits+1) {
		if a.Code() != f.Area && len(f.AreaHits) < maxAreaHits {
			f.AreaHits = append(f.AreaHits, a)
		}
	}
	f.AreaNone = len(f.AreaHits) == 0 && strings.TrimSpace(q) != ""
}

// profileFuncs are the template functions of the profile's background.
func (s *Server) profileFuncs() template.FuncMap {
	return template.FuncMap{
		"licences":   ref.Licences,
		"languages":  ref.Languages,
		"langLevels": func() []string { return ref.LanguageLevels },
		"licenceName": func(code string) string {
			l, _ := ref.LicenceByCode(code)
			return l.Name
		},
		"languageName": func(lang, code string) string {
			l, _ := ref.LanguageByCode(code)
			if lang == "en" {
				return l.NameEN
			}
			return l.Name
		},
		"areaName": ref.AreaName,
		"hasKey":   func(m map[string]string, k string) bool { _, ok := m[k]; return ok },
		// month says a "YYYY-MM" month in words: "Mar 2024".
		"month": func(lang, m string) string {
			t, err := time.Parse("2006-01", m)
			if err != nil {
				return m
			}
			return s.Catalog.T(lang, fmt.Sprintf("profile.month.%d", t.Month())) + " " + strconv.Itoa(t.Year())
		},
		// expIndex numbers the form's jobs; the empty one is last.
		"plus1": func(i int) int { return i + 1 },
	}
}
