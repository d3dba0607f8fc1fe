// Package alloc allocates BLK training seats by applicant-proposing deferred
// acceptance (Gale–Shapley in its school-choice form).
//
// Each applicant ranks up to K programs. Each program orders applicants by a
// Key: priority class first (computed by the caller from ordered criteria such
// as DTKS household, domicile, long-term unemployment, youth), then one
// lottery number per applicant drawn from the round seed (single
// tie-breaking: the same number at every program), then applicant ID so the
// order is strict. With strict priorities, applicant-proposing DA gives the
// applicant-optimal stable matching, it is strategy-proof for applicants
// (ranking programs truthfully is never worse than any other list), and it
// does not depend on the order in which proposals are processed; that last
// fact is why the fast Allocate and the round-based Reference must agree
// exactly, proposal count included.
package alloc

import (
	"cmp"
	"container/heap"
	"fmt"
	"math"
	"slices"
)

// Choice is one program an applicant ranked, with the applicant's priority
// key at that program.
type Choice struct {
	Program int32  // index into Instance.Programs
	Class   uint16 // priority class at this program, 0 = highest priority
}

// Applicant is one person applying in a round.
type Applicant struct {
	ID      int64
	Lottery uint64   // from Lottery(seed, ID); lower wins
	Choices []Choice // most preferred first, no duplicates
}

// Program is one course with its seats in this round.
type Program struct {
	ID    int64
	Seats int
}

// Instance is everything one allocation round needs.
type Instance struct {
	Programs   []Program
	Applicants []Applicant
}

// Key is the total priority order at a program: (Class, Lottery, applicant
// ID), lower is better.
type Key struct {
	Class       uint16
	Lottery     uint64
	ApplicantID int64
}

// Less reports whether k has strictly higher priority than o.
func (k Key) Less(o Key) bool {
	if k.Class != o.Class {
		return k.Class < o.Class
	}
	if k.Lottery != o.Lottery {
		return k.Lottery < o.Lottery
	}
	return k.ApplicantID < o.ApplicantID
}

// Compare orders keys for slices.SortFunc and friends: negative when k has
// higher priority than o.
func (k Key) Compare(o Key) int {
	return cmp.Or(
		cmp.Compare(k.Class, o.Class),
		cmp.Compare(k.Lottery, o.Lottery),
		cmp.Compare(k.ApplicantID, o.ApplicantID),
	)
}

// Result is the outcome of a round.
type Result struct {
	Seat []int32 // per applicant index: program index, or -1 for none
	// Cutoff is per program the worst admitted key; meaningful only when
	// Full[p] and Admitted[p] > 0. A program with 0 seats is Full with
	// nobody admitted and a zero Cutoff, because it rejects everyone.
	Cutoff []Key
	// Full is per program: all seats taken. Otherwise every applicant who
	// ranked it and did not get something they ranked higher got in, so
	// there is no cutoff.
	Full      []bool
	Admitted  []int32 // per program: number admitted
	Proposals int64   // total proposals made
}

// Admits reports whether an applicant with key k at program p would have been
// admitted had it proposed there: the published cutoff rule. Stability means
// every applicant holds the first program on its list that admits it.
func (r Result) Admits(p int32, k Key) bool {
	if !r.Full[p] {
		return true
	}
	return r.Admitted[p] > 0 && !r.Cutoff[p].Less(k)
}

// Error is the kind of bad input Validate found. It is a string type so the
// kinds can be constants; Validate wraps them with detail, so test with
// errors.Is.
type Error string

func (e Error) Error() string { return string(e) }

// The kinds of bad input Validate reports.
const (
	ErrProgramIndex       Error = "alloc: choice names a program index out of range"
	ErrDuplicateChoice    Error = "alloc: applicant ranks a program twice"
	ErrNegativeSeats      Error = "alloc: program has negative seats"
	ErrDuplicateApplicant Error = "alloc: two applicants share an ID"
	ErrDuplicateProgram   Error = "alloc: two programs share an ID"
	ErrTooLarge           Error = "alloc: too many applicants or programs for int32 indices"
)

// Validate checks that in is a well-formed instance. Allocate and Reference
// call it; the checks are O(total choices + n log n) so validating every run
// costs little next to the allocation itself.
func Validate(in Instance) error {
	if len(in.Applicants) > math.MaxInt32 || len(in.Programs) > math.MaxInt32 {
		return fmt.Errorf("%w: %d applicants, %d programs", ErrTooLarge, len(in.Applicants), len(in.Programs))
	}
	for p, pr := range in.Programs {
		if pr.Seats < 0 {
			return fmt.Errorf("%w: program %d (index %d) has %d seats", ErrNegativeSeats, pr.ID, p, pr.Seats)
		}
	}
	if i, j, ok := firstDuplicate(len(in.Programs), func(i int) int64 { return in.Programs[i].ID }); ok {
		return fmt.Errorf("%w: ID %d at indices %d and %d", ErrDuplicateProgram, in.Programs[i].ID, i, j)
	}
	// seenBy[p] = a+1 when applicant a already listed p; stamping with the
	// applicant avoids clearing the array between applicants.
	seenBy := make([]int32, len(in.Programs))
	for a, ap := range in.Applicants {
		for c, ch := range ap.Choices {
			if ch.Program < 0 || int(ch.Program) >= len(in.Programs) {
				return fmt.Errorf("%w: applicant %d (index %d) choice %d is program %d, have %d programs",
					ErrProgramIndex, ap.ID, a, c, ch.Program, len(in.Programs))
			}
			if seenBy[ch.Program] == int32(a)+1 {
				return fmt.Errorf("%w: applicant %d (index %d) lists program %d again at choice %d",
					ErrDuplicateChoice, ap.ID, a, ch.Program, c)
			}
			seenBy[ch.Program] = int32(a) + 1
		}
	}
	if i, j, ok := firstDuplicate(len(in.Applicants), func(i int) int64 { return in.Applicants[i].ID }); ok {
		return fmt.Errorf("%w: ID %d at indices %d and %d", ErrDuplicateApplicant, in.Applicants[i].ID, i, j)
	}
	return nil
}

