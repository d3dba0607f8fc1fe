package textsearch

import "strings"

// Vocab is what an index knows of its words, for the forgiving matcher.
type Vocab interface {
	// HasStem reports whether some document holds the stem.
	HasStem(stem string) bool
	// Near returns indexed or known words (as written) within maxDist
	// edits of word, closest and commonest first.
	Near(word string, maxDist int) []string
}

// Alt is one way a clause can match: stems in a row (one stem is a word),
// or any stem that starts with Words[0] when Prefix is set.
type Alt struct {
	Words  []string
	Weight float64 // score multiplier: exact 1, synonym and correction less
	Prefix bool
}

// Clause is one requirement of a query: a document must match one of the
// alternatives (or, when Negate, none of them).
type Clause struct {
	Alts   []Alt
	Negate bool
}

// Weights of the ways a word can match: a vacancy with the very word
// typed ranks above one that matched through a synonym or a correction.
const (
	WeightSynonym    = 0.8
	WeightCorrection = 0.6
	WeightPrefix     = 0.5
)

// MaxEdits is the typo tolerance for a word: one edit from 5 letters,
// two from 9, none for shorter words (too many short words are one edit
// apart: "las", "lab", "lap").
func MaxEdits(word string) int {
	switch n := len([]rune(word)); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// Forgiving turns parsed queries into clauses: words are stemmed, job
// titles expanded to their synonyms, and words no document holds
// corrected to the nearest known words.
type Forgiving struct {
	Stemmer  *Stemmer
	Synonyms *Synonyms
}

// DefaultForgiving uses the shipped roots and synonyms.
func DefaultForgiving() Forgiving {
	return Forgiving{Stemmer: DefaultStemmer(), Synonyms: DefaultSynonyms()}
}

// maxCorrections caps the words one typo may stand for.
const maxCorrections = 3

// Clauses analyses q against an index's vocabulary. The zero Forgiving is
// literal, as the database indexes match: every word a prefix, phrases as
// typed, nothing stemmed, expanded or corrected.
func (f Forgiving) Clauses(q Query, v Vocab) []Clause {
	if f.Stemmer == nil {
		var out []Clause
		for _, t := range q.Terms {
			a := Alt{Words: t.Words, Weight: 1, Prefix: len(t.Words) == 1}
			out = append(out, Clause{Alts: []Alt{a}, Negate: t.Negate})
		}
		return out
	}
	var out []Clause
	var run []string // consecutive positive single words
	flush := func() {
		out = append(out, f.words(run, v)...)
		run = run[:0]
	}
	for _, t := range q.Terms {
		if len(t.Words) == 1 && !t.Negate {
			run = append(run, t.Words[0])
			continue
		}
		flush()
		stems := make([]string, len(t.Words))
		for i, w := range t.Words {
			stems[i] = f.Stemmer.Stem(w)
		}
		// A phrase or an exclusion means what was typed: no synonyms, no
		// corrections, only the stems.
		out = append(out, Clause{Alts: []Alt{{Words: stems, Weight: 1}}, Negate: t.Negate})
	}
	flush()
	return out
}

func (f Forgiving) known(stem string, v Vocab) bool {
	return v.HasStem(stem) || (f.Synonyms != nil && f.Synonyms.Has(stem))
}

// words makes clauses of a run of plain words.
func (f Forgiving) words(run []string, v Vocab) []Clause {
	if len(run) == 0 {
		return nil
	}
	stems := make([]string, len(run))
	fixes := make([][]string, len(run)) // stems of corrections, best first
	primary := make([]string, len(run)) // the stem synonyms are looked up by
	for i, w := range run {
		stems[i] = f.Stemmer.Stem(w)
		primary[i] = stems[i]
		if f.known(stems[i], v) {
			continue
		}
		if k := MaxEdits(w); k > 0 {
			seen := map[string]bool{stems[i]: true}
			for _, near := range v.Near(w, k) {
				s := f.Stemmer.Stem(near)
				if !seen[s] && len(fixes[i]) < maxCorrections {
					seen[s] = true
					fixes[i] = append(fixes[i], s)
				}
			}
			if len(fixes[i]) > 0 {
				primary[i] = fixes[i][0]
			}
		}
	}
	var out []Clause
	for i := 0; i < len(run); {
		if n, alts := f.Synonyms.Match(primary, i); f.Synonyms != nil && n > 0 {
			c := Clause{}
			for j, a := range alts {
				w := WeightSynonym
				if j == 0 {
					w = 1
					if n == 1 && primary[i] != stems[i] {
						w = WeightCorrection
					}
				}
				c.Alts = append(c.Alts, Alt{Words: a, Weight: w})
			}
			out = append(out, c.pruned())
			i += n
			continue
		}
		c := Clause{Alts: []Alt{{Words: []string{stems[i]}, Weight: 1}}}
		for _, s := range fixes[i] {
			c.Alts = append(c.Alts, Alt{Words: []string{s}, Weight: WeightCorrection})
		}
		if len(fixes[i]) == 0 && !f.known(stems[i], v) && len([]rune(run[i])) >= 4 {
			// Not a word anyone wrote and not a typo of one: perhaps the
			// start of one ("opera" for "operator").
			c.Alts = append(c.Alts, Alt{Words: []string{run[i]}, Weight: WeightPrefix, Prefix: true})
		}
		out = append(out, c)
		i++
	}
	return out
}

// Suggest returns the query with each word no document holds replaced by
// the nearest known word (within two edits, one for words under five
// letters), for a "Did you mean" on an empty result; "" when nothing
// would change.
func (f Forgiving) Suggest(q Query, v Vocab) string {
	if f.Stemmer == nil {
		return ""
	}
	changed := false
	var parts []string
	for _, t := range q.Terms {
		words := append([]string(nil), t.Words...)
		if !t.Negate {
			for i, w := range words {
				if len([]rune(w)) < 3 || f.known(f.Stemmer.Stem(w), v) {
					continue
				}
				k := 2
				if len([]rune(w)) < 5 {
					k = 1
				}
				if near := v.Near(w, k); len(near) > 0 {
					words[i], changed = near[0], true
				}
			}
		}
		s := strings.Join(words, " ")
		if len(words) > 1 {
			s = `"` + s + `"`
		}
		if t.Negate {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	if !changed {
		return ""
	}
	return strings.Join(parts, " ")
}

// pruned drops the phrase alternatives that hold one of the clause's
// one-word alternatives: a document with "operator las" already matches
// "las", and checking the phrase is the costly part of a search.
func (c Clause) pruned() Clause {
	single := map[string]bool{}
	for _, a := range c.Alts {
		if len(a.Words) == 1 && !a.Prefix {
			single[a.Words[0]] = true
		}
	}
	kept := c.Alts[:0]
	for i, a := range c.Alts {
		redundant := false
		if len(a.Words) > 1 && i > 0 {
			for _, w := range a.Words {
				redundant = redundant || single[w]
			}
		}
		if !redundant {
			kept = append(kept, a)
		}
	}
	c.Alts = kept
	return c
}
