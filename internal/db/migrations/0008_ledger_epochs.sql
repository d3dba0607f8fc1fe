-- bursa schema, version 8: the log never signs two trees of one size.
-- A database restored from an older copy is behind the last checkpoint the
-- log signed (kept outside the database too, in data/ledger.checkpoint, and
-- by witnesses). Appending to it would sign other trees at sizes the public
-- has already seen, so the log freezes: frozen says why ('' when it is not)
-- and frozen_checkpoint holds the signed checkpoint the database is behind.
-- ledger.Append refuses while frozen, in the same statement that takes the
-- append lock.
ALTER TABLE ledger_state ADD COLUMN frozen TEXT NOT NULL DEFAULT '';
ALTER TABLE ledger_state ADD COLUMN frozen_checkpoint TEXT NOT NULL DEFAULT '';

-- Signed loss notices (`bursa ledger announce-loss`): each names the history
-- that was lost (its last signed checkpoint), the tree that survived, and the
-- epoch that continues it under a new origin. The notice is also record
-- `record` of the log, the first of its epoch.
CREATE TABLE ledger_notices (
    epoch      INTEGER PRIMARY KEY,
    origin     TEXT NOT NULL UNIQUE,
    vkey       TEXT NOT NULL,
    record     BIGINT NOT NULL,
    note       TEXT NOT NULL,
    checkpoint TEXT NOT NULL,
    created_at {{ts}} NOT NULL
);
