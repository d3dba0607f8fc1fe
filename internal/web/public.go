package web

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/apprentice"
	"github.com/bursa-banten/bursa/internal/bkk"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/document"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

type homeData struct {
	Latest []vacancy.Vacancy
	Total  int
}

func (s *Server) home(w http.ResponseWriter, r *req) error {
	res, err := s.App.Vacancies.Search(r.Context(), vacancy.Filter{Sort: "newest", PerPage: 6})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "home", s.newBase(w, r, "home.title"), homeData{Latest: res.Items, Total: res.Total})
}

type listData struct {
	Filter vacancy.Filter
	Query  url.Values
	Result vacancy.Result
}

func (s *Server) vacancyList(w http.ResponseWriter, r *req) error {
	q := r.URL.Query()
	f, err := vacancy.ParseFilter(q)
	b := s.newBase(w, r, "list.title")
	var res vacancy.Result
	if err == nil {
		res, err = s.App.Vacancies.Search(r.Context(), f)
	}
	status := http.StatusOK
	if eb, isValid := s.withErrors(b, r, err); isValid {
		b = eb
		b.Form = q
		status = http.StatusBadRequest
	} else if err != nil {
		return err
	}
	b.Form = q
	delete(q, "page")
	b.Canonical = s.baseURL(r.Request) + "/lowongan"
	return s.render(w, status, "list", b, listData{Filter: f, Query: q, Result: res})
}

type detailData struct {
	V       vacancy.Vacancy
	Open    bool
	UMK     int64
	UMKYear int
	vacancy.Applying
	// History is the vacancy's steps in the public log (public vacancies).
	History *historyView
	// Documents the seeker may send with the application (documents.go).
	Documents []document.Document
	// Responsiveness and funnel: vfacts.go.
	vfactsDetail
	// Via names the SMK job office that posted the vacancy (bkk.go).
	Via *bkk.Via
}

func (s *Server) vacancyDetail(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := s.App.Vacancies.Visible(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	d := detailData{V: v, Open: v.Open(s.App.Now())}
	d.UMK, d.UMKYear, _ = vacancy.UMKFor(v.Region, s.App.Now())
	if d.Applying, err = s.App.Vacancies.ApplyingTo(r.Context(), r.User, v); err != nil {
		return err
	}
	if v.Public() {
		if d.History, err = s.history(r, ledger.RefOf(ledger.ObjVacancy, v.ID), ""); err != nil {
			return err
		}
	}
	if d.vfactsDetail, err = s.vfactsFor(r.Context(), r, v); err != nil {
		return err
	}
	if via, ok, err := s.App.BKK.VacancyVia(r.Context(), v.ID); err != nil {
		return err
	} else if ok {
		d.Via = &via
	}
	if d.CanApply {
		if d.Documents, err = s.App.Documents.List(r.Context(), r.User); err != nil {
			return err
		}
	}
	b := s.newBase(w, r, "detail.title")
	b.Title = v.Title + " – " + v.EmployerName
	b.Canonical = s.baseURL(r.Request) + fmt.Sprintf("/lowongan/%d", v.ID)
	wage := vacancy.Rupiah(v.WageMin)
	if v.WageMax > v.WageMin {
		wage += " – " + vacancy.Rupiah(v.WageMax)
	}
	b.Description = s.Catalog.T(r.Lang, "meta.vacancy", "employer", v.EmployerName, "region", regionName(v.Region),
		"wage", wage+" "+s.Catalog.T(r.Lang, "per_month"))
	if v.Public() {
		ld, err := jobPosting(v, s.baseURL(r.Request))
		if err != nil {
			return err
		}
		b.JSONLD = ld
	} else {
		b.Robots = "noindex"
	}
	return s.render(w, http.StatusOK, "detail", b, d)
}

// jobPosting renders schema.org JobPosting JSON-LD for search engines and
// job aggregators (Google for Jobs reads it).
func jobPosting(v vacancy.Vacancy, base string) (template.JS, error) {
	region, _ := ref.RegionByCode(v.Region)
	employment := map[string]string{"pkwt": "TEMPORARY", "pkwtt": "FULL_TIME", "harian": "PER_DIEM", "magang": "INTERN"}[v.Contract]
	edu := map[string]string{"sd": "primary school", "smp": "middle school", "sma": "high school", "smk": "high school",
		"d1": "associate degree", "d2": "associate degree", "d3": "associate degree", "d4": "bachelor degree",
		"s1": "bachelor degree", "s2": "postgraduate degree", "s3": "postgraduate degree"}[v.Education]
	doc := map[string]any{
		"@context":             "https://schema.org/",
		"@type":                "JobPosting",
		"title":                v.Title,
		"description":          v.Description,
		"identifier":           map[string]any{"@type": "PropertyValue", "name": "bursa", "value": strconv.FormatInt(v.ID, 10)},
		"datePosted":           v.PublishedAt.In(wib.Zone).Format(time.DateOnly),
		"validThrough":         v.ClosesOn.Format(time.DateOnly) + "T23:59:59+07:00",
		"employmentType":       employment,
		"occupationalCategory": v.KBJI,
		"totalJobOpenings":     v.Openings,
		"directApply":          true,
		"url":                  fmt.Sprintf("%s/lowongan/%d", base, v.ID),
		"hiringOrganization": map[string]any{"@type": "Organization", "name": v.EmployerName,
			"sameAs": fmt.Sprintf("%s/pemberi-kerja/%d", base, v.EmployerID)},
		"jobLocation": map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress",
			"addressLocality": region.Name, "addressRegion": "Banten", "addressCountry": "ID"}},
		"baseSalary": map[string]any{"@type": "MonetaryAmount", "currency": "IDR", "value": map[string]any{
			"@type": "QuantitativeValue", "minValue": v.UnitWageMin, "maxValue": v.UnitWageMax,
			"unitText": salaryUnit(v.WageUnit)}},
	}
	if edu != "" {
		doc["educationRequirements"] = map[string]any{"@type": "EducationalOccupationalCredential", "credentialCategory": edu}
	}
	if len(v.Skills) > 0 {
		names := make([]string, 0, len(v.Skills))
		for _, k := range v.Skills {
			if sk, ok := ref.SkillByCode(k); ok {
				names = append(names, sk.Name)
			}
		}
		doc["skills"] = strings.Join(names, ", ")
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return "", err
	}
	// json.Marshal escapes <, > and & so the data cannot close the script element.
	return template.JS(b), nil
}

