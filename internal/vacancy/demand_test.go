package vacancy_test

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestNeedingSkills: open vacancies asking for any of the skills, those
// asking for most of them first; drafts and closed ones do not count.
func TestNeedingSkills(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		if err := f.es.Decide(f.ctx, f.emp.ID, 1, true, ""); err != nil {
			t.Fatal(err)
		}
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		mk := func(title string, openings int, publish bool, skills ...string) int64 {
			in := f.input()
			in.Title, in.Openings, in.Skills = title, openings, skills
			v, err := f.vs.Create(f.ctx, f.hr, in, publish)
			if err != nil {
				t.Fatal(err)
			}
			return v.ID
		}
		one := mk("Juru Las", 3, true, "las-smaw", "k3-umum")
		both := mk("Juru Las Pipa", 2, true, "las-smaw", "las-pipa", "k3-umum")
		mk("Juru Las (draf)", 5, false, "las-smaw")
		closed := mk("Juru Las Lama", 4, true, "las-smaw")
		if err := f.vs.SetStatus(f.ctx, f.hr, closed, vacancy.Closed); err != nil {
			t.Fatal(err)
		}
		mk("Kasir", 1, true, "kasir")

		got, err := f.vs.NeedingSkills(f.ctx, []string{"las-smaw", "las-pipa"}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got.Vacancies != 2 || got.Openings != 5 || len(got.Top) != 2 || got.Top[0].ID != both || got.Top[1].ID != one ||
			len(got.Top[0].Skills) != 3 {
			t.Fatalf("NeedingSkills = %+v", got)
		}
		if got, _ := f.vs.NeedingSkills(f.ctx, []string{"las-smaw"}, 1); got.Vacancies != 2 || len(got.Top) != 1 {
			t.Fatalf("limit 1: %+v", got)
		}
		if got, _ := f.vs.NeedingSkills(f.ctx, nil, 5); got.Vacancies != 0 || got.Top != nil {
			t.Fatalf("no skills: %+v", got)
		}
		// A rare skill outweighs one that every vacancy asks for: the
		// welding vacancy comes before newer ones sharing only K3.
		mk("Operator Forklift", 1, true, "forklift", "k3-umum")
		mk("Operator Gudang", 1, true, "k3-umum")
		got, err = f.vs.NeedingSkills(f.ctx, []string{"las-pipa", "k3-umum"}, 5)
		if err != nil || got.Vacancies != 4 || got.Top[0].ID != both || got.Top[1].ID == one {
			t.Fatalf("rare skills first: %+v %v", got, err)
		}
		// Past its closing day a vacancy no longer counts.
		f.clk.T = f.clk.T.AddDate(0, 2, 0)
		if got, _ := f.vs.NeedingSkills(f.ctx, []string{"las-smaw"}, 5); got.Vacancies != 0 {
			t.Fatalf("after closing: %+v", got)
		}
	})
}
