package cli

import (
	"strings"
	"testing"
)

func TestScreenEval(t *testing.T) {
	code, out, errs := run(t, nil, "screen", "eval")
	if code != 0 || !strings.Contains(out, "precision") || !strings.Contains(out, "labelled texts)") {
		t.Fatalf("screen eval: %d %q %q", code, out, errs)
	}
	for _, rule := range []string{"fee", "age", "contact"} {
		if !strings.Contains(out, rule) {
			t.Errorf("table lacks %s", rule)
		}
	}
	if code, _, _ := run(t, nil, "screen"); code != 2 {
		t.Fatalf("screen without eval: exit %d", code)
	}
}
