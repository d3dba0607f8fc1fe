// Package alert keeps job seekers' saved vacancy searches and tells them
// of new vacancies: at once or once a day for a saved search (a vacancy
// that matches its filters), and in the daily "Lowongan untuk Anda" digest
// (their best new matches from the matching engine).
//
// A saved search holds the public list's filters (vacancy.Filter), checked by
// the list's own rules (Filter.Normalize). New vacancies are matched against
// saved searches in memory (Predicate), not by running every saved search as
// a query: see predicate.go and docs/alerts.md.
package alert

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Alert says how a saved search tells its owner of new vacancies.
const (
	None    = ""        // kept for later, not watched
	Instant = "instant" // one notice per new vacancy, within seconds
	Daily   = "daily"   // one notice a day listing the new vacancies
)

// Alerts are the choices, in the order pages show them.
var Alerts = []string{Instant, Daily, None}

// MaxSaved is how many searches one person may keep.
const MaxSaved = 20

// Store keeps saved searches and digest opt-ins and runs the alert loops.
type Store struct {
	DB     *db.DB
	Now    func() time.Time
	Notify *notify.Store
	// Match ranks vacancies for the digest (nil: no digest).
	Match *match.Engine
	// Search, when set, is the vacancy list's store: alerts then match
	// words the way the list finds them (its forgiving in-memory index);
	// without it, as the database's own text search does.
	Search *vacancy.Store
}

// texts returns what a run compiles saved searches and reads vacancies with.
func (s *Store) texts() *Texts {
	if s.Search != nil {
		return NewListTexts(s.Search)
	}
	return NewTexts(s.DB)
}

// SavedSearch is one saved vacancy search.
type SavedSearch struct {
	ID        int64
	UserID    int64
	Filter    vacancy.Filter // Q, Region, KBJI, Education, MinWage, Contract
	Alert     string
	CreatedAt time.Time
}

// Query is the search as list-page parameters (for a link to its results).
func (s SavedSearch) Query() url.Values {
	return FilterQuery(s.Filter)
}

// Link is the list page of the search.
func (s SavedSearch) Link() string { return "/lowongan?" + s.Query().Encode() }

// FilterQuery renders the saved part of a filter as list-page parameters.
func FilterQuery(f vacancy.Filter) url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Q, "region": f.Region, "kbji": f.KBJI, "education": f.Education, "contract": f.Contract} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.MinWage > 0 {
		q.Set("min_wage", strconv.FormatInt(f.MinWage, 10))
	}
	return q
}

// ParseAlert checks an alert choice.
func ParseAlert(s string) (string, bool) {
	for _, a := range Alerts {
		if s == a {
			return a, true
		}
	}
	return "", false
}

// Input is a search to save.
type Input struct {
	Filter vacancy.Filter
	Alert  string
}

// check normalizes the filter by the list's own rules and checks the
// alert; only the filters a saved search keeps matter (sort and paging are
// the list's, not the search's).
func (in *Input) check() error {
	f := vacancy.Filter{Q: in.Filter.Q, Region: in.Filter.Region, KBJI: in.Filter.KBJI, Education: in.Filter.Education,
		MinWage: in.Filter.MinWage, Contract: in.Filter.Contract}
	// Normalize reports only field errors (valid.Errors).
	errs, _ := valid.As(f.Normalize())
	f.Sort, f.Page, f.PerPage = "", 0, 0
	in.Filter = f
	if _, ok := ParseAlert(in.Alert); !ok {
		errs.Add("alert", "choose_one")
	}
	return errs.Err()
}

// may checks that u is a job seeker: saved searches are a seeker's own.
func may(u *auth.User) error {
	// Saving searches goes with applying: both are the job seeker's part.
	return auth.Require(u, auth.ApplyVacancy)
}

const cols = `id, user_id, q, region, kbji, education, min_wage, contract, alert, created_at`

func scan(r interface{ Scan(...any) error }) (SavedSearch, error) {
	var s SavedSearch
	err := r.Scan(&s.ID, &s.UserID, &s.Filter.Q, &s.Filter.Region, &s.Filter.KBJI, &s.Filter.Education,
		&s.Filter.MinWage, &s.Filter.Contract, &s.Alert, &s.CreatedAt)
	return s, err
}

