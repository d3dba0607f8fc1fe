package alert

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// A new vacancy is matched against the saved searches in memory: each
// search's filter is a predicate over one vacancy, evaluated exactly as the
// vacancy search (Store.Search) would select that vacancy. The structured
// filters compare fields; the words compare against the vacancy's search
// text as the list's search engine sees it:
//
//   - the forgiving in-memory index (both databases, as deployed; Texts
//     with Search set): the query's clauses as the list makes them
//     (vacancy.Store.QueryClauses: stems, synonyms, typo corrections,
//     prefixes, against the index's vocabulary) and the vacancy's words
//     of textsearch.Tokens stemmed as the index stems them, phrases as
//     consecutive stems within the title or within the body, so a search
//     for "penjahit" fires for "Operator Jahit" as the list finds it;
//   - without it, the database's own engine: on SQLite the words of
//     textsearch.Tokens, every query word a prefix; on PostgreSQL the
//     lexemes of the vacancy's own tsvector (Indonesian stemming, read
//     from vacancy_search) and the query words stemmed by the same
//     configuration, words as stemmed prefixes, phrases with <->.
//
// TestPredicateAgreesWithSearch and TestForgivingPredicateAgreesWithSearch
// hold each to its search on random filters and vacancies, on both
// databases.

// Doc is a vacancy as the predicate sees it.
type Doc struct {
	ID                                        int64
	Title, Employer                           string
	Region, KBJI, Education, Contract, Status string
	WageMin, WageMax                          int64
	ClosesOn, PublishedAt                     time.Time
	Text                                      Text
}

// Text is a vacancy's searchable words with their positions.
type Text struct {
	pos   map[string][]int
	words []string // sorted keys of pos, for prefix lookups
}

func newText(pos map[string][]int) Text {
	t := Text{pos: pos}
	for w := range pos {
		t.words = append(t.words, w)
	}
	sort.Strings(t.words)
	return t
}

// hasPrefix reports whether a word of t starts with p.
func (t Text) hasPrefix(p string) bool {
	i := sort.SearchStrings(t.words, p)
	return i < len(t.words) && strings.HasPrefix(t.words[i], p)
}

