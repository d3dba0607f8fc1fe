-- The year from the stored date (written as text, "2000-03-15 00:00:00+00:00"),
-- then the plaintext columns go. Their old bytes stay in the file until
-- seeker.SealBirthDates, right after, has the file rewritten (VACUUM).
UPDATE seekers SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER);
ALTER TABLE seekers DROP COLUMN birth_date;
ALTER TABLE seekers DROP COLUMN nik_masked;
