package match

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Hit is one ranked pair with its reasons.
type Hit struct {
	VacancyID int64
	SeekerID  int64
	Score     int32
	Facts
	Matched []string // required skills the seeker has, rarest first
	Missing []string // required skills the seeker lacks, rarest first
}

// Percent is the score as a share of a perfect fit, as pages show it.
func (h Hit) Percent() int { return int(h.Score) * 100 / MaxScore }

// scratch is one query's working memory, reused across queries: an
// accumulator per vacancy (or seeker) slot and the list of slots touched.
// acc packs a "touched" bit, the weight of matched skills and their count.
type scratch struct {
	acc     []uint32
	touched []int32
	top     []ranked
	// Candidates of one distance, ordered by their upper bound (a counting
	// sort over the 0..MaxScore range).
	ub     []uint16
	count  [MaxScore + 2]int32
	sorted []int32
}

const (
	touchedBit = 1 << 31
	doneBit    = 1 << 30 // considered through an occupation list
	countBits  = 6       // up to 63 matched skills; stores cap a profile at 30
	countMask  = 1<<countBits - 1
)

type ranked struct {
	score int32
	id    int64
	slot  int32
	facts Facts
}

func (e *Engine) getScratch(n int) *scratch {
	sc, _ := e.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	if len(sc.acc) < n {
		sc.acc = make([]uint32, n+n/8)
	}
	return sc
}

// better orders ranked entries: higher score first, then the tie-break.
type tieBreak func(a, b int64) bool

func newerFirst(a, b int64) bool   { return a > b } // vacancies: the newer posting first
func waitedLonger(a, b int64) bool { return a < b } // seekers: who registered first, first

