// Package api serves bursa's JSON API under /api/v1, described by the
// OpenAPI 3.1 document at /api/v1/openapi.json. Errors are RFC 9457
// problem details; validation failures list each field with its message.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Server is the JSON API.
type Server struct {
	App     *app.Services
	Catalog *i18n.Catalog
	// listBufs reuses the buffers uncached search answers are encoded
	// into (about 25 KB each; see listVacancies).
	listBufs sync.Pool
}

// New returns the API server.
func New(a *app.Services, c *i18n.Catalog) *Server { return &Server{App: a, Catalog: c} }

// call is one API request with its user and language resolved.
type call struct {
	*http.Request
	User *auth.User
	Lang string
}

type handler func(w http.ResponseWriter, c *call) error

// route is one endpoint; the table is also what the OpenAPI test checks.
type route struct {
	Method, Path string
	h            handler
}

func (s *Server) routes() []route {
	var rs []route
	// Features added later list their endpoints in their own files.
	// One feature per line: branches adding features merge without conflict.
	for _, more := range [][]route{
		s.accountAPI(),
		s.notifyAPI(),
		s.alertAPI(),
		s.dataAPI(),
		s.interviewAPI(),
		s.wageAPI(),
		s.ledgerAPI(),
		s.monitorAPI(),
		s.threadAPI(),
		s.statsAPI(),
		s.searchAPI(),
		s.documentAPI(),
		s.ak1ReportAPI(),
		s.profileAPI(),
		s.screenAPI(),
		s.vfactsAPI(),
		s.apprAPI(),
		s.umkmAPI(),
		s.youthAPI(),
		s.bkkAPI(),
	} {
		rs = append(rs, more...)
	}
	return append([]route{
		{"GET", "/api/v1/openapi.json", s.openapi},
		{"POST", "/api/v1/session", s.login},
		{"DELETE", "/api/v1/session", s.logout},
		{"GET", "/api/v1/me", s.me},
		{"GET", "/api/v1/regions", s.regions},
		{"GET", "/api/v1/vacancies", s.listVacancies},
		{"POST", "/api/v1/vacancies", s.createVacancy},
		{"GET", "/api/v1/vacancies/{id}", s.getVacancy},
		{"GET", "/api/v1/vacancies/{id}/applications", s.vacancyApplications},
		{"POST", "/api/v1/vacancies/{id}/applications", s.apply},
		{"POST", "/api/v1/vacancies/{id}/applications/seen", s.markSeen},
		{"GET", "/api/v1/me/applications", s.myApplications},
		{"GET", "/api/v1/me/recommendations", s.recommendations},
		{"GET", "/api/v1/vacancies/{id}/candidates", s.candidates},
		{"POST", "/api/v1/vacancies/{id}/invitations", s.invite},
		{"GET", "/api/v1/skill-gaps", s.skillGaps},
		{"GET", "/api/v1/reports/vacancies", s.vacancyReport},
		{"POST", "/api/v1/applications/{id}/status", s.moveApplication},
		{"POST", "/api/v1/applications/{id}/placement", s.reportHire},
		{"POST", "/api/v1/applications/{id}/withdrawal", s.withdraw},
		{"POST", "/api/v1/applications/{id}/offer", s.makeOffer},
		{"POST", "/api/v1/applications/{id}/offer/answer", s.answerOffer},
		{"GET", "/api/v1/training/programs", s.listPrograms},
		{"POST", "/api/v1/training/programs", s.createProgram},
		{"GET", "/api/v1/training/programs/{id}", s.getProgram},
		{"PUT", "/api/v1/training/programs/{id}", s.updateProgram},
		{"GET", "/api/v1/training/programs/{id}/roster", s.roster},
		{"POST", "/api/v1/training/programs/{id}/follow", s.followProgram}, {"DELETE", "/api/v1/training/programs/{id}/follow", s.unfollowProgram},
		{"POST", "/api/v1/training/programs/{id}/enrollments", s.enroll},
		{"GET", "/api/v1/training/providers", s.listProviders},
		{"GET", "/api/v1/training/providers/{id}/outcomes", s.providerOutcomes},
		{"POST", "/api/v1/training/rounds", s.openRound},
		{"GET", "/api/v1/training/rounds/{id}", s.getRound},
		{"POST", "/api/v1/training/rounds/{id}/applications", s.applyTraining},
		{"POST", "/api/v1/training/rounds/{id}/allocation", s.allocateRound},
		{"POST", "/api/v1/training/rounds/{id}/appeals", s.fileAppeal},
		{"GET", "/api/v1/training/appeals", s.listAppeals},
		{"GET", "/api/v1/training/appeals/{id}", s.getAppeal},
		{"POST", "/api/v1/training/appeals/{id}/decision", s.decideAppeal},
		{"POST", "/api/v1/training/enrollments/{id}/attendance", s.recordAttendance},
		{"POST", "/api/v1/training/enrollments/{id}/completion", s.completeCourse},
		{"POST", "/api/v1/training/enrollments/{id}/certificate", s.certify},
		{"GET", "/api/v1/training/outcomes", s.regionOutcomes},
		{"GET", "/api/v1/me/training", s.myTraining},
		{"POST", "/api/v1/complaints", s.fileComplaint},
		{"GET", "/api/v1/complaints/{code}", s.getComplaint},
		{"POST", "/api/v1/complaints/{code}/messages", s.replyComplaint},
		{"GET", "/api/v1/me/complaints", s.myComplaints},
		{"POST", "/api/v1/complaints/{code}/membership", s.answerMembership},
		{"POST", "/api/v1/disputes", s.fileDispute},
		{"GET", "/api/v1/cases", s.listCases},
		{"GET", "/api/v1/cases/{id}", s.getCase},
		{"POST", "/api/v1/cases/{id}/state", s.moveCase},
		{"POST", "/api/v1/cases/{id}/assignment", s.assignCase},
		{"POST", "/api/v1/cases/{id}/findings", s.recordFinding},
		{"POST", "/api/v1/cases/{id}/sessions", s.scheduleSession},
		{"POST", "/api/v1/cases/{id}/responses", s.respondFindings},
		{"GET", "/api/v1/cases/{id}/complaints/{complaint}", s.openCaseComplaint},
		{"POST", "/api/v1/cases/{id}/complaints/{complaint}/messages", s.messageCaseComplaint},
		{"GET", "/api/v1/calendar", s.calendar},
		{"GET", "/api/v1/officers", s.listOfficers},
		{"PUT", "/api/v1/officers/{id}", s.setOfficer},
		{"GET", "/api/v1/employers/{id}/findings", s.employerFindings},
		{"GET", "/api/v1/employers/{id}/compliance", s.compliance},
		{"GET", "/api/v1/complaint-stats", s.complaintStats},
		{"GET", "/api/v1/aspirations", s.listAspirations},
		{"POST", "/api/v1/aspirations", s.postAspiration},
		{"GET", "/api/v1/aspirations/{id}", s.getAspiration},
		{"POST", "/api/v1/aspirations/{id}/supports", s.supportAspiration},
		{"POST", "/api/v1/aspirations/{id}/answers", s.answerAspiration},
	}, rs...)
}

