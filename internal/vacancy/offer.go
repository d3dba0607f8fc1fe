package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Wage units an offer may name (PP 36/2021).
var WageUnits = []string{"month", "day", "hour"}

// Offer states.
const (
	OfferOpen     = "open"
	OfferAccepted = "accepted"
	OfferDeclined = "declined"
)

// MaxPKWTMonths is the longest fixed-term contract in all (PP 35/2021: five
// years); an apprenticeship lasts at most a year (Permenaker 6/2020).
const (
	MaxPKWTMonths   = 60
	MaxMagangMonths = 12
)

// OfferInput is what an employer offers.
type OfferInput struct {
	Wage      int64
	WageUnit  string
	WorkDays  int // days a week: 5 or 6 (for a day's wage)
	Contract  string
	Months    int // contract length; 0 for a permanent contract (pkwtt)
	StartOn   string
	AnswerBy  string
	Workplace string
}

// Offer is an employer's offer on an application.
type Offer struct {
	ID            int64
	ApplicationID int64
	VacancyID     int64
	Wage          int64
	WageUnit      string
	WorkDays      int
	Contract      string
	Months        int
	StartOn       time.Time
	AnswerBy      time.Time
	Workplace     string
	Status        string
	// Reported: the employer reported a hire agreed outside bursa; the
	// worker confirms (accepts) or denies (declines) it like an offer.
	Reported bool
	// Monthly is the wage as a month's wage, the way it was checked
	// against the UMK.
	Monthly   int64
	CreatedAt time.Time
}

// Lapsed reports whether the offer is still open after its answer-by day
// (the worker can no longer answer it; the company may replace it, see
// dropLapsed, which says the same in SQL).
func (o Offer) Lapsed(now time.Time) bool {
	return o.Status == OfferOpen && wib.Date(now).After(o.AnswerBy)
}

// validate checks an offer for vacancy v of company emp, today; it
// returns the dates.
func (in *OfferInput) validate(v Vacancy, mayBelowUMK bool, now time.Time) (start, answerBy time.Time, errs valid.Errors) {
	today := wib.Date(now)
	in.Workplace = strings.Join(strings.Fields(in.Workplace), " ")
	if !slices.Contains(WageUnits, in.WageUnit) {
		errs.Add("wage_unit", "choice_invalid")
	}
	if in.WageUnit == "day" && in.WorkDays != 5 && in.WorkDays != 6 {
		errs.Add("work_days_per_week", "work_days_invalid")
	}
	if in.WorkDays == 0 {
		in.WorkDays = 6
	}
	monthly := MonthlyWage(in.Wage, in.WageUnit, in.WorkDays)
	if in.Wage <= 0 {
		errs.Add("wage", "wage_invalid")
	} else if umk, year, ok := UMKFor(v.Region, now); ok && monthly < umk && !mayBelowUMK && slices.Contains(WageUnits, in.WageUnit) {
		errs.Add("wage", "offer_below_umk", "region", regionName(v.Region), "year", year, "umk", Rupiah(umk), "monthly", Rupiah(monthly))
	}
	switch in.Contract {
	case "pkwt":
		if in.Months < 1 || in.Months > MaxPKWTMonths {
			errs.Add("months", "pkwt_months", "max", MaxPKWTMonths)
		}
	case "magang":
		if in.Months < 1 || in.Months > MaxMagangMonths {
			errs.Add("months", "magang_months", "max", MaxMagangMonths)
		}
	case "pkwtt", "harian":
		in.Months = 0
	default:
		errs.Add("contract", "choice_invalid")
	}
	var err error
	if start, err = wib.ParseDate(in.StartOn); err != nil {
		errs.Add("start_on", "date_invalid")
	} else if start.Before(today) || start.After(today.AddDate(0, 6, 0)) {
		errs.Add("start_on", "start_date_range")
	}
	if answerBy, err = wib.ParseDate(in.AnswerBy); err != nil {
		errs.Add("answer_by", "date_invalid")
	} else if answerBy.Before(today) || (!start.IsZero() && answerBy.After(start)) {
		errs.Add("answer_by", "answer_by_range")
	}
	if utf8.RuneCountInString(in.Workplace) > 200 {
		errs.Add("workplace", "too_long", "max", 200)
	}
	return start, answerBy, errs
}

