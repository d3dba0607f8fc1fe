package textsearch

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

// The root words the stemmer may reduce a word to. A word is cut down only
// when what is left is a known root, so an unknown word stays as it is
// rather than being over-stemmed ("lasting" never becomes "las").
//
//go:embed data/roots.txt
var rootsText string

// Stemmer reduces Indonesian words to their root, in the manner of
// Nazief and Adriani (1996): particles (-lah, -kah, -pun), possessives
// (-ku, -mu, -nya) and derivational suffixes (-kan, -an, -i) come off,
// then up to three prefixes (di-, ke-, se-, ber-, ter-, per-, me-, pe- and
// their nasal forms, with the dropped first letter restored: "menyapu" →
// "sapu", "pengemudi" → "kemudi"), checking a root dictionary at every
// step. It is safe for concurrent use.
type Stemmer struct {
	roots map[string]bool
	fixed map[string]string // word -> stem where the rules would confuse two words
	cache sync.Map          // word -> stem: the vocabulary is small, words repeat
}

var (
	defaultStemmer     *Stemmer
	defaultStemmerOnce sync.Once
)

// DefaultStemmer returns the stemmer over the shipped root dictionary.
func DefaultStemmer() *Stemmer {
	defaultStemmerOnce.Do(func() { defaultStemmer = NewStemmer(ParseRoots(rootsText)) })
	return defaultStemmer
}

// ParseRoots reads a root list: one or more words a line, '#' comments.
// An entry "word=stem" fixes a word's stem where the rules would confuse
// two words ("perawat", a nurse, is not "perawatan", upkeep).
func ParseRoots(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		out = append(out, strings.Fields(strings.ToLower(line))...)
	}
	return out
}

// NewStemmer returns a stemmer over the given roots.
func NewStemmer(roots []string) *Stemmer {
	s := &Stemmer{roots: make(map[string]bool, len(roots)), fixed: map[string]string{}}
	for _, r := range roots {
		if w, stem, ok := strings.Cut(r, "="); ok {
			s.fixed[w] = stem
			continue
		}
		s.roots[r] = true
	}
	return s
}

// IsRoot reports whether w is in the root dictionary.
func (s *Stemmer) IsRoot(w string) bool { return s.roots[w] }

// Stem returns the root of a lowercased word, or the word itself when no
// known root is found.
func (s *Stemmer) Stem(w string) string {
	if st, ok := s.fixed[w]; ok {
		return st
	}
	if len(w) <= 3 || s.roots[w] || !allLetters(w) {
		return w
	}
	if v, ok := s.cache.Load(w); ok {
		return v.(string)
	}
	r := s.stem(w)
	s.cache.Store(w, r)
	return r
}

func allLetters(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			if !unicode.IsLetter(r) || r > unicode.MaxASCII {
				return false
			}
		}
	}
	return true
}

// Suffixes in the order they attach outward: derivational, possessive, particle.
var (
	particles   = []string{"lah", "kah", "tah", "pun"}
	possessives = []string{"nya", "ku", "mu"}
	derivs      = []string{"kan", "an", "i"}
)

// bodies returns w with suffixes taken off, longest remainder first:
// particle, then possessive, then one derivational suffix.
func bodies(w string) []string {
	out := []string{w}
	seen := map[string]bool{w: true}
	add := func(b string) {
		if len(b) >= 2 && !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	level := []string{w}
	for _, set := range [][]string{particles, possessives, derivs} {
		next := level
		for _, b := range level {
			for _, suf := range set {
				if strings.HasSuffix(b, suf) && len(b)-len(suf) >= 2 {
					nb := b[:len(b)-len(suf)]
					add(nb)
					next = append(next, nb)
				}
			}
		}
		level = next
	}
	return out
}

func isVowel(b byte) bool { return strings.IndexByte("aiueo", b) >= 0 }

// unprefix returns what w may be with one prefix taken off, with the
// letter a nasal prefix swallowed put back.
func unprefix(w string) []string {
	var out []string
	rest := func(p string) (string, bool) {
		if strings.HasPrefix(w, p) && len(w)-len(p) >= 2 {
			return w[len(p):], true
		}
		return "", false
	}
	for _, p := range []string{"di", "ke", "se"} {
		if r, ok := rest(p); ok {
			out = append(out, r)
		}
	}
	for _, p := range []string{"ber", "ter", "per"} {
		if r, ok := rest(p); ok {
			out = append(out, r)
		}
		// be-/te-/pe- before a root that starts with r (berenang, perawat),
		// and be- before C-er- (bekerja, beternak).
		if r, ok := rest(p[:2]); ok {
			out = append(out, r)
		}
	}
	if r, ok := rest("pel"); ok { // pelajar → ajar
		out = append(out, r)
	}
	for _, m := range []string{"me", "pe"} {
		if !strings.HasPrefix(w, m) {
			continue
		}
		if r, ok := rest(m + "nge"); ok { // one-syllable roots: mengelas, pengecat
			out = append(out, r)
		}
		if r, ok := rest(m + "ng"); ok {
			out = append(out, r)
			if isVowel(r[0]) {
				out = append(out, "k"+r)
			}
		}
		if r, ok := rest(m + "ny"); ok && isVowel(r[0]) {
			out = append(out, "s"+r)
		}
		if r, ok := rest(m + "m"); ok {
			switch {
			case isVowel(r[0]):
				out = append(out, "p"+r, "m"+r)
			case r[0] == 'r' || r[0] == 'l': // pemrograman → program
				out = append(out, r, "p"+r)
			default:
				out = append(out, r)
			}
		}
		if r, ok := rest(m + "n"); ok {
			if isVowel(r[0]) {
				out = append(out, "t"+r, "n"+r)
			} else {
				out = append(out, r)
			}
		}
		if r, ok := rest(m); ok {
			out = append(out, r)
		}
	}
	return out
}

// stem searches, breadth first, suffix-stripped bodies and then up to three
// prefixes off each, and takes the first known root.
func (s *Stemmer) stem(w string) string {
	bs := bodies(w)
	for _, b := range bs[1:] {
		if s.roots[b] {
			return b
		}
	}
	// Prefix removal works on the most-stripped bodies first, as
	// Nazief–Adriani does, and falls back to keeping a suffix that belongs
	// to the root.
	for i := len(bs) - 1; i >= 0; i-- {
		level := []string{bs[i]}
		for depth := 0; depth < 3 && len(level) > 0; depth++ {
			var next []string
			for _, x := range level {
				for _, c := range unprefix(x) {
					if s.roots[c] {
						return c
					}
					next = append(next, c)
				}
			}
			level = next
		}
	}
	return w
}
