package vacancy

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/wib"
)

// Demand is what open vacancies ask of a set of skills: the training
// pages' "demand link".
type Demand struct {
	Vacancies int       // open vacancies asking for at least one of the skills
	Openings  int       // their openings not yet filled
	Top       []Vacancy // the most telling of them, best first
}

// NeedingSkills returns the open vacancies that ask for any of skills, up to
// limit of them in Top. Open means what the public list shows: published
// and not past its closing day.
//
// Top ranks a vacancy by the skills it shares with the set, each weighted by
// how rare it is among those vacancies (1/number of them asking for it), then
// newest first: a welding course's demand is the vacancies that ask for
// welding, not every vacancy that also asks for general safety (K3), which
// nearly all do.
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
	rows, err := s.DB.QueryContext(ctx, `SELECT v.id, vs.skill, v.openings - v.hired, v.published_at
		FROM vacancies v JOIN vacancy_skills vs ON vs.vacancy_id = v.id
		WHERE v.status = ? AND v.closes_on >= ? AND vs.skill IN (`+ph+`)`, args...)
	if err != nil {
		return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
	}
	type hit struct {
		id        int64
		skills    []string
		published time.Time
		score     float64
	}
	byID := map[int64]*hit{}
	df := map[string]int{}
	for rows.Next() {
		var id int64
		var skill string
		var free int
		var published sql.NullTime // set on every published vacancy
		if err := rows.Scan(&id, &skill, &free, &published); err != nil {
			rows.Close()
			return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
		}
		h := byID[id]
		if h == nil {
			h = &hit{id: id, published: published.Time}
			byID[id] = h
			d.Openings += max(free, 0)
		}
		h.skills = append(h.skills, skill)
		df[skill]++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Demand{}, fmt.Errorf("vacancies needing skills: %w", err)
	}
	d.Vacancies = len(byID)
	if d.Vacancies == 0 || limit <= 0 {
		return d, nil
	}
	hits := make([]*hit, 0, len(byID))
	for _, h := range byID {
		for _, k := range h.skills {
			h.score += 1 / float64(df[k])
		}
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if !a.published.Equal(b.published) {
			return a.published.After(b.published)
		}
		return a.id > b.id
	})
	ids := make([]int64, 0, limit)
	for _, h := range hits[:min(limit, len(hits))] {
		ids = append(ids, h.id)
	}
	if d.Top, err = s.byIDs(ctx, ids); err != nil {
		return Demand{}, err
	}
	return d, nil
}
