-- bursa schema, version 33: a hire the employer reports is a claim until the
-- worker confirms it (issue 13: "diterima" and the placement follow an
-- accepted offer or a hire the seeker confirms, never the employer alone).
-- The report is kept as an offer marked `reported`, so the worker answers it
-- the way they answer any offer, and the placement is written only then.
ALTER TABLE offers ADD COLUMN reported BOOLEAN NOT NULL DEFAULT FALSE;
