package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Pages of pengawas and mediators (/pengawasan): my cases, the supervisor's
// queue, the board of overdue cases, the calendar of visits and sessions,
// and one case with its moves, findings, sessions, messages and the audited
// opening of the confidential part.

// needCaseOfficer admits labor inspectors and mediators; the complaint
// store decides, case by case, what each may see and do.
func needCaseOfficer(r *req) error {
	if r.User == nil {
		return errLogin
	}
	if !r.User.Has(auth.Pengawas) && !r.User.Has(auth.Mediator) {
		return errForbidden
	}
	return nil
}

type inspectionData struct {
	Mine       []complaint.CaseSummary
	Queue      []complaint.CaseSummary // a supervisor's cases not assigned to them
	Overdue    []complaint.CaseSummary
	Sessions   []complaint.Session
	Supervisor bool
	Registered bool
	Officers   []complaint.Officer
}

func isSupervisor(a complaint.Actor) bool {
	for _, o := range a.Officers {
		if o.Supervisor && o.Active {
			return true
		}
	}
	return false
}

// inspectionHome is an officer's work: my cases, the supervisor's queue,
// overdue cases and the coming visits and sessions.
func (s *Server) inspectionHome(w http.ResponseWriter, r *req) error {
	if err := needCaseOfficer(r); err != nil {
		return err
	}
	ctx := r.Context()
	a, err := s.App.Complaints.ActorFor(ctx, r.User)
	if err != nil {
		return err
	}
	d := inspectionData{Supervisor: isSupervisor(a), Registered: len(a.Officers) > 0}
	all, err := s.App.Complaints.Cases(ctx, r.User, complaint.Filter{Open: true})
	if err != nil {
		return err
	}
	for _, c := range all {
		switch {
		case c.AssigneeID == r.User.ID:
			d.Mine = append(d.Mine, c)
		default:
			d.Queue = append(d.Queue, c)
		}
		if c.Overdue {
			d.Overdue = append(d.Overdue, c)
		}
	}
	today := wib.Date(s.App.Now())
	from := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, wib.Zone)
	if d.Sessions, err = s.App.Complaints.Calendar(ctx, r.User, from, from.AddDate(0, 0, 60)); err != nil {
		return err
	}
	b := s.newBase(w, r, "inspection.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "inspection", b, d)
}

type caseData struct {
	C         complaint.CaseDetail
	Next      []string
	CanWork   bool // move it on, findings, sessions
	CanManage bool // assign
	Officers  []complaint.Officer
	Today     string
	Now       string // for datetime inputs
	Final     bool
	// Categories for findings.
	Categories []string
}

func (s *Server) caseData(r *req, id int64) (caseData, error) {
	ctx := r.Context()
	c, err := s.App.Complaints.Case(ctx, r.User, id)
	if err != nil {
		return caseData{}, err
	}
	a, err := s.App.Complaints.ActorFor(ctx, r.User)
	if err != nil {
		return caseData{}, err
	}
	facts := complaint.CaseFacts{Kind: c.Kind, State: c.State, Region: c.Region, AssigneeID: c.AssigneeID,
		AssigneeSupervisorID: c.SupervisorID, EmployerID: c.EmployerID}
	now := s.App.Now().In(wib.Zone)
	d := caseData{C: c, Next: complaint.NextStates(c.Kind, c.State), Final: complaint.IsFinal(c.Kind, c.State),
		CanManage: complaint.Allowed(a, complaint.ActManage, facts), Today: wib.Date(now).Format(time.DateOnly),
		Now: now.Format("2006-01-02T15:04"), Categories: complaint.Categories}
	d.CanWork = complaint.Allowed(a, complaint.ActWork, facts) && (c.AssigneeID != 0 || d.CanManage)
	if d.CanManage && !d.Final {
		if d.Officers, err = s.App.Complaints.Officers(ctx, string(complaint.OfficerRole(c.Kind)), c.Region); err != nil {
			return caseData{}, err
		}
	}
	return d, nil
}

// casePage is one case as its officers see it.
func (s *Server) casePage(w http.ResponseWriter, r *req) error {
	if err := needCaseOfficer(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := s.caseData(r, id)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "case.title")
	b.Title = d.C.Number()
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "case", b, d)
}

