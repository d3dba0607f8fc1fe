package screen

import (
	"reflect"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"B1AYA ADM1N 300RB":     "biaya administrasi 300 ribu",
		"by adm Rp 500.000":     "biaya administrasi rp 500000",
		"b'penampilan menarik":  "berpenampilan menarik",
		"tf ke no rek 123":      "transfer ke nomor rekening 123",
		"WA 0812-3456-7890":     "whatsapp 0812 3456 7890",
		"usia maks 25thn":       "usia maks 25 tahun",
		"gr4tis tanpa biaya!!!": "gratis tanpa biaya",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIssueAdvert is the advert that went live in issue 15, and variants.
func TestIssueAdvert(t *testing.T) {
	for _, s := range []string{
		"Biaya administrasi Rp 500.000 untuk seragam dan medical check up dibayar pelamar. Hubungi WA 0812-5555-1234.",
		"by adm 500rb utk seragam & mcu, tf ke rek bca",
		"Uang adm 500k (seragam+medical) dibayar pelamar",
		"BIAYA ADMINISTRASI 500.000",
	} {
		f := Check(Input{Title: "Operator produksi", Description: s})
		if !Hold(f) {
			t.Errorf("not held: %q (flags %v)", s, f)
		}
	}
	for _, s := range []string{
		"Melamar gratis, tidak dipungut biaya. BPJS ditanggung perusahaan, uang makan dan tunjangan transport.",
		"Tanpa biaya apa pun. Gaji ditransfer ke rekening karyawan.",
	} {
		if f := Check(Input{Title: "Operator produksi", Description: s}); len(f) != 0 {
			t.Errorf("lawful text flagged: %q: %v", s, f)
		}
	}
}

func TestCheckFieldsAndRedact(t *testing.T) {
	desc := "Operator produksi shift.\nSyarat: wanita, usia maks 25 thn. Pendidikan SMK.\nKirim CV via WA 0812-1111-2222."
	f := Check(Input{Title: "Operator", Description: desc, AgeMax: 25})
	var codes []string
	for _, x := range f {
		codes = append(codes, x.Code+"/"+x.Field)
	}
	want := []string{"age/description", "sex/description", "contact/description", "age/age_max"}
	if !reflect.DeepEqual(codes, want) {
		t.Fatalf("codes %v, want %v", codes, want)
	}
	if Hold(f) {
		t.Error("discrimination and contact must not hold")
	}
	hide := map[string]bool{}
	for _, x := range f {
		hide[x.Detail] = true
	}
	got := Redact(desc, hide)
	if want := "Operator produksi shift.\nPendidikan SMK."; got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
	if f := Check(Input{Title: "Operator wanita max 25 thn", Description: "Pabrik di Cikande, gaji UMK, BPJS."}); len(f) != 2 || f[0].Field != FieldTitle {
		t.Errorf("title flags: %v", f)
	}
}

func TestMark(t *testing.T) {
	text := "Pabrik baja. Usia maks 25 tahun! Gaji UMK."
	got := Mark(text, map[string]bool{"Usia maks 25 tahun": true})
	want := []Piece{{"Pabrik baja. ", false}, {"Usia maks 25 tahun", true}, {"! Gaji UMK.", false}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Mark = %#v", got)
	}
}
