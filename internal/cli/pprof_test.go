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

// TestPprofLoopbackOnly: the profiler is never served on an address other
// machines reach.
func TestPprofLoopbackOnly(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, addr := range []string{":6060", "0.0.0.0:6060", "[::]:6060", "10.1.2.3:6060", "bursa.example:6060", "6060"} {
		if _, stop, err := servePprof(addr, log); err == nil {
			stop()
			t.Errorf("%s: served", addr)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0"} {
		_, stop, err := servePprof(addr, log)
		if err != nil {
			if addr == "[::1]:0" && strings.Contains(err.Error(), "assign") {
				continue // no IPv6 loopback on this machine
			}
			t.Errorf("%s: %v", addr, err)
			continue
		}
		stop()
	}
}
