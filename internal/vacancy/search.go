package vacancy

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/textsearch"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Filter selects open, public vacancies.
type Filter struct {
	Q         string
	Region    string // regency/city code
	KBJI      string // a KBJI code or group prefix (1–4 digits)
	Education string // the seeker's level: vacancies asking at most this
	MinWage   int64  // the offered maximum is at least this
	Contract  string
	// DisabilityOpen keeps vacancies open to workers with disabilities.
	DisabilityOpen bool
	Sort           string // "relevance" (default when Q is set) or "newest"
	Page           int    // from 1
	PerPage        int
}

// searchFlight collapses concurrent identical searches.
type searchFlight = singleflight.Group

// Page sizes.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	MaxPage        = 500
)

// Result is one page of a search.
type Result struct {
	Items   []Vacancy
	Total   int
	Page    int
	PerPage int
	// DidYouMean is a corrected query that finds vacancies, offered when
	// this one found none ("Maksud Anda: …"); empty otherwise.
	DidYouMean string
	// Memo is set on a result the search cache keeps (nil otherwise): a
	// door keeps there what it made of the result, so a cache hit costs no
	// encoding either.
	Memo *Memo
	// ItemMemos, when set, holds for each of Items the Memo the index keeps
	// with that row (nil for a row it does not keep): a door keeps there
	// what it made of the row alone (the API its item's JSON), for as long
	// as the index keeps that version of the row.
	ItemMemos []*Memo
}

// Memo keeps what a door made of a cached Result (the API's encoded and
// compressed answer) for as long as the cache keeps the result. Profiled
// through serve, a cache hit spent most of its time encoding JSON and
// compressing it again; answers are the same until the cache drops the
// result, since writes through this store purge the cache. A nil Memo
// keeps nothing.
type Memo struct{ m sync.Map }

// Load returns what was kept under key.
func (m *Memo) Load(key string) (any, bool) {
	if m == nil {
		return nil, false
	}
	return m.m.Load(key)
}

// Store keeps v under key.
func (m *Memo) Store(key string, v any) {
	if m != nil {
		m.m.Store(key, v)
	}
}

// cacheKey names a normalised filter for the result cache. The words go in
// as parsed (lower case, single spaces, quotes and exclusions kept), since
// the search reads nothing else of them: "Operator  Las" and "operator las"
// share an answer.
func cacheKey(f Filter, today time.Time, dialect string) string {
	f.Q = textsearch.Parse(f.Q).String()
	return fmt.Sprintf("%+v|%s|%s", f, today.Format(time.DateOnly), dialect)
}

// Pages is the number of pages the total fills.
func (r Result) Pages() int {
	if r.PerPage == 0 {
		return 0
	}
	return (r.Total + r.PerPage - 1) / r.PerPage
}

// ParseFilter reads a filter from query parameters (q, region, kbji,
// education, min_wage, contract, sort, page, per_page), as the list page, the
// Atom feed and the API all take them. Numbers may carry thousands dots
// ("5.500.000"); a number that does not parse is a field error.
func ParseFilter(q url.Values) (Filter, error) {
	f := Filter{Q: q.Get("q"), Region: q.Get("region"), KBJI: q.Get("kbji"), Education: q.Get("education"),
		Contract: q.Get("contract"), Sort: q.Get("sort")}
	var errs valid.Errors
	num := func(name string) int64 {
		v := strings.ReplaceAll(strings.TrimSpace(q.Get(name)), ".", "")
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs.Add(name, "number_invalid")
		}
		return n
	}
	f.MinWage = num("min_wage")
	f.DisabilityOpen = parseDisability(q.Get("disability_open"), &errs)
	f.Page = int(num("page"))
	f.PerPage = int(num("per_page"))
	if perr, ok := valid.As(f.Normalize()); ok {
		// Say everything that is wrong, once per field.
		for _, fe := range perr {
			if !errs.Has(fe.Field) {
				errs = append(errs, fe)
			}
		}
	}
	return f, errs.Err()
}

