// Package textsearch parses what a person types into a search box into a
// small, safe query (words, "quoted phrases", -excluded words) and renders it
// for SQLite FTS5 or PostgreSQL tsquery. Only letters and digits reach the
// database engines' query languages, so no input can break their syntax.
package textsearch

import (
	"strings"
	"unicode"
)

// Term is one element of a query: a word or a phrase (several words in order).
type Term struct {
	Words  []string
	Negate bool
}

// Query is a parsed search query. The zero value matches everything.
type Query struct {
	Terms []Term
}

// Limits keep a query cheap whatever is typed.
const (
	maxTerms    = 12
	maxWordLen  = 40
	maxPhraseLn = 6
)

// Parse reads a query. It never fails: characters other than letters and
// digits separate words, a leading '-' excludes a word or phrase, and double
// quotes group a phrase (an unclosed quote runs to the end).
func Parse(s string) Query {
	var q Query
	rs := []rune(s)
	for i := 0; i < len(rs) && len(q.Terms) < maxTerms; {
		r := rs[i]
		neg := false
		if r == '-' && i+1 < len(rs) && (rs[i+1] == '"' || isWordRune(rs[i+1])) && (i == 0 || !isWordRune(rs[i-1])) {
			neg = true
			i++
			r = rs[i]
		}
		switch {
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			words := splitWords(string(rs[i+1 : j]))
			if len(words) > maxPhraseLn {
				words = words[:maxPhraseLn]
			}
			if len(words) > 0 {
				q.Terms = append(q.Terms, Term{Words: words, Negate: neg})
			}
			i = j + 1
		case isWordRune(r):
			j := i
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
			if w := normWord(string(rs[i:j])); w != "" {
				q.Terms = append(q.Terms, Term{Words: []string{w}, Negate: neg})
			}
			i = j
		default:
			i++
		}
	}
	return q
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func splitWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
		if w := normWord(f); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func normWord(w string) string {
	w = strings.ToLower(w)
	if rs := []rune(w); len(rs) > maxWordLen {
		w = string(rs[:maxWordLen])
	}
	return w
}

// Empty reports whether the query has no positive term: such a query cannot
// be run by either engine (a bare NOT) and means "everything".
func (q Query) Empty() bool {
	for _, t := range q.Terms {
		if !t.Negate {
			return false
		}
	}
	return true
}

// FTS5 renders the query for an SQLite FTS5 MATCH. Single words match as
// prefixes ("las" finds "las" and "lasan"), since FTS5 has no Indonesian stemmer.
func (q Query) FTS5() string {
	var pos, neg []string
	for _, t := range q.Terms {
		var s string
		if len(t.Words) == 1 {
			s = `"` + t.Words[0] + `"*`
		} else {
			s = `"` + strings.Join(t.Words, " ") + `"`
		}
		if t.Negate {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	if len(pos) == 0 {
		return ""
	}
	out := strings.Join(pos, " AND ")
	for _, n := range neg {
		out += " NOT " + n
	}
	return out
}

// TSQuery renders the query for PostgreSQL's to_tsquery: words as stemmed
// prefixes, phrases with the followed-by operator.
func (q Query) TSQuery() string {
	var parts []string
	for _, t := range q.Terms {
		var s string
		if len(t.Words) == 1 {
			s = t.Words[0] + ":*"
		} else {
			s = "(" + strings.Join(t.Words, " <-> ") + ")"
		}
		if t.Negate {
			s = "!" + s
		}
		parts = append(parts, s)
	}
	if q.Empty() {
		return ""
	}
	return strings.Join(parts, " & ")
}

// String renders the query back in the syntax Parse reads.
func (q Query) String() string {
	var parts []string
	for _, t := range q.Terms {
		s := strings.Join(t.Words, " ")
		if len(t.Words) > 1 {
			s = `"` + s + `"`
		}
		if t.Negate {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Tokens splits text into the words Parse would read from it, lowercased,
// for indexes that match queries in Go.
func Tokens(text string) []string { return splitWords(text) }
