package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/stats"
	"github.com/bursa-banten/bursa/internal/valid"
)

// statsAPI lists the open-data endpoints: the catalog of datasets, each
// dataset as JSON-stat 2.0 or CSV, and the releases. Public, no login.
func (s *Server) statsAPI() []route {
	return []route{
		{"GET", "/api/v1/stats", s.statsCatalog},
		{"GET", "/api/v1/stats/releases", s.statsReleases},
		{"GET", "/api/v1/stats/{id}", s.statsDataset},
	}
}

// StatsReleaseJSON is one frozen release.
type StatsReleaseJSON struct {
	ID          int64    `json:"id"`
	Month       string   `json:"month"`
	Revision    int      `json:"revision"`
	Provisional bool     `json:"provisional"`
	ComputedAt  string   `json:"computed_at"`
	LedgerSize  int64    `json:"ledger_size"`
	LedgerRoot  string   `json:"ledger_root"`
	ContentHash string   `json:"content_hash"`
	Changes     []string `json:"changes"`
}

func statsReleaseJSON(r *stats.Release) StatsReleaseJSON {
	ch := r.Changes
	if ch == nil {
		ch = []string{}
	}
	return StatsReleaseJSON{ID: r.ID, Month: r.Month, Revision: r.Revision, Provisional: r.Provisional,
		ComputedAt: r.ComputedAt.UTC().Format("2006-01-02T15:04:05Z"), LedgerSize: r.LedgerSize, LedgerRoot: r.LedgerRoot,
		ContentHash: r.Hash, Changes: ch}
}

// StatsDatasetJSON is one catalog entry.
type StatsDatasetJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en"`
	URL     string `json:"url"`  // path on this site, as every "url" of the API
	Href    string `json:"href"` // the same, absolute (as in the DCAT catalog)
	CSVURL  string `json:"csv_url"`
	Unit    string `json:"unit"`
	Source  string `json:"source"`
}

// statsRelease is the release a request asks for (?release=id) or the
// newest.
func (s *Server) statsRelease(c *call) (*stats.Release, error) {
	if v := c.URL.Query().Get("release"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, valid.New("release", "stats_release_invalid")
		}
		return s.App.Stats.Release(c.Context(), id)
	}
	return s.App.Stats.Current(c.Context())
}

func (s *Server) statsCatalog(w http.ResponseWriter, c *call) error {
	rel, err := s.statsRelease(c)
	if err != nil {
		return err
	}
	const path = "/api/v1/stats/"
	base := s.App.PublicBase(c.Request)
	out := make([]StatsDatasetJSON, 0, len(rel.Datasets))
	for _, d := range rel.Datasets {
		out = append(out, StatsDatasetJSON{ID: d.ID, Title: d.Title, TitleEN: d.TitleEN, URL: path + d.ID, Href: base + path + d.ID,
			CSVURL: path + d.ID + "?format=csv", Unit: d.Unit, Source: d.Source})
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	return writeJSON(w, http.StatusOK, map[string]any{"datasets": out, "release": statsReleaseJSON(rel)})
}

func (s *Server) statsReleases(w http.ResponseWriter, c *call) error {
	rels, err := s.App.Stats.Releases(c.Context())
	if err != nil {
		return err
	}
	out := make([]StatsReleaseJSON, 0, len(rels))
	for _, r := range rels {
		out = append(out, statsReleaseJSON(r))
	}
	cal := []map[string]any{}
	for _, e := range s.App.Stats.Calendar(c.Context(), rels) {
		cal = append(cal, map[string]any{"month": e.Month, "due": e.Due.Format("2006-01-02"), "published": e.Published})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "calendar": cal})
}

// wantsCSV: ?format=csv, or an Accept header that prefers text/csv to JSON.
func wantsCSV(c *call) (bool, error) {
	switch c.URL.Query().Get("format") {
	case "csv":
		return true, nil
	case "json", "":
	default:
		return false, valid.New("format", "choose_one")
	}
	if c.URL.Query().Get("format") == "json" {
		return false, nil
	}
	acc := c.Header.Get("Accept")
	return strings.Contains(acc, "text/csv") && !strings.Contains(acc, "json"), nil
}

func (s *Server) statsDataset(w http.ResponseWriter, c *call) error {
	csv, err := wantsCSV(c)
	if err != nil {
		return err
	}
	rel, err := s.statsRelease(c)
	if err != nil {
		return err
	}
	d, ok := rel.Dataset(c.PathValue("id"))
	if !ok {
		return fail.NotFound
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept")
	if csv {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="bursa-`+d.ID+`-`+rel.Month+`-r`+strconv.Itoa(rel.Revision)+`.csv"`)
		return d.WriteCSV(w)
	}
	href := s.App.PublicBase(c.Request) + "/api/v1/stats/" + d.ID
	return writeJSON(w, http.StatusOK, d.JSONStat(href, rel.ComputedAt, rel))
}
