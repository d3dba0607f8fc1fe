package vacancy

import (
	"context"
	"errors"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
)

// Who may see and change what. Every method that acts for a user starts
// here: nobody is asked to log in (401), a role that may never do the thing
// is refused (403), and another company's vacancy or application is simply
// not found (404), as one that does not exist, so a stranger learns nothing
// of which ids exist. An HR user who has not registered a company owns
// nothing, so for them too everything is not found.

// employerFor returns the company u acts for when doing a.
func (s *Store) employerFor(ctx context.Context, u *auth.User, a auth.Action) (employer.Employer, error) {
	if err := auth.Require(u, a); err != nil {
		return employer.Employer{}, err
	}
	return s.Employers.OfOwner(ctx, u.ID)
}

// own loads vacancy id when u may do a and u's company owns it.
func (s *Store) own(ctx context.Context, u *auth.User, a auth.Action, id int64) (employer.Employer, Vacancy, error) {
	emp, err := s.employerFor(ctx, u, a)
	if errors.Is(err, employer.ErrNotRegistered) {
		return employer.Employer{}, Vacancy{}, fmt.Errorf("vacancy %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return employer.Employer{}, Vacancy{}, err
	}
	v, err := s.Get(ctx, id)
	if err != nil {
		return employer.Employer{}, Vacancy{}, err
	}
	if v.EmployerID != emp.ID {
		return employer.Employer{}, Vacancy{}, fmt.Errorf("vacancy %d of another employer: %w", id, db.ErrNotFound)
	}
	return emp, v, nil
}

// Own returns vacancy id with its company for u's edit form.
func (s *Store) Own(ctx context.Context, u *auth.User, id int64) (employer.Employer, Vacancy, error) {
	return s.own(ctx, u, auth.PostVacancy, id)
}

// Owned is one of the company's vacancies on its dashboard, with its
// applicant counts.
type Owned struct {
	Vacancy
	// Applicants is every application; New those not yet seen (dikirim);
	// Active those still moving (not hired, rejected or withdrawn).
	Applicants, New, Active int
}

// OwnVacancies is the employer's dashboard: u's company and its vacancies,
// each with its applicant counts (one grouped query).
func (s *Store) OwnVacancies(ctx context.Context, u *auth.User) (employer.Employer, []Owned, error) {
	emp, err := s.Employers.Current(ctx, u)
	if err != nil {
		return employer.Employer{}, nil, err
	}
	vs, err := s.ByEmployer(ctx, emp.ID)
	if err != nil {
		return emp, nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT a.vacancy_id, COUNT(*),
		SUM(CASE WHEN a.status = ? THEN 1 ELSE 0 END), SUM(CASE WHEN a.status NOT IN (?, ?, ?) THEN 1 ELSE 0 END)
		FROM applications a JOIN vacancies v ON v.id = a.vacancy_id WHERE v.employer_id = ? GROUP BY a.vacancy_id`,
		Sent, Hired, Rejected, Withdrawn, emp.ID)
	if err != nil {
		return emp, nil, fmt.Errorf("applicant counts: %w", err)
	}
	defer rows.Close()
	counts := map[int64][3]int{}
	for rows.Next() {
		var id int64
		var c [3]int
		if err := rows.Scan(&id, &c[0], &c[1], &c[2]); err != nil {
			return emp, nil, fmt.Errorf("applicant counts: %w", err)
		}
		counts[id] = c
	}
	if err := rows.Err(); err != nil {
		return emp, nil, fmt.Errorf("applicant counts: %w", err)
	}
	out := make([]Owned, len(vs))
	for i, v := range vs {
		c := counts[v.ID]
		out[i] = Owned{Vacancy: v, Applicants: c[0], New: c[1], Active: c[2]}
	}
	return emp, out, nil
}

// Visible returns vacancy id if u may see it: anyone a public one, only its
// own company a draft or the vacancy of an employer not (or no longer)
// verified.
func (s *Store) Visible(ctx context.Context, u *auth.User, id int64) (Vacancy, error) {
	v, err := s.Get(ctx, id)
	if err != nil || v.Public() {
		return v, err
	}
	_, _, err = s.own(ctx, u, auth.PostVacancy, id)
	switch k := fail.KindOf(err); {
	case err == nil:
		return v, nil
	case k == fail.NotFound || k == fail.Forbidden || k == fail.Unauthorized:
		// Whoever may not see it learns only that there is nothing here.
		return Vacancy{}, fmt.Errorf("vacancy %d is not public: %w", id, db.ErrNotFound)
	}
	return Vacancy{}, err
}

// OpenByEmployer lists what an employer's public page offers: its public
// vacancies still taking applications.
func (s *Store) OpenByEmployer(ctx context.Context, employerID int64) ([]Vacancy, error) {
	all, err := s.ByEmployer(ctx, employerID)
	if err != nil {
		return nil, err
	}
	var open []Vacancy
	for _, v := range all {
		if v.Public() && v.Open(s.Now()) {
			open = append(open, v)
		}
	}
	return open, nil
}

// managedApplication loads application appID for u when u may manage
// applicants and the application is to a vacancy of u's company.
func (s *Store) managedApplication(ctx context.Context, u *auth.User, appID int64) (employer.Employer, Application, Vacancy, error) {
	emp, err := s.employerFor(ctx, u, auth.ManageApplicants)
	if errors.Is(err, employer.ErrNotRegistered) {
		return employer.Employer{}, Application{}, Vacancy{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return employer.Employer{}, Application{}, Vacancy{}, err
	}
	a, v, err := s.ownedApplication(ctx, emp, appID)
	return emp, a, v, err
}

// ApplicationFor returns application appID with its timeline to the
// employer it was sent to.
func (s *Store) ApplicationFor(ctx context.Context, u *auth.User, appID int64) (Application, error) {
	_, a, _, err := s.managedApplication(ctx, u, appID)
	return a, err
}