// firstDuplicate finds two indices with the same ID. Sorting a copy of the
// IDs is cheaper than a 200k-entry map, and the indices are only looked up
// again on the rare failure path.
func firstDuplicate(n int, id func(int) int64) (int, int, bool) {
	ids := make([]int64, n)
	for i := range n {
		ids[i] = id(i)
	}
	slices.Sort(ids)
	for k := 1; k < n; k++ {
		if ids[k] != ids[k-1] {
			continue
		}
		first := -1
		for i := range n {
			if id(i) != ids[k] {
				continue
			}
			if first >= 0 {
				return first, i, true
			}
			first = i
		}
	}
	return 0, 0, false
}

// held is one applicant a program currently keeps, with its key there so the
// heap compares without going back to the applicant.
type held struct {
	key Key
	app int32
}

// seatHeap keeps the worst held key on top, so a better proposer displaces
// it in O(log seats) and a worse one is turned away after one comparison.
type seatHeap []held

func (h seatHeap) Len() int           { return len(h) }
func (h seatHeap) Less(i, j int) bool { return h[j].key.Less(h[i].key) }
func (h seatHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }

// Push and Pop complete heap.Interface; Allocate never calls them because
// boxing a held into an interface would allocate on every proposal. It
// appends within preallocated capacity and calls heap.Fix instead.
func (h *seatHeap) Push(x any) { *h = append(*h, x.(held)) }
func (h *seatHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Allocate runs applicant-proposing deferred acceptance. Programs hold their
// tentative admits in bounded max-heaps carved out of one preallocated array,
// sized min(Seats, applicants who ranked the program) so a program with
// absurdly many seats costs nothing extra. Free applicants wait on a stack;
// the order of proposals does not change DA's outcome, and a stack never
// holds more than one entry per applicant, so it never grows past its first
// allocation. Nothing is allocated per proposal.
func Allocate(in Instance) (Result, error) {
	if err := Validate(in); err != nil {
		return Result{}, err
	}
	nA, nP := len(in.Applicants), len(in.Programs)

	demand := make([]int32, nP)
	for _, ap := range in.Applicants {
		for _, ch := range ap.Choices {
			demand[ch.Program]++
		}
	}
	total := 0
	for p, pr := range in.Programs {
		total += min(pr.Seats, int(demand[p]))
	}
	backing := make([]held, total)
	heaps := make([]seatHeap, nP)
	off := 0
	for p, pr := range in.Programs {
		c := min(pr.Seats, int(demand[p]))
		// The three-index slice caps each heap so an append can never run
		// into the next program's region.
		heaps[p] = backing[off : off : off+c]
		off += c
	}

	seat := make([]int32, nA)
	next := make([]int32, nA)
	free := make([]int32, nA)
	for a := range nA {
		seat[a] = -1
		// Reversed so applicant 0 proposes first; only cosmetic, since the
		// outcome is order-independent.
		free[a] = int32(nA - 1 - a)
	}

	var proposals int64
	for len(free) > 0 {
		a := free[len(free)-1]
		free = free[:len(free)-1]
		ap := &in.Applicants[a]
		for int(next[a]) < len(ap.Choices) {
			ch := ap.Choices[next[a]]
			next[a]++
			proposals++
			h := &heaps[ch.Program]
			k := Key{Class: ch.Class, Lottery: ap.Lottery, ApplicantID: ap.ID}
			if len(*h) < cap(*h) {
				*h = append(*h, held{key: k, app: a})
				heap.Fix(h, len(*h)-1)
				seat[a] = ch.Program
				break
			}
			if len(*h) == 0 || !k.Less((*h)[0].key) {
				continue // no seats at all, or worse than everyone held
			}
			out := (*h)[0].app
			(*h)[0] = held{key: k, app: a}
			heap.Fix(h, 0)
			seat[a] = ch.Program
			seat[out] = -1
			free = append(free, out)
			break
		}
	}

	res := Result{
		Seat:      seat,
		Cutoff:    make([]Key, nP),
		Full:      make([]bool, nP),
		Admitted:  make([]int32, nP),
		Proposals: proposals,
	}
	for p, h := range heaps {
		res.Admitted[p] = int32(len(h))
		res.Full[p] = len(h) == in.Programs[p].Seats
		if res.Full[p] && len(h) > 0 {
			res.Cutoff[p] = h[0].key
		}
	}
	return res, nil
}
