// Package screen reads a vacancy before it goes live and names what in it
// breaks bursa's rules: a fee asked of workers (the vacancy is held for a
// petugas), a discriminatory requirement (flagged; the employer may give a
// genuine job reason) and a contact outside bursa for applying (flagged).
// Every rule is explainable: a code, a message id and the law or rule
// behind it. The package is pure: no database, no clock.
package screen

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rule codes.
const (
	Fee        = "fee"        // a payment asked of the applicant
	Age        = "age"        // an upper age limit
	Marital    = "marital"    // marital status or pregnancy
	Appearance = "appearance" // looks
	Body       = "body"       // height or weight
	Religion   = "religion"
	Ethnicity  = "ethnicity"
	Sex        = "sex"     // one sex only
	Contact    = "contact" // apply outside bursa (WhatsApp, phone, e-mail)
)

// Rule explains one code.
type Rule struct {
	Code string
	// Hold: a vacancy with this flag waits for a petugas before anyone
	// sees it. Otherwise the flagged sentence is hidden from the public
	// until a petugas accepts the employer's reason (or it is removed).
	Hold bool
	// Reasonable: the employer may give a genuine job reason.
	Reasonable bool
	// Law is the rule behind the code, as cited on the pages and in
	// docs/screening.md.
	Law string
}

// Message is the message id that explains code to the employer.
func Message(code string) string { return "screen.rule." + code }

// LawMessage is the message id that names the law behind code in words.
func LawMessage(code string) string { return "screen.law." + code }

// Rules lists every rule in the order pages show them.
var Rules = []Rule{
	{Code: Fee, Hold: true, Law: "bursa (applying is free); UU 13/2003 art. 38; Permenaker 39/2016"},
	{Code: Age, Reasonable: true, Law: "UU 13/2003 arts. 5–6"},
	{Code: Marital, Reasonable: true, Law: "UU 13/2003 arts. 5–6"},
	{Code: Appearance, Reasonable: true, Law: "UU 13/2003 arts. 5–6"},
	{Code: Body, Reasonable: true, Law: "UU 13/2003 arts. 5–6; UU 8/2016"},
	{Code: Religion, Reasonable: true, Law: "UU 13/2003 arts. 5–6"},
	{Code: Ethnicity, Reasonable: true, Law: "UU 13/2003 arts. 5–6"},
	{Code: Sex, Reasonable: true, Law: "UU 13/2003 arts. 5–6"},
	{Code: Contact, Law: "bursa (applications on the timeline)"},
}

// RuleOf returns the rule of code.
func RuleOf(code string) (Rule, bool) {
	for _, r := range Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Input is what is screened.
type Input struct {
	Title       string
	Description string
	// AgeMax is the form's upper age field: any value is an age cap.
	AgeMax int
}

// Field names of a flag.
const (
	FieldTitle       = "title"
	FieldDescription = "description"
	FieldAgeMax      = "age_max"
)

// Flag is one finding.
type Flag struct {
	Code  string
	Field string
	// Detail is the sentence as the employer wrote it (the whole title, or
	// "age_max=25" for the field): what the petugas reads and, for a
	// description flag, what the public page leaves out.
	Detail string
}

// Hold reports whether flags hold a vacancy for a petugas.
func Hold(flags []Flag) bool {
	for _, f := range flags {
		if r, _ := RuleOf(f.Code); r.Hold {
			return true
		}
	}
	return false
}

// Check screens in and returns its flags: one per rule and sentence, in the
// order of the text.
func Check(in Input) []Flag {
	var out []Flag
	for _, c := range checkText(in.Title) {
		out = append(out, Flag{Code: c, Field: FieldTitle, Detail: clip(strings.TrimSpace(in.Title))})
	}
	for _, s := range Sentences(in.Description) {
		for _, c := range checkText(s) {
			out = append(out, Flag{Code: c, Field: FieldDescription, Detail: s})
		}
	}
	if in.AgeMax > 0 {
		out = append(out, Flag{Code: Age, Field: FieldAgeMax, Detail: "age_max=" + strconv.Itoa(in.AgeMax)})
	}
	return out
}

// Codes returns the distinct codes that text trips, sorted as Rules.
func Codes(text string) []string {
	seen := map[string]bool{}
	for _, s := range Sentences(text) {
		for _, c := range checkText(s) {
			seen[c] = true
		}
	}
	var out []string
	for _, r := range Rules {
		if seen[r.Code] {
			out = append(out, r.Code)
		}
	}
	return out
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 300 {
		return s
	}
	return string([]rune(s)[:300]) + "…"
}

var reSentenceEnd = regexp.MustCompile(`[.!?;]+(\s+|$)|\s*\n+\s*|\s[•·]\s`)

// abbrevDot are short forms written with a dot that do not end a sentence.
var abbrevDot = map[string]bool{"s.d": true, "jl": true, "no": true, "kab": true, "kec": true, "kel": true, "rt": true,
	"rw": true, "pt": true, "cv": true, "hub": true, "bpk": true, "ibu": true, "a.n": true, "an": true, "dr": true, "h": true,
	"sd": true, "s": true, "d": true, "tbk": true, "kp": true, "ds": true, "gg": true, "telp": true, "tlp": true}

// span is one sentence of a text: text[start:end] holds it (untrimmed),
// text[end:next] the punctuation and space after it.
type span struct{ start, end, next int }

// sentence returns the sentence of sp as the rules and flags see it.
func (sp span) sentence(text string) string {
	return clip(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text[sp.start:sp.end]), "-•*·>")))
}

