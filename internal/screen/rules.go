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

// The fee rule reads a sentence in three steps. A sentence that warns
// against fees or says the employer pays is lawful. Otherwise a demand
// phrase (a fee by its name: "uang administrasi", "DP", "dibayar pelamar")
// trips it unless a negation stands just before; a money word ("biaya",
// "transfer", "bayar", "administrasi") trips it only next to an amount or
// to the applicant, because the same words describe wages and duties
// ("gaji ditransfer", "laporan biaya produksi").

// feeNamed are fees by their name: enough on their own.
var feeNamed = []string{
	"uang administrasi", "uang pendaftaran", "uang seragam", "uang jaminan", "uang pelicin", "uang muka",
	"uang medical", "uang pelatihan", "uang training", "uang tanda", "uang rokok", "uang kontrak", "uang formulir",
	"uang titipan", "dp", "deposit", "dibayar pelamar", "ditanggung pelamar", "dibebankan kepada pelamar",
	"dibayar peserta", "dibayar pekerja", "dibayar kurir", "ditanggung karyawan", "ditanggung pekerja",
	"bayar sendiri", "biaya sendiri", "dibayar sendiri", "membayar sendiri", "beli sendiri", "membeli sendiri",
	"berbayar", "registration fee", "uniform fee", "fee penempatan", "placement fee", "uang cash",
	"biaya administrasi", "biaya pendaftaran", "biaya proses", "biaya penempatan", "biaya pelatihan",
	"biaya training", "biaya tes", "biaya medical", "biaya seragam", "biaya pemberkasan", "biaya registrasi",
	"biaya pengurusan", "biaya pembuatan", "biaya diklat", "biaya keberangkatan", "biaya penyalur", "biaya psikotes",
	"biaya id", "biaya kartu", "biaya swab", "biaya verifikasi", "jasa penyaluran", "uang jasa", "siapkan dana",
	"menitipkan uang", "setor", "menyetor", "melunasi", "pelunasan", "jalur orang dalam", "pasti masuk", "dijamin lolos",
}

// feeMoney are money words that need an amount or the applicant nearby.
var feeMoney = []string{
	"biaya", "administrasi", "transfer", "mentransfer", "bayar", "membayar", "pembayaran", "rekening", "fee",
	"pay", "menanggung", "dipotong", "ovo", "gopay", "qris", "wallet",
}

// feePrice are words that ask for money only beside an amount ("proses
// masuk 3 juta", "1 juta langsung kerja").
var feePrice = []string{"jaminan", "proses", "masuk", "langsung kerja", "seharga", "beli", "dana", "tanda", "lolos"}

// feeLawful are sentences about fees that are not demands: warnings, the
// employer paying, and the wage or the job's own money flows.
var feeLawful = []string{
	"gratis", "penipuan", "waspada", "hati hati", "laporkan", "tolak", "tidak pernah", "never", "bukan dari kami",
	"ditanggung perusahaan", "ditanggung oleh perusahaan", "oleh perusahaan", "dibayar perusahaan", "dari perusahaan",
	"perusahaan menanggung", "dibiayai perusahaan", "diganti perusahaan", "disediakan perusahaan", "no fees", "rp 0",
}

// feeJob are the wage and the job's own money flows: a money word next to
// one of them ("gaji ditransfer", "pembayaran ke pemasok") asks nothing of
// the applicant.
var feeJob = []string{
	"gaji", "upah", "payroll", "nasabah", "pelanggan", "pemasok", "vendor", "antar bank", "antar gudang", "bonus",
	"insentif", "dinas", "produksi", "tol", "pajak",
}

// feeApplicant names who pays when a money word has no amount.
var feeApplicant = []string{"pelamar", "peserta", "calon", "applicants", "kamu", "dulu", "di muka", "di awal", "sendiri"}

var feeNegation = []string{"tanpa", "tidak", "bebas", "free", "non", "no", "bukan", "jangan", "dilarang"}

// lawfulMoney are allowances and benefits named "uang …".
var lawfulMoney = map[string]bool{"makan": true, "transport": true, "lembur": true, "shift": true, "saku": true,
	"hadir": true, "kerajinan": true, "service": true, "pensiun": true, "cuti": true, "pesangon": true, "duka": true}

// amountAt reports whether an amount of money starts at token i: "rp N",
// "N ribu", "N juta" or a bare number of at least 10,000.
func (t text) amountAt(i int) bool {
	if i < 0 || i >= len(t.toks) {
		return false
	}
	w := t.toks[i]
	if w == "rp" || w == "idr" {
		return i+1 < len(t.toks) && isNum(t.toks[i+1]) && num(t.toks[i+1]) > 0
	}
	if !isNum(w) || num(w) == 0 {
		return false
	}
	if num(w) >= 10000 && !(len(w) >= 10 && w[0] == '0') { // not a phone number
		return true
	}
	for k := i + 1; k < len(t.toks) && k <= i+2; k++ {
		if t.toks[k] == "ribu" || t.toks[k] == "juta" {
			return true
		}
	}
	return false
}

