package site

import (
	"bytes"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/i18n"
)

// readOnly wraps h for a log that may be frozen (its database is behind
// what it signed; see internal/ledger/guard.go). Writes are refused where
// they append to the log, so both doors already answer them 503; this only
// says why, while the state lasts: every answer carries the reason in a
// Bursa-Read-Only header, /healthz answers "read-only: <reason>" (still 200,
// so that load balancers keep serving the reads), and HTML pages carry a
// banner under <body>.
func readOnly(a *app.Services, cat *i18n.Catalog, h http.Handler) http.Handler {
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
		bw := &bannerWriter{w: w, cat: cat}
		h.ServeHTTP(bw, r)
		bw.finish()
	})
}

// bannerWriter holds back an HTML answer to put the read-only banner in it;
// anything else passes straight through.
type bannerWriter struct {
	w       http.ResponseWriter
	cat     *i18n.Catalog
	decided bool
	html    bool
	status  int
	buf     bytes.Buffer
}

func (b *bannerWriter) Header() http.Header { return b.w.Header() }

func (b *bannerWriter) decide(status int) {
	if b.decided {
		return
	}
	b.decided, b.status = true, status
	b.html = strings.HasPrefix(b.w.Header().Get("Content-Type"), "text/html")
	if !b.html {
		b.w.WriteHeader(status)
	}
}

func (b *bannerWriter) WriteHeader(status int) {
	if status >= 100 && status < 200 {
		b.w.WriteHeader(status)
		return
	}
	b.decide(status)
}

func (b *bannerWriter) Write(p []byte) (int, error) {
	b.decide(http.StatusOK)
	if !b.html {
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

var htmlLang = regexp.MustCompile(`<html lang="([a-z]+)"`)

func (b *bannerWriter) finish() {
	if !b.decided || !b.html {
		return
	}
	body := b.buf.Bytes()
	lang := "id"
	if m := htmlLang.FindSubmatch(body[:min(len(body), 512)]); m != nil {
		lang = i18n.Lang(string(m[1]))
	}
	banner := `<div class="demo" role="alert">` + html.EscapeString(b.cat.T(lang, "ledger.readonly.banner")) + `</div>`
	if i := bytes.Index(body, []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(body[i:], '>'); j >= 0 {
			at := i + j + 1
			body = append(body[:at:at], append([]byte("\n"+banner), body[at:]...)...)
		}
	}
	b.w.Header().Del("Content-Length")
	b.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	b.w.WriteHeader(b.status)
	b.w.Write(body)
}
