package site_test

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestPrivateAnswersAreNotStored: whatever a logged-in person sees (a full
// NIK on the officer's pages, applicant data, a complaint) carries
// Cache-Control: no-store on both doors; public pages stay cacheable; HSTS
// goes out behind a TLS proxy when the public address is https.
func TestPrivateAnswersAreNotStored(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), false)
	a.BaseURL = "https://bursa.example"
	cookie := loginFresh(t, a)
	for _, c := range []struct {
		path     string
		loggedIn bool
	}{{"/", false}, {"/lowongan", false}, {"/pencari", true}, {"/api/v1/me", true}, {"/api/v1/vacancies", false}} {
		req, _ := http.NewRequest("GET", a.URL+c.path, nil)
		if c.loggedIn {
			req.AddCookie(cookie)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		noStore := strings.Contains(resp.Header.Get("Cache-Control"), "no-store")
		if noStore != c.loggedIn {
			t.Errorf("GET %s (logged in %v): Cache-Control %q", c.path, c.loggedIn, resp.Header.Get("Cache-Control"))
		}
		if resp.Header.Get("Strict-Transport-Security") == "" {
			t.Errorf("GET %s behind an https base URL: no HSTS", c.path)
		}
	}
	// A tracking PIN in the API is personal too.
	req, _ := http.NewRequest("GET", a.URL+"/api/v1/complaints/XX-0000-0000", nil)
	req.Header.Set("X-Tracking-PIN", "123456")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("complaint tracking answer: Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
}

// TestThrottleBehindProxy: behind a trusted proxy, the login throttle counts
// each visitor's own address from X-Forwarded-For, so one sprayer is locked
// without locking everyone behind the proxy; from an untrusted peer the
// header is ignored, so it cannot be used to dodge the lock.
func TestThrottleBehindProxy(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), false)
	if _, err := a.Auth.Create(context.Background(), a.DB, auth.NewUser{Login: "pekerja@contoh.test", Name: "Pekerja Uji",
		Password: "Sawah-Hijau-77", Roles: []auth.Role{auth.Pencari}}); err != nil {
		t.Fatal(err)
	}
	login := func(user, pw, xff string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", a.URL+"/api/v1/session", strings.NewReader(fmt.Sprintf(`{"login":%q,"password":%q}`, user, pw)))
		req.Header.Set("Content-Type", "application/json")
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
			t.Fatal("429 without Retry-After")
		}
		return resp.StatusCode
	}
	spray := func(xff string) int {
		var st int
		for i := 0; i < 20; i++ {
			st = login(fmt.Sprintf("orang%d@contoh.test", i), "Tebakan-Umum-1", xff)
		}
		return st
	}
	// Untrusted peer: the forwarded address is ignored, the sprayer is
	// locked by its real address whatever header it sends.
	if st := spray("203.0.113.5"); st != http.StatusTooManyRequests {
		t.Fatalf("20th sprayed login = %d, want 429", st)
	}
	if st := login("pekerja@contoh.test", "Sawah-Hijau-77", "198.51.100.7"); st != http.StatusTooManyRequests {
		t.Fatalf("a forged X-Forwarded-For dodged the lock: %d", st)
	}

	b := apptest.Start(t, dbtest.SQLite(t), false)
	a = b
	a.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	if _, err := a.Auth.Create(context.Background(), a.DB, auth.NewUser{Login: "pekerja@contoh.test", Name: "Pekerja Uji",
		Password: "Sawah-Hijau-77", Roles: []auth.Role{auth.Pencari}}); err != nil {
		t.Fatal(err)
	}
	// Trusted proxy: the sprayer's own address is locked...
	if st := spray("203.0.113.5"); st != http.StatusTooManyRequests {
		t.Fatalf("20th sprayed login behind the proxy = %d, want 429", st)
	}
	if st := login("pekerja@contoh.test", "Sawah-Hijau-77", "203.0.113.5"); st != http.StatusTooManyRequests {
		t.Fatalf("sprayer's address not locked: %d", st)
	}
	// ...and another visitor behind the same proxy logs in; a hop the
	// visitor wrote (left of the proxy's) is not believed.
	if st := login("pekerja@contoh.test", "Sawah-Hijau-77", "203.0.113.5, 198.51.100.7"); st != http.StatusOK {
		t.Fatalf("another visitor behind the proxy: %d", st)
	}
}

// TestKnownDevicePassesSlowdown: someone guessing an account's password
// slows the account down (429 with Retry-After) on both doors, but the
// owner's browser, which logged in before and carries the device cookie,
// still gets in.
func TestKnownDevicePassesSlowdown(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), false)
	loginFresh(t, a) // a.Client now holds the device cookie of pekerja@contoh.test
	guess := func(c *http.Client, path, ctype, body string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", a.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	stranger := apptest.NewClient()
	for i := 0; i < 5; i++ {
		guess(stranger, "/api/v1/session", "application/json", `{"login":"pekerja@contoh.test","password":"Tebakan-Umum-1"}`)
	}
	if st := guess(stranger, "/api/v1/session", "application/json", `{"login":"pekerja@contoh.test","password":"Sawah-Hijau-77"}`); st != http.StatusTooManyRequests {
		t.Fatalf("slowed account, API: %d", st)
	}
	if st := guess(stranger, "/masuk", "application/x-www-form-urlencoded", "login=pekerja%40contoh.test&password=Sawah-Hijau-77"); st != http.StatusTooManyRequests {
		t.Fatalf("slowed account, page: %d", st)
	}
	if st := guess(a.Client, "/masuk", "application/x-www-form-urlencoded", "login=pekerja%40contoh.test&password=Sawah-Hijau-77"); st != http.StatusSeeOther {
		t.Fatalf("the owner's known device: %d", st)
	}
}
