package cli

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// TestServePprof: the profiler answers on its own listener, and only
// there: after stop nothing listens.
func TestServePprof(t *testing.T) {
	at, stop, err := servePprof("127.0.0.1:0", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + at + "/debug/pprof/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "goroutine") {
		t.Fatalf("index: %d %.200s", resp.StatusCode, b)
	}
	stop()
	if resp, err := http.Get("http://" + at + "/debug/pprof/"); err == nil {
		resp.Body.Close()
		t.Fatal("still listening after stop")
	}
}
