// Package bench measures bursa under load on this machine, against the
// baselines the issues name, and reports figures as JSON.
package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// SearchConfig is a vacancy-search load test.
type SearchConfig struct {
	Clients  int // concurrent clients
	Requests int // total requests
	Seed     uint64
}

// SearchReport holds the measured figures.
type SearchReport struct {
	Vacancies   int     `json:"vacancies"`
	Clients     int     `json:"clients"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	P50ms       float64 `json:"p50_ms"`
	P90ms       float64 `json:"p90_ms"`
	P99ms       float64 `json:"p99_ms"`
	Maxms       float64 `json:"max_ms"`
	RPS         float64 `json:"requests_per_s"`
	GenerateS   float64 `json:"generate_s"`
	TargetP99ms float64 `json:"target_p99_ms"`
	// The bare-handler floor measured in the same run (see Floor).
	FloorP99ms float64 `json:"floor_p99_ms,omitempty"`
	FloorRPS   float64 `json:"floor_requests_per_s,omitempty"`
	// Target is where the searches went: "in-process" or a serve's URL.
	Target string `json:"target,omitempty"`
	// Cache says whether the in-process handler kept its result cache;
	// absent for a serve, whose cache is its own (BURSA_SEARCH_CACHE).
	Cache *bool `json:"result_cache,omitempty"`
	// MonitorBehind, for a serve, is how many log records its monitor had
	// still to read when the run began: a first pass over them shares the
	// machine with the run (see docs/search.md).
	MonitorBehind int64 `json:"log_monitor_behind,omitempty"`
	MeetsTarget   bool  `json:"meets_target"`
}

// searchURLs makes a realistic mix of what workers type and filter: words
// and phrases alone, words with a region, filters alone, later pages.
func searchURLs(base string, n int, rng *rand.Rand) []string {
	words := []string{"operator", "produksi", "las", "welder", "gudang", "forklift", "kasir", "sopir", "admin",
		"jahit", "sepatu", "baja", "kimia", "satpam", "quality", "helper", "\"operator produksi\"", "mesin", "toko", "driver"}
	regions := []string{"3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"}
	edus := []string{"sd", "smp", "sma", "smk", "d3", "s1"}
	contracts := []string{"pkwt", "pkwtt", "harian", "magang"}
	out := make([]string, n)
	for i := range out {
		q := url.Values{}
		switch x := rng.IntN(10); {
		case x < 4:
			q.Set("q", words[rng.IntN(len(words))])
			if rng.IntN(3) == 0 {
				q.Set("q", q.Get("q")+" "+words[rng.IntN(len(words))])
			}
		case x < 7:
			q.Set("q", words[rng.IntN(len(words))])
			q.Set("region", regions[rng.IntN(len(regions))])
		case x < 9:
			q.Set("region", regions[rng.IntN(len(regions))])
			q.Set("education", edus[rng.IntN(len(edus))])
			if rng.IntN(2) == 0 {
				q.Set("contract", contracts[rng.IntN(len(contracts))])
			}
			if rng.IntN(2) == 0 {
				q.Set("min_wage", "5500000")
			}
		default:
			q.Set("page", fmt.Sprint(2+rng.IntN(4)))
			q.Set("sort", "newest")
		}
		out[i] = base + "/api/v1/vacancies?" + q.Encode()
	}
	return out
}

// Search serves h on a loopback port and sends cfg.Requests searches from
// cfg.Clients concurrent clients, measuring each response's latency.
func Search(ctx context.Context, h http.Handler, cfg SearchConfig) (SearchReport, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return SearchReport{}, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	return SearchURL(ctx, "http://"+ln.Addr().String(), cfg)
}

// Floor measures a bare net/http handler that returns a fixed page of the
// size of a search answer, with the same clients and request mix: the
// least any search can cost on this machine at this moment, to read the
// search figures of the same run against.
func Floor(ctx context.Context, cfg SearchConfig, pageBytes int) (SearchReport, error) {
	page := []byte(`{"items":[],"pad":"` + strings.Repeat("x", max(pageBytes-30, 0)) + `"}`)
	return Search(ctx, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(page)
	}), cfg)
}

// SearchURL sends the searches to a running bursa at base (as `bursa
// serve` deployed, with its own logging and caches).
func SearchURL(ctx context.Context, base string, cfg SearchConfig) (SearchReport, error) {
	urls := searchURLs(base, cfg.Requests, rand.New(rand.NewPCG(cfg.Seed, 7)))
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Clients}}

	// Warm up caches and connections so the figures describe steady state.
	for _, u := range urls[:min(len(urls), 2*cfg.Clients)] {
		if resp, err := client.Get(u); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	lat := make([]time.Duration, len(urls))
	var errs int
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	start := time.Now()
	for c := 0; c < cfg.Clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t := time.Now()
				resp, err := client.Get(urls[i])
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				lat[i] = time.Since(t)
				if err != nil || resp.StatusCode != http.StatusOK {
					mu.Lock()
					errs++
					mu.Unlock()
				}
			}
		}()
	}
	for i := range urls {
		select {
		case next <- i:
		case <-ctx.Done():
			close(next)
			wg.Wait()
			return SearchReport{}, ctx.Err()
		}
	}
	close(next)
	wg.Wait()
	took := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))]) / float64(time.Millisecond)
	}
	return SearchReport{Clients: cfg.Clients, Requests: len(urls), Errors: errs, P50ms: pct(.50), P90ms: pct(.90),
		P99ms: pct(.99), Maxms: pct(1), RPS: float64(len(urls)) / took.Seconds()}, nil
}