// Normalize checks a filter from outside and fills defaults.
func (f *Filter) Normalize() error {
	var errs valid.Errors
	f.Q = strings.TrimSpace(f.Q)
	if len(f.Q) > 200 {
		errs.Add("q", "too_long", "max", 200)
	}
	if f.Region != "" {
		if _, ok := ref.RegionByCode(f.Region); !ok {
			errs.Add("region", "region_invalid")
		}
	}
	if f.KBJI != "" {
		if _, err := strconv.Atoi(f.KBJI); err != nil || len(f.KBJI) > 4 {
			errs.Add("kbji", "kbji_invalid")
		}
	}
	if f.Education != "" {
		if _, ok := ref.EducationByCode(f.Education); !ok {
			errs.Add("education", "choose_one")
		}
	}
	if f.MinWage < 0 {
		errs.Add("min_wage", "wage_invalid")
	}
	if f.Contract != "" && !contains(Contracts, f.Contract) {
		errs.Add("contract", "choose_one")
	}
	switch f.Sort {
	case "":
		f.Sort = "relevance"
	case "relevance", "newest":
	default:
		errs.Add("sort", "choose_one")
	}
	if f.Page == 0 {
		f.Page = 1
	}
	if f.Page < 1 || f.Page > MaxPage {
		errs.Add("page", "page_invalid", "max", MaxPage)
	}
	if f.PerPage == 0 {
		f.PerPage = DefaultPerPage
	}
	if f.PerPage < 1 || f.PerPage > MaxPerPage {
		errs.Add("per_page", "page_invalid", "max", MaxPerPage)
	}
	return errs.Err()
}

// Search returns a page of open vacancies of verified employers.
func (s *Store) Search(ctx context.Context, f Filter) (Result, error) {
	if err := f.Normalize(); err != nil {
		return Result{}, err
	}
	today := wib.Date(s.Now())
	key := cacheKey(f, today, string(s.DB.Dialect()))
	if s.Cache == nil {
		return s.search(ctx, f, today)
	}
	if res, ok := s.Cache.Get(key); ok {
		return res, nil
	}
	// Many clients asking the same new question wait for one answer.
	v, err, _ := s.flight.Do(key, func() (any, error) {
		res, err := s.search(ctx, f, today)
		if err == nil {
			res.Memo = &Memo{}
			s.Cache.Add(key, res)
		}
		return res, err
	})
	if err != nil {
		return Result{}, err
	}
	return v.(Result), nil
}

