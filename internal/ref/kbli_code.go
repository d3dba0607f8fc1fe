package ref

import "strings"

// kbliDivisions maps the two-digit divisions of KBLI 2020 to their
// sections. KBLI 2020 (Peraturan BPS 2/2020) keeps the divisions of ISIC
// Rev. 4 and their grouping into sections A–U; the division ranges below
// are that grouping (BPS, "Klasifikasi Baku Lapangan Usaha Indonesia 2020",
// section and division list). Only the ranges are shipped: a code inside a
// range whose exact five-digit entry does not exist is still accepted, so
// the check catches typos in the section, not every unknown subclass.
var kbliDivisions = []struct {
	from, to int
	section  string
}{
	{1, 3, "A"}, {5, 9, "B"}, {10, 33, "C"}, {35, 35, "D"}, {36, 39, "E"}, {41, 43, "F"},
	{45, 47, "G"}, {49, 53, "H"}, {55, 56, "I"}, {58, 63, "J"}, {64, 66, "K"}, {68, 68, "L"},
	{69, 75, "M"}, {77, 82, "N"}, {84, 84, "O"}, {85, 85, "P"}, {86, 88, "Q"}, {90, 93, "R"},
	{94, 96, "S"}, {97, 98, "T"}, {99, 99, "U"},
}

// KBLICode checks a KBLI code as businesses write it on their NIB: a
// section letter ("C") or a numeric code of 2 to 5 digits ("10", "10792"),
// and returns the code tidied and its section.
func KBLICode(code string) (string, KBLISection, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) == 1 {
		s, ok := KBLISectionByCode(code)
		return code, s, ok
	}
	if len(code) < 2 || len(code) > 5 || strings.Trim(code, "0123456789") != "" {
		return code, KBLISection{}, false
	}
	div := int(code[0]-'0')*10 + int(code[1]-'0')
	for _, d := range kbliDivisions {
		if div >= d.from && div <= d.to {
			s, ok := KBLISectionByCode(d.section)
			return code, s, ok
		}
	}
	return code, KBLISection{}, false
}
