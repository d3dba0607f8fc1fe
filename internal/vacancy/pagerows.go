package vacancy

import (
	"context"
	"sync"
	"sync/atomic"

	lru "github.com/hashicorp/golang-lru/v2"
)

// DefaultPageRows is how many page rows a MemIndex keeps when Rows is 0.
// A row with its description is about 1–2 KB, so 20,000 rows cost some
// 30 MB: every page the bench's mix of 1,000 questions shows, on a province
// of 100,000 vacancies.
const DefaultPageRows = 20000

// pageRowCache keeps the full rows of vacancies that result pages showed,
// each as the version the index holds. Profiled through serve on
// PostgreSQL with the result cache off, reading the page's 20 rows back was
// the largest cost after the index itself (the query, pgx decoding and the
// database's own CPU on the same machine); a page of the index's newest
// versions now costs no query at all.
//
// A kept row is used only while it is the version the index's doc was built
// from (the same updated_at: every write to a vacancy or its employer's
// status stamps it; worksite.go's licence check included) and no write
// through this process happened since it was kept (a generation, so a test
// clock that stands still cannot serve an old row either). It is therefore
// exactly as current as the index: another process's write shows once the
// index has refreshed (RefreshEvery), as the ranking does.
type pageRowCache struct {
	once sync.Once
	lru  *lru.Cache[int64, keptRow]
	gen  atomic.Uint64
}

type keptRow struct {
	gen  uint64
	v    Vacancy
	memo *Memo // what doors made of the row (see Result.ItemMemos)
}

func (c *pageRowCache) init(size int) *lru.Cache[int64, keptRow] {
	c.once.Do(func() {
		if size == 0 {
			size = DefaultPageRows
		}
		if size > 0 {
			c.lru, _ = lru.New[int64, keptRow](size) // errors only for size <= 0
		}
	})
	return c.lru
}

// forget drops every kept row: this process wrote.
func (c *pageRowCache) forget() {
	c.gen.Add(1)
	if c.lru != nil {
		c.lru.Purge()
	}
}

// pageRows loads the rows of an index page in its order: kept rows of the
// doc's version from memory, the others in one query. Skills come from the
// index when the row read is the version it indexed, so a page costs at most
// one query, not two; a row changed since (by another process, within
// RefreshEvery) has its skills read with it and is not kept. memos holds,
// in the same order, each kept row's Memo (nil for a row not kept).
func (s *Store) pageRows(ctx context.Context, page []pageDoc) (out []Vacancy, memos []*Memo, err error) {
	if len(page) == 0 {
		return nil, nil, nil
	}
	kept := s.Mem.rows.init(s.Mem.Rows)
	gen := s.Mem.rows.gen.Load()
	out, memos = make([]Vacancy, len(page)), make([]*Memo, len(page))
	var missing []int64
	var at []int
	for i, p := range page {
		if kept != nil {
			if k, ok := kept.Get(p.id); ok && k.gen == gen && k.v.UpdatedAt.Equal(p.updated) {
				out[i], memos[i] = k.v, k.memo
				continue
			}
		}
		missing, at = append(missing, p.id), append(at, i)
	}
	if len(missing) == 0 {
		return out, memos, nil
	}
	read, err := s.rowsByIDs(ctx, missing)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]Vacancy, len(read))
	for _, v := range read {
		byID[v.ID] = v
	}
	var stale []Vacancy
	var staleAt []int
	for j, i := range at {
		v, ok := byID[missing[j]]
		if !ok {
			continue // vanished between index and read: a gap, dropped below
		}
		if p := page[i]; p.updated.Equal(v.UpdatedAt) {
			v.Skills = p.skills
			out[i] = v
			if kept != nil {
				memos[i] = &Memo{}
				kept.Add(v.ID, keptRow{gen: gen, v: v, memo: memos[i]})
			}
			continue
		}
		stale, staleAt = append(stale, v), append(staleAt, i)
	}
	if len(stale) > 0 {
		if err := s.fillSkills(ctx, stale); err != nil {
			return nil, nil, err
		}
		for j, i := range staleAt {
			out[i] = stale[j]
		}
	}
	if len(read) != len(missing) {
		n, nm := out[:0], memos[:0]
		for i, v := range out {
			if v.ID != 0 {
				n, nm = append(n, v), append(nm, memos[i])
			}
		}
		out, memos = n, nm
	}
	return out, memos, nil
}
