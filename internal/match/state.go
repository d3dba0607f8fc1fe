package match

import (
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The index's state: vacancy and seeker documents in slots, the posting
// lists over them, and how a change to one document moves it in the lists.

type vacDoc struct {
	id       int64
	skills   []uint16
	occ      uint16
	edu      int8
	region   uint8
	contract uint8
	wageMax  int64
	closes   int32 // WIB civil day number of the closing date
	open     bool  // in the posting lists as of state.today
	reqW     int32
	openings int32
}

type seekerDoc struct {
	id        int64
	skills    []uint16 // sorted
	occ       uint16
	edu       int8
	region    uint8
	contracts uint8
	wage      int64
	active    bool // discoverable and not placed: shown to employers
	placed    bool
	applied   []int64 // vacancy ids, sorted
}

// state is everything a query reads. Posting lists hold slots (indexes into
// vac and sk) of open vacancies and active seekers only.
type state struct {
	regions    regions
	skillIdx   map[string]uint16
	skillCodes []string

	vac []vacDoc
	vh  []vacHot // what scoring reads, packed: see vacHot
	// vInv and vOcc hold, per vacancy, ceil(400·2^16 / required weight)
	// and the KBJI code: the upper bound that skips most candidates reads
	// only these (600 KB per 100,000 vacancies stays in the core's cache
	// where the 24-byte records would not) and multiplies instead of
	// dividing: (g·inv)>>16 is never below floor(400·g/r).
	vInv    []uint32
	vOcc    []uint16
	vacSlot map[int64]int32
	freeVac []int32
	// Vacancy posting lists are split by workplace region (index key*nr +
	// region): a query visits the seeker's own region first, then the
	// neighbours, then the rest, and stops when even a perfect fit further
	// away could not enter the top k.
	nr     int
	vSkill [][]int32 // by skill
	vUnit  [][]int32 // by KBJI unit group (4 digits)
	vMinor [][]int32 // by KBJI minor group (3 digits)
	vSub   [][]int32 // by KBJI sub-major group (2 digits)
	df     []int32
	weight []int32
	nOpen  int
	today  int32

	sk        []seekerDoc
	skSlot    map[int64]int32
	skBySkill [][]int32
	skByGroup [100][]int32
	// pendingApps holds applications read before their seeker was.
	pendingApps map[int64][]int64

	syncedVac, syncedSk, syncedApp time.Time
	loaded                         bool
	version                        uint64
	gaps                           *gapCache
}

func newState() *state {
	st := &state{regions: newRegions(), skillIdx: map[string]uint16{}, vacSlot: map[int64]int32{},
		skSlot: map[int64]int32{}, pendingApps: map[int64][]int64{}}
	for i, s := range ref.Skills() {
		st.skillIdx[s.Code] = uint16(i)
		st.skillCodes = append(st.skillCodes, s.Code)
	}
	n := len(st.skillCodes)
	st.nr = len(st.regions.codes)
	st.skBySkill = make([][]int32, n)
	st.vSkill, st.vUnit = make([][]int32, n*st.nr), make([][]int32, 10000*st.nr)
	st.vMinor, st.vSub = make([][]int32, 1000*st.nr), make([][]int32, 100*st.nr)
	st.df, st.weight = make([]int32, n), make([]int32, n)
	return st
}

func dayNumber(t time.Time) int32 { return int32(wib.Date(t).Unix() / 86400) }

// skillSet maps codes to sorted, unique indexes; codes outside the
// vocabulary are dropped (the stores accept only vocabulary codes).
func (st *state) skillSet(codes []string) []uint16 {
	out := make([]uint16, 0, len(codes))
	for _, c := range codes {
		if i, ok := st.skillIdx[c]; ok {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func removeSlot(list []int32, x int32) []int32 {
	for i, v := range list {
		if v == x {
			list[i] = list[len(list)-1]
			return list[:len(list)-1]
		}
	}
	return list
}

// --- vacancies ---

func (st *state) unpostVacancy(slot int32) {
	d := &st.vac[slot]
	if !d.open {
		return
	}
	r := int(d.region)
	for _, s := range d.skills {
		i := int(s)*st.nr + r
		st.vSkill[i] = removeSlot(st.vSkill[i], slot)
		st.df[s]--
	}
	if d.occ != 0 {
		u, m, g := int(d.occ)*st.nr+r, int(d.occ/10)*st.nr+r, int(d.occ/100)*st.nr+r
		st.vUnit[u], st.vMinor[m], st.vSub[g] = removeSlot(st.vUnit[u], slot), removeSlot(st.vMinor[m], slot), removeSlot(st.vSub[g], slot)
	}
	d.open = false
	st.nOpen--
}

func (st *state) postVacancy(slot int32) {
	d := &st.vac[slot]
	if d.open || d.closes < st.today {
		return
	}
	r := int(d.region)
	for _, s := range d.skills {
		i := int(s)*st.nr + r
		st.vSkill[i] = append(st.vSkill[i], slot)
		st.df[s]++
	}
	if d.occ != 0 {
		u, m, g := int(d.occ)*st.nr+r, int(d.occ/10)*st.nr+r, int(d.occ/100)*st.nr+r
		st.vUnit[u], st.vMinor[m], st.vSub[g] = append(st.vUnit[u], slot), append(st.vMinor[m], slot), append(st.vSub[g], slot)
	}
	d.open = true
	st.nOpen++
}

// putVacancy adds, changes or (live == false) drops a vacancy.
func (st *state) putVacancy(live bool, d vacDoc) {
	slot, ok := st.vacSlot[d.id]
	if ok {
		st.unpostVacancy(slot)
	}
	if !live {
		if ok {
			st.vac[slot], st.vh[slot], st.vInv[slot], st.vOcc[slot] = vacDoc{}, vacHot{}, 0, 0
			delete(st.vacSlot, d.id)
			st.freeVac = append(st.freeVac, slot)
		}
		return
	}
	if !ok {
		if n := len(st.freeVac); n > 0 {
			slot, st.freeVac = st.freeVac[n-1], st.freeVac[:n-1]
		} else {
			slot = int32(len(st.vac))
			st.vac = append(st.vac, vacDoc{})
			st.vh = append(st.vh, vacHot{})
			st.vInv, st.vOcc = append(st.vInv, 0), append(st.vOcc, 0)
		}
		st.vacSlot[d.id] = slot
	}
	st.vac[slot] = d
	st.vOcc[slot] = d.occ
	st.vh[slot] = vacHot{id: d.id, occ: d.occ, edu: d.edu, region: d.region, contract: d.contract, wageMax: uint32(min(d.wageMax, 1<<32-1))}
	st.postVacancy(slot)
}

// vacHot is the part of a vacancy that ranking reads for every candidate,
// kept in its own dense array: a seeker's query touches thousands of
// vacancies at random, and 24 bytes each stay in cache where the whole
// document would not.
type vacHot struct {
	id       int64
	wageMax  uint32 // rupiah; the stores cap wages far below 4.29 billion
	reqW     int32
	occ      uint16
	edu      int8
	region   uint8
	contract uint8
}

// reweigh recomputes skill weights from document frequencies over open
// vacancies, and each open vacancy's total required weight.
func (st *state) reweigh() {
	for s, df := range st.df {
		st.weight[s] = int32(SkillWeight(int(df), st.nOpen))
	}
	for i := range st.vac {
		d := &st.vac[i]
		if !d.open {
			continue
		}
		var w int32
		for _, s := range d.skills {
			w += st.weight[s]
		}
		d.reqW = w
		st.vh[i].reqW = w
		st.vInv[i] = 0
		if w > 0 {
			st.vInv[i] = uint32((PointsSkills<<16 + int64(w) - 1) / int64(w))
		}
	}
}

// newDay re-posts vacancies after the WIB date changed: some closed at
// midnight.
func (st *state) newDay(day int32) {
	st.today = day
	for i := range st.vac {
		if d := &st.vac[i]; d.id != 0 && d.open && d.closes < day {
			st.unpostVacancy(int32(i))
		}
	}
}

// --- seekers ---

func (st *state) unpostSeeker(slot int32) {
	d := &st.sk[slot]
	if !d.active {
		return
	}
	for _, s := range d.skills {
		st.skBySkill[s] = removeSlot(st.skBySkill[s], slot)
	}
	if d.occ != 0 {
		g := d.occ / 100
		st.skByGroup[g] = removeSlot(st.skByGroup[g], slot)
	}
}

func (st *state) postSeeker(slot int32) {
	d := &st.sk[slot]
	if !d.active {
		return
	}
	for _, s := range d.skills {
		st.skBySkill[s] = append(st.skBySkill[s], slot)
	}
	if d.occ != 0 {
		g := d.occ / 100
		st.skByGroup[g] = append(st.skByGroup[g], slot)
	}
}

func sameSeeker(a, b *seekerDoc) bool {
	return a.occ == b.occ && a.edu == b.edu && a.region == b.region && a.contracts == b.contracts &&
		a.wage == b.wage && a.active == b.active && a.placed == b.placed && slices.Equal(a.skills, b.skills)
}

func (st *state) putSeeker(d seekerDoc) {
	slot, ok := st.skSlot[d.id]
	if ok {
		old := &st.sk[slot]
		if sameSeeker(old, &d) {
			return // re-read in the overlap window: nothing to do
		}
		st.unpostSeeker(slot)
		d.applied = old.applied
	} else {
		slot = int32(len(st.sk))
		st.sk = append(st.sk, seekerDoc{})
		st.skSlot[d.id] = slot
		if p, ok := st.pendingApps[d.id]; ok {
			delete(st.pendingApps, d.id)
			for _, v := range p {
				d.applied = insertSorted(d.applied, v)
			}
		}
	}
	st.sk[slot] = d
	st.postSeeker(slot)
}

func insertSorted(list []int64, v int64) []int64 {
	i, found := slices.BinarySearch(list, v)
	if found {
		return list
	}
	return slices.Insert(list, i, v)
}

func (st *state) putApplication(seekerID, vacancyID int64) {
	slot, ok := st.skSlot[seekerID]
	if !ok {
		st.pendingApps[seekerID] = append(st.pendingApps[seekerID], vacancyID)
		return
	}
	d := &st.sk[slot]
	d.applied = insertSorted(d.applied, vacancyID)
}

func (d *seekerDoc) hasApplied(vacancyID int64) bool {
	_, found := slices.BinarySearch(d.applied, vacancyID)
	return found
}
