package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// postedID starts a form post on the path's record whose permission the
// domain checks: the form parses and the path names an id.
func postedID(w http.ResponseWriter, r *req) (int64, error) {
	if err := parseForm(w, r); err != nil {
		return 0, err
	}
	return pathID(r)
}

// pathID reads the {id} path value; a malformed id is simply not found.
func pathID(r *req) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, db.ErrNotFound
	}
	return id, nil
}

// formInt reads an integer field; empty is 0, and a malformed number is
// reported as ok=false so the page can say so beside the field.
func formInt(r *req, name string) (int64, bool) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, true
	}
	// People type rupiah with thousands dots or "Rp".
	v = strings.NewReplacer(".", "", ",", "", " ", "", "Rp", "", "rp", "").Replace(v)
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// formNum reads an integer field like formInt and, when it does not parse,
// adds the error beside the field to errs.
func formNum(r *req, errs *valid.Errors, field string) int64 {
	n, ok := formInt(r, field)
	if !ok {
		errs.Add(field, "number_invalid")
	}
	return n
}

// parseForm bounds the body: no page posts more than 64 KB.
func parseForm(w http.ResponseWriter, r *req) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return errBadInput
	}
	return valid.Values(r.PostForm).Err()
}

// safeNext keeps redirects on this site.
//
// Browsers read a backslash as a slash, so "/\evil.example" is the
// protocol-relative "//evil.example"; control characters (a tab or newline
// inside "/\t/evil") are dropped by them too. Only a path that starts with a
// single "/" followed by neither "/" nor "\", and has no backslash or control
// character anywhere, stays.
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") ||
		strings.ContainsRune(next, '\\') || strings.ContainsFunc(next, unicode.IsControl) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" {
		return ""
	}
	return next
}

func appClientAddr(r *req) string { return app.ClientAddr(r.Request) }

// formatClock shows a time of day in WIB, e.g. "14.35 WIB".
func formatClock(t time.Time) string { return t.In(wib.Zone).Format("15.04") + " WIB" }

// registerFirst sends an HR user without a company, or a job seeker without
// a profile, to the form that registers one, and reports whether it did:
// the page they asked for shows nothing without it.
func registerFirst(w http.ResponseWriter, r *req, err error) bool {
	var to string
	switch {
	case errors.Is(err, employer.ErrNotRegistered):
		to = "/perusahaan/daftar"
	case errors.Is(err, seeker.ErrNoProfile):
		to = "/pencari/profil"
	default:
		return false
	}
	http.Redirect(w, r.Request, to, http.StatusSeeOther)
	return true
}

// flashOutcome tells the user how a posted action went, for the page the
// handler redirects to: the first rule it broke, or the message okKey.
// Other errors are the caller's to return.
func (s *Server) flashOutcome(w http.ResponseWriter, r *req, err error, okKey string) error {
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
		return nil
	}
	if err != nil {
		return err
	}
	s.flash(w, r, okKey)
	return nil
}
