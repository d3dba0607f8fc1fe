-- The year from the stored date, then the plaintext columns go. PostgreSQL
-- only marks a dropped column; seeker.SealBirthDates, right after, has the
-- table rewritten (VACUUM FULL seekers) so the old row versions go too.
UPDATE seekers SET birth_year = EXTRACT(YEAR FROM birth_date)::INTEGER;
ALTER TABLE seekers DROP COLUMN birth_date;
ALTER TABLE seekers DROP COLUMN nik_masked;
