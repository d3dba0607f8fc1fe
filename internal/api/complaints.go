package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The complaint API mirrors the Pengaduan and Pengawasan pages: filing
// (anonymous allowed, evidence as base64 strings in JSON), tracking by code
// with the PIN in X-Tracking-PIN or by the owner's session, messages, the
// officers' cases, findings and sessions, the employer's findings and
// responses, compliance records, aspirations and public counts.

// PINHeader carries a tracking PIN, so it never lands in URLs or logs.
const PINHeader = "X-Tracking-PIN"

// maxComplaintBody bounds a complaint with its evidence: ten files of 10 MB
// as base64 (4/3 larger) and the rest of the JSON.
const maxComplaintBody = complaint.MaxEvidenceFiles*complaint.MaxEvidenceBytes*4/3 + 1<<20

// decodeLimit is decode with a larger bound, for bodies carrying files.
func decodeLimit(w http.ResponseWriter, c *call, v any, limit int64) error {
	if ct := c.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("%w: Content-Type must be application/json", errBadJSON)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, c.Body, limit))
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
	return nil
}

func caseOfficer(c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	if !c.User.Has(auth.Pengawas) && !c.User.Has(auth.Mediator) {
		return errForbidden
	}
	return nil
}

// MemberBody is a union member named in a collective complaint.
type MemberBody struct {
	Name        string `json:"name"`
	UserID      int64  `json:"user_id"`
	Consent     bool   `json:"consent"`
	ConsentNote string `json:"consent_note"`
}

// ComplaintBody is a complaint as filed through the API.
type ComplaintBody struct {
	Category        string       `json:"category"`
	EmployerID      int64        `json:"employer_id"`
	EmployerName    string       `json:"employer_name"`
	Region          string       `json:"region"`
	Narrative       string       `json:"narrative"`
	HappenedOn      string       `json:"happened_on"`
	WorkersAffected int          `json:"workers_affected"`
	MonthlyWage     int64        `json:"monthly_wage"`
	Anonymous       bool         `json:"anonymous"`
	PIN             string       `json:"pin"`
	Sealed          bool         `json:"sealed"`
	ConsentEmployer bool         `json:"consent_employer"`
	UnionName       string       `json:"union_name"`
	Members         []MemberBody `json:"members"`
	UnnamedMembers  int          `json:"unnamed_members"`
	Files           []string     `json:"files"` // base64 (standard, padded)
	Adverse         string       `json:"adverse"`
	PriorCode       string       `json:"prior_code"`
	PriorPIN        string       `json:"prior_pin"`
}

// maxMultipartBody bounds a complaint sent as multipart/form-data: the
// files travel as they are, so the bound is the evidence itself plus 1 MB.
const maxMultipartBody = complaint.MaxEvidenceFiles*complaint.MaxEvidenceBytes + 1<<20

// maxJSONPart bounds the complaint part of a multipart body: the narrative
// and members run to kilobytes. Base64 evidence inside it is therefore
// limited to about 750 KB; in multipart, files go as parts.
const maxJSONPart = 1 << 20

// decodeWithFiles reads a complaint or dispute body into v with its
// evidence. The body is either JSON with the files as base64 strings (b64),
// or multipart/form-data with the same JSON in a part named "complaint" and
// each file as a part named "files": a worker on a weak mobile connection
// then sends each photo as it is, not a third larger.
func decodeWithFiles(w http.ResponseWriter, c *call, v any, b64 *[]string) ([][]byte, error) {
	mt, params, _ := mime.ParseMediaType(c.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := decodeLimit(w, c, v, maxComplaintBody); err != nil {
			return nil, err
		}
		return decodeFiles(*b64)
	}
	mr := multipart.NewReader(http.MaxBytesReader(w, c.Body, maxMultipartBody), params["boundary"])
	var files [][]byte
	seenJSON := false
	tooMany := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errTooLarge
		}
		if err != nil {
			return nil, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
		}
		switch part.FormName() {
		case "complaint":
			if seenJSON {
				return nil, fmt.Errorf("%w: one part named complaint expected", errBadJSON)
			}
			seenJSON = true
			// The text of a complaint is small; the files are the bulk
			// and come as parts of their own.
			b, err := io.ReadAll(io.LimitReader(part, maxJSONPart+1))
			if errors.As(err, &mbe) || len(b) > maxJSONPart {
				return nil, errTooLarge
			}
			if err != nil {
				return nil, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
			}
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				return nil, fmt.Errorf("%w: %s", errBadJSON, err.Error())
			}
			if _, err := dec.Token(); !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%w: one JSON object expected in the complaint part", errBadJSON)
			}
		case "files":
			if len(files) == complaint.MaxEvidenceFiles {
				// Refused anyway: read past it without keeping it.
				tooMany = true
				if _, err := io.Copy(io.Discard, part); errors.As(err, &mbe) {
					return nil, errTooLarge
				}
				continue
			}
			// One byte over the limit is enough for the store to refuse
			// the file by its size; the rest is not read into memory.
			b, err := io.ReadAll(io.LimitReader(part, complaint.MaxEvidenceBytes+1))
			if errors.As(err, &mbe) {
				return nil, errTooLarge
			}
			if err != nil {
				return nil, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
			}
			files = append(files, b)
		default:
			return nil, fmt.Errorf("%w: unexpected part %q (want complaint and files)", errBadJSON, part.FormName())
		}
	}
	if !seenJSON {
		return nil, fmt.Errorf("%w: no part named complaint", errBadJSON)
	}
	if tooMany {
		// No files: the refusal must not first clean ten of them.
		return nil, valid.New("files", "too_many", "max", complaint.MaxEvidenceFiles)
	}
	if len(*b64) > 0 {
		if len(files) > 0 {
			return nil, valid.New("files", "files_twice")
		}
		return decodeFiles(*b64)
	}
	return files, nil
}

