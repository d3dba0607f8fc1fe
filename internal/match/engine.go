package match

import (
	"context"
	"fmt"
	"github.com/bursa-banten/bursa/internal/fail"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Engine is the in-memory matching index. It loads open vacancies, seekers
// and applications from the database on first use and then reads only what
// changed (updated_at, created_at), so several serve processes over one
// database each stay current without a shared cache and without rebuilding.
type Engine struct {
	DB  *db.DB
	Now func() time.Time
	// RefreshEvery bounds how stale a query may be (changes made by other
	// processes); changes made through this process are seen at once once
	// Changed is called.
	RefreshEvery time.Duration

	refreshMu sync.Mutex // one refresh at a time
	dirty     atomic.Bool
	mu        sync.RWMutex // guards st
	st        *state
	checked   time.Time
	scratch   sync.Pool
}

// New returns an engine over d.
func New(d *db.DB, now func() time.Time) *Engine {
	return &Engine{DB: d, Now: now, RefreshEvery: 2 * time.Second}
}

// ErrUnknown is returned for a seeker or vacancy the index does not hold.
var ErrUnknown = fail.New(fail.NotFound, "not in the matching index")

// ErrNotOpen is returned when candidates are asked for a vacancy that is not
// open (draft, closed, past its closing day, or its employer unverified).
var ErrNotOpen = fail.New(fail.Conflict, "vacancy is not open")

// Changed tells the engine that this process wrote something it indexes: the
// next query reads the changes before answering.
func (e *Engine) Changed() { e.dirty.Store(true) }

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

// --- refresh ---

func (e *Engine) every() time.Duration {
	if e.RefreshEvery <= 0 {
		return 2 * time.Second
	}
	return e.RefreshEvery
}

// Refresh brings the index up to date with the database. Queries call it;
// serve calls it once at start so the first visitor does not wait.
func (e *Engine) Refresh(ctx context.Context) error {
	now := e.Now()
	day := dayNumber(now)
	e.mu.RLock()
	st, checked := e.st, e.checked
	e.mu.RUnlock()
	current := st != nil && st.today == day && !e.dirty.Load()
	if current && now.Sub(checked) < e.every() {
		return nil
	}
	if current {
		// A periodic refresh: one query does it while the others go on
		// with an index at most RefreshEvery old.
		if !e.refreshMu.TryLock() {
			return nil
		}
	} else {
		// First load, a new day, or this process wrote: wait, so a writer
		// sees its own write.
		e.refreshMu.Lock()
	}
	defer e.refreshMu.Unlock()
	e.mu.RLock()
	st, checked = e.st, e.checked
	e.mu.RUnlock()
	if st != nil && st.today == day && !e.dirty.Load() && now.Sub(checked) < e.every() {
		return nil // another query refreshed while this one waited
	}
	e.dirty.Store(false) // before reading: a write during the read marks it again
	if st == nil {
		st = newState()
		st.today = day
	}
	ch, err := e.read(ctx, st)
	if err != nil {
		e.dirty.Store(true)
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apply(st, ch, day)
	e.st, e.checked = st, now
	return nil
}

type vacRow struct {
	live  bool
	doc   vacDoc
	codes []string
}

type changes struct {
	vacs                 []vacRow
	seekers              []seekerDoc
	seekerSkills         map[int64][]string
	apps                 [][2]int64
	maxVac, maxSk, maxAp time.Time
}

// overlap re-reads rows stamped just before the last one seen: a row
// committed late with an earlier timestamp is not lost; re-reading is
// harmless.
const overlap = 2 * time.Second

func since(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(-overlap)
}

// read fetches what changed since st was last synced. It runs without
// holding mu: queries go on meanwhile.
func (e *Engine) read(ctx context.Context, st *state) (*changes, error) {
	ch := &changes{seekerSkills: map[int64][]string{}}
	first := !st.loaded
	vq := `SELECT v.id, v.status = 'published' AND e.status = 'terverifikasi', v.kbji, v.education, v.region, v.contract,
		v.wage_max, v.closes_on, v.openings, v.updated_at FROM vacancies v JOIN employers e ON e.id = v.employer_id `
	vsq := `SELECT vs.vacancy_id, vs.skill FROM vacancy_skills vs JOIN vacancies v ON v.id = vs.vacancy_id `
	var vargs []any
	if first {
		vq += `WHERE v.status = 'published' AND e.status = 'terverifikasi'`
		vsq += `WHERE v.status = 'published'`
	} else {
		vq += `WHERE v.updated_at >= ?`
		vsq += `WHERE v.updated_at >= ?`
		vargs = []any{since(st.syncedVac)}
	}
	vskills := map[int64][]string{}
	if err := eachRow(ctx, e.DB, vsq, vargs, func(scan func(...any) error) error {
		var id int64
		var code string
		if err := scan(&id, &code); err != nil {
			return err
		}
		vskills[id] = append(vskills[id], code)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read vacancy skills: %w", err)
	}
	if err := eachRow(ctx, e.DB, vq, vargs, func(scan func(...any) error) error {
		var r vacRow
		var kbji, edu, region, contract string
		var closes, updated time.Time
		var openings int32
		if err := scan(&r.doc.id, &r.live, &kbji, &edu, &region, &contract, &r.doc.wageMax, &closes, &openings, &updated); err != nil {
			return err
		}
		r.doc.occ, r.doc.edu, r.doc.region = kbjiNumber(kbji), educationRank(edu), st.regions.idx[region]
		r.doc.contract, r.doc.closes, r.doc.openings = contractBit(contract), int32(closes.Unix()/86400), openings
		r.codes = vskills[r.doc.id]
		ch.vacs = append(ch.vacs, r)
		if updated.After(ch.maxVac) {
			ch.maxVac = updated
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read vacancies: %w", err)
	}

	sq := `SELECT id, occupation, education, domicile_region, expected_wage, contracts, discoverable, placed, updated_at FROM seekers`
	ssq := `SELECT seeker_id, skill FROM seeker_skills`
	var sargs []any
	if !first {
		sq += ` WHERE updated_at >= ?`
		ssq += ` WHERE seeker_id IN (SELECT id FROM seekers WHERE updated_at >= ?)`
		sargs = []any{since(st.syncedSk)}
	}
	if err := eachRow(ctx, e.DB, ssq, sargs, func(scan func(...any) error) error {
		var id int64
		var code string
		if err := scan(&id, &code); err != nil {
			return err
		}
		ch.seekerSkills[id] = append(ch.seekerSkills[id], code)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read seeker skills: %w", err)
	}
	if err := eachRow(ctx, e.DB, sq, sargs, func(scan func(...any) error) error {
		var d seekerDoc
		var occ, edu, region string
		var contracts int
		var discoverable bool
		var updated time.Time
		if err := scan(&d.id, &occ, &edu, &region, &d.wage, &contracts, &discoverable, &d.placed, &updated); err != nil {
			return err
		}
		d.active = discoverable && !d.placed
		d.occ, d.edu, d.region, d.contracts = kbjiNumber(occ), educationRank(edu), st.regions.idx[region], uint8(contracts)
		ch.seekers = append(ch.seekers, d)
		if updated.After(ch.maxSk) {
			ch.maxSk = updated
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read seekers: %w", err)
	}

	aq := `SELECT seeker_id, vacancy_id, created_at FROM applications`
	var aargs []any
	if !first {
		aq += ` WHERE created_at >= ?`
		aargs = []any{since(st.syncedApp)}
	}
	if err := eachRow(ctx, e.DB, aq, aargs, func(scan func(...any) error) error {
		var a [2]int64
		var created time.Time
		if err := scan(&a[0], &a[1], &created); err != nil {
			return err
		}
		ch.apps = append(ch.apps, a)
		if created.After(ch.maxAp) {
			ch.maxAp = created
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read applications: %w", err)
	}
	return ch, nil
}

func eachRow(ctx context.Context, d *db.DB, q string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := d.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// apply writes read changes into st. The caller holds mu.
func (e *Engine) apply(st *state, ch *changes, day int32) {
	changed := len(ch.vacs) > 0 || len(ch.seekers) > 0 || len(ch.apps) > 0 || day != st.today || !st.loaded
	if day != st.today {
		st.newDay(day)
	}
	for _, r := range ch.vacs {
		r.doc.skills = st.skillSet(r.codes)
		st.putVacancy(r.live, r.doc)
	}
	st.reweigh()
	for _, d := range ch.seekers {
		d.skills = st.skillSet(ch.seekerSkills[d.id])
		st.putSeeker(d)
	}
	for _, a := range ch.apps {
		st.putApplication(a[0], a[1])
	}
	st.syncedVac = later(st.syncedVac, ch.maxVac)
	st.syncedSk = later(st.syncedSk, ch.maxSk)
	st.syncedApp = later(st.syncedApp, ch.maxAp)
	st.loaded = true
	if changed {
		st.version++
		st.gaps = nil
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// current refreshes the index and returns it read-locked; the caller runs
// done when it has finished reading.
func (e *Engine) current(ctx context.Context) (st *state, done func(), err error) {
	if err := e.Refresh(ctx); err != nil {
		return nil, nil, err
	}
	e.mu.RLock()
	return e.st, e.mu.RUnlock, nil
}

// Stats describes the index.
type Stats struct {
	Seekers, ActiveSeekers, Vacancies, OpenVacancies int
}

// Stats counts what the index holds.
func (e *Engine) Stats(ctx context.Context) (Stats, error) {
	st, done, err := e.current(ctx)
	if err != nil {
		return Stats{}, err
	}
	defer done()
	s := Stats{Seekers: len(st.sk), Vacancies: len(st.vacSlot), OpenVacancies: st.nOpen}
	for i := range st.sk {
		if st.sk[i].active {
			s.ActiveSeekers++
		}
	}
	return s, nil
}
