package alert

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Overlap is how far back each instant run looks before its mark: a vacancy
// whose publishing transaction took its time stamp before the mark but
// committed after the run that set it is still caught, and the dedupe key
// of each notice keeps the second look from telling anyone twice.
const Overlap = time.Minute

// lockMark locks the named high-water mark in tx and returns it; ok is false
// when another process holds it (PostgreSQL; SQLite's writer lock already
// makes the runs take turns). A missing mark starts at start.
func lockMark(ctx context.Context, tx *db.Tx, name string, start time.Time) (mark time.Time, ok bool, err error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO alert_marks (name, mark) VALUES (?, ?) ON CONFLICT DO NOTHING`, name, start); err != nil {
		return time.Time{}, false, fmt.Errorf("alert mark %s: %w", name, err)
	}
	lock := ""
	if tx.Dialect() == db.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	err = tx.QueryRowContext(ctx, `SELECT mark FROM alert_marks WHERE name = ?`+lock, name).Scan(&mark)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("alert mark %s: %w", name, err)
	}
	return mark, true, nil
}

func setMark(ctx context.Context, tx *db.Tx, name string, mark time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE alert_marks SET mark = ? WHERE name = ?`, mark.UTC(), name); err != nil {
		return fmt.Errorf("alert mark %s: %w", name, err)
	}
	return nil
}

// publishedBetween returns the ids of vacancies published in (from, to].
func publishedBetween(ctx context.Context, q db.Querier, from, to time.Time) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM vacancies WHERE status = ? AND published_at > ? AND published_at <= ?
		ORDER BY published_at, id`, vacancy.Published, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("new vacancies: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// watched returns the saved searches with the given alert.
func watched(ctx context.Context, q db.Querier, alert string) ([]SavedSearch, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM saved_searches WHERE alert = ? ORDER BY id`, alert)
	if err != nil {
		return nil, fmt.Errorf("watched searches: %w", err)
	}
	defer rows.Close()
	var out []SavedSearch
	for rows.Next() {
		ss, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ss)
	}
	return out, rows.Err()
}

func regionName(code string) string {
	if r, ok := ref.RegionByCode(code); ok {
		return r.Name
	}
	return code
}

func wage(d *Doc) string {
	if d.WageMax > d.WageMin {
		return vacancy.Rupiah(d.WageMin) + " – " + vacancy.Rupiah(d.WageMax)
	}
	return vacancy.Rupiah(d.WageMin)
}

// RunInstant tells the owners of instant saved searches of the vacancies
// published since the last run: one notice per person and vacancy. It
// returns how many notices were new. Several processes may call it at once:
// one does the work, the others find the mark locked and return.
func (s *Store) RunInstant(ctx context.Context) (int, error) {
	now := s.Now().UTC()
	today := wib.Date(now)
	sent := 0
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		mark, ok, err := lockMark(ctx, tx, "instant", now)
		if err != nil || !ok {
			return err
		}
		ids, err := publishedBetween(ctx, tx, mark.Add(-Overlap), now)
		if err != nil || len(ids) == 0 {
			return err
		}
		searches, err := watched(ctx, tx, Instant)
		if err != nil {
			return err
		}
		if len(searches) > 0 {
			x := s.texts()
			docs, err := x.Load(ctx, ids)
			if err != nil {
				return err
			}
			preds := make([]*Predicate, len(searches))
			for i, ss := range searches {
				if preds[i], err = x.Compile(ctx, ss.Filter); err != nil {
					return err
				}
			}
			for i := range docs {
				d := &docs[i]
				told := map[int64]bool{} // one notice per person and vacancy
				for j, ss := range searches {
					if told[ss.UserID] || !preds[j].Match(d, today) {
						continue
					}
					told[ss.UserID] = true
					n, err := s.Notify.Send(ctx, tx, notify.Notice{To: ss.UserID, Kind: notify.Alert,
						Title: "alert.instant.title", Body: "alert.instant.body",
						Args: []any{"title", d.Title, "employer", d.Employer, "region", regionName(d.Region), "wage", wage(d)},
						URL:  "/lowongan/" + strconv.FormatInt(d.ID, 10), Dedupe: "alert:" + strconv.FormatInt(ss.ID, 10) + ":" + strconv.FormatInt(d.ID, 10)})
					if err != nil {
						return err
					}
					if n {
						sent++
					}
				}
			}
		}
		if now.After(mark) {
			return setMark(ctx, tx, "instant", now)
		}
		return nil
	})
	return sent, err
}

