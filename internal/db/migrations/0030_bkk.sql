-- SMK job offices (BKK, Bursa Kerja Khusus; Permenaker 39/2016) and the
-- tracer study of their graduates (issue 16, item 2). A school is known by
-- its NPSN; it may also be a training provider of kind smk (provider_id).
CREATE TABLE schools (
    id          {{id}},
    npsn        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    region      TEXT NOT NULL,
    address     TEXT NOT NULL,
    provider_id BIGINT REFERENCES providers (id) ON DELETE SET NULL,
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  {{ts}} NOT NULL
);

-- The kompetensi keahlian (programs of study) a school offers.
CREATE TABLE school_programs (
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    program   TEXT NOT NULL,
    PRIMARY KEY (school_id, program)
);

-- The BKK's staff: users with the bkk role who act for the school.
CREATE TABLE school_staff (
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    added_at  {{ts}} NOT NULL,
    PRIMARY KEY (school_id, user_id)
);
CREATE INDEX school_staff_user ON school_staff (user_id);

-- A job seeker's declared SMK, program and graduation month, verified or
-- rejected by that school's BKK. One declaration per seeker: a changed one
-- is verified again.
CREATE TABLE graduates (
    id          {{id}},
    seeker_id   BIGINT NOT NULL UNIQUE REFERENCES seekers (id) ON DELETE CASCADE,
    school_id   BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    program     TEXT NOT NULL,
    grad_year   INTEGER NOT NULL,
    grad_month  INTEGER NOT NULL CHECK (grad_month BETWEEN 1 AND 12),
    status      TEXT NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu', 'terverifikasi', 'ditolak')),
    reason      TEXT NOT NULL DEFAULT '',
    decided_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at  {{ts}},
    created_at  {{ts}} NOT NULL,
    updated_at  {{ts}} NOT NULL
);
CREATE INDEX graduates_school ON graduates (school_id, status);

-- Vacancies a BKK posted for a partner company: the vacancy is the
-- company's own; this row says "via BKK <school>" and whether only the
-- school's verified graduates may apply.
CREATE TABLE bkk_vacancies (
    vacancy_id     BIGINT PRIMARY KEY REFERENCES vacancies (id) ON DELETE CASCADE,
    school_id      BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    graduates_only {{bool}} NOT NULL DEFAULT FALSE,
    posted_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at     {{ts}} NOT NULL
);
CREATE INDEX bkk_vacancies_school ON bkk_vacancies (school_id);

-- A graduate's tracer-study answer for the wave 6 or 12 months after
-- graduation. Answers derived from bursa's placements are not stored: they
-- are read from placements whenever no answer exists.
CREATE TABLE tracer_answers (
    id            {{id}},
    graduate_id   BIGINT NOT NULL REFERENCES graduates (id) ON DELETE CASCADE,
    wave          INTEGER NOT NULL CHECK (wave IN (6, 12)),
    status        TEXT NOT NULL CHECK (status IN ('bekerja', 'kuliah', 'usaha', 'mencari')),
    employer_name TEXT NOT NULL DEFAULT '',
    contract      TEXT NOT NULL DEFAULT '',
    wage_band     TEXT NOT NULL DEFAULT '' CHECK (wage_band IN ('', 'bawah_umk', 'umk_1_5', 'atas_1_5')),
    answered_at   {{ts}} NOT NULL,
    UNIQUE (graduate_id, wave)
);
