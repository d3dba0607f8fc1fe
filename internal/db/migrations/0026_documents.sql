-- bursa schema, version 26: a job seeker's documents (issue 13, part 5):
-- a CV (PDF), certificates (BNSP/LSP), a diploma, and a photo for the AK/1
-- card. Each file is checked by its content (internal/upload) and stored
-- sealed with AES-256-GCM (internal/secret) in the database, so every
-- serve process sharing the database serves it and a backup holds it.

-- One document. body_enc is the sealed file; media_type and size are of
-- the file as stored (an image after re-encoding). sha256 is of the stored
-- file, so the same file sent twice is told apart from a new one without
-- opening anything. kind 'foto' is the AK/1 photo: at most one per seeker,
-- a new one replaces it.
CREATE TABLE documents (
    id          {{id}},
    seeker_id   BIGINT NOT NULL REFERENCES seekers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('cv', 'sertifikat', 'ijazah', 'foto')),
    title       TEXT NOT NULL,
    media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size        BIGINT NOT NULL,
    sha256      TEXT NOT NULL,
    body_enc    {{blob}} NOT NULL,
    created_at  {{ts}} NOT NULL
);
CREATE INDEX documents_seeker ON documents(seeker_id, kind, id);

-- Which documents go with which application: the seeker's choice, at
-- apply time or later. The employer sees a document only through a row
-- here for an application to one of its vacancies.
CREATE TABLE application_documents (
    application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    document_id    BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    attached_at    {{ts}} NOT NULL,
    PRIMARY KEY (application_id, document_id)
);
CREATE INDEX application_documents_document ON application_documents(document_id);

-- The AK/1 six-monthly report (issue 13, part 6): a card holder reports
-- every six months from the issue date whether they still seek work, work
-- (and where), or something else (Permenaker 39/2016). One report per card
-- and period; period k is due on issued_on + 6k months. A report made
-- renews the card's report date to the next period's.
CREATE TABLE ak1_reports (
    id          {{id}},
    card_id     BIGINT NOT NULL REFERENCES ak1_cards(id),
    period      INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('mencari', 'bekerja', 'lainnya')),
    employer    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    reported_at {{ts}} NOT NULL,
    UNIQUE (card_id, period)
);
