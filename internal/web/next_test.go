package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestSafeNext: redirects after login or a language change stay on the
// site, whatever a link's next= says (issue 11, finding 7).
func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/pencari":                    "/pencari",
		"/lowongan?q=las&region=3672": "/lowongan?q=las&region=3672",
		"":                            "",
		"pencari":                     "",
		"//evil.example/phish":        "",
		"/\\evil.example/phish":       "",
		"/\\/evil.example":            "",
		"/a\\b":                       "",
		"/\t/evil.example":            "",
		"/\n/evil.example":            "",
		"https://evil.example/":       "",
		"/%2F%2Fevil.example":         "/%2F%2Fevil.example", // stays a path here
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}

func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/pencari", "//x", "/\\x", "/\tx", "https://x", "/a?b=c#d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if got == "" {
			return
		}
		// What a browser would do with it: backslashes as slashes, control
		// characters dropped; it must still be a path on this site.
		norm := strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			if r == '\\' {
				return '/'
			}
			return r
		}, got)
		u, err := url.Parse(norm)
		if err != nil || u.Host != "" || u.Scheme != "" || strings.HasPrefix(norm, "//") || !strings.HasPrefix(norm, "/") {
			t.Fatalf("safeNext(%q) = %q leaves the site (%q)", next, got, norm)
		}
	})
}
