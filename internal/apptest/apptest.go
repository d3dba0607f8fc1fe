// Package apptest builds a complete bursa (services, demo province, HTTP
// handler) over a test database, for handler and API tests on both dialects.
package apptest

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/site"
)

// Clock is a settable time source.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Services builds services over d with cheap password hashing and a clock.
func Services(t testing.TB, d *db.DB) (*app.Services, *Clock) {
	t.Helper()
	box, err := secret.New(make([]byte, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	clk := &Clock{T: time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)}
	a := app.New(d, box, auth.NewPasswords(1024, 1, 1, 8), slog.New(slog.DiscardHandler), clk.Now)
	signer, vkey, err := ledger.LoadKey(filepath.Join(t.TempDir(), "ledger.key"), "bursa.test/ledger")
	if err != nil {
		t.Fatal(err)
	}
	a.Ledger = &ledger.Log{DB: d, Signer: signer, VerifierKey: vkey, Now: clk.Now}
	return a, clk
}

// Demo fills a with a small demo province and allows the demo logins.
func Demo(t testing.TB, a *app.Services) {
	t.Helper()
	a.Demo, a.Auth.AllowDemo = true, true
	if err := demo.Generate(context.Background(), a, demo.Config{Seed: 1, Seekers: 200, Employers: 15}); err != nil {
		t.Fatalf("demo: %v", err)
	}
}

// Server serves h and returns it with a client that keeps cookies and does
// not follow redirects (tests look at them).
func Server(t testing.TB, h http.Handler) (*httptest.Server, *http.Client) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, NewClient()
}

// App is a running bursa for a handler test: its services, clock and
// address, and a client that keeps cookies.
type App struct {
	*app.Services
	// Handler is the whole site, for tests that call it without a network.
	Handler http.Handler
	Clock   *Clock
	URL     string
	Client  *http.Client
}

// Start serves the whole site (pages and API) over d in one line. With
// withDemo the small demo province is generated first; without it the
// database is empty and the test makes the few rows it needs.
func Start(t testing.TB, d *db.DB, withDemo bool) *App {
	t.Helper()
	a, clk := Services(t, d)
	if withDemo {
		Demo(t, a)
	}
	a.Metrics = a.NewMetrics()
	h, err := site.Handler(a)
	if err != nil {
		t.Fatal(err)
	}
	srv, c := Server(t, h)
	return &App{Services: a, Handler: h, Clock: clk, URL: srv.URL, Client: c}
}

// NewClient returns a client with its own cookie jar.
func NewClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
