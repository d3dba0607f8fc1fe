-- bursa schema, version 7: what the vacancy report (Perpres 57/2023) needs
-- to stay true over time. A placement keeps the regency/city the worker lived
-- in when hired (a later move must not change the local-worker share), and a
-- vacancy records when it stopped taking applications also when it filled,
-- not only when its employer closed it.
ALTER TABLE placements ADD COLUMN domicile_region TEXT NOT NULL DEFAULT '';
UPDATE placements SET domicile_region = (SELECT s.domicile_region FROM seekers s WHERE s.id = placements.seeker_id);
-- A filled vacancy stopped when its last opening was taken: the hire that
-- reached its openings, not hires reported after that.
UPDATE vacancies SET closed_at = (
    SELECT x.reported_at FROM (
        SELECT p.reported_at, ROW_NUMBER() OVER (ORDER BY p.reported_at, p.id) AS k
        FROM placements p WHERE p.vacancy_id = vacancies.id) x
    WHERE x.k = vacancies.openings)
    WHERE status = 'filled' AND closed_at IS NULL;
