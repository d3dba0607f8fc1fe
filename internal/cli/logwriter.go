package cli

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// logFlushEvery bounds how long a buffered log line waits for its write.
const logFlushEvery = 200 * time.Millisecond

// bufferedLog is serve's log output: a line per request as one write(2)
// each cost about as much as a cached search answer, so lines gather in
// a buffer written out every logFlushEvery, when it fills, and at once
// after a warning or an error (see flushOnWarn), so what explains a
// failure is never left waiting. A crash can lose at most the last
// logFlushEvery of informational lines (the runtime writes its own panic
// report to stderr directly).
type bufferedLog struct {
	mu  sync.Mutex
	out io.Writer
	w   *bufio.Writer
	// closed: lines written after Close (background jobs and requests
	// still finishing) go straight to out, not to a buffer nobody flushes.
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

func newBufferedLog(w io.Writer, every time.Duration) *bufferedLog {
	b := &bufferedLog{out: w, w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				b.Flush()
			case <-b.stop:
				return
			}
		}
	}()
	return b
}

func (b *bufferedLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return b.out.Write(p)
	}
	return b.w.Write(p)
}

// Flush writes out what is buffered. A bufio.Writer keeps its first
// error for ever; after a failed write (a full disk) the buffer starts
// afresh so that logging resumes once out accepts writes again.
func (b *bufferedLog) Flush() {
	b.mu.Lock()
	if b.w.Flush() != nil {
		b.w.Reset(b.out)
	}
	b.mu.Unlock()
}

// Close stops the timer, writes out the rest, and lets later lines
// through unbuffered.
func (b *bufferedLog) Close() {
	close(b.stop)
	<-b.done
	b.Flush()
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
}

// flushOnWarn writes the buffer out after every record at Warn or above.
type flushOnWarn struct {
	slog.Handler
	b *bufferedLog
}

func (h flushOnWarn) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		h.b.Flush()
	}
	return err
}

func (h flushOnWarn) WithAttrs(as []slog.Attr) slog.Handler {
	return flushOnWarn{Handler: h.Handler.WithAttrs(as), b: h.b}
}

func (h flushOnWarn) WithGroup(name string) slog.Handler {
	return flushOnWarn{Handler: h.Handler.WithGroup(name), b: h.b}
}

// bufferedLogger is c.logger writing through a bufferedLog; call close
// before exiting.
func (c *common) bufferedLogger(env Env) (log *slog.Logger, close func()) {
	return newBufferedLogger(env.Stderr, logFlushEvery, c.logJSON)
}

func newBufferedLogger(w io.Writer, every time.Duration, json bool) (*slog.Logger, func()) {
	b := newBufferedLog(w, every)
	var h slog.Handler = slog.NewTextHandler(b, nil)
	if json {
		h = slog.NewJSONHandler(b, nil)
	}
	return slog.New(flushOnWarn{Handler: h, b: b}), b.Close
}
