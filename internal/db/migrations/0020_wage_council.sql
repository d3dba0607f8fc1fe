-- bursa schema, version 20: the wage council's workspace (Dewan Pengupahan)
-- and the LKS Tripartit's agenda. Percentages and α are kept as integers in
-- hundredths (2.50 % is 250, α 0.70 is 70) so both databases compare and sum
-- them exactly.

-- A user sits on the council for one party; an admin assigns and removes,
-- and each change is in the audit log.
CREATE TABLE wage_council_members (
    user_id     BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    party       TEXT NOT NULL CHECK (party IN ('pemerintah', 'pengusaha', 'serikat', 'akademisi')),
    assigned_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    assigned_at {{ts}} NOT NULL
);

-- The council's inputs for the wage of a year: the province's inflation
-- (September to September) and each regency's growth, each with its BPS source.
CREATE TABLE wage_inputs (
    year       INTEGER NOT NULL,
    region     TEXT NOT NULL, -- '36' for the province's inflation, a regency code for its growth
    value_c    INTEGER NOT NULL,
    source     TEXT NOT NULL,
    entered_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at {{ts}} NOT NULL,
    PRIMARY KEY (year, region)
);

-- Each party's proposal of α for a regency's wage of a year.
CREATE TABLE wage_proposals (
    id          {{id}},
    year        INTEGER NOT NULL,
    region      TEXT NOT NULL,
    party       TEXT NOT NULL,
    alpha_c     INTEGER NOT NULL,
    reasoning   TEXT NOT NULL,
    proposed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at  {{ts}} NOT NULL,
    UNIQUE (year, region, party)
);

-- The council's recommendation, once decided: the figures it was computed
-- from are kept with it and written to the public log.
CREATE TABLE wage_recommendations (
    id          {{id}},
    year        INTEGER NOT NULL,
    region      TEXT NOT NULL,
    alpha_c     INTEGER NOT NULL,
    inflation_c INTEGER NOT NULL,
    growth_c    INTEGER NOT NULL,
    base_umk    BIGINT NOT NULL,
    umk         BIGINT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    decided_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at  {{ts}} NOT NULL,
    ledger_n    BIGINT,
    UNIQUE (year, region)
);

-- The LKS Tripartit's meetings, their agenda items and recommendations.
CREATE TABLE tripartite_meetings (
    id         {{id}},
    held_on    DATE NOT NULL,
    title      TEXT NOT NULL,
    place      TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at {{ts}} NOT NULL
);
CREATE INDEX tripartite_meetings_held ON tripartite_meetings(held_on);

CREATE TABLE tripartite_items (
    id            {{id}},
    meeting_id    BIGINT NOT NULL REFERENCES tripartite_meetings(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    figure        TEXT NOT NULL DEFAULT '', -- a bursa page holding the figures discussed, e.g. /dewan-pengupahan/2027
    aspiration_id BIGINT REFERENCES aspirations(id) ON DELETE SET NULL,
    created_at    {{ts}} NOT NULL
);
CREATE INDEX tripartite_items_meeting ON tripartite_items(meeting_id);

CREATE TABLE tripartite_recommendations (
    id         {{id}},
    item_id    BIGINT NOT NULL REFERENCES tripartite_items(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'baru' CHECK (state IN ('baru', 'ditindaklanjuti', 'selesai', 'ditolak')),
    follow_up  TEXT NOT NULL DEFAULT '',
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL,
    ledger_n   BIGINT
);
CREATE INDEX tripartite_recommendations_item ON tripartite_recommendations(item_id);

-- The council's bursa figures count one year's published vacancies per
-- regency and take each regency's median lowest wage from this index alone
-- (it covers every column they read).
CREATE INDEX vacancies_region_published ON vacancies(region, published_at, wage_min, below_umk);
