-- bursa schema, version 32: a job seeker's address, work history, driving
-- licences and languages (issue 13, part 6).

-- The address below the domicile regency (seekers.domicile_region, which
-- matching and statistics keep using): a kecamatan, optionally a
-- kelurahan/desa in it, by their Kemendagri codes (ref/data/
-- wilayah-banten.csv), and the street with RT/RW, sealed like the NIK: only
-- the seeker, and an officer under audit, open it. An employer sees at
-- most the kecamatan, and only on an application whose seeker shares a
-- contact with it.
CREATE TABLE seeker_addresses (
    seeker_id   BIGINT PRIMARY KEY REFERENCES seekers(id),
    district    TEXT NOT NULL,
    village     TEXT NOT NULL DEFAULT '',
    street_enc  {{blob}},
    updated_at  {{ts}} NOT NULL
);

-- Work history, one row per job. Months are 'YYYY-MM'; to_month '' means
-- the seeker still works there. occupation is an optional KBJI unit group.
-- The free-text seekers.experience stays, shown as "other experience".
CREATE TABLE seeker_experiences (
    id          {{id}},
    seeker_id   BIGINT NOT NULL REFERENCES seekers(id),
    employer    TEXT NOT NULL,
    title       TEXT NOT NULL,
    occupation  TEXT NOT NULL DEFAULT '',
    from_month  TEXT NOT NULL,
    to_month    TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX seeker_experiences_seeker ON seeker_experiences(seeker_id, from_month);

-- Driving licences (SIM classes of Perpol 5/2021, ref.Licences), with the
-- expiry date when the seeker gives it ('' = not given).
CREATE TABLE seeker_licences (
    seeker_id   BIGINT NOT NULL REFERENCES seekers(id),
    class       TEXT NOT NULL,
    expires_on  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (seeker_id, class)
);

-- Languages (ref.Languages) and how well the seeker speaks each.
CREATE TABLE seeker_languages (
    seeker_id   BIGINT NOT NULL REFERENCES seekers(id),
    lang        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('dasar', 'menengah', 'lancar')),
    PRIMARY KEY (seeker_id, lang)
);
