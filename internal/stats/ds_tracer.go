package stats

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/bkk"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/stats/cells"
	"github.com/bursa-banten/bursa/internal/wib"
)

// tracerSpec is the SMK tracer study: what verified graduates do 6 and 12
// months after graduation, by the school's regency/city and year of
// graduation (a cohort: SMK results come out once a year). Per school and
// program the figures are on each school's page (/smk/{npsn}); a program
// dimension here would publish totals across programs beside totals across
// regencies, which the small-cell rule protects only one table at a time.
func tracerSpec() Spec {
	return Spec{"tracer", "Studi penelusuran lulusan SMK (6 dan 12 bulan setelah lulus)",
		"SMK graduate tracer study (6 and 12 months after graduation)", buildTracer}
}

// TracerYears is how many graduation years the tracer dataset covers,
// ending with the release's year.
const TracerYears = 3

func buildTracer(ctx context.Context, s *Source) (*Dataset, error) {
	// What was known at the last instant of the release's last month
	// (the database keeps microseconds).
	asOf := s.end().Add(-time.Microsecond)
	os, err := bkk.Outcomes(ctx, s.Q, asOf, `1 = 1`)
	if err != nil {
		return nil, fmt.Errorf("tracer: %w", err)
	}
	last := asOf.In(wib.Zone).Year()
	years := Dimension{ID: "tahun_lulus", Label: "Tahun lulus"}
	for y := last - TracerYears + 1; y <= last; y++ {
		years.Codes = append(years.Codes, strconv.Itoa(y))
		years.Labels = append(years.Labels, strconv.Itoa(y))
	}
	d := spec("tracer")
	d.Unit = "orang"
	d.Note = "Lulusan SMK yang diverifikasi BKK sekolahnya, menurut kabupaten/kota sekolah dan tahun lulus: yang sudah 6 (dan 12) bulan sejak lulus, dan apa kegiatan mereka saat itu menurut jawaban mereka sendiri; yang tercatat bekerja lewat bursa dihitung bekerja tanpa ditanya. " + adminNote
	var codes, labels []string
	for _, w := range bkk.Waves {
		codes = append(codes, fmt.Sprintf("dinilai_%d", w))
		labels = append(labels, fmt.Sprintf("Sudah %d bulan sejak lulus", w))
		for _, st := range bkk.Statuses {
			codes = append(codes, fmt.Sprintf("%s_%d", st, w))
			labels = append(labels, fmt.Sprintf("%s (%d bulan)", tracerLabel[st], w))
		}
	}
	d.Dims = []Dimension{regionDim(), years, catDim(codes, labels)}
	d.init()
	R := len(ref.Regions())
	ri := regionIndex()
	per := len(bkk.Statuses) + 1 // a wave's categories: its total, then each status
	// raw[y][w][r] is the total of region r (0 the province), year y, wave w.
	raw := make([][][]int, len(years.Codes))
	for y := range years.Codes {
		raw[y] = make([][]int, len(bkk.Waves))
		for wi, w := range bkk.Waves {
			g := cells.Grid{Cells: make([][]int, R), RowTotals: true, ColTotals: true}
			for r := range g.Cells {
				g.Cells[r] = make([]int, len(bkk.Statuses))
			}
			for _, o := range os {
				r := ri[o.Region]
				if o.Wave != w || r == 0 || strconv.Itoa(o.Graduated.Year()) != years.Codes[y] {
					continue
				}
				for k, st := range bkk.Statuses {
					if o.Status == st {
						g.Cells[r-1][k]++
					}
				}
			}
			wh := cells.Suppress(g)
			put := func(r, k, v int, withheld bool) {
				i := d.At(r, y, wi*per+k)
				d.Values[i] = float64(v)
				if withheld {
					d.Values[i], d.Status[i] = 0, StatusWithheld
				}
			}
			raw[y][wi] = make([]int, R+1)
			col := make([]int, len(bkk.Statuses))
			for r := 0; r < R; r++ {
				sum := 0
				for k, v := range g.Cells[r] {
					put(r+1, k+1, v, wh.Cells[r][k])
					sum += v
					col[k] += v
				}
				put(r+1, 0, sum, wh.Row[r])
				raw[y][wi][r+1] = sum
				raw[y][wi][0] += sum
			}
			for k, v := range col {
				put(0, k+1, v, wh.Col[k])
			}
			put(0, 0, raw[y][wi][0], wh.Grand)
		}
	}
	// Both waves count the same cohort: once it is 12 months past, its
	// "past 6 months" and "past 12 months" totals are equal, and one
	// withheld must not be read off the other.
	for y := range years.Codes {
		for r := 0; r <= R; r++ {
			a, b := d.At(r, y, 0), d.At(r, y, per)
			if raw[y][0][r] == raw[y][1][r] && (d.Status[a] == StatusWithheld || d.Status[b] == StatusWithheld) {
				d.Values[a], d.Status[a], d.Values[b], d.Status[b] = 0, StatusWithheld, 0, StatusWithheld
			}
		}
	}
	return d, nil
}

var tracerLabel = map[string]string{bkk.Working: "Bekerja", bkk.Studying: "Kuliah", bkk.Business: "Berwirausaha",
	bkk.Seeking: "Mencari kerja", bkk.Unanswered: "Belum menjawab"}
