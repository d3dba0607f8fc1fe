package ref

import "testing"

func TestKBLICode(t *testing.T) {
	for _, tt := range []struct {
		in, code, section string
		ok                bool
	}{
		{"c", "C", "C", true}, {"10792", "10792", "C", true}, {" 01111 ", "01111", "A", true}, {"35", "35", "D", true},
		{"47111", "47111", "G", true}, {"99000", "99000", "U", true}, {"04", "04", "", false}, {"34", "34", "", false},
		{"Z", "Z", "", false}, {"1", "1", "", false}, {"123456", "123456", "", false}, {"1a", "1A", "", false}, {"", "", "", false},
	} {
		code, s, ok := KBLICode(tt.in)
		if code != tt.code || s.Code != tt.section || ok != tt.ok {
			t.Errorf("KBLICode(%q) = %q %q %v", tt.in, code, s.Code, ok)
		}
	}
}
