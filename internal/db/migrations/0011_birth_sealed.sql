-- bursa schema, version 11: the birth date sealed, no NIK digits in clear.
-- Issue 11, finding 8: the NIK was sealed, but nik_masked (its first and last
-- four digits), birth_date and female in plaintext left ~29 candidates for it
-- (6 for a NIK from Kota Serang). From here the plaintext keeps nik_region,
-- birth_year and female, which leave at least 6 × 365 × 9,999 (docs/privacy.md).
--
-- birth_year serves age statistics and filters. The full birth date is sealed
-- in birth_enc (context "seeker.birth_date") by the application right after
-- this migration, since SQL does not hold the key: seeker.SealBirthDates
-- rebuilds it from the sealed NIK's day and month and birth_year, so the
-- plaintext date can go now, in this transaction. birth_enc is NULL only
-- between this migration and that step, which `bursa migrate` and every
-- command that opens the services run.
ALTER TABLE seekers ADD COLUMN birth_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seekers ADD COLUMN birth_enc {{blob}};
