package textsearch

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// ShippedSynonyms is the shipped job-title synonym table (see the file's
// header for sources), in the format ParseSynonyms reads.
//
//go:embed data/synonyms.txt
var ShippedSynonyms string

// Synonyms are groups of words and phrases that name the same job. Members
// are kept as stems, so a group matches every inflected form of its words.
type Synonyms struct {
	groups  [][][]string      // group -> members -> stems
	byFirst map[string][]ref2 // first stem of a member -> its places
	surface map[string]bool   // every member word as written, for typo correction
	stems   map[string]bool   // every member word's stem
	maxLen  int
}

type ref2 struct{ group, member int }

var (
	defaultSyn     *Synonyms
	defaultSynOnce sync.Once
)

// DefaultSynonyms returns the shipped groups, stemmed with DefaultStemmer.
func DefaultSynonyms() *Synonyms {
	defaultSynOnce.Do(func() {
		g, err := ParseSynonyms(ShippedSynonyms)
		if err != nil {
			panic(err) // the shipped file is tested
		}
		defaultSyn = NewSynonyms(DefaultStemmer(), g)
	})
	return defaultSyn
}

// ParseSynonyms reads groups: members separated by commas, optional
// "| sources" after them, '#' comments.
func ParseSynonyms(text string) ([][]string, error) {
	var out [][]string
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if i := strings.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var g []string
		for _, m := range strings.Split(line, ",") {
			if m = strings.Join(Tokens(m), " "); m != "" {
				g = append(g, m)
			}
		}
		if len(g) < 2 {
			return nil, fmt.Errorf("synonyms line %d: a group needs two members", n)
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// NewSynonyms stems the members of groups.
func NewSynonyms(st *Stemmer, groups [][]string) *Synonyms {
	s := &Synonyms{byFirst: map[string][]ref2{}, surface: map[string]bool{}, stems: map[string]bool{}}
	for _, g := range groups {
		var members [][]string
		for _, m := range g {
			words := Tokens(m)
			if len(words) == 0 {
				continue
			}
			stems := make([]string, len(words))
			for i, w := range words {
				stems[i] = st.Stem(w)
				s.surface[w] = true
				s.stems[stems[i]] = true
			}
			gi, mi := len(s.groups), len(members)
			s.byFirst[stems[0]] = append(s.byFirst[stems[0]], ref2{gi, mi})
			members = append(members, stems)
			s.maxLen = max(s.maxLen, len(stems))
		}
		s.groups = append(s.groups, members)
	}
	return s
}

// Groups is the number of groups.
func (s *Synonyms) Groups() int { return len(s.groups) }

// Words lists every member word as written, for typo correction.
func (s *Synonyms) Words() []string {
	out := make([]string, 0, len(s.surface))
	for w := range s.surface {
		out = append(out, w)
	}
	return out
}

// Has reports whether a stem is a word of some member ("truck" of "truck
// driver"): such a word is known, never a typo to correct.
func (s *Synonyms) Has(stem string) bool {
	return s != nil && s.stems[stem]
}

// Match finds the longest member that starts at stems[i] and returns its
// length and the members of every group it belongs to (itself first), or 0.
func (s *Synonyms) Match(stems []string, i int) (n int, alts [][]string) {
	if s == nil {
		return 0, nil
	}
	var groups []int
	for _, r := range s.byFirst[stems[i]] {
		m := s.groups[r.group][r.member]
		if len(m) > len(stems)-i || len(m) < n {
			continue
		}
		ok := true
		for j, w := range m {
			if stems[i+j] != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if len(m) > n {
			n, groups = len(m), groups[:0]
		}
		groups = append(groups, r.group)
	}
	if n == 0 {
		return 0, nil
	}
	self := stems[i : i+n]
	alts = append(alts, self)
	seen := map[string]bool{strings.Join(self, " "): true}
	for _, g := range groups {
		for _, m := range s.groups[g] {
			if k := strings.Join(m, " "); !seen[k] {
				seen[k] = true
				alts = append(alts, m)
			}
		}
	}
	return n, alts
}
