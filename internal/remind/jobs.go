package remind

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// AK1Period is how often an AK/1 card must be reported (dilaporkan) while
// its holder looks for work, and AK1Ahead how long before each report is
// due the holder is reminded.
const (
	AK1Period = 6 // months
	AK1Ahead  = 7 * 24 * time.Hour
)

// AK1 reminds each holder of a valid card, a week before every six months
// from its issue, to report it: one notice per card and period.
func (s *Store) AK1(ctx context.Context) (int, error) {
	today := s.today()
	// The cards are looked at once a day: a reminder is about a date.
	var done time.Time
	err := s.DB.QueryRowContext(ctx, `SELECT until FROM remind_marks WHERE name = 'ak1'`).Scan(&done)
	if err == nil && !done.Before(today) {
		return 0, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	n, err := s.ak1(ctx, today)
	if err != nil {
		return n, err
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO remind_marks (name, until) VALUES ('ak1', ?)
		ON CONFLICT (name) DO UPDATE SET until = excluded.until`, today)
	return n, err
}

func (s *Store) ak1(ctx context.Context, today time.Time) (int, error) {
	type card struct {
		id, user           int64
		issued, validUntil time.Time
	}
	var cards []card
	// A card whose next report falls within the week: issued at least six
	// months less a week ago, still valid, its holder not placed.
	err := scan(ctx, s.DB, func(r rowScanner) error {
		var c card
		if err := r.Scan(&c.id, &c.user, &c.issued, &c.validUntil); err != nil {
			return err
		}
		cards = append(cards, c)
		return nil
	}, `SELECT c.id, s.user_id, c.issued_on, c.valid_until FROM ak1_cards c JOIN seekers s ON s.id = c.seeker_id
		WHERE NOT c.revoked AND NOT s.placed AND c.valid_until >= ? AND c.issued_on <= ? ORDER BY c.id`,
		today, today.AddDate(0, -AK1Period, 7))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range cards {
		due, k, ok := nextReport(c.issued, today)
		if !ok || due.After(c.validUntil) || due.Sub(today) > AK1Ahead {
			continue
		}
		// Reported online already (seeker.ReportAK1): nothing to remind.
		if done, err := seeker.Reported(ctx, s.DB, c.id, k); err != nil {
			return n, err
		} else if done {
			continue
		}
		sent, err := s.send(ctx, notify.Notice{To: c.user, Kind: notify.AK1Report,
			Title: "event.ak1.title", Body: "event.ak1.body", Args: []any{"date", day(due)},
			URL: "/pencari/ak1", Dedupe: fmt.Sprintf("ak1:%d:%d", c.id, k)})
		if err != nil {
			return n, err
		}
		if sent {
			n++
		}
	}
	return n, nil
}

// nextReport is the first report date of a card issued on issued that is
// on or after today, and its number (1 for the first six months).
func nextReport(issued, today time.Time) (time.Time, int, bool) {
	for k := 1; k <= 20; k++ {
		due := issued.AddDate(0, AK1Period*k, 0)
		if !due.Before(today) {
			return due, k, true
		}
	}
	return time.Time{}, 0, false
}

// ClosingAhead is how long before a vacancy closes its employer is asked
// to extend or close it.
const ClosingAhead = 3 // days

// Closing tells the company of each published vacancy closing within three
// days, and the seekers it invited who have not answered, once per closing
// date (an extended vacancy is told again before its new date).
func (s *Store) Closing(ctx context.Context) (int, error) {
	today := s.today()
	type vac struct {
		id, owner       int64
		title, employer string
		closes          time.Time
	}
	var vs []vac
	err := scan(ctx, s.DB, func(r rowScanner) error {
		var v vac
		if err := r.Scan(&v.id, &v.owner, &v.title, &v.employer, &v.closes); err != nil {
			return err
		}
		vs = append(vs, v)
		return nil
	}, `SELECT v.id, e.owner_id, v.title, e.name, v.closes_on FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.status = 'published' AND v.closes_on >= ? AND v.closes_on <= ? ORDER BY v.id`, today, today.AddDate(0, 0, ClosingAhead))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range vs {
		dedupe := fmt.Sprintf("closing:%d:%s", v.id, v.closes.Format(time.DateOnly))
		sent, err := s.send(ctx, notify.Notice{To: v.owner, Kind: notify.Closing,
			Title: "event.closing.title", Body: "event.closing.body", Args: []any{"vacancy", v.title, "date", day(v.closes)},
			URL: fmt.Sprintf("/perusahaan/lowongan/%d", v.id), Dedupe: dedupe})
		if err != nil {
			return n, err
		}
		if sent {
			n++
		}
		var invited []int64
		if err := scan(ctx, s.DB, func(r rowScanner) error {
			var u int64
			if err := r.Scan(&u); err != nil {
				return err
			}
			invited = append(invited, u)
			return nil
		}, `SELECT s.user_id FROM invitations i JOIN seekers s ON s.id = i.seeker_id
			WHERE i.vacancy_id = ? AND i.status = 'diundang' ORDER BY s.user_id`, v.id); err != nil {
			return n, err
		}
		for _, u := range invited {
			sent, err := s.send(ctx, notify.Notice{To: u, Kind: notify.Closing,
				Title: "event.closing_invited.title", Body: "event.closing_invited.body",
				Args: []any{"vacancy", v.title, "employer", v.employer, "date", day(v.closes)},
				URL:  fmt.Sprintf("/lowongan/%d", v.id), Dedupe: dedupe})
			if err != nil {
				return n, err
			}
			if sent {
				n++
			}
		}
	}
	return n, nil
}

// NotaAhead are the days before a nota's deadline its employer is reminded.
var NotaAhead = []int{7, 1}

// Nota reminds the company of each open inspection case in nota I or II
// of its deadline: a week and a day before, and once it has passed.
func (s *Store) Nota(ctx context.Context) (int, error) {
	today := s.today()
	type nota struct {
		id, owner       int64
		state, employer string
		deadline        time.Time
	}
	var ns []nota
	err := scan(ctx, s.DB, func(r rowScanner) error {
		var x nota
		if err := r.Scan(&x.id, &x.owner, &x.state, &x.employer, &x.deadline); err != nil {
			return err
		}
		ns = append(ns, x)
		return nil
	}, `SELECT c.id, e.owner_id, c.state, e.name, c.deadline FROM cases c JOIN employers e ON e.id = c.employer_id
		WHERE c.state IN ('nota_1', 'nota_2') AND c.closed_at IS NULL AND c.deadline IS NOT NULL AND c.deadline <= ?
		ORDER BY c.id`, today.AddDate(0, 0, NotaAhead[0]))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range ns {
		// Only the latest stage reached is told: a reminder a week ahead
		// that the loop missed is not sent the day before.
		stage, title, body := "", "event.nota.soon.title", "event.nota.soon.body"
		switch left := int(x.deadline.Sub(today).Hours() / 24); {
		case left < 0:
			stage, title, body = "lewat", "event.nota.overdue.title", "event.nota.overdue.body"
		default:
			for _, d := range NotaAhead {
				if left <= d {
					stage = fmt.Sprint(d)
				}
			}
		}
		sent, err := s.send(ctx, notify.Notice{To: x.owner, Kind: notify.Nota, Title: title, Body: body,
			Args: []any{"employer", x.employer, "date", day(x.deadline)}, URL: "/perusahaan/temuan",
			Dedupe: fmt.Sprintf("nota:%d:%s:%s:%s", x.id, x.state, x.deadline.Format(time.DateOnly), stage)})
		if err != nil {
			return n, err
		}
		if sent {
			n++
		}
	}
	return n, nil
}
