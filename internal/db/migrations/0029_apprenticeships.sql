-- bursa schema, version 29: lawful apprenticeships (issue 16, item 1;
-- Permenaker 6/2020). A company applies for a program with the terms of its
-- written agreement; the labor office approves or rejects it within 3
-- working days (decide_by); an approved program opens magang vacancies
-- linked to it; applicants taken on become apprentices, each ending
-- completed (with a certificate) or dropped, hired after or not.

-- One program as applied for. workforce is the company's own number of
-- workers when it applied: the 20% cap is counted against it. insurance is
-- the company's word that apprentices are covered by BPJS
-- Ketenagakerjaan (JKK and JKM); the form refuses a program without it.
CREATE TABLE apprenticeships (
    id            {{id}},
    employer_id   BIGINT NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    occupation    TEXT NOT NULL,
    standard      TEXT NOT NULL,
    region        TEXT NOT NULL,
    seats         INTEGER NOT NULL CHECK (seats > 0),
    months        INTEGER NOT NULL CHECK (months BETWEEN 1 AND 12),
    theory_share  INTEGER NOT NULL CHECK (theory_share BETWEEN 10 AND 25),
    allowance     BIGINT NOT NULL CHECK (allowance > 0),
    insurance     {{bool}} NOT NULL,
    mentor_name   TEXT NOT NULL,
    mentor_title  TEXT NOT NULL,
    training_plan TEXT NOT NULL,
    start_on      DATE NOT NULL,
    workforce     INTEGER NOT NULL CHECK (workforce > 0),
    status        TEXT NOT NULL DEFAULT 'diajukan' CHECK (status IN ('diajukan', 'disetujui', 'ditolak', 'berjalan', 'selesai')),
    decide_by     DATE NOT NULL,
    decided_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at    {{ts}},
    reason        TEXT NOT NULL DEFAULT '',
    applied_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    {{ts}} NOT NULL,
    ended_at      {{ts}}
);
CREATE INDEX apprenticeships_employer ON apprenticeships(employer_id, id);
-- The officers' queue: what waits, oldest deadline first.
CREATE INDEX apprenticeships_status ON apprenticeships(status, decide_by);

-- One apprentice of a program, taken on from an application to one of its
-- vacancies. status: berjalan, then selesai (with the certificate's number
-- and issuer) or berhenti (with the reason); hired says whether the
-- company employed them after.
CREATE TABLE apprentices (
    id                {{id}},
    apprenticeship_id BIGINT NOT NULL REFERENCES apprenticeships(id) ON DELETE CASCADE,
    seeker_id         BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    application_id    BIGINT UNIQUE REFERENCES applications(id) ON DELETE SET NULL,
    start_on          DATE NOT NULL,
    status            TEXT NOT NULL DEFAULT 'berjalan' CHECK (status IN ('berjalan', 'selesai', 'berhenti')),
    certificate       TEXT NOT NULL DEFAULT '',
    issuer            TEXT NOT NULL DEFAULT '',
    reason            TEXT NOT NULL DEFAULT '',
    hired             {{bool}},
    ended_on          DATE,
    created_at        {{ts}} NOT NULL
);
CREATE INDEX apprentices_program ON apprentices(apprenticeship_id, id);
CREATE INDEX apprentices_status ON apprentices(status);

-- A magang vacancy names the approved program it fills (vacancy.Store
-- refuses a magang vacancy without one: Permenaker 6/2020).
ALTER TABLE vacancies ADD COLUMN apprenticeship_id BIGINT REFERENCES apprenticeships(id) ON DELETE SET NULL;
CREATE INDEX vacancies_apprenticeship ON vacancies(apprenticeship_id);
