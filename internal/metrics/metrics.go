// Package metrics exposes bursa's Prometheus metrics on their own listener
// (--metrics-addr), never on the public site: request counts and latencies
// by route, the database pool, the transparency log's size and checkpoint
// age, the matching index, and the login throttle. The registry is the
// Metrics value's own (no global default registry), so tests and several
// servers in one process do not collide.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Sources are the read-outs the gauges take at scrape time; each may be nil.
type Sources struct {
	// DBPools are the database's connection pools by name.
	DBPools map[string]*sql.DB
	// LedgerSize is the number of records in the transparency log.
	LedgerSize func(context.Context) (int64, error)
	// CheckpointAge is the time since the log's last signed checkpoint.
	CheckpointAge func(context.Context) (time.Duration, error)
	// IndexAge is the time since the matching index last read the database.
	IndexAge func() time.Duration
	// ThrottledLogins counts logins and addresses now waiting out a throttle.
	ThrottledLogins func(context.Context) (accounts, addrs int, err error)
	// Gauges are further named read-outs (e.g. outbox depth).
	Gauges map[string]func(context.Context) (float64, error)
}

// Metrics holds the registry and the request instruments.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// New registers every metric over src.
func New(src Sources) *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &Metrics{
		Registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bursa_http_requests_total",
			Help: "HTTP requests by route pattern, method and status."}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "bursa_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern and method.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	for name, pool := range src.DBPools {
		reg.MustRegister(collectors.NewDBStatsCollector(pool, name))
	}
	ctxGauge := func(name, help string, f func(context.Context) (float64, error)) {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			v, err := f(ctx)
			if err != nil {
				return -1 // a failed read-out shows as -1, which alerts can catch
			}
			return v
		}))
	}
	if src.LedgerSize != nil {
		ctxGauge("bursa_ledger_records", "Records in the transparency log.", func(ctx context.Context) (float64, error) {
			n, err := src.LedgerSize(ctx)
			return float64(n), err
		})
	}
	if src.CheckpointAge != nil {
		ctxGauge("bursa_ledger_checkpoint_age_seconds", "Seconds since the log's last signed checkpoint.", func(ctx context.Context) (float64, error) {
			d, err := src.CheckpointAge(ctx)
			return d.Seconds(), err
		})
	}
	if src.IndexAge != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "bursa_match_index_lag_seconds",
			Help: "Seconds since the matching index last caught up with the database."}, func() float64 { return src.IndexAge().Seconds() }))
	}
	if src.ThrottledLogins != nil {
		ctxGauge("bursa_login_throttled_accounts", "Accounts slowed down by login failures now.", func(ctx context.Context) (float64, error) {
			n, _, err := src.ThrottledLogins(ctx)
			return float64(n), err
		})
		ctxGauge("bursa_login_throttled_addresses", "Client addresses locked for login failures now.", func(ctx context.Context) (float64, error) {
			_, n, err := src.ThrottledLogins(ctx)
			return float64(n), err
		})
	}
	for name, f := range src.Gauges {
		ctxGauge(name, name, f)
	}
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Instrument counts and times each request by the route pattern the mux
// matched (never the raw path: ids would make a series per object). It must
// wrap the mux itself, where r.Pattern is set.
func (m *Metrics) Instrument(mux http.Handler) http.Handler {
	if m == nil {
		return mux
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &Recorder{ResponseWriter: w}
		mux.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		status := sw.Status
		if status == 0 {
			status = http.StatusOK
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
		m.latency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	})
}

// Recorder passes an answer through and remembers its status and size, for
// the request log and the metrics alike.
type Recorder struct {
	http.ResponseWriter
	Status int
	Bytes  int
}

// WriteHeader records the first status written.
func (w *Recorder) WriteHeader(code int) {
	if w.Status == 0 {
		w.Status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *Recorder) Write(b []byte) (int, error) {
	if w.Status == 0 {
		w.Status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.Bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer (flushing).
func (w *Recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
