package vacancy

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Responsiveness is how an employer treats its applicants, in public
// (issue 15, item 4). An application is answered when the employer moves
// it past "dilihat": shortlisted, invited to interview, offered, hired or
// rejected. Seeing it is not answering it.
type Responsiveness struct {
	EmployerID int64
	// Applications counts every application the employer received.
	Applications int
	// Answered counts those the employer answered; MedianDays is the median
	// of days from sending to the first answer (whole days, rounded down).
	Answered   int
	MedianDays int
	// Due counts applications sent at least UnansweredAfter ago and not
	// withdrawn unanswered before then; Unanswered those of Due with no
	// answer within UnansweredAfter. UnansweredPct = Unanswered/Due.
	Due, Unanswered int
	UnansweredPct   int
	// Rejections counts explicit rejections plus applications left open on
	// a vacancy that closed or passed its closing date (a silent "no");
	// WithReason those rejected with a reason. ReasonPct = WithReason/Rejections.
	Rejections, WithReason int
	ReasonPct              int
	// Withheld: fewer than MinShown applications; figures about so few
	// people say too little and too much, so none is shown.
	Withheld bool
}

// UnansweredAfter is how long an application may wait before it counts
// as never answered.
const UnansweredAfter = 30 * 24 * time.Hour

// ResponseCacheTTL bounds how stale the figures in search badges are: they
// move by the day, and computing them reads every application.
const ResponseCacheTTL = 10 * time.Minute

// respCache keeps every employer's figures for the search badges.
type respCache struct {
	mu         sync.Mutex
	at         time.Time
	all        map[int64]Responsiveness // never changed once stored: readers share it
	refreshing bool
}

// answerStatuses are the statuses an employer answers with.
var answerStatuses = []string{Shortlisted, Interview, Offered, Hired, Rejected}

type respRow struct {
	employerID         int64
	created            time.Time
	answered, withdrew db.AggTime
	status, reason     string
	vacancyEnded       bool
}

