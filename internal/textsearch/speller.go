package textsearch

import "sort"

// Speller finds known words within a few edits of a typed one with a
// deletion neighbourhood (SymSpell, Garbe 2012): every known word is stored
// under each string made by deleting up to two of its letters, so a
// lookup generates the typed word's deletions and checks only the words
// filed under them, instead of measuring the distance to every word.
// It is not safe for concurrent writes; readers may share it once built.
type Speller struct {
	words   []string
	count   []int
	ids     map[string]int32
	deletes map[string][]int32
}

// NewSpeller returns an empty speller.
func NewSpeller() *Speller {
	return &Speller{ids: map[string]int32{}, deletes: map[string][]int32{}}
}

// Len is the number of known words.
func (s *Speller) Len() int { return len(s.words) }

// Add makes word known, or counts it again. Words shorter than four
// letters are left out: no query word that short is corrected to them
// except by Suggest's one edit, and they would crowd every lookup.
func (s *Speller) Add(word string, n int) {
	if id, ok := s.ids[word]; ok {
		s.count[id] += n
		return
	}
	rs := []rune(word)
	if len(rs) < 3 || len(rs) > 30 {
		return
	}
	id := int32(len(s.words))
	s.words = append(s.words, word)
	s.count = append(s.count, n)
	s.ids[word] = id
	// Matching allows two edits only from 9 letters, but "Maksud Anda"
	// suggests with two from 5 ("opertr" → "operator": two letters the
	// word has and the query lacks, deleted on the word's side), so words
	// from 7 letters are filed two deletions deep. Shorter words meet a
	// two-edit query only by deletions on its side.
	depth := 1
	if len(rs) >= 7 {
		depth = 2
	}
	for _, d := range deletions(rs, depth) {
		s.deletes[d] = append(s.deletes[d], id)
	}
}

// deletions returns the distinct strings made by deleting 0..depth runes.
func deletions(rs []rune, depth int) []string {
	seen := map[string]bool{string(rs): true}
	level := [][]rune{rs}
	for d := 0; d < depth; d++ {
		var next [][]rune
		for _, w := range level {
			if len(w) <= 2 {
				continue
			}
			for i := range w {
				x := make([]rune, 0, len(w)-1)
				x = append(append(x, w[:i]...), w[i+1:]...)
				if k := string(x); !seen[k] {
					seen[k] = true
					next = append(next, x)
				}
			}
		}
		level = next
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	return out
}

// Near returns the known words within maxDist edits (insertions,
// deletions, substitutions and swaps of neighbours) of word, closest
// first, then commonest, then alphabetically. The word itself is left out.
func (s *Speller) Near(word string, maxDist int) []string {
	if maxDist <= 0 {
		return nil
	}
	rs := []rune(word)
	type cand struct {
		id   int32
		dist int
	}
	var cs []cand
	seen := map[int32]bool{}
	for _, d := range deletions(rs, maxDist) {
		for _, id := range s.deletes[d] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if s.words[id] == word {
				continue
			}
			if dist := Distance(rs, []rune(s.words[id]), maxDist); dist <= maxDist {
				cs = append(cs, cand{id, dist})
			}
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if s.count[a.id] != s.count[b.id] {
			return s.count[a.id] > s.count[b.id]
		}
		return s.words[a.id] < s.words[b.id]
	})
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = s.words[c.id]
	}
	return out
}

// Distance is the optimal-string-alignment edit distance between a and b
// (a swap of neighbours is one edit), or limit+1 once it exceeds limit.
func Distance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
