package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/document"
	"github.com/bursa-banten/bursa/internal/valid"
)

// documentAPI lists the endpoints of a seeker's documents and of the
// documents sent with an application.
func (s *Server) documentAPI() []route {
	return []route{
		{"GET", "/api/v1/me/documents", s.listDocuments},
		{"POST", "/api/v1/me/documents", s.uploadDocument},
		{"GET", "/api/v1/me/documents/{id}", s.downloadOwnDocument},
		{"DELETE", "/api/v1/me/documents/{id}", s.deleteDocument},
		{"GET", "/api/v1/applications/{id}/documents", s.applicationDocuments},
		{"PUT", "/api/v1/applications/{id}/documents", s.attachDocuments},
		{"GET", "/api/v1/applications/{id}/documents/{doc}", s.downloadApplicationDocument},
	}
}

// DocumentJSON is one stored document, without its contents.
type DocumentJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Title     string `json:"title"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	CreatedAt string `json:"created_at"`
	// Applications are the caller's applications it goes with (the
	// seeker's list; on an application's list, that application).
	Applications []int64 `json:"applications"`
}

func documentsJSON(docs []document.Document) []DocumentJSON {
	out := make([]DocumentJSON, 0, len(docs))
	for _, d := range docs {
		apps := d.Applications
		if apps == nil {
			apps = []int64{}
		}
		out = append(out, DocumentJSON{ID: d.ID, Kind: d.Kind, Title: d.Title, MediaType: d.Type, Size: d.Size,
			CreatedAt: d.CreatedAt.UTC().Format(time.RFC3339), Applications: apps})
	}
	return out
}

// AttachInput is the body of PUT /api/v1/applications/{id}/documents.
type AttachInput struct {
	DocumentIDs []int64 `json:"document_ids"`
}

func (s *Server) listDocuments(w http.ResponseWriter, c *call) error {
	docs, err := s.App.Documents.List(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, documentsJSON(docs))
}

// maxFieldPart bounds the kind and title parts of an upload.
const maxFieldPart = 1 << 10

// uploadDocument reads multipart/form-data as it streams: the parts kind
// and title (optional) first, then file, which goes to the store as it
// arrives (the store reads at most MaxBytes+1 of it). Nothing is spooled.
func (s *Server) uploadDocument(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	mt, params, _ := mime.ParseMediaType(c.Header.Get("Content-Type"))
	if mt != "multipart/form-data" || params["boundary"] == "" {
		return fmt.Errorf("%w: Content-Type must be multipart/form-data", errBadJSON)
	}
	c.Body = http.MaxBytesReader(w, c.Body, document.MaxBytes+64<<10)
	mr, err := c.MultipartReader()
	if err != nil {
		return fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
	}
	fields := map[string]string{}
	var mbe *http.MaxBytesError
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return valid.New("file", "document_empty")
		}
		if errors.As(err, &mbe) {
			return valid.New("file", "document_too_big", "mb", document.MaxBytes>>20)
		}
		if err != nil {
			return fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
		}
		switch name := part.FormName(); name {
		case "kind", "title":
			b, err := io.ReadAll(io.LimitReader(part, maxFieldPart+1))
			if err != nil || len(b) > maxFieldPart {
				return valid.New(name, "too_long", "max", maxFieldPart)
			}
			fields[name] = string(b)
			if err := valid.Strings(&struct{ S string }{fields[name]}).Err(); err != nil {
				return err
			}
		case "file":
			if fields["kind"] == "" {
				return valid.New("kind", "choose_one")
			}
			d, err := s.App.Documents.Upload(c.Context(), c.User, fields["kind"], fields["title"], part)
			if errors.As(err, &mbe) {
				return valid.New("file", "document_too_big", "mb", document.MaxBytes>>20)
			}
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusCreated, documentsJSON([]document.Document{d})[0])
		default:
			return fmt.Errorf("%w: unexpected part %q (want kind, title, file)", errBadJSON, name)
		}
	}
}

// sendDocument answers a file as a download, never sniffed.
func sendDocument(w http.ResponseWriter, f document.File) error {
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Disposition", `attachment; filename="`+f.Filename()+`"`)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(f.Data)
	return err
}

func (s *Server) downloadOwnDocument(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f, err := s.App.Documents.Open(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return sendDocument(w, f)
}

func (s *Server) deleteDocument(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Documents.Delete(c.Context(), c.User, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) applicationDocuments(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	docs, err := s.App.Documents.ForApplication(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, documentsJSON(docs))
}

func (s *Server) attachDocuments(w http.ResponseWriter, c *call) error {
	var b AttachInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	docs, err := s.App.Documents.Attach(c.Context(), c.User, id, b.DocumentIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, documentsJSON(docs))
}

func (s *Server) downloadApplicationDocument(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	doc, err := strconv.ParseInt(c.PathValue("doc"), 10, 64)
	if err != nil || doc <= 0 {
		return db.ErrNotFound
	}
	f, err := s.App.Documents.OpenForEmployer(c.Context(), c.User, id, doc)
	if err != nil {
		return err
	}
	return sendDocument(w, f)
}
