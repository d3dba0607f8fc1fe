package vacancy

// Screening before a vacancy goes live (issue 15; the rules are in
// internal/screen, the policy in docs/screening.md). The vacancies row
// always holds what the public may see: the description without the
// sentences whose flags a petugas has not accepted, and no age cap unless
// its reason was accepted. vacancy_screens keeps the employer's own text
// and the last decision; vacancy_flags each finding with the employer's
// reason and its state:
//
//	open      found; a fee holds the vacancy, any other flag hides its sentence
//	pending   the employer gave a job reason; waits for a petugas
//	accepted  a petugas accepted it: the sentence or field is public
//	refused   a petugas refused it: it stays hidden (a new reason may follow)

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/screen"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Held is the status of a vacancy that waits for a petugas ("ditinjau"):
// invisible to the public, absent from search, feeds, matching and alerts.
const Held = "ditinjau"

// Flag states.
const (
	FlagOpen     = "open"
	FlagPending  = "pending"
	FlagAccepted = "accepted"
	FlagRefused  = "refused"
)

// Flag is one finding of the screening rules on a vacancy.
type Flag struct {
	ID     int64
	Code   string // screen.Fee, screen.Age, ...
	Field  string // screen.FieldTitle, FieldDescription, FieldAgeMax
	Detail string // the sentence as written, or "age_max=25"
	Reason string // the employer's job reason
	State  string
}

// Reasonable reports whether the employer may give a job reason for f.
func (f Flag) Reasonable() bool {
	r, _ := screen.RuleOf(f.Code)
	return r.Reasonable
}

// Law names the rule behind f.
func (f Flag) Law() string {
	r, _ := screen.RuleOf(f.Code)
	return r.Law
}

// Message is the message id explaining f.
func (f Flag) Message() string { return screen.Message(f.Code) }

// Public reports whether f's sentence or field may be shown.
func (f Flag) Public() bool { return f.State == FlagAccepted }

// holds reports whether f keeps its vacancy from the public: a fee, and
// any flag in the title (a title cannot lose a sentence), until accepted.
func (f Flag) holds() bool {
	if f.State == FlagAccepted {
		return false
	}
	r, _ := screen.RuleOf(f.Code)
	return r.Hold || f.Field == screen.FieldTitle
}

// Screen is a vacancy's screening state.
type Screen struct {
	VacancyID   int64
	Description string // the employer's own text
	AgeMax      int
	Publish     bool   // publish when a petugas approves
	Decision    string // "", "approved", "refused"
	Reason      string
	DecidedAt   time.Time
	Flags       []Flag
}

// Pending reports whether a flag waits for a petugas.
func (sc Screen) Pending() bool {
	for _, f := range sc.Flags {
		if f.State == FlagPending {
			return true
		}
	}
	return false
}

func holds(flags []Flag) bool {
	for _, f := range flags {
		if f.holds() {
			return true
		}
	}
	return false
}

// merge turns the rules' findings into flags, keeping the reason and state
// of a finding that was there before (same rule, field and sentence): an
// edit elsewhere in the text does not undo a petugas's acceptance.
func merge(found []screen.Flag, old []Flag) []Flag {
	prev := map[string]Flag{}
	for _, f := range old {
		prev[f.Code+"\x00"+f.Field+"\x00"+f.Detail] = f
	}
	out := make([]Flag, 0, len(found))
	for _, f := range found {
		nf := Flag{Code: f.Code, Field: f.Field, Detail: f.Detail, State: FlagOpen}
		if p, ok := prev[f.Code+"\x00"+f.Field+"\x00"+f.Detail]; ok {
			nf.Reason, nf.State = p.Reason, p.State
		}
		out = append(out, nf)
	}
	return out
}

