package main

import (
	"bytes"
	"os"
	"testing"
)

// TestClientIsCurrent regenerates the client from the current document, in
// process (no network, no npm), and fails when the committed client.gen.go
// differs: a change to api.Document must come with the client it generates,
// or the generator has stopped accepting the document.
func TestClientIsCurrent(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatalf("the OpenAPI document no longer generates a client: %v", err)
	}
	got, err := os.ReadFile("../client.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if !bytes.Equal(gl[i], wl[i]) {
				t.Errorf("first difference at line %d:\ncommitted: %s\ngenerated: %s", i+1, gl[i], wl[i])
				break
			}
		}
		t.Fatalf("internal/api/apiclient/client.gen.go is stale (%d lines, the document generates %d): run go generate ./internal/api/apiclient", len(gl), len(wl))
	}
}

// TestGenerateIsStable: the same document gives the same bytes, or the test
// above would fail at random.
func TestGenerateIsStable(t *testing.T) {
	a, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two generations of the same document differ")
	}
}
