package complaint

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// SessionInput schedules a mediation session.
type SessionInput struct {
	At    time.Time
	Place string
	Note  string
}

// sessionsOpen reports whether mediation sessions may be scheduled on case
// c: a dispute in mediation.
func sessionsOpen(c CaseSummary) bool { return c.Kind == KindDispute && c.State == Mediasi }

// ScheduleSession adds a mediation session to a dispute in mediation.
func (s *Store) ScheduleSession(ctx context.Context, u *auth.User, id int64, in SessionInput) (int64, error) {
	c, a, err := s.authorize(ctx, u, id, ActWork)
	if err != nil {
		return 0, err
	}
	var errs valid.Errors
	if !sessionsOpen(c) {
		errs.Add("at", "session_not_now")
	}
	if in.At.IsZero() {
		errs.Add("at", "required")
	} else if in.At.Before(s.Now()) {
		errs.Add("at", "date_past")
	}
	in.Place, in.Note = cleanText(in.Place), strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Place) > 300 {
		errs.Add("place", "too_long", "max", 300)
	}
	if utf8.RuneCountInString(in.Note) > 2000 {
		errs.Add("note", "too_long", "max", 2000)
	}
	if err := errs.Err(); err != nil {
		return 0, err
	}
	now := s.Now().UTC()
	var sid int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		sid, err = db.InsertID(ctx, tx, `INSERT INTO case_sessions (case_id, kind, at, place, note, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, Mediasi, in.At.UTC(), in.Place, in.Note, a.UserID, now)
		if err != nil {
			return fmt.Errorf("session on %d: %w", id, err)
		}
		return addEvent(ctx, tx, id, now, a.UserID, "sidang", "", "", in.At.In(wib.Zone).Format("2006-01-02 15:04")+" "+in.Place, time.Time{})
	})
	return sid, err
}
