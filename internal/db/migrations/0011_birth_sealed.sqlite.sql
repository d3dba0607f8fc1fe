-- The year from the stored date (written as text, "2000-03-15 00:00:00+00:00"),
-- then the plaintext columns go. secure_delete zeroes the space the dropped
-- values leave in the file, so they cannot be read back from free pages.
PRAGMA secure_delete = ON;
UPDATE seekers SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER);
ALTER TABLE seekers DROP COLUMN birth_date;
ALTER TABLE seekers DROP COLUMN nik_masked;
