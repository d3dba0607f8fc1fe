package vacancy

import (
	"container/heap"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/textsearch"
)

// MemIndex keeps the published vacancies in memory for the public list, so
// that a search over 100,000 vacancies scores and filters in Go in about a
// millisecond and asks the database only for the 20 rows of the page.
//
// It forgives (see textsearch.Forgiving and docs/search.md): words match by
// their Indonesian stems ("penjahit" finds "jahit"), job titles through the
// shipped synonym groups ("security" finds "satpam"), and a word no vacancy
// holds through the known words one or two edits away ("opertor"). All
// query clauses are required, "-word" excluded, the title is worth ten
// times the body, "phrases" are consecutive words; scores are BM25. It
// serves SQLite and PostgreSQL alike and refreshes itself from the database
// (vacancies changed since the last refresh) at most every RefreshEvery,
// and at once after writes through this process's store, so several
// processes on one database each stay current within RefreshEvery.
type MemIndex struct {
	RefreshEvery time.Duration
	// Forgiving analyses queries; its stemmer also stems indexed words.
	Forgiving textsearch.Forgiving
	// CompactSlack is how many dead docs (left by changes) beyond the live
	// count are tolerated before the index is rebuilt; 0 means 1024.
	CompactSlack int
	// Rows bounds how many rows of result pages are kept for the next
	// pages that show them (see pageRowCache); 0 means DefaultPageRows,
	// a negative number none.
	Rows int

	rows      pageRowCache
	mu        sync.RWMutex
	docs      []memDoc      // by internal number; a changed vacancy gets a new one
	meta      []docMeta     // by internal number: what filters and scores read
	norms     []docNorm     // by internal number: BM25 length norms, current with titleLen and bodyLen
	byID      map[int64]int // vacancy id -> live doc number
	postings  map[string][]posting
	terms     []string // sorted keys of postings, for prefix lookups
	termsOK   bool
	order     []int32   // live docs, newest first: the "newest" order needs no sort
	orderMeta []docMeta // meta of order's docs, in its order: a filter-only walk reads memory in sequence
	// byRegion lists, for each region code, the places in order of its
	// docs: a walk with a region filter reads only that region's.
	byRegion     [256][]int32
	byRegionMeta [256][]docMeta // orderMeta of byRegion's places, in its order
	// openN caches, for one day, how many live docs are open on it: the
	// total of a walk without filters (the later pages of "newest").
	openMu  sync.Mutex
	openDay int64
	openN   int
	// openBits marks, for openBitsDay, the docs alive and open on it, and
	// regionOf is each doc's region code: the first look at a doc a
	// word's postings reach reads a bit and a byte (12.5 KB and 100 KB for
	// 100,000 docs, held in the processor's cache) instead of its docMeta
	// from main memory (profiled: that load was a third of a search).
	openBits    []uint64
	openBitsDay int64
	regionOf    []uint8
	// rank is each live doc's place in order (newest first): ties in score
	// break on it without reading memDoc.
	rank       []int32
	tokenID    map[string]int32
	speller    *textsearch.Speller // indexed words as written, and synonym words, for typos
	synVersion string              // of the added synonym groups in use (see synonymsVersion)
	phraseMu   sync.Mutex
	phrases    map[string][]posting // see phrasePostings; emptied when docs change
	scratch    sync.Pool
	live       int
	titleLen   float64 // total title and body lengths of live docs, for BM25
	bodyLen    float64
	synced     time.Time // largest updated_at read so far
	checked    time.Time
	loaded     bool
	dirty      bool
	refreshMu  sync.Mutex
}

// memDoc is what the index keeps of a doc beyond docMeta: what orders
// it, what a page of it shows without a query, and its words in order.
type memDoc struct {
	id                 int64
	kbji               string    // read only by a KBJI filter
	published, updated time.Time // updated: of the row this doc was built from
	skills             []string  // as the page shows them; never changed once stored
	tokens             []int32   // title, -1, body: word order, for phrases
}

