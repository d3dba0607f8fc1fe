package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

type feeData struct {
	V        *vacancy.Vacancy
	Channels []string
	Code     string
	Today    string
}

func (s *Server) newFeeData(v *vacancy.Vacancy) feeData {
	return feeData{V: v, Channels: complaint.Channels, Today: wib.Date(s.App.Now()).Format(time.DateOnly)}
}

// feeVacancy returns the vacancy a fee report is about, if the path names one.
func (s *Server) feeVacancy(r *req) (*vacancy.Vacancy, error) {
	if r.PathValue("id") == "" {
		return nil, nil
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v, err := s.App.Vacancies.Get(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !v.Public() {
		return nil, db.ErrNotFound
	}
	return &v, nil
}

// feeForm is "Laporkan pungutan/calo": anyone, logged in or not, can report
// that someone asked money for a job.
func (s *Server) feeForm(w http.ResponseWriter, r *req) error {
	v, err := s.feeVacancy(r)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "fee.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "fee", b, s.newFeeData(v))
}

func (s *Server) feeSubmit(w http.ResponseWriter, r *req) error {
	v, err := s.feeVacancy(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	amount, ok := formInt(r, "amount")
	rep := complaint.FeeReport{WhoAsked: r.PostFormValue("who_asked"), Amount: amount, When: r.PostFormValue("when"),
		How: r.PostFormValue("how"), Details: r.PostFormValue("details"), Anonymous: r.PostFormValue("anonymous") == "1"}
	if v != nil {
		rep.VacancyID, rep.EmployerID, rep.Region = v.ID, v.EmployerID, v.Region
	}
	if r.User != nil {
		rep.ReporterID = r.User.ID
		if v != nil {
			if sk, err := s.App.Seekers.ByUser(r.Context(), r.User.ID); err == nil {
				if appID, applied, err := s.App.Vacancies.HasApplied(r.Context(), v.ID, sk.ID); err == nil && applied {
					rep.ApplicationID = appID
				}
			} else if !errors.Is(err, db.ErrNotFound) {
				return err
			}
		}
	}
	d := s.newFeeData(v)
	if !ok {
		err = valid.New("amount", "number_invalid")
	} else {
		d.Code, err = s.App.Complaints.ReportFee(r.Context(), rep)
	}
	if b, isValid := s.withErrors(s.newBase(w, r, "fee.title"), r, err); isValid {
		return s.render(w, http.StatusUnprocessableEntity, "fee", b, d)
	} else if err != nil {
		return err
	}
	b := s.newBase(w, r, "fee.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "fee_done", b, d)
}
