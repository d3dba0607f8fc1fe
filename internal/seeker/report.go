package seeker

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The AK/1 six-monthly report (lapor AK/1): while the card is valid its
// holder reports every six months from the issue date whether they still
// seek work, have found work (and where), or something else. The report
// for a period may be made from a month before its date until a month
// after; then the card's next report date is the following period's.

// ReportPeriod is the months between reports (remind.AK1Period sends the
// reminders on the same schedule).
const ReportPeriod = 6

// reportWindow is how early and how late a period's report is taken.
const reportWindow = 30 // days

// Report statuses.
const (
	ReportSeeking = "mencari"
	ReportWorking = "bekerja"
	ReportOther   = "lainnya"
)

// ReportStatuses in the order the form lists them.
var ReportStatuses = []string{ReportSeeking, ReportWorking, ReportOther}

// AK1Report is one report on a card.
type AK1Report struct {
	ID         int64
	CardID     int64
	Period     int
	Status     string
	Employer   string
	Note       string
	ReportedAt time.Time
}

// ReportInput is what the seeker says.
type ReportInput struct {
	Status   string
	Employer string // where, when working
	Note     string
}

// ReportState is a card's report schedule as the seeker sees it.
type ReportState struct {
	// Period is the period now or next due, Due its date.
	Period int
	Due    time.Time
	// Open: the report for Period may be made today.
	Open bool
	// Done: the report for Period has been made (Due is then the next
	// period's date).
	Last *AK1Report
}

// due is the report date of period k of a card issued on issued.
func due(issued time.Time, k int) time.Time { return issued.AddDate(0, ReportPeriod*k, 0) }

// currentPeriod is the first period whose report date is not more than
// the window behind today.
func currentPeriod(issued, today time.Time) int {
	k := 1
	for due(issued, k).AddDate(0, 0, reportWindow).Before(today) {
		k++
	}
	return k
}

func (s *Store) reportCard(ctx context.Context, u *auth.User) (Card, error) {
	sk, err := s.Mine(ctx, u)
	if err != nil {
		return Card{}, err
	}
	c, ok, err := s.Card(ctx, sk.ID)
	if err != nil {
		return Card{}, err
	}
	if !ok || !c.ValidOn(s.Now()) {
		return Card{}, ErrNoValidCard
	}
	return c, nil
}

// ErrNoValidCard means there is no valid card to report on.
var ErrNoValidCard = fail.New(fail.Conflict, "seeker: no valid AK/1 card")

func (s *Store) lastReport(ctx context.Context, q db.Querier, cardID int64) (*AK1Report, error) {
	var r AK1Report
	err := q.QueryRowContext(ctx, `SELECT id, card_id, period, status, employer, note, reported_at FROM ak1_reports
		WHERE card_id = ? ORDER BY period DESC LIMIT 1`, cardID).Scan(&r.ID, &r.CardID, &r.Period, &r.Status, &r.Employer, &r.Note, &r.ReportedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("AK/1 report of card %d: %w", cardID, err)
	}
	return &r, nil
}

func (s *Store) reportState(ctx context.Context, q db.Querier, c Card) (ReportState, error) {
	today := wib.Date(s.Now())
	k := currentPeriod(c.IssuedOn, today)
	last, err := s.lastReport(ctx, q, c.ID)
	if err != nil {
		return ReportState{}, err
	}
	if last != nil && last.Period >= k {
		k = last.Period + 1
	}
	st := ReportState{Period: k, Due: due(c.IssuedOn, k), Last: last}
	st.Open = !today.Before(st.Due.AddDate(0, 0, -reportWindow)) && !st.Due.After(c.ValidUntil.AddDate(0, 0, reportWindow))
	return st, nil
}

// ReportState returns job seeker u's report schedule.
func (s *Store) ReportState(ctx context.Context, u *auth.User) (ReportState, error) {
	c, err := s.reportCard(ctx, u)
	if err != nil {
		return ReportState{}, err
	}
	return s.reportState(ctx, s.DB, c)
}

// ErrReportNotDue means the current period's report cannot be made yet.
var ErrReportNotDue = fail.New(fail.Conflict, "seeker: the AK/1 report is not due yet")

// ReportAK1 records job seeker u's report for the period now open. A
// seeker who reports working is marked placed, as a hire reported by an
// employer does: they leave the candidate lists and get no more report
// reminders.
func (s *Store) ReportAK1(ctx context.Context, u *auth.User, in ReportInput) (AK1Report, error) {
	c, err := s.reportCard(ctx, u)
	if err != nil {
		return AK1Report{}, err
	}
	var errs valid.Errors
	in.Employer, in.Note = strings.TrimSpace(in.Employer), strings.TrimSpace(in.Note)
	switch in.Status {
	case ReportSeeking, ReportOther:
	case ReportWorking:
		if in.Employer == "" {
			errs.Add("employer", "ak1_report_where")
		}
	default:
		errs.Add("status", "choose_one")
	}
	if utf8.RuneCountInString(in.Employer) > 200 {
		errs.Add("employer", "too_long", "max", 200)
	}
	if utf8.RuneCountInString(in.Note) > 500 {
		errs.Add("note", "too_long", "max", 500)
	}
	if err := errs.Err(); err != nil {
		return AK1Report{}, err
	}
	now := s.Now().UTC()
	var r AK1Report
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		st, err := s.reportState(ctx, tx, c)
		if err != nil {
			return err
		}
		if !st.Open {
			return ErrReportNotDue
		}
		r = AK1Report{CardID: c.ID, Period: st.Period, Status: in.Status, Employer: in.Employer, Note: in.Note, ReportedAt: now}
		r.ID, err = db.InsertID(ctx, tx, `INSERT INTO ak1_reports (card_id, period, status, employer, note, reported_at)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, r.Period, r.Status, r.Employer, r.Note, now)
		if db.IsUniqueViolation(err) {
			return ErrReportNotDue
		}
		if err != nil {
			return fmt.Errorf("AK/1 report of card %d: %w", c.ID, err)
		}
		if in.Status == ReportWorking {
			return MarkPlaced(ctx, tx, c.SeekerID, now)
		}
		return nil
	})
	if err != nil {
		return AK1Report{}, err
	}
	if in.Status == ReportWorking {
		s.notify()
	}
	return r, nil
}

// Reported reports whether card cardID's report for period k is made (the
// reminders skip it).
func Reported(ctx context.Context, q db.Querier, cardID int64, k int) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM ak1_reports WHERE card_id = ? AND period = ?`, cardID, k).Scan(&n); err != nil {
		return false, fmt.Errorf("AK/1 report %d/%d: %w", cardID, k, err)
	}
	return n > 0, nil
}
