package alert_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

func publishedIDs(t *testing.T, d *db.DB) []int64 {
	t.Helper()
	rows, err := d.QueryContext(t.Context(), `SELECT id FROM vacancies WHERE status = 'published' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// searchAll lists every vacancy the database's own text search (FTS5,
// tsvector; a Store without Mem) finds for f, what NewTexts matches.
func searchAll(t *testing.T, a *app.Services, f vacancy.Filter) []int64 {
	t.Helper()
	return allIDs(t, &vacancy.Store{DB: a.Vacancies.DB, Now: a.Vacancies.Now}, f)
}

// allIDs lists, sorted, the ids of every vacancy s.Search finds for f.
func allIDs(t *testing.T, s *vacancy.Store, f vacancy.Filter) []int64 {
	t.Helper()
	var ids []int64
	for page := 1; ; page++ {
		f.Page, f.PerPage, f.Sort = page, vacancy.MaxPerPage, "newest"
		res, err := s.Search(context.Background(), f)
		if err != nil {
			t.Fatalf("search %+v: %v", f, err)
		}
		for _, v := range res.Items {
			ids = append(ids, v.ID)
		}
		if page >= res.Pages() {
			break
		}
	}
	slices.Sort(ids)
	return ids
}

// matchAll lists, sorted, the ids of the docs the predicate of f matches.
func matchAll(t *testing.T, x *alert.Texts, f vacancy.Filter, docs []alert.Doc, today time.Time) []int64 {
	t.Helper()
	p, err := x.Compile(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for j := range docs {
		if p.Match(&docs[j], today) {
			got = append(got, docs[j].ID)
		}
	}
	slices.Sort(got)
	return got
}

// randomFilter draws a filter that often selects something: words, prefixes
// and phrases from the vacancies' own text, codes and wages from their rows.
func randomFilter(r *rand.Rand, docs []alert.Doc, texts [][]string) vacancy.Filter {
	var f vacancy.Filter
	pick := func() int { return r.IntN(len(docs)) }
	if r.IntN(3) > 0 {
		var terms []string
		for range 1 + r.IntN(3) {
			words := texts[pick()]
			if len(words) == 0 {
				continue
			}
			i := r.IntN(len(words))
			w := words[i]
			switch r.IntN(6) {
			case 0: // a prefix
				if rs := []rune(w); len(rs) > 3 {
					w = string(rs[:2+r.IntN(len(rs)-2)])
				}
			case 1: // a phrase
				if i+1 < len(words) {
					w = `"` + w + " " + words[i+1] + `"`
				}
			case 2: // an exclusion
				w = "-" + w
			case 3: // a word no vacancy has
				w = "zzqx" + w
			}
			if r.IntN(4) == 0 {
				w = strings.ToUpper(w)
			}
			terms = append(terms, w)
		}
		f.Q = strings.Join(terms, " ")
	}
	if r.IntN(3) == 0 {
		if r.IntN(2) == 0 {
			f.Region = docs[pick()].Region
		} else {
			rs := ref.Regions()
			f.Region = rs[r.IntN(len(rs))].Code
		}
	}
	if r.IntN(3) == 0 {
		k := docs[pick()].KBJI
		f.KBJI = k[:1+r.IntN(len(k))]
	}
	if r.IntN(3) == 0 {
		es := ref.EducationLevels()
		f.Education = es[r.IntN(len(es))].Code
	}
	if r.IntN(3) == 0 {
		f.MinWage = docs[pick()].WageMax + int64(r.IntN(3)-1)
	}
	if r.IntN(4) == 0 {
		f.Contract = vacancy.Contracts[r.IntN(len(vacancy.Contracts))]
	}
	return f
}

// TestPredicateAgreesWithSearch is the property that makes in-memory
// matching safe: for random filters over the demo's vacancies, a vacancy
// satisfies a saved search's predicate if and only if the database's text
// search (a Store without the in-memory index) lists it, on both
// databases (prefix words on SQLite, Indonesian stems on PostgreSQL).
func TestPredicateAgreesWithSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		apptest.Demo(t, a)
		ctx := t.Context()
		x := alert.NewTexts(d)
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
		r := rand.New(rand.NewPCG(1, 2))
		selected := 0
		for i := range 300 {
			f := randomFilter(r, docs, texts)
			if err := f.Normalize(); err != nil {
				t.Fatalf("filter %+v: %v", f, err)
			}
			want, got := searchAll(t, a, f), matchAll(t, x, f, docs, today)
			if !slices.Equal(got, want) {
				t.Fatalf("filter %d %+v: predicate %v, search %v", i, f, got, want)
			}
			if len(want) > 0 && len(want) < len(docs) {
				selected++
			}
		}
		// The property says little if every filter selected all or nothing.
		if selected < 60 {
			t.Fatalf("only %d of 300 filters selected some but not all vacancies", selected)
		}
	})
}

func regionNameOf(code string) string {
	if r, ok := ref.RegionByCode(code); ok {
		return r.Name
	}
	return ""
}
