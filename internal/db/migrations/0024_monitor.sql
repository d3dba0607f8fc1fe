-- bursa schema, version 24: the log's own monitor (internal/monitor). The
-- serve process follows its log from the tiles, as an outside monitor
-- would, and keeps what it remembers (the checkpoint verified last, the
-- next record, the objects seen) in monitor_state, and each broken
-- completeness rule, with the records that show it, in monitor_findings,
-- which are public on /transparansi/pemantau and /ledger/findings.
CREATE TABLE monitor_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    next       BIGINT NOT NULL,
    size       BIGINT NOT NULL,
    state      TEXT NOT NULL,
    checked_at {{ts}} NOT NULL
);

CREATE TABLE monitor_findings (
    id       {{id}},
    rule     TEXT NOT NULL,
    records  TEXT NOT NULL,
    detail   TEXT NOT NULL,
    found_at {{ts}} NOT NULL
);
CREATE INDEX monitor_findings_rule ON monitor_findings (rule);
