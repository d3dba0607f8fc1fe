package alloc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// BenchConfig sizes a generated round for Bench.
type BenchConfig struct {
	Applicants, Programs, Choices int
	Seed                          int64
	ReferenceCheck                bool
	BlockingSample                int // applicants checked for blocking pairs; 0 = exhaustive
}

// BenchReport holds the measured figures.
type BenchReport struct {
	Applicants      int     `json:"applicants"`
	Programs        int     `json:"programs"`
	Choices         int     `json:"choices"`
	Seats           int     `json:"seats"`
	AllocS          float64 `json:"alloc_s"`
	Proposals       int64   `json:"proposals"`
	Assigned        int     `json:"assigned"`
	BlockingPairs   int     `json:"blocking_pairs"`
	BlockingChecked string  `json:"blocking_checked"` // "exhaustive" or "sample of N applicants"
	EqualsReference bool    `json:"equals_reference"` // false too when ReferenceCheck is off
	ReferenceS      float64 `json:"reference_s"`      // 0 when ReferenceCheck is off
	Deterministic   bool    `json:"deterministic"`    // Allocate run repeatedly gives identical Results
}

// Shape of a generated round. The shares are rough figures for Banten's
// BLK intake, not statistics; they only need to make the instance behave
// like a real one (a few courses swamped, most undersubscribed, ties common).
const (
	seatShare        = 0.60 // total seats / applicants
	popularityOffset = 10   // Zipf-like weight 1/(rank+offset): flattens the head so one course does not take everyone
	seatPopularity   = 0.3  // popular courses run somewhat bigger classes: seats grow as popularity^0.3
	minClassSize     = 16   // BLK classes are typically 16 trainees, some run double
	maxClassSize     = 32
	ownRegionShare   = 0.6 // of choices drawn from the applicant's own regency/city
	fullListShare    = 0.7 // applicants who use all K choices; the rest list 1..K
	dtksShare        = 0.15
	longUnemployed   = 0.20
	youthShare       = 0.35
	numRegions       = 8
)

// regionWeights are Banten's eight regencies and cities (3601..3604,
// 3671..3674) weighted by labor force, BPS Sakernas August 2024 estimates as
// in internal/ref/data/regions.csv. A function rather than a variable keeps
// the package free of mutable globals.
func regionWeights() [numRegions]float64 {
	return [numRegions]float64{570, 640, 1650, 760, 1000, 210, 330, 750}
}

// sampler draws indices in proportion to weights by binary search over the
// running sums.
type sampler struct {
	items []int32
	cum   []float64
}

func newSampler(items []int32, weight func(int32) float64) sampler {
	s := sampler{items: items, cum: make([]float64, len(items))}
	sum := 0.0
	for i, it := range items {
		sum += weight(it)
		s.cum[i] = sum
	}
	return s
}

func (s sampler) draw(rng *rand.Rand) int32 {
	u := rng.Float64() * s.cum[len(s.cum)-1]
	i, found := slices.BinarySearch(s.cum, u)
	if found {
		i++ // cum[i] == u means u fell just past item i
	}
	return s.items[min(i, len(s.items)-1)]
}

