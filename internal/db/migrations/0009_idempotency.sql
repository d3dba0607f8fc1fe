-- bursa schema, version 9: Idempotency-Key (IETF httpapi draft). The first
-- answer to a create request is kept for 24 hours under its key, scoped to
-- the account (or, for anonymous filers, to the request's own fingerprint),
-- so a client that timed out and retries gets that answer back instead of
-- creating a second vacancy, application or complaint.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    location TEXT NOT NULL,
    body {{blob}} NOT NULL,
    created_at {{ts}} NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
