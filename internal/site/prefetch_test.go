package site_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestPrefetchReadsNothing: a browser's prefetch of a logged-in page (here
// the officer's view of a seeker with the full NIK, whose opening is
// audited) gets 204 and leaves no audit entry; the officer's own visit
// reads the NIK and is recorded (issue 11, finding 14).
func TestPrefetchReadsNothing(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	post := func(path string, form url.Values) {
		req, _ := http.NewRequest("POST", a.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := a.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	get := func(path string, hdr ...string) (int, string) {
		req, _ := http.NewRequest("GET", a.URL+path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := a.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	audits := func() int {
		var n int
		if err := a.DB.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM audit_log WHERE action = 'nik.read'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	post("/masuk", url.Values{"login": {"petugas@bursa.test"}, "password": {"bursa-demo"}})
	_, body := get("/petugas")
	m := regexp.MustCompile(`/petugas/pencari/(\d+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no seeker in the officer's queue")
	}
	before := audits()
	for _, h := range [][]string{{"Sec-Purpose", "prefetch"}, {"Sec-Purpose", "prefetch;prerender"}, {"Purpose", "prefetch"}} {
		if st, body := get("/petugas/pencari/"+m[1], h...); st != http.StatusNoContent || body != "" {
			t.Fatalf("prefetch with %v = %d %.100s", h, st, body)
		}
	}
	if n := audits(); n != before {
		t.Fatalf("a prefetch left %d audit entries", n-before)
	}
	if st, _ := get("/petugas/pencari/" + m[1]); st != http.StatusOK {
		t.Fatalf("the officer's visit = %d", st)
	}
	if n := audits(); n != before+1 {
		t.Fatalf("the officer's visit left %d audit entries, want 1", n-before)
	}
}