// publicInput is in as the public may see it under flags.
func publicInput(in Input, flags []Flag) Input {
	hide := map[string]bool{}
	for _, f := range flags {
		switch {
		case f.Public():
		case f.Field == screen.FieldDescription:
			hide[f.Detail] = true
		case f.Field == screen.FieldAgeMax:
			in.AgeMax = 0
		}
	}
	in.Description = screen.Redact(in.Description, hide)
	return in
}

func findings(in Input) []screen.Flag {
	return screen.Check(screen.Input{Title: in.Title, Description: in.Description, AgeMax: in.AgeMax})
}

// loadScreen reads vacancy id's screening state (ok false: never screened).
func loadScreen(ctx context.Context, q db.Querier, id int64) (Screen, bool, error) {
	sc := Screen{VacancyID: id}
	var at sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT description, age_max, publish, decision, reason, decided_at
		FROM vacancy_screens WHERE vacancy_id = ?`, id).Scan(&sc.Description, &sc.AgeMax, &sc.Publish, &sc.Decision, &sc.Reason, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return sc, false, nil
	}
	if err != nil {
		return sc, false, fmt.Errorf("screen of vacancy %d: %w", id, err)
	}
	sc.DecidedAt = at.Time
	sc.Flags, err = loadFlags(ctx, q, id)
	return sc, true, err
}

func loadFlags(ctx context.Context, q db.Querier, id int64) ([]Flag, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code, field, detail, reason, state FROM vacancy_flags WHERE vacancy_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("flags of vacancy %d: %w", id, err)
	}
	defer rows.Close()
	var out []Flag
	for rows.Next() {
		var f Flag
		if err := rows.Scan(&f.ID, &f.Code, &f.Field, &f.Detail, &f.Reason, &f.State); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// writeScreen stores the employer's text, whether to publish on approval,
// and flags (replacing the previous ones).
func writeScreen(ctx context.Context, q db.Querier, id int64, full Input, publish bool, flags []Flag, now time.Time) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO vacancy_screens (vacancy_id, description, age_max, publish, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (vacancy_id) DO UPDATE SET description = excluded.description,
		age_max = excluded.age_max, publish = excluded.publish, updated_at = excluded.updated_at`,
		id, full.Description, full.AgeMax, publish, now); err != nil {
		return fmt.Errorf("screen of vacancy %d: %w", id, err)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM vacancy_flags WHERE vacancy_id = ?`, id); err != nil {
		return fmt.Errorf("flags of vacancy %d: %w", id, err)
	}
	for _, f := range flags {
		if _, err := q.ExecContext(ctx, `INSERT INTO vacancy_flags (vacancy_id, code, field, detail, reason, state, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, f.Code, f.Field, f.Detail, f.Reason, f.State, now); err != nil {
			return fmt.Errorf("flag of vacancy %d: %w", id, err)
		}
	}
	return nil
}

// screened is the outcome of screening one save.
type screened struct {
	public Input // what the vacancies row may hold
	hold   bool
	flags  []Flag
}

// screenNew screens the input of a new vacancy.
func screenNew(in Input) screened {
	flags := merge(findings(in), nil)
	return screened{public: publicInput(in, flags), hold: holds(flags), flags: flags}
}

// screenEdit screens an edit of vacancy id (status before the edit) and
// stores the outcome in q; the caller writes sc.public to the row.
func screenEdit(ctx context.Context, q db.Querier, id int64, status string, full Input, now time.Time) (screened, error) {
	old, _, err := loadScreen(ctx, q, id)
	if err != nil {
		return screened{}, err
	}
	flags := merge(findings(full), old.Flags)
	publish := status == Published || status == Held && old.Publish
	if err := writeScreen(ctx, q, id, full, publish, flags, now); err != nil {
		return screened{}, err
	}
	return screened{public: publicInput(full, flags), hold: holds(flags), flags: flags}, nil
}

