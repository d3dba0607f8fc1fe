-- bursa schema, version 12: telling people things. Contacts a person proved
-- they own, consent per channel with its time (UU 27/2022; WhatsApp sends
-- only to people who opted in), preferences per kind and channel, the in-app
-- inbox that always works, and the durable outbox a worker inside `serve`
-- delivers from.

-- One email and one phone per account; verified_at is set when the person
-- typed the code sent to it. A verified address belongs to one account only.
CREATE TABLE contacts (
    id          {{id}},
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    address     TEXT NOT NULL,
    verified_at {{ts}},
    created_at  {{ts}} NOT NULL,
    UNIQUE (user_id, kind)
);
CREATE INDEX contacts_address ON contacts(kind, address);

-- Consent per channel, append-only: the latest row per (user, channel) is
-- the person's current choice, and the history shows when it was given or
-- withdrawn.
CREATE TABLE consents (
    id       {{id}},
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel  TEXT NOT NULL,
    granted  {{bool}} NOT NULL,
    at       {{ts}} NOT NULL
);
CREATE INDEX consents_user ON consents(user_id, channel, at);

-- A person's choice for one kind of notice on one channel; without a row the
-- kind's default applies.
CREATE TABLE notify_prefs (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    enabled    {{bool}} NOT NULL,
    changed_at {{ts}} NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);

-- How often notices of a kind that can be bundled (an employer's new
-- applicants) reach a person: now (one notice each), hourly or daily (one
-- digest). Without a row: now.
CREATE TABLE notify_cadence (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    cadence    TEXT NOT NULL CHECK (cadence IN ('now', 'hourly', 'daily')),
    changed_at {{ts}} NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- The inbox: every notice, in the person's language when it was made. dedupe
-- makes a notice that must go once (a digest of one day, a reminder of one
-- deadline) idempotent.
CREATE TABLE notifications (
    id         {{id}},
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    url        TEXT NOT NULL DEFAULT '',
    dedupe     TEXT,
    created_at {{ts}} NOT NULL,
    read_at    {{ts}},
    UNIQUE (user_id, dedupe)
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- The outbox: one row per message per channel, written in the transaction
-- of the event that causes it. status: pending (waiting for next_at),
-- sending (claimed by a worker until locked_until; a worker that died lets
-- the lease run out and another sends it again), sent, dead (out of tries or
-- refused for good; the admin can retry). user_id is NULL for a message to
-- an address not yet tied to an account (a complaint's contact).
CREATE TABLE outbox (
    id              {{id}},
    notification_id BIGINT REFERENCES notifications(id) ON DELETE SET NULL,
    user_id         BIGINT REFERENCES users(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    channel         TEXT NOT NULL,
    address         TEXT NOT NULL,
    lang            TEXT NOT NULL DEFAULT 'id',
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    url             TEXT NOT NULL DEFAULT '',
    -- code is a one-time code the message carries (a WhatsApp authentication
    -- template takes it apart from the text); wiped with the body once sent.
    code            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         {{ts}} NOT NULL,
    locked_until    {{ts}},
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    sent_at         {{ts}}
);
CREATE INDEX outbox_due ON outbox(next_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_status ON outbox(status, created_at);
CREATE INDEX outbox_user_sent ON outbox(user_id, channel, sent_at);
