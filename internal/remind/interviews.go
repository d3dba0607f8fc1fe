package remind

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/wib"
)

// How long before a chosen interview time both sides are reminded: the day
// before (to arrange leave from a shift, transport) and two hours before.
const (
	InterviewDayAhead  = 24 * time.Hour
	InterviewLastAhead = 2 * time.Hour
)

// Interviews reminds the seeker and the company's HR user of each chosen
// interview time a day and two hours before it. Each reminder goes once per
// person (its Dedupe names the interview and the lead); an interview first
// seen within two hours (chosen late) gets only the last one, and one on an
// application that has ended gets none.
func (s *Store) Interviews(ctx context.Context) (int, error) {
	now := s.Now().UTC()
	type due struct {
		id, app, vid, seeker, owner            int64
		at                                     time.Time
		title, company, place, online, contact string
	}
	var list []due
	err := scan(ctx, s.DB, func(r rowScanner) error {
		var d due
		if err := r.Scan(&d.id, &d.app, &d.vid, &d.seeker, &d.owner, &d.at, &d.title, &d.company, &d.place, &d.online, &d.contact); err != nil {
			return err
		}
		list = append(list, d)
		return nil
	}, `SELECT i.id, a.id, v.id, sk.user_id, e.owner_id, i.chosen, v.title, e.name, i.place, i.online_url, i.contact
		FROM interviews i JOIN applications a ON a.id = i.application_id JOIN seekers sk ON sk.id = a.seeker_id
		JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id
		WHERE i.status = 'accepted' AND i.chosen > ? AND i.chosen <= ? AND a.status NOT IN ('ditolak', 'ditarik', 'diterima')
		ORDER BY i.chosen, i.id`, now, now.Add(InterviewDayAhead))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range list {
		lead := "1d"
		if d.at.Sub(now) <= InterviewLastAhead {
			lead = "2h"
		}
		where := d.place
		if where == "" {
			where = d.online
		}
		args := []any{"vacancy", d.title, "employer", d.company, "when", d.at.In(wib.Zone).Format("02-01-2006 15:04") + " WIB",
			"place", where, "contact", d.contact}
		for _, to := range []struct {
			user int64
			url  string
		}{
			{d.seeker, fmt.Sprintf("/pencari#wawancara-%d", d.id)},
			{d.owner, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", d.vid, d.app)},
		} {
			sent, err := s.send(ctx, notify.Notice{To: to.user, Kind: notify.Interview,
				Title: "event.interview.remind.title", Body: "event.interview.remind.body", Args: args,
				URL: to.url, Dedupe: fmt.Sprintf("interview:%d:remind:%s", d.id, lead)})
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
