package stats

import (
	"context"
	"fmt"
)

// magangSpec is the apprenticeship dataset (Permenaker 6/2020, issue 16):
// listed in Specs. A function, not a variable: Build reaches Specs again.
func magangSpec() Spec {
	return Spec{"magang", "Pemagangan: program disetujui, peserta mulai, selesai dan diangkat",
		"Apprenticeships: programs approved, apprentices started, completed and hired after", buildMagang}
}

// buildMagang counts, per regency/city of the program and month (WIB):
// programs the labor office approved (by the day it decided), apprentices
// who started (by their start), who completed with a certificate and who
// were hired after (both by the day their apprenticeship ended). Each
// column stands alone: no row total.
func buildMagang(ctx context.Context, s *Source) (*Dataset, error) {
	d := spec("magang")
	d.Unit = "program / orang"
	c := newCounts(len(s.Months), 4)
	ri := regionIndex()
	add := func(region string, at date, k int) {
		if m := s.month(at.Time); !at.Time.IsZero() && m >= 0 {
			c[ri[region]][m][k]++
		}
	}
	rows, err := s.Q.QueryContext(ctx, `SELECT region, decided_at FROM apprenticeships
		WHERE status IN ('disetujui', 'berjalan', 'selesai') AND decided_at IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("magang programs: %w", err)
	}
	for rows.Next() {
		var region string
		var at date
		if err := rows.Scan(&region, &at); err != nil {
			rows.Close()
			return nil, err
		}
		add(region, at, 0)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = s.Q.QueryContext(ctx, `SELECT p.region, a.start_on, a.ended_on, a.status,
		CASE WHEN a.hired THEN 1 ELSE 0 END
		FROM apprentices a JOIN apprenticeships p ON p.id = a.apprenticeship_id`)
	if err != nil {
		return nil, fmt.Errorf("magang apprentices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var region, status string
		var start, ended date
		var hired int
		if err := rows.Scan(&region, &start, &ended, &status, &hired); err != nil {
			return nil, err
		}
		add(region, start, 1)
		if status == "selesai" {
			add(region, ended, 2)
		}
		if status != "berjalan" && hired == 1 {
			add(region, ended, 3)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cats := catDim([]string{"program_disetujui", "peserta_mulai", "peserta_selesai", "diangkat"},
		[]string{"Program disetujui", "Peserta mulai", "Peserta selesai bersertifikat", "Diangkat jadi pekerja"})
	return fromCounts(d, s, cats, c, false), nil
}
