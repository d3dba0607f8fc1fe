-- Full-text index of vacancies (PostgreSQL, 'indonesian' stemming config).
-- Kept current by the vacancy store.
CREATE TABLE vacancy_search (
    rowid BIGINT PRIMARY KEY,
    doc   TSVECTOR NOT NULL
);
CREATE INDEX vacancy_search_doc ON vacancy_search USING GIN (doc);
