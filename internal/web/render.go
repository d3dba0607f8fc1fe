package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// req is a request with what every handler needs resolved once.
type req struct {
	*http.Request
	User *auth.User
	Lang string
}

type handlerFunc func(w http.ResponseWriter, r *req) error

// Sentinel errors handlers return; page() maps them to responses through
// their kinds, with the same table the API uses.
var (
	errForbidden = fail.New(fail.Forbidden, "forbidden")
	errLogin     = auth.ErrLoginRequired // also the domain's: the page answers it with the login form
	errBadInput  = fail.New(fail.BadRequest, "bad input")
)

// kindPage is the error page (message ids key+".title", key+".text") of
// each kind; an Invalid that reaches page() was not shown beside its field:
// that is unreadable text in the address or the form (valid.TextCode), which
// no form field could show.
var kindPage = map[fail.Kind]string{
	fail.NotFound:     "error.not_found",
	fail.Forbidden:    "error.forbidden",
	fail.Unauthorized: "error.unauthorized",
	fail.Conflict:     "error.conflict",
	fail.Invalid:      "error.bad_text",
	fail.BadRequest:   "error.bad_request",
	fail.TooLarge:     "error.too_large",
	fail.TooMany:      "error.too_many",
	fail.Unavailable:  "error.unavailable",
	fail.Internal:     "error.internal",
}

const (
	langCookie  = "bursa_lang"
	flashCookie = "bursa_flash"
)

// page adapts a handler: resolves the session and language, then renders the
// handler's error, if any, as the right page.
func (s *Server) page(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.App.CurrentUser(r)
		if err != nil {
			// The session could not be looked up (the database is down):
			// say so, keep the cookie, and do not run the handler as if
			// nobody were logged in.
			s.errorPage(w, &req{Request: r, Lang: s.lang(r, nil)}, err)
			return
		}
		if app.Guard(w, r, u != nil) {
			return
		}
		rq := &req{Request: r, User: u, Lang: s.lang(r, u)}
		// Text no database can store (a NUL byte, bytes that are not
		// UTF-8) in the address is refused before any handler reads it.
		if err := valid.Values(r.URL.Query()).Err(); err != nil {
			s.errorPage(w, rq, err)
			return
		}
		if err := h(w, rq); err != nil {
			s.errorPage(w, rq, err)
		}
	})
}

