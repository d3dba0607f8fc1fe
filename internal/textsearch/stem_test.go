package textsearch

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestStem(t *testing.T) {
	s := DefaultStemmer()
	for in, want := range map[string]string{
		// The examples.
		"penjahit": "jahit", "menjahit": "jahit", "jahitan": "jahit", "pengelasan": "las", "mengelas": "las",
		"las": "las", "lasting": "lasting",
		// Prefixes with the swallowed letter put back.
		"pengemudi": "kemudi", "penyimpanan": "simpan", "pemasaran": "pasar", "penerimaan": "terima",
		"pemotongan": "potong", "pemrograman": "program", "menyusun": "susun", "pengiriman": "kirim",
		// Confixes.
		"kebersihan": "bersih", "keamanan": "aman", "pertanian": "tani", "perikanan": "ikan",
		"pekerjaan": "kerja", "perawatan": "rawat", "perawat": "perawat", "keperawatan": "perawat", "pelayanan": "layan", "penjualan": "jual",
		// Suffixes and particles.
		"gudangnya": "gudang", "kerjalah": "kerja", "makanan": "makan",
		// ber-, ter-, di-, two prefixes.
		"bekerja": "kerja", "bersertifikat": "sertifikat", "terbatas": "batas", "dibayar": "bayar",
		"kepemimpinan": "pimpin",
		// Roots that only look derived stay whole.
		"kelas": "kelas", "beban": "beban", "sepatu": "sepatu", "pesan": "pesan", "operator": "operator",
		"produksi": "produksi", "satpam": "satpam", "mesin": "mesin",
		// Unknown words stay as typed.
		"welder": "welder", "pengxyz": "pengxyz", "k3": "k3",
	} {
		if got := s.Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStemReferenceWords: every Indonesian word in the shipped occupation
// and skill lists stems either to itself or to a listed root, and never to
// something so short it would match unrelated words.
func TestStemReferenceWords(t *testing.T) {
	s := DefaultStemmer()
	n := 0
	for _, file := range []string{"../ref/data/kbji.txt", "../ref/data/skills.txt"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") || !strings.Contains(line, "|") {
				continue
			}
			for _, w := range Tokens(strings.Split(line, "|")[1]) {
				st := s.Stem(w)
				if st != w {
					n++
					if (!s.IsRoot(st) && s.fixed[w] != st) || len(st) < 2 {
						t.Errorf("%s: %q stems to %q, not a root", file, w, st)
					}
				}
			}
		}
		f.Close()
	}
	if n < 100 {
		t.Errorf("only %d reference words stemmed: the root list is missing roots", n)
	}
}
