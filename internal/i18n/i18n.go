// Package i18n holds bursa's message catalogs: Bahasa Indonesia first,
// English second. Messages are flat JSON keyed by message id, with {name}
// placeholders; pages and the API both read them.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/bursa-banten/bursa/internal/valid"
)

//go:embed *.json
var files embed.FS

// Langs are the supported languages, default first.
var Langs = []string{"id", "en"}

// Catalog holds the messages of every language.
type Catalog struct {
	msgs map[string]map[string]string
}

// Load reads the embedded catalogs: per language, <lang>.json and the
// per-feature files <lang>.<feature>.json (so that features add messages
// without touching one shared file). A key defined twice is an error.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}}
	for _, l := range Langs {
		names, err := fs.Glob(files, l+".*json")
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", l, err)
		}
		m := map[string]string{}
		for _, name := range names {
			if name != l+".json" && !strings.HasPrefix(name, l+".") {
				continue
			}
			b, err := files.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("catalog %s: %w", name, err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("catalog %s: %w", name, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("catalog %s: %q is also defined in another %s file", name, k, l)
				}
				m[k] = v
			}
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("catalog %s: no messages", l)
		}
		c.msgs[l] = m
	}
	return c, nil
}

// Lang returns a supported language for s, else the default.
func Lang(s string) string {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return "en"
	}
	return "id"
}

// T returns message key in lang with placeholders filled from args (pairs of
// name, value). A missing message shows its key, which the tests forbid.
func (c *Catalog) T(lang, key string, args ...any) string {
	m, ok := c.msgs[lang][key]
	if !ok {
		if m, ok = c.msgs["id"][key]; !ok {
			return key
		}
	}
	if len(args) == 0 || !strings.Contains(m, "{") {
		return m
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(m)
}

// Err renders a field error in lang.
func (c *Catalog) Err(lang string, fe valid.FieldError) string {
	args := make([]any, 0, 2*len(fe.Args))
	keys := make([]string, 0, len(fe.Args))
	for k := range fe.Args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, k, fe.Args[k])
	}
	return c.T(lang, "err."+fe.Code, args...)
}

// Has reports whether lang has key.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.msgs[lang][key]
	return ok
}

// Keys lists the keys of lang, sorted.
func (c *Catalog) Keys(lang string) []string {
	out := make([]string, 0, len(c.msgs[lang]))
	for k := range c.msgs[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
