-- bursa schema, version 4: pengaduan & pengawasan (issue 5).
-- Complaints become filings of a case: an inspection case (pemeriksaan) or
-- an industrial dispute (perselisihan). The complainant's identity, the
-- narrative, named union members, evidence files and messages are sealed
-- with AES-256-GCM (internal/secret), each with its own context; lookups go
-- through keyed hashes (reporter_key, member_key, union_key), never clear ids.
-- Dates are civil dates (WIB); times are UTC.

-- Officers who handle cases: a pengawas (labor inspector) or a mediator,
-- the regencies/cities they cover ("36" = the whole province), and who
-- supervises them. A supervisor verifies and assigns the cases of the
-- regions they cover and receives the overdue ones.
CREATE TABLE officers (
    user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    supervisor    {{bool}} NOT NULL DEFAULT FALSE,
    supervisor_id BIGINT REFERENCES users(id),
    active        {{bool}} NOT NULL DEFAULT TRUE,
    updated_at    {{ts}} NOT NULL,
    PRIMARY KEY (user_id, kind),
    CHECK (kind IN ('pengawas', 'mediator'))
);

CREATE TABLE officer_regions (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    region  TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, region),
    FOREIGN KEY (user_id, kind) REFERENCES officers(user_id, kind) ON DELETE CASCADE
);
CREATE INDEX officer_regions_region ON officer_regions(kind, region);

-- A case: kind pemeriksaan (category of the complaint) or perselisihan
-- (dispute_type hak, kepentingan, phk, antar_serikat). deadline is the civil
-- day by which the current state must move on (NULL: none). employer_key
-- groups reports about one employer: "id:<employers.id>" or "nama:<name>".
-- A pooled case was opened when k sealed reports named the same employer
-- and category; a retaliation case was opened by a dismissal, non-renewal
-- or BPJS removal of a worker tied to an earlier complaint.
CREATE TABLE cases (
    id             {{id}},
    kind           TEXT NOT NULL,
    category       TEXT NOT NULL DEFAULT '',
    dispute_type   TEXT NOT NULL DEFAULT '',
    region         TEXT NOT NULL DEFAULT '',
    employer_id    BIGINT REFERENCES employers(id),
    employer_name  TEXT NOT NULL DEFAULT '',
    employer_key   TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL,
    assignee_id    BIGINT REFERENCES users(id),
    supervisor_id  BIGINT REFERENCES users(id),
    deadline       DATE,
    escalated_at   {{ts}},
    escalated_to   BIGINT REFERENCES users(id),
    pooled         {{bool}} NOT NULL DEFAULT FALSE,
    retaliation    {{bool}} NOT NULL DEFAULT FALSE,
    linked_case_id BIGINT REFERENCES cases(id),
    outcome_ref    TEXT NOT NULL DEFAULT '',
    opened_at      {{ts}} NOT NULL,
    closed_at      {{ts}},
    updated_at     {{ts}} NOT NULL,
    CHECK (kind IN ('pemeriksaan', 'perselisihan'))
);
CREATE INDEX cases_assignee ON cases(assignee_id, state);
CREATE INDEX cases_region ON cases(kind, region, state);
CREATE INDEX cases_employer ON cases(employer_id, state);
CREATE INDEX cases_deadline ON cases(state, deadline);
CREATE INDEX cases_pool ON cases(employer_key, category, pooled);

-- Every change of a case: who (actor_id, NULL for the system), when, why.
-- kind: status, tugas (assignment), eskalasi, sidang (session), temuan,
-- tanggapan (employer response), gabung (a pooled report joined).
CREATE TABLE case_events (
    id         {{id}},
    case_id    BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at         {{ts}} NOT NULL,
    actor_id   BIGINT REFERENCES users(id),
    kind       TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    deadline   DATE
);
CREATE INDEX case_events_case ON case_events(case_id, at);

-- Inspection visits and mediation sessions, for the officers' calendar.
CREATE TABLE case_sessions (
    id         {{id}},
    case_id    BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    at         {{ts}} NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at {{ts}} NOT NULL
);
CREATE INDEX case_sessions_case ON case_sessions(case_id, at);
CREATE INDEX case_sessions_at ON case_sessions(at);

-- Findings of an inspection, per category. summary is written for the
-- public compliance record (shown once the case is final) and must not
-- name workers.
CREATE TABLE case_findings (
    id            {{id}},
    case_id       BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    category      TEXT NOT NULL,
    substantiated {{bool}} NOT NULL,
    summary       TEXT NOT NULL,
    recorded_by   BIGINT REFERENCES users(id),
    recorded_at   {{ts}} NOT NULL
);
CREATE INDEX case_findings_case ON case_findings(case_id);

-- An employer's answer to the findings addressed to it.
CREATE TABLE case_responses (
    id          {{id}},
    case_id     BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    employer_id BIGINT NOT NULL REFERENCES employers(id),
    author_id   BIGINT REFERENCES users(id),
    body        TEXT NOT NULL,
    created_at  {{ts}} NOT NULL
);
CREATE INDEX case_responses_case ON case_responses(case_id);

