package chart

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return
			}
			t.Fatalf("SVG not well formed: %v\n%s", err, svg)
		}
	}
}

func TestMap(t *testing.T) {
	shapes, points, size := MapStats()
	if shapes != 8 || points < 40 || size > 8000 {
		t.Fatalf("map: %d shapes, %d points, %d bytes of paths", shapes, points, size)
	}
	svg := string(Map("TPT 2025", []Area{{Code: "3604", Name: "Kabupaten Serang", Value: 8.73, Text: "8,73", Link: "/statistik/3604"},
		{Code: "3603", Name: "Kabupaten Tangerang", Missing: true, Text: "–"}}))
	wellFormed(t, svg)
	if strings.Count(svg, "<path") != 8 || !strings.Contains(svg, `href="/statistik/3604"`) || !strings.Contains(svg, Palette[4]) {
		t.Fatalf("map: %s", svg)
	}
}

func TestSimplify(t *testing.T) {
	// A square with a point almost on one side: the point goes, corners stay.
	sq := [][2]float64{{0, 0}, {5, 0.1}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	got := Simplify(sq, 0.5)
	if len(got) != 5 {
		t.Fatalf("simplified to %v", got)
	}
	if got := Simplify(sq, 0.05); len(got) != 6 {
		t.Fatalf("a tolerance below the bump keeps it: %v", got)
	}
}

func TestLineAndBars(t *testing.T) {
	svg := string(Line("Lowongan", []string{"2026-01", "2026-02", "2026-03"}, []Series{{Name: "a", Values: []float64{1, math.NaN(), 3}}}))
	wellFormed(t, svg)
	if strings.Count(svg, "M") < 2 {
		t.Fatalf("a gap should start a new segment: %s", svg)
	}
	svg = string(Bars("Kontrak", []Bar{{Label: "PKWT", Value: 12}, {Label: "Magang", Missing: true, Note: "<5"}}))
	wellFormed(t, svg)
	if !strings.Contains(svg, "&lt;5") {
		t.Fatal(svg)
	}
}