// responsiveness computes the figures of one employer (employerID > 0) or
// of all, as of now.
func (s *Store) responsiveness(ctx context.Context, employerID int64, now time.Time) (map[int64]Responsiveness, error) {
	where, args := "", []any{wib.Date(now)}
	if employerID > 0 {
		where, args = " WHERE v.employer_id = ?", append(args, employerID)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT v.employer_id, a.created_at, a.status, a.status_reason,
		(SELECT MIN(e.at) FROM application_events e WHERE e.application_id = a.id
			AND e.status IN ('diseleksi', 'wawancara', 'ditawari', 'diterima', 'ditolak')),
		(SELECT MIN(e.at) FROM application_events e WHERE e.application_id = a.id AND e.status = 'ditarik'),
		CASE WHEN v.status IN ('closed', 'filled') OR v.closes_on < ? THEN 1 ELSE 0 END
		FROM applications a JOIN vacancies v ON v.id = a.vacancy_id`+where, args...)
	if err != nil {
		return nil, fmt.Errorf("responsiveness: %w", err)
	}
	defer rows.Close()
	days := map[int64][]int{}
	out := map[int64]Responsiveness{}
	for rows.Next() {
		var r respRow
		var ended int
		if err := rows.Scan(&r.employerID, &r.created, &r.status, &r.reason, &r.answered, &r.withdrew, &ended); err != nil {
			return nil, fmt.Errorf("responsiveness: %w", err)
		}
		r.vacancyEnded = ended == 1
		x := out[r.employerID]
		x.EmployerID = r.employerID
		x.add(r, now, days)
		out[r.employerID] = x
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for id, x := range out {
		x.finish(days[id])
		out[id] = x
	}
	return out, nil
}

func (x *Responsiveness) add(r respRow, now time.Time, days map[int64][]int) {
	x.Applications++
	if r.answered.Valid {
		x.Answered++
		days[r.employerID] = append(days[r.employerID], int(r.answered.Time.Sub(r.created)/(24*time.Hour)))
	}
	due := r.created.Add(UnansweredAfter)
	if !due.After(now) && !(r.withdrew.Valid && r.withdrew.Time.Before(due) && (!r.answered.Valid || r.withdrew.Time.Before(r.answered.Time))) {
		x.Due++
		if !r.answered.Valid || r.answered.Time.After(due) {
			x.Unanswered++
		}
	}
	switch {
	case r.status == Rejected:
		x.Rejections++
		if r.reason != "" {
			x.WithReason++
		}
	case r.vacancyEnded && !Final(r.status):
		x.Rejections++ // left waiting on a vacancy that ended: a "no" without a word
	}
}

func (x *Responsiveness) finish(days []int) {
	slices.Sort(days)
	if n := len(days); n > 0 {
		x.MedianDays = days[n/2]
		if n%2 == 0 {
			x.MedianDays = (days[n/2-1] + days[n/2]) / 2
		}
	}
	if x.Due > 0 {
		x.UnansweredPct = x.Unanswered * 100 / x.Due
	}
	if x.Rejections > 0 {
		x.ReasonPct = x.WithReason * 100 / x.Rejections
	}
	x.Withheld = x.Applications < MinShown
}

// Responsiveness returns an employer's figures as anyone may see them
// (public: withheld under MinShown applications). It needs no user.
func (s *Store) Responsiveness(ctx context.Context, employerID int64) (Responsiveness, error) {
	all, err := s.responsiveness(ctx, employerID, s.Now())
	if err != nil {
		return Responsiveness{}, err
	}
	x, ok := all[employerID]
	if !ok {
		x = Responsiveness{EmployerID: employerID, Withheld: true}
	}
	return x.public(), nil
}

// public blanks the figures of a withheld row.
func (x Responsiveness) public() Responsiveness {
	if x.Withheld {
		return Responsiveness{EmployerID: x.EmployerID, Applications: x.Applications, Withheld: true}
	}
	return x
}

// Badges returns the public figures of the given employers for search
// results, from a cache refreshed every ResponseCacheTTL: the search page
// is the busiest page and must not read every application each time. One
// caller refreshes a stale cache while the others keep reading the old
// figures (before the first load they get none): no search waits for it.
func (s *Store) Badges(ctx context.Context, employerIDs []int64) (map[int64]Responsiveness, error) {
	now := s.Now()
	c := &s.resp
	c.mu.Lock()
	all := c.all
	mine := (all == nil || now.Sub(c.at) > ResponseCacheTTL || now.Before(c.at)) && !c.refreshing
	if mine {
		c.refreshing = true
	}
	c.mu.Unlock()
	if mine {
		fresh, err := s.responsiveness(ctx, 0, now)
		c.mu.Lock()
		c.refreshing = false
		if err == nil {
			c.all, c.at = fresh, now
		}
		c.mu.Unlock()
		if err != nil {
			return nil, err
		}
		all = fresh
	}
	out := make(map[int64]Responsiveness, len(employerIDs))
	for _, id := range employerIDs {
		if x, ok := all[id]; ok && !x.Withheld {
			out[id] = x
		}
	}
	return out, nil
}

// Funnel is the selection funnel of a vacancy: how many applicants
// reached each stage. A nil cell is withheld (1 to MinShown-1 people).
type Funnel struct {
	VacancyID                                                int64
	Applied, Screened, Interviewed, Offered, Hired, Rejected *int
}

// Funnel returns the funnel of vacancy v once it no longer takes
// applications (closed, filled or past its closing date); ok is false
// while it is open. own shows every cell (the vacancy's employer);
// otherwise cells under MinShown are withheld, as in the vacancy report.
func (s *Store) Funnel(ctx context.Context, v Vacancy, own bool) (f Funnel, ok bool, err error) {
	if v.Open(s.Now()) || v.Status == Draft {
		return Funnel{}, false, nil
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT a.id, a.status, e.status FROM applications a
		LEFT JOIN application_events e ON e.application_id = a.id WHERE a.vacancy_id = ? ORDER BY a.id`, v.ID)
	if err != nil {
		return Funnel{}, false, fmt.Errorf("funnel of vacancy %d: %w", v.ID, err)
	}
	defer rows.Close()
	reached := map[int64]int{} // the highest stage rank each application reached
	final := map[int64]string{}
	for rows.Next() {
		var id int64
		var status string
		var ev *string
		if err := rows.Scan(&id, &status, &ev); err != nil {
			return Funnel{}, false, err
		}
		final[id] = status
		r := max(reached[id], stageRank(status))
		if ev != nil {
			r = max(r, stageRank(*ev))
		}
		reached[id] = r
	}
	if err := rows.Err(); err != nil {
		return Funnel{}, false, err
	}
	var n [6]int
	for id, r := range reached {
		n[0]++
		if r >= stageRank(Shortlisted) {
			n[1]++
		}
		if r >= stageRank(Interview) {
			n[2]++
		}
		if r >= stageRank(Offered) {
			n[3]++
		}
		if final[id] == Hired {
			n[4]++
		}
		if final[id] == Rejected {
			n[5]++
		}
	}
	cell := func(k int) *int {
		if !own && k > 0 && k < MinShown {
			return nil
		}
		return &k
	}
	return Funnel{VacancyID: v.ID, Applied: cell(n[0]), Screened: cell(n[1]), Interviewed: cell(n[2]), Offered: cell(n[3]),
		Hired: cell(n[4]), Rejected: cell(n[5])}, true, nil
}

// OwnResponsiveness returns u's company's own figures, never withheld:
// the employer sees first what the public will see, to act on it.
func (s *Store) OwnResponsiveness(ctx context.Context, u *auth.User) (Responsiveness, error) {
	emp, err := s.employerFor(ctx, u, auth.PostVacancy)
	if err != nil {
		return Responsiveness{}, err
	}
	all, err := s.responsiveness(ctx, emp.ID, s.Now())
	if err != nil {
		return Responsiveness{}, err
	}
	x, ok := all[emp.ID]
	if !ok {
		x = Responsiveness{EmployerID: emp.ID}
	}
	x.Withheld = false
	return x, nil
}

// FunnelFor is Funnel as u may see it: whole for the vacancy's employer,
// withheld under MinShown for anyone else.
func (s *Store) FunnelFor(ctx context.Context, u *auth.User, v Vacancy) (Funnel, bool, error) {
	own := false
	if u != nil {
		if emp, err := s.employerFor(ctx, u, auth.PostVacancy); err == nil {
			own = emp.ID == v.EmployerID
		}
	}
	return s.Funnel(ctx, v, own)
}
