-- bursa schema, version 22: the facts of a vacancy a worker needs before
-- applying (issue 15, items 2–5).
--
-- Wages in any unit (PP 36/2021). wage_min / wage_max keep what every
-- search, match, alert and report compares: the MONTHLY equivalent. What
-- the employer stated is wage_unit with unit_wage_min / unit_wage_max (for
-- 'month' they equal wage_min / wage_max); work_days is the working week
-- (5 or 6) that converts a day's wage. 'piece' (borongan) states the
-- expected earnings of a normal working day and converts like 'day'.
ALTER TABLE vacancies ADD COLUMN wage_unit TEXT NOT NULL DEFAULT 'month' CHECK (wage_unit IN ('month', 'day', 'hour', 'piece'));
ALTER TABLE vacancies ADD COLUMN work_days INTEGER NOT NULL DEFAULT 6 CHECK (work_days IN (5, 6));
ALTER TABLE vacancies ADD COLUMN unit_wage_min BIGINT NOT NULL DEFAULT 0;
ALTER TABLE vacancies ADD COLUMN unit_wage_max BIGINT NOT NULL DEFAULT 0;
UPDATE vacancies SET unit_wage_min = wage_min, unit_wage_max = wage_max;

-- Who really employs. The posting company is the legal employer; when the
-- work happens at another company (alih daya, PP 35/2021) that company is
-- named here; when the posting company places workers as a private
-- placement agency (LPTKS) its licence is stated and a petugas checks it:
-- agency_check is '' (not yet), 'sesuai' or 'tidak_sesuai'.
ALTER TABLE vacancies ADD COLUMN worksite_name TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN worksite_nib TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN agency_licence_no TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN agency_licence_until DATE;
ALTER TABLE vacancies ADD COLUMN agency_check TEXT NOT NULL DEFAULT '' CHECK (agency_check IN ('', 'sesuai', 'tidak_sesuai'));
ALTER TABLE vacancies ADD COLUMN agency_checked_by BIGINT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE vacancies ADD COLUMN agency_checked_at {{ts}};
CREATE INDEX vacancies_agency_check ON vacancies(agency_check, agency_licence_no);

-- Accessibility of work (UU 8/2016): open to workers with disabilities,
-- the workplace accessible, and what is adapted.
ALTER TABLE vacancies ADD COLUMN disability_open {{bool}} NOT NULL DEFAULT FALSE;
ALTER TABLE vacancies ADD COLUMN disability_accessible {{bool}} NOT NULL DEFAULT FALSE;
ALTER TABLE vacancies ADD COLUMN disability_note TEXT NOT NULL DEFAULT '';

-- The employer's ownership decides its quota of workers with disabilities
-- (UU 8/2016 art. 53: 2% for government, BUMN and BUMD, 1% for private
-- companies); workforce and disabled_employees are what it declared, on
-- workforce_on.
ALTER TABLE employers ADD COLUMN ownership TEXT NOT NULL DEFAULT 'swasta' CHECK (ownership IN ('swasta', 'pemerintah', 'bumn', 'bumd'));
ALTER TABLE employers ADD COLUMN workforce INTEGER NOT NULL DEFAULT 0;
ALTER TABLE employers ADD COLUMN disabled_employees INTEGER NOT NULL DEFAULT 0;
ALTER TABLE employers ADD COLUMN workforce_on DATE;

-- A complaint or inspection that names a vacancy records the company where
-- the work happens too, so compliance lands on both names.
ALTER TABLE cases ADD COLUMN worksite_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN worksite_nib TEXT NOT NULL DEFAULT '';
