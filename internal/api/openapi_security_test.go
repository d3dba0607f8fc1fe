package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestOpenAPISecurityMatchesHandlers asks the running app, without a
// session, for every documented operation, and holds each answer against the
// operation's security requirement: an operation that needs the session
// cookie must answer 401 without it, and one that answers 401 must say it
// takes the cookie. The handlers decide who may call them; this keeps the
// document from drifting away from them when a handler changes.
func TestOpenAPISecurityMatchesHandlers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		anon := apptest.NewClient()
		// Path values that exist in the demo province where a handler looks
		// the resource up before it asks who is calling.
		fill := strings.NewReplacer("{id}", "1", "{complaint}", "1", "{code}", "BK-0000-0000")
		for path, item := range api.Document()["paths"].(map[string]any) {
			for method, o := range item.(map[string]any) {
				o := o.(map[string]any)
				var body *strings.Reader
				if method == "post" || method == "put" {
					body = strings.NewReader("{}")
				} else {
					body = strings.NewReader("")
				}
				req, _ := http.NewRequest(strings.ToUpper(method), srv.URL+fill.Replace(path), body)
				if body.Len() > 0 {
					req.Header.Set("Content-Type", "application/json")
				}
				resp, err := anon.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				where := o["operationId"].(string)
				needs, takes := securityOf(o["security"].([]any))
				switch {
				case needs && resp.StatusCode != http.StatusUnauthorized:
					t.Errorf("%s (%s %s) is documented as needing a session, but answers %d without one", where, method, path, resp.StatusCode)
				case resp.StatusCode == http.StatusUnauthorized && !takes:
					t.Errorf("%s (%s %s) answers 401 without a session, but its security does not name the session", where, method, path)
				}
			}
		}
	})
}

// securityOf reads an operation's security requirement: whether it needs the
// session (no alternative without one) and whether it takes it at all.
func securityOf(sec []any) (needs, takes bool) {
	needs = len(sec) > 0
	for _, req := range sec {
		r := req.(map[string]any)
		if len(r) == 0 {
			needs = false
		}
		if _, ok := r["session"]; ok {
			takes = true
		}
	}
	return needs, takes
}