// DailyHour is the WIB hour the daily alerts and the digest go out.
const DailyHour = 7

// dueDay returns the WIB date whose daily run is due at now: today from
// DailyHour on, else yesterday's (which ran, or runs late).
func dueDay(now time.Time) time.Time {
	local := now.In(wib.Zone)
	d := wib.Date(now)
	if local.Hour() < DailyHour {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// MaxDailyItems is how many vacancies a daily alert names; the notice links
// to the search for the rest.
const MaxDailyItems = 5

// RunDaily sends each daily saved search whose day is due one notice
// listing the vacancies published since its last one (if any matched). It
// is safe to call often and from several processes: each search is moved on
// in the transaction that tells its owner, and the dedupe key
// "alert-daily:<search>:<date>" makes a second run of the same day quiet.
func (s *Store) RunDaily(ctx context.Context) (int, error) {
	now := s.Now().UTC()
	day := dueDay(now)
	// The run of a day covers up to that day's DailyHour.
	until := time.Date(day.Year(), day.Month(), day.Day(), DailyHour, 0, 0, 0, wib.Zone).UTC()
	if until.After(now) {
		return 0, nil
	}
	today := wib.Date(now)
	searches, err := watched(ctx, s.DB, Daily)
	if err != nil {
		return 0, err
	}
	x := s.texts()
	sent := 0
	dateKey := day.Format(time.DateOnly)
	for _, ss := range searches {
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			lock := ""
			if tx.Dialect() == db.Postgres {
				lock = " FOR UPDATE SKIP LOCKED"
			}
			var from *time.Time
			err := tx.QueryRowContext(ctx, `SELECT daily_mark FROM saved_searches WHERE id = ? AND alert = ?`+lock, ss.ID, Daily).Scan(&from)
			if errors.Is(err, sql.ErrNoRows) {
				return nil // deleted, changed, or another process has it
			}
			if err != nil {
				return err
			}
			start := ss.CreatedAt
			if from != nil {
				start = *from
			}
			if !start.Before(until) {
				return nil // done for this day
			}
			ids, err := publishedBetween(ctx, tx, start, until)
			if err != nil {
				return err
			}
			var hits []Doc
			if len(ids) > 0 {
				p, err := x.Compile(ctx, ss.Filter)
				if err != nil {
					return err
				}
				docs, err := x.Load(ctx, ids)
				if err != nil {
					return err
				}
				for i := range docs {
					if p.Match(&docs[i], today) {
						hits = append(hits, docs[i])
					}
				}
			}
			if len(hits) > 0 {
				// Newest first.
				for i, j := 0, len(hits)-1; i < j; i, j = i+1, j-1 {
					hits[i], hits[j] = hits[j], hits[i]
				}
				var lines []string
				for i := range hits[:min(len(hits), MaxDailyItems)] {
					d := &hits[i]
					lines = append(lines, "• "+d.Title+" — "+d.Employer+", "+regionName(d.Region)+", "+wage(d))
				}
				n, err := s.Notify.Send(ctx, tx, notify.Notice{To: ss.UserID, Kind: notify.Alert,
					Title: "alert.daily.title", Body: "alert.daily.body",
					Args: []any{"n", len(hits), "list", strings.Join(lines, "\n"), "search", describe(ss.Filter)},
					URL:  "/lowongan?" + ss.Query().Encode(), Dedupe: "alert-daily:" + strconv.FormatInt(ss.ID, 10) + ":" + dateKey})
				if err != nil {
					return err
				}
				if n {
					sent++
				}
			}
			_, err = tx.ExecContext(ctx, `UPDATE saved_searches SET daily_mark = ? WHERE id = ?`, until, ss.ID)
			return err
		})
		if err != nil {
			return sent, fmt.Errorf("daily alert %d: %w", ss.ID, err)
		}
	}
	return sent, nil
}

// describe words a filter briefly for a notice (the words, else the place,
// else the occupation group).
func describe(f vacancy.Filter) string {
	var parts []string
	if f.Q != "" {
		parts = append(parts, "“"+f.Q+"”")
	}
	if f.Region != "" {
		parts = append(parts, regionName(f.Region))
	}
	if f.KBJI != "" {
		parts = append(parts, "KBJI "+f.KBJI)
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ")
}
