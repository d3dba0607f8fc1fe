package stats

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/wib"
)

// StatusProvisional marks the figures of a month not yet over: a
// provisional release is recomputed (as new revisions) until the month's
// final release.
const StatusProvisional = "p"

// ReleaseDay is the day of the month after that a month's final release
// is due: late hire reports of the month's last days come in first.
const ReleaseDay = 5

// Release is one frozen computation of every dataset.
type Release struct {
	ID          int64
	Month       string // the last month covered, "2006-01"
	Revision    int    // 1, then 2... for each recomputation that changed something
	Provisional bool   // the month was not over when computed
	ComputedAt  time.Time
	LedgerSize  int64  // the public log's checkpoint the figures were computed at
	LedgerRoot  string // its root hash, base64 as in the checkpoint note
	Hash        string // sha256 of the datasets, hex
	Changes     []string
	Datasets    []*Dataset
}

// Dataset returns one dataset of the release.
func (r *Release) Dataset(id string) (*Dataset, bool) {
	for _, d := range r.Datasets {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}

// Store computes, freezes and reads releases.
type Store struct {
	DB *db.DB
	// Ledger returns the public log (set after the store is made); nil or
	// returning nil: releases carry checkpoint size 0.
	Ledger func() *ledger.Log
	Now    func() time.Time

	mu     sync.Mutex
	latest *Release   // the newest release, immutable once read
	seenAt time.Time  // when latest was last checked against the database
	list   []*Release // Releases as of latest
	tried  time.Time  // when Tick last recomputed the provisional month
}

// Compute computes every dataset for the Months months ending with month,
// without storing anything.
func Compute(ctx context.Context, q db.Querier, month string, provisional bool) ([]*Dataset, error) {
	src, err := NewSource(q, month)
	if err != nil {
		return nil, err
	}
	var out []*Dataset
	for _, sp := range Specs() {
		d, err := sp.Build(ctx, src)
		if err != nil {
			return nil, fmt.Errorf("stats %s: %w", sp.ID, err)
		}
		if provisional && len(d.Dims) > 1 && d.Dims[1].ID == "bulan" {
			markProvisional(d)
		}
		out = append(out, d)
	}
	return out, nil
}

// markProvisional gives the last month's published cells status "p".
func markProvisional(d *Dataset) {
	months := len(d.Dims[1].Codes)
	for i := range d.Values {
		rem := i
		for k := len(d.Dims) - 1; k > 1; k-- {
			rem /= len(d.Dims[k].Codes)
		}
		if rem%months == months-1 && d.Status[i] == "" {
			d.Status[i] = StatusProvisional
		}
	}
}

// hashOf is the content hash of datasets: what a revision compares.
func hashOf(ds []*Dataset) (string, map[string]string, error) {
	all := sha256.New()
	each := map[string]string{}
	for _, d := range ds {
		b, err := json.Marshal(d)
		if err != nil {
			return "", nil, err
		}
		h := sha256.Sum256(b)
		each[d.ID] = hex.EncodeToString(h[:])
		all.Write(h[:])
	}
	return hex.EncodeToString(all.Sum(nil)), each, nil
}

// DueMonth is the month whose final release is due at now: the month
// before last until ReleaseDay, then last month.
func DueMonth(now time.Time) string {
	t := now.In(wib.Zone)
	m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, wib.Zone).AddDate(0, -1, 0)
	if t.Day() < ReleaseDay {
		m = m.AddDate(0, -1, 0)
	}
	return m.Format("2006-01")
}

// CurrentMonth is the month now is in, WIB.
func CurrentMonth(now time.Time) string { return now.In(wib.Zone).Format("2006-01") }

