package vacancy

import (
	"context"
	"errors"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Fit is an open vacancy the ranking recommends to a job seeker, and why.
type Fit struct {
	match.Hit
	Vacancy Vacancy
}

// Recommendations is "Lowongan untuk Anda": the vacancies that fit a job
// seeker best and the skills that would open the most near misses.
type Recommendations struct {
	Fits []Fit
	Gaps []match.SeekerGap
}

// Recommended returns job seeker u's k best fits. A seeker without a profile,
// or registered a moment ago through another process (not yet in the
// index), gets none rather than an error: there is simply nothing yet.
func (s *Store) Recommended(ctx context.Context, u *auth.User, k int) (Recommendations, error) {
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return Recommendations{}, nil
	}
	if err != nil {
		return Recommendations{}, err
	}
	hits, err := s.Match.ForSeeker(ctx, sk.ID, k)
	if errors.Is(err, match.ErrUnknown) {
		return Recommendations{}, nil
	}
	if err != nil {
		return Recommendations{}, err
	}
	var r Recommendations
	for _, h := range hits {
		v, err := s.Get(ctx, h.VacancyID)
		if err != nil {
			return Recommendations{}, err
		}
		r.Fits = append(r.Fits, Fit{Hit: h, Vacancy: v})
	}
	r.Gaps, err = s.Match.SeekerGaps(ctx, sk.ID, 5)
	if errors.Is(err, match.ErrUnknown) {
		err = nil
	}
	return r, err
}

// Candidate is a job seeker the ranking proposes to an employer, as the
// employer may see them before they apply: initials instead of the name,
// and never the NIK, phone or address (UU PDP: before a worker chooses to
// apply, the employer needs no more to decide whom to invite).
type Candidate struct {
	match.Hit
	Masked       string
	Region       string
	Education    string
	Occupation   string
	ExpectedWage int64
	// Invited is the state of the vacancy's invitation to them, "" if none.
	Invited string
}

// Candidates returns the k discoverable seekers who fit vacancy id best, to
// the company that posted it. A vacancy that is not open has none to offer:
// the answer says it is closed.
func (s *Store) Candidates(ctx context.Context, u *auth.User, id int64, k int) ([]Candidate, error) {
	if _, _, err := s.own(ctx, u, auth.ManageApplicants, id); err != nil {
		return nil, err
	}
	hits, err := s.Match.ForVacancy(ctx, id, k)
	if errors.Is(err, match.ErrNotOpen) {
		return nil, valid.New("vacancy", "vacancy_closed")
	}
	if err != nil {
		return nil, err
	}
	invited, err := s.Invited(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(hits))
	for _, h := range hits {
		sk, err := s.Seekers.Get(ctx, h.SeekerID)
		if err != nil {
			return nil, err
		}
		out = append(out, Candidate{Hit: h, Masked: seeker.MaskedName(sk.FullName), Region: sk.DomicileRegion,
			Education: sk.Education, Occupation: sk.Occupation, ExpectedWage: sk.ExpectedWage, Invited: invited[sk.ID]})
	}
	return out, nil
}