// errorPage answers a handler's error: a login redirect, or the error page of its
// kind with the status from fail's one table.
func (s *Server) errorPage(w http.ResponseWriter, r *req, err error) {
	if errors.Is(err, errLogin) {
		http.Redirect(w, r.Request, "/masuk?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	kind := app.ErrorKind(err)
	switch kind {
	case fail.Canceled:
		s.App.Log.Debug("canceled", "path", r.URL.Path)
		return
	case fail.Unavailable:
		s.App.Log.Warn("unavailable", "path", r.URL.Path, "err", err)
	case fail.Internal:
		s.App.Log.Error("handler", "path", r.URL.Path, "err", err)
	}
	if d := fail.RetryAfter(err, kind); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	}
	key := kindPage[kind]
	if ve, ok := valid.As(err); ok && !slices.ContainsFunc(ve, func(fe valid.FieldError) bool { return fe.Code == valid.TextCode }) {
		key = "error.bad_request"
	}
	// A write refused because the log is frozen says why, as every page does.
	var frozen *ledger.FrozenError
	s.renderErrorPage(w, r.Request, r.User, kind.Status(), key, errors.As(err, &frozen))
}

func (s *Server) lang(r *http.Request, u *auth.User) string {
	if c, err := r.Cookie(langCookie); err == nil {
		return i18n.Lang(c.Value)
	}
	if u != nil {
		return i18n.Lang(u.Lang)
	}
	return "id"
}

// base is what the layout needs on every page.
type base struct {
	Lang string
	User *auth.User
	Demo bool
	// ReadOnly: the log's database is behind what it signed, so writes are
	// refused until the operator acts (see ledger.Guard); every page says so.
	ReadOnly   bool
	Title      string
	Path       string
	Flash      string
	FlashError bool
	Errors     map[string]string
	// ErrorList is Errors in the order the form asks, for the summary at
	// the top of the page that takes focus (the GOV.UK pattern): after a
	// reload on a phone the first thing seen says what to fix.
	ErrorList []fieldError
	Form      url.Values
	JSONLD    template.JS
	Canonical string
	Robots    string
	// Description is the page's summary for search results and for the
	// preview WhatsApp and Facebook show when a link is shared (meta
	// description and Open Graph); empty: the site's own.
	Description string
	// Feed is a page's own Atom feed (a <link rel=alternate> beside the
	// site's vacancy feed), with its title; empty: none.
	Feed, FeedTitle string
	// Unread is the logged-in user's unread notices, for the badge beside
	// "Kabar" in the navigation.
	Unread int
}

// fieldError is one line of the error summary.
type fieldError struct{ Field, Msg string }

// view is what a page template receives: .B the base, .D the page's data.
type view struct {
	B base
	D any
}

func (s *Server) newBase(w http.ResponseWriter, r *req, titleKey string) base {
	b := base{Lang: r.Lang, User: r.User, Demo: s.App.Demo, Title: s.Catalog.T(r.Lang, titleKey), Path: r.URL.RequestURI()}
	if s.App.Ledger != nil {
		// Cached by the log for a second; an error is the handler's to meet.
		why, err := s.App.Ledger.ReadOnly(r.Context())
		b.ReadOnly = err == nil && why != ""
	}
	if r.User != nil {
		// One indexed COUNT (notifications_unread); a failure only hides
		// the badge, the page itself does not depend on it.
		if n, err := s.App.Notify.Unread(r.Context(), r.User); err == nil {
			b.Unread = n
		}
	}
	if c, err := r.Cookie(flashCookie); err == nil {
		if msg, err := base64.RawURLEncoding.DecodeString(c.Value); err == nil && len(msg) > 0 {
			b.FlashError = msg[0] == '!'
			b.Flash = string(msg[1:])
		}
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	}
	return b
}

// withErrors fills the base with localized field errors and the posted form,
// so the page shows each message beside its field and keeps what was typed.
func (s *Server) withErrors(b base, r *req, err error) (base, bool) {
	ve, ok := valid.As(err)
	if !ok {
		return b, false
	}
	b.Errors = map[string]string{}
	for _, fe := range ve {
		if _, dup := b.Errors[fe.Field]; !dup {
			b.Errors[fe.Field] = s.Catalog.Err(r.Lang, fe)
			b.ErrorList = append(b.ErrorList, fieldError{fe.Field, b.Errors[fe.Field]})
		}
	}
	b.Form = r.PostForm
	return b, true
}

// flash shows message key once, on the next page (after a redirect).
func (s *Server) flash(w http.ResponseWriter, r *req, key string) {
	setFlash(w, "+"+s.Catalog.T(r.Lang, key))
}

// flashErr shows a validation failure once, on the next page.
func (s *Server) flashErr(w http.ResponseWriter, r *req, fe valid.FieldError) {
	setFlash(w, "!"+s.Catalog.Err(r.Lang, fe))
}

func setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(msg)),
		Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (s *Server) render(w http.ResponseWriter, status int, name string, b base, data any) error {
	t, ok := s.tmpl[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view{B: b, D: data}); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// renderError renders the error page key for u (nil when unknown). It reads
// nothing from the database, so it works during an outage.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, u *auth.User, status int, key string) {
	s.renderErrorPage(w, r, u, status, key, false)
}

// renderErrorPage is renderError with the read-only banner when readOnly.
func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, u *auth.User, status int, key string, readOnly bool) {
	lang := s.lang(r, u)
	b := base{Lang: lang, User: u, Demo: s.App.Demo, ReadOnly: readOnly, Title: s.Catalog.T(lang, key+".title"), Robots: "noindex"}
	if err := s.render(w, status, "error", b, map[string]string{"Key": key}); err != nil {
		http.Error(w, http.StatusText(status), status)
	}
}

func (s *Server) baseURL(r *http.Request) string { return s.App.PublicBase(r) }

