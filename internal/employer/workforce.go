package employer

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Ownership of an employer: it decides the quota of workers with
// disabilities (UU 8/2016 art. 53).
const (
	Swasta     = "swasta"
	Pemerintah = "pemerintah"
	BUMN       = "bumn"
	BUMD       = "bumd"
)

// Ownerships in the order forms list them.
var Ownerships = []string{Swasta, Pemerintah, BUMN, BUMD}

// Workforce is what an employer declares about its people.
type Workforce struct {
	Ownership         string
	Employees         int // all workers
	DisabledEmployees int // of them, workers with disabilities
	// DeclaredOn is when it was last declared; zero: never.
	DeclaredOn time.Time
}

const workforceCols = `, ownership, workforce, disabled_employees, workforce_on`

// QuotaPct is the share of workers with disabilities UU 8/2016 art. 53
// asks of an employer: at least 2% for government, BUMN and BUMD, at
// least 1% for private companies.
func (w Workforce) QuotaPct() int {
	if w.Ownership == Pemerintah || w.Ownership == BUMN || w.Ownership == BUMD {
		return 2
	}
	return 1
}

// QuotaRequired is the fewest workers with disabilities that meets the
// quota: the share rounded up, since "at least 1%" of 50 workers is one.
func (w Workforce) QuotaRequired() int {
	return (w.Employees*w.QuotaPct() + 99) / 100
}

// Declared reports whether the employer has declared its workforce.
func (w Workforce) Declared() bool { return !w.DeclaredOn.IsZero() }

// QuotaMet reports whether the declared figures meet the quota.
func (w Workforce) QuotaMet() bool {
	return w.Declared() && w.DisabledEmployees >= w.QuotaRequired()
}

// DeclareWorkforce records the ownership and workforce of u's company.
func (s *Store) DeclareWorkforce(ctx context.Context, u *auth.User, w Workforce) (Employer, error) {
	e, err := s.Current(ctx, u)
	if err != nil {
		return Employer{}, err
	}
	var errs valid.Errors
	if !slices.Contains(Ownerships, w.Ownership) {
		errs.Add("ownership", "choose_one")
	}
	if w.Employees < 1 || w.Employees > 1_000_000 {
		errs.Add("workforce", "vfacts_workforce_invalid")
	}
	if w.DisabledEmployees < 0 || w.DisabledEmployees > w.Employees {
		errs.Add("disabled_employees", "vfacts_disabled_invalid")
	}
	if err := errs.Err(); err != nil {
		return Employer{}, err
	}
	now := s.Now().UTC()
	if _, err := s.DB.ExecContext(ctx, `UPDATE employers SET ownership = ?, workforce = ?, disabled_employees = ?, workforce_on = ?
		WHERE id = ?`, w.Ownership, w.Employees, w.DisabledEmployees, now, e.ID); err != nil {
		return Employer{}, fmt.Errorf("employer %d workforce: %w", e.ID, err)
	}
	return s.Get(ctx, e.ID)
}

// QuotaRow is one line of the disability quota statistics.
type QuotaRow struct {
	Ownership string
	// Employers that declared a workforce, and of them those meeting the quota.
	Declared, Met int
	// Sums over the declaring employers.
	Employees, DisabledEmployees int
}

// DisabilityQuotaStats counts, per ownership, the verified employers that
// declared their workforce, those meeting the UU 8/2016 quota, and their
// workers with and without disabilities. For the statistics pages (one
// call, no user: the figures are aggregates of public declarations).
func DisabilityQuotaStats(ctx context.Context, q db.Querier) ([]QuotaRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT ownership, workforce, disabled_employees FROM employers
		WHERE status = ? AND workforce_on IS NOT NULL`, Verified)
	if err != nil {
		return nil, fmt.Errorf("disability quota stats: %w", err)
	}
	defer rows.Close()
	by := map[string]*QuotaRow{}
	for _, o := range Ownerships {
		by[o] = &QuotaRow{Ownership: o}
	}
	for rows.Next() {
		var w Workforce
		if err := rows.Scan(&w.Ownership, &w.Employees, &w.DisabledEmployees); err != nil {
			return nil, err
		}
		w.DeclaredOn = time.Unix(1, 0)
		r := by[w.Ownership]
		r.Declared++
		if w.QuotaMet() {
			r.Met++
		}
		r.Employees += w.Employees
		r.DisabledEmployees += w.DisabledEmployees
	}
	out := make([]QuotaRow, 0, len(Ownerships))
	for _, o := range Ownerships {
		out = append(out, *by[o])
	}
	return out, rows.Err()
}

// Profile returns employer id as u may see it, and whether u may see its
// declared workforce. Anyone sees a verified employer; its owner and a
// petugas who verifies employers see any, with the workforce: it is a
// declaration to the labour office, shown to the public only in the
// aggregate (DisabilityQuotaStats).
func (s *Store) Profile(ctx context.Context, u *auth.User, id int64) (e Employer, workforce bool, err error) {
	e, err = s.Get(ctx, id)
	if err != nil {
		return Employer{}, false, err
	}
	own := u != nil && e.OwnerID == u.ID
	officer := auth.Require(u, auth.VerifyEmployer) == nil
	if e.Status != Verified && !own && !officer {
		return Employer{}, false, fmt.Errorf("employer %d is not public: %w", id, db.ErrNotFound)
	}
	return e, own || officer, nil
}

// WorkforceList lists, for a petugas, the verified employers that declared
// their workforce, those below the UU 8/2016 quota first, then by name.
func (s *Store) WorkforceList(ctx context.Context, u *auth.User, limit int) ([]Employer, error) {
	if err := auth.Require(u, auth.VerifyEmployer); err != nil {
		return nil, err
	}
	es, err := s.list(ctx, `status = ? AND workforce_on IS NOT NULL ORDER BY name, id LIMIT ?`, Verified, limit)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(es, func(a, b Employer) int {
		switch {
		case a.QuotaMet() == b.QuotaMet():
			return 0
		case !a.QuotaMet():
			return -1
		}
		return 1
	})
	return es, nil
}
