package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The facts of a vacancy on the pages (issue 15): the wage in its unit,
// who really employs, accessibility, responsiveness; the petugas's
// licence checks and the employers' disability quota.

func (s *Server) vfactsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /petugas/izin-agen", s.page(s.officerFacts))
	mux.Handle("POST /petugas/izin-agen/{id}", s.page(s.officerCheckLicence))
	mux.Handle("POST /perusahaan/tenaga-kerja", s.page(s.declareWorkforce))
}

// vfactsFuncs are the template functions of these pages.
func (s *Server) vfactsFuncs() template.FuncMap {
	return template.FuncMap{
		"wageUnits":  func() []string { return vacancy.VacancyWageUnits },
		"ownerships": func() []string { return employer.Ownerships },
		// badge is an employer's responsiveness for a search result, from
		// the store's cache (refreshed every few minutes); nil when
		// withheld or unknown. A template has no request context: the
		// cache read is the only work, and a failure only hides the badge.
		"badge": func(employerID int64) *vacancy.Responsiveness {
			b, err := s.App.Vacancies.Badges(context.Background(), []int64{employerID})
			if err != nil {
				return nil
			}
			if r, ok := b[employerID]; ok {
				return &r
			}
			return nil
		},
		// worksites names, once each, the user companies an employer's
		// vacancies place workers at, for its page's one line.
		"worksites": func(vs []vacancy.Vacancy) string {
			var names []string
			for _, v := range vs {
				if v.Outsourced() && !slices.Contains(names, v.WorksiteName) {
					names = append(names, v.WorksiteName)
				}
			}
			return strings.Join(names, ", ")
		},
		"pct": func(p *int) string {
			if p == nil {
				return "<5"
			}
			return strconv.Itoa(*p)
		},
	}
}

// vfactsForm reads the facts from the vacancy form.
func vfactsForm(r *req, errs *valid.Errors) vacancy.Facts {
	f := vacancy.Facts{WageUnit: r.PostFormValue("wage_unit"), WorksiteName: r.PostFormValue("worksite_name"),
		WorksiteNIB: r.PostFormValue("worksite_nib"), AgencyLicence: r.PostFormValue("agency_licence"),
		AgencyLicenceUntil: r.PostFormValue("agency_licence_until"), DisabilityOpen: r.PostFormValue("disability_open") == "1",
		DisabilityAccessible: r.PostFormValue("disability_accessible") == "1", DisabilityNote: r.PostFormValue("disability_note")}
	if r.PostFormValue("work_days_per_week") != "" {
		f.WorkDays = int(formNum(r, errs, "work_days_per_week"))
	}
	return f
}

// vfactsDetail is what the vacancy page shows of the employer's
// responsiveness and, once closed, the funnel.
type vfactsDetail struct {
	Resp      vacancy.Responsiveness
	Funnel    vacancy.Funnel
	HasFunnel bool
}

func (s *Server) vfactsFor(ctx context.Context, r *req, v vacancy.Vacancy) (vfactsDetail, error) {
	var d vfactsDetail
	var err error
	if d.Resp, err = s.App.Vacancies.Responsiveness(ctx, v.EmployerID); err != nil {
		return d, err
	}
	d.Funnel, d.HasFunnel, err = s.App.Vacancies.FunnelFor(ctx, r.User, v)
	return d, err
}

type officerFactsData struct {
	Licences  []vacancy.Vacancy
	Workforce []employer.Employer
}

// officerFacts is the petugas's page of agency licences to check and of
// employers' declared workforce against the disability quota.
func (s *Server) officerFacts(w http.ResponseWriter, r *req) error {
	ls, err := s.App.Vacancies.LicenceQueue(r.Context(), r.User, 100)
	if err != nil {
		return err
	}
	ws, err := s.App.Employers.WorkforceList(r.Context(), r.User, 500)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "vfacts.officer.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "vfacts_officer", b, officerFactsData{Licences: ls, Workforce: ws})
}

func (s *Server) officerCheckLicence(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	err = s.App.Vacancies.CheckLicence(r.Context(), r.User, id, r.PostFormValue("valid") == "1", r.PostFormValue("reason"))
	if err := s.flashOutcome(w, r, err, "flash.vfacts_licence_checked"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/petugas/izin-agen", http.StatusSeeOther)
	return nil
}

func (s *Server) declareWorkforce(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	var errs valid.Errors
	wf := employer.Workforce{Ownership: r.PostFormValue("ownership"), Employees: int(formNum(r, &errs, "workforce")),
		DisabledEmployees: int(formNum(r, &errs, "disabled_employees"))}
	err := errs.Err()
	if err == nil {
		_, err = s.App.Employers.DeclareWorkforce(r.Context(), r.User, wf)
	}
	if err := s.flashOutcome(w, r, err, "flash.vfacts_workforce_saved"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/perusahaan#tenaga-kerja", http.StatusSeeOther)
	return nil
}

// salaryUnit is schema.org's unitText for a wage unit; a piece rate is
// stated as a day's expected earnings.
func salaryUnit(unit string) string {
	switch unit {
	case "day", "piece":
		return "DAY"
	case "hour":
		return "HOUR"
	}
	return "MONTH"
}
