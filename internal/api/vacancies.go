package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
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
	if res.Memo == nil {
		// Not kept: encode into a reused buffer, which the answer's
		// writers (compression included) are done with when Write returns.
		buf, _ := s.listBufs.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
		}
		defer s.listBufs.Put(buf)
		body, err := s.vacancyList(c.Context(), (*buf)[:0], res)
		if err != nil {
			return err
		}
		*buf = body
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, err = w.Write(body)
		return err
	}
	body, err := s.vacancyList(c.Context(), nil, res)
	if err != nil {
		return err
	}
	// A cached result: compress once, for every hit after.
	ans := encoded{json: body, gz: httpgzip.Bytes(body)}
	res.Memo.Store(memoVacancyList, ans)
	return ans.write(w, c)
}

// vacancyList encodes a page of results as json.Encoder would encode
// {"did_you_mean"?, "items", "page", "per_page", "total"}, each item's JSON
// taken from its row's memo when the search index keeps the row (profiled
// through serve with the result cache off, encoding the 20 items was a
// sixth of the CPU). The employer's responsiveness, which changes apart
// from the row, is added to each item here: it is the item's last field
// (VacancyFactsJSON ends with it and a funnel lists never carry), so the
// bytes are those of the whole struct encoded at once.
// The answer is appended to dst.
func (s *Server) vacancyList(ctx context.Context, dst []byte, res vacancy.Result) ([]byte, error) {
	employers := make([]int64, len(res.Items))
	for i, v := range res.Items {
		employers[i] = v.EmployerID
	}
	badges, err := s.App.Vacancies.Badges(ctx, employers)
	if err != nil {
		return nil, err
	}
	return encodeVacancyList(dst, res, badges)
}

// encodeVacancyList is vacancyList once the badges are known.
func encodeVacancyList(dst []byte, res vacancy.Result, badges map[int64]vacancy.Responsiveness) ([]byte, error) {
	items := make([][]byte, len(res.Items))
	size := 128 + len(res.DidYouMean)
	for i, v := range res.Items {
		var memo *vacancy.Memo
		if i < len(res.ItemMemos) {
			memo = res.ItemMemos[i]
		}
		item, err := listItemJSON(v, memo)
		if err != nil {
			return nil, err
		}
		items[i] = item
		size += len(item) + 192 // and its responsiveness
	}
	// One allocation of about the answer's size, not a doubling buffer
	// (profiled: the buffer's growth was most of serve's allocation).
	b := bytes.NewBuffer(slices.Grow(dst, size))
	b.WriteByte('{')
	if res.DidYouMean != "" {
		q, _ := json.Marshal(res.DidYouMean) // a string always encodes
		b.WriteString(`"did_you_mean":`)
		b.Write(q)
		b.WriteByte(',')
	}
	b.WriteString(`"items":[`)
	for i, v := range res.Items {
		if i > 0 {
			b.WriteByte(',')
		}
		item := items[i]
		r, ok := badges[v.EmployerID]
		if !ok {
			b.Write(item)
			continue
		}
		badge, err := json.Marshal(responsivenessJSON(r))
		if err != nil {
			return nil, err
		}
		b.Write(item[:len(item)-1]) // without its closing brace
		b.WriteString(`,"responsiveness":`)
		b.Write(badge)
		b.WriteByte('}')
	}
	fmt.Fprintf(b, `],"page":%d,"per_page":%d,"total":%d}`+"\n", res.Page, res.PerPage, res.Total)
	return b.Bytes(), nil
}

// listItemJSON is a list item's JSON without its employer's
// responsiveness, kept in memo (when there is one) for the next pages that
// show the same version of the row.
func listItemJSON(v vacancy.Vacancy, memo *vacancy.Memo) ([]byte, error) {
	if b, ok := memo.Load(memoVacancyItem); ok {
		return b.([]byte), nil
	}
	b, err := json.Marshal(vacancyJSON(v))
	if err != nil {
		return nil, err
	}
	memo.Store(memoVacancyItem, b)
	return b, nil
}

// memoVacancyItem names a list item's JSON in a row's vacancy.Memo.
const memoVacancyItem = "api.vacancy_item"

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
