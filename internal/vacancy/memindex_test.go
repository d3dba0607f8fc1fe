package vacancy_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestMemIndexAgreesWithDatabase: the in-memory list index, made literal
// (no stems, synonyms or corrections: the zero textsearch.Forgiving), and
// the SQL/FTS5 search find the same vacancies, in the same order when
// sorted by date, for filters and words alike, and follow writes. The
// forgiving matching is judged in TestJudgedSearch.
func TestMemIndexAgreesWithDatabase(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	a, clk := apptest.Services(t, d)
	if err := demo.Generate(ctx, a, demo.Config{Seed: 3, Seekers: 100, Employers: 300}); err != nil {
		t.Fatal(err)
	}
	sql := &vacancy.Store{DB: d, Now: clk.Now}
	literal := vacancy.NewMemIndex()
	literal.Forgiving = textsearch.Forgiving{}
	mem := &vacancy.Store{DB: d, Now: clk.Now, Mem: literal}
	filters := []vacancy.Filter{
		{}, {Sort: "newest"}, {Region: "3672"}, {Region: "3603", Education: "sma"}, {Education: "smp"},
		{Contract: "magang"}, {MinWage: 6000000}, {KBJI: "8"}, {KBJI: "7212"}, {Page: 2, PerPage: 5},
		{Q: "operator"}, {Q: "operator", Sort: "newest"}, {Q: "las"}, {Q: "operator -forklift", Sort: "newest"},
		{Q: "gudang", Region: "3603", Sort: "newest"}, {Q: "baja cilegon"}, {Q: "tidakadadimanapun"},
		{Q: "kasir", Contract: "pkwt", Sort: "newest"}, {Q: "-operator", Sort: "newest"},
		{Q: `"operator produksi"`}, {Q: `"operator produksi"`, Sort: "newest"}, {Q: `las -"operator produksi"`, Sort: "newest"},
		{Q: `"mesin jahit" serang`, Sort: "newest"}, {Q: `"produksi operator"`},
	}
	check := func(stage string) {
		for _, f := range filters {
			want, err := sql.Search(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := mem.Search(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Errorf("%s %+v: total %d in memory, %d in the database", stage, f, got.Total, want.Total)
				continue
			}
			if f.Sort == "newest" || f.Q == "" {
				if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) {
					t.Errorf("%s %+v: page %v in memory, %v in the database", stage, f, ids(got), ids(want))
				}
			}
		}
	}
	check("after load")
	if r, _ := mem.Search(ctx, vacancy.Filter{Q: "operator"}); r.Total < 10 {
		t.Fatalf("only %d vacancies match operator: the comparison would prove little", r.Total)
	}

	// Writes through the store show at once; closing removes, editing reindexes.
	u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "hrd@mem.test", Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
	emp, _ := a.Employers.Register(ctx, d, u.ID, employer.Input{Name: "PT Memori", NIB: "5555555555555", KBLISection: "C", SizeClass: "besar",
		Region: "3672", Address: "Jl. Raya Anyer No. 5", ContactName: "X", ContactPhone: "081277778888"})
	a.Employers.Decide(ctx, emp.ID, u.ID, true, "")
	mem.DB, sql.DB = d, d
	writer := &vacancy.Store{DB: d, Now: clk.Now, Employers: a.Employers}
	in := vacancy.Input{Title: "Operator Zeppelin", KBJI: "8121", Education: "smk", Region: "3672", Openings: 1, WageMin: 5469922,
		WageMax: 6000000, Contract: "pkwt", ClosesOn: clk.T.AddDate(0, 0, 10).Format("2006-01-02"), Description: "Uji indeks dalam memori bursa."}
	v, err := writer.Create(ctx, &u, in, true)
	if err != nil {
		t.Fatal(err)
	}
	mem.Changed()
	if r, _ := mem.Search(ctx, vacancy.Filter{Q: "zeppelin"}); r.Total != 1 {
		t.Fatalf("new vacancy not found in memory: %d", r.Total)
	}
	filters = append(filters, vacancy.Filter{Q: "zeppelin"}, vacancy.Filter{Q: "operator", Region: "3672", Sort: "newest"})
	check("after create")
	if err := writer.SetStatus(ctx, &u, v.ID, vacancy.Closed); err != nil {
		t.Fatal(err)
	}
	mem.Changed()
	if r, _ := mem.Search(ctx, vacancy.Filter{Q: "zeppelin"}); r.Total != 0 {
		t.Fatalf("closed vacancy still found: %d", r.Total)
	}
	check("after close")
	// Days pass: vacancies past their closing date leave both.
	clk.T = clk.T.AddDate(0, 0, 20)
	check("20 days later")
}

