package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Complainants' pages: the public page with the form (/pengaduan), the
// receipt with the tracking code, tracking by code and PIN
// (/pengaduan/lacak) and an account's own complaints (/pengaduan/saya).

// maxUpload bounds a complaint form: ten evidence files of 10 MB each, plus
// the text fields and multipart framing.
const maxUpload = complaint.MaxEvidenceFiles*complaint.MaxEvidenceBytes + 1<<20

// memberRows is how many named members a union officer can enter at once.
const memberRows = 5

type complaintFormData struct {
	Categories []string
	Adverse    []string
	Employer   *employer.Employer
	Today      string
	PoolK      int
	Union      bool // the user may file for members
	CanDispute bool // the user may register an industrial dispute
	Members    []int
	MaxFiles   int
	MaxMB      int
	// Receipt after filing.
	Receipt complaint.Receipt
}

func (s *Server) complaintData(r *req) complaintFormData {
	k := s.App.Complaints.PoolK
	if k <= 0 {
		k = complaint.DefaultPoolK
	}
	d := complaintFormData{Categories: complaint.Categories, Adverse: complaint.AdverseActions,
		Today: wib.Date(s.App.Now()).Format("2006-01-02"), PoolK: k, Union: complaint.CanFileForUnion(r.User),
		CanDispute: complaint.CheckDisputeParty(r.User) == nil, MaxFiles: complaint.MaxEvidenceFiles, MaxMB: complaint.MaxEvidenceBytes >> 20}
	for i := range memberRows {
		d.Members = append(d.Members, i)
	}
	return d
}

// complaintEmployer reads the registered employer a complaint is about, from
// ?perusahaan= on the form or the posted employer_id.
func (s *Server) complaintEmployer(r *req, v string) (*employer.Employer, int64, bool) {
	v = strings.TrimSpace(v)
	if v == "" || v == "0" {
		return nil, 0, true
	}
	var id int64
	if _, err := fmt.Sscan(v, &id); err != nil || id <= 0 {
		return nil, 0, false
	}
	e, err := s.App.Employers.Get(r.Context(), id)
	if err != nil {
		return nil, id, true // the store says employer_unknown beside the field
	}
	return &e, id, true
}

// complaintForm is the public page: what a complaint is for, how the
// complainant is protected, and the form.
func (s *Server) complaintForm(w http.ResponseWriter, r *req) error {
	d := s.complaintData(r)
	d.Employer, _, _ = s.complaintEmployer(r, r.URL.Query().Get("perusahaan"))
	b := s.newBase(w, r, "complaint.title")
	return s.render(w, http.StatusOK, "complaint", b, d)
}

// formText bounds the text fields of an upload form together: the files
// are the bulk and are spooled, the rest is a few kilobytes of narrative.
const formText = 1 << 20

// parseUpload reads a complaint or dispute form. A multipart form is read
// part by part rather than with ParseMultipartForm, whose temporary files
// are named and unencrypted: text fields go to r.PostForm, each file in
// "files" to an encrypted, unlinked temporary file (complaint.SpoolUpload),
// returned for the caller to close. A body over maxUpload is answered on
// the form itself (tooBig) rather than with a bare error; more than
// MaxEvidenceFiles files is a field error in found, and none are kept.
func parseUpload(w http.ResponseWriter, r *req) (files []complaint.Upload, found valid.Errors, tooBig bool, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	var mbe *http.MaxBytesError
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseForm()
		if errors.As(err, &mbe) {
			return nil, nil, true, nil
		}
		if err != nil {
			return nil, nil, false, errBadInput
		}
		return nil, nil, false, nil
	}
	files, tooMany, err := readUploadParts(r)
	if err != nil {
		complaint.CloseUploads(files)
		if errors.As(err, &mbe) {
			return nil, nil, true, nil
		}
		return nil, nil, false, errBadInput
	}
	if tooMany {
		complaint.CloseUploads(files)
		var found valid.Errors
		found.Add("files", "too_many", "max", complaint.MaxEvidenceFiles)
		return nil, found, false, nil
	}
	return files, nil, false, nil
}

