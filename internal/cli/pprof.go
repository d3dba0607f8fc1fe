package cli

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// servePprof serves Go's profiler (net/http/pprof) on its own listener, for
// an operator measuring where a serve spends its time. It is never on the
// public mux: profiles show request paths and can cost CPU on demand, so
// they belong on a loopback or internal address only, and only when asked
// for (--pprof-addr). It returns the address it listens on and a func
// that stops the listener.
func servePprof(addr string, log *slog.Logger) (at string, stop func(), err error) {
	if err := loopbackOnly(addr); err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("--pprof-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	log.Info("pprof", "addr", ln.Addr().String())
	return ln.Addr().String(), func() { srv.Close() }, nil
}

// loopbackOnly refuses a profiler address anyone but this machine could
// reach: the profiler hands out the command line (a --db DSN may hold a
// password), heap contents by type, and CPU time on request.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--pprof-addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--pprof-addr %q: the profiler listens on a loopback address only (127.0.0.1, ::1 or localhost); reach it from elsewhere through an SSH tunnel", addr)
}
