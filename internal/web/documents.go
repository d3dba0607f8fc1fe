package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/document"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// documentRoutes registers the seeker's documents (upload, list, delete,
// which go with which application), the printable CV made from the
// profile, the AK/1 photo, and the employer's and officer's readings.
func (s *Server) documentRoutes(mux *http.ServeMux) {
	mux.Handle("GET /pencari/dokumen", s.page(s.documentsPage))
	mux.Handle("POST /pencari/dokumen", s.page(s.documentUpload))
	mux.Handle("GET /pencari/dokumen/{id}", s.page(s.documentOwn))
	mux.Handle("POST /pencari/dokumen/{id}/hapus", s.page(s.documentDelete))
	mux.Handle("POST /pencari/lamaran/{id}/dokumen", s.page(s.documentAttach))
	mux.Handle("GET /pencari/foto", s.page(s.documentOwnPhoto))
	mux.Handle("GET /pencari/cv", s.page(s.cvPage))
	mux.Handle("GET /perusahaan/lamaran/{id}/dokumen", s.page(s.applicationDocuments))
	mux.Handle("GET /perusahaan/lamaran/{id}/dokumen/{doc}", s.page(s.applicationDocument))
	mux.Handle("GET /petugas/pencari/{id}/foto", s.page(s.officerPhoto))
	// The AK/1 six-monthly report, on the card's page (ak1_report.go).
	mux.Handle("POST /pencari/ak1/lapor", s.page(s.ak1Report))
}

// docUploadBody bounds an upload form: one file and two short fields.
const docUploadBody = document.MaxBytes + 64<<10

// docChoice is one document on an application's form, ticked when it goes
// with it.
type docChoice struct {
	document.Document
	Checked bool
}

// docApplication is one of the seeker's applications still in progress,
// with the documents they may send with it.
type docApplication struct {
	vacancy.Application
	Docs []docChoice
}

type documentsData struct {
	Docs         []document.Document
	Applications []docApplication
	Reads        []document.Read
	Kinds        []string
	MaxMB        int
	MaxCount     int
	// Focus is the application whose form the page opened for (?lamaran=).
	Focus int64
}

func (s *Server) documentsData(r *req) (documentsData, error) {
	d := documentsData{Kinds: document.Kinds, MaxMB: document.MaxBytes >> 20, MaxCount: document.MaxCount}
	var err error
	if d.Docs, err = s.App.Documents.List(r.Context(), r.User); err != nil {
		return d, err
	}
	if d.Reads, err = s.App.Documents.Reads(r.Context(), r.User); err != nil {
		return d, err
	}
	apps, err := s.App.Vacancies.MyApplications(r.Context(), r.User)
	if err != nil {
		return d, err
	}
	for _, a := range apps {
		if a.Ended() {
			continue
		}
		da := docApplication{Application: a}
		for _, doc := range d.Docs {
			if doc.Kind != document.Photo {
				da.Docs = append(da.Docs, docChoice{Document: doc, Checked: slices.Contains(doc.Applications, a.ID)})
			}
		}
		d.Applications = append(d.Applications, da)
	}
	d.Focus, _ = strconv.ParseInt(r.URL.Query().Get("lamaran"), 10, 64)
	return d, nil
}

func (s *Server) documentsPage(w http.ResponseWriter, r *req) error {
	d, err := s.documentsData(r)
	if registerFirst(w, r, err) {
		return nil
	}
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "documents.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "documents", b, d)
}

// documentUpload takes one file. The form is read part by part (kind and
// title first, as the form orders them, then the file), never through
// ParseMultipartForm, whose temporary files are named and unencrypted: the
// store reads at most MaxBytes+1 of the file straight from the request.
func (s *Server) documentUpload(w http.ResponseWriter, r *req) error {
	r.Body = http.MaxBytesReader(w, r.Body, docUploadBody)
	err := s.readDocumentForm(r)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = valid.New("file", "document_too_big", "mb", document.MaxBytes>>20)
	} else if _, ok := valid.As(err); !ok && err != nil {
		if errors.Is(err, errBadInput) {
			return err
		}
		return fmt.Errorf("document upload: %w", err)
	}
	if _, ok := valid.As(err); ok {
		d, derr := s.documentsData(r)
		if derr != nil {
			return derr
		}
		b, _ := s.withErrors(s.newBase(w, r, "documents.title"), r, err)
		b.Robots = "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "documents", b, d)
	}
	if err != nil {
		return err
	}
	s.flash(w, r, "flash.document_uploaded")
	http.Redirect(w, r.Request, "/pencari/dokumen#dokumen", http.StatusSeeOther)
	return nil
}

func (s *Server) documentDelete(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	if err := s.App.Documents.Delete(r.Context(), r.User, id); err != nil {
		return err
	}
	s.flash(w, r, "flash.document_deleted")
	http.Redirect(w, r.Request, "/pencari/dokumen#dokumen", http.StatusSeeOther)
	return nil
}

