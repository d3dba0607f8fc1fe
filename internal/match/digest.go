package match

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Digest ranks, for every seeker in seekerIDs (nil: every seeker the index
// holds), the best k of the given vacancies (those still open), by the same
// rule and filters as ForSeeker, and calls fn with each seeker that has at
// least one hit (hits best first, with reasons). It returns how many seekers
// it ranked. fn is called from several goroutines at once.
//
// This is the daily digest's question: "of the vacancies published since the
// last digest, which fit each seeker best?". Ranking every seeker against all
// open vacancies would redo the whole matching (BatchAll); here each seeker
// meets only a small index of the new vacancies — posting lists by skill and
// by occupation sub-major group over a few thousand vacancies, which stay in
// the core's cache — so the cost is the number of (seeker, new vacancy)
// pairs that share a skill or an occupation area.
func (e *Engine) Digest(ctx context.Context, seekerIDs, vacancyIDs []int64, k int, fn func(seekerID int64, hits []Hit)) (int, error) {
	st, done, err := e.current(ctx)
	if err != nil {
		return 0, err
	}
	defer done()
	var slots []int32 // the new vacancies still open, by local number
	for _, id := range vacancyIDs {
		if s, ok := st.vacSlot[id]; ok && st.vac[s].open {
			slots = append(slots, s)
		}
	}
	if len(slots) == 0 || k < 1 {
		return 0, nil
	}
	bySkill := make([][]int32, len(st.skillCodes))
	var byGroup [100][]int32
	for i, s := range slots {
		v := &st.vac[s]
		for _, sk := range v.skills {
			bySkill[sk] = append(bySkill[sk], int32(i))
		}
		if v.occ != 0 {
			byGroup[v.occ/100] = append(byGroup[v.occ/100], int32(i))
		}
	}
	var seekers []int32
	if seekerIDs == nil {
		seekers = make([]int32, len(st.sk))
		for i := range seekers {
			seekers[i] = int32(i)
		}
	} else {
		seekers = make([]int32, 0, len(seekerIDs))
		for _, id := range seekerIDs {
			if s, ok := st.skSlot[id]; ok {
				seekers = append(seekers, s)
			}
		}
	}
	var next atomic.Int64
	var count atomic.Int64
	var wg sync.WaitGroup
	const chunk = 1024
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc := make([]uint32, len(slots))
			touched := make([]int32, 0, len(slots))
			t := topk{top: make([]ranked, 0, k), k: k}
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(seekers) {
					return
				}
				part := seekers[lo:min(lo+chunk, len(seekers))]
				for _, ss := range part {
					s := &st.sk[ss]
					touched = touched[:0]
					for _, sk := range s.skills {
						add := uint32(st.weight[sk])<<countBits | 1
						for _, i := range bySkill[sk] {
							if acc[i] == 0 {
								touched = append(touched, i)
								acc[i] = touchedBit
							}
							acc[i] += add
						}
					}
					if s.occ != 0 {
						for _, i := range byGroup[s.occ/100] {
							if acc[i] == 0 {
								touched = append(touched, i)
								acc[i] = touchedBit
							}
						}
					}
					t.top, t.theta = t.top[:0], -1
					for _, i := range touched {
						st.consider(s, slots[i], acc[i], &t)
						acc[i] = 0
					}
					if len(t.top) == 0 || fn == nil {
						continue
					}
					hits := make([]Hit, len(t.top))
					for j, r := range t.top {
						v := &st.vac[r.slot]
						hits[j] = Hit{VacancyID: v.id, SeekerID: s.id, Score: r.score, Facts: r.facts}
						hits[j].Matched, hits[j].Missing = st.explain(s.skills, v.skills)
					}
					fn(s.id, hits)
				}
				count.Add(int64(len(part)))
			}
		}()
	}
	wg.Wait()
	return int(count.Load()), ctx.Err()
}
