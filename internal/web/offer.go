package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// offerMake is the employer's offer form on an applicant.
func (s *Server) offerMake(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	var errs valid.Errors
	num := func(field string) int64 { return formNum(r, &errs, field) }
	in := vacancy.OfferInput{Wage: num("wage"), WageUnit: r.PostFormValue("wage_unit"), WorkDays: int(num("work_days_per_week")),
		Contract: r.PostFormValue("contract"), Months: int(num("months")), StartOn: r.PostFormValue("start_on"),
		AnswerBy: r.PostFormValue("answer_by"), Workplace: r.PostFormValue("workplace")}
	if len(errs) > 0 {
		s.flashErr(w, r, errs[0])
	} else if o, err := s.App.Vacancies.MakeOffer(r.Context(), r.User, id, in); err == nil {
		s.flash(w, r, "flash.offer_sent")
		http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", o.VacancyID, id), http.StatusSeeOther)
		return nil
	} else if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else {
		return err
	}
	return s.backToApplicant(w, r, id)
}

// backToApplicant returns the employer to the applicant's card after a
// refused form (the flash says why).
func (s *Server) backToApplicant(w http.ResponseWriter, r *req, appID int64) error {
	vid, err := s.App.Vacancies.VacancyOfApplication(r.Context(), r.User, appID)
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", vid, appID), http.StatusSeeOther)
	return nil
}

// offerAnswer is the seeker's answer to an offer.
func (s *Server) offerAnswer(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	var answer *bool
	if v, err := strconv.ParseBool(r.PostFormValue("accept")); err == nil {
		answer = &v
	}
	_, err = s.App.Vacancies.AnswerOffer(r.Context(), r.User, id, answer)
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.offer_answered")
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari#lamaran-%d", id), http.StatusSeeOther)
	return nil
}
