package stats

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/stats/cells"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// Spec is one published dataset. Adding a dataset is adding one Spec to
// Specs: an id (the URL's last segment, stable), titles, and Build, which
// reads what it needs through the Source (add a loader to source.go for a
// new kind of row) and returns the table. Counts go through fromCounts so
// the small-cell rule applies; ratios through fromRatios. Add the id's
// label "stats.ds.<id>" to the i18n catalogs for the dashboard.
type Spec struct {
	ID, Title, TitleEN string
	Build              func(ctx context.Context, s *Source) (*Dataset, error)
}

// Specs lists every dataset in catalog order.
func Specs() []Spec {
	return []Spec{
		{"tpt", "Tingkat pengangguran terbuka (BPS)", "Open unemployment rate (BPS)", buildTPT},
		{"pencari-kerja", "Pemegang kartu AK/1 aktif", "Active AK/1 card holders", buildSeekers},
		{"lowongan", "Lowongan dipasang, terbuka dan terisi", "Vacancies posted, open and filled", buildVacancies},
		{"hubungan-kerja", "Lowongan menurut pemberi kerja sebenarnya (langsung, alih daya, agen)", "Vacancies by who really employs (direct, outsourced, agency)", buildArrangements},
		{"lowongan-disabilitas", "Lowongan terbuka bagi penyandang disabilitas", "Vacancies open to workers with disabilities", buildDisabilityOpen},
		{"kuota-disabilitas", "Pemberi kerja dan kuota pekerja disabilitas (UU 8/2016)", "Employers and the disability employment quota (UU 8/2016)", buildQuota},
		{"nota-kepatuhan", "Kepatuhan terhadap nota pemeriksaan", "Compliance with inspection notes (nota pemeriksaan)", buildNota},
		{"lowongan-per-pencari", "Lowongan per pencari kerja menurut golongan pokok KBJI", "Vacancies per job seeker by KBJI major group", buildPerSeeker},
		{"waktu-isi", "Lama lowongan terisi (median hari)", "Time to fill (median days)", buildTimeToFill},
		{"penempatan", "Penempatan menurut jenis kontrak", "Placements by contract type", buildPlacements},
		{"penempatan-bentuk", "Penempatan alih daya, lewat agen, dan berupah harian, per jam atau borongan", "Placements outsourced, through agencies, and paid by the day, hour or piece", buildPlacementForms},
		{"pekerja-lokal", "Janji dan kenyataan pekerja lokal", "Promised vs actual local hires", buildLocal},
		{"upah-umk", "Upah penempatan dibanding UMK", "Placement wages against the UMK", buildWages},
		{"pelatihan-program", "Lulusan pelatihan yang bekerja dalam 6 bulan, per program", "Training completers in work within 6 months, by program", buildTrainingByProgram},
		{"pelatihan", "Lulusan pelatihan yang bekerja dalam 6 bulan, per lembaga", "Training completers in work within 6 months, by provider", buildTraining},
		{"pengaduan", "Pengaduan menurut kategori", "Complaints by category", buildComplaints},
		{"pengaduan-tindak", "Tindak lanjut pengaduan", "Complaint follow-up", buildFollowUp},
		magangSpec(), // ds_magang.go
		{"umkm", "UMKM terdaftar menurut kelas, dan yang naik kelas", "Registered small businesses by class, and moves up", buildUMKM},
		tracerSpec(),
	}
}

// SpecByID returns one dataset's spec.
func SpecByID(id string) (Spec, bool) {
	for _, s := range Specs() {
		if s.ID == id {
			return s, true
		}
	}
	return Spec{}, false
}

// Province is the province's code, the total of its regencies/cities.
const Province = "36"

// regionDim is the province then its 8 regencies/cities.
func regionDim() Dimension {
	d := Dimension{ID: "wilayah", Label: "Wilayah", Codes: []string{Province}, Labels: []string{"Provinsi Banten"}}
	for _, r := range ref.Regions() {
		d.Codes = append(d.Codes, r.Code)
		d.Labels = append(d.Labels, r.Name)
	}
	return d
}

// regionIndex maps a regency/city code to its row (1..8); 0 is unknown.
func regionIndex() map[string]int {
	m := map[string]int{}
	for i, r := range ref.Regions() {
		m[r.Code] = i + 1
	}
	return m
}

