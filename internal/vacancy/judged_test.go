package vacancy_test

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// judgedQuery is one line of testdata/search/judged.txt.
type judgedQuery struct {
	section, q string
	want       []string // keys
}

func readLines(t *testing.T, path string, fn func(section, line string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "# ---") {
			section = strings.TrimSpace(strings.TrimPrefix(line, "# ---"))
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(section, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// searchMetrics are the judged set's figures for one search.
type searchMetrics struct {
	recall, precision float64 // macro means at 10
	zero              int     // queries with no result
	bySection         map[string][2]float64
	misses            []string
}

// judge runs every query through search and scores the first ten results.
func judge(t *testing.T, search func(q string) ([]int64, error), qs []judgedQuery, keyOf map[int64]string) searchMetrics {
	t.Helper()
	m := searchMetrics{bySection: map[string][2]float64{}}
	counts := map[string]int{}
	for _, jq := range qs {
		ids, err := search(jq.q)
		if err != nil {
			t.Fatalf("%q: %v", jq.q, err)
		}
		hit := 0
		var got []string
		for _, id := range ids {
			k := keyOf[id]
			got = append(got, k)
			if slices.Contains(jq.want, k) {
				hit++
			}
		}
		r := float64(hit) / float64(min(len(jq.want), 10))
		p := 0.0
		if len(ids) > 0 {
			p = float64(hit) / float64(len(ids))
		} else {
			m.zero++
		}
		m.recall += r
		m.precision += p
		s := m.bySection[jq.section]
		m.bySection[jq.section] = [2]float64{s[0] + r, s[1] + p}
		counts[jq.section]++
		if r < 1 || p < 1 {
			m.misses = append(m.misses, fmt.Sprintf("%q: got %v, want %v", jq.q, got, jq.want))
		}
	}
	m.recall /= float64(len(qs))
	m.precision /= float64(len(qs))
	for s, v := range m.bySection {
		m.bySection[s] = [2]float64{v[0] / float64(counts[s]), v[1] / float64(counts[s])}
	}
	return m
}

// TestJudgedSearch measures recall@10 and precision@10 over the judged set
// (testdata/search: a fixed corpus of 109 vacancies and 132 queries with
// the vacancies that answer them), for the forgiving in-memory search and,
// for comparison, for the database's own text index (the search before
// stems, synonyms and typo tolerance), on both databases. Recall@10 is the
// share of a query's relevant vacancies (at most ten) among its first ten
// results; precision@10 the share of those results that are relevant (0
// when there are none). Both are means over the queries.
func TestJudgedSearch(t *testing.T) {
	var keys []string
	inputs := map[string][4]string{}
	readLines(t, "testdata/search/corpus.txt", func(_, line string) {
		f := strings.SplitN(line, "|", 5)
		if len(f) != 5 {
			t.Fatalf("corpus line %q", line)
		}
		keys = append(keys, f[0])
		inputs[f[0]] = [4]string{f[1], f[2], f[3], f[4]}
	})
	var qs []judgedQuery
	readLines(t, "testdata/search/judged.txt", func(section, line string) {
		q, want, ok := strings.Cut(line, "|")
		if !ok {
			t.Fatalf("judged line %q", line)
		}
		jq := judgedQuery{section: section, q: strings.TrimSpace(q)}
		for _, w := range strings.Fields(want) {
			n := len(jq.want)
			for _, k := range keys {
				if k == w || (strings.HasSuffix(w, "*") && strings.HasPrefix(k, strings.TrimSuffix(w, "*"))) {
					jq.want = append(jq.want, k)
				}
			}
			if len(jq.want) == n {
				t.Fatalf("judged %q: %q names no vacancy", jq.q, w)
			}
		}
		qs = append(qs, jq)
	})
	if len(qs) < 100 {
		t.Fatalf("%d judged queries, want at least 100", len(qs))
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		keyOf := map[int64]string{}
		for _, k := range keys {
			in := f.input()
			v := inputs[k]
			in.KBJI, in.Education, in.Title, in.Description = v[0], v[1], v[2], v[3]
			got, err := f.vs.Create(f.ctx, f.hr, in, true)
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			keyOf[got.ID] = k
		}
		run := func(s *vacancy.Store) func(string) ([]int64, error) {
			return func(q string) ([]int64, error) {
				res, err := s.Search(f.ctx, vacancy.Filter{Q: q, PerPage: 10})
				var ids []int64
				for _, v := range res.Items {
					ids = append(ids, v.ID)
				}
				return ids, err
			}
		}
		before := judge(t, run(&vacancy.Store{DB: d, Now: f.clk.Now}), qs, keyOf)
		after := judge(t, run(&vacancy.Store{DB: d, Now: f.clk.Now, Mem: vacancy.NewMemIndex()}), qs, keyOf)
		t.Logf("%s, %d queries: before (database text index) recall@10 %.3f precision@10 %.3f, %d with no result; after (forgiving) recall@10 %.3f precision@10 %.3f, %d with no result",
			d.Dialect(), len(qs), before.recall, before.precision, before.zero, after.recall, after.precision, after.zero)
		for _, s := range []string{"the words as written in the ads", "stems: derived forms of the same root", "synonyms: English and everyday words",
			"typos: one edit from five letters, two from nine", "look-alikes that must not pull in the wrong job"} {
			b, a := before.bySection[s], after.bySection[s]
			t.Logf("  %-50s before R %.3f P %.3f   after R %.3f P %.3f", s, b[0], b[1], a[0], a[1])
		}
		// The look-alikes, strictly: "las" never finds the shoe-making
		// "lasting", "kelas" (a class) never a welding job.
		forgiving := &vacancy.Store{DB: d, Now: f.clk.Now, Mem: vacancy.NewMemIndex()}
		for q, never := range map[string]string{"las": "sepatu1", "pengelasan": "sepatu1", "kelas": "las1", "lasting": "las1"} {
			ids, _ := run(forgiving)(q)
			for _, id := range ids {
				if keyOf[id] == never {
					t.Errorf("%q finds %s", q, never)
				}
			}
		}
		if testing.Verbose() {
			for _, m := range after.misses {
				t.Log("  after, not perfect: " + m)
			}
		}
		// Measured 0.971 and 0.835 on both databases (docs/search.md); the
		// targets leave a little room for ranking changes, none for a regression.
		const wantRecall, wantPrecision = 0.95, 0.80
		if after.recall < wantRecall || after.precision < wantPrecision {
			t.Errorf("judged set: recall@10 %.3f (want ≥ %.2f), precision@10 %.3f (want ≥ %.2f)", after.recall, wantRecall, after.precision, wantPrecision)
		}
	})
}
