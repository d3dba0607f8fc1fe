package match

import (
	"cmp"
	"context"
	"slices"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/valid"
)

// SeekerGap is a skill that would open vacancies to a seeker: the vacancies
// that fit in every other way (education, relevance, not applied) and lack
// only this one required skill.
type SeekerGap struct {
	Skill string
	Opens int
}

// SeekerGaps returns the n skills that would open the most near-miss
// vacancies for a seeker.
func (e *Engine) SeekerGaps(ctx context.Context, seekerID int64, n int) ([]SeekerGap, error) {
	st, done, err := e.current(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	slot, ok := st.skSlot[seekerID]
	if !ok {
		return nil, ErrUnknown
	}
	s := &st.sk[slot]
	sc := e.getScratch(len(st.vac))
	defer e.scratch.Put(sc)
	st.accumulateVacancies(s, sc)
	opens := map[uint16]int{}
	for _, vs := range sc.touched {
		v := &st.vac[vs]
		got := int(sc.acc[vs] & countMask)
		if got == 0 || len(v.skills)-got != 1 || v.edu < 0 || s.edu < v.edu || s.hasApplied(v.id) {
			continue
		}
		for _, k := range v.skills {
			if _, held := slices.BinarySearch(s.skills, k); !held {
				opens[k]++
				break
			}
		}
	}
	sc.reset()
	out := make([]SeekerGap, 0, len(opens))
	for k, c := range opens {
		out = append(out, SeekerGap{Skill: st.skillCodes[k], Opens: c})
	}
	slices.SortFunc(out, func(a, b SeekerGap) int { return cmp.Or(cmp.Compare(b.Opens, a.Opens), cmp.Compare(a.Skill, b.Skill)) })
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Gap is one skill's demand and supply in an area.
type Gap struct {
	Skill     string  `json:"skill"`
	Vacancies int     `json:"vacancies"` // open vacancies asking for it
	Openings  int     `json:"openings"`  // positions in those vacancies
	Seekers   int     `json:"seekers"`   // registered seekers not yet placed who have it
	Ratio     float64 `json:"ratio"`     // openings per seeker who has it (openings when none has it)
}

// GapsFor is Gaps for official u, who reads labor-market figures
// (auth.ViewStats); an unknown region is refused, "" is the province.
func (e *Engine) GapsFor(ctx context.Context, u *auth.User, region string, n int) ([]Gap, error) {
	if err := auth.Require(u, auth.ViewStats); err != nil {
		return nil, err
	}
	if _, ok := ref.RegionByCode(region); region != "" && !ok {
		return nil, valid.New("region", "region_invalid")
	}
	return e.Gaps(ctx, region, n)
}

// gapCache holds the gap tables of every area, computed together in one pass
// and dropped whenever the index changes.
type gapCache struct {
	byRegion map[string][]Gap // "" = the province
}

// Gaps returns the skills most asked for by open vacancies and least held by
// job seekers in a regency/city (code) or, for "", the province: sorted by
// openings per seeker, then by openings. Only skills some open vacancy asks
// for are listed; n limits the list (0 = all).
func (e *Engine) Gaps(ctx context.Context, region string, n int) ([]Gap, error) {
	if err := e.Refresh(ctx); err != nil {
		return nil, err
	}
	e.mu.RLock()
	c := e.st.gaps
	e.mu.RUnlock()
	if c == nil {
		// Compute under the write lock so concurrent callers do it once.
		e.mu.Lock()
		if e.st.gaps == nil {
			e.st.gaps = e.st.computeGaps()
		}
		c = e.st.gaps
		e.mu.Unlock()
	}
	g := c.byRegion[region]
	if n > 0 && len(g) > n {
		g = g[:n]
	}
	return slices.Clone(g), nil
}

func (st *state) computeGaps() *gapCache {
	nr := len(st.regions.codes) // index 0 is the province
	nk := len(st.skillCodes)
	vac, open, sk := make([]int, nr*nk), make([]int, nr*nk), make([]int, nr*nk)
	for i := range st.vac {
		v := &st.vac[i]
		if !v.open {
			continue
		}
		for _, k := range v.skills {
			for _, r := range [2]int{0, int(v.region)} {
				vac[r*nk+int(k)]++
				open[r*nk+int(k)] += int(v.openings)
			}
		}
	}
	for i := range st.sk {
		s := &st.sk[i]
		if s.placed {
			continue
		}
		for _, k := range s.skills {
			sk[int(k)]++
			if s.region != 0 {
				sk[int(s.region)*nk+int(k)]++
			}
		}
	}
	c := &gapCache{byRegion: map[string][]Gap{}}
	for r := 0; r < nr; r++ {
		var list []Gap
		for k := 0; k < nk; k++ {
			i := r*nk + k
			if vac[i] == 0 {
				continue
			}
			g := Gap{Skill: st.skillCodes[k], Vacancies: vac[i], Openings: open[i], Seekers: sk[i]}
			g.Ratio = float64(g.Openings) / float64(max(g.Seekers, 1))
			list = append(list, g)
		}
		slices.SortFunc(list, func(a, b Gap) int {
			return cmp.Or(cmp.Compare(b.Ratio, a.Ratio), cmp.Compare(b.Openings, a.Openings), cmp.Compare(a.Skill, b.Skill))
		})
		code := ""
		if r > 0 {
			code = st.regions.codes[r]
		}
		c.byRegion[code] = list
	}
	return c
}