func monthDim(s *Source) Dimension {
	return Dimension{ID: "bulan", Label: "Bulan", Codes: s.Months, Labels: s.Months}
}

func catDim(codes, labels []string) Dimension {
	return Dimension{ID: "kategori", Label: "Kategori", Codes: codes, Labels: labels}
}

// counts are counts by region row (1..8), month and category; a row of
// region 0 (unknown) is dropped.
type counts [][][]int

func newCounts(months, cats int) counts {
	c := make(counts, len(ref.Regions())+1)
	for r := range c {
		c[r] = make([][]int, months)
		for m := range c[r] {
			c[r][m] = make([]int, cats)
		}
	}
	return c
}

// fromCounts makes a region × month × category dataset of counts, with the
// province as each column's total and, when total is true, the first
// category as each row's total (the other categories add up to it).
// Every month is one table for the small-cell rule.
func fromCounts(d *Dataset, s *Source, cats Dimension, c counts, total bool) *Dataset {
	d.Dims = []Dimension{regionDim(), monthDim(s), cats}
	d.init()
	R := len(ref.Regions())
	inner := len(cats.Codes)
	off := 0
	if total {
		inner, off = len(cats.Codes)-1, 1
	}
	for m := range s.Months {
		g := cells.Grid{Cells: make([][]int, R), ColTotals: true, RowTotals: total}
		for r := 0; r < R; r++ {
			g.Cells[r] = c[r+1][m][off:]
		}
		w := cells.Suppress(g)
		put := func(region, cat int, v int, withheld bool) {
			i := d.At(region, m, cat)
			d.Values[i] = float64(v)
			if withheld {
				d.Values[i], d.Status[i] = 0, StatusWithheld
			}
		}
		colSum := make([]int, inner)
		grand := 0
		for r := 0; r < R; r++ {
			sum := 0
			for k := 0; k < inner; k++ {
				v := g.Cells[r][k]
				put(r+1, off+k, v, w.Cells[r][k])
				sum += v
				colSum[k] += v
			}
			grand += sum
			if total {
				put(r+1, 0, sum, w.Row[r])
			}
		}
		for k := 0; k < inner; k++ {
			put(0, off+k, colSum[k], w.Col[k])
		}
		if total {
			put(0, 0, grand, w.Grand)
		}
	}
	return d
}

// ratio is a figure computed from a count of people or vacancies (base):
// it is withheld when base is under the small-cell floor.
type ratio struct {
	v    float64
	base int
	ok   bool
}

// fromRatios makes a region × month × category dataset of ratios.
func fromRatios(d *Dataset, s *Source, cats Dimension, v [][][]ratio) *Dataset {
	d.Dims = []Dimension{regionDim(), monthDim(s), cats}
	d.init()
	for r := range v {
		for m := range v[r] {
			for k, x := range v[r][m] {
				i := d.At(r, m, k)
				switch {
				case !x.ok:
					d.Status[i] = StatusMissing
				case x.base < cells.MinCell:
					d.Status[i] = StatusWithheld
				default:
					d.Values[i] = x.v
				}
			}
		}
	}
	return d
}

func newRatios(months, cats int) [][][]ratio {
	v := make([][][]ratio, len(ref.Regions())+1)
	for r := range v {
		v[r] = make([][]ratio, months)
		for m := range v[r] {
			v[r][m] = make([]ratio, cats)
		}
	}
	return v
}

const adminNote = "Angka administratif bursa (yang terdaftar di bursa), bukan survei: tidak sama dengan TPT BPS. Sel di bawah 5 dan sel yang bisa membukanya tidak ditampilkan."

func spec(id string) *Dataset {
	sp, _ := SpecByID(id)
	return &Dataset{ID: sp.ID, Title: sp.Title, TitleEN: sp.TitleEN, Source: "bursa (Disnakertrans Provinsi Banten), data administratif", Note: adminNote}
}

