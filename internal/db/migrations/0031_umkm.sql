-- bursa schema, version 31: small businesses moving up a class (UMKM naik
-- kelas). A registry of businesses by NIB, their yearly declarations of
-- capital and sales with the evidence named, the class each gives by PP
-- 7/2021 art. 35 (docs/decisions.md says how the two criteria combine),
-- every class change, assistance programs run by the cooperatives/SME
-- office with their seat allocation, and each business's milestones.
-- Money is integer rupiah.

CREATE TABLE umkm_businesses (
    id           {{id}},
    nib          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kbli         TEXT NOT NULL,          -- the code as declared: a section letter or a 2–5 digit KBLI code
    kbli_section TEXT NOT NULL,
    kbli_version TEXT NOT NULL,
    region       TEXT NOT NULL,          -- regency/city code
    owner_name   TEXT NOT NULL,
    owner_birth_year INTEGER,            -- declared; only youth-tagged programs ask for it
    owner_id     BIGINT REFERENCES users(id) ON DELETE SET NULL, -- the owner's own account, when they registered it
    employer_id  BIGINT REFERENCES employers(id) ON DELETE SET NULL, -- the business's employer account, when it posts vacancies
    class        TEXT NOT NULL CHECK (class IN ('mikro', 'kecil', 'menengah', 'besar')),
    ledger_salt  TEXT NOT NULL,          -- opens the business's commitment in public log records
    registered_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   {{ts}} NOT NULL,
    updated_at   {{ts}} NOT NULL
);
CREATE INDEX umkm_businesses_owner ON umkm_businesses(owner_id);
CREATE INDEX umkm_businesses_employer ON umkm_businesses(employer_id);
-- The public figures count by regency and class: the index holds the answer.
CREATE INDEX umkm_businesses_region_class ON umkm_businesses(region, class);

-- One declaration per business and year; a later one for the same year
-- replaces it. The class is what the declaration gives.
CREATE TABLE umkm_declarations (
    business_id  BIGINT NOT NULL REFERENCES umkm_businesses(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    capital      BIGINT NOT NULL,        -- business capital excluding land and buildings
    annual_sales BIGINT NOT NULL,
    workers      INTEGER NOT NULL DEFAULT 0,
    evidence     TEXT NOT NULL,          -- e.g. "laporan keuangan 2026", "SPT Tahunan 2026"
    class        TEXT NOT NULL,
    declared_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    declared_at  {{ts}} NOT NULL,
    PRIMARY KEY (business_id, year)
);

-- Every class a business was given: the first at registration (from_class
-- empty), then each change a declaration made. rank_change > 0 is a move up.
CREATE TABLE umkm_class_moves (
    id          {{id}},
    business_id BIGINT NOT NULL REFERENCES umkm_businesses(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    from_class  TEXT NOT NULL DEFAULT '',
    to_class    TEXT NOT NULL,
    rank_change INTEGER NOT NULL,
    at          {{ts}} NOT NULL,
    ledger_n    BIGINT
);
CREATE INDEX umkm_class_moves_business ON umkm_class_moves(business_id, at);
-- Moves up per year, for the public figures.
CREATE INDEX umkm_class_moves_up ON umkm_class_moves(rank_change, year);

CREATE TABLE umkm_programs (
    id          {{id}},
    kind        TEXT NOT NULL CHECK (kind IN ('modal', 'sertifikasi', 'pemasaran', 'pelatihan')),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    organizer   TEXT NOT NULL,
    seats       INTEGER NOT NULL,       -- 0: no limit, everyone eligible who applies is in
    classes     TEXT NOT NULL DEFAULT '', -- comma list of eligible classes, empty: all
    regions     TEXT NOT NULL DEFAULT '', -- comma list of eligible regencies, empty: all Banten
    youth_tag   TEXT NOT NULL DEFAULT '', -- a youth program's tag (training.YouthTags), empty: none
    closes_at   {{ts}} NOT NULL,
    seed        {{blob}} NOT NULL,      -- sealed until the allocation, then revealed
    seed_hash   TEXT NOT NULL,
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  {{ts}} NOT NULL,
    allocated_at {{ts}},
    allocated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    admitted    INTEGER NOT NULL DEFAULT 0,
    ledger_n    BIGINT,
    alloc_ledger_n BIGINT
);
CREATE INDEX umkm_programs_tag ON umkm_programs(youth_tag);

CREATE TABLE umkm_applications (
    program_id  BIGINT NOT NULL REFERENCES umkm_programs(id) ON DELETE CASCADE,
    business_id BIGINT NOT NULL REFERENCES umkm_businesses(id) ON DELETE CASCADE,
    priority    INTEGER NOT NULL DEFAULT 0, -- 0: never assisted by a program of this kind, 1: assisted before
    result      TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'diterima', 'tidak')),
    applied_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    applied_at  {{ts}} NOT NULL,
    PRIMARY KEY (program_id, business_id)
);
CREATE INDEX umkm_applications_business ON umkm_applications(business_id);

CREATE TABLE umkm_milestones (
    id          {{id}},
    business_id BIGINT NOT NULL REFERENCES umkm_businesses(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('sertifikat', 'kredit', 'ekatalog', 'pekerja')),
    detail      TEXT NOT NULL,          -- certificate kind and number, lender, e-katalog product
    amount      BIGINT NOT NULL DEFAULT 0, -- credit in rupiah, sale in rupiah, new workers
    evidence    TEXT NOT NULL,
    happened_on DATE NOT NULL,
    program_id  BIGINT REFERENCES umkm_programs(id) ON DELETE SET NULL,
    recorded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  {{ts}} NOT NULL
);
CREATE INDEX umkm_milestones_business ON umkm_milestones(business_id);
