-- bursa schema, version 1: accounts, employers, job seekers and AK/1 cards,
-- vacancies, applications, placements, fee-demand reports, audit trail.
-- Money is integer rupiah; times are UTC; dates are civil dates (WIB).

CREATE TABLE users (
    id            {{id}},
    email         TEXT UNIQUE,
    phone         TEXT UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    lang          TEXT NOT NULL DEFAULT 'id',
    demo          {{bool}} NOT NULL DEFAULT FALSE,
    created_at    {{ts}} NOT NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Session ids are random 32-byte tokens; only their SHA-256 is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at {{ts}} NOT NULL,
    expires_at {{ts}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id     {{id}},
    login  TEXT NOT NULL,
    addr   TEXT NOT NULL,
    at     {{ts}} NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(login, addr, at);

-- Who did what to whom: every read of a NIK or other confidential field, and
-- every decision by an officer, is recorded here (UU PDP 27/2022).
CREATE TABLE audit_log (
    id           {{id}},
    at           {{ts}} NOT NULL,
    actor_id     BIGINT,
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   BIGINT NOT NULL,
    detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log(subject_type, subject_id, at);

CREATE TABLE employers (
    id            {{id}},
    owner_id      BIGINT NOT NULL REFERENCES users(id),
    name          TEXT NOT NULL,
    nib           TEXT NOT NULL UNIQUE,
    kbli_section  TEXT NOT NULL,
    kbli_version  TEXT NOT NULL,
    size_class    TEXT NOT NULL,
    region        TEXT NOT NULL,
    district      TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL,
    contact_name  TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    contact_email TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'menunggu',
    status_reason TEXT NOT NULL DEFAULT '',
    decided_by    BIGINT REFERENCES users(id),
    decided_at    {{ts}},
    created_at    {{ts}} NOT NULL
);
CREATE INDEX employers_owner ON employers(owner_id);
CREATE INDEX employers_status ON employers(status, created_at);

CREATE TABLE seekers (
    id              {{id}},
    user_id         BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    nik_enc         {{blob}} NOT NULL,
    nik_hash        TEXT NOT NULL UNIQUE,
    nik_masked      TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    birth_date      DATE NOT NULL,
    female          {{bool}} NOT NULL,
    nik_region      TEXT NOT NULL,
    domicile_region TEXT NOT NULL,
    education       TEXT NOT NULL,
    experience      TEXT NOT NULL DEFAULT '',
    certificates    TEXT NOT NULL DEFAULT '',
    expected_wage   BIGINT NOT NULL DEFAULT 0,
    discoverable    {{bool}} NOT NULL DEFAULT TRUE,
    placed          {{bool}} NOT NULL DEFAULT FALSE,
    created_at      {{ts}} NOT NULL,
    updated_at      {{ts}} NOT NULL
);
CREATE INDEX seekers_domicile ON seekers(domicile_region);

CREATE TABLE seeker_skills (
    seeker_id BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    skill     TEXT NOT NULL,
    PRIMARY KEY (seeker_id, skill)
);
CREATE INDEX seeker_skills_skill ON seeker_skills(skill);

CREATE TABLE ak1_cards (
    id          {{id}},
    seeker_id   BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    number      TEXT NOT NULL UNIQUE,
    token       TEXT NOT NULL UNIQUE,
    issued_on   DATE NOT NULL,
    valid_until DATE NOT NULL,
    issued_by   BIGINT REFERENCES users(id),
    auto_issued {{bool}} NOT NULL DEFAULT FALSE,
    revoked     {{bool}} NOT NULL DEFAULT FALSE,
    created_at  {{ts}} NOT NULL
);
CREATE INDEX ak1_cards_seeker ON ak1_cards(seeker_id);

CREATE TABLE vacancies (
    id              {{id}},
    employer_id     BIGINT NOT NULL REFERENCES employers(id),
    title           TEXT NOT NULL,
    kbji            TEXT NOT NULL,
    education       TEXT NOT NULL,
    region          TEXT NOT NULL,
    openings        INTEGER NOT NULL,
    wage_min        BIGINT NOT NULL,
    wage_max        BIGINT NOT NULL,
    contract        TEXT NOT NULL,
    closes_on       DATE NOT NULL,
    description     TEXT NOT NULL,
    age_min         INTEGER NOT NULL DEFAULT 0,
    age_max         INTEGER NOT NULL DEFAULT 0,
    experience_years INTEGER NOT NULL DEFAULT 0,
    local_share_pct INTEGER,
    below_umk       {{bool}} NOT NULL DEFAULT FALSE,
    status          TEXT NOT NULL DEFAULT 'draft',
    published_at    {{ts}},
    closed_at       {{ts}},
    hired           INTEGER NOT NULL DEFAULT 0,
    created_at      {{ts}} NOT NULL,
    updated_at      {{ts}} NOT NULL,
    CHECK (wage_max >= wage_min),
    CHECK (openings > 0)
);
CREATE INDEX vacancies_public ON vacancies(status, published_at);
CREATE INDEX vacancies_open ON vacancies(status, closes_on);
CREATE INDEX vacancies_updated ON vacancies(updated_at);
CREATE INDEX vacancies_employer ON vacancies(employer_id);
CREATE INDEX vacancies_region ON vacancies(region, status, closes_on);

CREATE TABLE vacancy_skills (
    vacancy_id BIGINT NOT NULL REFERENCES vacancies(id) ON DELETE CASCADE,
    skill      TEXT NOT NULL,
    PRIMARY KEY (vacancy_id, skill)
);
CREATE INDEX vacancy_skills_skill ON vacancy_skills(skill);

CREATE TABLE applications (
    id            {{id}},
    vacancy_id    BIGINT NOT NULL REFERENCES vacancies(id),
    seeker_id     BIGINT NOT NULL REFERENCES seekers(id),
    status        TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    {{ts}} NOT NULL,
    updated_at    {{ts}} NOT NULL,
    UNIQUE (vacancy_id, seeker_id)
);
CREATE INDEX applications_seeker ON applications(seeker_id, created_at);

CREATE TABLE application_events (
    id             {{id}},
    application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    status         TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    actor_id       BIGINT REFERENCES users(id),
    at             {{ts}} NOT NULL
);
CREATE INDEX application_events_app ON application_events(application_id, at);

CREATE TABLE placements (
    id             {{id}},
    application_id BIGINT NOT NULL UNIQUE REFERENCES applications(id),
    vacancy_id     BIGINT NOT NULL REFERENCES vacancies(id),
    seeker_id      BIGINT NOT NULL REFERENCES seekers(id),
    employer_id    BIGINT NOT NULL REFERENCES employers(id),
    start_date     DATE NOT NULL,
    wage           BIGINT NOT NULL,
    reported_by    BIGINT REFERENCES users(id),
    reported_at    {{ts}} NOT NULL
);
CREATE INDEX placements_employer ON placements(employer_id, reported_at);
CREATE INDEX placements_vacancy ON placements(vacancy_id);
CREATE INDEX placements_seeker ON placements(seeker_id);

-- Complaints: for now the fee-demand (calo) reports from bursa kerja. The
-- reporter's identity and the details are encrypted (AES-256-GCM).
CREATE TABLE complaints (
    id             {{id}},
    code           TEXT NOT NULL UNIQUE,
    category       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'diterima',
    region         TEXT NOT NULL DEFAULT '',
    employer_id    BIGINT REFERENCES employers(id),
    vacancy_id     BIGINT REFERENCES vacancies(id),
    application_id BIGINT REFERENCES applications(id),
    reporter_id    BIGINT REFERENCES users(id),
    anonymous      {{bool}} NOT NULL DEFAULT FALSE,
    amount         BIGINT NOT NULL DEFAULT 0,
    details_enc    {{blob}} NOT NULL,
    pin_hash       TEXT NOT NULL DEFAULT '',
    created_at     {{ts}} NOT NULL
);
CREATE INDEX complaints_employer ON complaints(employer_id);