func buildTPT(ctx context.Context, s *Source) (*Dataset, error) {
	d := spec("tpt")
	d.Unit, d.Decimals = "persen", 2
	d.Source = "BPS, Survei Angkatan Kerja Nasional (Sakernas) Agustus; lihat kolom sumber di internal/ref/data/tpt.csv"
	d.Note = "TPT adalah angka survei BPS (persen angkatan kerja), bukan hitungan bursa. Sel kosong: tidak ditemukan di sumber terbuka."
	areas := Dimension{ID: "wilayah", Label: "Wilayah", Codes: []string{"ID"}, Labels: []string{"Indonesia"}}
	rd := regionDim()
	areas.Codes = append(areas.Codes, rd.Codes...)
	areas.Labels = append(areas.Labels, rd.Labels...)
	years := Dimension{ID: "tahun", Label: "Tahun (Agustus)"}
	seen := map[int]bool{}
	for _, u := range ref.UnemploymentRates() {
		if !seen[u.Year] {
			seen[u.Year] = true
			years.Codes = append(years.Codes, strconv.Itoa(u.Year))
		}
	}
	sort.Strings(years.Codes)
	years.Labels = years.Codes
	d.Dims = []Dimension{areas, years}
	d.init()
	for i := range d.Status {
		d.Status[i] = StatusMissing
	}
	for _, u := range ref.UnemploymentRates() {
		a, y := indexOf(areas.Codes, u.Area), indexOf(years.Codes, strconv.Itoa(u.Year))
		if a < 0 || y < 0 || !u.Found {
			continue
		}
		i := d.At(a, y)
		d.Values[i], d.Status[i] = u.Rate, ""
	}
	return d, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// activeAt is whether a card valid on [from, until) is valid on the
// month's last day.
func activeAt(from, until, monthEnd time.Time) bool {
	last := monthEnd.AddDate(0, 0, -1)
	return !from.After(last) && until.After(last)
}

// activeMonths is the months [lo, hi) on whose last day a card valid on
// [from, until) is valid: the months of activeAt, found by binary search
// instead of one test per month (a million cards × 24 months).
func (s *Source) activeMonths(from, until time.Time) (lo, hi int) {
	lo = sort.Search(len(s.ends), func(m int) bool { return !from.After(s.ends[m].AddDate(0, 0, -1)) })
	hi = sort.Search(len(s.ends), func(m int) bool { return !until.After(s.ends[m].AddDate(0, 0, -1)) })
	return lo, max(lo, hi)
}

func buildSeekers(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadAK1(ctx); err != nil {
		return nil, err
	}
	d := spec("pencari-kerja")
	d.Unit = "orang"
	c := newCounts(len(s.Months), 1)
	ri := regionIndex()
	for _, a := range s.ak1 {
		r := ri[a.region]
		lo, hi := s.activeMonths(a.from, a.until)
		for m := lo; m < hi; m++ {
			c[r][m][0]++
		}
	}
	return fromCounts(d, s, catDim([]string{"ak1_aktif"}, []string{"Kartu AK/1 aktif di akhir bulan"}), c, false), nil
}

// openAt is whether a vacancy takes applications at the end of the month
// ending at end: published before, not closed, last day not past.
func (v vacancyRow) openAt(end time.Time) bool {
	if !v.published.Before(end) || (!v.closed.IsZero() && v.closed.Before(end)) {
		return false
	}
	return !v.closesOn.Before(end.AddDate(0, 0, -1))
}

func buildVacancies(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadVacancies(ctx); err != nil {
		return nil, err
	}
	d := spec("lowongan")
	d.Unit = "lowongan"
	c := newCounts(len(s.Months), 3)
	ri := regionIndex()
	for _, v := range s.vacancies {
		r := ri[v.region]
		if m := s.month(v.published); m >= 0 {
			c[r][m][0]++
		}
		if v.status == "filled" {
			if m := s.month(v.closed); m >= 0 {
				c[r][m][2]++
			}
		}
		for m, end := range s.ends {
			if v.openAt(end) {
				c[r][m][1]++
			}
		}
	}
	cats := catDim([]string{"dipasang", "terbuka", "terisi"}, []string{"Dipasang bulan ini", "Terbuka di akhir bulan", "Terisi bulan ini"})
	return fromCounts(d, s, cats, c, false), nil
}

// buildArrangements counts the vacancies posted each month by who really
// employs: the posting company itself, an outsourcing company placing the
// worker at a user company (alih daya, PP 35/2021), or a placement agency.
// Outsourced work is counted apart, as issue 15 asks.
func buildArrangements(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadVacancies(ctx); err != nil {
		return nil, err
	}
	d := spec("hubungan-kerja")
	d.Unit = "lowongan"
	kinds := map[string]int{"langsung": 0, "alih_daya": 1, "agen": 2}
	c := newCounts(len(s.Months), 3)
	ri := regionIndex()
	for _, v := range s.vacancies {
		if m := s.month(v.published); m >= 0 {
			c[ri[v.region]][m][kinds[v.arrangement]]++
		}
	}
	cats := catDim([]string{"langsung", "alih_daya", "agen"}, []string{"Langsung oleh pemberi kerja", "Alih daya (outsourcing)", "Lewat agen penempatan"})
	return fromCounts(d, s, cats, c, false), nil
}

// buildDisabilityOpen counts the vacancies posted each month that say
// they are open to workers with disabilities (UU 8/2016), beside the rest.
func buildDisabilityOpen(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadVacancies(ctx); err != nil {
		return nil, err
	}
	d := spec("lowongan-disabilitas")
	d.Unit = "lowongan"
	c := newCounts(len(s.Months), 2)
	ri := regionIndex()
	for _, v := range s.vacancies {
		if m := s.month(v.published); m >= 0 {
			k := 1
			if v.disabilityOpen {
				k = 0
			}
			c[ri[v.region]][m][k]++
		}
	}
	cats := catDim([]string{"terbuka", "lainnya"}, []string{"Terbuka bagi penyandang disabilitas", "Lainnya"})
	return fromCounts(d, s, cats, c, false), nil
}

// buildQuota counts, at each month's end, the verified employers that had
// declared their workforce, by whether they met the quota of workers with
// disabilities (UU 8/2016 art. 53: 1% private, 2% government, BUMN, BUMD;
// employer.Workforce.QuotaMet). A declaration counts from its date with
// its latest figures: the office keeps the latest declaration only.
func buildQuota(ctx context.Context, s *Source) (*Dataset, error) {
	rows, err := s.Q.QueryContext(ctx, `SELECT region, ownership, workforce, disabled_employees, workforce_on FROM employers
		WHERE status = ? AND workforce_on IS NOT NULL AND workforce_on < ?`, employer.Verified, s.end().UTC())
	if err != nil {
		return nil, fmt.Errorf("disability quota: %w", err)
	}
	defer rows.Close()
	d := spec("kuota-disabilitas")
	d.Unit = "pemberi kerja"
	c := newCounts(len(s.Months), 2)
	ri := regionIndex()
	for rows.Next() {
		var region string
		var w employer.Workforce
		var on date
		if err := rows.Scan(&region, &w.Ownership, &w.Employees, &w.DisabledEmployees, &on); err != nil {
			return nil, err
		}
		w.DeclaredOn = on.Time
		k := 1
		if w.QuotaMet() {
			k = 0
		}
		for m, end := range s.ends {
			if on.Time.Before(end) {
				c[ri[region]][m][k]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cats := catDim([]string{"memenuhi", "belum"}, []string{"Memenuhi kuota", "Belum memenuhi kuota"})
	return fromCounts(d, s, cats, c, false), nil
}

// buildNota follows each inspection case whose nota pemeriksaan I was
// issued in a month to where it went: complied after nota I, complied
// after nota II, handed to the civil-servant investigators (PPNS), or
// still running (Permenaker 33/2016). Counted by the month of nota I.
func buildNota(ctx context.Context, s *Source) (*Dataset, error) {
	rows, err := s.Q.QueryContext(ctx, `SELECT k.region, k.state,
			MIN(CASE WHEN e.to_state = ? THEN e.at END),
			MAX(CASE WHEN e.to_state = ? THEN 1 ELSE 0 END)
		FROM cases k JOIN case_events e ON e.case_id = k.id
		WHERE k.kind = ? GROUP BY k.id, k.region, k.state`, complaint.Nota1, complaint.Nota2, complaint.KindInspection)
	if err != nil {
		return nil, fmt.Errorf("nota compliance: %w", err)
	}
	defer rows.Close()
	d := spec("nota-kepatuhan")
	d.Unit = "kasus"
	c := newCounts(len(s.Months), 4)
	ri := regionIndex()
	for rows.Next() {
		var region, state string
		var nota1 date
		var nota2 int
		if err := rows.Scan(&region, &state, &nota1, &nota2); err != nil {
			return nil, err
		}
		m := s.month(nota1.Time)
		if nota1.Time.IsZero() || m < 0 {
			continue
		}
		k := 3 // still running
		switch {
		case state == complaint.Selesai && nota2 == 0:
			k = 0
		case state == complaint.Selesai:
			k = 1
		case state == complaint.DilimpahkanPPNS:
			k = 2
		}
		c[ri[region]][m][k]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cats := catDim([]string{"patuh_nota_1", "patuh_nota_2", "ppns", "berjalan"},
		[]string{"Patuh setelah nota I", "Patuh setelah nota II", "Dilimpahkan ke PPNS", "Masih berjalan"})
	return fromCounts(d, s, cats, c, false), nil
}

// buildPlacementForms counts the month's placements in the forms of work
// the contract type does not show: outsourced (alih daya), through a
// placement agency, paid by the day or hour, paid by the piece. A placement
// can be in more than one, so each column stands alone (no row total).
func buildPlacementForms(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadPlacements(ctx); err != nil {
		return nil, err
	}
	d := spec("penempatan-bentuk")
	d.Unit = "orang"
	c := newCounts(len(s.Months), 4)
	ri := regionIndex()
	for _, p := range s.placements {
		m := s.month(p.reported)
		if m < 0 {
			continue
		}
		x := c[ri[p.region]][m]
		switch p.arrangement {
		case "alih_daya":
			x[0]++
		case "agen":
			x[1]++
		}
		switch p.wageUnit {
		case "day", "hour":
			x[2]++
		case "piece":
			x[3]++
		}
	}
	cats := catDim([]string{"alih_daya", "agen", "upah_harian_jam", "upah_borongan"},
		[]string{"Alih daya", "Lewat agen penempatan", "Upah harian atau per jam", "Upah borongan"})
	return fromCounts(d, s, cats, c, false), nil
}

// majorGroups are KBJI 2014's major groups, 1-9 then 0.
func majorGroups() Dimension {
	d := Dimension{ID: "kbji", Label: "Golongan pokok KBJI 2014"}
	for _, code := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"} {
		g, _ := ref.OccupationGroupByCode(code)
		d.Codes = append(d.Codes, code)
		d.Labels = append(d.Labels, g.Title)
	}
	return d
}

func buildPerSeeker(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadVacancies(ctx); err != nil {
		return nil, err
	}
	if err := s.loadAK1(ctx); err != nil {
		return nil, err
	}
	d := spec("lowongan-per-pencari")
	d.Unit, d.Decimals = "rasio", 2
	d.Note = "Jumlah formasi lowongan terbuka di akhir bulan dibagi pemegang AK/1 aktif yang mencari jabatan golongan itu. Di atas 1: tenaga kerja kurang; di bawah 1: lowongan kurang. Tidak ditampilkan bila salah satunya di bawah 5. " + adminNote
	groups := majorGroups()
	gi := map[string]int{}
	for i, c := range groups.Codes {
		gi[c] = i
	}
	ri := regionIndex()
	nm, ng := len(s.Months), len(groups.Codes)
	jobs, people := newCounts(nm, ng), newCounts(nm, ng)
	for _, v := range s.vacancies {
		g, ok := gi[first(v.kbji)]
		if !ok {
			continue
		}
		for m, end := range s.ends {
			if v.openAt(end) {
				jobs[ri[v.region]][m][g] += v.openings
			}
		}
	}
	for _, a := range s.ak1 {
		g, ok := gi[first(a.occupation)]
		if !ok {
			continue
		}
		lo, hi := s.activeMonths(a.from, a.until)
		for m := lo; m < hi; m++ {
			people[ri[a.region]][m][g]++
		}
	}
	sumProvince(jobs)
	sumProvince(people)
	v := newRatios(nm, ng)
	for r := range v {
		for m := range v[r] {
			for g := range v[r][m] {
				j, p := jobs[r][m][g], people[r][m][g]
				base := min(j, p)
				if j == 0 && p >= cells.MinCell {
					base = p // no vacancy at all is safe to say
				}
				if p == 0 {
					continue // no seekers: no ratio (missing)
				}
				v[r][m][g] = ratio{v: round2(float64(j) / float64(p)), base: base, ok: true}
			}
		}
	}
	return fromRatios(d, s, groups, v), nil
}

func first(code string) string {
	if code == "" {
		return ""
	}
	return code[:1]
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// sumProvince fills row 0 with the sum of the regions' rows, replacing the
// unknown-region row (the province counts everybody).
func sumProvince(c counts) {
	for m := range c[0] {
		for k := range c[0][m] {
			for r := 1; r < len(c); r++ {
				c[0][m][k] += c[r][m][k]
			}
		}
	}
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func buildTimeToFill(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadVacancies(ctx); err != nil {
		return nil, err
	}
	d := spec("waktu-isi")
	d.Unit, d.Decimals = "hari", 1
	d.Note = "Median hari dari lowongan dipasang sampai terisi, untuk lowongan yang terisi bulan itu; tidak ditampilkan bila kurang dari 5 lowongan. " + adminNote
	ri := regionIndex()
	days := make([][][]float64, len(ref.Regions())+1)
	for r := range days {
		days[r] = make([][]float64, len(s.Months))
	}
	for _, v := range s.vacancies {
		if v.status != "filled" {
			continue
		}
		m := s.month(v.closed)
		if m < 0 {
			continue
		}
		x := v.closed.Sub(v.published).Hours() / 24
		if r := ri[v.region]; r > 0 {
			days[r][m] = append(days[r][m], x)
		}
		days[0][m] = append(days[0][m], x)
	}
	v := newRatios(len(s.Months), 1)
	for r := range days {
		for m, xs := range days[r] {
			if len(xs) > 0 {
				v[r][m][0] = ratio{v: float64(int64(median(xs)*10+0.5)) / 10, base: len(xs), ok: true}
			}
		}
	}
	return fromRatios(d, s, catDim([]string{"median_hari"}, []string{"Median hari sampai terisi"}), v), nil
}

func buildPlacements(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadPlacements(ctx); err != nil {
		return nil, err
	}
	d := spec("penempatan")
	d.Unit = "orang"
	codes := append([]string{"total"}, seeker.ContractTypes...)
	labels := []string{"Semua penempatan", "PKWT (kontrak)", "PKWTT (tetap)", "Harian lepas", "Magang"}
	ci := map[string]int{}
	for i, c := range codes {
		ci[c] = i
	}
	c := newCounts(len(s.Months), len(codes))
	ri := regionIndex()
	for _, p := range s.placements {
		m := s.month(p.reported)
		k, ok := ci[p.contract]
		if m < 0 || !ok || k == 0 {
			continue
		}
		c[ri[p.region]][m][k]++
	}
	return fromCounts(d, s, catDim(codes, labels), c, true), nil
}

// Wage bands against the UMK of the workplace for the year the work
// starts. "At the floor" is the UMK up to 1% above it: vacancies post the
// UMK rounded up to the thousand.
var wageBands = []string{"total", "di_umk", "di_atas_umk", "di_bawah_umk_usaha_mikro_kecil", "di_bawah_umk_lainnya"}

func buildWages(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadPlacements(ctx); err != nil {
		return nil, err
	}
	d := spec("upah-umk")
	d.Unit = "orang"
	d.Note = "Upah bulanan penempatan dibanding UMK tempat kerja pada tahun mulai kerja. Di UMK: UMK sampai 1% di atasnya. Usaha mikro dan kecil boleh di bawah UMK atas kesepakatan (PP 36/2021). " + adminNote
	labels := []string{"Semua penempatan", "Di UMK", "Di atas UMK", "Di bawah UMK (usaha mikro/kecil)", "Di bawah UMK (usaha lain)"}
	c := newCounts(len(s.Months), len(wageBands))
	ri := regionIndex()
	for _, p := range s.placements {
		m := s.month(p.reported)
		if m < 0 {
			continue
		}
		umk, ok := umkFor(p.region, p.start.Year())
		if !ok {
			continue
		}
		var k int
		switch {
		case p.wage < umk && (p.size == employer.Mikro || p.size == employer.Kecil):
			k = 3
		case p.wage < umk:
			k = 4
		case p.wage*100 <= umk*101:
			k = 1
		default:
			k = 2
		}
		c[ri[p.region]][m][k]++
	}
	return fromCounts(d, s, catDim(wageBands, labels), c, true), nil
}

// umkFor is the region's UMK for year, or the latest before it.
func umkFor(region string, year int) (int64, bool) {
	for y := year; y >= year-3; y-- {
		if w, ok := ref.UMK(region, y); ok {
			return w, true
		}
	}
	return 0, false
}

func buildComplaints(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadComplaints(ctx); err != nil {
		return nil, err
	}
	d := spec("pengaduan")
	d.Unit = "pengaduan"
	d.Note = "Pengaduan yang masuk bulan itu, menurut wilayah tempat kerja; pengaduan tanpa wilayah tidak dihitung. " + adminNote
	codes := append([]string{"total"}, complaint.Categories...)
	labels := []string{"Semua pengaduan"}
	for _, c := range complaint.Categories {
		labels = append(labels, c)
	}
	ci := map[string]int{}
	for i, c := range codes {
		ci[c] = i
	}
	c := newCounts(len(s.Months), len(codes))
	ri := regionIndex()
	for _, x := range s.complaints {
		m := s.month(x.filed)
		k, ok := ci[x.category]
		if m < 0 || !ok || k == 0 {
			continue
		}
		c[ri[x.region]][m][k]++
	}
	return fromCounts(d, s, catDim(codes, labels), c, true), nil
}

func buildFollowUp(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadComplaints(ctx); err != nil {
		return nil, err
	}
	d := spec("pengaduan-tindak")
	d.Unit, d.Decimals = "hari; persen", 1
	d.Note = "Untuk pengaduan yang masuk bulan itu: median hari sampai tindakan pertama petugas, dan persen yang kasusnya sudah selesai saat rilis dihitung. Provinsi: semua pengaduan, juga yang tanpa wilayah. Tidak ditampilkan bila kurang dari 5 pengaduan. " + adminNote
	ri := regionIndex()
	type acc struct {
		days            []float64
		filed, resolved int
	}
	a := make([][]acc, len(ref.Regions())+1)
	for r := range a {
		a[r] = make([]acc, len(s.Months))
	}
	for _, x := range s.complaints {
		m := s.month(x.filed)
		if m < 0 {
			continue
		}
		rows := []int{0}
		if r := ri[x.region]; r > 0 {
			rows = append(rows, r)
		}
		for _, r := range rows {
			p := &a[r][m]
			p.filed++
			if !x.closed.IsZero() {
				p.resolved++
			}
			if !x.firstAction.IsZero() {
				p.days = append(p.days, x.firstAction.Sub(x.filed).Hours()/24)
			}
		}
	}
	v := newRatios(len(s.Months), 2)
	for r := range a {
		for m, p := range a[r] {
			if len(p.days) > 0 {
				v[r][m][0] = ratio{v: float64(int64(median(p.days)*10+0.5)) / 10, base: len(p.days), ok: true}
			}
			if p.filed > 0 {
				v[r][m][1] = ratio{v: float64(int64(float64(p.resolved)*1000/float64(p.filed)+0.5)) / 10, base: p.filed, ok: true}
			}
		}
	}
	cats := catDim([]string{"hari_tindakan_pertama", "persen_selesai"}, []string{"Median hari sampai tindakan pertama", "Persen selesai"})
	return fromRatios(d, s, cats, v), nil
}

// placedDays is the window of "placed within 6 months" (training.PlacedLongDays).
const placedDays = 180

func buildTraining(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadTraining(ctx); err != nil {
		return nil, err
	}
	d := spec("pelatihan")
	d.Unit = "orang"
	d.Note = "Per lembaga pelatihan dan bulan lulus: yang lulus, yang 6 bulannya sudah lewat saat rilis, dan dari mereka yang mulai bekerja (lewat bursa) dalam 180 hari. " + adminNote
	return trainingBy(d, s, "lembaga", "Lembaga pelatihan", "Semua lembaga", s.providers, func(t trainedRow) int64 { return t.provider }), nil
}

// buildTrainingByProgram is the same figure per program (kejuruan), the
// unit people choose when they apply.
func buildTrainingByProgram(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadTraining(ctx); err != nil {
		return nil, err
	}
	d := spec("pelatihan-program")
	d.Unit = "orang"
	d.Note = "Per program pelatihan dan bulan lulus: yang lulus, yang 6 bulannya sudah lewat saat rilis, dan dari mereka yang mulai bekerja (lewat bursa) dalam 180 hari. " + adminNote
	return trainingBy(d, s, "program", "Program pelatihan", "Semua program", s.programs, func(t trainedRow) int64 { return t.program }), nil
}

// trainingBy fills d with completers, those past 6 months and those placed
// within 6 months, per group (provider or program) of key and month, with
// the total over groups first.
func trainingBy(d *Dataset, s *Source, dimID, dimLabel, allLabel string, names map[int64]string, key func(trainedRow) int64) *Dataset {
	// Groups with a completer in the window, in id order.
	seen := map[int64]bool{}
	var ids []int64
	for _, t := range s.trained {
		if k := key(t); !seen[k] {
			seen[k] = true
			ids = append(ids, k)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	prov := Dimension{ID: dimID, Label: dimLabel, Codes: []string{"semua"}, Labels: []string{allLabel}}
	row := map[int64]int{}
	for i, id := range ids {
		row[id] = i
		prov.Codes = append(prov.Codes, strconv.FormatInt(id, 10))
		prov.Labels = append(prov.Labels, names[id])
	}
	cats := catDim([]string{"lulus", "dinilai_6_bulan", "bekerja_6_bulan"}, []string{"Lulus", "Sudah 6 bulan sejak lulus", "Bekerja dalam 6 bulan"})
	c := make([][][]int, len(ids))
	for i := range c {
		c[i] = make([][]int, len(s.Months))
		for m := range c[i] {
			c[i][m] = make([]int, 3)
		}
	}
	cut := s.end() // what is known when the release's last month ends
	for _, t := range s.trained {
		m := s.month(t.completed)
		if m < 0 {
			continue
		}
		x := c[row[key(t)]][m]
		x[0]++
		if due := t.completed.AddDate(0, 0, placedDays); !due.After(cut) {
			x[1]++
			if !t.firstStart.IsZero() && !t.firstStart.After(due) {
				x[2]++
			}
		}
	}
	d.Dims = []Dimension{prov, monthDim(s), cats}
	d.init()
	for m := range s.Months {
		g := cells.Grid{Cells: make([][]int, len(ids)), ColTotals: true}
		for i := range ids {
			g.Cells[i] = c[i][m]
		}
		if len(ids) == 0 {
			continue
		}
		w := cells.Suppress(g)
		total := make([]int, 3)
		for i := range ids {
			for k := 0; k < 3; k++ {
				j := d.At(i+1, m, k)
				d.Values[j] = float64(c[i][m][k])
				total[k] += c[i][m][k]
				if w.Cells[i][k] {
					d.Values[j], d.Status[j] = 0, StatusWithheld
				}
			}
		}
		for k := 0; k < 3; k++ {
			j := d.At(0, m, k)
			d.Values[j] = float64(total[k])
			if w.Col[k] {
				d.Values[j], d.Status[j] = 0, StatusWithheld
			}
		}
	}
	return d
}

// buildLocal sets the local-worker share vacancies declared against the
// share of their placed workers who live in the workplace's regency/city.
func buildLocal(ctx context.Context, s *Source) (*Dataset, error) {
	if err := s.loadPlacements(ctx); err != nil {
		return nil, err
	}
	d := spec("pekerja-lokal")
	d.Unit, d.Decimals = "persen", 1
	d.Note = "Untuk penempatan bulan itu di lowongan yang menjanjikan porsi pekerja lokal: rata-rata porsi yang dijanjikan, dan persen pekerja yang benar-benar tinggal di kabupaten/kota tempat kerja. Tidak ditampilkan bila kurang dari 5 penempatan. " + adminNote
	type acc struct{ n, local, promised int }
	a := make([][]acc, len(ref.Regions())+1)
	for r := range a {
		a[r] = make([]acc, len(s.Months))
	}
	ri := regionIndex()
	for _, p := range s.placements {
		m := s.month(p.reported)
		if m < 0 || p.promised < 0 {
			continue
		}
		rows := []int{0}
		if r := ri[p.region]; r > 0 {
			rows = append(rows, r)
		}
		for _, r := range rows {
			x := &a[r][m]
			x.n++
			x.promised += p.promised
			if p.domicile == p.region {
				x.local++
			}
		}
	}
	v := newRatios(len(s.Months), 2)
	for r := range a {
		for m, x := range a[r] {
			if x.n == 0 {
				continue
			}
			v[r][m][0] = ratio{v: float64(int64(float64(x.promised)*10/float64(x.n)+0.5)) / 10, base: x.n, ok: true}
			v[r][m][1] = ratio{v: float64(int64(float64(x.local)*1000/float64(x.n)+0.5)) / 10, base: x.n, ok: true}
		}
	}
	cats := catDim([]string{"persen_dijanjikan", "persen_lokal"}, []string{"Porsi lokal dijanjikan (rata-rata)", "Pekerja yang tinggal di wilayah itu"})
	return fromRatios(d, s, cats, v), nil
}