var monthsID = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	// Civil dates are kept as midnight UTC, which is the same day in WIB;
	// instants (when something was published) must be read in WIB.
	t = t.In(wib.Zone)
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"t":      func(lang, key string, args ...any) string { return s.Catalog.T(lang, key, args...) },
		"rupiah": func(n int64) string { return vacancy.Rupiah(n) },
		// ageRange words an age requirement where either bound may be open
		// (0), so an open bound never shows as a bare dash.
		"ageRange": func(lang string, lo, hi int) string {
			switch {
			case lo > 0 && hi > 0:
				return s.Catalog.T(lang, "age.range", "min", lo, "max", hi)
			case hi > 0:
				return s.Catalog.T(lang, "age.max", "max", hi)
			default:
				return s.Catalog.T(lang, "age.min", "min", lo)
			}
		},
		"date": formatDate,
		"datetime": func(lang string, t time.Time) string {
			if t.IsZero() {
				return "–"
			}
			return formatDate(lang, t.In(wib.Zone)) + t.In(wib.Zone).Format(" 15.04") + " WIB"
		},
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		},
		"region": regionName,
		"occupation": func(lang, code string) string {
			if o, ok := ref.OccupationByCode(code); ok {
				if lang == "en" && o.TitleEN != "" {
					return o.TitleEN
				}
				return o.Title
			}
			return code
		},
		"skill": func(lang, code string) string {
			if k, ok := ref.SkillByCode(code); ok {
				if lang == "en" && k.NameEN != "" {
					return k.NameEN
				}
				return k.Name
			}
			return code
		},
		"education": func(lang, code string) string {
			if e, ok := ref.EducationByCode(code); ok {
				if lang == "en" && e.NameEN != "" {
					return e.NameEN
				}
				return e.Name
			}
			return code
		},
		"regions":    ref.Regions,
		"educations": ref.EducationLevels,
		"kbli":       ref.KBLISections,
		"contracts":  func() []string { return vacancy.Contracts },
		// val returns the posted value of a field, or def when the form was not posted.
		"val": func(b base, field string, def any) string {
			if b.Form != nil {
				return b.Form.Get(field)
			}
			if def == nil {
				return ""
			}
			return fmt.Sprint(def)
		},
		"vals": func(b base, field string, def []string) []string {
			if b.Form != nil {
				return b.Form[field]
			}
			return def
		},
		"has": func(list []string, x string) bool {
			for _, v := range list {
				if v == x {
					return true
				}
			}
			return false
		},
		"add": func(a, b int) int { return a + b },
		// dict2 passes the language and one item to a shared template.
		"dict2": func(lang string, x any) map[string]any { return map[string]any{"Lang": lang, "V": x, "A": x, "F": x} },
		// dict makes a map from name, value pairs, for a partial that needs
		// several values.
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		// ratio shows a ratio the Indonesian way: 2,5.
		"ratio": func(x float64) string { return strings.Replace(strconv.FormatFloat(x, 'f', 1, 64), ".", ",", 1) },
		// fe passes the page base and a field name to the "err" template.
		"fe": func(b base, field string) map[string]any { return map[string]any{"B": b, "F": field} },
		"deref": func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		},
		// rate shows N of M with the percentage, "–" when nobody counts yet.
		"rate": func(r training.Rate) string {
			if !r.Known() {
				return "–"
			}
			return fmt.Sprintf("%d/%d (%s%%)", r.N, r.Of, strconv.FormatFloat(r.Percent(), 'f', 0, 64))
		},
		"criteria": func() []string { return training.Criteria },
		"kinds":    func() []string { return training.Kinds },
		"skills":   ref.Skills,
		"clock":    formatClock,
		"datetimeInput": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(wib.Zone).Format("2006-01-02T15:04")
		},
		"join":    strings.Join,
		"hasID":   func(list []int64, id int64) bool { return slices.Contains(list, id) },
		"classOf": classOf,
		// dict3 passes the language, a program's priority order and a class to "class_name".
		"dict3": func(lang string, p []string, c int) map[string]any {
			return map[string]any{"Lang": lang, "P": p, "C": c}
		},
		"int": func(x uint16) int { return int(x) },
		// dict4 passes the language and three values to a shared template.
		"dict4": func(lang string, v, f, a any) map[string]any {
			return map[string]any{"Lang": lang, "V": v, "F": f, "A": a}
		},
		"query": func(q url.Values, k string, v any) string {
			c := url.Values{}
			for kk, vv := range q {
				c[kk] = vv
			}
			c.Set(k, fmt.Sprint(v))
			return "?" + c.Encode()
		},
	}
}

func (s *Server) parseTemplates() error {
	s.tmpl = map[string]*template.Template{}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(s.funcs()).Funcs(s.vfactsFuncs()).Funcs(s.profileFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", p)
		if err != nil {
			return fmt.Errorf("template %s: %w", name, err)
		}
		s.tmpl[name] = t
	}
	return nil
}

// regionName names a regency or city by its code.
func regionName(code string) string {
	if r, ok := ref.RegionByCode(code); ok {
		return r.Name
	}
	// A NIK from another province: name the province at least.
	if len(code) == 4 {
		if p, ok := ref.ProvinceName(code[:2]); ok {
			return p + " (" + code + ")"
		}
	}
	return code
}
