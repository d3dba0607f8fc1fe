package vacancy

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
)

// tell sends n in q, the transaction of the event, when the store has a
// notice store (a bare store in a benchmark has none).
func (s *Store) tell(ctx context.Context, q db.Querier, n notify.Notice) error {
	if s.Notify == nil {
		return nil
	}
	if _, err := s.Notify.Send(ctx, q, n); err != nil {
		return fmt.Errorf("notice %s: %w", n.Kind, err)
	}
	return nil
}

// NoticeMoved is tellMoved for a step written past the store (the demo
// generator's bulk history), in q.
func (s *Store) NoticeMoved(ctx context.Context, q db.Querier, appID int64, to, reason string) error {
	return s.tellMoved(ctx, q, appID, to, reason)
}

// NoticeApplied is tellApplied for an application written past the store.
func (s *Store) NoticeApplied(ctx context.Context, q db.Querier, appID, vacancyID int64) error {
	return s.tellApplied(ctx, q, appID, vacancyID)
}

// tellMoved tells the seeker that application appID is now in status to
// (or went through the step of that name, see moveTxAs), with the
// employer's reason when it was rejected. Each status is told once (an
// application moves forward only).
func (s *Store) tellMoved(ctx context.Context, q db.Querier, appID int64, to, reason string) error {
	if s.Notify == nil {
		return nil
	}
	var user, vid int64
	var title, company string
	err := q.QueryRowContext(ctx, `SELECT s.user_id, v.id, v.title, e.name FROM applications a JOIN seekers s ON s.id = a.seeker_id
		JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id WHERE a.id = ?`, appID).Scan(&user, &vid, &title, &company)
	if err != nil {
		return fmt.Errorf("notice for application %d: %w", appID, err)
	}
	return s.tell(ctx, q, notify.Notice{To: user, Kind: notify.Application,
		Title: "event.application." + to + ".title", Body: "event.application." + to + ".body",
		Args: []any{"vacancy", title, "employer", company, "reason", reason},
		URL:  "/pencari", Dedupe: fmt.Sprintf("application:%d:%s", appID, to)})
}

// tellApplied tells the company's HR user of a new application to vacancy
// vid, at once when that is their cadence; an hourly or daily cadence gets
// a digest from the reminder loop instead (internal/remind).
func (s *Store) tellApplied(ctx context.Context, q db.Querier, appID, vid int64) error {
	if s.Notify == nil {
		return nil
	}
	var owner int64
	var title string
	err := q.QueryRowContext(ctx, `SELECT e.owner_id, v.title FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.id = ?`, vid).Scan(&owner, &title)
	if err != nil {
		return fmt.Errorf("notice for vacancy %d: %w", vid, err)
	}
	c, err := s.Notify.CadenceOf(ctx, q, owner, notify.Applicants)
	if err != nil || c != notify.Now {
		return err
	}
	return s.tell(ctx, q, notify.Notice{To: owner, Kind: notify.Applicants,
		Title: "event.applicant.title", Body: "event.applicant.body", Args: []any{"vacancy", title},
		URL: fmt.Sprintf("/perusahaan/lowongan/%d", vid), Dedupe: fmt.Sprintf("applicant:%d", appID)})
}

// tellInvited tells a seeker that company invited them to vacancy v.
func (s *Store) tellInvited(ctx context.Context, q db.Querier, v Vacancy, seekerID int64) error {
	if s.Notify == nil {
		return nil
	}
	var user int64
	err := q.QueryRowContext(ctx, `SELECT user_id FROM seekers WHERE id = ?`, seekerID).Scan(&user)
	if err != nil {
		return fmt.Errorf("notice for invitation of seeker %d: %w", seekerID, err)
	}
	return s.tell(ctx, q, notify.Notice{To: user, Kind: notify.Invitation,
		Title: "event.invitation.title", Body: "event.invitation.body", Args: []any{"vacancy", v.Title, "employer", v.EmployerName},
		URL: fmt.Sprintf("/lowongan/%d", v.ID), Dedupe: fmt.Sprintf("invitation:%d:%d", v.ID, seekerID)})
}