// Save keeps a search for u. Saving the same filters again changes the
// alert of the one already kept instead of keeping a copy.
func (s *Store) Save(ctx context.Context, u *auth.User, in Input) (SavedSearch, error) {
	if err := may(u); err != nil {
		return SavedSearch{}, err
	}
	if err := in.check(); err != nil {
		return SavedSearch{}, err
	}
	f := in.Filter
	now := s.Now().UTC()
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM saved_searches WHERE user_id = ? AND q = ? AND region = ? AND kbji = ?
			AND education = ? AND min_wage = ? AND contract = ?`, u.ID, f.Q, f.Region, f.KBJI, f.Education, f.MinWage, f.Contract).Scan(&id)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE saved_searches SET alert = ? WHERE id = ?`, in.Alert, id)
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM saved_searches WHERE user_id = ?`, u.ID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxSaved {
			return valid.New("alert", "saved_search_limit", "max", MaxSaved)
		}
		// The daily alert starts from the moment of saving: what was
		// published before, the person saw in the list they saved.
		id, err = db.InsertID(ctx, tx, `INSERT INTO saved_searches (user_id, q, region, kbji, education, min_wage, contract, alert, daily_mark, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, f.Q, f.Region, f.KBJI, f.Education, f.MinWage, f.Contract, in.Alert, now, now)
		return err
	})
	if err != nil {
		if _, ok := valid.As(err); ok {
			return SavedSearch{}, err
		}
		return SavedSearch{}, fmt.Errorf("save search: %w", err)
	}
	return s.get(ctx, u, id)
}

func (s *Store) get(ctx context.Context, u *auth.User, id int64) (SavedSearch, error) {
	ss, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM saved_searches WHERE id = ? AND user_id = ?`, id, u.ID))
	if errors.Is(err, sql.ErrNoRows) {
		// Another person's search is not found, exactly like a missing id.
		return SavedSearch{}, db.ErrNotFound
	}
	if err != nil {
		return SavedSearch{}, fmt.Errorf("saved search %d: %w", id, err)
	}
	return ss, nil
}

// List returns u's saved searches, oldest first.
func (s *Store) List(ctx context.Context, u *auth.User) ([]SavedSearch, error) {
	if err := may(u); err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM saved_searches WHERE user_id = ? ORDER BY id`, u.ID)
	if err != nil {
		return nil, fmt.Errorf("saved searches: %w", err)
	}
	defer rows.Close()
	var out []SavedSearch
	for rows.Next() {
		ss, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("saved searches: %w", err)
		}
		out = append(out, ss)
	}
	return out, rows.Err()
}

// SetAlert changes how u's saved search id tells of new vacancies.
func (s *Store) SetAlert(ctx context.Context, u *auth.User, id int64, alert string) (SavedSearch, error) {
	if err := may(u); err != nil {
		return SavedSearch{}, err
	}
	if _, ok := ParseAlert(alert); !ok {
		return SavedSearch{}, valid.New("alert", "choose_one")
	}
	if _, err := s.get(ctx, u, id); err != nil {
		return SavedSearch{}, err
	}
	// Turning the daily alert on starts it from now, not from when the
	// search was saved.
	if _, err := s.DB.ExecContext(ctx, `UPDATE saved_searches SET alert = ?,
		daily_mark = CASE WHEN alert = ? THEN daily_mark ELSE ? END WHERE id = ? AND user_id = ?`,
		alert, alert, s.Now().UTC(), id, u.ID); err != nil {
		return SavedSearch{}, fmt.Errorf("saved search %d: %w", id, err)
	}
	return s.get(ctx, u, id)
}

// Delete forgets u's saved search id.
func (s *Store) Delete(ctx context.Context, u *auth.User, id int64) error {
	if err := may(u); err != nil {
		return err
	}
	res, err := s.DB.ExecContext(ctx, `DELETE FROM saved_searches WHERE id = ? AND user_id = ?`, id, u.ID)
	if err != nil {
		return fmt.Errorf("delete saved search %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return db.ErrNotFound
	}
	return nil
}

// DigestEnabled reports whether u asked for the daily digest.
func (s *Store) DigestEnabled(ctx context.Context, u *auth.User) (bool, error) {
	if err := may(u); err != nil {
		return false, err
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM digest_optins WHERE user_id = ?`, u.ID).Scan(&n); err != nil {
		return false, fmt.Errorf("digest opt-in: %w", err)
	}
	return n > 0, nil
}

// SetDigest turns u's daily digest on or off.
func (s *Store) SetDigest(ctx context.Context, u *auth.User, on bool) error {
	if err := may(u); err != nil {
		return err
	}
	var err error
	if on {
		_, err = s.DB.ExecContext(ctx, `INSERT INTO digest_optins (user_id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, u.ID, s.Now().UTC())
	} else {
		_, err = s.DB.ExecContext(ctx, `DELETE FROM digest_optins WHERE user_id = ?`, u.ID)
	}
	if err != nil {
		return fmt.Errorf("digest opt-in: %w", err)
	}
	return nil
}
