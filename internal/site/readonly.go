package site

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/app"
)

// readOnly wraps h for a log that may be frozen (its database is behind
// what it signed; see internal/ledger/guard.go). Writes are refused where
// they append to the log, so both doors already answer them 503; this only
// says why, while the state lasts: every answer carries the reason in a
// Bursa-Read-Only header, /healthz answers "read-only: <reason>" (still 200,
// so that load balancers keep serving the reads). Pages show a banner from
// their layout (web's base.ReadOnly).
func readOnly(a *app.Services, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		why, err := a.Ledger.ReadOnly(r.Context())
		if err != nil || why == "" {
			// An unreachable database is the handlers' to report.
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Bursa-Read-Only", why)
		if r.URL.Path == "/healthz" && r.Method == http.MethodGet {
			if err := a.DB.Ping(r.Context()); err != nil {
				http.Error(w, "database unavailable", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte("read-only: " + why + "\n"))
			return
		}
		h.ServeHTTP(w, r)
	})
}
