package ref

import (
	"strings"
	"time"
)

// NIK is a parsed Nomor Induk Kependudukan: PP KK CC DDMMYY SSSS.
type NIK struct {
	Number    string
	Province  string // "36"
	Regency   string // "3604": where the NIK was first issued, not where the person lives now
	District  string // "360401"
	BirthDate time.Time
	Female    bool // the day of birth is stored + 40 for women
	Serial    string
}

// Masked shows the last four digits only: "************0001". The first
// four name the regency, which with the birth date (or its year) and sex
// leaves too few NIKs to guess from (docs/privacy.md).
func (n NIK) Masked() string { return "************" + n.Number[12:] }

// BirthDateIn reads the day and month of birth from NIK number (the day less
// 40 for women) and returns that date in year: the century is not in the
// NIK, so the caller says which year ParseNIK chose when the NIK was
// registered.
func BirthDateIn(number string, year int) (time.Time, error) {
	if len(number) != 16 {
		return time.Time{}, &NIKError{"length"}
	}
	for i := 6; i < 12; i++ {
		if number[i] < '0' || number[i] > '9' {
			return time.Time{}, &NIKError{"digits"}
		}
	}
	day, month := atoi2(number[6:8]), atoi2(number[8:10])
	if day > 40 {
		day -= 40
	}
	b := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if day < 1 || month < 1 || month > 12 || b.Day() != day || atoi2(number[10:12]) != year%100 {
		return time.Time{}, &NIKError{"birthdate"}
	}
	return b, nil
}

// NIKError says which part of a NIK is wrong; Code is one of length,
// digits, province, regency, district, birthdate, age, serial.
type NIKError struct{ Code string }

func (e *NIKError) Error() string { return "invalid NIK: " + e.Code }

// provinces are Indonesia's 38 provinces by Kemendagri code (Kepmendagri
// 300.2.2-2138/2025), including the Papua provinces created in 2022.
var provinces = map[string]string{
	"11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
	"16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
	"21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
	"34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat",
	"53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
	"63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
	"72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
	"76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
	"94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Selatan", "97": "Papua Barat Daya",
}

// ProvinceName returns the name of a 2-digit province code.
func ProvinceName(code string) (string, bool) {
	n, ok := provinces[code]
	return n, ok
}

// Age limits of a job seeker, used to choose the birth century.
const (
	MinAge = 15
	MaxAge = 70
)

// ParseNIK checks a NIK and reads what it encodes. It accepts region codes of
// any province and codes that no longer exist (a NIK keeps the code of its
// first registration). The two-digit birth year's century is the one that
// makes the holder 15–70 years old at now.
func ParseNIK(s string, now time.Time) (NIK, error) {
	s = strings.TrimSpace(s)
	if len(s) != 16 {
		for _, r := range s {
			if r < '0' || r > '9' {
				return NIK{}, &NIKError{"digits"}
			}
		}
		return NIK{}, &NIKError{"length"}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return NIK{}, &NIKError{"digits"}
		}
	}
	if _, ok := provinces[s[:2]]; !ok {
		return NIK{}, &NIKError{"province"}
	}
	if reg := atoi2(s[2:4]); reg == 0 || (reg > 69 && reg < 71) {
		return NIK{}, &NIKError{"regency"}
	}
	if s[4:6] == "00" {
		return NIK{}, &NIKError{"district"}
	}
	day, month, yy := atoi2(s[6:8]), atoi2(s[8:10]), atoi2(s[10:12])
	female := day > 40
	if female {
		day -= 40
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return NIK{}, &NIKError{"birthdate"}
	}
	if s[12:] == "0000" {
		return NIK{}, &NIKError{"serial"}
	}
	today := now.In(wib)
	var birth time.Time
	found := false
	for _, century := range []int{2000, 1900} {
		b := time.Date(century+yy, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if b.Day() != day || b.Month() != time.Month(month) {
			return NIK{}, &NIKError{"birthdate"} // 31 April, 29 February in a common year
		}
		if age := ageOn(b, today); age >= MinAge && age <= MaxAge {
			birth, found = b, true
			break
		}
	}
	if !found {
		return NIK{}, &NIKError{"age"}
	}
	return NIK{Number: s, Province: s[:2], Regency: s[:4], District: s[:6], BirthDate: birth, Female: female, Serial: s[12:]}, nil
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// ageOn is the age in whole years on the calendar day of t.
func ageOn(birth, t time.Time) int {
	age := t.Year() - birth.Year()
	if t.Month() < birth.Month() || (t.Month() == birth.Month() && t.Day() < birth.Day()) {
		age--
	}
	return age
}
