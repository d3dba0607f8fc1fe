-- bursa schema, version 18: job offers. An employer offers a wage in its
-- unit (month, day, hour; PP 36/2021), a contract and its length, a start
-- date and a date to answer by; the seeker accepts (the hire follows) or
-- declines (the application ends). One offer per application.
CREATE TABLE offers (
    id             {{id}},
    application_id BIGINT NOT NULL UNIQUE REFERENCES applications(id) ON DELETE CASCADE,
    wage           BIGINT NOT NULL,
    wage_unit      TEXT NOT NULL CHECK (wage_unit IN ('month', 'day', 'hour')),
    work_days      INTEGER NOT NULL,
    contract       TEXT NOT NULL,
    months         INTEGER NOT NULL DEFAULT 0,
    start_on       DATE NOT NULL,
    answer_by      DATE NOT NULL,
    workplace      TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
    made_by        BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at     {{ts}} NOT NULL,
    answered_at    {{ts}}
);
