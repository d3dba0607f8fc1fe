package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/web"
)

// Handler builds the whole HTTP handler (pages and API) over services.
func Handler(a *app.Services) (http.Handler, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	ws, err := web.New(a, cat)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	ws.Routes(mux)
	api.New(a, cat).Routes(mux)
	if a.Ledger != nil {
		a.Ledger.Routes(mux, a.Log)
		return readOnly(a, cat, ws.Handler(mux)), nil
	}
	return ws.Handler(mux), nil
}

func serve(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("serve", env)
	c.register(fs, env)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	demoMode := fs.Bool("demo", false, "fill an empty database with the demo province and allow the demo accounts")
	baseURL := fs.String("base-url", env.Getenv("BURSA_BASE_URL"), "public URL for links in feeds and QR codes (env BURSA_BASE_URL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	log := c.logger(env)
	start := time.Now()
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	a.BaseURL = *baseURL
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
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
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
