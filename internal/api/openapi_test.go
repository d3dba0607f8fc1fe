package api

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/app"
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

// TestOpenAPIOperations checks what a client generator relies on: every
// served route has a stable, unique camelCase operationId, and states its
// security requirement in one of the three forms the API uses. Which routes
// really answer 401 without a session is checked against the running app in
// TestOpenAPISecurityMatchesHandlers.
func TestOpenAPIOperations(t *testing.T) {
	doc := Document()
	paths := doc["paths"].(map[string]any)
	schemes := doc["components"].(map[string]any)["securitySchemes"].(map[string]any)
	if s, ok := schemes["session"].(map[string]any); !ok || s["type"] != "apiKey" || s["in"] != "cookie" || s["name"] != app.SessionCookie {
		t.Fatalf("session security scheme: %v", schemes["session"])
	}
	camel := regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	seen := map[string]string{}
	s := &Server{}
	for _, r := range s.routes() {
		where := r.Method + " " + r.Path
		o, _ := paths[r.Path].(map[string]any)[strings.ToLower(r.Method)].(map[string]any)
		if o == nil {
			continue // TestOpenAPICoversRoutes reports it
		}
		id, _ := o["operationId"].(string)
		switch {
		case id == "":
			t.Errorf("%s has no operationId", where)
		case !camel.MatchString(id):
			t.Errorf("%s: operationId %q is not camelCase", where, id)
		case seen[id] != "":
			t.Errorf("%s: operationId %q is also %s", where, id, seen[id])
		}
		seen[id] = where

		sec, ok := o["security"].([]any)
		if !ok {
			t.Errorf("%s declares no security requirement", where)
			continue
		}
		for _, req := range sec {
			for name := range req.(map[string]any) {
				if schemes[name] == nil {
					t.Errorf("%s names security scheme %q, which is not declared", where, name)
				}
			}
		}
		responses := o["responses"].(map[string]any)
		switch {
		case reflect.DeepEqual(sec, secSession):
			if responses["401"] == nil {
				t.Errorf("%s needs a session but documents no 401", where)
			}
		case reflect.DeepEqual(sec, secPublic):
			if responses["401"] != nil {
				t.Errorf("%s is public but documents 401", where)
			}
		case reflect.DeepEqual(sec, secOptional):
		default:
			t.Errorf("%s: security %v is none of public, optional, session", where, sec)
		}
	}
}