func (s *Server) documentAttach(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	var ids []int64
	for _, v := range r.PostForm["doc"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return errBadInput
		}
		ids = append(ids, n)
	}
	_, err = s.App.Documents.Attach(r.Context(), r.User, id, ids)
	if errors.Is(err, document.ErrFinal) {
		err = valid.New("doc", "document_app_ended")
	}
	if err := s.flashOutcome(w, r, err, "flash.documents_sent"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari/dokumen#kirim-%d", id), http.StatusSeeOther)
	return nil
}

// attachOnApply sends the documents ticked on the apply form with the new
// application. A failure here does not undo the application: the seeker
// is told and can choose again on the documents page.
func (s *Server) attachOnApply(w http.ResponseWriter, r *req, appID int64) {
	var ids []int64
	for _, v := range r.PostForm["doc"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	if len(ids) == 0 {
		return
	}
	if _, err := s.App.Documents.Attach(r.Context(), r.User, appID, ids); err != nil {
		s.flash(w, r, "flash.documents_not_sent")
	}
}

// sendFile answers a document as a download: its stored type, never
// sniffed, and a name made of its kind and id. inline is for the AK/1
// photo shown in an <img>; it is a re-encoded image either way.
func sendFile(w http.ResponseWriter, f document.File, inline bool) error {
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	h.Set("Content-Disposition", disp+`; filename="`+f.Filename()+`"`)
	_, err := w.Write(f.Data)
	return err
}

func (s *Server) documentOwn(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := s.App.Documents.Open(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	return sendFile(w, f, false)
}

func (s *Server) documentOwnPhoto(w http.ResponseWriter, r *req) error {
	f, ok, err := s.App.Documents.OwnPhoto(r.Context(), r.User)
	if err != nil {
		return err
	}
	if !ok {
		return db.ErrNotFound
	}
	return sendFile(w, f, true)
}

type appDocsData struct {
	AppID int64
	Docs  []document.Document
}

// applicationDocuments lists, for the employer, the documents the seeker
// sent with one application (opening one is audited, listing is not).
func (s *Server) applicationDocuments(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	docs, err := s.App.Documents.ForApplication(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "appdocs.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "application_documents", b, appDocsData{AppID: id, Docs: docs})
}

func (s *Server) applicationDocument(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	doc, err := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	if err != nil || doc <= 0 {
		return db.ErrNotFound
	}
	f, err := s.App.Documents.OpenForEmployer(r.Context(), r.User, id, doc)
	if err != nil {
		return err
	}
	return sendFile(w, f, false)
}

func (s *Server) officerPhoto(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := s.App.Documents.PhotoForOfficer(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	return sendFile(w, f, true)
}

type cvData struct {
	seeker.Own
	Email, Phone string
	Docs         []document.Document
	HasPhoto     bool
}

// cvPage is a CV made from the profile, laid out to print or save as PDF
// from the browser: for a seeker without a computer to write one.
func (s *Server) cvPage(w http.ResponseWriter, r *req) error {
	o, err := s.App.Seekers.Own(r.Context(), r.User)
	if registerFirst(w, r, err) {
		return nil
	}
	if err != nil {
		return err
	}
	d := cvData{Own: o, Email: r.User.Email, Phone: r.User.Phone}
	docs, err := s.App.Documents.List(r.Context(), r.User)
	if err != nil {
		return err
	}
	for _, doc := range docs {
		switch doc.Kind {
		case document.Photo:
			d.HasPhoto = true
		case document.Certificate, document.Diploma:
			d.Docs = append(d.Docs, doc)
		}
	}
	b := s.newBase(w, r, "cv.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "cv", b, d)
}

// officerSeekerData is the officer's view with whether a photo is there
// to compare with the KTP.
type officerSeekerData struct {
	seeker.OfficerView
	HasPhoto bool
}

// readDocumentForm streams the upload form into the document store: the
// text fields into r.PostForm, then the file part to Documents.Upload.
func (s *Server) readDocumentForm(r *req) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return errBadInput
	}
	r.PostForm, r.Form = url.Values{}, r.URL.Query()
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return valid.New("file", "document_empty")
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if err != nil {
			return errBadInput
		}
		if part.FormName() != "file" {
			b, err := io.ReadAll(io.LimitReader(part, 4<<10))
			if err != nil {
				return err
			}
			r.PostForm.Add(part.FormName(), string(b))
			r.Form.Add(part.FormName(), string(b))
			continue
		}
		if err := valid.Values(r.PostForm).Err(); err != nil {
			return err
		}
		if part.FileName() == "" {
			return valid.New("file", "document_empty")
		}
		_, err = s.App.Documents.Upload(r.Context(), r.User, r.PostFormValue("kind"), r.PostFormValue("title"), part)
		return err
	}
}
