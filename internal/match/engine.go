package match

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
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

// Age is how long ago the index last caught up with the database (zero
// before the first load), for the metrics: a growing age means refreshes
// fail or stall.
func (e *Engine) Age() time.Duration {
	e.mu.RLock()
	checked := e.checked
	e.mu.RUnlock()
	if checked.IsZero() {
		return 0
	}
	return e.Now().Sub(checked)
}

// Changed tells the engine that this process wrote something it indexes: the
// next query reads the changes before answering.
func (e *Engine) Changed() { e.dirty.Store(true) }

// --- refresh (reading the changes: refresh.go) ---

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
