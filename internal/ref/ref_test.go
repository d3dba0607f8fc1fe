package ref

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC)

func TestParseNIK(t *testing.T) {
	tests := []struct {
		in     string
		err    string
		birth  string
		female bool
	}{
		{"3604010708980001", "", "1998-08-07", false},
		{" 3604015503000042 ", "", "2000-03-15", true},
		{"3672022902000003", "", "2000-02-29", false}, // leap day
		{"3672022902010003", "birthdate", "", false},  // 2001 had none
		{"3672023104990003", "birthdate", "", false},  // 31 April
		{"3672027204990003", "birthdate", "", false},  // day 72 = 32
		{"3672020013990003", "birthdate", "", false},
		{"3201010101500001", "age", "", false}, // Jawa Barat, born 1950: 76 in 2026
		{"360401010108000", "length", "", false},
		{"36040101010800012", "length", "", false},
		{"36040101O1080001", "digits", "", false},
		{"3604-0101010800", "digits", "", false},
		{"9904010101080001", "province", "", false},
		{"3600010101080001", "regency", "", false},
		{"3670010101080001", "regency", "", false},
		{"3604000101080001", "district", "", false},
		{"3604010101080000", "serial", "", false},
		{"3604010101150001", "age", "", false}, // born 2015: 11 years old
		{"3604010101400001", "age", "", false}, // 1940: 86, 2040: future
	}
	for _, tt := range tests {
		n, err := ParseNIK(tt.in, now)
		var ne *NIKError
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("ParseNIK(%q): %v", tt.in, err)
		case tt.err != "" && (!errors.As(err, &ne) || ne.Code != tt.err):
			t.Errorf("ParseNIK(%q) = %v, want %s", tt.in, err, tt.err)
		case tt.err == "":
			if got := n.BirthDate.Format("2006-01-02"); got != tt.birth || n.Female != tt.female {
				t.Errorf("ParseNIK(%q): birth %s female %v, want %s %v", tt.in, got, n.Female, tt.birth, tt.female)
			}
		}
	}
	n, _ := ParseNIK("3604010708980001", now)
	if n.Masked() != "************0001" || n.Regency != "3604" || n.District != "360401" || n.Province != "36" {
		t.Errorf("parts: %+v %s", n, n.Masked())
	}
	if p, ok := ProvinceName("32"); !ok || p != "Jawa Barat" || len(provinces) != 38 {
		t.Errorf("provinces: %q, %d codes", p, len(provinces))
	}
	// The century follows the age window: born '08 is 2008 (18), born '60 is 1960 (66).
	if n, err := ParseNIK("3604010101080001", now); err != nil || n.BirthDate.Year() != 2008 {
		t.Errorf("2008: %v %v", n.BirthDate, err)
	}
	if n, err := ParseNIK("3604010101600001", now); err != nil || n.BirthDate.Year() != 1960 {
		t.Errorf("1960: %v %v", n.BirthDate, err)
	}
}

func FuzzParseNIK(f *testing.F) {
	for _, s := range []string{"3604010708980001", "3604015503000042", "0000000000000000", "36040", "٣٦٠٤٠١٠٧٠٨٩٨٠٠٠١", "3672022902000003"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIK(s, now)
		if err != nil {
			var ne *NIKError
			if !errors.As(err, &ne) {
				t.Fatalf("error %v is not a NIKError", err)
			}
			return
		}
		if n.Number != strings.TrimSpace(s) || len(n.Masked()) != 16 {
			t.Fatalf("round trip %q -> %+v", s, n)
		}
		if age := ageOn(n.BirthDate, now.In(wib)); age < MinAge || age > MaxAge {
			t.Fatalf("%q: age %d", s, age)
		}
		day := n.BirthDate.Day()
		if n.Female {
			day += 40
		}
		if atoi2(n.Number[6:8]) != day {
			t.Fatalf("%q: day %d", s, day)
		}
	})
}

