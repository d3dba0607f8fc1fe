-- bursa schema, version 3: training (pelatihan vokasi).
-- Providers (BLK, LPK, SMK, industry training centres) and their staff,
-- programs with what they teach and whom they admit, intake rounds whose
-- seats are allocated by deferred acceptance with a published lottery seed,
-- appeals, enrollments, attendance, completion and BNSP certificates.
-- Outcomes are read from the bursa kerja placements table.

-- kind: blk (public), lpk (private), smk (vocational school), industri
-- (industry training centre). An industri provider belongs to a verified
-- employer, so its graduates' hires by that employer can be counted.
CREATE TABLE providers (
    id          {{id}},
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    region      TEXT NOT NULL,
    address     TEXT NOT NULL,
    employer_id BIGINT REFERENCES employers(id),
    created_by  BIGINT REFERENCES users(id),
    created_at  {{ts}} NOT NULL,
    CHECK (kind IN ('blk', 'lpk', 'smk', 'industri')),
    CHECK ((kind = 'industri') = (employer_id IS NOT NULL))
);
CREATE INDEX providers_region ON providers(region);

-- Users with the lembaga role who act for a provider.
CREATE TABLE provider_staff (
    provider_id BIGINT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_by    BIGINT REFERENCES users(id),
    added_at    {{ts}} NOT NULL,
    PRIMARY KEY (provider_id, user_id)
);
CREATE INDEX provider_staff_user ON provider_staff(user_id);

