package match_test

import (
	"context"
	"slices"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// TestLicenceAndLanguageCountAsSkills: a vacancy asking for the skills
// "SIM A" and "Bahasa Jepang" counts a seeker who gave SIM A Umum and
// Japanese at a working level in their profile, without ticking the skills;
// a basic level does not count. The engine and the SQL baseline agree.
func TestLicenceAndLanguageCountAsSkills(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		if err := demo.Generate(ctx, a, demo.Config{Seed: 3, Seekers: 30, Employers: 20}); err != nil {
			t.Fatal(err)
		}
		e := match.New(d, clk.Now)
		_, v := newVacancy(t, ctx, a, clk, "3604", "8322", []string{"sim-a", "bahasa-jepang"})
		sk := firstSeeker(t, ctx, a)
		p := profile(sk)
		p.DomicileRegion, p.Skills = "3604", []string{}
		p.Licences = []seeker.Licence{{Class: "AU"}}
		p.Languages = []seeker.Language{{Code: "ja", Level: "dasar"}}
		if err := a.Seekers.Update(ctx, sk.ID, p); err != nil {
			t.Fatal(err)
		}
		hit := func() match.Hit {
			t.Helper()
			e.Changed()
			hits, err := e.ForSeeker(ctx, sk.ID, 200)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(hits, func(h match.Hit) bool { return h.VacancyID == v.ID })
			if i < 0 {
				t.Fatalf("vacancy %d not among the hits", v.ID)
			}
			base, err := match.Baseline(ctx, d, clk.Now(), sk.ID, 200)
			if err != nil {
				t.Fatal(err)
			}
			j := slices.IndexFunc(base, func(s match.Scored) bool { return s.VacancyID == v.ID })
			if j < 0 || base[j].Score != hits[i].Score {
				t.Fatalf("baseline %v, engine %d", base, hits[i].Score)
			}
			return hits[i]
		}
		h := hit()
		if !slices.Equal(h.Matched, []string{"sim-a"}) || !slices.Equal(h.Missing, []string{"bahasa-jepang"}) {
			t.Errorf("basic Japanese: matched %v missing %v", h.Matched, h.Missing)
		}
		p.Languages = []seeker.Language{{Code: "ja", Level: "menengah"}}
		if err := a.Seekers.Update(ctx, sk.ID, p); err != nil {
			t.Fatal(err)
		}
		// Ticking the skill as well counts it once.
		p.Skills = []string{"sim-a"}
		if err := a.Seekers.Update(ctx, sk.ID, p); err != nil {
			t.Fatal(err)
		}
		h = hit()
		if !slices.Equal(h.Matched, []string{"bahasa-jepang", "sim-a"}) && !slices.Equal(h.Matched, []string{"sim-a", "bahasa-jepang"}) {
			t.Errorf("matched %v", h.Matched)
		}
		if len(h.Missing) != 0 || h.GotWeight != h.ReqWeight {
			t.Errorf("missing %v, weight %d/%d", h.Missing, h.GotWeight, h.ReqWeight)
		}
	})
}
