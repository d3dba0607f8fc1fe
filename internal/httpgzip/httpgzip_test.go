package httpgzip

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func TestAccepts(t *testing.T) {
	for h, want := range map[string]bool{
		"": false, "gzip": true, "GZIP": true, "deflate, gzip;q=1.0": true, "br, gzip; q=0": false,
		"gzip;q=0.000": false, "identity": false, "gzip;q=0.5": true,
	} {
		if got := Accepts(h); got != want {
			t.Errorf("Accepts(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestBytesRoundTrip(t *testing.T) {
	in := []byte(strings.Repeat(`{"title":"Operator Jahit","region":"3603"},`, 200))
	z := Bytes(in)
	if len(z) >= len(in)/4 {
		t.Errorf("compressed %d of %d bytes", len(z), len(in))
	}
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(out, in) {
		t.Fatalf("round trip: %v, %d bytes", err, len(out))
	}
}