func (s *Store) search(ctx context.Context, f Filter, today time.Time) (Result, error) {
	if s.Mem != nil {
		// Both databases: the index forgives (stems, synonyms, typos) and
		// answers in Go; the database serves only the page's rows.
		if err := s.Mem.refresh(ctx, s, s.Now()); err != nil {
			return Result{}, err
		}
		page, total, dym := s.Mem.search(f, today)
		items, memos, err := s.pageRows(ctx, page)
		return Result{Items: items, ItemMemos: memos, Total: total, Page: f.Page, PerPage: f.PerPage, DidYouMean: dym}, err
	}
	q := textsearch.Parse(f.Q)
	m := search.Match(s.DB.Dialect(), "vacancies v", "v.id", q)
	// Only verified employers can publish, and rejecting an employer closes
	// its vacancies, so "published" already implies a verified employer: the
	// count needs no join with employers.
	where := []string{"v.status = ?", "v.closes_on >= ?"}
	args := []any{Published, today}
	if f.Region != "" {
		where = append(where, "v.region = ?")
		args = append(args, f.Region)
	}
	if f.KBJI != "" {
		where = append(where, "v.kbji LIKE ?")
		args = append(args, f.KBJI+"%")
	}
	if f.Education != "" {
		lvl, _ := ref.EducationByCode(f.Education)
		var codes []string
		for _, e := range ref.EducationLevels() {
			if e.Rank <= lvl.Rank {
				codes = append(codes, "?")
				args = append(args, e.Code)
			}
		}
		where = append(where, "v.education IN ("+strings.Join(codes, ", ")+")")
	}
	if f.MinWage > 0 {
		where = append(where, "v.wage_max >= ?")
		args = append(args, f.MinWage)
	}
	if f.Contract != "" {
		where = append(where, "v.contract = ?")
		args = append(args, f.Contract)
	}
	if f.DisabilityOpen {
		where = append(where, "v.disability_open = ?")
		args = append(args, true)
	}
	cond := ` WHERE ` + strings.Join(where, " AND ")
	// Counting needs no scores: filter by the matching ids instead.
	countCond, countArgs := cond, args
	if m.Filter != "" {
		countCond = cond + " AND " + m.Filter
		countArgs = append(append([]any{}, args...), m.FilterArgs...)
	}
	res := Result{Page: f.Page, PerPage: f.PerPage}
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM vacancies v`+countCond, countArgs...).Scan(&res.Total); err != nil {
		return Result{}, fmt.Errorf("count vacancies: %w", err)
	}
	from := ` FROM ` + m.From + ` JOIN employers e ON e.id = v.employer_id` + cond
	args = append(append([]any{}, m.Args...), args...)
	order := "v.published_at DESC, v.id DESC"
	if f.Sort == "relevance" && m.Order != "" {
		order = m.Order + ", v.published_at DESC, v.id DESC"
	}
	args = append(args, f.PerPage, (f.Page-1)*f.PerPage)
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+from+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return Result{}, fmt.Errorf("search vacancies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return Result{}, fmt.Errorf("search vacancies: %w", err)
		}
		res.Items = append(res.Items, v)
	}
	if err := rows.Err(); err != nil {
		return Result{}, err
	}
	// Skills for the page in one query, not one per vacancy.
	if len(res.Items) > 0 {
		if err := s.fillSkills(ctx, res.Items); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

// byIDs loads vacancies in the order of ids, with their skills.
func (s *Store) byIDs(ctx context.Context, ids []int64) ([]Vacancy, error) {
	out, err := s.rowsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	return out, s.fillSkills(ctx, out)
}

// rowsByIDs loads vacancies in the order of ids, without their skills.
func (s *Store) rowsByIDs(ctx context.Context, ids []int64) ([]Vacancy, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	pos := map[int64]int{}
	for i, id := range ids {
		ph[i], args[i], pos[id] = "?", id, i
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.id IN (`+strings.Join(ph, ",")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("vacancies by id: %w", err)
	}
	defer rows.Close()
	out := make([]Vacancy, len(ids))
	n := 0
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out[pos[v.ID]] = v
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n != len(ids) {
		// A vacancy vanished between index and read: drop the gaps.
		kept := out[:0]
		for _, v := range out {
			if v.ID != 0 {
				kept = append(kept, v)
			}
		}
		out = kept
	}
	return out, nil
}

func (s *Store) fillSkills(ctx context.Context, vs []Vacancy) error {
	if len(vs) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ph := make([]string, len(vs))
	args := make([]any, len(vs))
	for i, v := range vs {
		idx[v.ID] = i
		ph[i] = "?"
		args[i] = v.ID
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT vacancy_id, skill FROM vacancy_skills WHERE vacancy_id IN (`+strings.Join(ph, ",")+`) ORDER BY vacancy_id, skill`, args...)
	if err != nil {
		return fmt.Errorf("vacancy skills: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			return err
		}
		vs[idx[id]].Skills = append(vs[idx[id]].Skills, k)
	}
	return rows.Err()
}

// Sitemap lists the ids and last changes of every public vacancy (open or
// not), newest first, for /sitemap.xml.
func (s *Store) Sitemap(ctx context.Context, limit int) ([]Vacancy, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.status NOT IN ('draft', 'ditinjau') AND e.status = 'terverifikasi' ORDER BY v.updated_at DESC, v.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	defer rows.Close()
	var out []Vacancy
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