type employerPublicData struct {
	E          employer.Employer
	Vacancies  []vacancy.Vacancy
	Compliance complaint.ComplianceRecord
	History    *historyView
	Resp       vacancy.Responsiveness // vfacts.go
	// Magang: the company's public apprenticeship outcomes (apprentice.go).
	Magang apprentice.Outcomes
}

func (s *Server) employerPublic(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.App.Employers.Get(r.Context(), id)
	if err != nil {
		return err
	}
	open, err := s.App.Vacancies.OpenByEmployer(r.Context(), id)
	if err != nil {
		return err
	}
	rec, err := s.App.Complaints.Compliance(r.Context(), id)
	if err != nil {
		return err
	}
	hist, err := s.history(r, ledger.RefOf(ledger.ObjEmployer, e.ID), fmt.Sprintf("/transparansi?perusahaan=%d#catatan", e.ID))
	if err != nil {
		return err
	}
	resp, err := s.App.Vacancies.Responsiveness(r.Context(), id)
	if err != nil {
		return err
	}
	magang, err := s.App.Apprentices.EmployerOutcomes(r.Context(), id)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "employer_public.title")
	b.Title = e.Name
	b.Canonical = s.baseURL(r.Request) + fmt.Sprintf("/pemberi-kerja/%d", e.ID)
	b.Description = s.Catalog.T(r.Lang, "meta.employer", "name", e.Name, "region", regionName(e.Region), "open", len(open))
	return s.render(w, http.StatusOK, "employer_public", b, employerPublicData{E: e, Vacancies: open, Compliance: rec, History: hist, Resp: resp, Magang: magang})
}

// Atom feed of open vacancies, with the same filters as the list.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

func (s *Server) atom(w http.ResponseWriter, r *req) error {
	f, err := vacancy.ParseFilter(r.URL.Query())
	if err != nil {
		http.Error(w, "invalid filter", http.StatusBadRequest)
		return nil
	}
	f.Sort = "newest"
	f.Page, f.PerPage = 1, 50
	res, err := s.App.Vacancies.Search(r.Context(), f)
	if err != nil {
		return err
	}
	base := s.baseURL(r.Request)
	feed := atomFeed{Title: s.Catalog.T(r.Lang, "feed.title"), ID: base + "/lowongan.atom",
		Updated: s.App.Now().UTC().Format(time.RFC3339), Author: atomAuthor{Name: "bursa"},
		Links: []atomLink{{Href: base + r.URL.RequestURI(), Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/lowongan?" + r.URL.RawQuery, Rel: "alternate", Type: "text/html"}}}
	for _, v := range res.Items {
		link := fmt.Sprintf("%s/lowongan/%d", base, v.ID)
		region, _ := ref.RegionByCode(v.Region)
		feed.Entries = append(feed.Entries, atomEntry{Title: v.Title + " – " + v.EmployerName, ID: link,
			Updated: v.UpdatedAt.UTC().Format(time.RFC3339), Link: atomLink{Href: link},
			Summary: fmt.Sprintf("%s · %s – %s · %s", region.Name, vacancy.Rupiah(v.WageMin), vacancy.Rupiah(v.WageMax),
				s.Catalog.T(r.Lang, "contract."+v.Contract))})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	return xml.NewEncoder(w).Encode(feed)
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func (s *Server) sitemap(w http.ResponseWriter, r *req) error {
	vs, err := s.App.Vacancies.Sitemap(r.Context(), 45000)
	if err != nil {
		return err
	}
	base := s.baseURL(r.Request)
	set := sitemapURLSet{URLs: []sitemapURL{{Loc: base + "/"}, {Loc: base + "/lowongan"}}}
	for _, v := range vs {
		set.URLs = append(set.URLs, sitemapURL{Loc: fmt.Sprintf("%s/lowongan/%d", base, v.ID), LastMod: v.UpdatedAt.UTC().Format(time.DateOnly)})
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	return xml.NewEncoder(w).Encode(set)
}
