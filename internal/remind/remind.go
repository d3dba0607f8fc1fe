// Package remind sends the notices no single request causes: reminders of
// a date coming (an AK/1 report, a vacancy closing, a nota's deadline) and
// the hourly or daily digest of an employer's new applicants. A loop inside
// `serve` runs it every few minutes.
//
// Every notice carries a Dedupe naming its person, subject and period, so
// a run that repeats, or several `serve` processes running at once, send
// each notice once: the inbox's unique (user, dedupe) lets only the first
// through, and Send queues mail only for a notice that was new.
package remind

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Store finds what is due and tells the people it concerns.
type Store struct {
	DB     *db.DB
	Notify *notify.Store
	Now    func() time.Time
}

// Counts are the notices one run sent, by job.
type Counts struct {
	AK1, Closing, Nota, Digests int
	Interviews                  int
	Tracer                      int // SMK graduates' tracer-study questions
}

// Total is the number of notices sent.
func (c Counts) Total() int { return c.AK1 + c.Closing + c.Nota + c.Digests + c.Interviews + c.Tracer }

// Run runs every job once, at s.Now. A job that fails does not keep the
// others from running; the errors are joined.
func (s *Store) Run(ctx context.Context) (Counts, error) {
	var c Counts
	var errs []error
	var err error
	if c.AK1, err = s.AK1(ctx); err != nil {
		errs = append(errs, fmt.Errorf("ak1 reminders: %w", err))
	}
	if c.Closing, err = s.Closing(ctx); err != nil {
		errs = append(errs, fmt.Errorf("closing reminders: %w", err))
	}
	if c.Nota, err = s.Nota(ctx); err != nil {
		errs = append(errs, fmt.Errorf("nota reminders: %w", err))
	}
	if c.Digests, err = s.Digests(ctx); err != nil {
		errs = append(errs, fmt.Errorf("applicant digests: %w", err))
	}
	if c.Interviews, err = s.Interviews(ctx); err != nil {
		errs = append(errs, fmt.Errorf("interview reminders: %w", err))
	}
	if c.Tracer, err = s.Tracer(ctx); err != nil {
		errs = append(errs, fmt.Errorf("tracer questions: %w", err))
	}
	return c, errors.Join(errs...)
}

// Loop runs s every interval until ctx ends.
func (s *Store) Loop(ctx context.Context, interval time.Duration, log *slog.Logger) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		c, err := s.Run(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("reminders", "err", err)
		}
		if c.Total() > 0 {
			log.Info("reminders sent", "ak1", c.AK1, "closing", c.Closing, "nota", c.Nota, "digests", c.Digests, "interviews", c.Interviews, "tracer", c.Tracer)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// send sends n in its own transaction and reports whether it was new.
func (s *Store) send(ctx context.Context, n notify.Notice) (bool, error) {
	var sent bool
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		sent, err = s.Notify.Send(ctx, tx, n)
		return err
	})
	return sent, err
}

// today is the date in WIB, as midnight UTC of that date (how DATE columns
// read back).
func (s *Store) today() time.Time { return wib.Date(s.Now()) }

// day formats a date for a notice.
func day(t time.Time) string { return t.Format("02-01-2006") }

// scan runs query and calls each for every row.
func scan(ctx context.Context, q db.Querier, each func(rowScanner) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

type rowScanner interface{ Scan(...any) error }
