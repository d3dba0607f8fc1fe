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

// MoveInput is a change of state.
type MoveInput struct {
	To     string
	Reason string // why; required, and shown to complainants when the case ends
	// Date: the inspection visit (pemeriksaan_dijadwalkan, required), or
	// the compliance day a nota names (nota_1, nota_2; else the default
	// period), as a WIB civil date.
	Date time.Time
	// Place of the inspection visit.
	Place string
	// Ref: the agreement's registration number at the PHI
	// (perjanjian_bersama) or the court case number (gugatan_phi).
	Ref string
	// Officer: whom to assign when moving to ditugaskan or mediasi
	// (0 picks by coverage and load, as Assign does).
	Officer int64
}

func checkReason(errs *valid.Errors, reason string) string {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		errs.Add("reason", "reason_required")
	case n > 2000:
		errs.Add("reason", "too_long", "max", 2000)
	}
	return reason
}

// Move changes case id's state, as the transition table allows, recording
// who, when and why, and the new state's deadline (working days, from
// today in WIB). Before anyone is assigned only a supervisor may move a
// case; after, the assignee or a supervisor (ActWork is both: with nobody
// assigned, only supervisors hold it).
func (s *Store) Move(ctx context.Context, u *auth.User, id int64, in MoveInput) error {
	c, a, err := s.authorize(ctx, u, id, ActWork)
	if err != nil {
		return err
	}
	if in.To == Ditugaskan || in.To == Mediasi {
		if !CanMove(c.Kind, c.State, in.To) {
			return valid.New("to", "status_change_invalid")
		}
		_, err := s.assign(ctx, a, c, in.Officer, in.Reason)
		return err
	}
	return s.move(ctx, a.UserID, c, in)
}

func (s *Store) move(ctx context.Context, actor int64, c CaseSummary, in MoveInput) error {
	if !CanMove(c.Kind, c.State, in.To) {
		return valid.New("to", "status_change_invalid")
	}
	today := s.today()
	in, errs := checkMove(in, today)
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if c.Kind == KindInspection {
			if err := s.checkFindings(ctx, tx, c.ID, in.To, &errs); err != nil {
				return err
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		from := today
		if in.To == PemeriksaanDijadwalkan {
			from = wib.Date(in.Date)
		}
		deadline, _ := s.deadlines().Due(c.Kind, in.To, from)
		if (in.To == Nota1 || in.To == Nota2) && !in.Date.IsZero() {
			deadline = wib.Date(in.Date)
		}
		var closed any
		if IsFinal(c.Kind, in.To) {
			closed = now
		}
		res, err := tx.ExecContext(ctx, `UPDATE cases SET state = ?, deadline = ?, escalated_at = NULL, escalated_to = NULL,
			outcome_ref = CASE WHEN ? <> '' THEN ? ELSE outcome_ref END, closed_at = ?, updated_at = ?
			WHERE id = ? AND state = ?`, in.To, nullDate(deadline), in.Ref, in.Ref, closed, now, c.ID, c.State)
		if err != nil {
			return fmt.Errorf("move case %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			// Someone moved it meanwhile.
			return valid.New("to", "status_change_invalid")
		}
		reason := in.Reason
		if in.Ref != "" {
			reason += " (" + in.Ref + ")"
		}
		if in.To == PemeriksaanDijadwalkan {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_sessions (case_id, kind, at, place, note, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, KindInspection, in.Date.UTC(), in.Place, in.Reason, nullID(actor), now); err != nil {
				return fmt.Errorf("visit on %d: %w", c.ID, err)
			}
		}
		if err := addEvent(ctx, tx, c.ID, now, actor, "status", c.State, in.To, reason, deadline); err != nil {
			return err
		}
		return s.tellCaseNews(ctx, tx, c.ID)
	})
}

// checkMove checks the fields a move to in.To needs, on day today, and
// returns them cleaned.
func checkMove(in MoveInput, today time.Time) (MoveInput, valid.Errors) {
	var errs valid.Errors
	in.Reason = checkReason(&errs, in.Reason)
	in.Ref = cleanText(in.Ref)
	in.Place = cleanText(in.Place)
	switch in.To {
	case PemeriksaanDijadwalkan:
		switch {
		case in.Date.IsZero():
			errs.Add("date", "required")
		case wib.Date(in.Date).Before(today):
			errs.Add("date", "date_past")
		}
		if utf8.RuneCountInString(in.Place) > 300 {
			errs.Add("place", "too_long", "max", 300)
		}
	case Nota1, Nota2:
		if !in.Date.IsZero() && !wib.Date(in.Date).After(today) {
			errs.Add("date", "deadline_past")
		}
	case PerjanjianBersama, GugatanPHI:
		if in.Ref == "" {
			errs.Add("ref", "required")
		} else if utf8.RuneCountInString(in.Ref) > 100 {
			errs.Add("ref", "too_long", "max", 100)
		}
	}
	return in, errs
}

// checkFindings adds to errs what inspection case caseID's findings rule
// out for a move to state to: findings come before temuan, a nota or a
// successful end needs a substantiated one, and closing as not proven
// needs none.
func (s *Store) checkFindings(ctx context.Context, q db.Querier, caseID int64, to string, errs *valid.Errors) error {
	fs, err := s.findings(ctx, q, caseID)
	if err != nil {
		return err
	}
	substantiated := 0
	for _, f := range fs {
		if f.Substantiated {
			substantiated++
		}
	}
	switch to {
	case Temuan:
		if len(fs) == 0 {
			errs.Add("to", "finding_required")
		}
	case Nota1, Nota2, Selesai, DilimpahkanPPNS:
		if substantiated == 0 {
			errs.Add("to", "finding_not_substantiated")
		}
	case DitutupTidakTerbukti:
		if substantiated > 0 {
			errs.Add("to", "finding_substantiated")
		}
	}
	return nil
}
