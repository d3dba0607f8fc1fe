package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/idempotency"
	"github.com/bursa-banten/bursa/internal/metrics"
)

// spoolInMemory is how much of a body is hashed in memory; a larger one
// (a complaint with evidence files) is spooled to a temporary file so a
// retry's fingerprint costs no more memory than the request itself.
const spoolInMemory = 1 << 20

// keepLimit is the largest answer kept for a replay; create answers are a
// few KB, and a larger one is released rather than truncated.
const keepLimit = 1 << 20

// idempotent runs a create request under its Idempotency-Key header, if it
// has one: the first answer is kept (see package idempotency) and a retry
// with the same key, account and body gets it back, marked with
// Idempotent-Replayed, without running the handler again.
func (s *Server) idempotent(w http.ResponseWriter, c *call, h handler) error {
	key := strings.Trim(strings.TrimSpace(c.Header.Get("Idempotency-Key")), `"`)
	if c.Header.Get("Idempotency-Key") == "" || s.App.Idempotency == nil {
		return h(w, c)
	}
	body, cleanup, fp, err := spool(c.Request)
	if err != nil {
		return err
	}
	defer cleanup()
	c.Body = body
	scope := "anon:" + fp
	if c.User != nil {
		scope = "user:" + strconv.FormatInt(c.User.ID, 10)
	}
	ctx := c.Context()
	kept, err := s.App.Idempotency.Claim(ctx, scope, key, fp)
	if err != nil {
		return err
	}
	if kept != nil {
		if kept.ContentType != "" {
			w.Header().Set("Content-Type", kept.ContentType)
		}
		if kept.Location != "" {
			w.Header().Set("Location", kept.Location)
		}
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(kept.Status)
		_, err := w.Write(kept.Body)
		return err
	}
	rec := &recorder{Recorder: metrics.Recorder{ResponseWriter: w}}
	herr := h(rec, c)
	if herr != nil {
		// Errors are answered by problem(), after this returns; record
		// what it writes by answering here.
		s.problem(rec, c, herr)
	}
	// A new context: the client may have gone away, and that is exactly
	// when the answer must be kept for its retry.
	bg := context.WithoutCancel(ctx)
	if keepable(rec.Status) && !rec.overflow {
		err = s.App.Idempotency.Keep(bg, scope, key, idempotency.Answer{Status: rec.Status,
			ContentType: rec.Header().Get("Content-Type"), Location: rec.Header().Get("Location"), Body: rec.buf.Bytes()})
	} else {
		err = s.App.Idempotency.Release(bg, scope, key)
	}
	if err != nil {
		s.App.Log.Error("idempotency", "path", c.URL.Path, "err", err)
	}
	return nil
}

// keepable: an answer a retry must get again. Server errors, outages and
// throttles wrote nothing and may well succeed next time.
func keepable(status int) bool {
	switch {
	case status == 0, status >= 500:
		return false
	case status == http.StatusRequestTimeout, status == http.StatusConflict, status == http.StatusTooEarly, status == http.StatusTooManyRequests:
		return false
	}
	return true
}

// spool reads the request body once, hashing it with the method and path,
// and returns a reader over the same bytes for the handler.
func spool(r *http.Request) (io.ReadCloser, func(), string, error) {
	head := make([]byte, spoolInMemory+1)
	n, err := io.ReadFull(r.Body, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, nil, "", err
	}
	head = head[:n]
	if n <= spoolInMemory {
		return io.NopCloser(bytes.NewReader(head)), func() {}, idempotency.Fingerprint(r.Method, r.URL.Path, head), nil
	}
	f, err := os.CreateTemp("", "bursa-body-*")
	if err != nil {
		return nil, nil, "", err
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	h := idempotency.NewHasher(r.Method, r.URL.Path)
	if _, err := io.Copy(io.MultiWriter(f, h), io.MultiReader(bytes.NewReader(head), r.Body)); err != nil {
		cleanup()
		return nil, nil, "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, "", err
	}
	return f, cleanup, h.Sum(), nil
}

// recorder passes an answer through while keeping a copy of it.
type recorder struct {
	metrics.Recorder
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.buf.Len()+len(b) > keepLimit {
		r.overflow = true
	} else {
		r.buf.Write(b)
	}
	return r.Recorder.Write(b)
}