func TestRegions(t *testing.T) {
	want := map[string]string{"3601": "Kabupaten Pandeglang", "3602": "Kabupaten Lebak", "3603": "Kabupaten Tangerang",
		"3604": "Kabupaten Serang", "3671": "Kota Tangerang", "3672": "Kota Cilegon", "3673": "Kota Serang", "3674": "Kota Tangerang Selatan"}
	rs := Regions()
	if len(rs) != 8 {
		t.Fatalf("%d regions", len(rs))
	}
	for i, r := range rs {
		if want[r.Code] != r.Name || (i > 0 && rs[i-1].Code >= r.Code) || r.Source == "" || r.LaborForce <= 0 {
			t.Errorf("region %+v", r)
		}
		for _, n := range r.Neighbors {
			if _, ok := RegionByCode(n); !ok || !IsNeighbor(n, r.Code) {
				t.Errorf("%s–%s: neighbours must be Banten codes and symmetric", r.Code, n)
			}
		}
	}
	for _, n := range []string{"3601", "3602", "3603", "3672", "3673"} {
		if !IsNeighbor("3604", n) {
			t.Errorf("Kab. Serang should border %s", n)
		}
	}
	if IsNeighbor("3672", "3672") || IsNeighbor("3672", "3674") {
		t.Error("IsNeighbor wrong")
	}
	nd, nv := 0, 0
	for _, r := range rs {
		ds := Districts(r.Code)
		nd += len(ds)
		for _, d := range ds {
			if d.RegionCode != r.Code || len(d.Code) != 6 {
				t.Errorf("district %+v", d)
			}
			nv += len(Villages(d.Code))
		}
	}
	if nd != 155 || nv != 1552 {
		t.Errorf("%d kecamatan, %d villages; want 155 and 1552", nd, nv)
	}
	if len(Districts("3672")) != 8 {
		t.Errorf("Kota Cilegon has %d kecamatan, want 8", len(Districts("3672")))
	}
}

func TestWages(t *testing.T) {
	want := map[string][2]int64{"3672": {5128084, 5469922}, "3671": {5069708, 5399405}, "3674": {4974392, 5247870},
		"3603": {4901117, 5210377}, "3604": {4857353, 5178521}, "3673": {4418261, 4665927},
		"3601": {3206640, 3360078}, "3602": {3172384, 3330010}}
	for code, w := range want {
		for i, y := range []int{2025, 2026} {
			if got, ok := UMK(code, y); !ok || got != w[i] {
				t.Errorf("UMK %s %d = %d, want %d", code, y, got, w[i])
			}
		}
	}
	if u, _ := UMP(2025); u != 2905119 {
		t.Errorf("UMP 2025 = %d", u)
	}
	if u, _ := UMP(2026); u != 3100881 {
		t.Errorf("UMP 2026 = %d", u)
	}
	if _, ok := UMK("3672", 2024); ok {
		t.Error("UMK 2024 is not in the data")
	}
	if _, ok := UMK("36", 2026); ok {
		t.Error("the UMP is not a UMK")
	}
	if len(MinimumWages()) != 16 {
		t.Errorf("%d UMK rows", len(MinimumWages()))
	}
}

func TestOccupationsAndSkills(t *testing.T) {
	occ := Occupations()
	if len(occ) < 150 {
		t.Fatalf("%d occupations, want >= 150", len(occ))
	}
	for i, o := range occ {
		if len(o.Code) != 4 || (i > 0 && occ[i-1].Code >= o.Code) || o.Title == "" || o.TitleEN == "" {
			t.Errorf("occupation %+v", o)
		}
		for _, g := range []string{o.Major(), o.SubMajor(), o.Minor()} {
			if _, ok := OccupationGroupByCode(g); !ok {
				t.Errorf("%s: group %s missing", o.Code, g)
			}
		}
		if len(SkillsForOccupation(o.Code)) == 0 {
			t.Errorf("occupation %s has no skill", o.Code)
		}
	}
	sk := Skills()
	if len(sk) < 300 {
		t.Fatalf("%d skills, want >= 300", len(sk))
	}
	seen := map[string]bool{}
	for _, s := range sk {
		if seen[s.Code] || s.Name == "" || s.NameEN == "" || len(s.Occupations) == 0 {
			t.Errorf("skill %+v", s)
		}
		seen[s.Code] = true
		for _, o := range s.Occupations {
			if _, ok := OccupationByCode(o); !ok {
				t.Errorf("skill %s: unknown occupation %s", s.Code, o)
			}
		}
		if got, ok := SkillByCode(s.Code); !ok || got.Name != s.Name {
			t.Errorf("SkillByCode(%s)", s.Code)
		}
	}
	if o, ok := OccupationByCode("7212"); !ok || !strings.Contains(o.Title, "las") {
		t.Errorf("7212 = %+v", o)
	}
	if len(KBLISections()) != 21 {
		t.Errorf("%d KBLI sections", len(KBLISections()))
	}
	if k, ok := KBLISectionByCode("C"); !ok || k.Version != "2020" {
		t.Errorf("KBLI C = %+v", k)
	}
	if e, ok := EducationByCode("smk"); !ok || e.Rank != 3 {
		t.Errorf("smk = %+v", e)
	}
}

