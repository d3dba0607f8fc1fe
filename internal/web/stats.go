package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/chart"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/stats"
)

// statsRoutes registers the labor dashboard (province and each
// regency/city, from the newest frozen release) and the DCAT catalog of
// the open data. The datasets themselves are served by the API
// (/api/v1/stats/{id}), the one address the catalog gives.
func (s *Server) statsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /statistik", s.page(s.statsPage))
	mux.Handle("GET /statistik/{wilayah}", s.page(s.statsPage))
	mux.Handle("GET /data/catalog.json", s.page(s.statsCatalog))
}

// mapFigure is one figure the map can be coloured by (?peta=).
type mapFigure struct {
	Key, Dataset, Cat string
}

var mapFigures = []mapFigure{
	{"tpt", "tpt", ""},
	{"pencari-kerja", "pencari-kerja", "ak1_aktif"},
	{"lowongan", "lowongan", "terbuka"},
	{"penempatan", "penempatan", "total"},
	{"waktu-isi", "waktu-isi", "median_hari"},
	{"pengaduan", "pengaduan", "total"},
}

// mapKey is the figure's name in the catalogs.
func mapKey(f mapFigure) string { return fmt.Sprintf("stats.map.%s", f.Key) }

type statsLink struct {
	Label, Href string
	Current     bool
}

type statsTable struct {
	Caption string
	Corner  string
	Cols    []string
	Rows    []statsRow
}

type statsRow struct {
	Label string
	Cells []string
}

type statsSection struct {
	ID, Title, Note, Source string
	Charts                  []template.HTML
	Table                   statsTable
	JSON, CSV               string
}

type statsPageData struct {
	Region     string
	RegionName string
	Regions    []statsLink
	MapChoices []statsLink
	Map        template.HTML
	MapTable   statsTable
	MapTitle   string
	TPT        statsSection
	Sections   []statsSection
	Release    *stats.Release
	Calendar   []stats.CalendarEntry
	Provincial bool
}