// Publish computes the release of month and stores it as a new revision
// when anything differs from the month's last revision; otherwise it
// returns that revision unchanged (created false). A month not yet over is
// provisional.
func (s *Store) Publish(ctx context.Context, month string) (rel *Release, created bool, err error) {
	if _, err := time.Parse("2006-01", month); err != nil {
		return nil, false, fmt.Errorf("%w: month %q is not YYYY-MM", fail.Invalid, month)
	}
	now := s.Now()
	provisional := month >= CurrentMonth(now)
	size, root, err := s.checkpoint(ctx)
	if err != nil {
		return nil, false, err
	}
	ds, err := Compute(ctx, s.DB, month, provisional)
	if err != nil {
		return nil, false, err
	}
	hash, each, err := hashOf(ds)
	if err != nil {
		return nil, false, err
	}
	prev, err := s.last(ctx, month)
	if err != nil && !errors.Is(err, fail.NotFound) {
		return nil, false, err
	}
	rel = &Release{Month: month, Revision: 1, Provisional: provisional, ComputedAt: now.UTC(),
		LedgerSize: size, LedgerRoot: root, Hash: hash, Datasets: ds}
	if prev != nil {
		if prev.Hash == hash {
			return prev, false, nil
		}
		rel.Revision = prev.Revision + 1
		_, before, err := hashOf(prev.Datasets)
		if err != nil {
			return nil, false, err
		}
		for _, d := range ds {
			if before[d.ID] != each[d.ID] {
				rel.Changes = append(rel.Changes, d.ID)
			}
		}
	}
	body, err := json.Marshal(ds)
	if err != nil {
		return nil, false, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := db.InsertID(ctx, tx, `INSERT INTO stats_releases (month, revision, provisional, computed_at, ledger_size, ledger_root, content_hash, changes, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, rel.Month, rel.Revision, rel.Provisional, rel.ComputedAt, rel.LedgerSize, rel.LedgerRoot, rel.Hash,
			strings.Join(rel.Changes, " "), string(body))
		rel.ID = id
		return err
	})
	if db.IsUniqueViolation(err) {
		// Another process published the same revision first.
		return nil, false, fmt.Errorf("%w: release %s revision %d was published meanwhile", fail.Conflict, month, rel.Revision)
	}
	if err != nil {
		return nil, false, fmt.Errorf("stats: store release %s: %w", month, err)
	}
	return rel, true, nil
}

// checkpoint signs the log's current tree (when it grew) and returns the
// latest signed checkpoint's size and root hash.
func (s *Store) checkpoint(ctx context.Context) (int64, string, error) {
	if s.Ledger == nil || s.Ledger() == nil {
		return 0, "", nil
	}
	l := s.Ledger()
	if _, err := l.Checkpoint(ctx); err != nil {
		return 0, "", fmt.Errorf("stats: log checkpoint: %w", err)
	}
	t, _, err := l.Published(ctx)
	if err != nil {
		return 0, "", fmt.Errorf("stats: log checkpoint: %w", err)
	}
	return t.N, base64.StdEncoding.EncodeToString(t.Hash[:]), nil
}

const releaseCols = `id, month, revision, provisional, computed_at, ledger_size, ledger_root, content_hash, changes`

func scanRelease(sc interface{ Scan(...any) error }, withBody bool) (*Release, error) {
	r := &Release{}
	var changes, body string
	dest := []any{&r.ID, &r.Month, &r.Revision, &r.Provisional, &r.ComputedAt, &r.LedgerSize, &r.LedgerRoot, &r.Hash, &changes}
	if withBody {
		dest = append(dest, &body)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	r.Changes = strings.Fields(changes)
	if withBody {
		if err := json.Unmarshal([]byte(body), &r.Datasets); err != nil {
			return nil, fmt.Errorf("stats: release %d: %w", r.ID, err)
		}
	}
	return r, nil
}

func (s *Store) last(ctx context.Context, month string) (*Release, error) {
	r, err := scanRelease(s.DB.QueryRowContext(ctx, `SELECT `+releaseCols+`, body FROM stats_releases
		WHERE month = ? ORDER BY revision DESC LIMIT 1`, month), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("stats: no release of %s: %w", month, fail.NotFound)
	}
	return r, err
}

// Latest returns the newest release (latest month, highest revision); a
// frozen release is read from the database once and kept. NotFound
// before the first release.
func (s *Store) Latest(ctx context.Context) (*Release, error) {
	// A page a second later may show a release a second old: the dashboard
	// then asks the database nothing at all (releases come hourly).
	s.mu.Lock()
	if s.latest != nil && time.Since(s.seenAt) < time.Second {
		r := s.latest
		s.mu.Unlock()
		return r, nil
	}
	s.mu.Unlock()
	var id sql.NullInt64
	// Releases are only ever added, so the highest id of the newest month
	// is the one to show.
	if err := s.DB.QueryRowContext(ctx, `SELECT id FROM stats_releases ORDER BY month DESC, revision DESC LIMIT 1`).Scan(&id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("stats: no release yet: %w", fail.NotFound)
		}
		return nil, fmt.Errorf("stats: latest release: %w", err)
	}
	s.mu.Lock()
	if s.latest != nil && s.latest.ID == id.Int64 {
		r := s.latest
		s.seenAt = time.Now()
		s.mu.Unlock()
		return r, nil
	}
	s.mu.Unlock()
	r, err := s.Release(ctx, id.Int64)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.latest, s.seenAt, s.list = r, time.Now(), nil
	s.mu.Unlock()
	return r, nil
}

// Release reads one release with its datasets.
func (s *Store) Release(ctx context.Context, id int64) (*Release, error) {
	r, err := scanRelease(s.DB.QueryRowContext(ctx, `SELECT `+releaseCols+`, body FROM stats_releases WHERE id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("stats: release %d: %w", id, fail.NotFound)
	}
	return r, err
}

// Releases lists every release, newest first, without datasets.
func (s *Store) Releases(ctx context.Context) ([]*Release, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+releaseCols+` FROM stats_releases ORDER BY month DESC, revision DESC`)
	if err != nil {
		return nil, fmt.Errorf("stats: releases: %w", err)
	}
	defer rows.Close()
	var out []*Release
	for rows.Next() {
		r, err := scanRelease(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RecentReleases is Releases as of the newest release (Latest), kept
// until a newer one appears: what the dashboard shows on every page.
func (s *Store) RecentReleases(ctx context.Context) ([]*Release, error) {
	latest, err := s.Latest(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.list != nil && s.latest == latest {
		l := s.list
		s.mu.Unlock()
		return l, nil
	}
	s.mu.Unlock()
	l, err := s.Releases(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.latest == latest {
		s.list = l
	}
	s.mu.Unlock()
	return l, nil
}

// CalendarEntry is one month's release: when it is due and, once out,
// its revisions.
type CalendarEntry struct {
	Month     string
	Due       time.Time // WIB date the final release is due
	Published bool
}

// Calendar lists the final releases due from the first month with a
// release to the next one due after now, newest first.
func (s *Store) Calendar(ctx context.Context, rels []*Release) []CalendarEntry {
	done := map[string]bool{}
	for _, r := range rels {
		if !r.Provisional {
			done[r.Month] = true
		}
	}
	next := DueMonth(s.Now())
	nm, _ := time.ParseInLocation("2006-01", next, wib.Zone)
	nm = nm.AddDate(0, 1, 0) // the next one to come
	var out []CalendarEntry
	for i := 0; i < 13; i++ {
		m := nm.AddDate(0, -i, 0)
		out = append(out, CalendarEntry{Month: m.Format("2006-01"), Due: m.AddDate(0, 1, ReleaseDay-1), Published: done[m.Format("2006-01")]})
	}
	return out
}

// Tick is the background step serve runs: the due month's final release
// when it is missing, and a provisional release of the current month
// when the last one is more than a day old (a new revision only if the
// figures changed).
func (s *Store) Tick(ctx context.Context) (published []*Release, err error) {
	now := s.Now()
	due := DueMonth(now)
	if last, err := s.last(ctx, due); errors.Is(err, fail.NotFound) || (err == nil && last.Provisional) {
		r, created, err := s.Publish(ctx, due)
		if err != nil {
			return nil, err
		}
		if created {
			published = append(published, r)
		}
	} else if err != nil {
		return nil, err
	}
	cur := CurrentMonth(now)
	last, err := s.last(ctx, cur)
	if err != nil && !errors.Is(err, fail.NotFound) {
		return published, err
	}
	s.mu.Lock()
	tried := s.tried
	s.mu.Unlock()
	if last == nil || (now.Sub(last.ComputedAt) > 24*time.Hour && now.Sub(tried) > 24*time.Hour) {
		s.mu.Lock()
		s.tried = now
		s.mu.Unlock()
		r, created, err := s.Publish(ctx, cur)
		if err != nil {
			return published, err
		}
		if created {
			published = append(published, r)
		}
	}
	return published, nil
}

// Current returns the newest release; on an installation that has none
// yet (the loop has not run), it publishes the current month's
// provisional release first, so the first reader never sees an empty page.
func (s *Store) Current(ctx context.Context) (*Release, error) {
	r, err := s.Latest(ctx)
	if !errors.Is(err, fail.NotFound) {
		return r, err
	}
	if _, _, err := s.Publish(ctx, CurrentMonth(s.Now())); err != nil && !errors.Is(err, fail.Conflict) {
		return nil, err
	}
	return s.Latest(ctx)
}
