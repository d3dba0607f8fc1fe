package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"html"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// raw fetches path with the given Accept-Encoding and no transparent
// decompression, so the test sees the bytes on the wire.
func raw(t *testing.T, method, url, enc string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// TestCompression checks pages and API answers are gzipped for clients that
// accept it, byte-identical once unzipped, and that small answers, images,
// HEAD and an explicit q=0 are left alone.
func TestCompression(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	for _, path := range []string{"/lowongan", "/api/v1/vacancies", "/static/bursa.css"} {
		plain, body := raw(t, "GET", a.URL+path, "")
		if plain.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s without Accept-Encoding came %q", path, plain.Header.Get("Content-Encoding"))
		}
		zipped, zbody := raw(t, "GET", a.URL+path, "br, gzip;q=0.8")
		if zipped.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("%s: Content-Encoding %q, Vary %q", path, zipped.Header.Get("Content-Encoding"), zipped.Header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zbody))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !bytes.Equal(unzipped, body) {
			t.Errorf("%s: unzipped answer differs from the plain one (%d vs %d bytes)", path, len(unzipped), len(body))
		}
		if len(zbody)*2 > len(body) {
			t.Errorf("%s: %d bytes zipped from %d: less than half saved", path, len(zbody), len(body))
		}
	}
	for _, c := range []struct{ method, path, enc string }{
		{"GET", "/healthz", "gzip"},             // small
		{"GET", "/favicon.ico", "gzip"},         // an image
		{"HEAD", "/lowongan", "gzip"},           // no body
		{"GET", "/lowongan", "gzip;q=0"},        // refused by the client
		{"GET", "/lowongan", "deflate, br"},     // not offered
		{"GET", "/tidak-ada-halaman", "x-gzip"}, // not gzip by name
	} {
		resp, _ := raw(t, c.method, a.URL+c.path, c.enc)
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s %s (Accept-Encoding %q): compressed", c.method, c.path, c.enc)
		}
	}
	if resp, b := raw(t, "GET", a.URL+"/favicon.ico", ""); resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte{0, 0, 1, 0}) {
		t.Errorf("/favicon.ico = %d, % x", resp.StatusCode, b[:min(len(b), 4)])
	}
}

// TestSharePreview checks a vacancy, an employer and a program shared on
// WhatsApp show their title, employer, wage and regency: the preview reads
// Open Graph tags and the meta description.
func TestSharePreview(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	ctx := context.Background()
	var vid, eid, pid int64
	var title, employer string
	if err := a.DB.QueryRowContext(ctx, `SELECT v.id, v.title, e.id, e.name FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.status = 'published' AND e.status = 'terverifikasi' ORDER BY v.id LIMIT 1`).Scan(&vid, &title, &eid, &employer); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.QueryRowContext(ctx, `SELECT id FROM programs ORDER BY id LIMIT 1`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	meta := regexp.MustCompile(`<meta (?:name|property)="([a-z:_]+)" content="([^"]*)">`)
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/lowongan/" + strconv.FormatInt(vid, 10), []string{title, employer, "Rp", "tanpa calo"}},
		{"/pemberi-kerja/" + strconv.FormatInt(eid, 10), []string{employer, "lowongan terbuka"}},
		{"/pelatihan/" + strconv.FormatInt(pid, 10), []string{"kursi"}},
	} {
		_, body := raw(t, "GET", a.URL+c.path, "")
		tags := map[string]string{}
		for _, m := range meta.FindAllStringSubmatch(string(body), -1) {
			tags[m[1]] = html.UnescapeString(m[2])
		}
		all := tags["og:title"] + " | " + tags["og:description"]
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: preview %q lacks %q", c.path, all, w)
			}
		}
		if tags["description"] != tags["og:description"] || !strings.Contains(tags["og:url"], c.path) {
			t.Errorf("%s: description %q, og:description %q, og:url %q", c.path, tags["description"], tags["og:description"], tags["og:url"])
		}
	}
}