// TestMemIndexCompacts: every edit leaves a dead doc; past the slack the
// index starts over from the database and still finds each vacancy once.
func TestMemIndexCompacts(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	a, clk := apptest.Services(t, d)
	u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "hrd@kompak.test", Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
	emp, _ := a.Employers.Register(ctx, d, u.ID, employer.Input{Name: "PT Kompak", NIB: "4444444444444", KBLISection: "C", SizeClass: "besar",
		Region: "3604", Address: "Jl. Raya Cikande No. 7", ContactName: "X", ContactPhone: "081266667777"})
	a.Employers.Decide(ctx, emp.ID, u.ID, true, "")
	mi := vacancy.NewMemIndex()
	mi.CompactSlack = 2
	s := &vacancy.Store{DB: d, Now: clk.Now, Mem: mi, Employers: a.Employers}
	in := vacancy.Input{Title: "Operator Sepatu", KBJI: "8156", Education: "smp", Region: "3604", Openings: 3, WageMin: 5178521,
		WageMax: 5500000, Contract: "pkwt", ClosesOn: clk.T.AddDate(0, 0, 10).Format("2006-01-02"), Description: "Menjahit upper sepatu di Cikande."}
	v, err := s.Create(ctx, &u, in, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 12; i++ {
		clk.T = clk.T.Add(time.Second)
		in.Description = fmt.Sprintf("Menjahit upper sepatu di Cikande, revisi %d.", i)
		if err := s.Update(ctx, &u, v.ID, in); err != nil {
			t.Fatal(err)
		}
		r, err := s.Search(ctx, vacancy.Filter{Q: "sepatu"})
		if err != nil || r.Total != 1 || len(r.Items) != 1 {
			t.Fatalf("edit %d: %d found, %v", i, r.Total, err)
		}
		if r, _ := s.Search(ctx, vacancy.Filter{Q: fmt.Sprintf("revisi %d", i)}); r.Total != 1 {
			t.Fatalf("edit %d not indexed", i)
		}
	}
}

func ids(r vacancy.Result) []int64 {
	out := []int64{}
	for _, v := range r.Items {
		out = append(out, v.ID)
	}
	return out
}

// TestMemIndexAcrossProcesses: two serve processes on one database each
// keep their own index; a vacancy written through one shows in the other's
// search within RefreshEvery, and leaves it when closed, on both databases.
func TestMemIndexAcrossProcesses(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		other := &vacancy.Store{DB: d, Now: f.clk.Now, Mem: vacancy.NewMemIndex()}
		find := func(q string) int {
			t.Helper()
			r, err := other.Search(f.ctx, vacancy.Filter{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			return r.Total
		}
		if n := find("penjahit"); n != 0 {
			t.Fatalf("empty database: %d found", n)
		}
		in := f.input()
		in.Title, in.KBJI, in.Description = "Operator Jahit Zeppelin", "8153", "Menjahit kain balon udara."
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		f.clk.T = f.clk.T.Add(other.Mem.RefreshEvery + time.Second)
		if n := find("penjahit"); n != 1 {
			t.Fatalf("another process's vacancy after %s: %d found by a stem", other.Mem.RefreshEvery, n)
		}
		if err := f.vs.SetStatus(f.ctx, f.hr, v.ID, vacancy.Closed); err != nil {
			t.Fatal(err)
		}
		f.clk.T = f.clk.T.Add(other.Mem.RefreshEvery + time.Second)
		if n := find("zeppelin"); n != 0 {
			t.Fatalf("closed elsewhere, still found: %d", n)
		}
	})
}

// TestPageRowsFollowTheIndex: a result page's rows are kept in memory for
// the next pages that show them, and are exactly as current as the index:
// another process's change shows once the index refreshed, with its
// ranking; a write through this process shows at once, even when the clock
// stands still and updated_at does not move.
func TestPageRowsFollowTheIndex(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		here := &vacancy.Store{DB: d, Now: f.clk.Now, Mem: vacancy.NewMemIndex()}
		openings := func(want int, why string) {
			t.Helper()
			for _, q := range []string{"operator", ""} { // scored and newest-first pages
				r, err := here.Search(f.ctx, vacancy.Filter{Q: q})
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Items) != 1 || r.Items[0].Openings != want || len(r.Items[0].Skills) != len(v.Skills) {
					t.Fatalf("%s, q=%q: %+v, want one vacancy with %d openings", why, q, r.Items, want)
				}
			}
		}
		openings(2, "first page")
		openings(2, "kept row")

		// Another process edits (f.vs is not here's store).
		f.clk.T = f.clk.T.Add(time.Second)
		in := f.input()
		in.Openings = 5
		if err := f.vs.Update(f.ctx, f.hr, v.ID, in); err != nil {
			t.Fatal(err)
		}
		f.clk.T = f.clk.T.Add(here.Mem.RefreshEvery + time.Second)
		openings(5, "after another process's edit and a refresh")

		// A write through this process with a clock that stands still:
		// updated_at does not move, the kept row must not be used.
		if _, err := d.ExecContext(f.ctx, `UPDATE vacancies SET openings = 9 WHERE id = ?`, v.ID); err != nil {
			t.Fatal(err)
		}
		here.Changed()
		openings(9, "after this process wrote")

		// No kept rows at all: the same answers from the database.
		none := &vacancy.Store{DB: d, Now: f.clk.Now, Mem: &vacancy.MemIndex{RefreshEvery: time.Second,
			Forgiving: here.Mem.Forgiving, Rows: -1}}
		r, err := none.Search(f.ctx, vacancy.Filter{Q: "operator"})
		if err != nil || len(r.Items) != 1 || r.Items[0].Openings != 9 {
			t.Fatalf("without kept rows: %+v %v", r.Items, err)
		}
	})
}
