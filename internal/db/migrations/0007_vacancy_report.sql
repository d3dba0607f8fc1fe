-- bursa schema, version 7: what the vacancy report (Perpres 57/2023) needs
-- to stay true over time. A placement keeps the regency/city the worker lived
-- in when hired (a later move must not change the local-worker share), and a
-- vacancy records when it stopped taking applications also when it filled,
-- not only when its employer closed it.
ALTER TABLE placements ADD COLUMN domicile_region TEXT NOT NULL DEFAULT '';
UPDATE placements SET domicile_region = (SELECT s.domicile_region FROM seekers s WHERE s.id = placements.seeker_id);
UPDATE vacancies SET closed_at = (SELECT MAX(p.reported_at) FROM placements p WHERE p.vacancy_id = vacancies.id)
    WHERE status = 'filled' AND closed_at IS NULL;
