package site_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestMetrics: requests are counted by route pattern (not by raw path), the
// pool, the log and the throttle are read at scrape time, and the public
// site does not serve the metrics.
func TestMetrics(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), false)
	for _, p := range []string{"/lowongan", "/api/v1/vacancies/12345", "/api/v1/vacancies/67890", "/tidak-ada"} {
		resp, err := http.Get(a.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	resp, _ := http.Get(a.URL + "/metrics")
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the public site serves /metrics: %d", resp.StatusCode)
	}
	srv := httptest.NewServer(a.Metrics.Handler())
	defer srv.Close()
	// A request is counted when its handler returns, which can be just
	// after the client has read the whole answer: scrape until the last
	// request shows (bounded), as Prometheus would a moment later.
	var out string
	for i := 0; i < 50; i++ {
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		out = string(b)
		if strings.Contains(out, `route="GET /lowongan",status="200"} 1`) &&
			strings.Contains(out, `route="GET /api/v1/vacancies/{id}",status="404"} 2`) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, want := range []string{
		`bursa_http_requests_total{method="GET",route="GET /lowongan",status="200"} 1`,
		`bursa_http_requests_total{method="GET",route="GET /api/v1/vacancies/{id}",status="404"} 2`,
		`bursa_http_request_duration_seconds_bucket{method="GET",route="GET /lowongan",le="+Inf"} 1`,
		`bursa_ledger_records 0`,
		`bursa_login_throttled_accounts 0`,
		`bursa_ledger_checkpoint_age_seconds 0`,
		`bursa_match_index_lag_seconds`,
		`go_sql_open_connections{db_name="bursa_read"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s in\n%s", want, grepLines(out, "bursa_http_requests_total"))
		}
	}
	if strings.Contains(out, "12345") {
		t.Error("a raw path became a label")
	}
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
