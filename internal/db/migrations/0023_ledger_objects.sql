-- bursa schema, version 23: the log by object. Each record is indexed under
-- the public objects it is about (a vacancy, its employer and regency, a
-- training round, its provider and programs), so that an object's history
-- and a filtered page of the log are read without scanning every record.
-- ledger.Append fills it in the transaction that writes the record.
CREATE TABLE ledger_objects (
    object TEXT NOT NULL,
    ref    TEXT NOT NULL,
    n      BIGINT NOT NULL,
    -- The record's kind again, so that one kind of record about an object
    -- (a company's opened vacancies) is read from the index alone.
    kind   TEXT NOT NULL,
    PRIMARY KEY (object, ref, n)
);
CREATE INDEX ledger_objects_kind ON ledger_objects(object, ref, kind, n);
-- By record: Append first clears rows at and above the records it writes,
-- so a database whose log was cut back by hand never keeps index rows of
-- records that are gone.
CREATE INDEX ledger_objects_n ON ledger_objects(n);

-- The log filtered by kind alone, newest first.
CREATE INDEX ledger_records_kind ON ledger_records(kind, n);

-- Records written before this index existed are indexed once, at start
-- (ledger.BackfillIndex), from the records themselves: every record below
-- upto still needs it. A new database starts with nothing to do.
CREATE TABLE ledger_index_todo (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto BIGINT NOT NULL
);
INSERT INTO ledger_index_todo (id, upto) SELECT 1, size FROM ledger_state;