func decodeFiles(list []string) ([][]byte, error) {
	if len(list) > complaint.MaxEvidenceFiles {
		return nil, valid.New("files", "too_many", "max", complaint.MaxEvidenceFiles)
	}
	var out [][]byte
	var errs valid.Errors
	for i, s := range list {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			errs.Add("files", "evidence_damaged", "n", i+1)
			continue
		}
		out = append(out, b)
	}
	return out, errs.Err()
}

// UMKJSON is the objective check of a reported wage.
type UMKJSON struct {
	Checked bool  `json:"checked"`
	Below   bool  `json:"below"`
	UMK     int64 `json:"umk,omitempty"`
	Year    int   `json:"year,omitempty"`
}

func umkJSON(u complaint.UMKCheck) UMKJSON {
	return UMKJSON{Checked: u.Checked, Below: u.Below, UMK: u.UMK, Year: u.Year}
}

// ReceiptJSON is what a complainant gets back.
type ReceiptJSON struct {
	Code       string  `json:"code"`
	LedgerN    int64   `json:"ledger_n"`
	LedgerSalt string  `json:"ledger_salt"`
	Waiting    bool    `json:"waiting"`
	PoolCount  int     `json:"pool_count,omitempty"`
	PoolK      int     `json:"pool_k,omitempty"`
	UMK        UMKJSON `json:"umk"`
	URL        string  `json:"url"`
}

func receiptJSON(r complaint.Receipt) ReceiptJSON {
	return ReceiptJSON{Code: r.Code, LedgerN: r.LedgerN, LedgerSalt: r.LedgerSalt, Waiting: r.Waiting, PoolCount: r.PoolCount,
		PoolK: r.PoolK, UMK: umkJSON(r.UMK), URL: "/pengaduan/lacak?kode=" + r.Code}
}

// lockedProblem turns a throttled PIN check into 429 with Retry-After.
func lockedProblem(w http.ResponseWriter, err error) error {
	var locked *auth.LockedError
	if errors.As(err, &locked) {
		secs := int(time.Until(locked.Until).Seconds()) + 1
		w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	}
	return err
}

func (s *Server) fileComplaint(w http.ResponseWriter, c *call) error {
	var b ComplaintBody
	files, ferr := decodeWithFiles(w, c, &b, &b.Files)
	if _, invalid := valid.As(ferr); ferr != nil && !invalid {
		return ferr
	}
	in := complaint.Input{Category: b.Category, EmployerID: b.EmployerID, EmployerName: b.EmployerName, Region: b.Region,
		Narrative: b.Narrative, HappenedOn: b.HappenedOn, WorkersAffected: b.WorkersAffected, MonthlyWage: b.MonthlyWage,
		Anonymous: b.Anonymous, PIN: b.PIN, Sealed: b.Sealed, ConsentEmployer: b.ConsentEmployer, UnionName: b.UnionName,
		UnnamedMembers: b.UnnamedMembers, Adverse: b.Adverse, PriorCode: b.PriorCode, PriorPIN: b.PriorPIN}
	for _, m := range b.Members {
		in.Members = append(in.Members, complaint.Member{Name: m.Name, UserID: m.UserID, Consent: m.Consent, ConsentNote: m.ConsentNote})
	}
	in.Files = files
	if ferr != nil {
		return s.refuseComplaint(c, in, ferr)
	}
	r, err := s.App.Complaints.Submit(c.Context(), c.User, in, app.ClientAddr(c.Request))
	if errors.Is(err, complaint.ErrBadPIN) {
		return valid.New("prior_pin", "pin_wrong")
	}
	if err != nil {
		return lockedProblem(w, err)
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, receiptJSON(r))
}

// refuseComplaint answers a complaint the API already found wrong (pre)
// with every other mistake too: the store validates it with a PIN it is sure
// to refuse, so nothing is stored.
func (s *Server) refuseComplaint(c *call, in complaint.Input, pre error) error {
	errs, _ := valid.As(pre)
	pin := in.PIN
	in.PIN = "x"
	_, err := s.App.Complaints.Submit(c.Context(), c.User, in, app.ClientAddr(c.Request))
	ve, ok := valid.As(err)
	if !ok {
		if err == nil {
			err = errors.New("complaint stored despite a forced refusal")
		}
		return err
	}
	for _, fe := range ve {
		if fe.Field != "pin" {
			errs = append(errs, fe)
		}
	}
	if code := complaint.PINProblem(pin); pin != "" && code != "" {
		errs.Add("pin", code, "min", 6, "max", 12)
	} else if pin == "" && c.User == nil {
		errs.Add("pin", "required")
	}
	return errs
}

