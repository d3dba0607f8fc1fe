package valid

import "testing"

func TestStringsFindsUnreadableText(t *testing.T) {
	type inner struct {
		Story string `json:"story"`
	}
	type body struct {
		Name   string            `json:"name"`
		Skills []string          `json:"skills"`
		In     *inner            `json:"complaint"`
		Tags   map[string]string `json:"tags"`
		Raw    []byte            `json:"file"`
		Skip   string            `json:"-"`
	}
	b := body{Name: "Siti", Skills: []string{"las", "ok\x00"}, In: &inner{Story: "a\xffb"},
		Tags: map[string]string{"k": "\x00"}, Raw: []byte{0, 0xff}, Skip: "\x00"}
	errs := Strings(&b)
	want := map[string]bool{"skills[1]": true, "complaint.story": true, "tags.k": true}
	if len(errs) != len(want) {
		t.Fatalf("got %v", errs)
	}
	for _, fe := range errs {
		if !want[fe.Field] || fe.Code != TextCode {
			t.Errorf("unexpected %+v", fe)
		}
	}
	if errs := Strings(&body{Name: "Operator Produksi – shift malam ✓"}); len(errs) != 0 {
		t.Fatalf("good text refused: %v", errs)
	}
	if errs := Values(map[string][]string{"state": {"\xff"}, "q": {"las"}}); len(errs) != 1 || errs[0].Field != "state" {
		t.Fatalf("values: %v", errs)
	}
}

func FuzzBadText(f *testing.F) {
	f.Add("operator")
	f.Add("a\x00b")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		errs := Strings(&struct{ S string }{s})
		if (len(errs) > 0) != BadText(s) {
			t.Fatalf("%q: %v", s, errs)
		}
	})
}