// readUploadParts streams the parts of a multipart form into r.PostForm and
// spooled files; on an error the files read so far are returned to close.
func readUploadParts(r *req) (files []complaint.Upload, tooMany bool, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, false, err
	}
	r.PostForm, r.Form = url.Values{}, r.URL.Query()
	text := int64(formText)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return files, tooMany, nil
		}
		if err != nil {
			return files, tooMany, err
		}
		name := part.FormName()
		if part.FileName() == "" && name != "files" {
			b, err := io.ReadAll(io.LimitReader(part, text+1))
			if err != nil {
				return files, tooMany, err
			}
			if text -= int64(len(b)); text < 0 {
				return files, tooMany, errors.New("form text too long")
			}
			r.PostForm.Add(name, string(b))
			r.Form.Add(name, string(b))
			continue
		}
		if name != "files" {
			// A file nobody asked for: read past it, keep nothing.
			if _, err := io.Copy(io.Discard, part); err != nil {
				return files, tooMany, err
			}
			continue
		}
		if len(files) == complaint.MaxEvidenceFiles {
			tooMany = true
			if _, err := io.Copy(io.Discard, part); err != nil {
				return files, tooMany, err
			}
			continue
		}
		// One byte over the limit is enough for the store to refuse the
		// file by its size; the rest is not kept.
		u, err := complaint.SpoolUpload(part, complaint.MaxEvidenceBytes+1)
		if err != nil {
			return files, tooMany, err
		}
		if u.Len() == 0 && part.FileName() == "" {
			u.Close() // the empty part of a file input left blank
			continue
		}
		files = append(files, u)
	}
}

// renderTooBig answers an upload over maxUpload on its own form (page),
// with the message beside the files.
func (s *Server) renderTooBig(w http.ResponseWriter, r *req, b base, page string, d any) error {
	b.Errors = map[string]string{"files": s.Catalog.T(r.Lang, "err.upload_too_big", "n", complaint.MaxEvidenceFiles, "max", complaint.MaxEvidenceBytes>>20)}
	b.Form = map[string][]string{}
	return s.render(w, http.StatusRequestEntityTooLarge, page, b, d)
}

// complaintInput reads the complaint form. found holds what the page itself
// could not read (a number, the PIN typed twice, too many files); the store
// names everything else.
func (s *Server) complaintInput(r *req, d *complaintFormData) (in complaint.Input, found valid.Errors, err error) {
	f := r.PostFormValue
	in = complaint.Input{Category: f("category"), EmployerName: f("employer_name"), Region: f("region"),
		Narrative: f("narrative"), HappenedOn: f("happened_on"), PIN: strings.TrimSpace(f("pin")),
		Anonymous: r.User == nil || f("anonymous") == "1", ConsentEmployer: f("consent_employer") == "1",
		UnionName: f("union_name"), Adverse: f("adverse"), PriorCode: f("prior_code"), PriorPIN: f("prior_pin"),
		Contact: f("contact"), ContactChannel: f("contact_channel")}
	in.Sealed = in.Anonymous && f("sealed") == "1"
	var ok bool
	d.Employer, in.EmployerID, ok = s.complaintEmployer(r, f("employer_id"))
	if !ok {
		found.Add("employer_id", "employer_unknown")
	}
	if d.Employer != nil {
		in.EmployerName = ""
	}
	in.WorkersAffected = int(formNum(r, &found, "workers_affected"))
	in.MonthlyWage = formNum(r, &found, "monthly_wage")
	in.UnnamedMembers = int(formNum(r, &found, "unnamed_members"))
	for i := range memberRows {
		name := strings.TrimSpace(f(fmt.Sprintf("members.%d.name", i)))
		if name == "" {
			continue
		}
		in.Members = append(in.Members, complaint.Member{Name: name, Consent: f(fmt.Sprintf("members.%d.consent", i)) == "1",
			ConsentNote: f(fmt.Sprintf("members.%d.note", i))})
	}
	if in.PIN != "" && in.PIN != strings.TrimSpace(f("pin2")) {
		found.Add("pin2", "pin_mismatch")
	}
	return in, found, nil
}

