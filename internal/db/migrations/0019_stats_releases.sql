-- bursa schema, version 19: frozen statistics releases. Each row is one
-- release of every published dataset for the 24 months ending with
-- `month`, stamped with the public log's checkpoint (size and root hash)
-- it was computed from. A row is never updated: a recomputation that
-- changes anything is a new revision that names what changed.
CREATE TABLE stats_releases (
    id           {{id}},
    month        TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    provisional  {{bool}} NOT NULL DEFAULT FALSE,
    computed_at  {{ts}} NOT NULL,
    ledger_size  BIGINT NOT NULL,
    ledger_root  TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    changes      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    UNIQUE (month, revision)
);
