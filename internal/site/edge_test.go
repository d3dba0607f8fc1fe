package site_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestUnreadableTextRefused: a NUL byte or bytes that are not UTF-8, in the
// address, a form or a JSON body, are a 422 naming the field on both doors
// and both databases (PostgreSQL used to answer 500, SQLite stored them).
func TestUnreadableTextRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		do := func(method, path, ctype, body string) (int, string) {
			t.Helper()
			req, _ := http.NewRequest(method, a.URL+path, strings.NewReader(body))
			if ctype != "" {
				req.Header.Set("Content-Type", ctype)
				req.Header.Set("Sec-Fetch-Site", "same-origin")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		for _, c := range []struct{ method, path, ctype, body, field string }{
			{"POST", "/api/v1/session", "application/json", `{"login":"a\u0000b","password":"Sawah-Hijau-77"}`, "login"},
			{"POST", "/api/v1/session", "application/json", "{\"login\":\"a@b.test\",\"password\":\"x\xff\"}", ""},
			{"GET", "/api/v1/vacancies?q=%ff", "", "", "q"},
			{"GET", "/api/v1/vacancies?q=las%00", "", "", "q"},
		} {
			st, body := do(c.method, c.path, c.ctype, c.body)
			var p struct {
				Status int
				Errors []struct{ Field, Code string }
			}
			json.Unmarshal([]byte(body), &p)
			// Invalid UTF-8 inside a JSON string is replaced by the decoder
			// (U+FFFD), so it reaches no database: a wrong password, 401.
			if c.field == "" {
				if st != http.StatusUnauthorized && st != http.StatusUnprocessableEntity {
					t.Errorf("%s %s = %d %s", c.method, c.path, st, body)
				}
				continue
			}
			if st != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Code != "text_unreadable" {
				t.Errorf("%s %s = %d %s", c.method, c.path, st, body)
			}
		}
		for _, c := range []struct{ method, path, body string }{
			{"GET", "/lowongan?q=las%00", ""},
			{"GET", "/lowongan?q=%ff%fe", ""},
			{"POST", "/masuk", url.Values{"login": {"a\x00b"}, "password": {"x"}}.Encode()},
			{"POST", "/daftar", url.Values{"login": {"a@b.test"}, "name": {"Siti\xff"}, "password": {"Sawah-Hijau-77"}}.Encode()},
		} {
			ctype := ""
			if c.method == "POST" {
				ctype = "application/x-www-form-urlencoded"
			}
			st, body := do(c.method, c.path, ctype, c.body)
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, "tidak dapat dibaca") {
				t.Errorf("%s %s = %d %.300s", c.method, c.path, st, body)
			}
		}
	})
}