// Generate makes a realistic round, deterministically from cfg.Seed:
// programs and applicants spread over Banten's regions by labor force;
// program popularity Zipf-like (weight 1/(rank+10), ranks shuffled), so the
// popular courses are heavily oversubscribed; seats 16..32 per course scaled
// up a little with popularity, then apportioned to total 60% of applicants;
// 70% of applicants use all cfg.Choices choices, the rest fewer; 60% of
// choices are in the applicant's own region. Classes follow ordered
// criteria: 0 DTKS household (15%), 1 domicile in the program's region,
// 2 long-term unemployed (20%) or youth (35%), 3 everyone else. Lottery
// numbers come from Lottery with seed "bench-<Seed>".
func Generate(cfg BenchConfig) Instance {
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x62757273612d676e)) // stream "bursa-gn"
	nA, nP := max(cfg.Applicants, 0), max(cfg.Programs, 0)
	k := min(max(cfg.Choices, 0), nP)
	rw := regionWeights()
	regionIdx := make([]int32, numRegions)
	for i := range regionIdx {
		regionIdx[i] = int32(i)
	}
	regionOf := newSampler(regionIdx, func(i int32) float64 { return rw[i] })

	in := Instance{Programs: make([]Program, nP), Applicants: make([]Applicant, nA)}
	if nP == 0 {
		for a := range in.Applicants {
			in.Applicants[a].ID = int64(a + 1)
		}
		return in
	}

	// Popularity.
	rank := rng.Perm(nP)
	pop := make([]float64, nP)
	progRegion := make([]int32, nP)
	all := make([]int32, nP)
	byRegion := make([][]int32, numRegions)
	meanPop := 0.0
	for p := range nP {
		pop[p] = 1 / float64(rank[p]+popularityOffset)
		meanPop += pop[p] / float64(nP)
		progRegion[p] = regionOf.draw(rng)
		all[p] = int32(p)
		byRegion[progRegion[p]] = append(byRegion[progRegion[p]], int32(p))
		in.Programs[p].ID = int64(p + 1)
	}
	popularity := func(p int32) float64 { return pop[p] }
	global := newSampler(all, popularity)
	local := make([]sampler, numRegions)
	for r, ps := range byRegion {
		if len(ps) > 0 {
			local[r] = newSampler(ps, popularity)
		}
	}

	// Seats: largest-remainder apportionment so the total is exact.
	raw := make([]float64, nP)
	rawSum := 0.0
	for p := range nP {
		size := float64(minClassSize + rng.IntN(maxClassSize-minClassSize+1))
		raw[p] = size * math.Pow(pop[p]/meanPop, seatPopularity)
		rawSum += raw[p]
	}
	target := int(math.Round(seatShare * float64(nA)))
	given := 0
	frac := make([]float64, nP)
	for p := range nP {
		x := raw[p] * float64(target) / rawSum
		in.Programs[p].Seats = int(x)
		frac[p] = x - math.Floor(x)
		given += in.Programs[p].Seats
	}
	order := slices.Clone(all)
	slices.SortStableFunc(order, func(x, y int32) int {
		switch {
		case frac[x] > frac[y]:
			return -1
		case frac[x] < frac[y]:
			return 1
		}
		return 0
	})
	for i := 0; given < target; i++ {
		in.Programs[order[i%nP]].Seats++
		given++
	}

	seed := fmt.Appendf(nil, "bench-%d", cfg.Seed)
	// One backing array for all choice lists: 200k small slices would cost
	// more in allocation than the allocation algorithm itself.
	choices := make([]Choice, 0, nA*k)
	taken := make([]int32, nP) // taken[p] = a+1 when applicant a already chose p
	for a := range nA {
		home := regionOf.draw(rng)
		ap := &in.Applicants[a]
		ap.ID = int64(a + 1)
		ap.Lottery = Lottery(seed, ap.ID)
		dtks := rng.Float64() < dtksShare
		ltu, youth := rng.Float64() < longUnemployed, rng.Float64() < youthShare
		n := k
		if k > 1 && rng.Float64() >= fullListShare {
			n = 1 + rng.IntN(k)
		}
		start := len(choices)
		for range n {
			p := int32(-1)
			for try := 0; try < 64 && p < 0; try++ {
				src := global
				if len(local[home].items) > 0 && rng.Float64() < ownRegionShare {
					src = local[home]
				}
				if q := src.draw(rng); taken[q] != int32(a)+1 {
					p = q
				}
			}
			if p < 0 {
				// Skewed weights and a short region list can make distinct
				// draws rare; fall back to the first program not yet taken.
				for _, q := range all {
					if taken[q] != int32(a)+1 {
						p = q
						break
					}
				}
			}
			taken[p] = int32(a) + 1
			class := uint16(3)
			switch {
			case dtks:
				class = 0
			case progRegion[p] == home:
				class = 1
			case ltu || youth:
				class = 2
			}
			choices = append(choices, Choice{Program: p, Class: class})
		}
		ap.Choices = choices[start:len(choices):len(choices)]
	}
	return in
}

// Bench generates a round from cfg, times Allocate, and checks the result:
// determinism, feasibility, blocking pairs and, if asked, equality with
// Reference. AllocS is the best of three runs, because the first run also
// pays for page faults on freshly allocated memory and whatever garbage
// Generate left behind; the three results are also the determinism check.
func Bench(cfg BenchConfig) (BenchReport, error) {
	in := Generate(cfg)
	rep := BenchReport{
		Applicants:    len(in.Applicants),
		Programs:      len(in.Programs),
		Choices:       cfg.Choices,
		Deterministic: true,
	}
	for _, p := range in.Programs {
		rep.Seats += p.Seats
	}
	var first Result
	for run := range 3 {
		t0 := time.Now()
		r, err := Allocate(in)
		d := time.Since(t0).Seconds()
		if err != nil {
			return rep, err
		}
		if run == 0 {
			first, rep.AllocS = r, d
			continue
		}
		rep.AllocS = min(rep.AllocS, d)
		if !sameResult(first, r) {
			rep.Deterministic = false
		}
	}
	rep.Proposals = first.Proposals
	for _, s := range first.Seat {
		if s >= 0 {
			rep.Assigned++
		}
	}
	if err := CheckResult(in, first); err != nil {
		return rep, err
	}

	if cfg.BlockingSample <= 0 || cfg.BlockingSample >= len(in.Applicants) {
		rep.BlockingChecked = "exhaustive"
		rep.BlockingPairs = BlockingPairs(in, first)
	} else {
		rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x62757273612d6270)) // stream "bursa-bp"
		sample := rng.Perm(len(in.Applicants))[:cfg.BlockingSample]
		slices.Sort(sample) // walk applicants in memory order
		rep.BlockingChecked = fmt.Sprintf("sample of %d applicants", cfg.BlockingSample)
		rep.BlockingPairs = blockingPairs(in, first, sample)
	}

	if cfg.ReferenceCheck {
		t0 := time.Now()
		ref, err := Reference(in)
		rep.ReferenceS = time.Since(t0).Seconds()
		if err != nil {
			return rep, err
		}
		rep.EqualsReference = sameResult(first, ref)
	}
	return rep, nil
}

// sameResult compares every field, so two runs that agree on seats but not
// on cutoffs or proposal counts still count as different.
func sameResult(x, y Result) bool {
	return slices.Equal(x.Seat, y.Seat) &&
		slices.Equal(x.Cutoff, y.Cutoff) &&
		slices.Equal(x.Full, y.Full) &&
		slices.Equal(x.Admitted, y.Admitted) &&
		x.Proposals == y.Proposals
}
