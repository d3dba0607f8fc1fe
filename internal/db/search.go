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

// Match holds the FROM clause that filters and ranks rows by a text query.
type Match struct {
	// From replaces the table in a FROM clause: the table alone for an empty
	// query, else the table joined with the matching documents, whose score
	// is fts.rank.
	From string
	Args []any // arguments of From, which come before any in WHERE
	// Order is an ORDER BY expression, best match first ("" when no query).
	Order string
	// Filter is a WHERE condition (with FilterArgs) that keeps the matching
	// rows without scoring them: cheaper than From for counting.
	Filter     string
	FilterArgs []any
}

// Match returns the pieces for table (e.g. "vacancies v") keyed by idColumn
// (e.g. "v.id").
//
// The full-text engine runs once, in a subquery that drives the join. SQLite
// is told so with CROSS JOIN, which fixes the join order there: left to its
// planner it may loop over the vacancies and re-run the FTS5 query for each.
func (s SearchIndex) Match(d Dialect, table, idColumn string, query textsearch.Query) Match {
	if query.Empty() {
		return Match{From: table}
	}
	if d == Postgres {
		return Match{
			From: `(SELECT rowid AS id, ts_rank_cd(doc, tsq) AS rank FROM ` + s.Table +
				`, to_tsquery('indonesian', ?) tsq WHERE doc @@ tsq) fts JOIN ` + table + ` ON ` + idColumn + ` = fts.id`,
			Args:       []any{query.TSQuery()},
			Order:      `fts.rank DESC`,
			Filter:     idColumn + ` IN (SELECT rowid FROM ` + s.Table + ` WHERE doc @@ to_tsquery('indonesian', ?))`,
			FilterArgs: []any{query.TSQuery()},
		}
	}
	// bm25 is lower for better matches; the title column weighs ten times the body.
	return Match{
		From: `(SELECT rowid AS id, bm25(` + s.Table + `, 10.0, 1.0) AS rank FROM ` + s.Table +
			` WHERE ` + s.Table + ` MATCH ?) fts CROSS JOIN ` + table + ` ON ` + idColumn + ` = fts.id`,
		Args:       []any{query.FTS5()},
		Order:      `fts.rank`,
		Filter:     idColumn + ` IN (SELECT rowid FROM ` + s.Table + ` WHERE ` + s.Table + ` MATCH ?)`,
		FilterArgs: []any{query.FTS5()},
	}
}