// Routes registers the API on mux.
func (s *Server) Routes(mux *http.ServeMux) {
	for _, rt := range s.routes() {
		h := rt.h
		if rt.Method == http.MethodPost && rt.Path != "/api/v1/session" {
			// Every create may be retried safely with an Idempotency-Key.
			h = func(w http.ResponseWriter, c *call) error { return s.idempotent(w, c, rt.h) }
		}
		// A wildcard takes a whole segment: "{iid}.ics" is matched as "{iid}".
		mux.Handle(rt.Method+" "+strings.Replace(rt.Path, "}.ics", "}", 1), s.adapt(h))
	}
	// Anything else under /api/ is a JSON 404, not an HTML page.
	mux.Handle("/api/", s.adapt(func(w http.ResponseWriter, c *call) error { return db.ErrNotFound }))
}

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"`
}

// FieldError names one invalid field.
type FieldError struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

var (
	errUnauthorized = fail.New(fail.Unauthorized, "unauthorized")
	errForbidden    = fail.New(fail.Forbidden, "forbidden")
	errBadJSON      = fail.New(fail.BadRequest, "bad json")
	errTooLarge     = fail.New(fail.TooLarge, "request body too large")
)

func (s *Server) adapt(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{Request: r, Lang: i18n.Lang(r.Header.Get("Accept-Language"))}
		u, err := s.App.CurrentUser(r)
		if err != nil {
			// The session could not be looked up: answer that (503 when the
			// database is down), never carry on as an anonymous caller.
			s.problem(w, c, err)
			return
		}
		c.User = u
		if app.Guard(w, r, u != nil) {
			return
		}
		if err := valid.Values(r.URL.Query()).Err(); err != nil {
			s.problem(w, c, err)
			return
		}
		if err := h(w, c); err != nil {
			s.problem(w, c, err)
		}
	})
}