// holdPublished takes published vacancy id down to Held after an edit that
// trips a hold rule. The public log saw it published, so it records that
// it left.
func holdPublished(ctx context.Context, tx *db.Tx, id, employerID int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
		Held, now, id, Published); err != nil {
		return fmt.Errorf("hold vacancy %d: %w", id, err)
	}
	_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.VacancyClosed, At: now,
		Fields: map[string]any{"vacancy_id": id, "employer_id": employerID, "reason": "held_for_review"}})
	return err
}

// holdOnPublish is the screening step of publishing draft v: when its
// flags hold it, the vacancy becomes Held (to be published when a petugas
// approves) instead of public, and held reports true. A draft saved before
// screening existed is screened now, its public text cut as on a save.
func (s *Store) holdOnPublish(ctx context.Context, v Vacancy, now time.Time) (held bool, err error) {
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		sc, ok, err := loadScreen(ctx, tx, v.ID)
		if err != nil {
			return err
		}
		flags := sc.Flags
		if !ok {
			r, err := screenEdit(ctx, tx, v.ID, Draft, inputOf(v), now)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET description = ?, age_max = ? WHERE id = ?`,
				r.public.Description, r.public.AgeMax, v.ID); err != nil {
				return fmt.Errorf("screen vacancy %d: %w", v.ID, err)
			}
			if err := Index(ctx, tx, v.ID, v.EmployerName, r.public); err != nil {
				return err
			}
			flags = r.flags
		}
		if !holds(flags) {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE vacancies SET status = ?, updated_at = ? WHERE id = ? AND status = ?`, Held, now, v.ID, Draft)
		if err != nil {
			return fmt.Errorf("hold vacancy %d: %w", v.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("status", "status_change_invalid")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vacancy_screens SET publish = ? WHERE vacancy_id = ?`, true, v.ID); err != nil {
			return fmt.Errorf("hold vacancy %d: %w", v.ID, err)
		}
		held = true
		return nil
	})
	return held, err
}

// Screening returns the screening state of vacancy id for its employer or
// for a reviewer. A vacancy never screened has an empty state.
func (s *Store) Screening(ctx context.Context, u *auth.User, id int64) (Screen, error) {
	if auth.Can(rolesOf(u), auth.ReviewVacancy) {
		if _, err := s.Get(ctx, id); err != nil {
			return Screen{}, err
		}
	} else if _, _, err := s.own(ctx, u, auth.PostVacancy, id); err != nil {
		return Screen{}, err
	}
	sc, _, err := loadScreen(ctx, s.DB, id)
	return sc, err
}

func rolesOf(u *auth.User) []auth.Role {
	if u == nil {
		return nil
	}
	return u.Roles
}

// Explain records the employer's job reason for flag flagID of vacancy id:
// the flag then waits for a petugas. Only discriminatory flags take a
// reason; a fee or a contact outside bursa has none.
func (s *Store) Explain(ctx context.Context, u *auth.User, id, flagID int64, reason string) (Flag, error) {
	_, v, err := s.own(ctx, u, auth.PostVacancy, id)
	if err != nil {
		return Flag{}, err
	}
	if v.Status == Closed || v.Status == Filled {
		return Flag{}, valid.New("status", "vacancy_not_editable")
	}
	reason = strings.TrimSpace(reason)
	var errs valid.Errors
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		errs.Add("reason", "reason_required")
	case n > 1000:
		errs.Add("reason", "too_long", "max", 1000)
	}
	var f Flag
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		flags, err := loadFlags(ctx, tx, id)
		if err != nil {
			return err
		}
		found := false
		for _, x := range flags {
			if x.ID == flagID {
				f, found = x, true
			}
		}
		if !found {
			return fmt.Errorf("flag %d of vacancy %d: %w", flagID, id, db.ErrNotFound)
		}
		if !f.Reasonable() {
			errs.Add("reason", "screen_no_reason")
		}
		if err := errs.Err(); err != nil {
			return err
		}
		f.Reason, f.State = reason, FlagPending
		_, err = tx.ExecContext(ctx, `UPDATE vacancy_flags SET reason = ?, state = ? WHERE id = ?`, f.Reason, f.State, f.ID)
		return err
	})
	return f, err
}

// Review is one vacancy in the petugas queue.
type Review struct {
	Vacancy
	Screen
}

// ReviewQueue lists what waits for a petugas: held vacancies and vacancies
// with reasons to judge, oldest change first.
func (s *Store) ReviewQueue(ctx context.Context, u *auth.User, limit int) ([]Review, error) {
	if err := auth.Require(u, auth.ReviewVacancy); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 200 {
		limit = 200
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.status = ? OR (v.status IN (?, ?) AND EXISTS (SELECT 1 FROM vacancy_flags f WHERE f.vacancy_id = v.id AND f.state = ?))
		ORDER BY v.updated_at, v.id LIMIT ?`, Held, Draft, Published, FlagPending, limit)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	var vs []Vacancy
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		vs = append(vs, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Review, 0, len(vs))
	for _, v := range vs {
		sc, _, err := loadScreen(ctx, s.DB, v.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Review{Vacancy: v, Screen: sc})
	}
	return out, nil
}

// ReviewOf is one vacancy of the queue, for the petugas's page.
func (s *Store) ReviewOf(ctx context.Context, u *auth.User, id int64) (Review, error) {
	if err := auth.Require(u, auth.ReviewVacancy); err != nil {
		return Review{}, err
	}
	v, err := s.Get(ctx, id)
	if err != nil {
		return Review{}, err
	}
	sc, _, err := loadScreen(ctx, s.DB, id)
	return Review{Vacancy: v, Screen: sc}, err
}

// Decide is a petugas's decision on vacancy id, with a reason the employer
// reads. Approving publishes a held vacancy (when the employer asked to
// publish; else it returns to draft) and accepts the reasons waiting;
// refusing returns a held vacancy to draft (the employer must change it)
// and refuses the reasons waiting. The decision is audited; what becomes
// public is in the public log.
func (s *Store) Decide(ctx context.Context, u *auth.User, id int64, approve bool, reason string) (Vacancy, error) {
	if err := auth.Require(u, auth.ReviewVacancy); err != nil {
		return Vacancy{}, err
	}
	v, err := s.Get(ctx, id)
	if err != nil {
		return Vacancy{}, err
	}
	reason = strings.TrimSpace(reason)
	var errs valid.Errors
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		errs.Add("reason", "reason_required")
	case n > 1000:
		errs.Add("reason", "too_long", "max", 1000)
	}
	if err := errs.Err(); err != nil {
		return Vacancy{}, err
	}
	emp, err := s.Employers.Get(ctx, v.EmployerID)
	if err != nil {
		return Vacancy{}, err
	}
	now := s.Now().UTC()
	decision := "refused"
	if approve {
		decision = "approved"
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		sc, _, err := loadScreen(ctx, tx, id)
		if err != nil {
			return err
		}
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM vacancies WHERE id = ?`, id).Scan(&status); err != nil {
			return fmt.Errorf("vacancy %d: %w", id, err)
		}
		if status != Held && !sc.Pending() {
			return valid.New("status", "screen_nothing_to_review")
		}
		for i, f := range sc.Flags {
			switch {
			case approve && (f.State != FlagAccepted && (status == Held || f.State == FlagPending)):
				// Approving a held vacancy accepts what held it: the petugas
				// read the text and found it lawful.
				sc.Flags[i].State = FlagAccepted
			case !approve && f.State == FlagPending:
				sc.Flags[i].State = FlagRefused
			}
		}
		full := inputOf(v)
		full.Description, full.AgeMax = sc.Description, sc.AgeMax
		if sc.Description == "" {
			full.Description = v.Description
		}
		pub := publicInput(full, sc.Flags)
		if err := writeScreen(ctx, tx, id, full, sc.Publish, sc.Flags, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vacancy_screens SET decision = ?, reason = ?, decided_by = ?, decided_at = ?
			WHERE vacancy_id = ?`, decision, reason, u.ID, now, id); err != nil {
			return fmt.Errorf("decision on vacancy %d: %w", id, err)
		}
		next := status
		switch {
		case status == Held && approve && sc.Publish && emp.Status == employer.Verified:
			next = Published
		case status == Held:
			next = Draft
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET description = ?, age_max = ?, status = ?, updated_at = ? WHERE id = ?`,
			pub.Description, pub.AgeMax, next, now, id); err != nil {
			return fmt.Errorf("decide vacancy %d: %w", id, err)
		}
		if next == Published && status != Published {
			// Published now: the instant alerts read published_at.
			if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET published_at = ? WHERE id = ?`, now, id); err != nil {
				return fmt.Errorf("publish vacancy %d: %w", id, err)
			}
		}
		if err := Index(ctx, tx, id, v.EmployerName, pub); err != nil {
			return err
		}
		switch {
		case next == Published && status != Published:
			if _, err := ledger.Append(ctx, tx, vacancyEntry(ledger.VacancyPublished, id, emp.ID, emp.Name, pub, v.ClosesOn, now)); err != nil {
				return err
			}
		case next == Published && (pub.Description != v.Description || pub.AgeMax != v.AgeMax):
			if _, err := ledger.Append(ctx, tx, vacancyEntry(ledger.VacancyChanged, id, emp.ID, emp.Name, pub, v.ClosesOn, now)); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "vacancy.review." + decision,
			SubjectType: "vacancy", SubjectID: id, Detail: reason}); err != nil {
			return err
		}
		return s.tell(ctx, tx, notify.Notice{To: emp.OwnerID, Kind: notify.Screening,
			Title: "event.screen." + decision + ".title", Body: "event.screen." + decision + ".body",
			Args:   []any{"vacancy", v.Title, "reason", reason},
			URL:    "/perusahaan/lowongan/" + strconv.FormatInt(id, 10) + "/ubah",
			Dedupe: "screen:" + strconv.FormatInt(id, 10) + ":" + now.Format(time.RFC3339Nano)})
	})
	if err != nil {
		return Vacancy{}, fmt.Errorf("review vacancy %d: %w", id, err)
	}
	s.Changed()
	return s.Get(ctx, id)
}

