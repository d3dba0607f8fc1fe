-- bursa schema, version 13: proving a contact and getting back in. One-time
-- codes (a contact's verification, a password reset, a reset a petugas
-- started at the office after checking the KTP) and the sends that throttle
-- them.

-- A one-time code, stored only as a keyed hash. purpose: email or phone (the
-- person proves they hold address, reached by channel) or reset (a new
-- password; token_hash is the link in the email, origin office when a
-- petugas issued it). A code is live while unused, under its tries and
-- before expires_at; a new code of the same purpose ends the old one.
CREATE TABLE account_codes (
    id         {{id}},
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('email', 'phone', 'reset')),
    address    TEXT NOT NULL DEFAULT '',
    channel    TEXT NOT NULL DEFAULT '',
    code_hash  TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    origin     TEXT NOT NULL DEFAULT 'self' CHECK (origin IN ('self', 'office')),
    issued_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    tries      INTEGER NOT NULL DEFAULT 0,
    created_at {{ts}} NOT NULL,
    expires_at {{ts}} NOT NULL,
    used_at    {{ts}}
);
CREATE INDEX account_codes_user ON account_codes(user_id, purpose, created_at);

-- One row per code sent (or asked for), under a keyed hash of what it
-- counts against: the contact, the login, the client's address. Kept a day,
-- as long as the throttle looks back.
CREATE TABLE account_sends (
    holder TEXT NOT NULL,
    at     {{ts}} NOT NULL
);
CREATE INDEX account_sends_holder ON account_sends(holder, at);