func (t text) amountNear(i, before, after int) bool {
	for k := max(0, i-before); k <= i+after && k < len(t.toks); k++ {
		if t.amountAt(k) {
			return true
		}
	}
	return false
}

func fee(t text) bool {
	if t.has(feeLawful...) {
		return false
	}
	for _, w := range feeNamed {
		for _, i := range t.all(w) {
			if !t.near(i, 2, 0, feeNegation...) {
				return true
			}
		}
	}
	// "uang X" that is no allowance, with an amount: "uang cash 500 ribu".
	for _, i := range t.all("uang") {
		if i+1 < len(t.toks) && !lawfulMoney[t.toks[i+1]] && t.amountNear(i, 0, 5) && !t.near(i, 2, 0, feeNegation...) {
			return true
		}
	}
	for _, w := range feeMoney {
		for _, i := range t.all(w) {
			if t.near(i, 2, 0, feeNegation...) || t.near(i, 4, 4, feeJob...) {
				continue
			}
			if t.amountNear(i, 5, 5) || t.near(i, 6, 6, feeApplicant...) {
				return true
			}
		}
	}
	for _, w := range feePrice {
		for _, i := range t.all(w) {
			if !t.near(i, 2, 0, feeNegation...) && !t.near(i, 4, 4, feeJob...) && t.amountNear(i, 5, 5) {
				return true
			}
		}
	}
	// A long number after a bank or "rekening" is an account to pay into.
	for _, w := range []string{"rekening", "bca", "bri", "bni", "mandiri", "dana", "ovo"} {
		for _, i := range t.all(w) {
			for k := i + 1; k < len(t.toks) && k <= i+4; k++ {
				if t.near(i, 4, 4, feeJob...) {
					break
				}
				if isNum(t.toks[k]) && len(t.toks[k]) >= 8 && t.toks[k][0] != '0' || t.toks[k] == "nomor" && t.near(k, 0, 3, "rekening") {
					return true
				}
			}
		}
	}
	return false
}

// inclusive sentences state an open door ("semua agama, suku ... diterima",
// "tanpa membedakan jenis kelamin"): no discrimination rule reads them.
func inclusive(t text) bool {
	return t.has("semua", "tanpa membedakan", "tidak membedakan", "keberagaman", "apa pun", "maupun")
}

func age(t text) bool {
	for _, i := range append(t.all("usia"), t.all("umur")...) {
		if t.near(i, 0, 4, "maks", "dibawah", "di bawah", "tidak lebih", "kurang dari", "paling tinggi") ||
			t.near(i, 1, 0, "maks") {
			return true
		}
		// "usia 18 - 25 tahun", "umur 18 s.d. 30": a range has an upper end.
		for k := i + 1; k < len(t.toks) && k <= i+4; k++ {
			if !isNum(t.toks[k]) || num(t.toks[k]) < 14 || num(t.toks[k]) > 70 {
				continue
			}
			for m := k + 1; m < len(t.toks) && m <= k+3; m++ {
				if isNum(t.toks[m]) && num(t.toks[m]) >= 14 && num(t.toks[m]) <= 70 {
					return true
				}
			}
			break
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
	if inclusive(t) {
		return false
	}
	return t.has("belum menikah", "belum kawin", "single", "lajang", "tidak menikah", "sudah menikah", "status menikah",
		"tidak hamil", "tidak sedang hamil", "janda", "duda", "unmarried")
}

func appearance(t text) bool {
	return t.has("penampilan menarik", "berpenampilan menarik", "good looking", "goodlooking", "cantik", "ganteng",
		"tampan", "wajah menarik", "paras", "kulit putih", "menarik secara fisik", "attractive")
}

func body(t text) bool {
	if t.has("tinggi badan", "berat badan", "badan ideal", "proporsional", "postur") {
		return true
	}
	// "tinggi min 160 cm", "tinggi 170": a height asked of the person.
	for _, i := range t.all("tinggi") {
		for k := i + 1; k < len(t.toks) && k <= i+2; k++ {
			if isNum(t.toks[k]) && num(t.toks[k]) >= 140 && num(t.toks[k]) <= 200 {
				return true
			}
		}
	}
	return false
}

func religion(t text) bool {
	if inclusive(t) {
		return false
	}
	return t.has("beragama", "agama islam", "agama kristen", "muslim", "muslimah", "nasrani", "kristiani", "non muslim",
		"seiman", "berjilbab", "berhijab", "hindu", "buddha")
}

func ethnicity(t text) bool {
	if inclusive(t) {
		return false
	}
	return t.has("suku", "etnis", "pribumi", "keturunan", "tionghoa", "chinese", "ras")
}

func sex(t text) bool {
	if inclusive(t) {
		return false
	}
	p := t.has("pria")
	w := t.has("wanita") || t.has("muslimah") && !t.has("muslim")
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
	for _, w := range []string{"whatsapp", "hubungi", "japri", "inbox", "dm", "email", "sms", "telepon", "chat"} {
		for _, i := range t.all(w) {
			if !t.near(i, 6, 0, "jangan", "tidak", "bukan") {
				return true
			}
		}
	}
	return false
}
