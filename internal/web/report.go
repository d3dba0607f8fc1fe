package web

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

type reportData struct {
	vacancy.Report
	CSV string // the download link for the same selection
}

// vacancyReport is /laporan-lowongan, the vacancy report of Perpres 57/2023.
// An employer gets its own vacancies; officers and analysts the province's,
// optionally one regency/city.
func (s *Server) vacancyReport(w http.ResponseWriter, r *req) error { return s.report(w, r, false) }

// vacancyReportCSV is /laporan-lowongan.csv, the same selection as a file.
func (s *Server) vacancyReportCSV(w http.ResponseWriter, r *req) error { return s.report(w, r, true) }

func (s *Server) report(w http.ResponseWriter, r *req, csvOut bool) error {
	form := r.URL.Query()
	rep, err := s.App.Vacancies.ReportFor(r.Context(), r.User, form.Get("from"), form.Get("to"), form.Get("region"))
	if registerFirst(w, r, err) {
		return nil
	}
	d := reportData{Report: rep}
	b := s.newBase(w, r, "report.title")
	b.Robots = "noindex"
	if eb, invalid := s.withErrors(b, r, err); invalid {
		// A bad period asked as a download is shown as the page, with the
		// message beside the field, rather than as a broken file.
		eb.Form = form
		return s.render(w, http.StatusBadRequest, "report", eb, d)
	} else if err != nil {
		return err
	}
	if csvOut {
		excel := form.Get("excel") == "1"
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+vacancy.ReportFileName(rep.Query, excel)+`"`)
		return vacancy.WriteReportCSV(w, rep.Rows, s.baseURL(r.Request), excel)
	}
	if d.Province {
		d.Rows = nil // officials download the rows; the page shows the sums
	}
	// The form and the download show the period actually used, defaults included.
	form.Set("from", rep.Query.From.Format(time.DateOnly))
	form.Set("to", rep.Query.To.Format(time.DateOnly))
	b.Form = form
	form.Del("excel")
	d.CSV = "/laporan-lowongan.csv?" + form.Encode()
	return s.render(w, http.StatusOK, "report", b, d)
}
