package valid

import "testing"

func TestLengths(t *testing.T) {
	for _, tt := range []struct {
		name      string
		check     func(e *Errors) string
		want, err string
	}{
		{"required", func(e *Errors) string { return e.Text("f", "   ", 1, 10) }, "", "required"},
		{"optional empty", func(e *Errors) string { return e.Text("f", " ", 0, 10) }, "", ""},
		{"short", func(e *Errors) string { return e.Text("f", " ab ", 3, 10) }, "ab", "text_short"},
		{"long", func(e *Errors) string { return e.Text("f", "abcdefghijk", 1, 10) }, "abcdefghijk", "too_long"},
		{"runes, not bytes", func(e *Errors) string { return e.Text("f", "ééééé", 1, 5) }, "ééééé", ""},
		{"line collapses", func(e *Errors) string { return e.Line("f", "  PT \t Baja  Jaya ", 1, 160) }, "PT Baja Jaya", ""},
		{"address short", func(e *Errors) string { return e.Address("f", " Jl. A 1 ") }, "Jl. A 1", "address_short"},
		{"address", func(e *Errors) string { return e.Address("f", "Jl. Raya Anyer No. 1") }, "Jl. Raya Anyer No. 1", ""},
	} {
		var e Errors
		got := tt.check(&e)
		code := ""
		if len(e) > 0 {
			code = e[0].Code
		}
		if got != tt.want || code != tt.err {
			t.Errorf("%s: %q %q, want %q %q", tt.name, got, code, tt.want, tt.err)
		}
	}
}