// caseAction runs a change on case id and goes back to the case page with
// flash, or shows the page again with the errors beside the fields.
func (s *Server) caseAction(w http.ResponseWriter, r *req, flash string, do func(id int64) error) error {
	if err := needCaseOfficer(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = do(id)
	if ve, ok := valid.As(err); ok {
		d, derr := s.caseData(r, id)
		if derr != nil {
			return derr
		}
		b, _ := s.withErrors(s.newBase(w, r, "case.title"), r, ve)
		b.Title = d.C.Number()
		b.Robots = "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "case", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, flash)
	http.Redirect(w, r.Request, "/pengawasan/kasus/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// parseWIB reads a datetime-local ("2026-03-10T09:00") or a date in WIB;
// ok is false when the value is there but malformed.
func parseWIB(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, v, wib.Zone); err == nil {
			if layout == time.DateOnly {
				// A civil date, as the store keeps them: midnight UTC.
				return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
			}
			return t, true
		}
	}
	return time.Time{}, false
}

func (s *Server) caseMove(w http.ResponseWriter, r *req) error {
	return s.caseAction(w, r, "flash.case_moved", func(id int64) error {
		f := r.PostFormValue
		date, ok := parseWIB(f("date"))
		if !ok {
			return valid.New("date", "date_invalid")
		}
		officer, _ := strconv.ParseInt(f("officer"), 10, 64)
		return s.App.Complaints.Move(r.Context(), r.User, id, complaint.MoveInput{To: f("to"), Reason: f("reason"),
			Date: date, Place: f("place"), Ref: f("ref"), Officer: officer})
	})
}

func (s *Server) caseAssign(w http.ResponseWriter, r *req) error {
	return s.caseAction(w, r, "flash.case_assigned", func(id int64) error {
		officer, _ := strconv.ParseInt(r.PostFormValue("officer"), 10, 64)
		_, err := s.App.Complaints.Assign(r.Context(), r.User, id, officer, r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) caseFinding(w http.ResponseWriter, r *req) error {
	return s.caseAction(w, r, "flash.finding_recorded", func(id int64) error {
		return s.App.Complaints.RecordFinding(r.Context(), r.User, id, complaint.FindingInput{Category: r.PostFormValue("category"),
			Substantiated: r.PostFormValue("substantiated") == "1", Summary: r.PostFormValue("summary")})
	})
}

func (s *Server) caseSession(w http.ResponseWriter, r *req) error {
	return s.caseAction(w, r, "flash.session_scheduled", func(id int64) error {
		at, ok := parseWIB(r.PostFormValue("at"))
		if !ok {
			return valid.New("at", "date_invalid")
		}
		_, err := s.App.Complaints.ScheduleSession(r.Context(), r.User, id, complaint.SessionInput{At: at,
			Place: r.PostFormValue("place"), Note: r.PostFormValue("note")})
		return err
	})
}

type confidentialData struct {
	C complaint.Confidential
}

// caseComplaint opens a complaint's confidential part: identity, narrative,
// members, evidence and messages. The store writes the opening to the audit
// trail the complainant sees.
func (s *Server) caseComplaint(w http.ResponseWriter, r *req) error {
	if err := needCaseOfficer(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.App.Complaints.OpenComplaint(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	noStore(w)
	b := s.newBase(w, r, "confidential.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "case_complaint", b, confidentialData{C: c})
}

// caseMessage writes to a complaint's complainant.
func (s *Server) caseMessage(w http.ResponseWriter, r *req) error {
	if err := needCaseOfficer(r); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = s.App.Complaints.MessageComplainant(r.Context(), r.User, id, r.PostFormValue("body"))
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.message_sent")
	}
	// Back to the case, not to the complaint: opening it again would be
	// another entry in the complainant's access trail.
	back := "/pengawasan"
	if caseID, err := strconv.ParseInt(r.PostFormValue("case"), 10, 64); err == nil && caseID > 0 {
		back = "/pengawasan/kasus/" + strconv.FormatInt(caseID, 10)
	}
	http.Redirect(w, r.Request, back, http.StatusSeeOther)
	return nil
}

// caseEvidence sends one evidence file (audited) as a download, never
// rendered inline on this origin.
func (s *Server) caseEvidence(w http.ResponseWriter, r *req) error {
	if err := needCaseOfficer(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, data, err := s.App.Complaints.Evidence(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}[f.Type]
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("Content-Disposition", `attachment; filename="bukti-`+strconv.FormatInt(f.ID, 10)+ext+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(data)
	return err
}

type officerRegistryData struct {
	Officers   []complaint.Officer
	Candidates []complaint.Candidate
	Kinds      []string
	Regions    []string // selected in the form
}

// officerRegistry is the admin's registry of pengawas and mediators: the
// regions each covers and who supervises them.
func (s *Server) officerRegistry(w http.ResponseWriter, r *req) error {
	return s.renderRegistry(w, r, http.StatusOK, s.newBase(w, r, "registry.title"))
}

func (s *Server) renderRegistry(w http.ResponseWriter, r *req, status int, b base) error {
	if r.User == nil {
		return errLogin
	}
	if !r.User.Has(auth.Admin) {
		return errForbidden
	}
	ctx := r.Context()
	d := officerRegistryData{Kinds: []string{string(auth.Pengawas), string(auth.Mediator)}}
	for _, k := range d.Kinds {
		offs, err := s.App.Complaints.Officers(ctx, k, "")
		if err != nil {
			return err
		}
		d.Officers = append(d.Officers, offs...)
		cands, err := s.App.Complaints.Candidates(ctx, k)
		if err != nil {
			return err
		}
		d.Candidates = append(d.Candidates, cands...)
	}
	if b.Form != nil {
		d.Regions = b.Form["regions"]
	}
	b.Robots = "noindex"
	return s.render(w, status, "officer_registry", b, d)
}

func (s *Server) officerRegistrySave(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostFormValue
	// The user select carries "id:kind", so one list serves both kinds.
	userID, kind, _ := strings.Cut(f("user"), ":")
	uid, _ := strconv.ParseInt(userID, 10, 64)
	sup, _ := strconv.ParseInt(f("supervisor_id"), 10, 64)
	in := complaint.OfficerInput{UserID: uid, Kind: kind, Supervisor: f("supervisor") == "1", SupervisorID: sup,
		Regions: r.PostForm["regions"], Active: f("active") == "1"}
	if slices.Contains(in.Regions, complaint.ProvinceWide) {
		in.Regions = []string{complaint.ProvinceWide}
	}
	err := s.App.Complaints.SetOfficer(r.Context(), r.User, in)
	if b, ok := s.withErrors(s.newBase(w, r, "registry.title"), r, err); ok {
		if _, dup := b.Errors["kind"]; dup {
			b.Errors["user"] = b.Errors["kind"]
		}
		return s.renderRegistry(w, r, http.StatusUnprocessableEntity, b)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.officer_saved")
	http.Redirect(w, r.Request, "/admin/petugas", http.StatusSeeOther)
	return nil
}
