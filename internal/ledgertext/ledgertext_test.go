package ledgertext_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ledgertext"
)

// TestEveryKindHasSentence fails when a kind the log writes (ledger.Kinds,
// itself checked against the package's constants) has no sentence or no
// short name in Indonesian or English. Other features add kinds: this is
// what tells them to say their records in words.
func TestEveryKindHasSentence(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ledger.Kinds() {
		for _, lang := range i18n.Langs {
			if !c.Has(lang, ledgertext.KeyPrefix+k) {
				t.Errorf("kind %s: no sentence %s%s in %s", k, ledgertext.KeyPrefix, k, lang)
			}
			if !c.Has(lang, "ledger.kind."+k) {
				t.Errorf("kind %s: no short name ledger.kind.%s in %s", k, k, lang)
			}
		}
	}
}

// TestNoKindOutsideTheList: a record kind written as a literal anywhere
// (ledger.Entry{Kind: "employer.verified", …}) instead of a constant of
// package ledger is in ledger.Kinds too, so it has its sentence.
func TestNoKindOutsideTheList(t *testing.T) {
	lit := regexp.MustCompile(`ledger\.Entry\{\s*Kind:\s*"([^"]+)"`)
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(ledger.Kinds(), m[1]) {
				t.Errorf("%s writes kind %q, which is not in ledger.Kinds()", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSentences says every record of the demo province's log in both
// languages: each is a whole sentence with no placeholder left, names the
// objects from the record or public tables, links them, and a kind nobody
// taught the catalog gets a neutral sentence.
func TestSentences(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		items, err := ledger.List(ctx, d, ledger.Filter{Limit: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		s := &ledgertext.Sayer{DB: d, Catalog: a.Catalog}
		seen := map[string]bool{}
		patterns := map[string]map[string]*regexp.Regexp{
			"id": {
				ledger.VacancyPublished:    regexp.MustCompile(`^Lowongan .+ \(.+, (Kabupaten|Kota) [^,()]+\) dibuka: \d+ orang, Rp [\d.]+(–[\d.]+)?( per (hari|jam)| per hari \(borongan\))?, tutup \d+ \S+ \d{4}\.$`),
				ledger.ApplicationReceived: regexp.MustCompile(`^Satu lamaran masuk ke lowongan [^#]+ \(.+\)\.$`),
				ledger.ApplicationDecided:  regexp.MustCompile(`^Keputusan seleksi di lowongan [^#]+ \(.+\): satu pelamar [a-z ]+\.$`),
				ledger.SeatAllocated:       regexp.MustCompile(`^Pembagian kursi gelombang [^#]+: satu pendaftar (mendapat kursi [^#]+|belum mendapat kursi)\.$`),
				ledger.RoundAllocated:      regexp.MustCompile(`^Gelombang pelatihan [^#]+ dibagi: \d+ dari \d+ kursi terisi, \d+ pendaftar \(benih undian dibuka: [0-9a-f]{12}…\)\. [^#]+: \d+ dari \d+ kursi.*\.$`),
				ledger.ComplaintReceived:   regexp.MustCompile(`^Satu pengaduan masuk\.`),
			},
			"en": {
				ledger.VacancyPublished:    regexp.MustCompile(`^Vacancy .+ \(.+, (Kabupaten|Kota) [^,()]+\) opened: \d+ people, Rp [\d.]+(–[\d.]+)?( an? (day|hour)| a day \(piece rate\))?, closes \d+ [A-Z][a-z]+ \d{4}\.$`),
				ledger.ApplicationReceived: regexp.MustCompile(`^An application arrived for vacancy [^#]+ \(.+\)\.$`),
			},
		}
		for _, lang := range i18n.Langs {
			lines, err := s.Say(ctx, lang, items)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range lines {
				seen[l.Kind] = true
				if strings.ContainsAny(l.Text, "{}") || strings.Contains(l.Text, "#") {
					t.Fatalf("%s record %d: %q leaves something unsaid", lang, l.N, l.Text)
				}
				if re := patterns[lang][l.Kind]; re != nil && !re.MatchString(l.Text) {
					t.Fatalf("%s record %d (%s): %q does not match %s", lang, l.N, l.Kind, l.Text, re)
				}
				if strings.HasPrefix(l.Kind, "vacancy.") || strings.HasPrefix(l.Kind, "application.") {
					if !strings.Contains(l.HTML, `<a href="/lowongan/`) || !strings.HasPrefix(l.URL, "/lowongan/") {
						t.Fatalf("record %d: no link to its vacancy: %s", l.N, l.HTML)
					}
				}
				if strings.HasPrefix(l.Kind, "training.") && !strings.Contains(l.HTML, `<a href="/pelatihan/gelombang/`) {
					t.Fatalf("record %d: no link to its round: %s", l.N, l.HTML)
				}
			}
		}
		for _, k := range []string{ledger.VacancyPublished, ledger.ApplicationReceived, ledger.ApplicationDecided,
			ledger.RoundOpened, ledger.SeatAllocated, ledger.RoundAllocated, ledger.ComplaintReceived} {
			if !seen[k] {
				t.Errorf("the demo log has no %s record to say", k)
			}
		}
		// An application record names its vacancy from the public table.
		var vid int64
		var title string
		if err := d.QueryRowContext(ctx, `SELECT v.id, v.title FROM applications a JOIN vacancies v ON v.id = a.vacancy_id ORDER BY a.id LIMIT 1`).Scan(&vid, &title); err != nil {
			t.Fatal(err)
		}
		h, err := ledger.History(ctx, d, ledger.RefOf(ledger.ObjVacancy, vid))
		if err != nil {
			t.Fatal(err)
		}
		lines, err := s.Say(ctx, "id", h)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, l := range lines {
			if l.Kind == ledger.ApplicationReceived {
				found = true
				if !strings.Contains(l.Text, title) {
					t.Errorf("%q does not name vacancy %q", l.Text, title)
				}
			}
		}
		if !found {
			t.Errorf("vacancy %d has applications but no application record in its history", vid)
		}
		// Text is escaped in the HTML form.
		odd, err := s.Say(ctx, "id", []ledger.Item{{N: 1, Kind: "employer.<b>", Data: []byte(`{"kind":"employer.<b>"}`)}})
		if err != nil {
			t.Fatal(err)
		}
		if odd[0].Text != "Catatan jenis employer.<b>." || strings.Contains(odd[0].HTML, "<b>") {
			t.Errorf("unknown kind: %q / %q", odd[0].Text, odd[0].HTML)
		}
	})
}
