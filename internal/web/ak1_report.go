package web

import (
	"errors"
	"net/http"

	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// ak1ReportData adds the six-monthly report's schedule to the card page.
func (s *Server) ak1ReportData(r *req, d *cardData) error {
	st, err := s.App.Seekers.ReportState(r.Context(), r.User)
	if errors.Is(err, seeker.ErrNoValidCard) {
		return nil
	}
	if err != nil {
		return err
	}
	d.Report, d.HasReport, d.Statuses = st, true, seeker.ReportStatuses
	return nil
}

// ak1Report takes the six-monthly report from the card page and lands
// back on it.
func (s *Server) ak1Report(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	_, err := s.App.Seekers.ReportAK1(r.Context(), r.User, seeker.ReportInput{Status: r.PostFormValue("status"),
		Employer: r.PostFormValue("employer"), Note: r.PostFormValue("note")})
	switch {
	case errors.Is(err, seeker.ErrReportNotDue):
		err = valid.New("status", "ak1_report_not_due")
	case errors.Is(err, seeker.ErrNoValidCard):
		err = valid.New("status", "ak1_report_no_card")
	}
	if err := s.flashOutcome(w, r, err, "flash.ak1_reported"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/pencari/ak1#lapor", http.StatusSeeOther)
	return nil
}
