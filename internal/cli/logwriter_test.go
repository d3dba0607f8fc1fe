package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the flusher's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBufferedLogger: informational lines wait for the timer (or Close),
// a warning goes out at once with everything before it, and nothing is
// lost on Close.
func TestBufferedLogger(t *testing.T) {
	var out syncBuffer
	log, closeLog := newBufferedLogger(&out, time.Hour, false)
	log.Info("request", "path", "/lowongan")
	if s := out.String(); s != "" {
		t.Fatalf("an info line was written at once: %q", s)
	}
	log.With("part", "search").Warn("slow", "took", time.Second)
	s := out.String()
	if !strings.Contains(s, "path=/lowongan") || !strings.Contains(s, "part=search") || !strings.Contains(s, "msg=slow") {
		t.Fatalf("a warning did not write out the buffer: %q", s)
	}
	log.Info("request", "path", "/closing")
	closeLog()
	if !strings.Contains(out.String(), "path=/closing") {
		t.Fatalf("Close lost a line: %q", out.String())
	}

	var timed syncBuffer
	log, closeLog = newBufferedLogger(&timed, 10*time.Millisecond, true)
	defer closeLog()
	log.Info("request", "path", "/timed")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(timed.String(), `"path":"/timed"`) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(timed.String(), `"path":"/timed"`) {
		t.Fatalf("the timer did not write out an info line: %q", timed.String())
	}
}