// DisputeBody registers an industrial dispute.
type DisputeBody struct {
	Type             string   `json:"type"`
	EmployerID       int64    `json:"employer_id"`
	EmployerName     string   `json:"employer_name"`
	Region           string   `json:"region"`
	Narrative        string   `json:"narrative"`
	BipartiteStarted string   `json:"bipartite_started"`
	UnionName        string   `json:"union_name"`
	WorkersAffected  int      `json:"workers_affected"`
	Files            []string `json:"files"`
}

func (s *Server) fileDispute(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b DisputeBody
	files, err := decodeWithFiles(w, c, &b, &b.Files)
	if err != nil {
		return err
	}
	r, err := s.App.Complaints.OpenDispute(c.Context(), c.User, complaint.DisputeInput{Type: b.Type, EmployerID: b.EmployerID,
		EmployerName: b.EmployerName, Region: b.Region, Narrative: b.Narrative, BipartiteStarted: b.BipartiteStarted,
		UnionName: b.UnionName, WorkersAffected: b.WorkersAffected, Files: files})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, receiptJSON(r))
}

// TrackingJSON is everything a complainant sees of their complaint.
type TrackingJSON struct {
	Code        string         `json:"code"`
	Kind        string         `json:"kind"`
	Category    string         `json:"category,omitempty"`
	DisputeType string         `json:"dispute_type,omitempty"`
	Region      string         `json:"region"`
	Employer    string         `json:"employer"`
	Via         string         `json:"via"`
	FiledAt     string         `json:"filed_at"`
	Waiting     bool           `json:"waiting"`
	PoolCount   int            `json:"pool_count,omitempty"`
	PoolK       int            `json:"pool_k,omitempty"`
	State       string         `json:"state,omitempty"`
	Deadline    string         `json:"deadline,omitempty"`
	UMK         UMKJSON        `json:"umk"`
	Narrative   string         `json:"narrative"`
	Events      []CaseStepJSON `json:"events"`
	Openings    []OpeningJSON  `json:"openings"`
	Messages    []MessageJSON  `json:"messages"`
}