func spans(text string) []span {
	var out []span
	locs := reSentenceEnd.FindAllStringIndex(text, -1)
	start := 0
	for n := 0; n <= len(locs); n++ {
		end, next := len(text), len(text)
		if n < len(locs) {
			end, next = locs[n][0], locs[n][1]
			if strings.HasPrefix(text[end:next], ".") {
				// "s.d. 30", "Jl. Raya": the dot of a short form.
				f := strings.Fields(text[start:end])
				if len(f) > 0 && abbrevDot[strings.ToLower(strings.TrimLeft(f[len(f)-1], "(-"))] {
					continue
				}
			}
		}
		out = append(out, span{start, end, next})
		start = next
	}
	return out
}

// Sentences splits a description into the units the rules read and the
// public page can leave out: lines, and sentences within them. Amounts
// ("Rp 500.000") stay whole, since their dots have no space after them.
func Sentences(text string) []string {
	var out []string
	for _, sp := range spans(text) {
		if s := sp.sentence(text); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Redact returns text without the sentences in hide (exact Detail strings
// of flags not accepted); the rest keeps its own words and punctuation.
func Redact(text string, hide map[string]bool) string {
	if len(hide) == 0 {
		return text
	}
	var b strings.Builder
	for _, sp := range spans(text) {
		if hide[sp.sentence(text)] {
			// Keep a line break the hidden sentence ended with.
			if strings.Contains(text[sp.end:sp.next], "\n") {
				b.WriteString("\n")
			}
			continue
		}
		b.WriteString(text[sp.start:sp.next])
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// Piece is a run of a text, marked when it is one of the sentences asked
// for (a petugas's page highlights the flagged sentences in place).
type Piece struct {
	Text string
	Mark bool
}

// Mark cuts text into pieces, marking the sentences in marked.
func Mark(text string, marked map[string]bool) []Piece {
	var out []Piece
	for _, sp := range spans(text) {
		if marked[sp.sentence(text)] {
			out = append(out, Piece{Text: text[sp.start:sp.end], Mark: true}, Piece{Text: text[sp.end:sp.next]})
			continue
		}
		if n := len(out); n > 0 && !out[n-1].Mark {
			out[n-1].Text += text[sp.start:sp.next]
		} else {
			out = append(out, Piece{Text: text[sp.start:sp.next]})
		}
	}
	return out
}

// AsksFee reports whether text asks the reader for money by the fee rule:
// the same check that holds a vacancy, applied to a company's message in an
// application's thread (vacancy.Store.FeeText), so the seeker is warned.
func AsksFee(text string) bool {
	return slices.Contains(Codes(text), Fee)
}
