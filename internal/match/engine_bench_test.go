package match

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
)

// synthetic builds an index like the demo province's without a database:
// vacancies and seekers drawn from occupations with their vocabulary skills.
func synthetic(vacancies, seekers int) *state {
	rng := rand.New(rand.NewPCG(1, 2))
	st := newState()
	st.today = 20000
	occs := ref.Occupations()
	regions := len(st.regions.codes) - 1
	skillsOf := func(occ string, lo, hi int) []string {
		all := ref.SkillsForOccupation(occ)
		n := min(len(all), lo+rng.IntN(hi-lo+1))
		var out []string
		for _, i := range rng.Perm(len(all))[:n] {
			out = append(out, all[i].Code)
		}
		return out
	}
	for i := range vacancies {
		o := occs[rng.IntN(len(occs))].Code
		st.putVacancy(true, vacDoc{id: int64(i + 1), skills: st.skillSet(skillsOf(o, 2, 5)), occ: kbjiNumber(o), edu: int8(rng.IntN(4)),
			region: uint8(1 + rng.IntN(regions)), contract: 1 << rng.IntN(4), wageMax: int64(5_000_000 + rng.IntN(4_000_000)),
			closes: 20010, openings: 3})
	}
	st.reweigh()
	for i := range seekers {
		o := occs[rng.IntN(len(occs))].Code
		d := seekerDoc{id: int64(i + 1), skills: st.skillSet(skillsOf(o, 1, 4)), edu: int8(1 + rng.IntN(5)),
			region: uint8(1 + rng.IntN(regions)), wage: int64(5_000_000 + rng.IntN(2_000_000)), active: true}
		if rng.IntN(5) > 0 {
			d.occ = kbjiNumber(o)
		}
		if rng.IntN(2) == 0 {
			d.contracts = uint8(1 + rng.IntN(15))
		}
		st.putSeeker(d)
	}
	return st
}

// BenchmarkTopVacancies is one seeker's top 20 among 100,000 vacancies.
func BenchmarkTopVacancies(b *testing.B) {
	st := synthetic(100_000, 10_000)
	sc := &scratch{acc: make([]uint32, len(st.vac))}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		st.topVacancies(&st.sk[i%len(st.sk)], 20, sc)
	}
}

// BenchmarkBatchAll ranks the top 20 for 20,000 seekers among 100,000
// vacancies on all cores.
func BenchmarkBatchAll(b *testing.B) {
	st := synthetic(100_000, 20_000)
	e := &Engine{st: st, Now: func() time.Time { return time.Unix(int64(st.today)*86400, 0) }, RefreshEvery: time.Hour}
	e.checked = e.Now()
	for b.Loop() {
		if _, err := e.batch(context.Background(), 20, nil); err != nil {
			b.Fatal(err)
		}
	}
}