// CaseStepJSON is one step of a case as the complainant sees it.
type CaseStepJSON struct {
	At       string `json:"at"`
	State    string `json:"state"`
	Deadline string `json:"deadline,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// OpeningJSON is one reading of the confidential part by an officer.
type OpeningJSON struct {
	By   string `json:"by"`
	At   string `json:"at"`
	What string `json:"what"`
}

// MessageJSON is a message between complainant and officers.
type MessageJSON struct {
	FromOfficer bool   `json:"from_officer"`
	Author      string `json:"author,omitempty"`
	Body        string `json:"body"`
	At          string `json:"at"`
}

func messagesJSON(ms []complaint.Message) []MessageJSON {
	out := []MessageJSON{}
	for _, m := range ms {
		out = append(out, MessageJSON{FromOfficer: m.FromOfficer, Author: m.Author, Body: m.Body, At: rfc3339(m.At)})
	}
	return out
}

func summaryJSON(t complaint.Summary) TrackingJSON {
	return TrackingJSON{Code: t.Code, Kind: t.Kind, Category: t.Category, DisputeType: t.DisputeType, Region: t.Region,
		Employer: t.Employer, Via: t.Via, FiledAt: rfc3339(t.FiledAt), Waiting: t.Waiting, PoolCount: t.PoolCount, PoolK: t.PoolK,
		State: t.State, Deadline: isoDate(t.Deadline)}
}

func trackingJSON(t complaint.Tracking) TrackingJSON {
	j := summaryJSON(t.Summary)
	j.UMK = umkJSON(t.UMK)
	j.Narrative = t.Narrative.Text
	if j.Narrative == "" {
		j.Narrative = t.Narrative.Details
	}
	j.Events, j.Openings = []CaseStepJSON{}, []OpeningJSON{}
	for _, e := range t.Events {
		j.Events = append(j.Events, CaseStepJSON{At: rfc3339(e.At), State: e.State, Deadline: isoDate(e.Deadline), Reason: e.Reason})
	}
	for _, o := range t.Openings {
		j.Openings = append(j.Openings, OpeningJSON{By: o.By, At: rfc3339(o.At), What: o.What})
	}
	j.Messages = messagesJSON(t.Messages)
	return j
}

// tracked finds complaint {code} for the holder of its PIN (header) or for
// the account that filed it.
func (s *Server) tracked(w http.ResponseWriter, c *call) (complaint.Tracking, error) {
	code := c.PathValue("code")
	if pin := c.Header.Get(PINHeader); pin != "" {
		t, err := s.App.Complaints.Track(c.Context(), code, pin, app.ClientAddr(c.Request))
		return t, lockedProblem(w, err)
	}
	if c.User == nil {
		return complaint.Tracking{}, errUnauthorized
	}
	return s.App.Complaints.TrackAsUser(c.Context(), c.User, code)
}

func (s *Server) getComplaint(w http.ResponseWriter, c *call) error {
	t, err := s.tracked(w, c)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, trackingJSON(t))
}

type messageBody struct {
	Body string `json:"body"`
}

func (s *Server) replyComplaint(w http.ResponseWriter, c *call) error {
	var b messageBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	code := c.PathValue("code")
	var err error
	if pin := c.Header.Get(PINHeader); pin != "" {
		err = lockedProblem(w, s.App.Complaints.ReplyWithPIN(c.Context(), code, pin, app.ClientAddr(c.Request), b.Body))
	} else if c.User == nil {
		return errUnauthorized
	} else {
		err = s.App.Complaints.Reply(c.Context(), c.User, code, b.Body)
	}
	if err != nil {
		return err
	}
	t, err := s.tracked(w, c)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, trackingJSON(t))
}

func (s *Server) myComplaints(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	list, err := s.App.Complaints.MyComplaints(c.Context(), c.User)
	if err != nil {
		return err
	}
	out := []TrackingJSON{}
	for _, t := range list {
		j := summaryJSON(t)
		out = append(out, j)
	}
	pending, err := s.App.Complaints.PendingMemberships(c.Context(), c.User)
	if err != nil {
		return err
	}
	type pendingJSON struct {
		Code      string `json:"code"`
		Category  string `json:"category"`
		UnionName string `json:"union_name"`
		FiledAt   string `json:"filed_at"`
	}
	pj := []pendingJSON{}
	for _, p := range pending {
		pj = append(pj, pendingJSON{p.Code, p.Category, p.UnionName, rfc3339(p.FiledAt)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out), "pending_memberships": pj})
}

// answerMembership is a worker's answer to a union naming them.
func (s *Server) answerMembership(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b struct {
		Confirm bool `json:"confirm"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Complaints.AnswerMembership(c.Context(), c.User, c.PathValue("code"), b.Confirm); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// CaseJSON is a case as officers' lists show it: no complainant's data.
type CaseJSON struct {
	ID           int64    `json:"id"`
	Number       string   `json:"number"`
	Kind         string   `json:"kind"`
	Category     string   `json:"category,omitempty"`
	DisputeType  string   `json:"dispute_type,omitempty"`
	Region       string   `json:"region"`
	EmployerID   int64    `json:"employer_id,omitempty"`
	Employer     string   `json:"employer"`
	State        string   `json:"state"`
	NextStates   []string `json:"next_states"`
	Deadline     string   `json:"deadline,omitempty"`
	Overdue      bool     `json:"overdue"`
	AssigneeID   int64    `json:"assignee_id,omitempty"`
	Assignee     string   `json:"assignee,omitempty"`
	SupervisorID int64    `json:"supervisor_id,omitempty"`
	EscalatedAt  string   `json:"escalated_at,omitempty"`
	Pooled       bool     `json:"pooled"`
	Retaliation  bool     `json:"retaliation"`
	LinkedCaseID int64    `json:"linked_case_id,omitempty"`
	Reports      int      `json:"reports"`
	Workers      int      `json:"workers"`
	BelowUMK     bool     `json:"below_umk"`
	OutcomeRef   string   `json:"outcome_ref,omitempty"`
	OpenedAt     string   `json:"opened_at"`
	UpdatedAt    string   `json:"updated_at"`
	ClosedAt     string   `json:"closed_at,omitempty"`
	URL          string   `json:"url"`
}

func caseJSON(k complaint.CaseSummary) CaseJSON {
	return CaseJSON{ID: k.ID, Number: k.Number(), Kind: k.Kind, Category: k.Category, DisputeType: k.DisputeType, Region: k.Region,
		EmployerID: k.EmployerID, Employer: k.EmployerName, State: k.State, NextStates: nonNil(complaint.NextStates(k.Kind, k.State)),
		Deadline: isoDate(k.Deadline), Overdue: k.Overdue, AssigneeID: k.AssigneeID, Assignee: k.AssigneeName, SupervisorID: k.SupervisorID,
		EscalatedAt: rfc3339(k.EscalatedAt), Pooled: k.Pooled, Retaliation: k.Retaliation, LinkedCaseID: k.LinkedCaseID,
		Reports: k.Reports, Workers: k.Workers, BelowUMK: k.BelowUMK, OutcomeRef: k.OutcomeRef, OpenedAt: rfc3339(k.OpenedAt),
		UpdatedAt: rfc3339(k.UpdatedAt), ClosedAt: rfc3339(k.ClosedAt), URL: fmt.Sprintf("/pengawasan/kasus/%d", k.ID)}
}

func boolParam(c *call, name string) (bool, error) {
	v := c.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, valid.New(name, "choose_one")
	}
	return b, nil
}

