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

// OwnVacancies is the employer's dashboard: u's company and its vacancies,
// newest first.
func (s *Store) OwnVacancies(ctx context.Context, u *auth.User) (employer.Employer, []Vacancy, error) {
	emp, err := s.Employers.Current(ctx, u)
	if err != nil {
		return employer.Employer{}, nil, err
	}
	vs, err := s.ByEmployer(ctx, emp.ID)
	return emp, vs, err
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
