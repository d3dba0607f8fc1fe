package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

// OfferJSON is an employer's offer on an application.
type OfferJSON struct {
	ID            int64  `json:"id"`
	ApplicationID int64  `json:"application_id"`
	Wage          int64  `json:"wage"`
	WageUnit      string `json:"wage_unit"`
	WorkDays      int    `json:"work_days_per_week"`
	MonthlyWage   int64  `json:"monthly_wage"`
	Contract      string `json:"contract"`
	Months        int    `json:"months"`
	StartOn       string `json:"start_on"`
	AnswerBy      string `json:"answer_by"`
	Workplace     string `json:"workplace,omitempty"`
	Status        string `json:"status"`
	// Reported: a hire the employer reported, which the seeker confirms
	// (accept) or denies (decline) through the offer's answer.
	Reported  bool   `json:"reported"`
	CreatedAt string `json:"created_at"`
}

func offerJSON(o vacancy.Offer) OfferJSON {
	return OfferJSON{ID: o.ID, ApplicationID: o.ApplicationID, Wage: o.Wage, WageUnit: o.WageUnit, WorkDays: o.WorkDays,
		MonthlyWage: o.Monthly, Contract: o.Contract, Months: o.Months, StartOn: o.StartOn.Format(time.DateOnly),
		AnswerBy: o.AnswerBy.Format(time.DateOnly), Workplace: o.Workplace, Status: o.Status, Reported: o.Reported, CreatedAt: o.CreatedAt.UTC().Format(time.RFC3339)}
}

// OfferBody is an offer as the employer sends it.
type OfferBody struct {
	Wage      int64  `json:"wage"`
	WageUnit  string `json:"wage_unit"`
	WorkDays  int    `json:"work_days_per_week"`
	Contract  string `json:"contract"`
	Months    int    `json:"months"`
	StartOn   string `json:"start_on"`
	AnswerBy  string `json:"answer_by"`
	Workplace string `json:"workplace"`
}

func (s *Server) makeOffer(w http.ResponseWriter, c *call) error {
	var b OfferBody
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	o, err := s.App.Vacancies.MakeOffer(c.Context(), c.User, id, vacancy.OfferInput{Wage: b.Wage, WageUnit: b.WageUnit, WorkDays: b.WorkDays,
		Contract: b.Contract, Months: b.Months, StartOn: b.StartOn, AnswerBy: b.AnswerBy, Workplace: b.Workplace})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, offerJSON(o))
}

type answerBody struct {
	Accept *bool `json:"accept"`
}

func (s *Server) answerOffer(w http.ResponseWriter, c *call) error {
	var b answerBody
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	o, err := s.App.Vacancies.AnswerOffer(c.Context(), c.User, id, b.Accept)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, offerJSON(o))
}
