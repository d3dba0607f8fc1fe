package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestVacancyListCachedAnswer: the list's answer kept with a cached result
// (encoded and compressed once) is the same answer, byte for byte, as the
// first one, compressed for a client that takes gzip and plain for one
// that does not; "Operator  LAS" shares the answer of "operator las".
func TestVacancyListCachedAnswer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
		get := func(q, enc string) (body []byte, encoding, vary string) {
			t.Helper()
			req, _ := http.NewRequest("GET", a.URL+"/api/v1/vacancies?q="+q, nil)
			if enc != "" {
				req.Header.Set("Accept-Encoding", enc)
			}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
				t.Fatalf("%s: %d %s %.200s", q, resp.StatusCode, resp.Header.Get("Content-Type"), b)
			}
			if resp.Header.Get("Content-Encoding") == "gzip" {
				r, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if b, err = io.ReadAll(r); err != nil {
					t.Fatal(err)
				}
			}
			return b, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary")
		}
		first, _, _ := get("operator+las", "")
		if !bytes.Contains(first, []byte(`"items":[{`)) {
			t.Fatalf("no vacancies: %.300s", first)
		}
		for _, x := range []struct{ q, enc, want string }{
			{"operator+las", "", ""}, {"operator+las", "gzip", "gzip"}, {"Operator++LAS", "gzip, br", "gzip"},
			{"Operator%20las", "gzip;q=0", ""},
		} {
			b, enc, vary := get(x.q, x.enc)
			if enc != x.want || vary != "Accept-Encoding" || !bytes.Equal(b, first) {
				t.Errorf("%s (%q): encoding %q vary %q, same answer %v", x.q, x.enc, enc, vary, bytes.Equal(b, first))
			}
		}
	})
}