func (s *Server) complaintSubmit(w http.ResponseWriter, r *req) error {
	d := s.complaintData(r)
	files, fileErrs, tooBig, err := parseUpload(w, r)
	defer complaint.CloseUploads(files)
	if err != nil {
		return err
	}
	if tooBig {
		return s.renderTooBig(w, r, s.newBase(w, r, "complaint.title"), "complaint", d)
	}
	in, found, err := s.complaintInput(r, &d)
	if err != nil {
		return err
	}
	in.Files, found = files, append(found, fileErrs...)
	if len(found) > 0 {
		// Nothing is stored; the store names the other mistakes too.
		err = s.App.Complaints.Validate(r.Context(), r.User, in, found)
	} else {
		d.Receipt, err = s.App.Complaints.Submit(r.Context(), r.User, in, appClientAddr(r))
	}
	status := http.StatusUnprocessableEntity
	var locked *auth.LockedError
	var limit *complaint.LimitError
	switch {
	case errors.As(err, &locked):
		// The prior code's PIN is throttled: said beside it, on the form.
		err = valid.New("prior_pin", "login_locked", "until", formatClock(locked.Until))
	case errors.As(err, &limit):
		// Over the daily filing limit: 429 with Retry-After, as the API
		// answers, and the form says from when on top.
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", strconv.Itoa(int((limit.Wait+time.Second-1)/time.Second)))
		err = valid.New("filing", "filing_limit", "until", limit.Until.In(wib.Zone).Format("02-01-2006 15.04")+" WIB")
	}
	if b, isValid := s.withErrors(s.newBase(w, r, "complaint.title"), r, err); isValid {
		if len(in.Files) > 0 {
			b.Errors["files_again"] = s.Catalog.T(r.Lang, "complaint.files_again")
		}
		return s.render(w, status, "complaint", b, d)
	} else if err != nil {
		return err
	}
	b := s.newBase(w, r, "complaint.done.title")
	b.Robots = "noindex"
	noStore(w)
	return s.render(w, http.StatusOK, "complaint_done", b, d)
}

// noStore keeps pages with a tracking code, a PIN or a complaint's content
// out of shared and back-button caches.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

type trackData struct {
	T       complaint.Tracking
	Found   bool
	Code    string
	PIN     string // echoed into the reply form, on a page that is not stored
	Owner   bool   // seen from the account that filed it
	Replied bool
}

