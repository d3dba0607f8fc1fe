package api_test

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/stats"
)

// TestStatsOpenData follows the contract: the catalog lists datasets, every
// dataset URL answers valid JSON-stat 2.0 and, with ?format=csv or Accept:
// text/csv, CSV; tpt holds Kab. Serang 2025 = 8.73. No login.
func TestStatsOpenData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		get := func(url, accept string) (*http.Response, []byte) {
			t.Helper()
			req, _ := http.NewRequest("GET", url, nil)
			if accept != "" {
				req.Header.Set("Accept", accept)
			}
			res, err := a.Client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res, b
		}
		res, b := get(a.URL+"/api/v1/stats", "")
		if res.StatusCode != 200 {
			t.Fatalf("catalog: %d %s", res.StatusCode, b)
		}
		var cat struct {
			Datasets []struct{ ID, Title, URL, Href string }
			Release  struct {
				ID         int64
				LedgerSize int64 `json:"ledger_size"`
			}
		}
		if err := json.Unmarshal(b, &cat); err != nil || len(cat.Datasets) < 5 {
			t.Fatalf("catalog %s: %v", b, err)
		}
		for _, ds := range cat.Datasets {
			if ds.Href != a.URL+ds.URL || !strings.HasPrefix(ds.URL, "/api/v1/stats/") {
				t.Fatalf("url %q href %q", ds.URL, ds.Href)
			}
			ds.URL = a.URL + ds.URL
			res, b := get(ds.URL, "")
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("%s: %d %s", ds.URL, res.StatusCode, res.Header.Get("Content-Type"))
			}
			if err := stats.CheckJSONStat(b); err != nil {
				t.Errorf("%s: %v", ds.ID, err)
			}
			for _, how := range [][2]string{{ds.URL + "?format=csv", ""}, {ds.URL, "text/csv"}} {
				res, b := get(how[0], how[1])
				recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
				if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || err != nil || len(recs) < 2 {
					t.Fatalf("%s %v: %d %s %v", ds.ID, how, res.StatusCode, res.Header.Get("Content-Type"), err)
				}
			}
		}
		_, b = get(a.URL+"/api/v1/stats/tpt", "")
		var tpt struct {
			ID        []string
			Size      []int
			Value     []*float64
			Status    map[string]string
			Dimension map[string]struct {
				Category struct{ Index map[string]int }
			}
		}
		if err := json.Unmarshal(b, &tpt); err != nil {
			t.Fatal(err)
		}
		r, y := tpt.Dimension["wilayah"].Category.Index["3604"], tpt.Dimension["tahun"].Category.Index["2025"]
		if v := tpt.Value[r*tpt.Size[1]+y]; v == nil || *v != 8.73 {
			t.Fatalf("Kab. Serang 2025: %v", v)
		}
		r, y = tpt.Dimension["wilayah"].Category.Index["3603"], tpt.Dimension["tahun"].Category.Index["2024"]
		if i := r*tpt.Size[1] + y; tpt.Value[i] != nil || tpt.Status[strconv.Itoa(i)] != "m" {
			t.Fatalf("Kab. Tangerang 2024 should be missing: %v", tpt.Value[i])
		}
		if res, _ := get(a.URL+"/api/v1/stats/nope", ""); res.StatusCode != 404 {
			t.Fatalf("unknown dataset: %d", res.StatusCode)
		}
		if res, _ := get(a.URL+"/api/v1/stats/tpt?format=xml", ""); res.StatusCode != 422 {
			t.Fatalf("format=xml: %d", res.StatusCode)
		}
		res, b = get(a.URL+"/api/v1/stats/releases", "")
		if res.StatusCode != 200 || !strings.Contains(string(b), `"calendar"`) {
			t.Fatalf("releases: %d %s", res.StatusCode, b)
		}
	})
}
