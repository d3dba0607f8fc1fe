package vacancy

import (
	"context"
	"fmt"
	"strings"

	"github.com/bursa-banten/bursa/internal/wib"
)

// Demand is what open vacancies ask of a set of skills: the training
// pages' "demand link".
type Demand struct {
	Vacancies int       // open vacancies asking for at least one of the skills
	Openings  int       // their openings not yet filled
	Top       []Vacancy // the first of them: most of the skills first, then newest
}

// NeedingSkills returns the open vacancies that ask for any of skills, up to
// limit of them in Top. Open means what the public list shows: published
// and not past its closing day.
func (s *Store) NeedingSkills(ctx context.Context, skills []string, limit int) (Demand, error) {
	var d Demand
	if len(skills) == 0 {
		return d, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(skills)), ", ")
	args := []any{Published, wib.Date(s.Now())}
	for _, k := range skills {
		args = append(args, k)
	}
	match := ` FROM vacancies v JOIN vacancy_skills vs ON vs.vacancy_id = v.id
		WHERE v.status = ? AND v.closes_on >= ? AND vs.skill IN (` + ph + `)`
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN x.openings > x.hired THEN x.openings - x.hired ELSE 0 END), 0)
		FROM (SELECT DISTINCT v.id, v.openings, v.hired`+match+`) x`, args...).Scan(&d.Vacancies, &d.Openings); err != nil {
		return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
	}
	if d.Vacancies == 0 || limit <= 0 {
		return d, nil
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT v.id`+match+`
		GROUP BY v.id, v.published_at ORDER BY count(*) DESC, v.published_at DESC, v.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
	}
	if d.Top, err = s.byIDs(ctx, ids); err != nil {
		return Demand{}, err
	}
	return d, nil
}