// trackForm asks for the tracking code and PIN.
func (s *Server) trackForm(w http.ResponseWriter, r *req) error {
	b := s.newBase(w, r, "track.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "complaint_track", b, trackData{Code: r.URL.Query().Get("kode")})
}

// pinError turns a failed code/PIN check into a message beside the PIN.
func pinError(err error) error {
	var locked *auth.LockedError
	switch {
	case errors.As(err, &locked):
		return valid.New("pin", "login_locked", "until", formatClock(locked.Until))
	case errors.Is(err, complaint.ErrBadPIN):
		return valid.New("pin", "pin_wrong")
	}
	return err
}

// trackSubmit shows a complaint to whoever holds its code and PIN; with a
// message it first sends the message to the officers.
func (s *Server) trackSubmit(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	noStore(w)
	code, pin := strings.TrimSpace(r.PostFormValue("code")), strings.TrimSpace(r.PostFormValue("pin"))
	d := trackData{Code: code, PIN: pin}
	var err error
	if code == "" {
		err = valid.New("code", "required")
	} else if r.PostFormValue("reply") == "1" {
		err = s.App.Complaints.ReplyWithPIN(r.Context(), code, pin, appClientAddr(r), r.PostFormValue("body"))
		d.Replied = err == nil
		if err == nil || isValidErr(err) {
			// Show the complaint again, the message error (if any) beside its box.
			t, terr := s.App.Complaints.Track(r.Context(), code, pin, appClientAddr(r))
			if terr != nil {
				err = terr
			} else {
				d.T, d.Found = t, true
			}
		}
	} else {
		d.T, err = s.App.Complaints.Track(r.Context(), code, pin, appClientAddr(r))
		d.Found = err == nil
	}
	if norm, ok := complaint.NormalizeCode(code); ok {
		d.Code = norm
	}
	b := s.newBase(w, r, "track.title")
	b.Robots = "noindex"
	if bb, isValid := s.withErrors(b, r, pinError(err)); isValid {
		status := http.StatusUnprocessableEntity
		if !d.Found {
			d.PIN = ""
			bb.Form.Del("pin")
		} else {
			status = http.StatusOK
		}
		return s.render(w, status, "complaint_track", bb, d)
	} else if err != nil {
		return pinError(err)
	}
	return s.render(w, http.StatusOK, "complaint_track", b, d)
}

func isValidErr(err error) bool { _, ok := valid.As(err); return ok }

// myComplaints lists the complaints the account filed or is named in.
func (s *Server) myComplaints(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	mine, err := s.App.Complaints.Mine(r.Context(), r.User)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "my_complaints.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "complaint_mine", b, mine)
}

// answerMembership records a worker's answer to a union naming them in a
// complaint: confirming shares it with them; declining unties them.
func (s *Server) answerMembership(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	yes := r.PostFormValue("answer") == "ya"
	if err := s.App.Complaints.AnswerMembership(r.Context(), r.User, r.PathValue("code"), yes); err != nil {
		return err
	}
	if yes {
		s.flash(w, r, "flash.membership_confirmed")
	} else {
		s.flash(w, r, "flash.membership_declined")
	}
	http.Redirect(w, r.Request, "/pengaduan/saya", http.StatusSeeOther)
	return nil
}

// myComplaint shows one of the account's complaints, with the reply form.
func (s *Server) myComplaint(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	code := r.PathValue("code")
	t, err := s.App.Complaints.TrackAsUser(r.Context(), r.User, code)
	if err != nil {
		return err
	}
	noStore(w)
	b := s.newBase(w, r, "track.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "complaint_track", b, trackData{T: t, Found: true, Code: t.Code, Owner: true})
}

func (s *Server) myComplaintReply(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	code := r.PathValue("code")
	err := s.App.Complaints.Reply(r.Context(), r.User, code, r.PostFormValue("body"))
	if ve, ok := valid.As(err); ok {
		t, terr := s.App.Complaints.TrackAsUser(r.Context(), r.User, code)
		if terr != nil {
			return terr
		}
		b, _ := s.withErrors(s.newBase(w, r, "track.title"), r, ve)
		noStore(w)
		return s.render(w, http.StatusUnprocessableEntity, "complaint_track", b, trackData{T: t, Found: true, Code: t.Code, Owner: true})
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.message_sent")
	http.Redirect(w, r.Request, "/pengaduan/saya/"+code, http.StatusSeeOther)
	return nil
}

// complaintCounts is the public page of aggregated figures.
func (s *Server) complaintCounts(w http.ResponseWriter, r *req) error {
	c, err := s.App.Complaints.PublicCounts(r.Context())
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "complaint_counts.title")
	return s.render(w, http.StatusOK, "complaint_counts", b, c)
}

type disputeFormData struct {
	Types    []string
	Today    string
	Union    bool
	MaxFiles int
	MaxMB    int
	Receipt  complaint.Receipt
}

// needDisputeParty sends a visitor to log in and refuses (403) a user who
// may not register a dispute, before any upload is read.
func needDisputeParty(r *req) error {
	if r.User == nil {
		return errLogin
	}
	return complaint.CheckDisputeParty(r.User)
}

func (s *Server) disputeData(r *req) disputeFormData {
	return disputeFormData{Types: complaint.DisputeTypes, Today: wib.Date(s.App.Now()).Format("2006-01-02"),
		Union: complaint.CanFileForUnion(r.User), MaxFiles: complaint.MaxEvidenceFiles, MaxMB: complaint.MaxEvidenceBytes >> 20}
}

// disputeForm registers an industrial dispute once bipartite talks began:
// the parties know each other, so it is never anonymous.
func (s *Server) disputeForm(w http.ResponseWriter, r *req) error {
	if err := needDisputeParty(r); err != nil {
		return err
	}
	b := s.newBase(w, r, "dispute.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "complaint_dispute", b, s.disputeData(r))
}

func (s *Server) disputeSubmit(w http.ResponseWriter, r *req) error {
	if err := needDisputeParty(r); err != nil {
		return err
	}
	d := s.disputeData(r)
	files, fileErrs, tooBig, err := parseUpload(w, r)
	defer complaint.CloseUploads(files)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "dispute.title")
	b.Robots = "noindex"
	if tooBig {
		return s.renderTooBig(w, r, b, "complaint_dispute", d)
	}
	f := r.PostFormValue
	in := complaint.DisputeInput{Type: f("type"), EmployerName: f("employer_name"), Region: f("region"), Narrative: f("narrative"),
		BipartiteStarted: f("bipartite_started"), UnionName: f("union_name")}
	n, ok := formInt(r, "workers_affected")
	in.WorkersAffected = int(n)
	in.Files = files
	if len(fileErrs) > 0 {
		err = fileErrs
	}
	if err == nil && !ok {
		err = valid.New("workers_affected", "number_invalid")
	}
	if err == nil {
		d.Receipt, err = s.App.Complaints.OpenDispute(r.Context(), r.User, in)
	}
	if bb, isValid := s.withErrors(b, r, err); isValid {
		if len(in.Files) > 0 {
			bb.Errors["files_again"] = s.Catalog.T(r.Lang, "complaint.files_again")
		}
		return s.render(w, http.StatusUnprocessableEntity, "complaint_dispute", bb, d)
	} else if err != nil {
		return err
	}
	noStore(w)
	return s.render(w, http.StatusOK, "complaint_done", s.newBase(w, r, "complaint.done.title"), complaintFormData{Receipt: d.Receipt})
}
