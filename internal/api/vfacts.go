package api

import (
	"context"
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// The facts of a vacancy (issue 15): the wage in its unit, who really
// employs, accessibility, and the employer's responsiveness.

// VacancyFactsJSON is embedded in VacancyJSON. wage_min / wage_max are in
// wage_unit; monthly_wage_min / monthly_wage_max their monthly equivalents
// (PP 36/2021), which search, matching and alerts compare.
type VacancyFactsJSON struct {
	WageUnit             string              `json:"wage_unit"`
	WorkDays             int                 `json:"work_days_per_week"`
	MonthlyWageMin       int64               `json:"monthly_wage_min"`
	MonthlyWageMax       int64               `json:"monthly_wage_max"`
	Worksite             *WorksiteJSON       `json:"worksite_employer"`
	Agency               *AgencyLicenceJSON  `json:"agency_licence"`
	DisabilityOpen       bool                `json:"disability_open"`
	DisabilityAccessible bool                `json:"disability_accessible"`
	DisabilityNote       string              `json:"disability_note,omitempty"`
	Responsiveness       *ResponsivenessJSON `json:"responsiveness,omitempty"`
	Funnel               *FunnelJSON         `json:"funnel,omitempty"`
}

// WorksiteJSON is the user company where the work happens (alih daya).
type WorksiteJSON struct {
	Name string `json:"name"`
	NIB  string `json:"nib"`
}

// AgencyLicenceJSON is a placement agency's licence. check is sent, never
// read: "" until a petugas checks it, then sesuai or tidak_sesuai.
type AgencyLicenceJSON struct {
	Number     string `json:"number"`
	ValidUntil string `json:"valid_until"`
	Check      string `json:"check,omitempty"`
}

// ResponsivenessJSON is an employer's responsiveness; the figures are
// null when withheld (fewer than 5 applications) or when nothing to
// measure yet.
type ResponsivenessJSON struct {
	Applications    int  `json:"applications"`
	MedianDays      *int `json:"median_days_to_answer"`
	UnansweredPct   *int `json:"unanswered_after_30_days_pct"`
	RejectReasonPct *int `json:"rejections_with_reason_pct"`
	Withheld        bool `json:"withheld"`
}

// FunnelJSON is a closed vacancy's selection funnel; a null cell is
// withheld (1 to 4 people).
type FunnelJSON struct {
	Applied     *int `json:"applied"`
	Screened    *int `json:"screened"`
	Interviewed *int `json:"interviewed"`
	Offered     *int `json:"offered"`
	Hired       *int `json:"hired"`
	Rejected    *int `json:"rejected"`
}

func responsivenessJSON(r vacancy.Responsiveness) *ResponsivenessJSON {
	j := &ResponsivenessJSON{Applications: r.Applications, Withheld: r.Withheld}
	if r.Withheld {
		return j
	}
	if r.Answered > 0 {
		j.MedianDays = &r.MedianDays
	}
	if r.Due > 0 {
		j.UnansweredPct = &r.UnansweredPct
	}
	if r.Rejections > 0 {
		j.RejectReasonPct = &r.ReasonPct
	}
	return j
}

func vacancyFactsJSON(v vacancy.Vacancy) VacancyFactsJSON {
	j := VacancyFactsJSON{WageUnit: v.WageUnit, WorkDays: v.WorkDays, MonthlyWageMin: v.WageMin, MonthlyWageMax: v.WageMax,
		DisabilityOpen: v.DisabilityOpen, DisabilityAccessible: v.DisabilityAccessible, DisabilityNote: v.DisabilityNote}
	if v.Outsourced() {
		j.Worksite = &WorksiteJSON{Name: v.WorksiteName, NIB: v.WorksiteNIB}
	}
	if v.Agency() {
		j.Agency = &AgencyLicenceJSON{Number: v.AgencyLicence, ValidUntil: v.AgencyLicenceUntil, Check: v.AgencyCheck}
	}
	return j
}

// vacancyDetail is one vacancy with its employer's responsiveness and,
// once closed, its funnel.
func (s *Server) vacancyDetail(ctx context.Context, u *auth.User, v vacancy.Vacancy) (VacancyJSON, error) {
	j := vacancyJSON(v)
	r, err := s.App.Vacancies.Responsiveness(ctx, v.EmployerID)
	if err != nil {
		return j, err
	}
	j.Responsiveness = responsivenessJSON(r)
	f, closed, err := s.App.Vacancies.FunnelFor(ctx, u, v)
	if err != nil {
		return j, err
	}
	if closed {
		j.Funnel = &FunnelJSON{Applied: f.Applied, Screened: f.Screened, Interviewed: f.Interviewed, Offered: f.Offered, Hired: f.Hired, Rejected: f.Rejected}
	}
	return j, nil
}

// VacancyFactsInput is embedded in VacancyInput.
type VacancyFactsInput struct {
	WageUnit             string              `json:"wage_unit"`
	WorkDays             int                 `json:"work_days_per_week"`
	Worksite             *WorksiteJSON       `json:"worksite_employer"`
	Agency               *AgencyLicenceInput `json:"agency_licence"`
	DisabilityOpen       bool                `json:"disability_open"`
	DisabilityAccessible bool                `json:"disability_accessible"`
	DisabilityNote       string              `json:"disability_note"`
}

// AgencyLicenceInput is a licence as the employer states it.
type AgencyLicenceInput struct {
	Number     string `json:"number"`
	ValidUntil string `json:"valid_until"`
}

func (in VacancyFactsInput) facts() vacancy.Facts {
	f := vacancy.Facts{WageUnit: in.WageUnit, WorkDays: in.WorkDays, DisabilityOpen: in.DisabilityOpen,
		DisabilityAccessible: in.DisabilityAccessible, DisabilityNote: in.DisabilityNote}
	if in.Worksite != nil {
		f.WorksiteName, f.WorksiteNIB = in.Worksite.Name, in.Worksite.NIB
	}
	if in.Agency != nil {
		f.AgencyLicence, f.AgencyLicenceUntil = in.Agency.Number, in.Agency.ValidUntil
	}
	return f
}

func (in VacancyInput) input() vacancy.Input {
	return vacancy.Input{Title: in.Title, KBJI: in.KBJI, Skills: in.Skills,
		Education: in.Education, Region: in.Region, Openings: in.Openings, WageMin: in.WageMin, WageMax: in.WageMax,
		Contract: in.Contract, ClosesOn: in.ClosesOn, Description: in.Description, AgeMin: in.AgeMin, AgeMax: in.AgeMax,
		ExperienceYears: in.ExperienceYears, LocalSharePct: in.LocalSharePct, BelowUMK: in.BelowUMK, Facts: in.facts(),
		ApprenticeshipID: in.ApprenticeshipID}
}

// updateVacancy: PUT /api/v1/vacancies/{id}, the whole vacancy again (its
// employer; a draft or published vacancy). publish is ignored: publishing
// and closing are status changes.
func (s *Server) updateVacancy(w http.ResponseWriter, c *call) error {
	var in VacancyInput
	id, err := pathIDAndBody(w, c, &in)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.Update(c.Context(), c.User, id, in.input()); err != nil {
		return err
	}
	v, err := s.App.Vacancies.Visible(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	j, err := s.vacancyDetail(c.Context(), c.User, v)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// EmployerJSON is an employer's public profile; workforce only for the
// employer itself and petugas.
type EmployerJSON struct {
	ID             int64               `json:"id"`
	Name           string              `json:"name"`
	Region         string              `json:"region"`
	KBLISection    string              `json:"kbli_section"`
	SizeClass      string              `json:"size_class"`
	Ownership      string              `json:"ownership"`
	Verified       bool                `json:"verified"`
	Responsiveness *ResponsivenessJSON `json:"responsiveness"`
	Workforce      *WorkforceJSON      `json:"workforce,omitempty"`
}

// WorkforceJSON is an employer's declared workforce against the quota of
// workers with disabilities (UU 8/2016 art. 53).
type WorkforceJSON struct {
	Employees         int    `json:"employees"`
	DisabledEmployees int    `json:"disabled_employees"`
	QuotaPct          int    `json:"quota_pct"`
	QuotaRequired     int    `json:"quota_required"`
	QuotaMet          bool   `json:"quota_met"`
	DeclaredOn        string `json:"declared_on,omitempty"`
}

func workforceJSON(w employer.Workforce) *WorkforceJSON {
	j := &WorkforceJSON{Employees: w.Employees, DisabledEmployees: w.DisabledEmployees, QuotaPct: w.QuotaPct(),
		QuotaRequired: w.QuotaRequired(), QuotaMet: w.QuotaMet()}
	if w.Declared() {
		j.DeclaredOn = w.DeclaredOn.UTC().Format(time.DateOnly)
	}
	return j
}

func (s *Server) employerJSON(ctx context.Context, e employer.Employer, workforce bool) (EmployerJSON, error) {
	r, err := s.App.Vacancies.Responsiveness(ctx, e.ID)
	if err != nil {
		return EmployerJSON{}, err
	}
	j := EmployerJSON{ID: e.ID, Name: e.Name, Region: e.Region, KBLISection: e.KBLISection, SizeClass: e.SizeClass,
		Ownership: e.Ownership, Verified: e.Status == employer.Verified, Responsiveness: responsivenessJSON(r)}
	if workforce {
		j.Workforce = workforceJSON(e.Workforce)
	}
	return j, nil
}

func (s *Server) getEmployer(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	e, workforce, err := s.App.Employers.Profile(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	j, err := s.employerJSON(c.Context(), e, workforce)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// WorkforceInput declares the company's ownership and workforce.
type WorkforceInput struct {
	Ownership         string `json:"ownership"`
	Employees         int    `json:"employees"`
	DisabledEmployees int    `json:"disabled_employees"`
}

func (s *Server) declareWorkforce(w http.ResponseWriter, c *call) error {
	var in WorkforceInput
	if err := decode(w, c, &in); err != nil {
		return err
	}
	e, err := s.App.Employers.DeclareWorkforce(c.Context(), c.User, employer.Workforce{Ownership: in.Ownership,
		Employees: in.Employees, DisabledEmployees: in.DisabledEmployees})
	if err != nil {
		return err
	}
	j, err := s.employerJSON(c.Context(), e, true)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// LicenceCheckInput is a petugas's check of an agency licence.
type LicenceCheckInput struct {
	Valid  bool   `json:"valid"`
	Reason string `json:"reason"`
}

func (s *Server) checkLicence(w http.ResponseWriter, c *call) error {
	var in LicenceCheckInput
	id, err := pathIDAndBody(w, c, &in)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.CheckLicence(c.Context(), c.User, id, in.Valid, in.Reason); err != nil {
		return err
	}
	v, err := s.App.Vacancies.Get(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, vacancyJSON(v))
}

func (s *Server) listLicenceChecks(w http.ResponseWriter, c *call) error {
	vs, err := s.App.Vacancies.LicenceQueue(c.Context(), c.User, 100)
	if err != nil {
		return err
	}
	items := make([]VacancyJSON, 0, len(vs))
	for _, v := range vs {
		items = append(items, vacancyJSON(v))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) vfactsAPI() []route {
	return []route{
		{"PUT", "/api/v1/vacancies/{id}", s.updateVacancy},
		{"GET", "/api/v1/employers/{id}", s.getEmployer},
		{"PUT", "/api/v1/me/workforce", s.declareWorkforce},
		{"GET", "/api/v1/licence-checks", s.listLicenceChecks},
		{"POST", "/api/v1/vacancies/{id}/licence-check", s.checkLicence},
	}
}