// docMeta is what the filters and the scores read of a doc, apart from
// memDoc and dense (32 bytes), and the one place these fields are kept: a filter-only search walks every live doc,
// and a common word's postings reach tens of thousands, so reading 3 MB
// instead of memDoc's 16 MB (100,000 docs) is most of the speed (profiled
// through serve on PostgreSQL: the walk over memDoc was half the CPU).
type docMeta struct {
	wageMax           int64
	closes            int64 // Unix seconds of the closing day, compared as closes.Before would
	titleLen, bodyLen uint32
	region, contract  uint8
	eduRank           uint8
	flags             uint8 // metaAlive, metaDisabilityOpen
}

const (
	metaAlive = 1 << iota
	metaDisabilityOpen
)

func (d *docMeta) alive() bool { return d.flags&metaAlive != 0 }

// docNorm holds a doc's BM25 length normalisation, k1·(1−b+b·len/avglen),
// for the title and the body, computed at each refresh exactly as the
// scoring loop did per posting. A dead doc has t < 0. Scoring reads these
// 16 bytes per matching doc and nothing else.
type docNorm struct{ t, b float64 }

type posting struct {
	doc           int32
	inTitle, body uint16 // term frequency in title and body
}

// NewMemIndex returns an empty index that loads on first use.
func NewMemIndex() *MemIndex {
	return &MemIndex{RefreshEvery: 2 * time.Second, Forgiving: textsearch.DefaultForgiving()}
}

// HasStem reports whether a live or dead doc holds the stem (textsearch.Vocab).
// Callers hold m.mu.
func (m *MemIndex) HasStem(stem string) bool {
	_, ok := m.postings[stem]
	return ok
}

// Near returns indexed words close to word (textsearch.Vocab). Callers hold m.mu.
func (m *MemIndex) Near(word string, maxDist int) []string {
	if m.speller == nil {
		return nil
	}
	return m.speller.Near(word, maxDist)
}

func (m *MemIndex) compactSlack() int {
	if m.CompactSlack > 0 {
		return m.CompactSlack
	}
	return 1024
}

// Changed makes the next search refresh first (this process wrote).
func (m *MemIndex) Changed() {
	m.mu.Lock()
	m.dirty = true
	m.mu.Unlock()
	m.rows.forget()
}

