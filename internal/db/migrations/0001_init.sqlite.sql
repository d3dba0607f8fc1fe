-- Full-text index of vacancies (SQLite FTS5). Kept current by the vacancy
-- store, which writes title (weighted higher) and body for each vacancy id.
CREATE VIRTUAL TABLE vacancy_search USING fts5(
    title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
