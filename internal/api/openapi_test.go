package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOpenAPICoversRoutes keeps the document honest: every endpoint served is
// described, and nothing described is missing.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc := Document()
	paths := doc["paths"].(map[string]any)
	s := &Server{}
	served := map[string]bool{}
	for _, r := range s.routes() {
		key := strings.ToLower(r.Method) + " " + r.Path
		served[key] = true
		item, ok := paths[r.Path].(map[string]any)
		if !ok || item[strings.ToLower(r.Method)] == nil {
			t.Errorf("%s %s is served but not in the OpenAPI document", r.Method, r.Path)
		}
	}
	for p, item := range paths {
		for m := range item.(map[string]any) {
			if !served[m+" "+p] {
				t.Errorf("%s %s is documented but not served", m, p)
			}
		}
	}
	if _, err := json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Fatal("not OpenAPI 3.1")
	}
}
