-- bursa schema, version 23: the log by object. Each record is indexed under
-- the public objects it is about (a vacancy, its employer and regency, a
-- training round, its provider and programs), so that an object's history
-- and a filtered page of the log are read without scanning every record.
-- ledger.Append fills it in the transaction that writes the record. The
-- table itself is in the dialect files (SQLite keeps it WITHOUT ROWID).

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
