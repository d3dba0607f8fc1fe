package stats

import (
	"context"
	"fmt"
	"slices"

	"github.com/bursa-banten/bursa/internal/umkm"
)

// buildUMKM counts the small businesses registered on bursa by the class
// they held at the end of each month (the latest class change recorded by
// then: the class given at registration, then each yearly declaration's),
// and the moves up recorded that month, by regency/city. The two kinds of
// column stand apart (no row total): a stock and a flow.
func buildUMKM(ctx context.Context, s *Source) (*Dataset, error) {
	rows, err := s.Q.QueryContext(ctx, `SELECT b.region, m.business_id, m.to_class, m.rank_change, m.at
		FROM umkm_class_moves m JOIN umkm_businesses b ON b.id = m.business_id
		WHERE m.at < ? ORDER BY m.business_id, m.at, m.id`, s.end().UTC())
	if err != nil {
		return nil, fmt.Errorf("umkm: %w", err)
	}
	defer rows.Close()
	d := spec("umkm")
	d.Unit = "usaha"
	d.Note = "Usaha yang terdaftar di bursa (data administratif, bukan sensus UMKM) menurut kelas PP 7/2021 di akhir bulan, dan yang naik kelas bulan itu. " +
		"Kelas dihitung dari omzet setahun bila ada, dari modal bila belum (docs/decisions.md). Sel di bawah 5 dan sel yang bisa membukanya tidak ditampilkan."
	naik := len(umkm.Classes)
	c := newCounts(len(s.Months), naik+1)
	ri := regionIndex()
	// Each business's moves in time order: its class in month m is the
	// last move before the month's end.
	type move struct {
		class string
		at    date
	}
	flush := func(region string, ms []move) {
		r := ri[region]
		k := 0
		for m, end := range s.ends {
			for k < len(ms) && ms[k].at.Time.Before(end) {
				k++
			}
			if k > 0 {
				c[r][m][umkm.Rank(ms[k-1].class)]++
			}
		}
	}
	var cur int64
	var region string
	var ms []move
	for rows.Next() {
		var id int64
		var reg, class string
		var up int
		var at date
		if err := rows.Scan(&reg, &id, &class, &up, &at); err != nil {
			return nil, err
		}
		if id != cur && ms != nil {
			flush(region, ms)
			ms = ms[:0]
		}
		cur, region = id, reg
		if umkm.Rank(class) < 0 {
			continue
		}
		ms = append(ms, move{class, at})
		if m := s.month(at.Time); up > 0 && m >= 0 {
			c[ri[reg]][m][naik]++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ms) > 0 {
		flush(region, ms)
	}
	cats := catDim(append(slices.Clone(umkm.Classes), "naik_kelas"),
		[]string{"Mikro", "Kecil", "Menengah", "Besar", "Naik kelas bulan itu"})
	return fromCounts(d, s, cats, c, false), nil
}
