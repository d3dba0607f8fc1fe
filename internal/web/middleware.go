package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/metrics"
)

// logRecover logs each request and turns a panic into a 500 page instead of a
// dropped connection.
func (s *Server) logRecover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &metrics.Recorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				s.App.Log.Error("panic", "path", r.URL.Path, "panic", p)
				if sw.Status == 0 {
					s.renderError(sw, r, nil, http.StatusInternalServerError, "error.internal")
				}
			}
			s.App.Log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.Int("status", sw.Status), slog.Int("bytes", sw.Bytes),
				slog.Duration("took", time.Since(start)))
		}()
		next.ServeHTTP(sw, r)
	})
}

// securityHeaders sets a strict policy: no inline script anywhere, no
// framing, no referrer leaking search terms to other sites. HSTS goes out
// when the request came over TLS or the public address is https (a
// TLS-terminating proxy in front: r.TLS is nil there, yet every visitor
// reached us over https).
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if r.TLS != nil || strings.HasPrefix(s.App.BaseURL, "https://") {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// realClient puts the visitor's own address into r.RemoteAddr when the
// request came through one of the trusted proxies, taken from the right of
// X-Forwarded-For (each proxy appends the address it saw; only what our own
// proxies appended can be believed). Throttles count against that address;
// without it, everyone behind the proxy would share one lock.
func (s *Server) realClient(next http.Handler) http.Handler {
	trusted := func(a netip.Addr) bool {
		for _, p := range s.App.TrustedProxies {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		peer, err := netip.ParseAddrPort(r.RemoteAddr)
		if len(s.App.TrustedProxies) == 0 || err != nil || !trusted(peer.Addr()) {
			next.ServeHTTP(w, r)
			return
		}
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a garbled hop: believe nothing further left
			}
			if !trusted(a) {
				r2 := r.Clone(r.Context())
				r2.RemoteAddr = netip.AddrPortFrom(a.Unmap(), 0).String()
				next.ServeHTTP(w, r2)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func cacheForever(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}
