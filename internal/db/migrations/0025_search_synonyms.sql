-- bursa schema, version 25: job-title synonym groups an admin adds to the
-- shipped table (internal/textsearch/data/synonyms.txt) for the vacancy
-- search. Members are stored as typed, comma-separated; every serve process
-- reads the table into its search index (see docs/search.md).
CREATE TABLE search_synonyms (
    id         {{id}},
    members    TEXT NOT NULL,
    source     TEXT NOT NULL,
    added_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    added_at   {{ts}} NOT NULL
);
