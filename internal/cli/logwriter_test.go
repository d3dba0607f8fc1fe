package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
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
	// A background job still logging after Close is not lost.
	log.Info("late", "job", "alerts")
	if !strings.Contains(out.String(), "job=alerts") {
		t.Fatalf("a line after Close was lost: %q", out.String())
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

// BenchmarkRequestLog: the cost of serve's line per request (the
// attributes logRecover writes) into a file (stderr redirected) and into a
// pipe read by another process (a service manager's journal, a
// container's log), written at once (slog's handler straight on the file)
// and buffered:
//
//	go test -run XXX -bench RequestLog -benchmem ./internal/cli/
func BenchmarkRequestLog(b *testing.B) {
	for _, bc := range []struct {
		name           string
		pipe, buffered bool
	}{{"file-direct", false, false}, {"file-buffered", false, true}, {"pipe-direct", true, false}, {"pipe-buffered", true, true}} {
		b.Run(bc.name, func(b *testing.B) {
			var f *os.File
			var err error
			if bc.pipe {
				// cat reads the pipe in its own process, as a journal would.
				cmd := exec.Command("cat")
				cmd.Stdout = io.Discard
				w, perr := cmd.StdinPipe()
				if perr != nil {
					b.Fatal(perr)
				}
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				defer cmd.Wait()
				defer w.Close()
				f = w.(*os.File)
			} else if f, err = os.Create(filepath.Join(b.TempDir(), "log")); err != nil {
				b.Fatal(err)
			} else {
				defer f.Close()
			}
			log := slog.New(slog.NewTextHandler(f, nil))
			if bc.buffered {
				var closeLog func()
				log, closeLog = newBufferedLogger(f, logFlushEvery, false)
				defer closeLog()
			}
			ctx := context.Background()
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					log.LogAttrs(ctx, slog.LevelInfo, "request", slog.String("method", "GET"),
						slog.String("path", "/api/v1/vacancies"), slog.Int("status", 200), slog.Int("bytes", 2657),
						slog.Duration("took", 1234567*time.Nanosecond))
				}
			})
		})
	}
}

// failOnce fails its first write, as a full disk would, then accepts.
type failOnce struct {
	syncBuffer
	failed bool
}

func (f *failOnce) Write(p []byte) (int, error) {
	if !f.failed {
		f.failed = true
		return 0, io.ErrShortWrite
	}
	return f.syncBuffer.Write(p)
}

// TestBufferedLogResumes: one failed write does not silence the log for
// the rest of the process.
func TestBufferedLogResumes(t *testing.T) {
	out := &failOnce{}
	log, closeLog := newBufferedLogger(out, time.Hour, false)
	defer closeLog()
	log.Warn("first", "n", 1) // its flush fails
	log.Warn("second", "n", 2)
	if !strings.Contains(out.String(), "msg=second") {
		t.Fatalf("logging did not resume after a failed write: %q", out.String())
	}
}
