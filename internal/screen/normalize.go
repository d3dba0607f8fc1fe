package screen

import (
	"regexp"
	"strings"
	"unicode"
)

// leet maps the digits and signs people put in words to dodge filters
// ("b1aya", "gr4tis", "tr@nsfer") back to letters. Only applied inside
// tokens that also hold letters, so amounts and phone numbers survive.
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's'}

// abbrev expands the everyday short forms of job-group adverts, token by
// token, so a rule is written once in full words.
var abbrev = map[string]string{
	"tdk": "tidak", "tak": "tidak", "gak": "tidak", "ga": "tidak", "nggak": "tidak", "ngga": "tidak", "g": "tidak",
	"tnp": "tanpa", "tanpa": "tanpa", "dgn": "dengan", "dg": "dengan", "yg": "yang", "utk": "untuk", "u": "untuk",
	"thn": "tahun", "th": "tahun", "thun": "tahun", "tahun": "tahun", "yo": "tahun", "yrs": "tahun", "years": "tahun",
	"max": "maks", "maks": "maks", "maksimal": "maks", "maximal": "maks", "maksimum": "maks", "mak": "maks", "maximum": "maks",
	"min": "min", "minimal": "min", "minimum": "min",
	"adm": "administrasi", "admin": "administrasi", "administrasi": "administrasi", "adminstrasi": "administrasi", "admnistrasi": "administrasi",
	"by": "biaya", "bya": "biaya", "biaya": "biaya", "biyaya": "biaya", "biayanya": "biaya",
	"tf": "transfer", "trf": "transfer", "trnsfr": "transfer", "transfer": "transfer", "trasfer": "transfer", "tranfer": "transfer", "ditransfer": "ditransfer",
	"rek": "rekening", "norek": "nomor rekening", "rekening": "rekening", "no": "nomor", "nomer": "nomor", "nmr": "nomor",
	"wa": "whatsapp", "wha": "whatsapp", "whatsapp": "whatsapp", "whatshapp": "whatsapp", "watsap": "whatsapp", "wasap": "whatsapp", "whatapp": "whatsapp",
	"hub": "hubungi", "hubungi": "hubungi", "hbngi": "hubungi", "hubungin": "hubungi",
	"cw": "wanita", "cwe": "wanita", "cewek": "wanita", "cewe": "wanita", "perempuan": "wanita", "female": "wanita", "women": "wanita",
	"cowok": "pria", "cowo": "pria", "laki": "pria", "laki2": "pria", "lakilaki": "pria", "male": "pria", "men": "pria",
	"age": "usia", "below": "dibawah", "under": "dibawah", "byr": "bayar", "sndiri": "sendiri", "sendiri": "sendiri",
	"pddk": "pendidikan", "pend": "pendidikan", "prshn": "perusahaan", "pt": "pt", "perush": "perusahaan",
	"lmr": "lamaran", "lamaran": "lamaran", "sbg": "sebagai", "krn": "karena", "karna": "karena",
	"dr": "dari", "dri": "dari", "sm": "sama", "jg": "juga", "blm": "belum", "blum": "belum", "sdh": "sudah", "udah": "sudah",
	"bb": "berat badan", "tb": "tinggi badan", "kg": "kg", "cm": "cm",
	"mcu": "medical", "medcek": "medical", "medcheck": "medical", "mc": "medical",
	"rb": "ribu", "ribu": "ribu", "k": "ribu", "jt": "juta", "jta": "juta", "juta": "juta",
	"bpk": "bapak", "ibu": "ibu", "tlp": "telepon", "telp": "telepon", "hp": "telepon",
}

var (
	reAmount   = regexp.MustCompile(`\d{1,3}(?:[.,]\d{3})+`)
	reSpace    = regexp.MustCompile(`\s+`)
	reApostBer = regexp.MustCompile(`\bb'\s*`) // "b'penampilan" = "berpenampilan"
	reApostTer = regexp.MustCompile(`\bt'\s*`)
)

// Normalize lowercases s, undoes look-alike digits inside words, joins
// thousands separators of amounts ("500.000" → "500000"), expands everyday
// abbreviations and leaves single spaces between tokens of letters and
// digits. Phone numbers keep their digits ("0812-3456" → "0812 3456").
func Normalize(s string) string {
	s = strings.ToLower(s)
	s = reApostBer.ReplaceAllString(s, "ber")
	s = reApostTer.ReplaceAllString(s, "ter")
	s = reAmount.ReplaceAllStringFunc(s, func(m string) string {
		return strings.NewReplacer(".", "", ",", "").Replace(m)
	})
	var b strings.Builder
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@' || r == '$')
	}) {
		tok = deLeet(tok)
		tok = strings.Trim(tok, "@$")
		if tok == "" {
			continue
		}
		// "500rb", "2jt", "rp500000": split a number from its unit.
		for _, part := range splitNumber(tok) {
			if x, ok := abbrev[part]; ok {
				part = x
			}
			b.WriteString(part)
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(reSpace.ReplaceAllString(b.String(), " "))
}

func deLeet(tok string) string {
	letters, digits := 0, 0
	for _, r := range tok {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	// A token of mostly letters with a few digits is a disguised word;
	// "500rb" or "2jt" (digits first, a unit after) is an amount.
	if letters == 0 || digits == 0 || unicode.IsDigit(rune(tok[0])) && !isLeetWord(tok) {
		return tok
	}
	if tok[0] == 'r' && len(tok) > 2 && tok[1] == 'p' && unicode.IsDigit(rune(tok[2])) {
		return tok // rp500000
	}
	out := []rune(tok)
	for i, r := range out {
		if x, ok := leet[r]; ok {
			out[i] = x
		}
	}
	return string(out)
}

// isLeetWord tells a disguised word that starts with a digit ("4dmin")
// from an amount with a unit ("500rb", "2jt", "25thn").
func isLeetWord(tok string) bool {
	i := 0
	for i < len(tok) && tok[i] >= '0' && tok[i] <= '9' {
		i++
	}
	if i > 1 {
		return false
	}
	_, unit := abbrev[tok[i:]]
	return !unit && len(tok)-i >= 3
}

// splitNumber splits "500rb" into "500", "rb" and "rp500000" into "rp",
// "500000"; other tokens come back whole.
func splitNumber(tok string) []string {
	if strings.HasPrefix(tok, "rp") && len(tok) > 2 && tok[2] >= '0' && tok[2] <= '9' {
		return []string{"rp", tok[2:]}
	}
	i := 0
	for i < len(tok) && tok[i] >= '0' && tok[i] <= '9' {
		i++
	}
	if i == 0 || i == len(tok) {
		return []string{tok}
	}
	return []string{tok[:i], tok[i:]}
}
