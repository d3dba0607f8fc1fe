package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Pages of pengawas and mediators (/pengawasan): my cases, the supervisor's
// queue, the board of overdue cases, the calendar of visits and sessions,
// and one case with its moves, findings, sessions, messages and the audited
// opening of the confidential part.

// inspectionHome is an officer's work: my cases, the supervisor's queue,
// overdue cases and the coming visits and sessions.
func (s *Server) inspectionHome(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	d, err := s.App.Complaints.Desk(r.Context(), r.User)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "inspection.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "inspection", b, d)
}

// caseData is one case with what the viewer may do to it (C.Permits), and
// the values its forms start from.
type caseData struct {
	C          complaint.CaseDetail
	Today      string
	Now        string // for datetime inputs
	Categories []string
}

func (s *Server) caseData(r *req, id int64) (caseData, error) {
	c, err := s.App.Complaints.Case(r.Context(), r.User, id)
	if err != nil {
		return caseData{}, err
	}
	now := s.App.Now().In(wib.Zone)
	return caseData{C: c, Today: wib.Date(now).Format(time.DateOnly), Now: now.Format("2006-01-02T15:04"),
		Categories: complaint.Categories}, nil
}

// renderCase shows case page d with status and b.
func (s *Server) renderCase(w http.ResponseWriter, status int, b base, d caseData) error {
	b.Title = d.C.Number()
	b.Robots = "noindex"
	return s.render(w, status, "case", b, d)
}

// casePage is one case as its officers see it.
func (s *Server) casePage(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := s.caseData(r, id)
	if err != nil {
		return err
	}
	return s.renderCase(w, http.StatusOK, s.newBase(w, r, "case.title"), d)
}

// caseAction runs a change on case id and goes back to the case page with
// flash, or shows the page again with the errors beside the fields.
func (s *Server) caseAction(w http.ResponseWriter, r *req, flash string, do func(id int64) error) error {
	id, err := accountFormID(w, r)
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
		return s.renderCase(w, http.StatusUnprocessableEntity, b, d)
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

// accountFormID starts a form post by an account on the path's record: a
// visitor is sent to log in, the form parses (CSRF is checked by
// middleware) and the path names an id. Whether this account may act on
// that record is the store's decision, asked next.
func accountFormID(w http.ResponseWriter, r *req) (int64, error) {
	if r.User == nil {
		return 0, errLogin
	}
	if err := parseForm(w, r); err != nil {
		return 0, err
	}
	return pathID(r)
}

// caseComplaint opens a complaint's confidential part: identity, narrative,
// members, evidence and messages. The store writes the opening to the audit
// trail the complainant sees.
func (s *Server) caseComplaint(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
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
	id, err := accountFormID(w, r)
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
	if r.User == nil {
		return errLogin
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
	complaint.Registry
	Regions []string // selected in the form
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
	reg, err := s.App.Complaints.Registry(r.Context(), r.User)
	if err != nil {
		return err
	}
	d := officerRegistryData{Registry: reg}
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
