package ref

import "testing"

func TestFindSkills(t *testing.T) {
	got := FindSkills("jahit", 50)
	if len(got) == 0 {
		t.Fatal("no skill for jahit")
	}
	for _, s := range got {
		if !matches(words("jahit"), s.Name, s.NameEN) {
			t.Errorf("%s does not match", s.Name)
		}
	}
	if len(FindSkills("", 50)) != 0 {
		t.Error("an empty query finds everything")
	}
	if n := len(FindSkills("a", 3)); n > 3 {
		t.Errorf("limit 3 gave %d", n)
	}
	// Every word must start a word: "las" finds welding, not "kelas".
	for _, s := range FindSkills("las", 100) {
		ok := false
		for _, w := range append(words(s.Name), words(s.NameEN)...) {
			ok = ok || len(w) >= 3 && w[:3] == "las"
		}
		if !ok {
			t.Errorf("las found %q", s.Name)
		}
	}
	groups := GroupSkills(got)
	n := 0
	for i, g := range groups {
		n += len(g.Skills)
		if i > 0 && less(g.Group.Code, groups[i-1].Group.Code) {
			t.Errorf("groups out of order: %v", groups)
		}
	}
	if n != len(got) {
		t.Errorf("grouping lost skills: %d of %d", n, len(got))
	}
}

func TestFindOccupations(t *testing.T) {
	got := FindOccupations("operator mesin", 400)
	if len(got) == 0 {
		t.Fatal("no occupation for operator mesin")
	}
	if got := FindOccupations("8153", 5); len(got) != 1 || got[0].Code != "8153" {
		t.Errorf("by code: %+v", got)
	}
}