// hasPhrase reports whether ws stand in t one after another.
func (t Text) hasPhrase(ws []string) bool {
	if len(ws) == 0 {
		return false
	}
	for _, p := range t.pos[ws[0]] {
		ok := true
		for i, w := range ws[1:] {
			if !containsInt(t.pos[w], p+i+1) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func containsInt(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

// term is a compiled query term: a prefix word, or a phrase of exact words.
type term struct {
	words  []string
	prefix bool
}

func (t term) in(x Text) bool {
	if t.prefix {
		return x.hasPrefix(t.words[0])
	}
	return x.hasPhrase(t.words)
}

// Predicate is a saved search's filter compiled for matching vacancies.
type Predicate struct {
	f        vacancy.Filter
	maxRank  int
	pos, neg []term
	// none: the words can match nothing (a query whose every word the
	// engine drops).
	none bool
	// forgiving: the words are clauses of the list's forgiving search
	// (see matches), not pos and neg.
	forgiving          bool
	posAlts, negClause []textsearch.Clause
}

// matches reports whether one of a clause's alternatives is in x (stems):
// a word, a word's start (Prefix), or stems in a row.
func matches(c textsearch.Clause, x Text) bool {
	for _, a := range c.Alts {
		switch {
		case a.Prefix:
			if x.hasPrefix(a.Words[0]) {
				return true
			}
		case len(a.Words) == 1:
			if _, ok := x.pos[a.Words[0]]; ok {
				return true
			}
		default:
			if x.hasPhrase(a.Words) {
				return true
			}
		}
	}
	return false
}

// Match reports whether d is a vacancy Search with the filter would list on
// the WIB day today.
func (p *Predicate) Match(d *Doc, today time.Time) bool {
	if p.none || d.Status != vacancy.Published || d.ClosesOn.Before(today) {
		return false
	}
	f := &p.f
	if (f.Region != "" && d.Region != f.Region) || (f.KBJI != "" && !strings.HasPrefix(d.KBJI, f.KBJI)) ||
		(f.MinWage > 0 && d.WageMax < f.MinWage) || (f.Contract != "" && d.Contract != f.Contract) {
		return false
	}
	if f.Education != "" {
		e, ok := ref.EducationByCode(d.Education)
		if !ok || e.Rank > p.maxRank {
			return false
		}
	}
	if p.forgiving {
		if len(p.posAlts) == 0 {
			return true // no words, or exclusions only: everything, as in the search
		}
		for _, c := range p.posAlts {
			if !matches(c, d.Text) {
				return false
			}
		}
		for _, c := range p.negClause {
			if matches(c, d.Text) {
				return false
			}
		}
		return true
	}
	if len(p.pos) == 0 {
		return true // no words, or exclusions only: everything, as in the search
	}
	for _, t := range p.pos {
		if !t.in(d.Text) {
			return false
		}
	}
	for _, t := range p.neg {
		if t.in(d.Text) {
			return false
		}
	}
	return true
}

// Texts turns vacancy text and query words into what the list's search
// engine compares. Make one per run: it caches stemmed words.
type Texts struct {
	DB *db.DB
	// Search, when set, is the list's store: with its in-memory index,
	// words match the forgiving way the list finds them (see the top of
	// this file); without, or when nil, as the database's engine does.
	Search *vacancy.Store
	stems  map[string][]string
	// indexStem is the index's stemmer once the list was asked (nil
	// before, and for the database's engine).
	indexStem func(string) string
}

// NewTexts returns a Texts over d matching words as the database's own
// engine does.
func NewTexts(d *db.DB) *Texts { return &Texts{DB: d, stems: map[string][]string{}} }

// NewListTexts returns a Texts matching words as search lists vacancies
// (forgiving, when it has the in-memory index).
func NewListTexts(search *vacancy.Store) *Texts {
	x := NewTexts(search.DB)
	x.Search = search
	return x
}

// forgiving asks the list for the stemmer of its index; false when the
// database's engine answers the list.
func (x *Texts) forgiving(ctx context.Context) (bool, error) {
	if x.indexStem != nil {
		return true, nil
	}
	if x.Search == nil {
		return false, nil
	}
	_, stem, ok, err := x.Search.QueryClauses(ctx, "")
	if ok {
		x.indexStem = stem
	}
	return ok, err
}

// Compile compiles f (already normalized).
func (x *Texts) Compile(ctx context.Context, f vacancy.Filter) (*Predicate, error) {
	p := &Predicate{f: f, maxRank: math.MaxInt}
	if f.Education != "" {
		e, _ := ref.EducationByCode(f.Education)
		p.maxRank = e.Rank
	}
	if x.Search != nil {
		clauses, stem, ok, err := x.Search.QueryClauses(ctx, f.Q)
		if err != nil {
			return nil, err
		}
		if ok {
			x.indexStem, p.forgiving = stem, true
			for _, c := range clauses {
				if c.Negate {
					p.negClause = append(p.negClause, c)
				} else {
					p.posAlts = append(p.posAlts, c)
				}
			}
			return p, nil
		}
	}
	q := textsearch.Parse(f.Q)
	if q.Empty() {
		return p, nil
	}
	for _, t := range q.Terms {
		var c term
		for _, w := range t.Words {
			ws, err := x.stem(ctx, w)
			if err != nil {
				return nil, err
			}
			c.words = append(c.words, ws...)
		}
		if len(c.words) == 0 {
			continue // the engine drops a word it has no lexeme for
		}
		c.prefix = len(t.Words) == 1 && len(c.words) == 1
		if t.Negate {
			p.neg = append(p.neg, c)
		} else {
			p.pos = append(p.pos, c)
		}
	}
	if len(p.pos) == 0 {
		// Every positive word was dropped: PostgreSQL matches an empty
		// tsquery with nothing.
		p.none = true
	}
	return p, nil
}

// stem returns the lexemes the engine makes of one query word.
func (x *Texts) stem(ctx context.Context, w string) ([]string, error) {
	if x.DB.Dialect() != db.Postgres {
		return []string{w}, nil
	}
	if s, ok := x.stems[w]; ok {
		return s, nil
	}
	var v string
	if err := x.DB.QueryRowContext(ctx, `SELECT to_tsvector('indonesian', ?)::text`, w).Scan(&v); err != nil {
		return nil, fmt.Errorf("stem %q: %w", w, err)
	}
	pos := parseTSVector(v)
	// In the order the words stand.
	type lp struct {
		w string
		p int
	}
	var ls []lp
	for l, ps := range pos {
		ls = append(ls, lp{l, ps[0]})
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].p < ls[j].p })
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.w
	}
	x.stems[w] = out
	return out, nil
}

// Load reads the vacancies ids with what the predicate compares, their text
// as the dialect's engine indexed it.
func (x *Texts) Load(ctx context.Context, ids []int64) ([]Doc, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ph := strings.Repeat("?,", len(ids))
	ph = ph[:len(ph)-1]
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := x.DB.QueryContext(ctx, `SELECT v.id, v.title, e.name, v.region, v.kbji, v.education, v.contract, v.status,
		v.wage_min, v.wage_max, v.closes_on, v.published_at, v.description
		FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id IN (`+ph+`) ORDER BY v.published_at, v.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("alert vacancies: %w", err)
	}
	var docs []Doc
	desc := map[int64]string{}
	for rows.Next() {
		var d Doc
		var published *time.Time
		var description string
		if err := rows.Scan(&d.ID, &d.Title, &d.Employer, &d.Region, &d.KBJI, &d.Education, &d.Contract, &d.Status,
			&d.WageMin, &d.WageMax, &d.ClosesOn, &published, &description); err != nil {
			rows.Close()
			return nil, fmt.Errorf("alert vacancies: %w", err)
		}
		if published != nil {
			d.PublishedAt = *published
		}
		desc[d.ID] = description
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	forgiving, err := x.forgiving(ctx)
	if err != nil {
		return nil, err
	}
	if x.DB.Dialect() == db.Postgres && !forgiving {
		text := map[int64]string{}
		rows, err := x.DB.QueryContext(ctx, `SELECT rowid, doc::text FROM vacancy_search WHERE rowid IN (`+ph+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("alert vacancy text: %w", err)
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, err
			}
			text[id] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for i := range docs {
			docs[i].Text = newText(parseTSVector(text[docs[i].ID]))
		}
		return docs, nil
	}
	skills := map[int64][]string{}
	srows, err := x.DB.QueryContext(ctx, `SELECT vacancy_id, skill FROM vacancy_skills WHERE vacancy_id IN (`+ph+`) ORDER BY vacancy_id, skill`, args...)
	if err != nil {
		return nil, fmt.Errorf("alert vacancy skills: %w", err)
	}
	for srows.Next() {
		var id int64
		var k string
		if err := srows.Scan(&id, &k); err != nil {
			srows.Close()
			return nil, err
		}
		skills[id] = append(skills[id], k)
	}
	srows.Close()
	if err := srows.Err(); err != nil {
		return nil, err
	}
	for i := range docs {
		d := &docs[i]
		title, body := vacancy.SearchText(d.Employer, vacancy.Input{Title: d.Title, KBJI: d.KBJI, Region: d.Region,
			Skills: skills[d.ID], Description: desc[d.ID]})
		d.Text = tokenText(title, body, x.indexStem)
	}
	return docs, nil
}

// tokenText places the title's words, then (one position apart, so no
// phrase spans the two) the body's, as the in-memory search index does,
// each word through stem when it is set (the forgiving index's stems).
func tokenText(title, body string, stem func(string) string) Text {
	pos := map[string][]int{}
	n := 0
	for i, text := range []string{title, body} {
		if i == 1 {
			n++
		}
		for _, w := range textsearch.Tokens(text) {
			if stem != nil {
				w = stem(w)
			}
			pos[w] = append(pos[w], n)
			n++
		}
	}
	return newText(pos)
}

// parseTSVector reads PostgreSQL's text form of a tsvector:
// 'lexeme':1A,5 'other':2 (quotes inside a lexeme doubled).
func parseTSVector(s string) map[string][]int {
	out := map[string][]int{}
	for i := 0; i < len(s); {
		if s[i] != '\'' {
			i++
			continue
		}
		j := i + 1
		var lex strings.Builder
		for j < len(s) {
			if s[j] == '\'' {
				if j+1 < len(s) && s[j+1] == '\'' {
					lex.WriteByte('\'')
					j += 2
					continue
				}
				break
			}
			lex.WriteByte(s[j])
			j++
		}
		j++ // closing quote
		var ps []int
		if j < len(s) && s[j] == ':' {
			j++
			for j < len(s) && s[j] != ' ' {
				k := j
				for k < len(s) && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				if n, err := strconv.Atoi(s[j:k]); err == nil {
					ps = append(ps, n)
				}
				for k < len(s) && s[k] != ',' && s[k] != ' ' {
					k++ // weight letter
				}
				if k < len(s) && s[k] == ',' {
					k++
				}
				j = k
			}
		}
		out[lex.String()] = ps
		i = j
	}
	return out
}
