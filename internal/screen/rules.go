package screen

import (
	"regexp"
	"strings"
)

// text is one normalised sentence, as tokens, with the raw sentence kept
// for the patterns that need punctuation (e-mail addresses, wa.me links).
type text struct {
	raw  string
	toks []string
}

func (t text) has(words ...string) bool {
	for _, w := range words {
		if t.index(w, 0) >= 0 {
			return true
		}
	}
	return false
}

// index returns where phrase (space-separated tokens) starts at or after
// from, or -1.
func (t text) index(phrase string, from int) int {
	p := strings.Fields(phrase)
	for i := from; i+len(p) <= len(t.toks); i++ {
		ok := true
		for j := range p {
			if t.toks[i+j] != p[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// all returns every start of phrase.
func (t text) all(phrase string) []int {
	var out []int
	for i := t.index(phrase, 0); i >= 0; i = t.index(phrase, i+1) {
		out = append(out, i)
	}
	return out
}

// near reports whether any of words occurs within n tokens of position i
// (before: before it; after: after it).
func (t text) near(i, before, after int, words ...string) bool {
	lo, hi := max(0, i-before), min(len(t.toks), i+after+1)
	for k := lo; k < hi; k++ {
		for _, w := range words {
			p := strings.Fields(w)
			if k+len(p) > len(t.toks) {
				continue
			}
			ok := true
			for j := range p {
				if t.toks[k+j] != p[j] {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func isNum(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func num(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
		if n > 1_000_000_000 {
			return n
		}
	}
	return n
}

// checkText returns the codes sentence s trips.
func checkText(s string) []string {
	t := text{raw: strings.ToLower(s), toks: strings.Fields(Normalize(s))}
	var out []string
	for _, r := range []struct {
		code string
		f    func(text) bool
	}{
		{Fee, fee}, {Age, age}, {Marital, marital}, {Appearance, appearance}, {Body, body},
		{Religion, religion}, {Ethnicity, ethnicity}, {Sex, sex}, {Contact, contact},
	} {
		if r.f(t) {
			out = append(out, r.code)
		}
	}
	return out
}

// feeWords ask for money; each is checked for a lawful reading around it.
var feeWords = []string{
	"biaya", "uang administrasi", "uang pendaftaran", "uang seragam", "uang jaminan", "uang pelicin", "uang muka",
	"uang medical", "uang pelatihan", "uang training", "uang tanda jadi", "uang rokok", "uang kontrak", "uang formulir",
	"dp", "transfer", "jaminan", "dibayar pelamar", "ditanggung pelamar", "bayar sendiri", "nomor rekening", "rekening",
	"setor", "bayar", "membayar", "pembayaran", "dipungut", "pungutan", "fee",
}

var feeNegation = []string{"tanpa", "tidak", "bebas", "free", "non", "no", "bukan", "jangan", "dilarang"}

func fee(t text) bool {
	if t.has("gratis") {
		return false
	}
	for _, w := range feeWords {
		for _, i := range t.all(w) {
			if t.near(i, 3, 0, feeNegation...) {
				continue
			}
			if t.near(i, 0, 5, "ditanggung perusahaan", "dari perusahaan", "oleh perusahaan", "ditanggung pt", "dibayar perusahaan") {
				continue
			}
			return true
		}
	}
	return false
}

func age(t text) bool {
	for _, i := range append(t.all("usia"), t.all("umur")...) {
		if t.near(i, 0, 4, "maks", "dibawah", "di bawah", "tidak lebih", "kurang dari", "paling tinggi") {
			return true
		}
		// "usia 18 25 tahun": a range has an upper end.
		for k := i + 1; k+1 < len(t.toks) && k <= i+4; k++ {
			if isNum(t.toks[k]) && isNum(t.toks[k+1]) {
				return true
			}
		}
	}
	for _, i := range t.all("maks") {
		if i+1 < len(t.toks) && isNum(t.toks[i+1]) && t.near(i, 0, 3, "tahun") {
			return true
		}
	}
	return false
}

func marital(t text) bool {
	return t.has("belum menikah", "belum kawin", "single", "lajang", "tidak menikah", "sudah menikah", "status menikah",
		"tidak hamil", "tidak sedang hamil", "janda", "duda", "unmarried")
}

func appearance(t text) bool {
	return t.has("penampilan menarik", "berpenampilan menarik", "good looking", "goodlooking", "cantik", "ganteng",
		"tampan", "wajah menarik", "paras", "kulit putih", "menarik secara fisik")
}

func body(t text) bool {
	if t.has("tinggi badan", "berat badan", "badan ideal", "proporsional", "postur") {
		return true
	}
	for i, w := range t.toks {
		if (w == "cm" || w == "kg") && i > 0 && isNum(t.toks[i-1]) {
			return true
		}
	}
	return false
}

func religion(t text) bool {
	return t.has("beragama", "agama islam", "agama kristen", "muslim", "muslimah", "nasrani", "kristiani", "non muslim",
		"seiman", "berjilbab", "berhijab", "hindu", "buddha")
}

func ethnicity(t text) bool {
	return t.has("suku", "etnis", "pribumi", "keturunan", "tionghoa", "chinese", "ras")
}

func sex(t text) bool {
	p, w := t.has("pria"), t.has("wanita")
	return p != w
}

var (
	rePhone = regexp.MustCompile(`(\+?62|\b0)\s?8[\d\s.\-]{7,16}\d|08\d{2}[\s\-.]?x{2,}`)
	reEmail = regexp.MustCompile(`[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`)
	reLink  = regexp.MustCompile(`wa\.me|bit\.ly|t\.me|linktr\.ee|forms\.gle|s\.id/`)
)

func contact(t text) bool {
	if rePhone.MatchString(t.raw) || reEmail.MatchString(t.raw) || reLink.MatchString(t.raw) {
		return true
	}
	return t.has("whatsapp", "hubungi", "japri", "inbox", "dm", "email", "sms", "telepon")
}
