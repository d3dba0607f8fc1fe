package vacancy

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// unfold undoes RFC 5545 §3.1 folding and splits the content lines,
// checking every physical line ends with CRLF and is at most 75 octets.
func unfold(t *testing.T, s string) []string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("does not end with CRLF: %q", s)
	}
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("bare CR or LF in %q", l)
		}
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("fold splits a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

func TestICS(t *testing.T) {
	chosen := time.Date(2027, 1, 20, 2, 0, 0, 0, time.UTC) // 09:00 WIB
	iv := Appointment{ID: 7, ApplicationID: 42, Chosen: chosen,
		Place:   "Gedung B; lantai 2, Jl. Raya Serang Km 12, Kec. Cikupa, Kab. Tangerang",
		Contact: `Bu Rina (HRD) \ 0812-1111-2222`, Bring: "KTP, kartu AK/1,\nijazah asli dan fotokopi, pas foto 3×4 — dua lembar, sepatu kerja"}
	a := Application{VacancyTitle: "Operator Produksi, shift malam", EmployerName: "PT Sukses Jaya Abadi Sentosa Makmur Sejahtera Indonesia Tbk"}
	raw := string(ICS(iv, a, time.Date(2027, 1, 10, 3, 4, 5, 0, time.UTC)))
	lines := unfold(t, raw)
	props := map[string]string{}
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("not a content line: %q", l)
		}
		props[k] = v
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" || props["VERSION"] != "2.0" || props["PRODID"] == "" {
		t.Errorf("calendar envelope: %q", lines)
	}
	want := map[string]string{
		"UID":         "interview-7-application-42@bursa-banten",
		"DTSTART":     "20270120T020000Z",
		"DTEND":       "20270120T030000Z",
		"DTSTAMP":     "20270110T030405Z",
		"SUMMARY":     `Wawancara: Operator Produksi\, shift malam — PT Sukses Jaya Abadi Sentosa Makmur Sejahtera Indonesia Tbk`,
		"LOCATION":    `Gedung B\; lantai 2\, Jl. Raya Serang Km 12\, Kec. Cikupa\, Kab. Tangerang`,
		"DESCRIPTION": `Kontak: Bu Rina (HRD) \\ 0812-1111-2222\nBawa: KTP\, kartu AK/1\,\nijazah asli dan fotokopi\, pas foto 3×4 — dua lembar\, sepatu kerja`,
	}
	for k, v := range want {
		if props[k] != v {
			t.Errorf("%s = %q, want %q", k, props[k], v)
		}
	}
	if !strings.Contains(raw, "\r\n ") {
		t.Error("long lines were not folded")
	}
	// The same interview gives the same UID whenever it is downloaded.
	if again := unfold(t, string(ICS(iv, a, chosen))); !slices.Contains(again, "UID:"+want["UID"]) {
		t.Error("UID changed between downloads")
	}
}

// TestICSFoldMultibyte: a fold never lands inside a UTF-8 character.
func TestICSFoldMultibyte(t *testing.T) {
	for n := range 80 {
		l := "SUMMARY:" + strings.Repeat("a", n) + strings.Repeat("é—", 40)
		unfolded := unfold(t, icsFold(l))
		if len(unfolded) != 1 || unfolded[0] != l {
			t.Fatalf("fold of %d: %q", n, unfolded)
		}
	}
}
