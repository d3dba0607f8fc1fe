package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/i18n"
)

// TestTranslations fails when a message is missing in either language, or a
// template or a domain package uses a message id that no catalog has.
func TestTranslations(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Keys("id") {
		if !c.Has("en", k) {
			t.Errorf("%s: no English", k)
		}
	}
	for _, k := range c.Keys("en") {
		if !c.Has("id", k) {
			t.Errorf("%s: no Indonesian", k)
		}
	}
	used := map[string]bool{}
	lit := regexp.MustCompile(`\bt \S+ "([a-z0-9_.]+)"`)
	prefixed := regexp.MustCompile(`print "([a-z_]+\.)"`)
	fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		b, _ := templateFS.ReadFile(p)
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		for _, m := range prefixed.FindAllStringSubmatch(string(b), -1) {
			if !hasPrefix(c.Keys("id"), m[1]) {
				t.Errorf("%s: no message starts with %s", p, m[1])
			}
		}
		return nil
	})
	// Message ids in Go code: page titles, flashes and validation codes.
	goKey := regexp.MustCompile(`"((?:flash|error|feed|[a-z_]+)\.[a-z_.]+)"`)
	code := regexp.MustCompile(`(?:Add|New)\((?:"[a-z_]+"|[a-z]+), "([a-z_0-9]+)"`)
	filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range code.FindAllStringSubmatch(string(b), -1) {
			used["err."+m[1]] = true
		}
		if strings.Contains(p, "/web/") {
			for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
				if !strings.HasSuffix(m[1], ".go") && !strings.Contains(m[1], "/") && !strings.HasPrefix(m[1], "application") {
					used[m[1]] = true
				}
			}
		}
		return nil
	})
	for k := range used {
		if c.Has("id", k) {
			continue
		}
		if strings.HasPrefix(k, "error.") && !strings.Contains(strings.TrimPrefix(k, "error."), ".") {
			// error pages use KEY.title and KEY.text
			for _, suf := range []string{".title", ".text"} {
				if !c.Has("id", k+suf) {
					t.Errorf("missing %s%s", k, suf)
				}
			}
			continue
		}
		if !c.Has("id", k) {
			t.Errorf("message %q is used but not in the catalog", k)
		}
	}
	for _, nik := range []string{"length", "digits", "province", "regency", "district", "birthdate", "age", "serial"} {
		if !c.Has("id", "err.nik_"+nik) {
			t.Errorf("no message for NIK error %s", nik)
		}
	}
}

func hasPrefix(keys []string, p string) bool {
	for _, k := range keys {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// TestAgeRange checks that an open age bound reads as words, never as a dash.
func TestAgeRange(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ageRange := (&Server{Catalog: c}).funcs()["ageRange"].(func(string, int, int) string)
	for _, tc := range []struct {
		lang   string
		lo, hi int
		want   string
	}{
		{"id", 18, 35, "18–35 tahun"},
		{"id", 18, 0, "minimal 18 tahun"},
		{"id", 0, 40, "maksimal 40 tahun"},
		{"en", 18, 0, "at least 18 years"},
	} {
		if got := ageRange(tc.lang, tc.lo, tc.hi); got != tc.want {
			t.Errorf("ageRange(%s, %d, %d) = %q, want %q", tc.lang, tc.lo, tc.hi, got, tc.want)
		}
	}
}