// Screens returns the screening state of every screened vacancy of an
// employer, for its dashboard.
func (s *Store) Screens(ctx context.Context, employerID int64) (map[int64]Screen, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT s.vacancy_id, s.decision, s.reason, s.decided_at FROM vacancy_screens s
		JOIN vacancies v ON v.id = s.vacancy_id WHERE v.employer_id = ?`, employerID)
	if err != nil {
		return nil, fmt.Errorf("screens of employer %d: %w", employerID, err)
	}
	out := map[int64]Screen{}
	for rows.Next() {
		var sc Screen
		var at sql.NullTime
		if err := rows.Scan(&sc.VacancyID, &sc.Decision, &sc.Reason, &at); err != nil {
			rows.Close()
			return nil, err
		}
		sc.DecidedAt = at.Time
		out[sc.VacancyID] = sc
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	frows, err := s.DB.QueryContext(ctx, `SELECT f.vacancy_id, f.id, f.code, f.field, f.detail, f.reason, f.state FROM vacancy_flags f
		JOIN vacancies v ON v.id = f.vacancy_id WHERE v.employer_id = ? ORDER BY f.id`, employerID)
	if err != nil {
		return nil, fmt.Errorf("flags of employer %d: %w", employerID, err)
	}
	defer frows.Close()
	for frows.Next() {
		var vid int64
		var f Flag
		if err := frows.Scan(&vid, &f.ID, &f.Code, &f.Field, &f.Detail, &f.Reason, &f.State); err != nil {
			return nil, err
		}
		sc := out[vid]
		sc.Flags = append(sc.Flags, f)
		out[vid] = sc
	}
	return out, frows.Err()
}