-- The complaints table of version 1 grows into the filing of a case.
-- kind: pengaduan or perselisihan. via: akun (a logged-in worker), anonim
-- (no identity kept), serikat (a union officer, for members). status:
-- menunggu (sealed, waiting for k reports) or kasus (in case_id).
ALTER TABLE complaints ADD COLUMN kind TEXT NOT NULL DEFAULT 'pengaduan';
ALTER TABLE complaints ADD COLUMN via TEXT NOT NULL DEFAULT 'akun';
ALTER TABLE complaints ADD COLUMN case_id BIGINT REFERENCES cases(id);
ALTER TABLE complaints ADD COLUMN employer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN employer_key TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN happened_on DATE;
ALTER TABLE complaints ADD COLUMN workers_affected INTEGER NOT NULL DEFAULT 1;
ALTER TABLE complaints ADD COLUMN below_umk {{bool}} NOT NULL DEFAULT FALSE;
ALTER TABLE complaints ADD COLUMN umk_amount BIGINT NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN umk_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN identity_enc {{blob}};
ALTER TABLE complaints ADD COLUMN reporter_key TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN union_key TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN consent_employer {{bool}} NOT NULL DEFAULT FALSE;
ALTER TABLE complaints ADD COLUMN sealed {{bool}} NOT NULL DEFAULT FALSE;
ALTER TABLE complaints ADD COLUMN pool_k INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN unnamed_members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN adverse TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN linked_complaint_id BIGINT REFERENCES complaints(id);
CREATE INDEX complaints_case ON complaints(case_id);
CREATE INDEX complaints_reporter ON complaints(reporter_key);
CREATE INDEX complaints_union ON complaints(union_key);
CREATE INDEX complaints_pool ON complaints(employer_key, category, status);

-- Members a union names in a collective complaint, each with recorded
-- consent. name_enc is sealed; member_key is a keyed hash of the member's
-- account, when they have one, for shared access and retaliation links.
CREATE TABLE complaint_members (
    id           {{id}},
    complaint_id BIGINT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    name_enc     {{blob}} NOT NULL,
    member_key   TEXT NOT NULL DEFAULT '',
    consent_at   {{ts}} NOT NULL,
    consent_by   BIGINT REFERENCES users(id),
    consent_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_members_complaint ON complaint_members(complaint_id);
CREATE INDEX complaint_members_key ON complaint_members(member_key);

-- Evidence: JPEG and PNG re-encoded without metadata, PDF as sent; sealed.
CREATE TABLE complaint_files (
    id           {{id}},
    complaint_id BIGINT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    media_type   TEXT NOT NULL,
    size         BIGINT NOT NULL,
    stripped     {{bool}} NOT NULL,
    data_enc     {{blob}} NOT NULL,
    created_at   {{ts}} NOT NULL
);
CREATE INDEX complaint_files_complaint ON complaint_files(complaint_id);

-- Messages between a complainant (by account, or by code and PIN) and the
-- officers of the case; sealed.
CREATE TABLE complaint_messages (
    id           {{id}},
    complaint_id BIGINT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    from_officer {{bool}} NOT NULL,
    author_id    BIGINT REFERENCES users(id),
    body_enc     {{blob}} NOT NULL,
    created_at   {{ts}} NOT NULL
);
CREATE INDEX complaint_messages_complaint ON complaint_messages(complaint_id, created_at);

-- Wrong tracking PINs, throttled per code and per client address.
CREATE TABLE complaint_pin_failures (
    id   {{id}},
    code TEXT NOT NULL,
    addr TEXT NOT NULL,
    at   {{ts}} NOT NULL
);
CREATE INDEX complaint_pin_failures_code ON complaint_pin_failures(code, at);
CREATE INDEX complaint_pin_failures_addr ON complaint_pin_failures(addr, at);

-- One row per employer and category that sealed reports have named; writers
-- lock it so two reports arriving together count each other.
CREATE TABLE complaint_pools (
    employer_key TEXT NOT NULL,
    category     TEXT NOT NULL,
    updated_at   {{ts}} NOT NULL,
    PRIMARY KEY (employer_key, category)
);

-- Aspirasi: policy proposals by workers and unions, answered in public by
-- officials, supported once per account.
CREATE TABLE aspirations (
    id         {{id}},
    author_id  BIGINT NOT NULL REFERENCES users(id),
    union_name TEXT NOT NULL DEFAULT '',
    audience   TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at {{ts}} NOT NULL
);
CREATE INDEX aspirations_created ON aspirations(created_at);

CREATE TABLE aspiration_answers (
    id             {{id}},
    aspiration_id  BIGINT NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    official_id    BIGINT NOT NULL REFERENCES users(id),
    body           TEXT NOT NULL,
    created_at     {{ts}} NOT NULL
);
CREATE INDEX aspiration_answers_aspiration ON aspiration_answers(aspiration_id, created_at);

CREATE TABLE aspiration_supports (
    aspiration_id BIGINT NOT NULL REFERENCES aspirations(id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at    {{ts}} NOT NULL,
    PRIMARY KEY (aspiration_id, user_id)
);

-- The fee-demand reports filed before this version become cases of
-- category calo, waiting for verification, with the same id as their
-- report (cases is empty here, so the ids are free).
INSERT INTO cases (id, kind, category, region, employer_id, employer_key, state, opened_at, updated_at)
SELECT id, 'pemeriksaan', category, region, employer_id,
       CASE WHEN employer_id IS NULL THEN '' ELSE 'id:' || CAST(employer_id AS TEXT) END,
       'diterima', created_at, created_at
FROM complaints;
INSERT INTO case_events (case_id, at, kind, to_state, reason)
SELECT id, created_at, 'status', 'diterima', 'laporan pungutan/calo dari bursa kerja' FROM complaints;
UPDATE complaints SET case_id = id, status = 'kasus',
    via = CASE WHEN reporter_id IS NULL THEN 'anonim' ELSE 'akun' END,
    employer_key = CASE WHEN employer_id IS NULL THEN '' ELSE 'id:' || CAST(employer_id AS TEXT) END;
