package web

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ledgertext"
	"github.com/bursa-banten/bursa/internal/ref"
)

// logPerPage is how many records a page of /transparansi shows.
const logPerPage = 20

// ledgerWordsRoutes registers the log's Atom feed.
func (s *Server) ledgerWordsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /transparansi/feed.atom", s.page(s.ledgerFeed))
}

// logFilter is what a visitor chose on /transparansi: a kind, a regency,
// an employer, a program (ids from links on sentences and object pages),
// and where the page starts (below record Before; 0: the newest).
type logFilter struct {
	Kind     string
	Region   string
	Employer int64
	Program  int64
	Before   int64
}

// parseLogFilter reads the query; values that name nothing are dropped,
// so an old or mistyped link shows the whole log rather than an error.
func parseLogFilter(q url.Values) logFilter {
	var f logFilter
	if k := q.Get("jenis"); slices.Contains(ledger.Kinds(), k) {
		f.Kind = k
	}
	if _, ok := ref.RegionByCode(q.Get("wilayah")); ok {
		f.Region = q.Get("wilayah")
	}
	id := func(name string) int64 {
		n, err := strconv.ParseInt(q.Get(name), 10, 64)
		if err != nil || n <= 0 {
			return 0
		}
		return n
	}
	f.Employer, f.Program, f.Before = id("perusahaan"), id("program"), id("sebelum")
	return f
}

func (f logFilter) any() bool {
	return f.Kind != "" || f.Region != "" || f.Employer != 0 || f.Program != 0
}

