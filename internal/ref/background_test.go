package ref

import (
	"strings"
	"testing"
)

func TestLicencesAndLanguages(t *testing.T) {
	if len(Licences()) != 11 {
		t.Errorf("%d SIM classes, want the 11 of Perpol 5/2021", len(Licences()))
	}
	for _, l := range Licences() {
		if l.Skill != "" {
			if _, ok := SkillByCode(l.Skill); !ok {
				t.Errorf("licence %s names unknown skill %q", l.Code, l.Skill)
			}
		}
	}
	for _, l := range Languages() {
		if l.Skill != "" {
			if _, ok := SkillByCode(l.Skill); !ok {
				t.Errorf("language %s names unknown skill %q", l.Code, l.Skill)
			}
		}
	}
	if _, ok := LicenceByCode("B3"); ok {
		t.Error("B3 is no SIM class")
	}
}

func TestFindAreas(t *testing.T) {
	// Typing a kecamatan's name lists it and its villages, in its regency.
	as := FindAreas("3603", "cikupa", 50)
	if len(as) < 2 || as[0].Village.Code != "" || as[0].District.Name != "Cikupa" {
		t.Fatalf("cikupa: %+v", as)
	}
	for _, a := range as[1:] {
		if a.District.Code != as[0].District.Code || a.Village.DistrictCode != a.District.Code {
			t.Errorf("cikupa: %+v is not in Kec. Cikupa", a)
		}
	}
	// Another regency's kecamatan is not offered.
	if got := FindAreas("3672", "cikupa", 50); len(got) != 0 {
		t.Errorf("Cikupa in Kota Cilegon: %+v", got)
	}
	// A village by its own name.
	v := as[1].Village
	got := FindAreas("", strings.ToLower(v.Name), 200)
	found := false
	for _, a := range got {
		found = found || a.Village.Code == v.Code
	}
	if !found {
		t.Errorf("village %s not found by its name", v.Name)
	}
	if n := len(FindAreas("", "a", 7)); n != 7 {
		t.Errorf("limit: %d", n)
	}
	if AreaName(v.Code) != v.Name+", Kec. Cikupa" || AreaName(v.Code[:6]) != "Kec. Cikupa" || AreaName("999999") != "" {
		t.Errorf("AreaName: %q", AreaName(v.Code))
	}
}
