package alert_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// listAll lists every vacancy the list (the forgiving in-memory index)
// finds for f.
func listAll(t *testing.T, a *app.Services, f vacancy.Filter) []int64 {
	t.Helper()
	return allIDs(t, a.Vacancies, f)
}

// forgivingWords are what workers type that only the forgiving search
// finds: derived forms, synonyms and English, typos, starts of words, and
// look-alikes it must not confuse.
var forgivingWords = []string{"penjahit", "jahit", "security", "satpam", "welder", "tukang las", "juru las", "pengelasan",
	"las", "opertor", "operatr", "cleaning service", "kebersihan", "driver", "sopir", "pengemudi", "admin",
	"staf administrasi", "gudang", "pergudangan", "forklift", "opera", "produksi", "\"operator produksi\"", "-operator",
	"kasir", "pramuniaga", "perawat", "helper", "mesin", "lasting", "kelas"}

// TestForgivingPredicateAgreesWithSearch: with the list's store, a saved
// search's predicate selects exactly what the forgiving list shows, for
// random filters mixing the demo's own words and forgiving ones, on both
// databases.
func TestForgivingPredicateAgreesWithSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		apptest.Demo(t, a)
		a.Vacancies.Cache = nil // every answer from the index itself
		ctx := t.Context()
		x := alert.NewListTexts(a.Vacancies)
		docs, err := x.Load(ctx, publishedIDs(t, d))
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) < 20 {
			t.Fatalf("only %d vacancies", len(docs))
		}
		texts := make([][]string, len(docs))
		for i, dc := range docs {
			texts[i] = textsearch.Tokens(dc.Title + " " + dc.Employer + " " + regionNameOf(dc.Region))
		}
		today := wib.Date(clk.T)
		r := rand.New(rand.NewPCG(3, 4))
		selected := 0
		for i := range 300 {
			f := randomFilter(r, docs, texts)
			switch r.IntN(3) {
			case 0:
				f.Q = forgivingWords[r.IntN(len(forgivingWords))]
			case 1:
				f.Q = forgivingWords[r.IntN(len(forgivingWords))] + " " + forgivingWords[r.IntN(len(forgivingWords))]
			}
			if err := f.Normalize(); err != nil {
				t.Fatalf("filter %+v: %v", f, err)
			}
			want, got := listAll(t, a, f), matchAll(t, x, f, docs, today)
			if !slices.Equal(got, want) {
				t.Fatalf("filter %d %+v: predicate %v, list %v", i, f, got, want)
			}
			if len(want) > 0 && len(want) < len(docs) {
				selected++
			}
		}
		if selected < 60 {
			t.Fatalf("only %d of 300 filters selected some but not all vacancies", selected)
		}
	})
}

// TestInstantAlertForgives: an instant alert for "penjahit" fires for a
// new "Operator Jahit" as the list finds it, one for "security" for a new
// "Satpam", and neither for a shoe factory's "Operator Lasting" (issue 13:
// alerts match the way the list does), on both databases.
func TestInstantAlertForgives(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		apptest.Demo(t, a)
		ctx := t.Context()
		seeker := user(t, a, "pencari@bursa.test")
		other := user(t, a, apptest.OtherSeeker(t, a))
		hr := user(t, a, "perusahaan@bursa.test")
		if _, err := a.Alerts.Save(ctx, seeker, alert.Input{Filter: vacancy.Filter{Q: "penjahit"}, Alert: alert.Instant}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Alerts.Save(ctx, other, alert.Input{Filter: vacancy.Filter{Q: "security"}, Alert: alert.Instant}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Alerts.RunInstant(ctx); err != nil { // sets the mark
			t.Fatal(err)
		}
		clk.T = clk.T.Add(10 * time.Second)
		jahit := publish(t, a, hr, "Operator Jahit Garmen", "8153", nil)
		satpam := publish(t, a, hr, "Satpam Pabrik", "5414", nil)
		publish(t, a, hr, "Operator Lasting Sepatu", "8156", nil)
		clk.T = clk.T.Add(3 * time.Second)
		if n, err := a.Alerts.RunInstant(ctx); err != nil || n != 2 {
			t.Fatalf("instant run: %d %v", n, err)
		}
		if got := notices(t, d, seeker.ID, "lowongan_baru"); len(got) != 1 {
			t.Fatalf("penjahit: %q", got)
		}
		var title string
		if err := d.QueryRowContext(ctx, `SELECT title FROM notifications WHERE user_id = ? AND kind = 'lowongan_baru'`, seeker.ID).Scan(&title); err != nil ||
			!contains(title, jahit.Title) {
			t.Fatalf("penjahit's notice: %q %v", title, err)
		}
		if err := d.QueryRowContext(ctx, `SELECT title FROM notifications WHERE user_id = ? AND kind = 'lowongan_baru'`, other.ID).Scan(&title); err != nil ||
			!contains(title, satpam.Title) {
			t.Fatalf("security's notice: %q %v", title, err)
		}
		// The list agrees.
		for q, want := range map[string]int64{"penjahit": jahit.ID, "security": satpam.ID} {
			if ids := listAll(t, a, vacancy.Filter{Q: q}); !slices.Contains(ids, want) {
				t.Errorf("the list for %q misses %d: %v", q, want, ids)
			}
		}
	})
}