func TestHolidaysAndWorkingDays(t *testing.T) {
	hs := Holidays()
	years := map[string]int{}
	for i, h := range hs {
		if _, err := time.Parse(time.DateOnly, h.Date); err != nil || h.Name == "" || h.Source == "" {
			t.Errorf("holiday %+v", h)
		}
		if i > 0 && hs[i-1].Date >= h.Date {
			t.Errorf("holidays not sorted or duplicated at %s", h.Date)
		}
		years[h.Date[:4]]++
	}
	if years["2025"] < 15 || years["2026"] < 15 {
		t.Errorf("holidays per year: %v", years)
	}
	d := func(s string) time.Time { t, _ := time.ParseInLocation(time.DateOnly, s, wib); return t }
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-03-27", 1, "2025-04-08"}, // Nyepi, Idul Fitri and cuti bersama: 28 Mar – 7 Apr closed
		{"2025-11-24", 5, "2025-12-01"}, // an ordinary week
		{"2025-12-24", 1, "2025-12-29"}, // Christmas, cuti bersama, weekend
		{"2025-05-09", 3, "2025-05-16"}, // Waisak and its cuti bersama
		{"2026-08-14", 1, "2026-08-18"}, // weekend and 17 August
		{"2026-01-05", 0, "2026-01-05"},
	}
	for _, tt := range tests {
		if got := AddWorkingDays(d(tt.from), tt.n).Format(time.DateOnly); got != tt.want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if !IsHoliday(d("2025-08-17")) || IsHoliday(d("2025-08-19")) {
		t.Error("IsHoliday")
	}
}

func TestBirthDateIn(t *testing.T) {
	for _, tc := range []struct {
		nik  string
		year int
		want string // "" = an error
	}{
		{"3604015503000042", 2000, "2000-03-15"}, // a woman: day 55
		{"3673010202580007", 1958, "1958-02-02"},
		{"3671016902960003", 1996, "1996-02-29"},
		{"3671016902970003", 1997, ""}, // no 29 February in 1997
		{"3604015503000042", 1999, ""}, // the year disagrees with the NIK's
		{"36040155030000", 2000, ""},
	} {
		got, err := BirthDateIn(tc.nik, tc.year)
		if tc.want == "" && err == nil || tc.want != "" && (err != nil || got.Format(time.DateOnly) != tc.want) {
			t.Errorf("BirthDateIn(%s, %d) = %v, %v; want %q", tc.nik, tc.year, got, err, tc.want)
		}
	}
}

func TestAlphaFor(t *testing.T) {
	tests := []struct {
		year     int
		ok       bool
		min, max float64
		source   string
	}{
		{2023, false, 0, 0, ""},
		{2024, true, 0.10, 0.30, "PP 51/2023"},
		{2025, true, 0.10, 0.30, "PP 51/2023"},
		{2026, true, 0.50, 0.90, "PP 49/2025"},
		{2027, true, 0.50, 0.90, "PP 49/2025"}, // no newer regulation: the last one applies
	}
	for _, tt := range tests {
		a, ok := AlphaFor(tt.year)
		if ok != tt.ok || a.Min != tt.min || a.Max != tt.max || a.Source != tt.source {
			t.Errorf("AlphaFor(%d) = %+v %v, want %v %v–%v %s", tt.year, a, ok, tt.ok, tt.min, tt.max, tt.source)
		}
	}
}

func TestUnemploymentRates(t *testing.T) {
	var serang2025, missing int
	for _, u := range UnemploymentRates() {
		if u.Area == "3604" && u.Year == 2025 {
			serang2025++
			if !u.Found || u.Rate != 8.73 {
				t.Errorf("Kab. Serang 2025 = %+v, want 8.73", u)
			}
		}
		if !u.Found {
			missing++
			if u.Rate != 0 || u.Source == "" {
				t.Errorf("missing cell %+v", u)
			}
		}
		if _, ok := RegionByCode(u.Area); !ok && u.Area != "ID" && u.Area != "36" {
			t.Errorf("unknown area %q", u.Area)
		}
	}
	if serang2025 != 1 || missing != 4 || len(UnemploymentRates()) != 30 {
		t.Errorf("serang2025=%d missing=%d rows=%d", serang2025, missing, len(UnemploymentRates()))
	}
}
