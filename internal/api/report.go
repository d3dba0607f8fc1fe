package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// ReportItemJSON is one vacancy of the Perpres 57/2023 report.
type ReportItemJSON struct {
	VacancyJSON
	NIB          string `json:"nib"`
	KBLISection  string `json:"kbli_section"`
	KBLIVersion  string `json:"kbli_version"`
	ClosedAt     string `json:"closed_at,omitempty"` // stopped taking applications: closed early or filled
	Placed       int    `json:"placed"`
	PlacedFemale *int   `json:"placed_female,omitempty"` // left out when withheld
	PlacedLocal  *int   `json:"placed_local,omitempty"`
	// Withheld: fewer than 5 placed, so women, local residents, wages and
	// start dates are left out of a report on other employers' vacancies.
	Withheld            bool   `json:"withheld,omitempty"`
	LocalSharePlacedPct *int   `json:"local_share_placed_pct,omitempty"`
	PlacedWageMin       int64  `json:"placed_wage_min,omitempty"`
	PlacedWageMax       int64  `json:"placed_wage_max,omitempty"`
	FirstStartOn        string `json:"first_start_on,omitempty"`
	FilledOn            string `json:"filled_on,omitempty"`
}

// ReportTotalsJSON sums the report for a regency/city ("" for the province).
type ReportTotalsJSON struct {
	Region    string `json:"region"`
	Employers int    `json:"employers"`
	Vacancies int    `json:"vacancies"`
	Openings  int    `json:"openings"`
	Placed    int    `json:"placed"`
	// PlacedShown is the part of placed that placed_female and
	// placed_local are counted over: withheld vacancies are left out.
	PlacedShown  int `json:"placed_shown"`
	PlacedFemale int `json:"placed_female"`
	PlacedLocal  int `json:"placed_local"`
}

// vacancyReport is GET /api/v1/reports/vacancies: an employer's own
// vacancies, or the province's for officers and analysts; format=csv gives
// the same file as the page.
func (s *Server) vacancyReport(w http.ResponseWriter, c *call) error {
	form := c.URL.Query()
	format := form.Get("format")
	if format != "" && format != "json" && format != "csv" {
		return valid.New("format", "choose_one")
	}
	rep, err := s.App.Vacancies.ReportFor(c.Context(), c.User, form.Get("from"), form.Get("to"), form.Get("region"))
	if err != nil {
		return err
	}
	q, rows := rep.Query, rep.Rows
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+vacancy.ReportFileName(q, false)+`"`)
		return vacancy.WriteReportCSV(w, rows, s.App.PublicBase(c.Request), false)
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	items := make([]ReportItemJSON, 0, len(rows))
	for _, r := range rows {
		it := ReportItemJSON{VacancyJSON: vacancyJSON(r.Vacancy), NIB: r.NIB, KBLISection: r.KBLISection, KBLIVersion: r.KBLIVersion,
			Placed: r.Placed, Withheld: r.Withheld,
			PlacedWageMin: r.PlacedWageMin, PlacedWageMax: r.PlacedWageMax, FirstStartOn: day(r.FirstStart), FilledOn: day(r.FilledOn)}
		if !r.Withheld {
			it.PlacedFemale, it.PlacedLocal = &r.PlacedFemale, &r.PlacedLocal
		}
		if pct := r.PlacedLocalPct(); pct >= 0 {
			it.LocalSharePlacedPct = &pct
		}
		if !r.ClosedAt.IsZero() {
			it.ClosedAt = r.ClosedAt.UTC().Format(time.RFC3339)
		}
		items = append(items, it)
	}
	var totals []ReportTotalsJSON
	for _, t := range rep.Totals {
		totals = append(totals, ReportTotalsJSON(t))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"from": day(q.From), "to": day(q.To), "region": q.Region, "items": items, "totals": totals})
}
