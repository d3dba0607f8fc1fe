package textsearch

import (
	"strings"
	"testing"
	"unicode"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, fts, ts, str string
	}{
		{"", "", "", ""},
		{"   ", "", "", ""},
		{"Operator Produksi", `"operator"* AND "produksi"*`, "operator:* & produksi:*", "operator produksi"},
		{`"operator forklift" cilegon`, `"operator forklift" AND "cilegon"*`, "(operator <-> forklift) & cilegon:*", `"operator forklift" cilegon`},
		{"las -malam", `"las"* NOT "malam"*`, "las:* & !malam:*", "las -malam"},
		{"-malam", "", "", "-malam"},
		{`"unclosed phrase`, `"unclosed phrase"`, "(unclosed <-> phrase)", `"unclosed phrase"`},
		{`a'b; DROP TABLE x--`, `"a"* AND "b"* AND "drop"* AND "table"* AND "x"*`, "a:* & b:* & drop:* & table:* & x:*", "a b drop table x"},
		{"K3-umum", `"k3"* AND "umum"*`, "k3:* & umum:*", "k3 umum"},
		{"Kasir Café", `"kasir"* AND "café"*`, "kasir:* & café:*", "kasir café"},
		{`""`, "", "", ""},
	}
	for _, tt := range tests {
		q := Parse(tt.in)
		if got := q.FTS5(); got != tt.fts {
			t.Errorf("Parse(%q).FTS5() = %q, want %q", tt.in, got, tt.fts)
		}
		if got := q.TSQuery(); got != tt.ts {
			t.Errorf("Parse(%q).TSQuery() = %q, want %q", tt.in, got, tt.ts)
		}
		if got := q.String(); got != tt.str {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.str)
		}
	}
}

func TestParseLimits(t *testing.T) {
	q := Parse(strings.Repeat("kata ", 100))
	if len(q.Terms) != maxTerms {
		t.Fatalf("terms = %d, want %d", len(q.Terms), maxTerms)
	}
	q = Parse(strings.Repeat("x", 500))
	if n := len([]rune(q.Terms[0].Words[0])); n != maxWordLen {
		t.Fatalf("word length = %d, want %d", n, maxWordLen)
	}
}

// FuzzParse checks that any input parses without panic into a query whose
// rendered forms hold only word characters and the engines' own operators,
// and that parsing is idempotent through String.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"operator produksi", `"a b" -c`, `-"x y`, "K3-umum", "\x00\xff", "- - -", `"""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		for _, term := range q.Terms {
			if len(term.Words) == 0 {
				t.Fatalf("empty term from %q", s)
			}
			for _, w := range term.Words {
				for _, r := range w {
					if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
						t.Fatalf("word %q from %q has %q", w, s, r)
					}
				}
			}
		}
		if q.Empty() != (q.FTS5() == "") || q.Empty() != (q.TSQuery() == "") {
			t.Fatalf("Empty disagrees with renderers for %q", s)
		}
		again := Parse(q.String())
		if again.String() != q.String() {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, q.String(), again.String())
		}
	})
}
