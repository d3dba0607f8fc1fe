package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/httpgzip"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// VacancyJSON is the public shape of a vacancy.
type VacancyJSON struct {
	ID              int64    `json:"id"`
	EmployerID      int64    `json:"employer_id"`
	Employer        string   `json:"employer"`
	Title           string   `json:"title"`
	KBJI            string   `json:"kbji"`
	Skills          []string `json:"skills"`
	Education       string   `json:"education"`
	Region          string   `json:"region"`
	Openings        int      `json:"openings"`
	Hired           int      `json:"hired"`
	WageMin         int64    `json:"wage_min"`
	WageMax         int64    `json:"wage_max"`
	Contract        string   `json:"contract"`
	ClosesOn        string   `json:"closes_on"`
	Description     string   `json:"description"`
	AgeMin          int      `json:"age_min,omitempty"`
	AgeMax          int      `json:"age_max,omitempty"`
	ExperienceYears int      `json:"experience_years,omitempty"`
	LocalSharePct   *int     `json:"local_share_pct,omitempty"`
	BelowUMK        bool     `json:"below_umk"`
	Status          string   `json:"status"`
	PublishedAt     string   `json:"published_at,omitempty"`
	URL             string   `json:"url"`
	// Flags are the screening findings (screen.go), sent to the vacancy's
	// employer and to reviewers only.
	Flags *[]FlagJSON `json:"flags,omitempty"`
	// Wage unit, worksite, agency, accessibility, responsiveness: vfacts.go.
	VacancyFactsJSON
}

func vacancyJSON(v vacancy.Vacancy) VacancyJSON {
	skills := v.Skills
	if skills == nil {
		skills = []string{}
	}
	j := VacancyJSON{ID: v.ID, EmployerID: v.EmployerID, Employer: v.EmployerName, Title: v.Title, KBJI: v.KBJI,
		Skills: skills, Education: v.Education, Region: v.Region, Openings: v.Openings, Hired: v.Hired,
		WageMin: v.WageMin, WageMax: v.WageMax, Contract: v.Contract, ClosesOn: v.ClosesOn.Format(time.DateOnly),
		Description: v.Description, AgeMin: v.AgeMin, AgeMax: v.AgeMax, ExperienceYears: v.ExperienceYears,
		LocalSharePct: v.LocalSharePct, BelowUMK: v.BelowUMK, Status: v.Status, URL: "/lowongan/" + strconv.FormatInt(v.ID, 10)}
	// wage_min / wage_max as stated, in wage_unit; the monthly figures are
	// monthly_wage_min / monthly_wage_max.
	j.VacancyFactsJSON, j.WageMin, j.WageMax = vacancyFactsJSON(v), v.UnitWageMin, v.UnitWageMax
	if !v.PublishedAt.IsZero() {
		j.PublishedAt = v.PublishedAt.UTC().Format(time.RFC3339)
	}
	return j
}

func (s *Server) listVacancies(w http.ResponseWriter, c *call) error {
	f, err := vacancy.ParseFilter(c.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.App.Vacancies.Search(c.Context(), f)
	if err != nil {
		return err
	}
	if ans, ok := res.Memo.Load(memoVacancyList); ok {
		return ans.(encoded).write(w, c)
	}
	items := make([]VacancyJSON, 0, len(res.Items))
	for _, v := range res.Items {
		items = append(items, vacancyJSON(v))
	}
	if err := s.badges(c.Context(), items); err != nil {
		return err
	}
	out := map[string]any{"items": items, "total": res.Total, "page": res.Page, "per_page": res.PerPage}
	if res.DidYouMean != "" {
		out["did_you_mean"] = res.DidYouMean
	}
	if res.Memo == nil {
		return writeJSON(w, http.StatusOK, out)
	}
	// A cached result: encode and compress once, for every hit after.
	body, err := json.Marshal(out)
	if err != nil {
		return err
	}
	body = append(body, '\n') // as json.Encoder ends an answer
	ans := encoded{json: body, gz: httpgzip.Bytes(body)}
	res.Memo.Store(memoVacancyList, ans)
	return ans.write(w, c)
}

// memoVacancyList names the list's answer in a vacancy.Memo.
const memoVacancyList = "api.vacancies"

// encoded is a JSON answer ready to send, plain and compressed.
type encoded struct{ json, gz []byte }

// write sends the answer, compressed when the client takes gzip (the
// compressing middleware passes an answer with Content-Encoding through).
func (e encoded) write(w http.ResponseWriter, c *call) error {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	body := e.json
	if e.gz != nil && c.Method != http.MethodHead && httpgzip.Accepts(c.Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
		body = e.gz
	}
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return err
}

func (s *Server) getVacancy(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
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
	if err := s.withFlags(c, &j); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// VacancyInput is the body of POST /api/v1/vacancies.
type VacancyInput struct {
	Title           string   `json:"title"`
	KBJI            string   `json:"kbji"`
	Skills          []string `json:"skills"`
	Education       string   `json:"education"`
	Region          string   `json:"region"`
	Openings        int      `json:"openings"`
	WageMin         int64    `json:"wage_min"`
	WageMax         int64    `json:"wage_max"`
	Contract        string   `json:"contract"`
	ClosesOn        string   `json:"closes_on"`
	Description     string   `json:"description"`
	AgeMin          int      `json:"age_min"`
	AgeMax          int      `json:"age_max"`
	ExperienceYears int      `json:"experience_years"`
	LocalSharePct   *int     `json:"local_share_pct"`
	BelowUMK        bool     `json:"below_umk"`
	// ApprenticeshipID names the approved apprenticeship program a magang
	// vacancy fills (required for magang; openapi_appr.go).
	ApprenticeshipID int64 `json:"apprenticeship_id,omitempty"`
	// Wage unit, worksite, agency, accessibility: vfacts.go.
	VacancyFactsInput
	// Publish defaults to true: the vacancy goes public at once.
	Publish *bool `json:"publish"`
}

func (s *Server) createVacancy(w http.ResponseWriter, c *call) error {
	var in VacancyInput
	if err := decode(w, c, &in); err != nil {
		return err
	}
	publish := in.Publish == nil || *in.Publish
	v, err := s.App.Vacancies.Create(c.Context(), c.User, in.input(), publish)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/vacancies/"+strconv.FormatInt(v.ID, 10))
	j := vacancyJSON(v)
	if err := s.withFlags(c, &j); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, j)
}