-- A program is a course a provider runs, intake after intake. Seats are per
-- intake round. fee_waived_for names the priority criterion whose holders
-- pay nothing (e.g. dtks), '' for none. age_min/age_max 0 = no bound;
-- education_min '' = none. priority_order is the program's ordered priority
-- criteria as comma-separated codes (dtks, domisili, menganggur, muda).
-- The industry partner commits interview and hiring places for graduates.
CREATE TABLE programs (
    id                 {{id}},
    provider_id        BIGINT NOT NULL REFERENCES providers(id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    hours              INTEGER NOT NULL,
    schedule           TEXT NOT NULL DEFAULT '',
    region             TEXT NOT NULL,
    seats              INTEGER NOT NULL,
    fee                BIGINT NOT NULL DEFAULT 0,
    fee_waived_for     TEXT NOT NULL DEFAULT '',
    certificate_scheme TEXT NOT NULL DEFAULT '',
    age_min            INTEGER NOT NULL DEFAULT 0,
    age_max            INTEGER NOT NULL DEFAULT 0,
    education_min      TEXT NOT NULL DEFAULT '',
    priority_order     TEXT NOT NULL DEFAULT '',
    partner_id         BIGINT REFERENCES employers(id),
    partner_interviews INTEGER NOT NULL DEFAULT 0,
    partner_hires      INTEGER NOT NULL DEFAULT 0,
    created_at         {{ts}} NOT NULL,
    updated_at         {{ts}} NOT NULL,
    CHECK (seats > 0),
    CHECK (fee >= 0)
);
CREATE INDEX programs_provider ON programs(provider_id);
CREATE INDEX programs_region ON programs(region);

CREATE TABLE program_skills (
    program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    skill      TEXT NOT NULL,
    PRIMARY KEY (program_id, skill)
);
CREATE INDEX program_skills_skill ON program_skills(skill);

-- KBJI 2014 unit groups the program prepares for.
CREATE TABLE program_occupations (
    program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    kbji       TEXT NOT NULL,
    PRIMARY KEY (program_id, kbji)
);

-- Domicile regions a program admits; none = all of Banten.
CREATE TABLE program_regions (
    program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    region     TEXT NOT NULL,
    PRIMARY KEY (program_id, region)
);

CREATE TABLE program_tags (
    program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (program_id, tag)
);
CREATE INDEX program_tags_tag ON program_tags(tag);

-- An intake round of one provider, or province-wide (provider_id NULL).
-- seed_hash is public from the start; seed is shown only once allocated_at
-- is set, so nobody can work out the lottery while applications are open.
CREATE TABLE intake_rounds (
    id           {{id}},
    provider_id  BIGINT REFERENCES providers(id),
    title        TEXT NOT NULL,
    opens_at     {{ts}} NOT NULL,
    closes_at    {{ts}} NOT NULL,
    seed         {{blob}} NOT NULL,
    seed_hash    TEXT NOT NULL,
    opened_by    BIGINT REFERENCES users(id),
    allocated_at {{ts}},
    allocated_by BIGINT REFERENCES users(id),
    proposals    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX intake_rounds_provider ON intake_rounds(provider_id, closes_at);
CREATE INDEX intake_rounds_closes ON intake_rounds(closes_at);

-- A program's place in a round: the seats it offers there and the industry
-- partner's commitment for this intake (copied when the round opens, so the
-- cohort is held to what was promised to it) and, once allocated, how many
-- it admitted and its cutoff: the worst admitted key (class, then the
-- lottery of cutoff_seeker, then that seeker's id). A program that is not
-- full has no cutoff.
CREATE TABLE round_programs (
    round_id           BIGINT NOT NULL REFERENCES intake_rounds(id) ON DELETE CASCADE,
    program_id         BIGINT NOT NULL REFERENCES programs(id),
    seats              INTEGER NOT NULL,
    partner_id         BIGINT REFERENCES employers(id),
    partner_interviews INTEGER NOT NULL DEFAULT 0,
    partner_hires      INTEGER NOT NULL DEFAULT 0,
    admitted           INTEGER NOT NULL DEFAULT 0,
    is_full            {{bool}} NOT NULL DEFAULT FALSE,
    cutoff_class       INTEGER,
    cutoff_seeker      BIGINT,
    PRIMARY KEY (round_id, program_id)
);
CREATE INDEX round_programs_program ON round_programs(program_id);

-- One application per seeker and round, replaceable until the round closes.
-- Domicile and education are copied when the seeker applies: eligibility was
-- checked against them, and the priority classes are computed from them.
CREATE TABLE round_applications (
    round_id         BIGINT NOT NULL REFERENCES intake_rounds(id) ON DELETE CASCADE,
    seeker_id        BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    dtks             {{bool}} NOT NULL DEFAULT FALSE,
    unemployed_since DATE,
    domicile_region  TEXT NOT NULL,
    education        TEXT NOT NULL,
    submitted_at     {{ts}} NOT NULL,
    PRIMARY KEY (round_id, seeker_id)
);
CREATE INDEX round_applications_seeker ON round_applications(seeker_id);

-- The ranked programs of an application (preference 1 = most wanted).
-- priority_class is the seeker's class at the program, written at
-- allocation, so results stay explainable after the program changes.
CREATE TABLE round_choices (
    round_id       BIGINT NOT NULL,
    seeker_id      BIGINT NOT NULL,
    preference     INTEGER NOT NULL,
    program_id     BIGINT NOT NULL,
    priority_class INTEGER,
    PRIMARY KEY (round_id, seeker_id, preference),
    UNIQUE (round_id, seeker_id, program_id),
    FOREIGN KEY (round_id, seeker_id) REFERENCES round_applications(round_id, seeker_id) ON DELETE CASCADE,
    FOREIGN KEY (round_id, program_id) REFERENCES round_programs(round_id, program_id)
);
CREATE INDEX round_choices_program ON round_choices(round_id, program_id);

-- The allocation: every applicant's seat, program_id NULL for none.
CREATE TABLE round_results (
    round_id   BIGINT NOT NULL,
    seeker_id  BIGINT NOT NULL,
    program_id BIGINT REFERENCES programs(id),
    PRIMARY KEY (round_id, seeker_id),
    FOREIGN KEY (round_id, seeker_id) REFERENCES round_applications(round_id, seeker_id) ON DELETE CASCADE
);
CREATE INDEX round_results_program ON round_results(round_id, program_id);

CREATE TABLE round_appeals (
    id         {{id}},
    round_id   BIGINT NOT NULL REFERENCES intake_rounds(id),
    seeker_id  BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    filed_at   {{ts}} NOT NULL,
    upheld     {{bool}},
    decision   TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id),
    decided_at {{ts}},
    UNIQUE (round_id, seeker_id)
);

-- A participant of a program, from a seat won in a round. Attendance is a
-- percentage, or sessions attended of sessions held (then the percentage is
-- derived). Dates are WIB civil dates.
CREATE TABLE enrollments (
    id                 {{id}},
    program_id         BIGINT NOT NULL REFERENCES programs(id),
    round_id           BIGINT NOT NULL REFERENCES intake_rounds(id),
    seeker_id          BIGINT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
    enrolled_on        DATE NOT NULL,
    attendance_pct     INTEGER,
    sessions_attended  INTEGER NOT NULL DEFAULT 0,
    sessions_held      INTEGER NOT NULL DEFAULT 0,
    completed_on       DATE,
    certificate_number TEXT,
    certified_on       DATE,
    enrolled_by        BIGINT REFERENCES users(id),
    created_at         {{ts}} NOT NULL,
    updated_at         {{ts}} NOT NULL,
    UNIQUE (round_id, seeker_id),
    UNIQUE (certificate_number)
);
CREATE INDEX enrollments_program ON enrollments(program_id);
CREATE INDEX enrollments_seeker ON enrollments(seeker_id);
