package alloc

import (
	"fmt"
	"math"
	"slices"
)

// Reference is textbook round-based deferred acceptance, kept so tests can
// hold Allocate against something that is plainly correct by reading it.
// Each round, every applicant who holds no seat and still has programs left
// proposes to the next one; each program pools the applicants it holds with
// its new proposers, sorts them by key, keeps the best Seats and rejects the
// rest. It stops after a round in which nobody proposes.
func Reference(in Instance) (Result, error) {
	if err := Validate(in); err != nil {
		return Result{}, err
	}
	type candidate struct {
		app int
		key Key
	}
	nA, nP := len(in.Applicants), len(in.Programs)
	holding := make([][]candidate, nP)
	next := make([]int, nA) // position in the applicant's list of the next program to propose to
	seat := make([]int32, nA)
	for a := range seat {
		seat[a] = -1
	}
	var proposals int64

	for {
		offers := make([][]candidate, nP)
		anyone := false
		for a, ap := range in.Applicants {
			if seat[a] != -1 || next[a] == len(ap.Choices) {
				continue
			}
			ch := ap.Choices[next[a]]
			next[a]++
			offers[ch.Program] = append(offers[ch.Program], candidate{a, Key{ch.Class, ap.Lottery, ap.ID}})
			proposals++
			anyone = true
		}
		if !anyone {
			break
		}
		for p := range nP {
			if len(offers[p]) == 0 {
				continue
			}
			pool := append(holding[p], offers[p]...)
			slices.SortFunc(pool, func(x, y candidate) int { return x.key.Compare(y.key) })
			keep := min(in.Programs[p].Seats, len(pool))
			for _, c := range pool[keep:] {
				seat[c.app] = -1
			}
			for _, c := range pool[:keep] {
				seat[c.app] = int32(p)
			}
			holding[p] = pool[:keep]
		}
	}

	res := Result{
		Seat:      seat,
		Cutoff:    make([]Key, nP),
		Full:      make([]bool, nP),
		Admitted:  make([]int32, nP),
		Proposals: proposals,
	}
	for p, h := range holding {
		res.Admitted[p] = int32(len(h))
		res.Full[p] = len(h) == in.Programs[p].Seats
		if res.Full[p] && len(h) > 0 {
			res.Cutoff[p] = h[len(h)-1].key // sorted best first
		}
	}
	return res, nil
}

// keyAt is applicant a's key at program p, and where p sits in a's list.
// An unlisted program gets the worst possible class, so a seat the applicant
// never asked for looks as weak as it can to the checks below.
func keyAt(ap *Applicant, p int32) (Key, int) {
	for i, ch := range ap.Choices {
		if ch.Program == p {
			return Key{ch.Class, ap.Lottery, ap.ID}, i
		}
	}
	return Key{math.MaxUint16, ap.Lottery, ap.ID}, len(ap.Choices)
}

// BlockingPairs counts, exhaustively, the pairs (a, p) where applicant a
// ranks p above its seat (or has no seat) and p either has a free seat or
// admitted someone with a worse key than a's key at p. It trusts only
// r.Seat, recomputing each program's count and worst admitted key, so a
// wrong Cutoff or Full cannot hide a blocking pair. Zero means r is stable.
// It runs in O(total choices). Seat entries out of range count as no seat;
// CheckResult reports them properly.
func BlockingPairs(in Instance, r Result) int {
	return blockingPairs(in, r, nil)
}

// blockingPairs counts blocking pairs for the applicants listed in only, or
// for all applicants when only is nil, so Bench can sample huge instances.
func blockingPairs(in Instance, r Result, only []int) int {
	nP := len(in.Programs)
	count := make([]int, nP)
	worst := make([]Key, nP)
	seatOf := func(a int) int32 {
		if a < len(r.Seat) && r.Seat[a] >= 0 && int(r.Seat[a]) < nP {
			return r.Seat[a]
		}
		return -1
	}
	for a := range in.Applicants {
		p := seatOf(a)
		if p < 0 {
			continue
		}
		k, _ := keyAt(&in.Applicants[a], p)
		if count[p] == 0 || worst[p].Less(k) {
			worst[p] = k
		}
		count[p]++
	}
	blocks := func(a int) int {
		ap := &in.Applicants[a]
		n := 0
		s := seatOf(a)
		for _, ch := range ap.Choices {
			if ch.Program == s {
				break // everything from here on a likes no better than its seat
			}
			if ch.Program < 0 || int(ch.Program) >= nP {
				continue
			}
			p := ch.Program
			if count[p] < in.Programs[p].Seats {
				n++
			} else if count[p] > 0 && (Key{ch.Class, ap.Lottery, ap.ID}).Less(worst[p]) {
				n++
			}
		}
		return n
	}
	total := 0
	if only == nil {
		for a := range in.Applicants {
			total += blocks(a)
		}
		return total
	}
	for _, a := range only {
		total += blocks(a)
	}
	return total
}

// CheckResult verifies that r is a feasible outcome for in whose summary
// fields agree with its seats: every seat is a program the applicant ranked,
// no program is over capacity, and Admitted, Full and Cutoff are what the
// seats imply. It says nothing about stability; that is BlockingPairs.
func CheckResult(in Instance, r Result) error {
	nA, nP := len(in.Applicants), len(in.Programs)
	if len(r.Seat) != nA || len(r.Cutoff) != nP || len(r.Full) != nP || len(r.Admitted) != nP {
		return fmt.Errorf("alloc: result sized for %d applicants and %d/%d/%d programs, instance has %d and %d",
			len(r.Seat), len(r.Cutoff), len(r.Full), len(r.Admitted), nA, nP)
	}
	count := make([]int, nP)
	worst := make([]Key, nP)
	for a, p := range r.Seat {
		if p == -1 {
			continue
		}
		ap := &in.Applicants[a]
		if p < 0 || int(p) >= nP {
			return fmt.Errorf("alloc: applicant %d seated at program index %d of %d", ap.ID, p, nP)
		}
		k, pos := keyAt(ap, p)
		if pos == len(ap.Choices) {
			return fmt.Errorf("alloc: applicant %d seated at program %d it did not rank", ap.ID, in.Programs[p].ID)
		}
		if count[p] == 0 || worst[p].Less(k) {
			worst[p] = k
		}
		count[p]++
	}
	for p, pr := range in.Programs {
		switch {
		case count[p] > pr.Seats:
			return fmt.Errorf("alloc: program %d has %d seated, %d seats", pr.ID, count[p], pr.Seats)
		case int(r.Admitted[p]) != count[p]:
			return fmt.Errorf("alloc: program %d reports %d admitted, %d seated", pr.ID, r.Admitted[p], count[p])
		case r.Full[p] != (count[p] == pr.Seats):
			return fmt.Errorf("alloc: program %d reports full=%v with %d of %d seats taken", pr.ID, r.Full[p], count[p], pr.Seats)
		case r.Full[p] && count[p] > 0 && r.Cutoff[p] != worst[p]:
			return fmt.Errorf("alloc: program %d reports cutoff %+v, worst admitted is %+v", pr.ID, r.Cutoff[p], worst[p])
		}
	}
	return nil
}