// kindTitle is the problem title of each kind that has no more specific one.
var kindTitle = map[fail.Kind]string{
	fail.NotFound:     "error.not_found.title",
	fail.Forbidden:    "error.forbidden.title",
	fail.Unauthorized: "api.unauthorized",
	fail.Conflict:     "error.conflict.title",
	fail.BadRequest:   "api.bad_json",
	fail.TooLarge:     "error.too_large.title",
	fail.TooMany:      "error.too_many.title",
	fail.Unavailable:  "error.unavailable.title",
	fail.Internal:     "error.internal.title",
}

// problem answers err as RFC 9457 problem details. The status comes from the
// one kind-to-status table (fail.Kind.Status) the pages use too; only the
// wording is chosen here.
func (s *Server) problem(w http.ResponseWriter, c *call, err error) {
	kind := app.ErrorKind(err)
	p := Problem{Type: "about:blank", Status: kind.Status(), Title: s.Catalog.T(c.Lang, kindTitle[kind])}
	var ve valid.Errors
	var locked *auth.LockedError
	switch {
	case kind == fail.Canceled:
		// The client went away: nobody reads this, and it is not our fault.
		s.App.Log.Debug("api canceled", "path", c.URL.Path)
		return
	case errors.As(err, &ve):
		p.Type, p.Title = "/api/v1/problems/validation", s.Catalog.T(c.Lang, "api.validation")
		for _, fe := range ve {
			p.Errors = append(p.Errors, FieldError{Field: fe.Field, Code: fe.Code, Detail: s.Catalog.Err(c.Lang, fe)})
		}
		p.Detail = p.Errors[0].Detail
	case errors.Is(err, errBadJSON):
		p.Detail = err.Error()
	case kind == fail.TooLarge:
		p.Title = s.Catalog.T(c.Lang, "err.upload_too_big", "n", complaint.MaxEvidenceFiles, "max", complaint.MaxEvidenceBytes>>20)
		if strings.HasPrefix(c.Header.Get("Content-Type"), "application/json") {
			// A JSON body is read whole; files belong in multipart parts.
			p.Detail = s.Catalog.T(c.Lang, "api.too_large_json")
		}
	case errors.Is(err, complaint.ErrBadPIN):
		p.Title = s.Catalog.T(c.Lang, "err.pin_wrong")
	case errors.As(err, &locked):
		p.Title = s.Catalog.T(c.Lang, "err.login_locked", "until", locked.Until.In(wib.Zone).Format("15.04")+" WIB")
	case errors.Is(err, training.ErrAllocated):
		p.Title = s.Catalog.T(c.Lang, "flash.round_already_allocated")
	case kind == fail.Unavailable:
		s.App.Log.Warn("api unavailable", "path", c.URL.Path, "err", err)
	case kind == fail.Internal:
		s.App.Log.Error("api", "path", c.URL.Path, "err", err)
	}
	if d := fail.RetryAfter(err, kind); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", c.Lang)
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// decode reads a JSON body of at most 64 KiB into v (see decodeMax).
func decode(w http.ResponseWriter, c *call, v any) error { return decodeMax(w, c, v, 64<<10) }

// decodeMax reads a JSON body of at most limit bytes into v, refusing
// unknown fields so a misspelt field is an error, not silently ignored. A
// longer body is errTooLarge (413).
func decodeMax(w http.ResponseWriter, c *call, v any, limit int64) error {
	if ct := c.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("%w: Content-Type must be application/json", errBadJSON)
	}
	return decodeJSON(http.MaxBytesReader(w, c.Body, limit), v)
}

// decodeJSON reads exactly one JSON object from r into v, refusing unknown
// fields.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		return fmt.Errorf("%w: %s", errBadJSON, err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: one JSON object expected", errBadJSON)
	}
	// A NUL (\u0000) decodes into a string; no database should see it.
	return valid.Strings(v).Err()
}

func pathID(c *call) (int64, error) {
	id, err := strconv.ParseInt(c.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, db.ErrNotFound
	}
	return id, nil
}
