package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/bkk"
)

// tracerSpec is the SMK tracer study: what verified graduates do 6 and 12
// months after graduation, by the school's regency/city and graduation
// month. Per school and program the figures are on each school's page
// (/smk/{npsn}); a program dimension here would publish totals across
// programs beside totals across regencies, which the small-cell rule
// protects only one table at a time.
func tracerSpec() Spec {
	return Spec{"tracer", "Studi penelusuran lulusan SMK (6 dan 12 bulan setelah lulus)",
		"SMK graduate tracer study (6 and 12 months after graduation)", buildTracer}
}

func buildTracer(ctx context.Context, s *Source) (*Dataset, error) {
	// What was known at the last instant of the release's last month
	// (the database keeps microseconds).
	os, err := bkk.Outcomes(ctx, s.Q, s.end().Add(-time.Microsecond), `1 = 1`)
	if err != nil {
		return nil, fmt.Errorf("tracer: %w", err)
	}
	ri := regionIndex()
	d := spec("tracer")
	d.Unit = "orang"
	d.Note = "Lulusan SMK yang diverifikasi BKK sekolahnya, menurut kabupaten/kota sekolah dan bulan lulus: yang sudah 6 (dan 12) bulan sejak lulus, dan apa kegiatan mereka saat itu menurut jawaban mereka sendiri; yang tercatat bekerja lewat bursa dihitung bekerja tanpa ditanya. " + adminNote
	var codes, labels []string
	waves := make([]*Dataset, len(bkk.Waves))
	for wi, w := range bkk.Waves {
		cats := []string{fmt.Sprintf("dinilai_%d", w)}
		lab := []string{fmt.Sprintf("Sudah %d bulan sejak lulus", w)}
		for _, st := range bkk.Statuses {
			cats = append(cats, fmt.Sprintf("%s_%d", st, w))
			lab = append(lab, fmt.Sprintf("%s (%d bulan)", tracerLabel[st], w))
		}
		codes, labels = append(codes, cats...), append(labels, lab...)
		c := newCounts(len(s.Months), len(cats))
		for _, o := range os {
			m := s.month(o.Graduated)
			r := ri[o.Region]
			if o.Wave != w || m < 0 || r == 0 {
				continue
			}
			for k, st := range bkk.Statuses {
				if o.Status == st {
					c[r][m][k+1]++
				}
			}
		}
		waves[wi] = fromCounts(&Dataset{}, s, catDim(cats, lab), c, true)
	}
	d.Dims = []Dimension{regionDim(), monthDim(s), catDim(codes, labels)}
	d.init()
	per := len(bkk.Statuses) + 1
	for wi, wd := range waves {
		for r := range d.Dims[0].Codes {
			for m := range s.Months {
				for k := 0; k < per; k++ {
					i, j := d.At(r, m, wi*per+k), wd.At(r, m, k)
					d.Values[i], d.Status[i] = wd.Values[j], wd.Status[j]
				}
			}
		}
	}
	// Both waves count the same cohort: once it is 12 months past, its
	// "past 6 months" and "past 12 months" totals are equal, and one
	// withheld must not be read off the other.
	if len(waves) == 2 {
		for r := range d.Dims[0].Codes {
			for m := range s.Months {
				a, b := d.At(r, m, 0), d.At(r, m, per)
				if d.Status[a] == StatusWithheld || d.Status[b] == StatusWithheld {
					if rawTotal(os, d.Dims[0].Codes[r], s, m, bkk.Waves[0]) == rawTotal(os, d.Dims[0].Codes[r], s, m, bkk.Waves[1]) {
						d.Values[a], d.Status[a], d.Values[b], d.Status[b] = 0, StatusWithheld, 0, StatusWithheld
					}
				}
			}
		}
	}
	return d, nil
}

// rawTotal counts the outcomes of wave w in region (or the province) and
// graduation month m.
func rawTotal(os []bkk.Outcome, region string, s *Source, m, w int) int {
	n := 0
	for _, o := range os {
		if o.Wave == w && s.month(o.Graduated) == m && (region == Province || o.Region == region) {
			n++
		}
	}
	return n
}

var tracerLabel = map[string]string{bkk.Working: "Bekerja", bkk.Studying: "Kuliah", bkk.Business: "Berwirausaha",
	bkk.Seeking: "Mencari kerja", bkk.Unanswered: "Belum menjawab"}
