package web

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/bursa-banten/bursa/internal/httpgzip"
)

// gzipMin is the smallest answer worth compressing: below it the gzip
// header and the CPU cost more than they save.
const gzipMin = 1024

// compress gzips answers for clients that accept it. Pages shrink to about a
// fifth, which on a weak 3G signal in Cikande is most of the wait. Answers
// that are already compressed (images, PDFs, archives) or small pass
// through untouched; the decision waits for the first gzipMin bytes or the
// end of the answer, whichever comes first.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || !httpgzip.Accepts(r.Header.Get("Accept-Encoding")) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	status  int
	buf     []byte
	decided bool
	gz      *gzip.Writer
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.status == 0 {
		g.status = code
	}
	if code < 200 || code == http.StatusNoContent || code == http.StatusNotModified {
		// No body follows (or an informational answer): nothing to compress.
		g.decide(false)
	}
}

func (g *gzipWriter) Write(p []byte) (int, error) {
	if g.decided {
		if g.gz != nil {
			return g.gz.Write(p)
		}
		return g.ResponseWriter.Write(p)
	}
	if len(g.buf) == 0 && len(p) >= gzipMin {
		// One write holds enough to decide (a JSON answer written whole):
		// decide on it and send it on without copying it first. decide
		// is done with g.buf before Write returns, so p is not kept.
		g.buf = p
		g.decide(g.worth())
		return len(p), nil
	}
	g.buf = append(g.buf, p...)
	if len(g.buf) >= gzipMin {
		g.decide(g.worth())
	}
	return len(p), nil
}

// worth says whether this answer should be compressed.
func (g *gzipWriter) worth() bool {
	h := g.Header()
	if h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" {
		return false
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(g.buf)
	}
	ct = strings.ToLower(ct)
	switch {
	case strings.HasPrefix(ct, "text/"), strings.Contains(ct, "json"), strings.Contains(ct, "xml"),
		strings.Contains(ct, "javascript"), strings.Contains(ct, "svg"), strings.Contains(ct, "csv"),
		strings.HasPrefix(ct, "application/problem"):
		return true
	}
	return false
}

// decide sends the header and whatever was held back, compressed or not.
func (g *gzipWriter) decide(zip bool) {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	if zip {
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		if et := h.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
			h.Set("ETag", "W/"+et) // the bytes differ from the identity form
		}
		g.gz = httpgzip.Get()
		g.gz.Reset(g.ResponseWriter)
	}
	if g.status != 0 {
		g.ResponseWriter.WriteHeader(g.status)
	}
	if len(g.buf) > 0 {
		if g.gz != nil {
			g.gz.Write(g.buf)
		} else {
			g.ResponseWriter.Write(g.buf)
		}
	}
	g.buf = nil
}

// Flush sends what is held so far (a streaming answer must not wait for
// gzipMin bytes).
func (g *gzipWriter) Flush() {
	if !g.decided {
		g.decide(len(g.buf) > 0 && g.worth())
	}
	if g.gz != nil {
		g.gz.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if !g.decided {
		// The whole answer is in buf: small ones go out as they are.
		g.decide(len(g.buf) >= gzipMin && g.worth())
	}
	if g.gz != nil {
		g.gz.Close()
		httpgzip.Put(g.gz)
		g.gz = nil
	}
}
