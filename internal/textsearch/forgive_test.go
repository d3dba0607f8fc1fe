package textsearch

import (
	"fmt"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"operator", "operator", 0}, {"opertor", "operator", 1}, {"oprator", "operator", 1}, {"opreator", "operator", 1},
		{"oparetor", "operator", 2}, {"kebersihan", "kebersian", 1}, {"las", "lasting", 4}, {"", "abc", 3},
	} {
		if got := Distance([]rune(tt.a), []rune(tt.b), 3); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := Distance([]rune("abcdefgh"), []rune("hgfedcba"), 2); got != 3 {
		t.Errorf("over the limit: %d, want 3", got)
	}
}

func TestSpellerNear(t *testing.T) {
	s := NewSpeller()
	for _, w := range []string{"operator", "operasi", "produksi", "pengemudi", "satpam", "kebersihan", "gudang", "las", "lasting"} {
		s.Add(w, 1)
	}
	s.Add("operator", 5)
	for _, tt := range []struct {
		word string
		k    int
		want string
	}{
		{"opertor", 1, "operator"}, {"prodksi", 1, "produksi"}, {"pengmudi", 1, "pengemudi"},
		{"kebersiahn", 2, "kebersihan"}, {"kbrshan", 2, ""}, {"kbrsihan", 2, "kebersihan"}, {"gudang", 1, ""}, {"lastin", 1, "lasting"},
	} {
		got := s.Near(tt.word, tt.k)
		if first := strings.Join(got[:min(1, len(got))], ""); first != tt.want {
			t.Errorf("Near(%q, %d) = %v, want %q first", tt.word, tt.k, got, tt.want)
		}
	}
}

func TestMaxEdits(t *testing.T) {
	for w, want := range map[string]int{"las": 0, "jahi": 0, "sopir": 1, "operator": 1, "pengemudi": 2, "kebersihan": 2} {
		if got := MaxEdits(w); got != want {
			t.Errorf("MaxEdits(%q) = %d, want %d", w, got, want)
		}
	}
}

// vocab is a fixed vocabulary for the analyser tests.
type vocab struct{ sp *Speller }

func (v vocab) HasStem(s string) bool { _, ok := v.sp.ids[s]; return ok }
func (v vocab) Near(w string, k int) []string {
	return v.sp.Near(w, k)
}

func render(cs []Clause) string {
	var parts []string
	for _, c := range cs {
		var alts []string
		for _, a := range c.Alts {
			s := strings.Join(a.Words, "_")
			if a.Prefix {
				s += "*"
			}
			alts = append(alts, s)
		}
		p := strings.Join(alts, "|")
		if c.Negate {
			p = "-" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ; ")
}

func TestClauses(t *testing.T) {
	f := DefaultForgiving()
	sp := NewSpeller()
	for _, w := range []string{"operator", "produksi", "satpam", "jahit", "las", "lasting", "sepatu", "gudang", "tugas", "bersih", "kemudi"} {
		sp.Add(w, 1)
	}
	v := vocab{sp}
	has := func(q string, want ...string) {
		t.Helper()
		got := render(f.Clauses(Parse(q), v))
		for _, w := range want {
			if !strings.Contains("|"+strings.ReplaceAll(got, " ; ", "|")+"|", "|"+w+"|") {
				t.Errorf("Clauses(%q) = %s, missing %s", q, got, w)
			}
		}
	}
	has("penjahit", "jahit")
	has("security", "satpam", "security")
	has("tukang las", "tukang_las", "las", "welder")
	has("cleaning service", "cleaning_service", "bersih")
	has("opertor", "operator")
	has("sopir", "kemudi")
	has(`"operator produksi" -lasting`, "operator_produksi", "-lasting")
	// A phrase holding a one-word alternative of its clause is dropped (the
	// word already matches), but the words as typed stay first.
	if got := render(f.Clauses(Parse("welder"), v)); strings.Contains(got, "juru_las") || !strings.HasPrefix(got, "welder|") {
		t.Errorf("welder: %s", got)
	}
	if got := render(f.Clauses(Parse("las"), v)); strings.Contains(got, "lasting") {
		t.Errorf("las expands to lasting: %s", got)
	}
	if got := render(f.Clauses(Parse("opera"), v)); got != "opera|opera*" {
		t.Errorf("opera: %s", got)
	}
	if got := fmt.Sprint(f.Suggest(Parse("opertor gudng"), v)); got != "operator gudang" {
		t.Errorf("Suggest = %q", got)
	}
	if got := f.Suggest(Parse("operator"), v); got != "" {
		t.Errorf("Suggest of known words = %q", got)
	}
}

func TestShippedSynonyms(t *testing.T) {
	g, err := ParseSynonyms(ShippedSynonyms)
	if err != nil {
		t.Fatal(err)
	}
	if len(g) < 60 {
		t.Errorf("%d synonym groups, want at least 60", len(g))
	}
	for _, line := range strings.Split(ShippedSynonyms, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && !strings.Contains(line, "|") {
			t.Errorf("group without sources: %q", line)
		}
	}
}

// TestSpellerTwoEdits: queries two edits from a word are found, whichever
// side the letters are missing from.
func TestSpellerTwoEdits(t *testing.T) {
	s := NewSpeller()
	for _, w := range []string{"operator", "pemasang", "kebersihan", "pengemudi"} {
		s.Add(w, 1)
	}
	for q, want := range map[string]string{
		"opperatorr": "operator",   // two insertions
		"operatorxx": "operator",   // two insertions at the end
		"opxrator1":  "operator",   // an insertion and a substitution
		"pemasanggg": "pemasang",   // two insertions
		"kebrsihaan": "kebersihan", // a deletion and an insertion
		"pengemudii": "pengemudi",  // an insertion
		"pxngemudy":  "pengemudi",  // two substitutions, 9 letters
		"opertr":     "operator",   // two letters missing, as Suggest looks
	} {
		if got := s.Near(q, 2); len(got) == 0 || got[0] != want {
			t.Errorf("Near(%q, 2) = %v, want %s", q, got, want)
		}
	}
}
