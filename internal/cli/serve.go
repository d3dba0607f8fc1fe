package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/site"
)

// Handler builds the whole HTTP handler (pages and API) over services; see
// package site.
func Handler(a *app.Services) (http.Handler, error) { return site.Handler(a) }

func serve(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("serve", env)
	c.register(fs, env)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	demoMode := fs.Bool("demo", false, "fill an empty database with the demo province and allow the demo accounts")
	baseURL := fs.String("base-url", env.Getenv("BURSA_BASE_URL"), "public URL for links in feeds and QR codes (env BURSA_BASE_URL)")
	metricsAddr := fs.String("metrics-addr", env.Getenv("BURSA_METRICS_ADDR"),
		"listen address for Prometheus metrics, e.g. 127.0.0.1:9090; off when empty (env BURSA_METRICS_ADDR)")
	proxies := fs.String("trusted-proxies", env.Getenv("BURSA_TRUSTED_PROXIES"),
		"comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (env BURSA_TRUSTED_PROXIES)")
	monitorEvery := fs.Duration("monitor-every", time.Minute, "how often the log's own monitor reads new records from the tiles; 0: off")
	pprofAddr := fs.String("pprof-addr", env.Getenv("BURSA_PPROF_ADDR"),
		"listen address for Go's profiler (net/http/pprof), e.g. 127.0.0.1:6060; off when empty, never public (env BURSA_PPROF_ADDR)")
	staleAfter := fs.Duration("witness-stale-after", 24*time.Hour, "warn on /transparansi/pemantau when a witness's latest cosignature is older")
	var nf notifyFlags
	nf.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	log, closeLog := c.bufferedLogger(env)
	defer closeLog()
	start := time.Now()
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	a.BaseURL = *baseURL
	if a.TrustedProxies, err = parsePrefixes(*proxies); err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	senders, closeSenders, err := nf.prepare(a, log)
	if err != nil {
		return err
	}
	defer closeSenders()
	var demoSigner note.Signer
	if *demoMode {
		a.Demo = true
		a.Auth.AllowDemo = true
		filled, err := demo.FillIfEmpty(ctx, a, demo.Defaults())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if filled {
			log.Info("demo province generated", "took", time.Since(start).Round(time.Millisecond))
		}
		if demoSigner, err = demoWitness(c.dataDir, a); err != nil {
			return fmt.Errorf("demo witness: %w", err)
		}
	}
	a.Monitor.StaleAfter = *staleAfter
	if *metricsAddr != "" {
		// Before Handler, which instruments the mux when metrics are on.
		a.Metrics = a.NewMetrics()
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics-addr: %w", err)
		}
		msrv := &http.Server{Handler: a.Metrics.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go msrv.Serve(mln)
		defer msrv.Close()
		log.Info("metrics", "addr", mln.Addr().String())
	}
	if *pprofAddr != "" {
		_, stop, err := servePprof(*pprofAddr, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	h, err := Handler(a)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	url := "http://" + ln.Addr().String()
	nf.run(ctx, a, log, cmp.Or(*baseURL, url), senders)
	if *demoMode {
		fmt.Fprintf(env.Stdout, "\nbursa DEMO siap / ready: %s\n\nAkun demo (kata sandi / password: %s):\n", url, demo.Password)
		for _, r := range demo.Accounts() {
			fmt.Fprintf(env.Stdout, "  %-24s %s\n", r.Login, r.Label)
		}
		fmt.Fprintln(env.Stdout)
	} else {
		fmt.Fprintf(env.Stdout, "bursa ready: %s\n", url)
	}
	log.Info("serving", "addr", ln.Addr().String(), "demo", *demoMode, "ready_in", time.Since(start).Round(time.Millisecond))
	// Load the matching index now rather than on the first dashboard visit
	// (about 8 s at a million seekers); pages wait for it only if asked first.
	go func() {
		t := time.Now()
		if err := a.Match.Refresh(ctx); err != nil {
			log.Error("matching index", "err", err)
			return
		}
		log.Info("matching index loaded", "took", time.Since(t).Round(time.Millisecond))
	}()
	ro, _ := a.Ledger.ReadOnly(ctx)
	go watchReadOnly(ctx, a, log, ro)
	startAlerts(ctx, a, log)
	// A signed checkpoint every second while the log grows.
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if _, err := a.Ledger.Checkpoint(ctx); err != nil && ctx.Err() == nil {
				log.Error("ledger checkpoint", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	// Client-address hashes that reports filed before schema version 10
	// kept: personal data with no purpose left.
	if n, err := a.Complaints.ForgetAddressKeys(ctx); err != nil {
		log.Error("forget complaint address keys", "err", err)
	} else if n > 0 {
		log.Info("complaint address keys forgotten", "n", n)
	}
	// Overdue complaint cases go to a supervisor (and onto the board) a few
	// minutes after their deadline passes; Escalate marks each case once.
	go func() {
		tick := time.NewTicker(5 * time.Minute)
		defer tick.Stop()
		for {
			if n, err := a.Complaints.Escalate(ctx, a.Now()); err != nil && ctx.Err() == nil {
				log.Error("complaint escalation", "err", err)
			} else if n > 0 {
				log.Info("complaint cases escalated", "n", n)
			}
			// Login failures keep a client address: only as long as the
			// throttle needs it.
			if _, err := a.Auth.Sweep(ctx); err != nil && ctx.Err() == nil {
				log.Error("login failure sweep", "err", err)
			}
			// Verification and reset codes, and the send counts of their
			// throttles, only as long as they can be used.
			if _, err := a.Accounts.Sweep(ctx); err != nil && ctx.Err() == nil {
				log.Error("account code sweep", "err", err)
			}
			if _, err := a.Idempotency.Sweep(ctx); err != nil && ctx.Err() == nil {
				log.Error("idempotency sweep", "err", err)
			}
			// Wrong PINs and filings keep hashed addresses only as long as
			// their throttles need them (half an hour, a day).
			if _, err := a.Complaints.Sweep(ctx); err != nil && ctx.Err() == nil {
				log.Error("complaint throttle sweep", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	startReminders(ctx, a, log)
	if *monitorEvery > 0 {
		go runMonitor(ctx, a, url, *monitorEvery, log)
	}
	if demoSigner != nil {
		// The demo's witness talks to the log over loopback HTTP, as a
		// union's witness would from its own machine.
		go runWitness(ctx, url, demoSigner, a.Ledger.VerifierKey, 30*time.Second, log)
	}
	go statsLoop(ctx, a, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case <-ctx.Done():
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// parsePrefixes reads a comma-separated list of addresses and CIDR ranges.
func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an address nor a CIDR range", f)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
