-- bursa schema, version 5: the public tamper-evident log (transparency).
-- Records are canonical JSON without personal data; ledger_hashes holds the
-- Merkle tree's stored hashes in golang.org/x/mod/sumdb/tlog's layout, so
-- tiles and proofs are read straight from it.
CREATE TABLE ledger_records (
    n          BIGINT PRIMARY KEY,
    kind       TEXT NOT NULL,
    data       {{blob}} NOT NULL,
    created_at {{ts}} NOT NULL
);

CREATE TABLE ledger_hashes (
    i BIGINT PRIMARY KEY,
    h {{blob}} NOT NULL
);

-- One row: the number of records. Appends lock it, so they are serial.
CREATE TABLE ledger_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL
);
INSERT INTO ledger_state (id, size) VALUES (1, 0);

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per tree size.
CREATE TABLE ledger_checkpoints (
    size       BIGINT PRIMARY KEY,
    note       TEXT NOT NULL,
    created_at {{ts}} NOT NULL
);

-- Witness cosignatures of checkpoints.
CREATE TABLE ledger_cosignatures (
    size       BIGINT NOT NULL,
    witness    TEXT NOT NULL,
    note       TEXT NOT NULL,
    created_at {{ts}} NOT NULL,
    PRIMARY KEY (size, witness)
);

-- The applicant's receipt salt: the log holds only a commitment to who
-- applied; the salt lets the applicant (and only them) prove it was them.
ALTER TABLE applications ADD COLUMN ledger_n BIGINT;
ALTER TABLE applications ADD COLUMN ledger_salt TEXT NOT NULL DEFAULT '';

-- Likewise for a training-round application: its seat record in the log
-- carries a commitment the applicant's salt opens.
ALTER TABLE round_applications ADD COLUMN ledger_salt TEXT NOT NULL DEFAULT '';
ALTER TABLE round_applications ADD COLUMN ledger_n BIGINT;

-- And for a complaint: the log holds only a commitment to its tracking
-- code; the complainant's receipt opens it.
ALTER TABLE complaints ADD COLUMN ledger_salt TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN ledger_n BIGINT;

-- A round keeps each program's priority order as it stood when the round
-- opened, so results name the classes the allocation used even if the
-- program's order changes later.
ALTER TABLE round_programs ADD COLUMN priority TEXT NOT NULL DEFAULT '';
