-- bursa schema, version 2: what matching needs.
-- A seeker says which occupation they look for (KBJI 2014 unit group) and
-- which contract types they accept (a bit set: 1 PKWT, 2 PKWTT, 4 harian,
-- 8 magang; 0 = any), so plain SQL can test membership with "&".
ALTER TABLE seekers ADD COLUMN occupation TEXT NOT NULL DEFAULT '';
ALTER TABLE seekers ADD COLUMN contracts INTEGER NOT NULL DEFAULT 0;

-- Each serve process keeps its matching index current by reading what
-- changed since it last looked.
CREATE INDEX seekers_updated ON seekers(updated_at);
CREATE INDEX applications_created ON applications(created_at);

-- An employer invites a discoverable candidate to apply; the seeker decides.
-- The employer sees the candidate's masked name only until they apply.
CREATE TABLE invitations (
    id          {{id}},
    vacancy_id  BIGINT NOT NULL REFERENCES vacancies(id),
    seeker_id   BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    invited_by  BIGINT NOT NULL REFERENCES users(id),
    status      TEXT NOT NULL DEFAULT 'diundang',
    created_at  {{ts}} NOT NULL,
    decided_at  {{ts}},
    UNIQUE (vacancy_id, seeker_id)
);
CREATE INDEX invitations_seeker ON invitations(seeker_id, created_at);
