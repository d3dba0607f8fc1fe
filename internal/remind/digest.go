package remind

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/wib"
)

// DailyDigestHour is the WIB hour a daily digest covers the day up to: the
// morning, when HR starts work.
const DailyDigestHour = 7

// periodEnd is the end of the latest complete period of cadence c at now:
// the hour, or the latest DailyDigestHour (WIB).
func periodEnd(c notify.Cadence, now time.Time) (end time.Time, length time.Duration) {
	if c == notify.Hourly {
		return now.UTC().Truncate(time.Hour), time.Hour
	}
	l := now.In(wib.Zone)
	end = time.Date(l.Year(), l.Month(), l.Day(), DailyDigestHour, 0, 0, 0, wib.Zone)
	if end.After(l) {
		end = end.AddDate(0, 0, -1)
	}
	return end.UTC(), 24 * time.Hour
}

// Digests sends each HR user who chose an hourly or daily cadence for new
// applicants one notice for the applications to their company's vacancies
// since their last digest, "N pelamar baru untuk <lowongan>", once the
// period is complete. A mark per person (remind_marks) keeps where the last
// digest ended; the notice and the mark are written in one transaction.
func (s *Store) Digests(ctx context.Context) (int, error) {
	type who struct {
		user    int64
		cadence notify.Cadence
	}
	var users []who
	err := scan(ctx, s.DB, func(r rowScanner) error {
		var w who
		var c string
		if err := r.Scan(&w.user, &c); err != nil {
			return err
		}
		w.cadence = notify.Cadence(c)
		users = append(users, w)
		return nil
	}, `SELECT user_id, cadence FROM notify_cadence WHERE kind = ? AND cadence IN ('hourly', 'daily') ORDER BY user_id`, string(notify.Applicants))
	if err != nil {
		return 0, err
	}
	now := s.Now()
	n := 0
	for _, w := range users {
		end, length := periodEnd(w.cadence, now)
		var sent bool
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			var err error
			sent, err = s.digest(ctx, tx, w.user, end, length)
			return err
		})
		if err != nil {
			return n, fmt.Errorf("digest of user %d: %w", w.user, err)
		}
		if sent {
			n++
		}
	}
	return n, nil
}

// digest sends user's digest of the applications in [mark, end), in q.
func (s *Store) digest(ctx context.Context, q db.Querier, user int64, end time.Time, length time.Duration) (bool, error) {
	mark := "applicants:" + fmt.Sprint(user)
	var since time.Time
	err := q.QueryRowContext(ctx, `SELECT until FROM remind_marks WHERE name = ?`, mark).Scan(&since)
	if errors.Is(err, sql.ErrNoRows) {
		since = end.Add(-length)
	} else if err != nil {
		return false, err
	}
	if !since.Before(end) {
		return false, nil
	}
	type line struct {
		vacancy int64
		title   string
		n       int
	}
	var lines []line
	total := 0
	err = scan(ctx, q, func(r rowScanner) error {
		var l line
		if err := r.Scan(&l.vacancy, &l.title, &l.n); err != nil {
			return err
		}
		lines = append(lines, l)
		total += l.n
		return nil
	}, `SELECT v.id, v.title, count(*) FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
		JOIN employers e ON e.id = v.employer_id
		WHERE e.owner_id = ? AND a.created_at >= ? AND a.created_at < ?
		GROUP BY v.id, v.title ORDER BY count(*) DESC, v.id`, user, since.UTC(), end.UTC())
	if err != nil {
		return false, err
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO remind_marks (name, until) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET until = excluded.until`, mark, end.UTC()); err != nil {
		return false, err
	}
	if total == 0 {
		return false, nil
	}
	n := notify.Notice{To: user, Kind: notify.Applicants, Title: "event.applicants_digest.title", Body: "event.applicants_digest.body",
		Args: []any{"n", total, "vacancy", lines[0].title}, URL: fmt.Sprintf("/perusahaan/lowongan/%d", lines[0].vacancy),
		Dedupe: fmt.Sprintf("applicants:%d:%s", user, end.UTC().Format(time.RFC3339))}
	if len(lines) > 1 {
		n.Title, n.Body, n.URL = "event.applicants_digest_more.title", "event.applicants_digest_more.body", "/perusahaan"
		n.Args = append(n.Args, "more", len(lines)-1)
	}
	return s.Notify.Send(ctx, q, n)
}