// query is the filter as a query string ("" or "?…"), starting below
// record before (0: from the newest).
func (f logFilter) query(before int64) string {
	v := url.Values{}
	if f.Kind != "" {
		v.Set("jenis", f.Kind)
	}
	if f.Region != "" {
		v.Set("wilayah", f.Region)
	}
	if f.Employer != 0 {
		v.Set("perusahaan", strconv.FormatInt(f.Employer, 10))
	}
	if f.Program != 0 {
		v.Set("program", strconv.FormatInt(f.Program, 10))
	}
	if before > 0 {
		v.Set("sebelum", strconv.FormatInt(before, 10))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// without is the page's address with one filter taken off.
func (f logFilter) without(name string) string {
	switch name {
	case "perusahaan":
		f.Employer = 0
	case "program":
		f.Program = 0
	}
	return "/transparansi" + f.query(0) + "#catatan"
}

func (f logFilter) ledgerFilter(limit int) ledger.Filter {
	lf := ledger.Filter{Kind: f.Kind, Before: f.Before, Limit: limit}
	if f.Employer != 0 {
		lf.Refs = append(lf.Refs, ledger.RefOf(ledger.ObjEmployer, f.Employer))
	}
	if f.Program != 0 {
		lf.Refs = append(lf.Refs, ledger.RefOf(ledger.ObjProgram, f.Program))
	}
	if f.Region != "" {
		lf.Refs = append(lf.Refs, ledger.Ref{Object: ledger.ObjRegion, ID: f.Region})
	}
	return lf
}

// logLine is a record said in words, for a template.
type logLine struct {
	ledgertext.Line
	Sentence template.HTML // escaped by ledgertext, links added
}

type kindOption struct{ Kind, Name string }

// logPage is one page of the log in words.
type logPage struct {
	Filter        logFilter
	Lines         []logLine
	Kinds         []kindOption
	Regions       []ref.Region
	EmployerName  string
	ProgramName   string
	DropEmployer  string
	DropProgram   string
	Older, Newest string
	Feed          string
	Filtered      bool  // the visitor chose a filter or an older page
	Signed        int64 // records in the published checkpoint
}

// logPage reads the page of the log the request's filter chooses.
func (s *Server) logPage(r *req, signed int64) (logPage, error) {
	ctx := r.Context()
	p := logPage{Filter: parseLogFilter(r.URL.Query()), Signed: signed}
	p.Filtered = p.Filter.any() || p.Filter.Before > 0
	items, err := ledger.List(ctx, s.App.DB, p.Filter.ledgerFilter(logPerPage+1))
	if err != nil {
		return p, err
	}
	if len(items) > logPerPage {
		items = items[:logPerPage]
		p.Older = "/transparansi" + p.Filter.query(items[len(items)-1].N) + "#catatan"
	}
	if p.Filter.Before > 0 {
		p.Newest = "/transparansi" + p.Filter.query(0) + "#catatan"
	}
	lines, err := s.App.LedgerText.Say(ctx, r.Lang, items)
	if err != nil {
		return p, err
	}
	for _, l := range lines {
		p.Lines = append(p.Lines, logLine{Line: l, Sentence: template.HTML(l.HTML)})
	}
	for _, k := range ledger.Kinds() {
		p.Kinds = append(p.Kinds, kindOption{k, s.Catalog.T(r.Lang, "ledger.kind."+k)})
	}
	p.Regions = ref.Regions()
	if id := p.Filter.Employer; id != 0 {
		p.EmployerName = s.Catalog.T(r.Lang, "ledger.filter_employer", "id", id)
		if e, err := s.App.Employers.Get(ctx, id); err == nil {
			p.EmployerName = e.Name
		}
		p.DropEmployer = p.Filter.without("perusahaan")
	}
	if id := p.Filter.Program; id != 0 {
		p.ProgramName = s.Catalog.T(r.Lang, "ledger.filter_program", "id", id)
		if d, err := s.App.Training.ProgramFor(ctx, nil, id); err == nil {
			p.ProgramName = d.Program.Title
		}
		p.DropProgram = p.Filter.without("program")
	}
	p.Feed = "/transparansi/feed.atom" + p.Filter.query(0)
	return p, nil
}

// atomContent is an Atom text construct with its type.
type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type ledgerAtomEntry struct {
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Content atomContent `xml:"content"`
}

type ledgerAtomFeed struct {
	XMLName xml.Name          `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string            `xml:"title"`
	ID      string            `xml:"id"`
	Updated string            `xml:"updated"`
	Links   []atomLink        `xml:"link"`
	Author  atomAuthor        `xml:"author"`
	Entries []ledgerAtomEntry `xml:"entry"`
}

// ledgerFeed is the log in words as an Atom feed (RFC 4287), newest first,
// with the same filters as the page: a journalist can follow one company,
// one regency or one kind of record in a feed reader.
func (s *Server) ledgerFeed(w http.ResponseWriter, r *req) error {
	f := parseLogFilter(r.URL.Query())
	items, err := ledger.List(r.Context(), s.App.DB, f.ledgerFilter(50))
	if err != nil {
		return err
	}
	lines, err := s.App.LedgerText.Say(r.Context(), r.Lang, items)
	if err != nil {
		return err
	}
	base := s.baseURL(r.Request)
	updated := s.App.Now().UTC()
	if len(items) > 0 {
		updated = items[0].At
	}
	feed := ledgerAtomFeed{Title: s.Catalog.T(r.Lang, "ledger.feed_title"),
		// The id names the filtered feed, so two filters are two feeds.
		ID: base + "/transparansi/feed.atom" + f.query(0), Updated: updated.UTC().Format(time.RFC3339),
		Author: atomAuthor{Name: "bursa"},
		Links: []atomLink{{Href: base + "/transparansi/feed.atom" + f.query(0), Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/transparansi" + f.query(0), Rel: "alternate", Type: "text/html"}}}
	for _, l := range lines {
		link := base + ledgertext.RecordPath(l.N)
		feed.Entries = append(feed.Entries, ledgerAtomEntry{Title: fmt.Sprintf("#%d · %s", l.N, l.KindName), ID: link,
			Updated: l.At.UTC().Format(time.RFC3339), Link: atomLink{Href: link, Rel: "alternate", Type: "text/html"},
			// Links in a feed reader must carry the site's address.
			Content: atomContent{Type: "html", Body: strings.ReplaceAll(l.HTML, `href="/`, `href="`+base+`/`)}})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	return xml.NewEncoder(w).Encode(feed)
}

// historyView is an object's history for its page.
type historyView struct {
	Steps   []logLine
	Applied ledgertext.Span
	Stages  []ledgertext.StageCount
	Seats   ledgertext.Span
	Total   int
	All     string // the whole history on /transparansi, when it can filter by the object
}

// history reads the history of ref for its page; the caller has already
// loaded the object as the public sees it.
func (s *Server) history(r *req, ref ledger.Ref, all string) (*historyView, error) {
	items, err := ledger.History(r.Context(), s.App.DB, ref)
	if err != nil {
		return nil, err
	}
	sum := ledgertext.Summarize(items)
	lines, err := s.App.LedgerText.Say(r.Context(), r.Lang, sum.Steps)
	if err != nil {
		return nil, err
	}
	h := &historyView{Applied: sum.Applied, Stages: sum.Stages, Seats: sum.Seats, Total: sum.Total, All: all}
	for _, l := range lines {
		h.Steps = append(h.Steps, logLine{Line: l, Sentence: template.HTML(l.HTML)})
	}
	return h, nil
}
