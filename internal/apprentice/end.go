package apprentice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/stats/cells"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return db.ErrNotFound
	}
	return err
}

// EndInput is how an apprenticeship ended: completed with the
// certificate's number (and its issuer), or dropped with the reason; and
// whether the company hired the apprentice after.
type EndInput struct {
	Outcome     string // Done or Dropped
	Certificate string
	Issuer      string
	Reason      string
	Hired       *bool
}

// End records the end of apprentice aid of program id of u's company.
// When no apprentice of the program is still running and either every
// seat was taken or its term is over, the program ends too ("selesai"),
// with its outcomes in counts in the public log.
func (s *Store) End(ctx context.Context, u *auth.User, id, aid int64, in EndInput) (Apprentice, error) {
	_, p, err := s.own(ctx, u, id)
	if err != nil {
		return Apprentice{}, err
	}
	a, err := s.apprentice(ctx, id, aid)
	if err != nil {
		return Apprentice{}, err
	}
	in.Certificate, in.Issuer, in.Reason = clean(in.Certificate), clean(in.Issuer), clean(in.Reason)
	var errs valid.Errors
	if a.Status != Running {
		errs.Add("outcome", "appr_ended")
	}
	switch in.Outcome {
	case Done:
		if utf8.RuneCountInString(in.Certificate) < 3 {
			errs.Add("certificate", "appr_certificate")
		}
		in.Reason = ""
	case Dropped:
		if utf8.RuneCountInString(in.Reason) < 5 {
			errs.Add("reason", "appr_end_reason", "min", 5)
		}
		in.Certificate, in.Issuer = "", ""
	default:
		errs.Add("outcome", "choose_one")
	}
	for f, v := range map[string]string{"certificate": in.Certificate, "issuer": in.Issuer, "reason": in.Reason} {
		if utf8.RuneCountInString(v) > 200 && !errs.Has(f) {
			errs.Add(f, "too_long", "max", 200)
		}
	}
	if in.Hired == nil {
		errs.Add("hired", "required")
	}
	if err := errs.Err(); err != nil {
		return Apprentice{}, err
	}
	now := s.Now().UTC()
	today := wib.Date(now)
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE apprentices SET status = ?, certificate = ?, issuer = ?, reason = ?, hired = ?, ended_on = ?
			WHERE id = ? AND status = ?`, in.Outcome, in.Certificate, in.Issuer, in.Reason, *in.Hired, today, aid, Running)
		if err != nil {
			return fmt.Errorf("end apprentice %d: %w", aid, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("outcome", "appr_ended")
		}
		return s.finishTx(ctx, tx, p, today, now)
	})
	if err != nil {
		return Apprentice{}, err
	}
	return s.apprentice(ctx, id, aid)
}

// finishTx ends program p when nobody is running and no seat can still be
// filled (all taken, or the term from its start is over).
func (s *Store) finishTx(ctx context.Context, tx *db.Tx, p Program, today, now time.Time) error {
	var taken, run, done, dropped, hired int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN status = 'berjalan' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'selesai' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'berhenti' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status <> 'berjalan' AND hired THEN 1 ELSE 0 END), 0)
		FROM apprentices WHERE apprenticeship_id = ?`, p.ID).Scan(&taken, &run, &done, &dropped, &hired)
	if err != nil {
		return fmt.Errorf("program %d counts: %w", p.ID, err)
	}
	if run > 0 || (taken < p.Seats && !today.After(p.EndsOn(p.StartOn))) {
		return nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE apprenticeships SET status = ?, ended_at = ? WHERE id = ? AND status = ?`, Selesai, now, p.ID, Berjalan)
	if err != nil {
		return fmt.Errorf("finish program %d: %w", p.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil
	}
	// The log is public: its counts follow the same small-cell rule as
	// the pages ("<5" or "–" in place of a number).
	_, c, d, h := Public(run, done, dropped, hired)
	_, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApprenticeshipEnded, At: now, Fields: map[string]any{
		"apprenticeship_id": p.ID, "employer_id": p.EmployerID, "employer": p.EmployerName, "title": p.Title, "region": p.Region,
		"apprentices": taken, "completed": c.Shown(), "dropped": d.Shown(), "hired": h.Shown()}})
	return err
}

// Count is one public figure under bursa's small-cell rule
// (internal/stats/cells): a withheld count shows as "<5" when it is small
// and as "–" when it is withheld because the published ones would give a
// small one back. A company with one apprentice must not show whether
// that person dropped out.
type Count struct {
	N        int
	Withheld bool
}

// Shown is the count as the public sees it.
func (c Count) Shown() string {
	switch {
	case !c.Withheld:
		return strconv.Itoa(c.N)
	case c.N > 0 && c.N < cells.MinCell:
		return "<" + strconv.Itoa(cells.MinCell)
	}
	return "–"
}

// Public applies the small-cell rule to apprentices running, completed and
// dropped, and of those who ended, hired after. Their sum, the seats
// taken, is public anyway (seats minus open seats on every program page),
// so the three are one row with a published total: cells.Suppress decides
// which go. When the total itself is 1 to 4, all of them go, zeros too,
// since two published zeros would give the third count back. Hired is
// withheld when small, or when those who ended but were not hired are, as
// long as the number who ended can be read from the published counts.
func Public(running, completed, dropped, hired int) (r, c, d, h Count) {
	r, c, d, h = Count{N: running}, Count{N: completed}, Count{N: dropped}, Count{N: hired}
	small := func(n int) bool { return n > 0 && n < cells.MinCell }
	if taken := running + completed + dropped; small(taken) {
		r.Withheld, c.Withheld, d.Withheld, h.Withheld = true, true, true, true
		return r, c, d, h
	}
	w := cells.Suppress(cells.Grid{Cells: [][]int{{running, completed, dropped}}, RowTotals: true})
	r.Withheld, c.Withheld, d.Withheld = w.Cells[0][0], w.Cells[0][1], w.Cells[0][2]
	endedKnown := !r.Withheld || (!c.Withheld && !d.Withheld)
	h.Withheld = small(hired) || (endedKnown && small(completed+dropped-hired)) || (hired > 0 && c.Withheld && d.Withheld)
	return r, c, d, h
}

// Outcomes are a company's (or a program's) public apprenticeship
// figures: apprentices who completed, who were hired after, who dropped,
// and how many are still running. Programs counts its approved programs.
type Outcomes struct {
	Programs                           int
	Running, Completed, Hired, Dropped Count
}

// Any reports whether there is anything to show.
func (o Outcomes) Any() bool { return o.Programs > 0 }

// EmployerOutcomes returns the public apprenticeship figures of company
// empID over its approved programs.
func (s *Store) EmployerOutcomes(ctx context.Context, empID int64) (Outcomes, error) {
	return s.outcomes(ctx, `p.employer_id = ?`, empID)
}

// ProgramOutcomes returns the public figures of program id.
func (s *Store) ProgramOutcomes(ctx context.Context, id int64) (Outcomes, error) {
	return s.outcomes(ctx, `p.id = ?`, id)
}

func (s *Store) outcomes(ctx context.Context, where string, arg int64) (Outcomes, error) {
	var o Outcomes
	err := s.DB.QueryRowContext(ctx, `SELECT COUNT(DISTINCT p.id),
		COALESCE(SUM(CASE WHEN a.status = 'berjalan' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN a.status = 'selesai' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN a.status <> 'berjalan' AND a.hired THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN a.status = 'berhenti' THEN 1 ELSE 0 END), 0)
		FROM apprenticeships p LEFT JOIN apprentices a ON a.apprenticeship_id = p.id
		WHERE `+where+` AND p.status IN ('disetujui', 'berjalan', 'selesai')`, arg).
		Scan(&o.Programs, &o.Running.N, &o.Completed.N, &o.Hired.N, &o.Dropped.N)
	if err != nil {
		return Outcomes{}, fmt.Errorf("apprenticeship outcomes: %w", err)
	}
	o.Running, o.Completed, o.Dropped, o.Hired = Public(o.Running.N, o.Completed.N, o.Dropped.N, o.Hired.N)
	return o, nil
}

// Started is one apprentice as the youth programs' figures count them:
// their age in the year they started, and how their apprenticeship went.
type Started struct {
	Age    int
	Status string // berjalan, selesai, berhenti
	Hired  bool
}

// AllStarted lists every apprentice of an approved program with the age
// they reached in the year they started (the birth year alone, as every
// age figure in bursa), for figures over an age band (internal/youth).
// Nothing in it names a person.
func (s *Store) AllStarted(ctx context.Context) ([]Started, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT COALESCE(sk.birth_year, 0), a.start_on, a.status, COALESCE(a.hired, FALSE)
		FROM apprentices a JOIN apprenticeships p ON p.id = a.apprenticeship_id JOIN seekers sk ON sk.id = a.seeker_id
		WHERE p.status IN ('disetujui', 'berjalan', 'selesai')`)
	if err != nil {
		return nil, fmt.Errorf("apprentices started: %w", err)
	}
	defer rows.Close()
	var out []Started
	for rows.Next() {
		var born int
		var start time.Time
		var st Started
		if err := rows.Scan(&born, &start, &st.Status, &st.Hired); err != nil {
			return nil, fmt.Errorf("apprentices started: %w", err)
		}
		st.Age = start.Year() - born
		out = append(out, st)
	}
	return out, rows.Err()
}
