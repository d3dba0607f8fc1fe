-- bursa schema, version 21: screening vacancies before they go live (issue
-- 15). The vacancies row holds what the public may see; vacancy_screens
-- keeps the employer's own text and the last petugas decision, and
-- vacancy_flags what the rules (internal/screen) found, with the
-- employer's job reason and the petugas's answer to it.
CREATE TABLE vacancy_screens (
    vacancy_id  BIGINT PRIMARY KEY REFERENCES vacancies(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    age_max     INTEGER NOT NULL DEFAULT 0,
    publish     {{bool}} NOT NULL DEFAULT FALSE,
    decision    TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'refused')),
    reason      TEXT NOT NULL DEFAULT '',
    decided_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at  {{ts}},
    updated_at  {{ts}} NOT NULL
);

CREATE TABLE vacancy_flags (
    id          {{id}},
    vacancy_id  BIGINT NOT NULL REFERENCES vacancies(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    field       TEXT NOT NULL,
    detail      TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'pending', 'accepted', 'refused')),
    created_at  {{ts}} NOT NULL
);
CREATE INDEX vacancy_flags_vacancy ON vacancy_flags(vacancy_id);
CREATE INDEX vacancy_flags_state ON vacancy_flags(state, vacancy_id);
