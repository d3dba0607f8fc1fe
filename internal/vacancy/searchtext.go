package vacancy

import (
	"context"

	"github.com/bursa-banten/bursa/internal/textsearch"
)

// SearchText is the text a vacancy is found by (title, and a body of
// employer, occupation, place, skills and description), for packages that
// match vacancies against queries in memory as the search does (alerts).
func SearchText(employerName string, in Input) (title, body string) {
	return searchDoc(employerName, in)
}

// QueryClauses analyses q as the list search does: the forgiving rules
// (stems, synonyms, typo corrections, prefixes; textsearch.Forgiving)
// against the in-memory index's vocabulary, loaded or refreshed first. stem
// is what the index did to every word of a vacancy's text, so a caller
// that stems a vacancy's words with it and matches the clauses against
// them (saved-search alerts) selects what the list would. ok is false for
// a store without the in-memory index: its database's engine answers the
// list, literally.
func (s *Store) QueryClauses(ctx context.Context, q string) (clauses []textsearch.Clause, stem func(string) string, ok bool, err error) {
	if s.Mem == nil {
		return nil, nil, false, nil
	}
	if err := s.Mem.refresh(ctx, s, s.Now()); err != nil {
		return nil, nil, false, err
	}
	clauses, stemmer := s.Mem.clauses(textsearch.Parse(q))
	stem = func(w string) string { return w }
	if stemmer != nil {
		stem = stemmer.Stem
	}
	return clauses, stem, true, nil
}