// MakeOffer records the employer's offer on application appID and moves it
// to "ditawari". The wage is checked against the UMK of the vacancy's
// regency or city after converting its unit, so an offer cannot pay less
// than the vacancy promised by naming the wage by the day.
func (s *Store) MakeOffer(ctx context.Context, u *auth.User, appID int64, in OfferInput) (Offer, error) {
	emp, a, v, err := s.managedApplication(ctx, u, appID)
	if err != nil {
		return Offer{}, err
	}
	if a.Status != Offered && !CanMove(a.Status, Offered) {
		return Offer{}, valid.New("status", "status_change_invalid")
	}
	start, answerBy, errs := in.validate(v, v.BelowUMK && emp.MaySkipUMK(), s.Now())
	if err := errs.Err(); err != nil {
		return Offer{}, err
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := dropLapsed(ctx, tx, appID, wib.Date(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO offers (application_id, wage, wage_unit, work_days, contract, months, start_on, answer_by, workplace, made_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, appID, in.Wage, in.WageUnit, in.WorkDays, in.Contract, in.Months, start, answerBy, in.Workplace, u.ID, now)
		if db.IsUniqueViolation(err) {
			return fail.New(fail.Conflict, "vacancy: this application already has an offer")
		}
		if err != nil {
			return fmt.Errorf("offer on %d: %w", appID, err)
		}
		if a.Status == Offered {
			return nil
		}
		return s.moveTx(ctx, tx, u.ID, appID, a.Status, Offered, "", now)
	})
	if err != nil {
		return Offer{}, err
	}
	return s.OfferOn(ctx, appID)
}

// dropLapsed removes the open offer (or hire report) on application appID
// that was not answered by its date (Offer.Lapsed), so the company can make a new one:
// one offer per application, and a lapsed one must not hold the
// application at "ditawari" for ever. The step "ditawari" stays in the
// application's timeline.
func dropLapsed(ctx context.Context, tx *db.Tx, appID int64, today time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM offers WHERE application_id = ? AND status = 'open' AND answer_by < ?`, appID, today); err != nil {
		return fmt.Errorf("lapsed offer on %d: %w", appID, err)
	}
	return nil
}

// ErrAnswerRequired: an answer must say yes or no.
var ErrAnswerRequired = valid.New("accept", "required")

// ErrNoOffer means the application has no offer.
var ErrNoOffer = fmt.Errorf("vacancy: no offer: %w", db.ErrNotFound)

// OfferOn returns the offer on application appID.
func (s *Store) OfferOn(ctx context.Context, appID int64) (Offer, error) {
	var o Offer
	err := s.DB.QueryRowContext(ctx, `SELECT o.id, o.application_id, a.vacancy_id, o.wage, o.wage_unit, o.work_days, o.contract, o.months, o.start_on,
		o.answer_by, o.workplace, o.status, o.reported, o.created_at FROM offers o JOIN applications a ON a.id = o.application_id
		WHERE o.application_id = ?`, appID).Scan(&o.ID, &o.ApplicationID, &o.VacancyID, &o.Wage, &o.WageUnit, &o.WorkDays, &o.Contract, &o.Months,
		&o.StartOn, &o.AnswerBy, &o.Workplace, &o.Status, &o.Reported, &o.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Offer{}, ErrNoOffer
	}
	if err != nil {
		return Offer{}, fmt.Errorf("offer on %d: %w", appID, err)
	}
	o.Monthly = MonthlyWage(o.Wage, o.WageUnit, o.WorkDays)
	return o, nil
}

// AnswerOffer is the seeker's answer to the offer on their application
// appID, or to the hire their employer reported (Offer.Reported).
// Accepting makes the hire ("diterima" and the placement, at the
// offered wage as a month's wage, from the offered start): never the
// employer alone. Declining ends the application ("ditarik").
func (s *Store) AnswerOffer(ctx context.Context, u *auth.User, appID int64, answer *bool) (Offer, error) {
	if err := auth.Require(u, auth.ApplyVacancy); err != nil {
		return Offer{}, err
	}
	if answer == nil {
		return Offer{}, ErrAnswerRequired
	}
	accept := *answer
	sk, err := s.Seekers.Mine(ctx, u)
	if errors.Is(err, seeker.ErrNoProfile) {
		return Offer{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return Offer{}, err
	}
	a, err := s.Application(ctx, appID)
	if err == nil && a.SeekerID != sk.ID {
		err = fmt.Errorf("application %d is another person's: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return Offer{}, err
	}
	o, err := s.OfferOn(ctx, appID)
	if err != nil {
		return Offer{}, err
	}
	if o.Status != OfferOpen || a.Status != Offered {
		return Offer{}, valid.New("accept", "offer_answered")
	}
	if o.Lapsed(s.Now()) {
		return Offer{}, valid.New("accept", "offer_expired", "date", o.AnswerBy.Format(time.DateOnly))
	}
	v, err := s.Get(ctx, a.VacancyID)
	if err != nil {
		return Offer{}, err
	}
	now := s.Now().UTC()
	status := OfferDeclined
	if accept {
		status = OfferAccepted
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE offers SET status = ?, answered_at = ? WHERE id = ? AND status = 'open'`, status, now, o.ID)
		if err != nil {
			return fmt.Errorf("answer offer %d: %w", o.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("accept", "offer_answered")
		}
		if !accept {
			reason := "tawaran ditolak"
			if o.Reported {
				reason = "laporan diterima dibantah pencari kerja"
			}
			return s.withdrawTx(ctx, tx, u.ID, a, reason, now)
		}
		if _, err := s.hire(ctx, tx, u.ID, v.EmployerID, a, v, o.StartOn, o.Monthly, now); err != nil {
			return err
		}
		return s.tellOfferAccepted(ctx, tx, v, appID, o.Reported)
	})
	if err != nil {
		return Offer{}, err
	}
	if accept {
		s.Changed()
	}
	return s.OfferOn(ctx, appID)
}

// tellOfferAccepted tells the company's HR user the seeker accepted the
// offer, or confirmed the hire the company reported.
func (s *Store) tellOfferAccepted(ctx context.Context, q db.Querier, v Vacancy, appID int64, reported bool) error {
	if s.Notify == nil {
		return nil
	}
	var owner int64
	if err := q.QueryRowContext(ctx, `SELECT owner_id FROM employers WHERE id = ?`, v.EmployerID).Scan(&owner); err != nil {
		return fmt.Errorf("notice for vacancy %d: %w", v.ID, err)
	}
	key := "event.offer_accepted"
	if reported {
		key = "event.hire_confirmed"
	}
	return s.tell(ctx, q, notify.Notice{To: owner, Kind: notify.Interview,
		Title: key + ".title", Body: key + ".body", Args: []any{"vacancy", v.Title},
		URL: fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", v.ID, appID), Dedupe: fmt.Sprintf("offer-accepted:%d", appID)})
}

// VacancyOfApplication returns the vacancy of application appID, which u's
// company manages (another's is not found).
func (s *Store) VacancyOfApplication(ctx context.Context, u *auth.User, appID int64) (int64, error) {
	_, _, v, err := s.managedApplication(ctx, u, appID)
	return v.ID, err
}
