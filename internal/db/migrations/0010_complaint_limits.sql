-- bursa schema, version 10: limits on anonymous complaints (issue 11).

-- A sealed report counts toward opening its pool only when it is tied to
-- something one person cannot multiply cheaply: an account with a valid AK/1
-- card (a checked NIK), an account a union named as a member and that
-- confirmed it, or (once phone verification exists) a verified phone.
-- pool_tie is the keyed hash of that tie, '' for none; it is never shown.
-- Reports filed before this version have no tie, so a pool opens later,
-- never earlier.
ALTER TABLE complaints ADD COLUMN pool_tie TEXT NOT NULL DEFAULT '';

-- Complaints filed per client address and per account, for the daily limit
-- on filing. holder is a keyed hash of the address or of the account; rows
-- are deleted after a day (Store.Sweep), as the limit needs no more.
CREATE TABLE complaint_filings (
    id     {{id}},
    holder TEXT NOT NULL,
    at     {{ts}} NOT NULL
);
CREATE INDEX complaint_filings_holder ON complaint_filings(holder, at);
CREATE INDEX complaint_filings_at ON complaint_filings(at);

-- Wrong PINs are swept by age.
CREATE INDEX complaint_pin_failures_at ON complaint_pin_failures(at);