// refresh reads vacancies changed since the last refresh.
func (m *MemIndex) refresh(ctx context.Context, s *Store, now time.Time) error {
	m.mu.RLock()
	loaded, dirty := m.loaded, m.dirty
	fresh := loaded && !dirty && now.Sub(m.checked) < m.RefreshEvery
	m.mu.RUnlock()
	if fresh {
		return nil
	}
	if loaded && !dirty {
		// A periodic refresh: one request does it while the others go on
		// with the index they have (it is at most RefreshEvery old).
		if !m.refreshMu.TryLock() {
			return nil
		}
	} else {
		// First load, or this process wrote: wait, so a writer sees its write.
		m.refreshMu.Lock()
	}
	defer m.refreshMu.Unlock()
	m.mu.Lock()
	if len(m.docs) > 2*m.live+m.compactSlack() {
		// Every change leaves a dead doc behind; once they outnumber the
		// live ones, start over from the database rather than grow forever.
		m.docs, m.meta, m.norms, m.byID, m.postings, m.terms, m.order, m.tokenID, m.speller = nil, nil, nil, nil, nil, nil, nil, nil, nil
		m.termsOK, m.live, m.titleLen, m.bodyLen, m.synced, m.loaded = false, 0, 0, 0, time.Time{}, false
	}
	m.mu.Unlock()
	m.mu.RLock()
	since := m.synced
	fresh = m.loaded && !m.dirty && now.Sub(m.checked) < m.RefreshEvery
	m.mu.RUnlock()
	if fresh {
		return nil // another request refreshed while this one waited
	}
	// A small overlap re-reads rows written in the same instant as the last
	// one seen; re-adding a doc is harmless.
	rows, err := s.DB.QueryContext(ctx, `SELECT v.id, v.status, v.title, v.kbji, v.education, v.region, v.contract, v.wage_max,
		v.closes_on, v.published_at, v.updated_at, v.description, e.name, v.disability_open
		FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.updated_at >= ? ORDER BY v.updated_at`, since.Add(-time.Second))
	if err != nil {
		return fmt.Errorf("refresh search index: %w", err)
	}
	type row struct {
		id                                         int64
		status, title, kbji, edu, region, contract string
		wageMax                                    int64
		closes, updated                            time.Time
		published                                  sql.NullTime
		desc, employer                             string
		disabilityOpen                             bool
	}
	var changed []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.status, &r.title, &r.kbji, &r.edu, &r.region, &r.contract, &r.wageMax, &r.closes,
			&r.published, &r.updated, &r.desc, &r.employer, &r.disabilityOpen); err != nil {
			rows.Close()
			return fmt.Errorf("refresh search index: %w", err)
		}
		changed = append(changed, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Added synonym groups: reread only when the table changed.
	var synonyms *textsearch.Synonyms
	var synVersion string
	if m.Forgiving.Stemmer != nil {
		if synVersion, err = synonymsVersion(ctx, s.DB); err != nil {
			return err
		}
		m.mu.RLock()
		same := synVersion == m.synVersion
		m.mu.RUnlock()
		if !same {
			added, err := addedSynonyms(ctx, s.DB)
			if err != nil {
				return err
			}
			base, _ := textsearch.ParseSynonyms(textsearch.ShippedSynonyms)
			synonyms = textsearch.NewSynonyms(m.Forgiving.Stemmer, append(base, added...))
		}
	}
	skills := map[int64][]string{}
	if len(changed) > 0 {
		srows, err := s.DB.QueryContext(ctx, `SELECT vs.vacancy_id, vs.skill FROM vacancy_skills vs JOIN vacancies v ON v.id = vs.vacancy_id
			WHERE v.updated_at >= ? ORDER BY vs.vacancy_id, vs.skill`, since.Add(-time.Second))
		if err != nil {
			return fmt.Errorf("refresh search index: %w", err)
		}
		for srows.Next() {
			var id int64
			var k string
			if err := srows.Scan(&id, &k); err != nil {
				srows.Close()
				return err
			}
			skills[id] = append(skills[id], k)
		}
		srows.Close()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byID == nil {
		m.byID, m.postings = map[int64]int{}, map[string][]posting{}
	}
	if synonyms != nil {
		m.Forgiving.Synonyms, m.synVersion = synonyms, synVersion
	}
	if m.speller == nil || synonyms != nil {
		if m.speller == nil {
			m.speller = textsearch.NewSpeller()
		}
		if m.Forgiving.Synonyms != nil {
			for _, w := range m.Forgiving.Synonyms.Words() {
				m.speller.Add(w, 0) // known, but counted only where vacancies use them
			}
		}
	}
	applied := 0
	for _, r := range changed {
		if n, ok := m.byID[r.id]; ok && r.status == Published && m.docs[n].updated.Equal(r.updated) {
			continue // re-read by the overlap, unchanged
		}
		if r.updated.After(m.synced) {
			m.synced = r.updated
		}
		if _, ok := m.byID[r.id]; !ok && r.status != Published {
			continue
		}
		applied++
		m.remove(r.id)
		if r.status != Published {
			continue
		}
		edu, _ := ref.EducationByCode(r.edu)
		// In the database's order, as fillSkills reads them; clipped, so
		// that an append by a reader of a page cannot write into it.
		sk := skills[r.id]
		sk = sk[:len(sk):len(sk)]
		title, body := searchDoc(r.employer, Input{Title: r.title, KBJI: r.kbji, Region: r.region, Skills: skills[r.id], Description: r.desc})
		meta := docMeta{wageMax: r.wageMax, closes: r.closes.Unix(), region: code(regionCodes(), r.region),
			contract: code(Contracts, r.contract), eduRank: uint8(min(max(edu.Rank, 0), math.MaxUint8)), flags: metaAlive}
		if r.disabilityOpen {
			meta.flags |= metaDisabilityOpen
		}
		m.add(memDoc{id: r.id, kbji: r.kbji, published: r.published.Time, updated: r.updated, skills: sk}, meta,
			textsearch.Tokens(title), textsearch.Tokens(body))
	}
	if !m.termsOK {
		m.terms = m.terms[:0]
		for t := range m.postings {
			m.terms = append(m.terms, t)
		}
		sort.Strings(m.terms)
		m.termsOK = true
	}
	if applied > 0 {
		m.phraseMu.Lock()
		m.phrases = nil
		m.phraseMu.Unlock()
	}
	if applied > 0 || m.order == nil {
		m.order = m.order[:0]
		for i := range m.docs {
			if m.meta[i].alive() {
				m.order = append(m.order, int32(i))
			}
		}
		sort.Slice(m.order, func(i, j int) bool { return m.newerRow(m.order[i], m.order[j]) })
		m.rank = slices.Grow(m.rank[:0], len(m.docs))[:len(m.docs)]
		m.regionOf = slices.Grow(m.regionOf[:0], len(m.docs))[:len(m.docs)]
		for i := range m.rank {
			m.rank[i], m.regionOf[i] = math.MaxInt32, m.meta[i].region
		}
		for i, doc := range m.order {
			m.rank[doc] = int32(i)
		}
		m.orderMeta = m.orderMeta[:0]
		for r := range m.byRegion {
			m.byRegion[r], m.byRegionMeta[r] = m.byRegion[r][:0], m.byRegionMeta[r][:0]
		}
		for i, doc := range m.order {
			d := m.meta[doc]
			m.orderMeta = append(m.orderMeta, d)
			m.byRegion[d.region] = append(m.byRegion[d.region], int32(i))
			m.byRegionMeta[d.region] = append(m.byRegionMeta[d.region], d)
		}
		m.openMu.Lock()
		m.openDay, m.openN, m.openBitsDay = 0, 0, 0
		m.openMu.Unlock()
		// The average lengths moved: every doc's norms with them.
		n := float64(max(m.live, 1))
		avgT, avgB := m.titleLen/n, m.bodyLen/n
		m.norms = m.norms[:0]
		for i := range m.meta {
			d := &m.meta[i]
			nt := bm25K1 * (1 - bm25B + bm25B*float64(d.titleLen)/max(avgT, 1))
			nb := bm25K1 * (1 - bm25B + bm25B*float64(d.bodyLen)/max(avgB, 1))
			if !d.alive() {
				nt = -1
			}
			m.norms = append(m.norms, docNorm{t: nt, b: nb})
		}
	}
	m.loaded, m.dirty, m.checked = true, false, now
	return nil
}

func (m *MemIndex) remove(id int64) {
	if n, ok := m.byID[id]; ok {
		d := &m.meta[n]
		d.flags &^= metaAlive
		m.live--
		m.titleLen -= float64(d.titleLen)
		m.bodyLen -= float64(d.bodyLen)
		delete(m.byID, id)
	}
}

// add indexes a live doc; meta's lengths are filled here.
func (m *MemIndex) add(d memDoc, meta docMeta, title, body []string) {
	// Index stems; remember the words as written for typo correction.
	seen := map[string]bool{}
	stem := func(words []string) []string {
		out := make([]string, len(words))
		for i, w := range words {
			if !seen[w] {
				seen[w] = true
				m.speller.Add(w, 1)
			}
			out[i] = w
			if m.Forgiving.Stemmer != nil {
				out[i] = m.Forgiving.Stemmer.Stem(w)
			}
		}
		return out
	}
	title, body = stem(title), stem(body)
	n := int32(len(m.docs))
	m.docs = append(m.docs, d)
	meta.titleLen, meta.bodyLen = uint32(len(title)), uint32(len(body))
	m.meta = append(m.meta, meta)
	m.byID[d.id] = int(n)
	m.live++
	m.titleLen += float64(len(title))
	m.bodyLen += float64(len(body))
	if m.tokenID == nil {
		m.tokenID = map[string]int32{}
	}
	seq := make([]int32, 0, len(title)+len(body)+1)
	tf := map[string]*posting{}
	for i, toks := range [][]string{title, body} {
		if i == 1 {
			seq = append(seq, -1) // a phrase never spans title and body
		}
		for _, t := range toks {
			id, ok := m.tokenID[t]
			if !ok {
				id = int32(len(m.tokenID))
				m.tokenID[t] = id
			}
			seq = append(seq, id)
			p := tf[t]
			if p == nil {
				p = &posting{doc: n}
				tf[t] = p
			}
			if i == 0 {
				p.inTitle++
			} else {
				p.body++
			}
		}
	}
	m.docs[n].tokens = seq
	for t, p := range tf {
		if _, ok := m.postings[t]; !ok {
			m.termsOK = false
		}
		m.postings[t] = append(m.postings[t], *p)
	}
}

// expand returns the indexed terms that start with word. refresh keeps the
// sorted term list current, so this only reads (under the read lock).
func (m *MemIndex) expand(word string) []string {
	i := sort.SearchStrings(m.terms, word)
	var out []string
	for ; i < len(m.terms) && strings.HasPrefix(m.terms[i], word); i++ {
		out = append(out, m.terms[i])
	}
	return out
}

// BM25 parameters, and the title's weight as in the FTS5 ranking.
const (
	bm25K1      = 1.2
	bm25B       = 0.75
	titleWeight = 10
)

// filteredOut marks, in a scratchpad's matched, a doc the filters drop.
const filteredOut = math.MaxUint8

type hit struct {
	doc   int32
	score float64
}

// code numbers a value by its place in list, from 1; 0 is "" (any).
func code(list []string, v string) uint8 {
	for i, x := range list {
		if x == v {
			return uint8(i + 1)
		}
	}
	if v == "" {
		return 0
	}
	return 255 // unknown: matches nothing
}

func regionCodes() []string {
	rs := ref.Regions()
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

// newer orders live docs newest first, then by id, as the SQL search does
// (their places in order, which newerRow sorted). Callers hold m.mu.
func (m *MemIndex) newer(a, b int32) bool { return m.rank[a] < m.rank[b] }

// open returns the bits of the docs alive and open on the day (Unix
// seconds), made once per day and index change. Callers hold m.mu (read).
func (m *MemIndex) open(today int64) []uint64 {
	m.openMu.Lock()
	defer m.openMu.Unlock()
	if m.openBitsDay == today && m.openBits != nil {
		return m.openBits
	}
	bits := make([]uint64, (len(m.meta)+63)/64) // new: searches may still read the old one
	for i := range m.meta {
		if d := &m.meta[i]; d.alive() && d.closes >= today {
			bits[i>>6] |= 1 << (i & 63)
		}
	}
	m.openBits, m.openBitsDay = bits, today
	return bits
}

// newerRow orders docs newest first, then by id, from their rows: it
// builds order.
func (m *MemIndex) newerRow(a, b int32) bool {
	da, db := &m.docs[a], &m.docs[b]
	if !da.published.Equal(db.published) {
		return da.published.After(db.published)
	}
	return da.id > db.id
}

// scratchpad holds per-query accumulators indexed by doc number, reused
// across queries so a search allocates next to nothing.
type scratchpad struct {
	score   []float64
	matched []uint8
	touched []int32
	docs    []int32
	hits    []hit
}

func (m *MemIndex) pad() *scratchpad {
	p, _ := m.scratch.Get().(*scratchpad)
	if p == nil {
		p = &scratchpad{}
	}
	if len(p.score) < len(m.docs) {
		p.score = make([]float64, len(m.docs))
		p.matched = make([]uint8, len(m.docs))
	}
	return p
}

func (m *MemIndex) release(p *scratchpad) {
	for _, d := range p.touched {
		p.score[d], p.matched[d] = 0, 0
	}
	p.touched, p.docs, p.hits = p.touched[:0], p.docs[:0], p.hits[:0]
	m.scratch.Put(p)
}

// phraseIDs returns the token ids of a phrase, or nil when a word was never
// indexed (then nothing can match).
func (m *MemIndex) phraseIDs(words []string) []int32 {
	want := make([]int32, len(words))
	for i, w := range words {
		id, ok := m.tokenID[w]
		if !ok {
			return nil
		}
		want[i] = id
	}
	return want
}

// hasPhrase reports whether doc holds the tokens in order, next to each other.
func (m *MemIndex) hasPhrase(doc int32, want []int32) bool {
	if want == nil {
		return false
	}
	seq := m.docs[doc].tokens
outer:
	for i := 0; i+len(want) <= len(seq); i++ {
		for j, id := range want {
			if seq[i+j] != id {
				continue outer
			}
		}
		return true
	}
	return false
}

// clauses analyses q against the index's vocabulary as searchLocked does,
// and returns the stemmer the index's words went through.
func (m *MemIndex) clauses(q textsearch.Query) ([]textsearch.Clause, *textsearch.Stemmer) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.Forgiving.Clauses(q, m), m.Forgiving.Stemmer
}

// pageDoc is a vacancy of a result page as the index holds it: the row's
// updated_at it was built from, and its skills.
type pageDoc struct {
	id      int64
	updated time.Time
	skills  []string
}

// search returns the page, the total and, when nothing matched, a
// corrected query that would find something ("" if none).
func (m *MemIndex) search(f Filter, today time.Time) (page []pageDoc, total int, didYouMean string) {
	q := textsearch.Parse(f.Q)
	m.mu.RLock()
	defer m.mu.RUnlock()
	ids, total := m.searchLocked(f, q, today)
	page = make([]pageDoc, len(ids))
	for i, id := range ids {
		d := &m.docs[m.byID[id]]
		page[i] = pageDoc{id: id, updated: d.updated, skills: d.skills}
	}
	if total == 0 && !q.Empty() {
		if s := m.Forgiving.Suggest(q, m); s != "" {
			if _, n := m.searchLocked(f, textsearch.Parse(s), today); n > 0 {
				didYouMean = s
			}
		}
	}
	return page, total, didYouMean
}

// altPostings returns the posting lists an alternative matches: a word's,
// every word's it starts (Prefix), or a phrase's (see phrasePostings).
func (m *MemIndex) altPostings(a textsearch.Alt) (lists [][]posting, ok bool) {
	switch {
	case a.Prefix:
		for _, t := range m.expand(a.Words[0]) {
			lists = append(lists, m.postings[t])
		}
		return lists, len(lists) > 0
	case len(a.Words) == 1:
		if ps, ok := m.postings[a.Words[0]]; ok {
			return [][]posting{ps}, true
		}
		return nil, false
	}
	ps := m.phrasePostings(a.Words)
	return [][]posting{ps}, len(ps) > 0
}

// maxPhrases bounds the phrase cache; phrases repeat (synonyms are
// phrases), and checking one against every document holding its words
// is the costly part of a search.
const maxPhrases = 128

// phrasePostings returns the postings of the rarest word of a phrase in
// the docs that hold the phrase, cached until the index changes. Callers
// hold m.mu (read).
func (m *MemIndex) phrasePostings(words []string) []posting {
	key := strings.Join(words, " ")
	m.phraseMu.Lock()
	ps, ok := m.phrases[key]
	m.phraseMu.Unlock()
	if ok {
		return ps
	}
	want := m.phraseIDs(words)
	if want != nil {
		// Walk the rarest word's postings: "operator las" reads the few
		// thousand "las" docs, not the 40% of vacancies that say "operator".
		rare := words[0]
		for _, w := range words[1:] {
			if len(m.postings[w]) < len(m.postings[rare]) {
				rare = w
			}
		}
		for _, p := range m.postings[rare] {
			if m.meta[p.doc].alive() && m.hasPhrase(p.doc, want) {
				ps = append(ps, p)
			}
		}
	}
	m.phraseMu.Lock()
	if m.phrases == nil || len(m.phrases) >= maxPhrases {
		m.phrases = map[string][]posting{}
	}
	m.phrases[key] = ps
	m.phraseMu.Unlock()
	return ps
}

func (m *MemIndex) searchLocked(f Filter, q textsearch.Query, today time.Time) (ids []int64, total int) {
	var words, negated []textsearch.Clause
	for _, c := range m.Forgiving.Clauses(q, m) {
		if c.Negate {
			negated = append(negated, c)
		} else {
			words = append(words, c)
		}
	}
	if len(words) == 0 {
		negated = nil // a query of exclusions only means everything, as in the database
	}

	maxRank := math.MaxInt
	if f.Education != "" {
		e, _ := ref.EducationByCode(f.Education)
		maxRank = e.Rank
	}
	region, contract := code(regionCodes(), f.Region), code(Contracts, f.Contract)
	todayUnix := today.Unix()
	var wantFlags uint8 = metaAlive
	if f.DisabilityOpen {
		wantFlags |= metaDisabilityOpen
	}
	// keep reads the dense meta first; memDoc (the KBJI) only when asked.
	keep := func(doc int32, d *docMeta) bool {
		return d.flags&wantFlags == wantFlags && d.closes >= todayUnix &&
			(region == 0 || d.region == region) &&
			int(d.eduRank) <= maxRank &&
			(f.MinWage == 0 || d.wageMax >= f.MinWage) &&
			(contract == 0 || d.contract == contract) &&
			(f.KBJI == "" || strings.HasPrefix(m.docs[doc].kbji, f.KBJI))
	}
	from, to := (f.Page-1)*f.PerPage, f.Page*f.PerPage
	// admit is keep from the bits where it can be: open today and the
	// region, then the meta only when another filter asks.
	open := m.open(todayUnix)
	// metaNeeded: a filter beyond the day and the region.
	metaNeeded := maxRank != math.MaxInt || f.MinWage != 0 || contract != 0 || f.DisabilityOpen || f.KBJI != ""
	admit := func(doc int32) bool {
		return open[doc>>6]&(1<<(doc&63)) != 0 && (region == 0 || m.regionOf[doc] == region) &&
			(!metaNeeded || keep(doc, &m.meta[doc]))
	}

	pad := m.pad()
	defer m.release(pad)
	if len(words) >= filteredOut {
		words = words[:filteredOut-1] // 200 characters make at most 100 words; matched counts in a byte
	}
	need := uint8(len(words))
	if len(words) > 0 {
		n := float64(max(m.live, 1))
		for wi, c := range words {
			for _, a := range c.Alts {
				lists, ok := m.altPostings(a)
				if !ok {
					continue
				}
				df := 0
				for _, ps := range lists {
					df += len(ps)
				}
				idf := a.Weight * math.Log(1+(n-float64(df)+0.5)/(float64(df)+0.5))
				for _, ps := range lists {
					for _, p := range ps {
						d := &m.norms[p.doc]
						mt := pad.matched[p.doc]
						if d.t < 0 || mt < uint8(wi) || mt == filteredOut {
							continue
						}
						if mt == uint8(wi) {
							if wi == 0 {
								// The filters are read once per doc, here,
								// where the first clause meets it: a doc
								// they drop is neither scored nor looked
								// at again (a region keeps an eighth).
								pad.touched = append(pad.touched, p.doc)
								if !admit(p.doc) {
									pad.matched[p.doc] = filteredOut
									continue
								}
							}
							pad.matched[p.doc]++
						}
						tt, tb := float64(p.inTitle), float64(p.body)
						st := tt * (bm25K1 + 1) / (tt + d.t)
						sb := tb * (bm25K1 + 1) / (tb + d.b)
						pad.score[p.doc] += idf * (titleWeight*st + sb)
					}
				}
			}
		}
	}
	var excluded map[int32]bool
	if len(negated) > 0 {
		excluded = map[int32]bool{}
	}
	for _, c := range negated {
		for _, a := range c.Alts {
			lists, _ := m.altPostings(a)
			for _, ps := range lists {
				for _, p := range ps {
					excluded[p.doc] = true
				}
			}
		}
	}
	// A doc the words found passed keep where the first clause met it (a
	// filtered-out one is marked filteredOut, never need).
	match := func(doc int32) bool {
		return pad.matched[doc] == need && (excluded == nil || !excluded[doc])
	}

	if f.Sort != "relevance" || len(words) == 0 {
		// Walk the docs newest first: count all, keep the page.
		if need == 0 {
			walk := func(i int) {
				doc := m.order[i]
				if (excluded == nil || !excluded[doc]) && keep(doc, &m.orderMeta[i]) {
					if total >= from && total < to {
						ids = append(ids, m.docs[doc].id)
					}
					total++
				}
			}
			switch {
			case region != 0:
				// The region's own copy of the meta, in order: read in sequence.
				rm := m.byRegionMeta[region]
				for j, i := range m.byRegion[region] {
					if (excluded == nil || !excluded[m.order[i]]) && keep(m.order[i], &rm[j]) {
						if total >= from && total < to {
							ids = append(ids, m.docs[m.order[i]].id)
						}
						total++
					}
				}
			case excluded == nil && !metaNeeded:
				// Every open doc: the page is at the start of the order, and
				// the total counted once a day (and after each change).
				m.openMu.Lock()
				n, ok := m.openN, m.openDay == todayUnix
				m.openMu.Unlock()
				if !ok {
					for i := range m.order {
						walk(i)
					}
					m.openMu.Lock()
					m.openDay, m.openN = todayUnix, total
					m.openMu.Unlock()
					return ids, total
				}
				for i := 0; i < len(m.order) && total < to; i++ {
					walk(i)
				}
				return ids, n
			default:
				for i := range m.order {
					walk(i)
				}
			}
			return ids, total
		}
		hits := pad.docs
		for _, doc := range pad.touched {
			if match(doc) {
				hits = append(hits, doc)
			}
		}
		pad.docs = hits
		sort.Slice(hits, func(i, j int) bool { return m.newer(hits[i], hits[j]) })
		for i := from; i < len(hits) && i < to; i++ {
			ids = append(ids, m.docs[hits[i]].id)
		}
		return ids, len(hits)
	}
	hits := pad.hits
	for _, doc := range pad.touched {
		if match(doc) {
			hits = append(hits, hit{doc: doc, score: pad.score[doc]})
		}
	}
	pad.hits = hits
	better := func(a, b hit) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return m.newer(a.doc, b.doc)
	}
	// Only the first pages need ordering: keep the best "to" hits, then sort those.
	top := topK(hits, to, better)
	for i := from; i < len(top); i++ {
		ids = append(ids, m.docs[top[i].doc].id)
	}
	return ids, len(hits)
}

// topK returns the k best hits, best first, with a bounded heap.
func topK(hits []hit, k int, better func(a, b hit) bool) []hit {
	if k >= len(hits) {
		sort.Slice(hits, func(i, j int) bool { return better(hits[i], hits[j]) })
		return hits
	}
	h := &hitHeap{better: better}
	for _, x := range hits {
		if h.Len() < k {
			heap.Push(h, x)
		} else if better(x, h.items[0]) {
			h.items[0] = x
			heap.Fix(h, 0)
		}
	}
	out := h.items
	sort.Slice(out, func(i, j int) bool { return better(out[i], out[j]) })
	return out
}

// hitHeap keeps the worst of the best k at its root.
type hitHeap struct {
	items  []hit
	better func(a, b hit) bool
}

func (h *hitHeap) Len() int           { return len(h.items) }
func (h *hitHeap) Less(i, j int) bool { return h.better(h.items[j], h.items[i]) }
func (h *hitHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *hitHeap) Push(x any)         { h.items = append(h.items, x.(hit)) }
func (h *hitHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
