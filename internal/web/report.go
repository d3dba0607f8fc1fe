package web

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

type reportData struct {
	Q        vacancy.ReportQuery
	Province bool              // an official's report of every employer
	Employer employer.Employer // the employer's own report
	Totals   []vacancy.ReportTotals
	Rows     []vacancy.ReportRow // shown on the employer's page; officials download them
	CSV      string              // the download link for the same selection
}

// vacancyReport is /laporan-lowongan, the vacancy report of Perpres 57/2023.
// An employer gets its own vacancies; officers and analysts the province's,
// optionally one regency/city.
func (s *Server) vacancyReport(w http.ResponseWriter, r *req) error { return s.report(w, r, false) }

// vacancyReportCSV is /laporan-lowongan.csv, the same selection as a file.
func (s *Server) vacancyReportCSV(w http.ResponseWriter, r *req) error { return s.report(w, r, true) }

func (s *Server) report(w http.ResponseWriter, r *req, csvOut bool) error {
	if r.User == nil {
		return errLogin
	}
	form := r.URL.Query()
	q, err := vacancy.ParseReportQuery(form.Get("from"), form.Get("to"), form.Get("region"), s.App.Now())
	d := reportData{Q: q, Province: r.User.Can(auth.ViewStats)}
	switch {
	case d.Province:
	case r.User.Can(auth.PostVacancy):
		e, ok, ferr := s.myEmployer(r)
		if ferr != nil {
			return ferr
		}
		if !ok {
			http.Redirect(w, r.Request, "/perusahaan/daftar", http.StatusSeeOther)
			return nil
		}
		d.Employer, q.EmployerID, q.Region = e, e.ID, ""
	default:
		return errForbidden
	}
	b := s.newBase(w, r, "report.title")
	b.Robots = "noindex"
	if eb, invalid := s.withErrors(b, r, err); invalid {
		// A bad period asked as a download is shown as the page, with the
		// message beside the field, rather than as a broken file.
		eb.Form = form
		return s.render(w, http.StatusBadRequest, "report", eb, d)
	}
	rows, err := s.App.Vacancies.Report(r.Context(), q)
	if err != nil {
		return err
	}
	if d.Province {
		vacancy.Protect(rows) // other employers' few hires are people
	}
	d.Totals = vacancy.Totals(rows)
	if csvOut {
		excel := form.Get("excel") == "1"
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+vacancy.ReportFileName(q, excel)+`"`)
		return vacancy.WriteReportCSV(w, rows, s.baseURL(r.Request), excel)
	}
	if !d.Province {
		d.Rows = rows
	}
	// The form and the download show the period actually used, defaults included.
	form.Set("from", q.From.Format(time.DateOnly))
	form.Set("to", q.To.Format(time.DateOnly))
	b.Form = form
	form.Del("excel")
	d.CSV = "/laporan-lowongan.csv?" + form.Encode()
	return s.render(w, http.StatusOK, "report", b, d)
}
