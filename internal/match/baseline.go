package match

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Scored is a vacancy id and its score.
type Scored struct {
	VacancyID int64
	Score     int32
}

// Baseline ranks the top k open vacancies for one seeker with a single SQL
// query, the way one would without the engine: the same rule, computed by
// the database from the tables each time. It is the reference the engine is
// tested and benchmarked against, and must stay plain and obviously right.
func Baseline(ctx context.Context, d *db.DB, now time.Time, seekerID int64, k int) ([]Scored, error) {
	rows, err := d.QueryContext(ctx, baselineSQL(), wib.Date(now), seekerID, seekerID, k)
	if err != nil {
		return nil, fmt.Errorf("baseline for seeker %d: %w", seekerID, err)
	}
	defer rows.Close()
	var out []Scored
	for rows.Next() {
		var s Scored
		if err := rows.Scan(&s.VacancyID, &s.Score); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// baselineSQL writes the rule out in SQL. Education ranks and the
// neighbour relation come from the reference data as CASE expressions.
func baselineSQL() string {
	var edu strings.Builder
	for _, e := range ref.EducationLevels() {
		fmt.Fprintf(&edu, " WHEN '%s' THEN %d", e.Code, e.Rank)
	}
	var nb strings.Builder
	for _, r := range ref.Regions() {
		if len(r.Neighbors) == 0 {
			continue
		}
		fmt.Fprintf(&nb, " WHEN '%s' THEN o.region IN ('%s')", r.Code, strings.Join(r.Neighbors, "', '"))
	}
	var bits strings.Builder
	for i, c := range contractTypes {
		fmt.Fprintf(&bits, " WHEN '%s' THEN %d", c, 1<<i)
	}
	return fmt.Sprintf(`
WITH open_v AS (
	SELECT v.id, v.kbji, v.education, v.region, v.wage_max, v.contract
	FROM vacancies v JOIN employers e ON e.id = v.employer_id
	WHERE v.status = 'published' AND e.status = 'terverifikasi' AND v.closes_on >= ?
),
n AS (SELECT COUNT(*) AS n FROM open_v),
w AS (
	SELECT vs.skill, 20 + 2000 / (1000 * COUNT(*) / (SELECT n FROM n) + 20) AS w
	FROM vacancy_skills vs JOIN open_v o ON o.id = vs.vacancy_id
	GROUP BY vs.skill
),
fit AS (
	SELECT vs.vacancy_id,
		CAST(SUM(w.w) AS BIGINT) AS req_w,
		CAST(SUM(CASE WHEN ss.skill IS NULL THEN 0 ELSE w.w END) AS BIGINT) AS got_w
	FROM vacancy_skills vs
	JOIN open_v o ON o.id = vs.vacancy_id
	JOIN w ON w.skill = vs.skill
	LEFT JOIN (`+heldSkillsSQL()+`) ss ON ss.seeker_id = ? AND ss.skill = vs.skill
	GROUP BY vs.vacancy_id
),
me AS (
	SELECT id, occupation, domicile_region, expected_wage, contracts,
		CASE education %[1]s END AS edu
	FROM seekers WHERE id = ?
),
scored AS (
	SELECT o.id,
		COALESCE(f.got_w, 0) AS got_w,
		CASE
			WHEN me.occupation = '' OR o.kbji = '' THEN 0
			WHEN o.kbji = me.occupation THEN %[4]d
			WHEN substr(o.kbji, 1, 3) = substr(me.occupation, 1, 3) THEN %[5]d
			WHEN substr(o.kbji, 1, 2) = substr(me.occupation, 1, 2) THEN %[6]d
			ELSE 0 END AS occ,
		CASE WHEN COALESCE(f.req_w, 0) > 0 THEN %[7]d * f.got_w / f.req_w ELSE 0 END
		+ CASE
			WHEN o.region = me.domicile_region THEN %[8]d
			WHEN CASE me.domicile_region %[2]s ELSE FALSE END THEN %[9]d
			ELSE 0 END
		+ CASE WHEN me.expected_wage = 0 OR o.wage_max >= me.expected_wage THEN %[10]d ELSE 0 END
		+ CASE WHEN me.contracts = 0 OR (me.contracts & (CASE o.contract %[3]s ELSE 0 END)) <> 0 THEN %[11]d ELSE 0 END
		AS rest
	FROM open_v o
	CROSS JOIN me
	LEFT JOIN fit f ON f.vacancy_id = o.id
	WHERE (CASE o.education %[1]s END) <= me.edu
		AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.vacancy_id = o.id AND a.seeker_id = me.id)
)
SELECT id, occ + rest AS score
FROM scored
WHERE got_w > 0 OR occ > 0
ORDER BY score DESC, id DESC
LIMIT ?`, edu.String(), nb.String(), bits.String(),
		PointsUnitGroup, PointsMinorGroup, PointsSubMajor, PointsSkills,
		PointsSameRegion, PointsNeighbour, PointsWage, PointsContract)
}
