package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The complaint API mirrors the Pengaduan and Pengawasan pages: filing
// (anonymous allowed, evidence as base64 strings in JSON or as multipart
// parts), tracking by code with the PIN in X-Tracking-PIN or by the owner's
// session, messages (this file); disputes, the officers' cases, findings
// and sessions, the employer's findings and responses, the calendar, the
// officer registry, compliance records, public counts and aspirations (the
// files named after each). Who may do what is the complaint store's
// decision; the handlers read the request, call it and answer.

// PINHeader carries a tracking PIN, so it never lands in URLs or logs.
const PINHeader = "X-Tracking-PIN"

// writeNoStore answers with v, kept out of shared and back-button caches:
// for answers carrying a tracking code or a complaint's content.
func writeNoStore(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, status, v)
}

// idAndBody reads the path's {id} and the JSON body into b: the start of
// every change to one record.
func idAndBody(w http.ResponseWriter, c *call, b any) (int64, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, err
	}
	return id, decode(w, c, b)
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
	Contact         string       `json:"contact,omitempty"`
	ContactChannel  string       `json:"contact_channel,omitempty"`
}

func (b ComplaintBody) input(files []complaint.Upload) complaint.Input {
	in := complaint.Input{Category: b.Category, EmployerID: b.EmployerID, EmployerName: b.EmployerName, Region: b.Region,
		Narrative: b.Narrative, HappenedOn: b.HappenedOn, WorkersAffected: b.WorkersAffected, MonthlyWage: b.MonthlyWage,
		Anonymous: b.Anonymous, PIN: b.PIN, Sealed: b.Sealed, ConsentEmployer: b.ConsentEmployer, UnionName: b.UnionName,
		UnnamedMembers: b.UnnamedMembers, Files: files, Adverse: b.Adverse, PriorCode: b.PriorCode, PriorPIN: b.PriorPIN,
		Contact: b.Contact, ContactChannel: b.ContactChannel}
	for _, m := range b.Members {
		in.Members = append(in.Members, complaint.Member{Name: m.Name, UserID: m.UserID, Consent: m.Consent, ConsentNote: m.ConsentNote})
	}
	return in
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
	Code       string `json:"code"`
	LedgerN    int64  `json:"ledger_n"`
	LedgerSalt string `json:"ledger_salt"`
	// Waiting: sealed, waiting for other reports. How many wait is never
	// said (complaint.Receipt).
	Waiting bool    `json:"waiting"`
	UMK     UMKJSON `json:"umk"`
	URL     string  `json:"url"`
}

func receiptJSON(r complaint.Receipt) ReceiptJSON {
	return ReceiptJSON{Code: r.Code, LedgerN: r.LedgerN, LedgerSalt: r.LedgerSalt, Waiting: r.Waiting,
		UMK: umkJSON(r.UMK), URL: "/pengaduan/lacak?kode=" + r.Code}
}

// fileComplaint files a complaint. A body whose files are already wrong is
// not stored; the store still names every other mistake in it, so the
// complainant fixes them all at once.
func (s *Server) fileComplaint(w http.ResponseWriter, c *call) error {
	var b ComplaintBody
	files, err := decodeWithFiles(w, c, &b, &b.Files)
	defer complaint.CloseUploads(files)
	found, invalid := valid.As(err)
	if err != nil && !invalid {
		return err
	}
	in := b.input(files)
	if len(found) > 0 {
		return s.App.Complaints.Validate(c.Context(), c.User, in, found)
	}
	r, err := s.App.Complaints.Submit(c.Context(), c.User, in, app.ClientAddr(c.Request))
	if err != nil {
		return err
	}
	return writeNoStore(w, http.StatusCreated, receiptJSON(r))
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
		Employer: t.Employer, Via: t.Via, FiledAt: rfc3339(t.FiledAt), Waiting: t.Waiting, State: t.State, Deadline: isoDate(t.Deadline)}
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
		return t, err
	}
	// Without a PIN, the owner's session (a visitor is asked to log in).
	return s.App.Complaints.TrackAsUser(c.Context(), c.User, code)
}

func (s *Server) getComplaint(w http.ResponseWriter, c *call) error {
	t, err := s.tracked(w, c)
	if err != nil {
		return err
	}
	return writeNoStore(w, http.StatusOK, trackingJSON(t))
}

type messageBody struct {
	Body string `json:"body"`
}

// replyComplaint writes to the officers as the holder of the PIN or the
// owner's session, and answers with the complaint as it now stands.
func (s *Server) replyComplaint(w http.ResponseWriter, c *call) error {
	var b messageBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	code := c.PathValue("code")
	var err error
	if pin := c.Header.Get(PINHeader); pin != "" {
		err = s.App.Complaints.ReplyWithPIN(c.Context(), code, pin, app.ClientAddr(c.Request), b.Body)
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
	return writeNoStore(w, http.StatusCreated, trackingJSON(t))
}

// PendingJSON is a union complaint naming the caller that waits for their
// answer.
type PendingJSON struct {
	Code      string `json:"code"`
	Category  string `json:"category"`
	UnionName string `json:"union_name"`
	FiledAt   string `json:"filed_at"`
}

func (s *Server) myComplaints(w http.ResponseWriter, c *call) error {
	mine, err := s.App.Complaints.Mine(c.Context(), c.User)
	if err != nil {
		return err
	}
	out, pending := []TrackingJSON{}, []PendingJSON{}
	for _, t := range mine.Complaints {
		out = append(out, summaryJSON(t))
	}
	for _, p := range mine.Pending {
		pending = append(pending, PendingJSON{p.Code, p.Category, p.UnionName, rfc3339(p.FiledAt)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out), "pending_memberships": pending})
}

// answerMembership is a worker's answer to a union naming them.
func (s *Server) answerMembership(w http.ResponseWriter, c *call) error {
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
