package vacancy_test

import (
	"errors"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestAddedSynonyms: an admin extends the shipped synonyms; the search
// uses the group at once in this process and within RefreshEvery in
// another; removing it takes it back; both steps are audited; nobody else
// may, and a group needs two members and a source.
func TestAddedSynonyms(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		admin, err := f.a.Create(f.ctx, d, auth.NewUser{Login: "admin@sinonim.test", Name: "Admin", Password: "rahasia-123", Roles: []auth.Role{auth.Admin}})
		if err != nil {
			t.Fatal(err)
		}
		in := f.input()
		in.Title, in.KBJI, in.Description = "Pilot Zeppelin", "8153", "Menerbangkan balon udara iklan."
		if _, err := f.vs.Create(f.ctx, f.hr, in, true); err != nil {
			t.Fatal(err)
		}
		other := &vacancy.Store{DB: d, Now: f.clk.Now, Mem: vacancy.NewMemIndex()}
		total := func(s *vacancy.Store, q string) int {
			t.Helper()
			r, err := s.Search(f.ctx, vacancy.Filter{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			return r.Total
		}
		if total(f.vs, "nakhoda udara") != 0 || total(other, "nakhoda udara") != 0 {
			t.Fatal("found before the group exists")
		}
		if _, err := f.vs.AddSynonyms(f.ctx, f.hr, vacancy.SynonymInput{Members: "a, b", Source: "x"}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("an employer adds synonyms: %v", err)
		}
		_, err = f.vs.AddSynonyms(f.ctx, &admin, vacancy.SynonymInput{Members: " zeppelin , ZEPPELIN", Source: ""})
		apptest.WantCode(t, err, "members", "synonyms_two")
		apptest.WantCode(t, err, "source", "required")

		g, err := f.vs.AddSynonyms(f.ctx, &admin, vacancy.SynonymInput{Members: "Pilot Zeppelin, nakhoda udara", Source: "Dinas, 2026"})
		if err != nil {
			t.Fatal(err)
		}
		if n := total(f.vs, "nakhoda udara"); n != 1 {
			t.Fatalf("this process, after adding: %d found", n)
		}
		f.clk.T = f.clk.T.Add(other.Mem.RefreshEvery + time.Second)
		if n := total(other, "nakhoda udara"); n != 1 {
			t.Fatalf("another process, after %s: %d found", other.Mem.RefreshEvery, n)
		}
		list, err := f.vs.SynonymGroups(f.ctx, &admin)
		if err != nil || len(list) != 1 || list[0].Members[1] != "nakhoda udara" || list[0].AddedBy != "Admin" {
			t.Fatalf("groups: %+v %v", list, err)
		}
		if err := f.vs.RemoveSynonyms(f.ctx, &admin, g.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.vs.RemoveSynonyms(f.ctx, &admin, g.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("removed twice: %v", err)
		}
		f.clk.T = f.clk.T.Add(other.Mem.RefreshEvery + time.Second)
		if total(f.vs, "nakhoda udara") != 0 || total(other, "nakhoda udara") != 0 {
			t.Fatal("still found after removal")
		}
		var n int
		if err := d.QueryRowContext(f.ctx, `SELECT count(*) FROM audit_log WHERE action LIKE 'search.synonyms.%' AND subject_id = ?`, g.ID).Scan(&n); err != nil || n != 2 {
			t.Fatalf("audit rows: %d %v", n, err)
		}
	})
}
