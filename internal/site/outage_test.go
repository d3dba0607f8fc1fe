package site_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
)

// TestOutageKeepsSessions: while the database cannot be reached, a
// logged-in person gets 503 with Retry-After on a page and in the API (not
// a login page, not a 401, not a 500), the session cookie is left alone, and
// once the database is back the same session works again. On PostgreSQL the
// outage is a cut TCP connection between a running app and the server; on
// SQLite it is the database closed under the running app.
func TestOutageKeepsSessions(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bursa.db")
		d := dbtest.SQLiteFile(t, path)
		a := apptest.Start(t, d, false)
		cookie := loginFresh(t, a)
		d.Close()
		checkOutage(t, a)
		// Back: the same file under a new process; the cookie still opens
		// the session, since the outage deleted nothing.
		b := apptest.Start(t, dbtest.SQLiteFile(t, path), false)
		checkMe(t, b, cookie)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := dbtest.PostgresSchema(t)
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		p := startProxy(t, u.Host)
		u.Host = p.addr()
		a := apptest.Start(t, dbtest.Open(t, u.String()), false)
		cookie := loginFresh(t, a)
		p.cut()
		checkOutage(t, a)
		p.restore()
		// The pool throws away its broken connections; the first request
		// after the outage may still meet one, so allow a few tries.
		var st int
		for i := 0; i < 10; i++ {
			if st, _ = getMe(t, a, cookie); st == http.StatusOK {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		checkMe(t, a, cookie)
	})
}

// loginFresh registers a seeker and logs in through the API; it returns the
// session cookie.
func loginFresh(t *testing.T, a *apptest.App) *http.Cookie {
	t.Helper()
	ctx := context.Background()
	if _, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: "pekerja@contoh.test", Name: "Pekerja Uji",
		Password: "Sawah-Hijau-77", Roles: []auth.Role{auth.Pencari}}); err != nil {
		t.Fatal(err)
	}
	resp, err := a.Client.Post(a.URL+"/api/v1/session", "application/json",
		strings.NewReader(`{"login":"pekerja@contoh.test","password":"Sawah-Hijau-77"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "bursa_session" {
			checkMe(t, a, c)
			return c
		}
	}
	t.Fatalf("login: %d, no session cookie", resp.StatusCode)
	return nil
}

func getMe(t *testing.T, a *apptest.App, cookie *http.Cookie) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", a.URL+"/api/v1/me", nil)
	req.AddCookie(cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func checkMe(t *testing.T, a *apptest.App, cookie *http.Cookie) {
	t.Helper()
	st, body := getMe(t, a, cookie)
	var me struct{ Login string }
	json.Unmarshal([]byte(body), &me)
	if st != http.StatusOK || me.Login != "pekerja@contoh.test" {
		t.Fatalf("GET /api/v1/me = %d %s", st, body)
	}
}

// checkOutage asks for a page and an API answer during the outage.
func checkOutage(t *testing.T, a *apptest.App) {
	t.Helper()
	for _, c := range []struct{ path, accept, contentType, says string }{
		{"/pencari", "text/html", "text/html", "Layanan sedang terganggu"},
		{"/api/v1/me", "application/json", "application/problem+json", `"status":503`},
		{"/api/v1/me/applications", "application/json", "application/problem+json", `"status":503`},
	} {
		req, _ := http.NewRequest("GET", a.URL+c.path, nil)
		req.Header.Set("Accept", c.accept)
		resp, err := a.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s during the outage = %d (Retry-After %q), want 503 with Retry-After: %.200s",
				c.path, resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), c.contentType) || !strings.Contains(string(body), c.says) {
			t.Errorf("GET %s during the outage: %s %.300s", c.path, resp.Header.Get("Content-Type"), body)
		}
		for _, ck := range resp.Cookies() {
			if ck.Name == "bursa_session" {
				t.Errorf("GET %s during the outage touched the session cookie: %v", c.path, ck)
			}
		}
	}
}

// proxy forwards TCP to the database server until cut: then it closes every
// connection and refuses new ones, as a network failure would look to the app.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go p.serve()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { io.Copy(s, c); s.Close() }()
		go func() { io.Copy(c, s); c.Close() }()
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// TestDatabaseErrorsClassified: what the drivers say when the database is
// gone is Unavailable (503); a fault in a query stays Internal (500).
func TestDatabaseErrorsClassified(t *testing.T) {
	d := dbtest.SQLite(t)
	d.Close()
	_, err := d.ExecContext(t.Context(), `SELECT 1`)
	if k := app.ErrorKind(fmt.Errorf("vacancy 3: %w", err)); k != fail.Unavailable {
		t.Errorf("closed database: %v (%v)", k, err)
	}
	live := dbtest.SQLite(t)
	_, err = live.ExecContext(t.Context(), `SELECT no_such_column FROM users`)
	if k := app.ErrorKind(err); k != fail.Internal {
		t.Errorf("bad query: %v (%v)", k, err)
	}
}
