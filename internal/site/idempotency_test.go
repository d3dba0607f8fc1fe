package site_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestIdempotencyKey: a create retried with the same Idempotency-Key gets
// the first answer back and writes nothing new; the same key with another
// body is a 422; concurrent copies of one request write once; without a key
// nothing changes.
func TestIdempotencyKey(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		cookie := loginFresh(t, a)
		post := func(key, body string) (int, string, http.Header) {
			t.Helper()
			req, _ := http.NewRequest("POST", a.URL+"/api/v1/aspirations", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if key != "" {
				req.Header.Set("Idempotency-Key", key)
			}
			req.AddCookie(cookie)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b), resp.Header
		}
		count := func() int {
			var n int
			if err := d.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM aspirations`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		body := `{"title":"Transportasi ke kawasan industri Cikande","body":"Mohon bus pekerja dari Kota Serang ke Cikande pada pukul 05.30.","audience":"provinsi"}`
		st1, b1, h1 := post(`"8e4c1a2b-retry-1"`, body)
		if st1 != http.StatusCreated || h1.Get("Idempotent-Replayed") != "" {
			t.Fatalf("first: %d %s", st1, b1)
		}
		st2, b2, h2 := post(`"8e4c1a2b-retry-1"`, body)
		if st2 != st1 || b2 != b1 || h2.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("retry: %d %s (replayed %q), want the first answer %d %s", st2, b2, h2.Get("Idempotent-Replayed"), st1, b1)
		}
		if n := count(); n != 1 {
			t.Fatalf("%d aspirations after a retried create, want 1", n)
		}
		st, b, _ := post(`"8e4c1a2b-retry-1"`, strings.Replace(body, "05.30", "06.00", 1))
		var p struct {
			Errors []struct{ Field, Code string }
		}
		json.Unmarshal([]byte(b), &p)
		if st != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Code != "idempotency_key_reused" {
			t.Fatalf("key reused with another body: %d %s", st, b)
		}
		// A refused request is kept too: the retry is refused the same way.
		bad := `{"title":"","body":"","audience":"provinsi"}`
		if st, _, _ := post("bad-1", bad); st != http.StatusUnprocessableEntity {
			t.Fatalf("invalid create: %d", st)
		}
		if st, _, h := post("bad-1", bad); st != http.StatusUnprocessableEntity || h.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("invalid create retried: %d", st)
		}
		// Eight copies of one request at once: one aspiration.
		var wg sync.WaitGroup
		statuses := make([]int, 8)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], _, _ = post("burst-1", strings.Replace(body, "Cikande", "Jawilan", 1))
			}()
		}
		wg.Wait()
		for _, st := range statuses {
			if st != http.StatusCreated && st != http.StatusConflict {
				t.Fatalf("concurrent copies: %v", statuses)
			}
		}
		if n := count(); n != 2 {
			t.Fatalf("%d aspirations after a burst of one request, want 2 (%v)", n, statuses)
		}
		// Without a key each request is its own.
		post("", body)
		post("", body)
		if n := count(); n != 4 {
			t.Fatalf("%d aspirations, want 4", n)
		}
	})
}