func (s *Server) listCases(w http.ResponseWriter, c *call) error {
	if err := caseOfficer(c); err != nil {
		return err
	}
	q := c.URL.Query()
	f := complaint.Filter{Kind: q.Get("kind"), State: q.Get("state")}
	var errs valid.Errors
	if f.Kind != "" && f.Kind != complaint.KindInspection && f.Kind != complaint.KindDispute {
		errs.Add("kind", "choose_one")
	}
	var err error
	for name, dst := range map[string]*bool{"open": &f.Open, "overdue": &f.OnlyOverdue, "mine": &f.Mine} {
		if *dst, err = boolParam(c, name); err != nil {
			errs.Add(name, "choose_one")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	list, err := s.App.Complaints.Cases(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	out := []CaseJSON{}
	for _, k := range list {
		out = append(out, caseJSON(k))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// CaseDetailJSON is a case with its history, findings, sessions, the
// employer's responses and its complaints (ids only).
type CaseDetailJSON struct {
	CaseJSON
	Events     []CaseEventJSON `json:"events"`
	Findings   []FindingJSON   `json:"findings"`
	Sessions   []SessionJSON   `json:"sessions"`
	Responses  []ResponseJSON  `json:"responses"`
	Complaints []int64         `json:"complaints"`
}

// CaseEventJSON is one change of a case.
type CaseEventJSON struct {
	At       string `json:"at"`
	Actor    string `json:"actor,omitempty"`
	Kind     string `json:"kind"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Deadline string `json:"deadline,omitempty"`
}

// FindingJSON is what an inspection found in one category.
type FindingJSON struct {
	ID            int64  `json:"id,omitempty"`
	Category      string `json:"category"`
	Substantiated bool   `json:"substantiated"`
	Summary       string `json:"summary"`
	RecordedAt    string `json:"recorded_at,omitempty"`
}

// SessionJSON is an inspection visit or a mediation session.
type SessionJSON struct {
	ID     int64  `json:"id"`
	CaseID int64  `json:"case_id"`
	Kind   string `json:"kind"`
	At     string `json:"at"`
	Place  string `json:"place"`
	Note   string `json:"note"`
}

// ResponseJSON is an employer's answer to findings.
type ResponseJSON struct {
	Body string `json:"body"`
	At   string `json:"at"`
}

func findingsJSON(fs []complaint.Finding) []FindingJSON {
	out := []FindingJSON{}
	for _, f := range fs {
		out = append(out, FindingJSON{ID: f.ID, Category: f.Category, Substantiated: f.Substantiated, Summary: f.Summary, RecordedAt: rfc3339(f.RecordedAt)})
	}
	return out
}

func sessionsJSON(ss []complaint.Session) []SessionJSON {
	out := []SessionJSON{}
	for _, x := range ss {
		out = append(out, SessionJSON{ID: x.ID, CaseID: x.CaseID, Kind: x.Kind, At: rfc3339(x.At), Place: x.Place, Note: x.Note})
	}
	return out
}

func responsesJSON(rs []complaint.Response) []ResponseJSON {
	out := []ResponseJSON{}
	for _, r := range rs {
		out = append(out, ResponseJSON{Body: r.Body, At: rfc3339(r.At)})
	}
	return out
}

func (s *Server) caseDetail(c *call, id int64) (CaseDetailJSON, error) {
	k, err := s.App.Complaints.Case(c.Context(), c.User, id)
	if err != nil {
		return CaseDetailJSON{}, err
	}
	j := CaseDetailJSON{CaseJSON: caseJSON(k.CaseSummary), Events: []CaseEventJSON{}, Findings: findingsJSON(k.Findings),
		Sessions: sessionsJSON(k.Sessions), Responses: responsesJSON(k.Responses), Complaints: k.Complaints}
	if j.Complaints == nil {
		j.Complaints = []int64{}
	}
	for _, e := range k.Events {
		j.Events = append(j.Events, CaseEventJSON{At: rfc3339(e.At), Actor: e.ActorName, Kind: e.Kind, From: e.From, To: e.To,
			Reason: e.Reason, Deadline: isoDate(e.Deadline)})
	}
	return j, nil
}

func (s *Server) getCase(w http.ResponseWriter, c *call) error {
	if err := caseOfficer(c); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	j, err := s.caseDetail(c, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// caseChange runs a change on case {id} and answers with the case.
func (s *Server) caseChange(w http.ResponseWriter, c *call, body any, do func(id int64) error) error {
	if err := caseOfficer(c); err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := decode(w, c, body); err != nil {
		return err
	}
	if err := do(id); err != nil {
		return err
	}
	j, err := s.caseDetail(c, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// parseWhen reads an RFC 3339 time, or a YYYY-MM-DD civil date (WIB).
func parseWhen(field, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if d, err := wib.ParseDate(v); err == nil {
		return d, nil
	}
	return time.Time{}, valid.New(field, "date_invalid")
}

type caseMoveBody struct {
	To      string `json:"to"`
	Reason  string `json:"reason"`
	Date    string `json:"date"`
	Place   string `json:"place"`
	Ref     string `json:"ref"`
	Officer int64  `json:"officer_id"`
}

func (s *Server) moveCase(w http.ResponseWriter, c *call) error {
	var b caseMoveBody
	return s.caseChange(w, c, &b, func(id int64) error {
		date, err := parseWhen("date", b.Date)
		if err != nil {
			return err
		}
		return s.App.Complaints.Move(c.Context(), c.User, id, complaint.MoveInput{To: b.To, Reason: b.Reason, Date: date,
			Place: b.Place, Ref: b.Ref, Officer: b.Officer})
	})
}

type assignBody struct {
	Officer int64  `json:"officer_id"`
	Reason  string `json:"reason"`
}

func (s *Server) assignCase(w http.ResponseWriter, c *call) error {
	var b assignBody
	return s.caseChange(w, c, &b, func(id int64) error {
		_, err := s.App.Complaints.Assign(c.Context(), c.User, id, b.Officer, b.Reason)
		return err
	})
}

func (s *Server) recordFinding(w http.ResponseWriter, c *call) error {
	var b FindingJSON
	return s.caseChange(w, c, &b, func(id int64) error {
		return s.App.Complaints.RecordFinding(c.Context(), c.User, id, complaint.FindingInput{Category: b.Category,
			Substantiated: b.Substantiated, Summary: b.Summary})
	})
}

type sessionBody struct {
	At    string `json:"at"`
	Place string `json:"place"`
	Note  string `json:"note"`
}

func (s *Server) scheduleSession(w http.ResponseWriter, c *call) error {
	var b sessionBody
	return s.caseChange(w, c, &b, func(id int64) error {
		at, err := parseWhen("at", b.At)
		if err != nil {
			return err
		}
		_, err = s.App.Complaints.ScheduleSession(c.Context(), c.User, id, complaint.SessionInput{At: at, Place: b.Place, Note: b.Note})
		return err
	})
}

// caseComplaintID reads {complaint} and checks it belongs to case {id},
// which the caller may view.
func (s *Server) caseComplaintID(c *call) (int64, error) {
	if err := caseOfficer(c); err != nil {
		return 0, err
	}
	id, err := pathID(c)
	if err != nil {
		return 0, err
	}
	cid, err := strconv.ParseInt(c.PathValue("complaint"), 10, 64)
	if err != nil || cid <= 0 {
		return 0, db.ErrNotFound
	}
	k, err := s.App.Complaints.Case(c.Context(), c.User, id)
	if err != nil {
		return 0, err
	}
	for _, x := range k.Complaints {
		if x == cid {
			return cid, nil
		}
	}
	return 0, db.ErrNotFound
}

// ConfidentialJSON is a complaint opened by an officer of its case.
type ConfidentialJSON struct {
	ComplaintID     int64          `json:"complaint_id"`
	CaseID          int64          `json:"case_id"`
	Category        string         `json:"category"`
	Via             string         `json:"via"`
	Region          string         `json:"region"`
	Employer        string         `json:"employer"`
	HappenedOn      string         `json:"happened_on,omitempty"`
	WorkersAffected int            `json:"workers_affected"`
	UMK             UMKJSON        `json:"umk"`
	Anonymous       bool           `json:"anonymous"`
	ConsentEmployer bool           `json:"consent_employer"`
	Adverse         string         `json:"adverse,omitempty"`
	FiledAt         string         `json:"filed_at"`
	Identity        *IdentityJSON  `json:"identity"`
	Narrative       string         `json:"narrative"`
	MonthlyWage     int64          `json:"monthly_wage,omitempty"`
	Members         []MemberJSON   `json:"members"`
	UnnamedMembers  int            `json:"unnamed_members"`
	Files           []FileJSON     `json:"files"`
	Messages        []MessageJSON  `json:"messages"`
	Fee             map[string]any `json:"fee,omitempty"`
}

// IdentityJSON is who filed a complaint.
type IdentityJSON struct {
	UserID    int64  `json:"user_id,omitempty"`
	Name      string `json:"name"`
	Contact   string `json:"contact,omitempty"`
	UnionName string `json:"union_name,omitempty"`
}

// MemberJSON is a named member with the recorded consent.
type MemberJSON struct {
	Name        string `json:"name"`
	HasAccount  bool   `json:"has_account"`
	ConsentAt   string `json:"consent_at"`
	ConsentNote string `json:"consent_note,omitempty"`
}

// FileJSON describes an evidence file.
type FileJSON struct {
	ID       int64  `json:"id"`
	Type     string `json:"type"`
	Size     int64  `json:"size"`
	Stripped bool   `json:"stripped"`
}

func (s *Server) openCaseComplaint(w http.ResponseWriter, c *call) error {
	cid, err := s.caseComplaintID(c)
	if err != nil {
		return err
	}
	x, err := s.App.Complaints.OpenComplaint(c.Context(), c.User, cid)
	if err != nil {
		return err
	}
	j := ConfidentialJSON{ComplaintID: x.ComplaintID, CaseID: x.CaseID, Category: x.Category, Via: x.Via, Region: x.Region,
		Employer: x.Employer, HappenedOn: isoDate(x.HappenedOn), WorkersAffected: x.WorkersAffected, UMK: umkJSON(x.UMK),
		Anonymous: x.Anonymous, ConsentEmployer: x.ConsentEmployer, Adverse: x.Adverse, FiledAt: rfc3339(x.FiledAt),
		Narrative: x.Narrative.Text, MonthlyWage: x.Narrative.MonthlyWage, Members: []MemberJSON{}, UnnamedMembers: x.UnnamedMembers,
		Files: []FileJSON{}, Messages: messagesJSON(x.Messages)}
	if x.Identity != nil {
		j.Identity = &IdentityJSON{UserID: x.Identity.UserID, Name: x.Identity.Name, Contact: x.Identity.Contact, UnionName: x.Identity.UnionName}
	}
	if n := x.Narrative; n.WhoAsked != "" {
		j.Fee = map[string]any{"who_asked": n.WhoAsked, "when": n.When, "how": n.How, "details": n.Details}
	}
	for _, m := range x.Members {
		j.Members = append(j.Members, MemberJSON{Name: m.Name, HasAccount: m.HasAccount, ConsentAt: rfc3339(m.ConsentAt), ConsentNote: m.ConsentNote})
	}
	for _, f := range x.Files {
		j.Files = append(j.Files, FileJSON{ID: f.ID, Type: f.Type, Size: f.Size, Stripped: f.Stripped})
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, j)
}

func (s *Server) messageCaseComplaint(w http.ResponseWriter, c *call) error {
	cid, err := s.caseComplaintID(c)
	if err != nil {
		return err
	}
	var b messageBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Complaints.MessageComplainant(c.Context(), c.User, cid, b.Body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) calendar(w http.ResponseWriter, c *call) error {
	if err := caseOfficer(c); err != nil {
		return err
	}
	q := c.URL.Query()
	today := wib.Date(s.App.Now())
	from, to := today.Add(-7*time.Hour), today.AddDate(0, 0, 60).Add(-7*time.Hour) // WIB midnights
	var errs valid.Errors
	if v := q.Get("from"); v != "" {
		if d, err := wib.ParseDate(v); err == nil {
			from = d.Add(-7 * time.Hour)
		} else {
			errs.Add("from", "date_invalid")
		}
	}
	if v := q.Get("to"); v != "" {
		if d, err := wib.ParseDate(v); err == nil {
			to = d.AddDate(0, 0, 1).Add(-7 * time.Hour)
		} else {
			errs.Add("to", "date_invalid")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	ss, err := s.App.Complaints.Calendar(c.Context(), c.User, from, to)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": sessionsJSON(ss)})
}

// OfficerJSON is an entry of the officer registry.
type OfficerJSON struct {
	UserID       int64    `json:"user_id"`
	Name         string   `json:"name"`
	Kind         string   `json:"kind"`
	Supervisor   bool     `json:"supervisor"`
	SupervisorID int64    `json:"supervisor_id,omitempty"`
	Regions      []string `json:"regions"`
	Active       bool     `json:"active"`
	OpenCases    int      `json:"open_cases"`
}

func (s *Server) listOfficers(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	if !c.User.Has(auth.Pengawas) && !c.User.Has(auth.Mediator) && !c.User.Has(auth.Admin) {
		return errForbidden
	}
	q := c.URL.Query()
	kinds := []string{string(auth.Pengawas), string(auth.Mediator)}
	if k := q.Get("kind"); k != "" {
		if k != kinds[0] && k != kinds[1] {
			return valid.New("kind", "choose_one")
		}
		kinds = []string{k}
	}
	out := []OfficerJSON{}
	for _, k := range kinds {
		offs, err := s.App.Complaints.Officers(c.Context(), k, q.Get("region"))
		if err != nil {
			return err
		}
		for _, o := range offs {
			out = append(out, OfficerJSON{UserID: o.UserID, Name: o.Name, Kind: o.Kind, Supervisor: o.Supervisor,
				SupervisorID: o.SupervisorID, Regions: nonNil(o.Regions), Active: o.Active, OpenCases: o.OpenCases})
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

type officerBody struct {
	Kind         string   `json:"kind"`
	Supervisor   bool     `json:"supervisor"`
	SupervisorID int64    `json:"supervisor_id"`
	Regions      []string `json:"regions"`
	Active       bool     `json:"active"`
}

func (s *Server) setOfficer(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b officerBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Complaints.SetOfficer(c.Context(), c.User, complaint.OfficerInput{UserID: id, Kind: b.Kind, Supervisor: b.Supervisor,
		SupervisorID: b.SupervisorID, Regions: b.Regions, Active: b.Active}); err != nil {
		return err
	}
	offs, err := s.App.Complaints.Officers(c.Context(), b.Kind, "")
	if err != nil {
		return err
	}
	for _, o := range offs {
		if o.UserID == id {
			return writeJSON(w, http.StatusOK, OfficerJSON{UserID: o.UserID, Name: o.Name, Kind: o.Kind, Supervisor: o.Supervisor,
				SupervisorID: o.SupervisorID, Regions: nonNil(o.Regions), Active: o.Active, OpenCases: o.OpenCases})
		}
	}
	return db.ErrNotFound
}

// EmployerCaseJSON is a case as the employer it concerns sees it.
type EmployerCaseJSON struct {
	ID           int64          `json:"id"`
	Number       string         `json:"number"`
	Category     string         `json:"category"`
	State        string         `json:"state"`
	ComplyBy     string         `json:"comply_by,omitempty"`
	Findings     []FindingJSON  `json:"findings"`
	Responses    []ResponseJSON `json:"responses"`
	Complainants []string       `json:"complainants"`
}

func (s *Server) employerFindings(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	list, err := s.App.Complaints.EmployerCases(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	out := []EmployerCaseJSON{}
	for _, k := range list {
		out = append(out, EmployerCaseJSON{ID: k.ID, Number: k.Number, Category: k.Category, State: k.State, ComplyBy: isoDate(k.Deadline),
			Findings: findingsJSON(k.Findings), Responses: responsesJSON(k.Responses), Complainants: nonNil(k.Complainants)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func (s *Server) respondFindings(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b messageBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Complaints.Respond(c.Context(), c.User, id, b.Body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) compliance(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.App.Employers.Get(c.Context(), id); err != nil {
		return err
	}
	rec, err := s.App.Complaints.Compliance(c.Context(), id)
	if err != nil {
		return err
	}
	type count struct {
		Category string `json:"category"`
		Findings int    `json:"findings"`
		Cases    int    `json:"cases"`
	}
	type finding struct {
		Category string `json:"category"`
		Summary  string `json:"summary"`
		Outcome  string `json:"outcome"`
		FinalAt  string `json:"final_at"`
	}
	counts, findings := []count{}, []finding{}
	for _, x := range rec.ByCategory {
		counts = append(counts, count{x.Category, x.Findings, x.Cases})
	}
	for _, f := range rec.Findings {
		findings = append(findings, finding{f.Category, f.Summary, f.Outcome, rfc3339(f.FinalAt)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"employer_id": id, "by_category": counts, "findings": findings})
}

func (s *Server) complaintStats(w http.ResponseWriter, c *call) error {
	cs, err := s.App.Complaints.PublicCounts(c.Context())
	if err != nil {
		return err
	}
	// A cell under complaint.MinPublicCount is the string "<5".
	m := func(list []complaint.Count) map[string]any {
		out := map[string]any{}
		for _, x := range list {
			if x.Few {
				out[x.Key] = x.Shown()
			} else {
				out[x.Key] = x.N
			}
		}
		return out
	}
	return writeJSON(w, http.StatusOK, map[string]any{"complaints": cs.Complaints, "by_category": m(cs.ByCategory),
		"by_region": m(cs.ByRegion), "by_state": m(cs.ByState), "disputes": cs.Disputes, "by_dispute_type": m(cs.ByDispute),
		"by_dispute_state": m(cs.ByOutcome)})
}

// AspirationJSON is a public policy proposal.
type AspirationJSON struct {
	ID        int64        `json:"id"`
	Title     string       `json:"title"`
	Body      string       `json:"body"`
	Audience  string       `json:"audience"`
	By        string       `json:"by"`
	Supports  int          `json:"supports"`
	Answers   []AnswerJSON `json:"answers"`
	CreatedAt string       `json:"created_at"`
	URL       string       `json:"url"`
}

// AnswerJSON is an official's public answer.
type AnswerJSON struct {
	By   string `json:"by"`
	Body string `json:"body"`
	At   string `json:"at"`
}

func aspirationJSON(a complaint.Aspiration) AspirationJSON {
	j := AspirationJSON{ID: a.ID, Title: a.Title, Body: a.Body, Audience: a.Audience, By: a.By, Supports: a.Supports,
		Answers: []AnswerJSON{}, CreatedAt: rfc3339(a.CreatedAt), URL: fmt.Sprintf("/aspirasi/%d", a.ID)}
	for _, x := range a.Answers {
		j.Answers = append(j.Answers, AnswerJSON{By: x.By, Body: x.Body, At: rfc3339(x.At)})
	}
	return j
}

func (s *Server) listAspirations(w http.ResponseWriter, c *call) error {
	q := c.URL.Query()
	var errs valid.Errors
	limit, offset := 20, 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			errs.Add("limit", "limit_invalid", "max", 100)
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs.Add("offset", "number_invalid")
		}
		offset = n
	}
	if err := errs.Err(); err != nil {
		return err
	}
	list, err := s.App.Complaints.Aspirations(c.Context(), limit, offset)
	if err != nil {
		return err
	}
	out := []AspirationJSON{}
	for _, a := range list {
		out = append(out, aspirationJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) getAspiration(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusOK)
}

type aspirationBody struct {
	Title     string `json:"title"`
	Body      string `json:"body"`
	Audience  string `json:"audience"`
	UnionName string `json:"union_name"`
}

func (s *Server) postAspiration(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b aspirationBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	id, err := s.App.Complaints.PostAspiration(c.Context(), c.User, complaint.AspirationInput{Title: b.Title, Body: b.Body,
		Audience: b.Audience, UnionName: b.UnionName})
	if err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusCreated)
}

// writeAspiration answers with aspiration id as it now stands.
func (s *Server) writeAspiration(w http.ResponseWriter, c *call, id int64, status int) error {
	a, err := s.App.Complaints.GetAspiration(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, status, aspirationJSON(a))
}

func (s *Server) supportAspiration(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Complaints.SupportAspiration(c.Context(), c.User, id); err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusCreated)
}

func (s *Server) answerAspiration(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b messageBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Complaints.AnswerAspiration(c.Context(), c.User, id, b.Body); err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusCreated)
}
