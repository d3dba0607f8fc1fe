package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// Seeker is a job seeker as training judges them.
type Seeker struct {
	ID   int64
	Name string
	Applicant
}

// SeekerOf returns u's job-seeker profile: ErrLogin or ErrRole unless u is
// a job seeker; ok is false while they have no profile yet.
func (s *Store) SeekerOf(ctx context.Context, u *auth.User) (Seeker, bool, error) {
	if err := (actor{user: u}).need(auth.ApplyTraining); err != nil {
		return Seeker{}, false, err
	}
	return s.viewerSeeker(ctx, u)
}

// viewerSeeker is SeekerOf for pages anyone may read: ok is false for a
// visitor or another role, without an error.
func (s *Store) viewerSeeker(ctx context.Context, u *auth.User) (Seeker, bool, error) {
	if !u.Can(auth.ApplyTraining) {
		return Seeker{}, false, nil
	}
	var sk Seeker
	var birth []byte
	err := s.DB.QueryRowContext(ctx, `SELECT id, full_name, birth_enc, education, domicile_region FROM seekers
		WHERE user_id = ?`, u.ID).Scan(&sk.ID, &sk.Name, &birth, &sk.Education, &sk.Domicile)
	if errors.Is(err, sql.ErrNoRows) {
		return Seeker{}, false, nil
	}
	if err == nil {
		sk.BirthDate, err = seeker.OpenBirthDate(s.Box, birth)
	}
	if err != nil {
		return Seeker{}, false, fmt.Errorf("seeker of user %d: %w", u.ID, err)
	}
	return sk, true, nil
}

// SeekerTraining is a seeker's own training: the rounds they applied in
// with their result and appeal, and their courses.
type SeekerTraining struct {
	Seeker      Seeker
	Rounds      []SeekerRound // newest first
	Enrollments []Enrollment  // newest first
}

// SeekerRound is one round a seeker applied in.
type SeekerRound struct {
	Round       Round
	Application Application
	// Result is the seat and each ranked program's cutoff, once allocated.
	Result    SeatResult
	HasResult bool
	Appeal    Appeal
	HasAppeal bool
}

// SeekerTraining assembles u's own training in a fixed number of queries
// however many rounds; ok is false while u has no seeker profile, and
// ErrLogin or ErrRole unless u is a job seeker.
func (s *Store) SeekerTraining(ctx context.Context, u *auth.User) (SeekerTraining, bool, error) {
	sk, ok, err := s.SeekerOf(ctx, u)
	if err != nil || !ok {
		return SeekerTraining{}, ok, err
	}
	st := SeekerTraining{Seeker: sk}
	rounds, err := s.RoundsForSeeker(ctx, sk.ID)
	if err != nil {
		return SeekerTraining{}, false, err
	}
	apps, err := s.applications(ctx, `a.seeker_id = ?`, sk.ID)
	if err != nil {
		return SeekerTraining{}, false, err
	}
	appeals, err := s.appeals(ctx, `ap.seeker_id = ?`, sk.ID)
	if err != nil {
		return SeekerTraining{}, false, err
	}
	for _, r := range rounds {
		sr := SeekerRound{Round: r}
		if row := apps[appKey{r.ID, sk.ID}]; row != nil {
			sr.Application = row.Application
			if r.Allocated() && row.resulted {
				sr.Result, sr.HasResult = seatResult(r, row), true
			}
		}
		for _, ap := range appeals {
			if ap.RoundID == r.ID {
				sr.Appeal, sr.HasAppeal = ap, true
			}
		}
		st.Rounds = append(st.Rounds, sr)
	}
	if st.Enrollments, err = s.EnrollmentsOf(ctx, sk.ID); err != nil {
		return SeekerTraining{}, false, err
	}
	return st, true, nil
}
