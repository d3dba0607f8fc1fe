-- bursa schema, version 17: interviews in the hiring conversation (issue
-- 13, part 1). The employer proposes one to three times, a place or an
-- online link, a contact person and what to bring; the seeker picks one,
-- declines or asks for another time; afterwards each side says whether the
-- interview took place.

-- One proposal on an application. slots holds the proposed times as
-- space-separated RFC 3339 UTC instants (one to three, kept in the order
-- given); chosen is the one the seeker picked. status is 'proposed' until
-- the seeker answers. seeker_attended / employer_attended are each side's
-- own word on attendance (NULL: not said yet), kept apart on purpose: a
-- no-show is disputed more often than not.
CREATE TABLE interviews (
    id                {{id}},
    application_id    BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    slots             TEXT NOT NULL,
    place             TEXT NOT NULL DEFAULT '',
    online_url        TEXT NOT NULL DEFAULT '',
    contact           TEXT NOT NULL,
    bring             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined', 'reschedule')),
    chosen            {{ts}},
    note              TEXT NOT NULL DEFAULT '',
    seeker_attended   {{bool}},
    employer_attended {{bool}},
    created_by        BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at        {{ts}} NOT NULL,
    answered_at       {{ts}}
);
CREATE INDEX interviews_application ON interviews(application_id, id);
-- The reminder loop looks for chosen times coming up.
CREATE INDEX interviews_chosen ON interviews(chosen);