// offer keeps the k best entries in top, best first.
func offer(top []ranked, k int, r ranked, tb tieBreak) []ranked {
	beats := func(a, b ranked) bool { return a.score > b.score || (a.score == b.score && tb(a.id, b.id)) }
	if len(top) == k && !beats(r, top[k-1]) {
		return top
	}
	i := len(top)
	for i > 0 && beats(r, top[i-1]) {
		i--
	}
	if len(top) < k {
		top = append(top, ranked{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = r
	return top
}

func (st *state) facts(s *seekerDoc, v *vacDoc, got uint32) Facts {
	return Facts{
		GotWeight:   int32((got &^ (touchedBit | doneBit)) >> countBits),
		ReqWeight:   v.reqW,
		Occupation:  occupationFit(s.occ, v.occ),
		Place:       st.regions.place(s.region, v.region),
		WageOK:      s.wage == 0 || v.wageMax >= s.wage,
		ContractOK:  s.contracts == 0 || s.contracts&v.contract != 0,
		EducationOK: v.edu >= 0 && s.edu >= v.edu,
	}
}

// accumulateVacancies walks the posting lists of the seeker's skills and
// occupation area and marks every open vacancy that shares one.
func (st *state) accumulateVacancies(s *seekerDoc, sc *scratch) {
	acc, touched := sc.acc, sc.touched[:0]
	for _, k := range s.skills {
		add := uint32(st.weight[k])<<countBits | 1
		for r := range st.nr {
			for _, v := range st.vSkill[int(k)*st.nr+r] {
				if acc[v] == 0 {
					touched = append(touched, v)
					acc[v] = touchedBit
				}
				acc[v] += add
			}
		}
	}
	if s.occ != 0 {
		for r := range st.nr {
			for _, v := range st.vSub[int(s.occ/100)*st.nr+r] {
				if acc[v] == 0 {
					touched = append(touched, v)
					acc[v] = touchedBit
				}
			}
		}
	}
	sc.touched = touched
}

func (sc *scratch) reset() {
	for _, v := range sc.touched {
		sc.acc[v] = 0
	}
	sc.touched = sc.touched[:0]
}

// restMax bounds the points that come from neither skills nor occupation.
const restMax = PointsSameRegion + PointsWage + PointsContract

func (st *state) hotFacts(s *seekerDoc, h *vacHot, got uint32) Facts {
	return Facts{
		GotWeight:   int32((got &^ (touchedBit | doneBit)) >> countBits),
		ReqWeight:   h.reqW,
		Occupation:  occupationFit(s.occ, h.occ),
		Place:       st.regions.place(s.region, h.region),
		WageOK:      s.wage == 0 || int64(h.wageMax) >= s.wage,
		ContractOK:  s.contracts == 0 || s.contracts&h.contract != 0,
		EducationOK: h.edu >= 0 && s.edu >= h.edu,
	}
}

// topk collects the best k with the threshold (the k-th score) at hand.
type topk struct {
	top   []ranked
	k     int
	theta int32 // the k-th best score once there are k, else -1
}

func (t *topk) offer(r ranked) {
	t.top = offer(t.top, t.k, r, newerFirst)
	if len(t.top) == t.k {
		t.theta = t.top[t.k-1].score
	}
}

// consider scores one vacancy slot for s, applying the hard filters.
func (st *state) consider(s *seekerDoc, slot int32, got uint32, t *topk) {
	h := &st.vh[slot]
	if h.edu < 0 || s.edu < h.edu {
		return
	}
	f := st.hotFacts(s, h, got)
	if !f.Relevant() {
		return
	}
	score := f.Score()
	if score < t.theta {
		return
	}
	id := h.id
	if len(s.applied) > 0 && s.hasApplied(id) {
		return
	}
	t.offer(ranked{score: score, id: id, slot: slot, facts: f})
}

// topVacancies ranks the open vacancies for seeker s. Hard filters:
// education below the minimum, already applied, not relevant at all.
//
// It is exact, not approximate: it skips only vacancies whose score cannot
// reach the current k-th best (a tie may still win on the tie-break, so ties
// are never skipped). It goes through the seeker's own region, then the
// neighbouring ones, then the rest, and stops once even a perfect fit at the
// next distance could not enter the top k. Within a distance it adds up the
// skills' posting lists, then scores the vacancies of the seeker's
// occupation (unit, then minor, then sub-major group), which raises the
// threshold early; the vacancies that share only skills are read — best
// upper bound first — only if one could still enter (at most 400 points
// plus the distance's).
func (st *state) topVacancies(s *seekerDoc, k int, sc *scratch) []ranked {
	acc, touched := sc.acc, sc.touched[:0]
	t := topk{top: sc.top[:0], k: k, theta: -1}
	nr := st.nr
	for c, regs := range st.regions.classes[s.region] {
		place := placePoints[PlaceSame-c]
		rest := place + PointsWage + PointsContract
		if PointsSkills+PointsUnitGroup+rest < t.theta {
			break
		}
		start := len(touched)
		for _, sk := range s.skills {
			add := uint32(st.weight[sk])<<countBits | 1
			for _, r := range regs {
				for _, v := range st.vSkill[int(sk)*nr+int(r)] {
					if acc[v] == 0 {
						touched = append(touched, v)
						acc[v] = touchedBit
					}
					acc[v] += add
				}
			}
		}
		bySkill := len(touched)
		if s.occ != 0 {
			for _, g := range [...]struct {
				lists [][]int32
				key   int
				pts   int32
			}{{st.vUnit, int(s.occ), PointsUnitGroup}, {st.vMinor, int(s.occ / 10), PointsMinorGroup}, {st.vSub, int(s.occ / 100), PointsSubMajor}} {
				if PointsSkills+g.pts+rest < t.theta {
					break // the broader groups can score less still
				}
				for _, r := range regs {
					for _, v := range g.lists[g.key*nr+int(r)] {
						a := acc[v]
						if a&doneBit != 0 {
							continue // in a narrower group: done
						}
						if a == 0 {
							touched = append(touched, v)
						}
						acc[v] = a | doneBit
						if st.boundOf(s, v, a, rest) < t.theta {
							continue
						}
						st.consider(s, v, a, &t)
					}
				}
			}
		}
		if PointsSkills+rest < t.theta {
			continue // a vacancy outside the occupation area cannot enter
		}
		st.considerByBound(s, touched[start:bySkill], rest, sc, &t)
	}
	sc.touched = touched
	sc.reset()
	sc.top = t.top
	return t.top
}

// considerByBound considers cands in decreasing order of their upper bound
// (exact skill points + occupation points + rest) until the bound falls
// below the threshold.
func (st *state) considerByBound(s *seekerDoc, cands []int32, rest int32, sc *scratch, t *topk) {
	if len(cands) == 0 {
		return
	}
	ub := slices.Grow(sc.ub[:0], len(cands))[:len(cands)]
	count := &sc.count
	clear(count[:])
	for i, v := range cands {
		b := int32(0) // considered already, through the occupation lists
		if sc.acc[v]&doneBit == 0 {
			b = st.boundOf(s, v, sc.acc[v], rest)
		}
		ub[i] = uint16(b)
		count[b]++
	}
	// Positions, best bound first.
	pos := int32(0)
	for b := len(count) - 1; b >= 0; b-- {
		n := count[b]
		count[b] = pos
		pos += n
	}
	sorted := slices.Grow(sc.sorted[:0], len(cands))[:len(cands)]
	for i, v := range cands {
		sorted[count[ub[i]]] = v
		count[ub[i]]++
	}
	for _, v := range sorted {
		if sc.acc[v]&doneBit != 0 || st.boundOf(s, v, sc.acc[v], rest) < t.theta {
			break // bounds only fall from here; done ones sort last with 0
		}
		st.consider(s, v, sc.acc[v], t)
	}
	sc.ub, sc.sorted = ub, sorted
}

// boundOf is the most vacancy v can score for s at a distance worth rest
// points; it reads no more than 6 bytes of the vacancy.
func (st *state) boundOf(s *seekerDoc, v int32, got uint32, rest int32) int32 {
	g := uint64((got &^ (touchedBit | doneBit)) >> countBits)
	skill := int32(min(g*uint64(st.vInv[v])>>16, PointsSkills))
	return skill + occPoints[occupationFit(s.occ, st.vOcc[v])] + rest
}

// ForSeeker returns the top k open vacancies for a seeker, with reasons.
func (e *Engine) ForSeeker(ctx context.Context, seekerID int64, k int) ([]Hit, error) {
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
	top := st.topVacancies(s, k, sc)
	out := make([]Hit, len(top))
	for i, r := range top {
		v := &st.vac[r.slot]
		out[i] = Hit{VacancyID: v.id, SeekerID: s.id, Score: r.score, Facts: r.facts}
		out[i].Matched, out[i].Missing = st.explain(s.skills, v.skills)
	}
	return out, nil
}

// explain splits a vacancy's required skills into held and missing, the
// rarest (heaviest) first.
func (st *state) explain(have, want []uint16) (matched, missing []string) {
	w := slices.Clone(want)
	slices.SortFunc(w, func(a, b uint16) int {
		return cmp.Or(cmp.Compare(st.weight[b], st.weight[a]), cmp.Compare(st.skillCodes[a], st.skillCodes[b]))
	})
	for _, k := range w {
		if _, ok := slices.BinarySearch(have, k); ok {
			matched = append(matched, st.skillCodes[k])
		} else {
			missing = append(missing, st.skillCodes[k])
		}
	}
	return matched, missing
}

// ForVacancy returns the top k discoverable seekers (not yet placed, not yet
// applied) for an open vacancy, with the same rule and reasons.
func (e *Engine) ForVacancy(ctx context.Context, vacancyID int64, k int) ([]Hit, error) {
	st, done, err := e.current(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	slot, ok := st.vacSlot[vacancyID]
	if !ok || !st.vac[slot].open {
		return nil, ErrNotOpen
	}
	v := &st.vac[slot]
	sc := e.getScratch(len(st.sk))
	defer e.scratch.Put(sc)
	acc, touched := sc.acc, sc.touched[:0]
	for _, k := range v.skills {
		add := uint32(st.weight[k])<<countBits | 1
		for _, s := range st.skBySkill[k] {
			if acc[s] == 0 {
				touched = append(touched, s)
				acc[s] = touchedBit
			}
			acc[s] += add
		}
	}
	if v.occ != 0 {
		for _, s := range st.skByGroup[v.occ/100] {
			if acc[s] == 0 {
				touched = append(touched, s)
				acc[s] = touchedBit
			}
		}
	}
	sc.touched = touched
	top := sc.top[:0]
	for _, slot := range touched {
		s := &st.sk[slot]
		if v.edu < 0 || s.edu < v.edu {
			continue
		}
		f := st.facts(s, v, acc[slot])
		if !f.Relevant() || (len(s.applied) > 0 && s.hasApplied(v.id)) {
			continue
		}
		top = offer(top, k, ranked{score: f.Score(), id: s.id, slot: slot, facts: f}, waitedLonger)
	}
	sc.reset()
	sc.top = top
	out := make([]Hit, len(top))
	for i, r := range top {
		s := &st.sk[r.slot]
		out[i] = Hit{VacancyID: v.id, SeekerID: s.id, Score: r.score, Facts: r.facts}
		out[i].Matched, out[i].Missing = st.explain(s.skills, v.skills)
	}
	return out, nil
}

// BatchAll ranks the top k vacancies for every seeker the index holds, on
// all cores, and calls fn (if not nil) with each seeker's vacancy ids. It
// returns how many seekers it ranked. fn must be safe for concurrent use.
func (e *Engine) BatchAll(ctx context.Context, k int, fn func(seekerID int64, vacancyIDs []int64)) (int, error) {
	if err := e.Refresh(ctx); err != nil {
		return 0, err
	}
	return e.batch(ctx, k, fn)
}

func (e *Engine) batch(ctx context.Context, k int, fn func(seekerID int64, vacancyIDs []int64)) (int, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	st := e.st
	// Seekers of one region and occupation walk the same posting lists and
	// read the same vacancies: ranking them one after another keeps those in
	// cache, which is most of the cost.
	order := make([]int32, len(st.sk))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		x, y := &st.sk[a], &st.sk[b]
		return cmp.Or(cmp.Compare(x.region, y.region), cmp.Compare(x.occ, y.occ), cmp.Compare(first(x.skills), first(y.skills)))
	})
	var next atomic.Int64
	var wg sync.WaitGroup
	const chunk = 256
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := e.getScratch(len(st.vac))
			defer e.scratch.Put(sc)
			ids := make([]int64, 0, k)
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(st.sk) {
					return
				}
				for _, i := range order[lo:min(lo+chunk, len(order))] {
					top := st.topVacancies(&st.sk[i], k, sc)
					if fn != nil {
						ids = ids[:0]
						for _, r := range top {
							ids = append(ids, r.id)
						}
						fn(st.sk[i].id, ids)
					}
				}
			}
		}()
	}
	wg.Wait()
	return len(st.sk), ctx.Err()
}

func first(s []uint16) int {
	if len(s) == 0 {
		return -1
	}
	return int(s[0])
}
