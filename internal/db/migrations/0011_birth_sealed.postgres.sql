-- The year from the stored date, then the plaintext columns go. PostgreSQL
-- only marks a dropped column: the rewrite below writes every row again
-- without it, and VACUUM (autovacuum, or VACUUM FULL seekers by hand, see
-- docs/privacy.md) frees the old row versions.
UPDATE seekers SET birth_year = EXTRACT(YEAR FROM birth_date)::INTEGER;
ALTER TABLE seekers DROP COLUMN birth_date;
ALTER TABLE seekers DROP COLUMN nik_masked;
UPDATE seekers SET birth_year = birth_year;
