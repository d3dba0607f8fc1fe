package vacancy

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Placement is a reported hire.
type Placement struct {
	ID            int64
	ApplicationID int64
	VacancyID     int64
	SeekerID      int64
	EmployerID    int64
	StartDate     time.Time
	Wage          int64
	ReportedAt    time.Time
}

// HireConfirmDays is how long a worker has to confirm a hire their
// employer reported; after that the report lapses like an unanswered offer
// and the company may report (or offer) again (dropLapsed).
const HireConfirmDays = 14

// ReportHire records the employer's report that it hired an applicant
// (lapor penempatan). The report is the employer's word only: it is kept as
// an offer marked Reported (the wage as a month's wage, the vacancy's
// contract, the start date), the application moves to "ditawari", and the
// worker confirms it with AnswerOffer, which makes the hire ("diterima",
// the placement, the seeker placed, the vacancy filled), or denies it,
// which ends the application. So a placement in the figures and the public
// log always has the worker's yes behind it, never the employer's (or a
// broker's) alone.
func (s *Store) ReportHire(ctx context.Context, u *auth.User, appID int64, startDate string, wage int64) (Offer, error) {
	emp, a, v, err := s.managedApplication(ctx, u, appID)
	if err != nil {
		return Offer{}, err
	}
	var errs valid.Errors
	today := wib.Date(s.Now())
	switch {
	case a.Status == Offered:
		// The worker answers the offer already made; a second claim
		// beside it would only confuse them. One that lapsed unanswered
		// is replaced (dropLapsed).
		if o, err := s.OfferOn(ctx, appID); err != nil || !o.Lapsed(s.Now()) {
			errs.Add("status", "hire_offer_open")
		}
	case !CanMove(a.Status, Offered):
		errs.Add("status", "status_change_invalid")
	}
	start, err := wib.ParseDate(startDate)
	if err != nil {
		errs.Add("start_date", "date_invalid")
	} else if start.Before(today.AddDate(0, 0, -90)) || start.After(today.AddDate(0, 6, 0)) {
		errs.Add("start_date", "start_date_range")
	}
	if wage <= 0 {
		errs.Add("wage", "wage_invalid")
	} else if umk, year, ok := UMKFor(v.Region, s.Now()); ok && wage < umk && !(v.BelowUMK && emp.MaySkipUMK()) {
		errs.Add("wage", "wage_below_umk", "region", regionName(v.Region), "year", year, "umk", Rupiah(umk))
	}
	if err := errs.Err(); err != nil {
		return Offer{}, err
	}
	contract := v.Contract
	if contract == "" {
		contract = "pkwtt"
	}
	now := s.Now().UTC()
	answerBy := today.AddDate(0, 0, HireConfirmDays)
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := dropLapsed(ctx, tx, appID, today); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO offers (application_id, wage, wage_unit, work_days, contract, months, start_on, answer_by, workplace, made_by, created_at, reported)
			VALUES (?, ?, 'month', 6, ?, 0, ?, ?, '', ?, ?, TRUE)`, appID, wage, contract, start, answerBy, u.ID, now)
		if db.IsUniqueViolation(err) {
			return valid.New("status", "hire_offer_open")
		}
		if err != nil {
			return fmt.Errorf("hire report on %d: %w", appID, err)
		}
		if a.Status == Offered { // replacing a lapsed offer: the step is there already
			return s.tellMoved(ctx, tx, appID, HireReported, "")
		}
		return s.moveTxAs(ctx, tx, u.ID, appID, a.Status, Offered, "", HireReported, now)
	})
	if err != nil {
		return Offer{}, err
	}
	return s.OfferOn(ctx, appID)
}

// HireReported names the step (and the seeker's notice) of a hire the
// employer reported and the worker has yet to confirm.
const HireReported = "lapor_diterima"

// hire makes application a to vacancy v a hire in tx: status diterima with
// its event and notice, the placement at wage from start, the seeker
// placed, the public record, and the vacancy filled once its openings are
// taken. ReportHire and an accepted offer both end here.
func (s *Store) hire(ctx context.Context, tx *db.Tx, actor, employerID int64, a Application, v Vacancy, start time.Time, wage int64, now time.Time) (Placement, error) {
	p := Placement{ApplicationID: a.ID, VacancyID: v.ID, SeekerID: a.SeekerID, EmployerID: employerID, StartDate: start, Wage: wage, ReportedAt: now}
	appID := a.ID
	err := func() error {
		res, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, status_reason = '', updated_at = ? WHERE id = ? AND status = ?`,
			Hired, now, appID, a.Status)
		if err != nil {
			return fmt.Errorf("hire %d: %w", appID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("status", "status_change_invalid")
		}
		if err := addEvent(ctx, tx, appID, Hired, "", actor, now); err != nil {
			return err
		}
		if err := s.tellMoved(ctx, tx, appID, Hired, ""); err != nil {
			return err
		}
		// The worker's domicile as it is today: the vacancy report sets it
		// against the declared local-worker share, and a later move must not
		// change what this hire was.
		p.ID, err = db.InsertID(ctx, tx, `INSERT INTO placements (application_id, vacancy_id, seeker_id, employer_id, start_date, wage,
			reported_by, reported_at, domicile_region) SELECT ?, ?, ?, ?, ?, ?, ?, ?, domicile_region FROM seekers WHERE id = ?`,
			appID, v.ID, a.SeekerID, employerID, start, wage, actor, now, a.SeekerID)
		if err != nil {
			return fmt.Errorf("placement %d: %w", appID, err)
		}
		if err := seeker.MarkPlaced(ctx, tx, a.SeekerID, now); err != nil {
			return err
		}
		c, _, err := appCommitment(ctx, tx, appID)
		if err != nil {
			return err
		}
		// The selection decision first, as every other stage is logged,
		// then the placement: a hire with no decision 'diterima' is what
		// the log's monitors report as a placement outside selection.
		if _, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApplicationDecided, At: now,
			Fields: map[string]any{"vacancy_id": v.ID, "application": c, "status": Hired}},
			ledger.Entry{Kind: ledger.PlacementReported, At: now,
				Fields: map[string]any{"vacancy_id": v.ID, "employer_id": employerID, "application": c}}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE vacancies SET hired = hired + 1,
			status = CASE WHEN hired + 1 >= openings THEN 'filled' ELSE status END,
			closed_at = CASE WHEN hired + 1 >= openings THEN COALESCE(closed_at, ?) ELSE closed_at END, updated_at = ? WHERE id = ?`, now, now, v.ID)
		if err != nil {
			return fmt.Errorf("vacancy %d hired: %w", v.ID, err)
		}
		return nil

	}()
	return p, err
}
