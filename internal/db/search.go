package db

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/textsearch"
)

// SearchIndex is a full-text index keyed by a row id of another table
// (vacancy_search for vacancies). SQLite keeps it in an FTS5 table, PostgreSQL
// in a tsvector column with a GIN index and Indonesian stemming; this type is
// where that difference lives.
type SearchIndex struct {
	Table string // e.g. "vacancy_search"
}

// Put replaces the document of row id: title weighs more than body.
func (s SearchIndex) Put(ctx context.Context, q Querier, id int64, title, body string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM `+s.Table+` WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("search index %s: delete %d: %w", s.Table, id, err)
	}
	var err error
	if q.Dialect() == Postgres {
		_, err = q.ExecContext(ctx, `INSERT INTO `+s.Table+` (rowid, doc) VALUES (?,
			setweight(to_tsvector('indonesian', ?), 'A') || setweight(to_tsvector('indonesian', ?), 'B'))`, id, title, body)
	} else {
		_, err = q.ExecContext(ctx, `INSERT INTO `+s.Table+` (rowid, title, body) VALUES (?, ?, ?)`, id, title, body)
	}
	if err != nil {
		return fmt.Errorf("search index %s: insert %d: %w", s.Table, id, err)
	}
	return nil
}

// Delete removes row id from the index.
func (s SearchIndex) Delete(ctx context.Context, q Querier, id int64) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM `+s.Table+` WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("search index %s: delete %d: %w", s.Table, id, err)
	}
	return nil
}

// Match holds SQL pieces that filter and rank rows by a text query.
type Match struct {
	Join      string // a JOIN clause to add after the FROM table
	Cond      string // a WHERE condition
	CondArgs  []any
	Order     string // an ORDER BY expression, best first
	OrderArgs []any
}

// Match returns the pieces for idColumn (e.g. "v.id") and query. For an empty
// query it returns the zero Match, which filters nothing.
func (s SearchIndex) Match(d Dialect, idColumn string, query textsearch.Query) Match {
	if query.Empty() {
		return Match{}
	}
	if d == Postgres {
		m := Match{Join: ` JOIN ` + s.Table + ` fts ON fts.rowid = ` + idColumn}
		t := query.TSQuery()
		m.Cond = `fts.doc @@ to_tsquery('indonesian', ?)`
		m.CondArgs = []any{t}
		m.Order = `ts_rank_cd(fts.doc, to_tsquery('indonesian', ?)) DESC`
		m.OrderArgs = []any{t}
		return m
	}
	// FTS5's MATCH and bm25() need the table's own name, not an alias.
	return Match{
		Join:     ` JOIN ` + s.Table + ` ON ` + s.Table + `.rowid = ` + idColumn,
		Cond:     s.Table + ` MATCH ?`,
		CondArgs: []any{query.FTS5()},
		Order:    `bm25(` + s.Table + `, 10.0, 1.0)`,
	}
}
