-- bursa schema, version 23 (SQLite): the index of the log by object, kept
-- WITHOUT ROWID: its rows are their key, so each append writes one B-tree
-- fewer.
CREATE TABLE ledger_objects (
    object TEXT NOT NULL,
    ref    TEXT NOT NULL,
    -- A log cut back by hand (tests do; a restore replaces the whole
    -- database) takes its index rows with it, so a record number used
    -- again is never indexed under the objects of the record it replaced.
    n      BIGINT NOT NULL REFERENCES ledger_records(n) ON DELETE CASCADE,
    -- The record's kind again, so that one kind of record about an object
    -- (a company's opened vacancies) is read from the index alone.
    kind   TEXT NOT NULL,
    PRIMARY KEY (object, ref, n)
) WITHOUT ROWID;
CREATE INDEX ledger_objects_kind ON ledger_objects(object, ref, kind, n);