// fmtNum writes a figure the way the page's language writes numbers.
func fmtNum(lang string, v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	thou, dec := ".", ","
	if lang == "en" {
		thou, dec = ",", "."
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(thou)
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += dec + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// cellText is one cell as the tables show it: × withheld, – missing, a
// star after a provisional figure.
func cellText(lang string, d *stats.Dataset, i int) string {
	switch d.Status[i] {
	case stats.StatusWithheld:
		return "×"
	case stats.StatusMissing:
		return "–"
	case stats.StatusProvisional:
		return fmtNum(lang, d.Values[i], d.Decimals) + "*"
	}
	return fmtNum(lang, d.Values[i], d.Decimals)
}

func shown(d *stats.Dataset, i int) bool {
	return d.Status[i] == "" || d.Status[i] == stats.StatusProvisional
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// catLabel names a category in the page's language: the catalog's
// "stats.cat.<code>" when there is one, else the dataset's own label.
func (s *Server) catLabel(lang string, d *stats.Dataset, k int) string {
	code := d.Dims[len(d.Dims)-1].Codes[k]
	if d.ID == "lowongan-per-pencari" {
		if g, ok := ref.OccupationGroupByCode(code); ok && lang == "en" {
			return g.TitleEN
		}
		return d.Dims[2].Labels[k]
	}
	for _, key := range []string{fmt.Sprintf("stats.cat.%s", code), fmt.Sprintf("complaint_category.%s", code)} {
		if s.Catalog.Has(lang, key) {
			return s.Catalog.T(lang, key)
		}
	}
	return d.Dims[len(d.Dims)-1].Labels[k]
}

func (s *Server) dsTitle(lang string, d *stats.Dataset) string {
	if lang == "en" {
		return d.TitleEN
	}
	return d.Title
}

// shownMonths is how many months the page draws and tabulates; the files
// carry all of the release's 24.
const shownMonths = 12

func (s *Server) statsPage(w http.ResponseWriter, r *req) error {
	region := r.PathValue("wilayah")
	if region == "" {
		region = r.URL.Query().Get("wilayah")
	}
	if region == "" {
		region = stats.Province
	}
	if _, ok := ref.RegionByCode(region); !ok && region != stats.Province {
		return fail.NotFound
	}
	peta := r.URL.Query().Get("peta")
	fig := mapFigures[0]
	for _, f := range mapFigures {
		if f.Key == peta {
			fig = f
		}
	}
	rel, err := s.App.Stats.Current(r.Context())
	if err != nil {
		return err
	}
	rels, err := s.App.Stats.RecentReleases(r.Context())
	if err != nil {
		return err
	}
	lang := r.Lang
	d := statsPageData{Region: region, Release: rel, Calendar: s.App.Stats.Calendar(r.Context(), rels)[:4], Provincial: region == stats.Province}
	d.RegionName = s.Catalog.T(lang, "stats.province")
	if reg, ok := ref.RegionByCode(region); ok {
		d.RegionName = reg.Name
	}
	q := ""
	if fig.Key != mapFigures[0].Key {
		q = "?peta=" + fig.Key
	}
	d.Regions = append(d.Regions, statsLink{Label: s.Catalog.T(lang, "stats.province"), Href: "/statistik" + q, Current: region == stats.Province})
	for _, reg := range ref.Regions() {
		d.Regions = append(d.Regions, statsLink{Label: reg.Name, Href: "/statistik/" + reg.Code + q, Current: reg.Code == region})
	}
	here := "/statistik"
	if region != stats.Province {
		here += "/" + region
	}
	for _, f := range mapFigures {
		d.MapChoices = append(d.MapChoices, statsLink{Label: s.Catalog.T(lang, mapKey(f)), Href: here + "?peta=" + f.Key + "#peta", Current: f.Key == fig.Key})
	}
	s.statsMap(lang, rel, fig, q, &d)
	base := s.App.PublicBase(r.Request)
	for _, ds := range rel.Datasets {
		if ds.ID == "tpt" {
			d.TPT = s.tptSection(lang, ds, region, base)
			continue
		}
		if ds.Dims[0].ID != "wilayah" {
			// A dataset by something else than region (training by
			// provider): its all-providers row, on the province's page.
			if region == stats.Province && len(ds.Dims) == 3 {
				d.Sections = append(d.Sections, s.monthlySection(lang, ds, ds.Dims[0].Codes[0], ds.Dims[0].Labels[0], base))
			}
			continue
		}
		d.Sections = append(d.Sections, s.monthlySection(lang, ds, region, d.RegionName, base))
	}
	b := s.newBase(w, r, "stats.title")
	if region != stats.Province {
		b.Title = s.Catalog.T(lang, "stats.title_region", "region", d.RegionName)
	}
	return s.render(w, http.StatusOK, "stats", b, d)
}

// statsMap colours the map by fig: TPT's latest year, or a monthly
// figure's latest month.
func (s *Server) statsMap(lang string, rel *stats.Release, fig mapFigure, q string, d *statsPageData) {
	ds, ok := rel.Dataset(fig.Dataset)
	if !ok {
		return
	}
	var period string
	at := func(regionIdx int) int { return 0 }
	if ds.ID == "tpt" {
		years := ds.Dims[1].Codes
		period = years[len(years)-1]
		at = func(r int) int { return ds.At(r, len(years)-1) }
	} else {
		months := ds.Dims[1].Codes
		period = months[len(months)-1]
		k := indexOf(ds.Dims[2].Codes, fig.Cat)
		at = func(r int) int { return ds.At(r, len(months)-1, k) }
	}
	regions := ds.Dims[0].Codes
	var areas []chart.Area
	d.MapTitle = s.Catalog.T(lang, "stats.map_title", "figure", s.Catalog.T(lang, mapKey(fig)), "period", period)
	d.MapTable = statsTable{Caption: d.MapTitle, Corner: s.Catalog.T(lang, "stats.region"), Cols: []string{s.Catalog.T(lang, mapKey(fig))}}
	for _, reg := range ref.Regions() {
		ri := indexOf(regions, reg.Code)
		i := at(ri)
		txt := cellText(lang, ds, i)
		areas = append(areas, chart.Area{Code: reg.Code, Name: reg.Name, Value: ds.Values[i], Missing: !shown(ds, i), Text: txt,
			Link: "/statistik/" + reg.Code + q})
		d.MapTable.Rows = append(d.MapTable.Rows, statsRow{Label: reg.Name, Cells: []string{txt}})
	}
	d.Map = chart.Map(d.MapTitle, areas)
}

func (s *Server) tptSection(lang string, ds *stats.Dataset, region, base string) statsSection {
	sec := statsSection{ID: ds.ID, Title: s.dsTitle(lang, ds), Note: s.Catalog.T(lang, "stats.tpt_note"), Source: ds.Source,
		JSON: base + "/api/v1/stats/" + ds.ID, CSV: base + "/api/v1/stats/" + ds.ID + "?format=csv"}
	years := ds.Dims[1].Codes
	sec.Table = statsTable{Caption: sec.Title + " (%)", Corner: s.Catalog.T(lang, "stats.region"), Cols: years}
	var series []chart.Series
	for ri, code := range ds.Dims[0].Codes {
		if region != stats.Province && code != region && code != "ID" && code != stats.Province {
			continue
		}
		row := statsRow{Label: ds.Dims[0].Labels[ri]}
		sr := chart.Series{Name: row.Label}
		for y := range years {
			i := ds.At(ri, y)
			row.Cells = append(row.Cells, cellText(lang, ds, i))
			v := math.NaN()
			if shown(ds, i) {
				v = ds.Values[i]
			}
			sr.Values = append(sr.Values, v)
		}
		sec.Table.Rows = append(sec.Table.Rows, row)
		if code == "ID" || code == stats.Province || code == region {
			series = append(series, sr)
		}
	}
	sec.Charts = append(sec.Charts, chart.Line(sec.Title, years, series))
	return sec
}

// monthlySection is one dataset for one region: lines over the last
// months, bars of the categories in the latest month with figures, and the
// table of what both draw.
func (s *Server) monthlySection(lang string, ds *stats.Dataset, region, regionName, base string) statsSection {
	sec := statsSection{ID: ds.ID, Title: s.dsTitle(lang, ds), Note: ds.Note, Source: ds.Source,
		JSON: base + "/api/v1/stats/" + ds.ID, CSV: base + "/api/v1/stats/" + ds.ID + "?format=csv"}
	// The page's note in its language; a dataset added without one shows
	// the dataset's own (Indonesian) note.
	if key := fmt.Sprintf("stats.note.%s", ds.ID); s.Catalog.Has(lang, key) {
		sec.Note = s.Catalog.T(lang, key)
	}
	ri := max(0, indexOf(ds.Dims[0].Codes, region))
	months := ds.Dims[1].Codes
	from := max(0, len(months)-shownMonths)
	cats := ds.Dims[2].Codes
	value := func(m, k int) float64 {
		i := ds.At(ri, m, k)
		if !shown(ds, i) {
			return math.NaN()
		}
		return ds.Values[i]
	}
	sec.Table = statsTable{Caption: sec.Title + " — " + regionName + " (" + ds.Unit + ")", Corner: s.Catalog.T(lang, "stats.month")}
	for k := range cats {
		sec.Table.Cols = append(sec.Table.Cols, s.catLabel(lang, ds, k))
	}
	for m := len(months) - 1; m >= from; m-- {
		row := statsRow{Label: months[m]}
		for k := range cats {
			row.Cells = append(row.Cells, cellText(lang, ds, ds.At(ri, m, k)))
		}
		sec.Table.Rows = append(sec.Table.Rows, row)
	}
	x := months[from:]
	line := func(ks ...int) template.HTML {
		var series []chart.Series
		for _, k := range ks {
			sr := chart.Series{Name: s.catLabel(lang, ds, k)}
			for m := from; m < len(months); m++ {
				sr.Values = append(sr.Values, value(m, k))
			}
			series = append(series, sr)
		}
		title := sec.Title + " — " + regionName
		if len(ks) == 1 && len(cats) > 1 {
			title += ": " + s.catLabel(lang, ds, ks[0])
		}
		return chart.Line(title, x, series)
	}
	// The latest month with any figure for the bars.
	last := -1
	for m := len(months) - 1; m >= from && last < 0; m-- {
		for k := range cats {
			if !math.IsNaN(value(m, k)) {
				last = m
				break
			}
		}
	}
	bars := func(first int) template.HTML {
		var bs []chart.Bar
		for k := first; k < len(cats); k++ {
			v := value(last, k)
			bs = append(bs, chart.Bar{Label: s.catLabel(lang, ds, k), Value: v, Missing: math.IsNaN(v), Note: cellText(lang, ds, ds.At(ri, last, k))})
		}
		return chart.Bars(sec.Title+" — "+regionName+", "+months[last], bs)
	}
	switch {
	case cats[0] == "total":
		sec.Charts = append(sec.Charts, line(0))
		if last >= 0 {
			sec.Charts = append(sec.Charts, bars(1))
		}
	case len(cats) > 4:
		if last >= 0 {
			sec.Charts = append(sec.Charts, bars(0))
		}
	case strings.Contains(ds.Unit, ";"):
		for k := range cats {
			sec.Charts = append(sec.Charts, line(k))
		}
	default:
		ks := make([]int, len(cats))
		for k := range ks {
			ks[k] = k
		}
		sec.Charts = append(sec.Charts, line(ks...))
	}
	return sec
}

// statsCatalog is /data/catalog.json: the newest release's datasets in
// DCAT (JSON-LD), for CKAN harvesters.
func (s *Server) statsCatalog(w http.ResponseWriter, r *req) error {
	rel, err := s.App.Stats.Current(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/ld+json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	return json.NewEncoder(w).Encode(stats.Catalog(rel, s.App.PublicBase(r.Request)))
}
