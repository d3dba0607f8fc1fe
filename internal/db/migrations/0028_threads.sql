-- A message thread on an application, and the contacts a seeker shares with
-- the company for that application only (issue 13, item 4). Messages are
-- sealed: they can name people, places and amounts.
CREATE TABLE application_messages (
    id             {{id}},
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    side           TEXT NOT NULL CHECK (side IN ('seeker', 'employer')),
    body_enc       {{blob}} NOT NULL,
    -- The company's message asks the worker for money: shown with a warning
    -- and a one-tap fee report.
    fee_warning    {{bool}} NOT NULL DEFAULT FALSE,
    created_at     {{ts}} NOT NULL
);
CREATE INDEX application_messages_app ON application_messages (application_id, id);

CREATE TABLE application_contact_shares (
    application_id BIGINT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    phone          {{bool}} NOT NULL DEFAULT FALSE,
    email          {{bool}} NOT NULL DEFAULT FALSE,
    updated_at     {{ts}} NOT NULL
);
