// Package document keeps a job seeker's documents: a CV (PDF),
// certificates (BNSP/LSP), a diploma, and a photo for the AK/1 card. Files
// are checked by their content (internal/upload), sealed at rest
// (internal/secret) and kept in the database, so every serve process
// sharing it serves them. The seeker chooses which documents go with each
// application; the employer sees only those, only for applications to its
// own vacancies, and every opening is audited and shown to the seeker.
package document

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/upload"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Kinds of document.
const (
	CV          = "cv"
	Certificate = "sertifikat"
	Diploma     = "ijazah"
	Photo       = "foto"
)

// Kinds in the order pages list them.
var Kinds = []string{CV, Certificate, Diploma, Photo}

// Limits. A phone scan of a certificate or a CV exported from a word
// processor is well under 5 MB; ten documents hold a CV, a diploma, a
// photo and several certificates.
const (
	MaxBytes = 5 << 20
	MaxCount = 10
	// MaxPixels: 25 megapixels covers what phones save by default (12 MP,
	// 50 MP sensors bin to 12.5 MP) and refuses a 6300×6300 canvas.
	MaxPixels = 25_000_000
	// PhotoSide: the AK/1 photo is kept at most 480 pixels a side, plenty
	// for a 3×4 cm card photo and light on a phone's data plan.
	PhotoSide = 480
	maxTitle  = 120
)

// limits says what a file of kind may be.
func limits(kind string) (upload.Limits, []string) {
	lim := upload.Limits{MaxBytes: MaxBytes, MaxPixels: MaxPixels}
	switch kind {
	case Photo:
		lim.MaxSide = PhotoSide
		return lim, []string{upload.JPEG, upload.PNG}
	case CV:
		return lim, []string{upload.PDF}
	}
	// A certificate or a diploma: a PDF from the issuer or a photo of it.
	return lim, []string{upload.PDF, upload.JPEG, upload.PNG}
}

// Document is one stored document, without its contents.
type Document struct {
	ID        int64
	SeekerID  int64
	Kind      string
	Title     string
	Type      string
	Size      int64
	CreatedAt time.Time
	// Applications are the ids of the seeker's applications it goes with.
	Applications []int64
}

// Ext is the file name extension of the document's type.
func (d Document) Ext() string {
	switch d.Type {
	case upload.PDF:
		return ".pdf"
	case upload.JPEG:
		return ".jpg"
	case upload.PNG:
		return ".png"
	}
	return ""
}

// Filename is a safe download name: kind, id and extension, nothing the
// seeker typed (the title may hold anything).
func (d Document) Filename() string {
	return d.Kind + "-" + strconv.FormatInt(d.ID, 10) + d.Ext()
}

// File is a document with its contents, opened.
type File struct {
	Document
	Data []byte
}

// Read is one opening of a seeker's document by someone else: an
// employer's HR user or an officer.
type Read struct {
	At       time.Time
	Actor    string // "perusahaan" or "petugas": a role, never a name
	Employer string // the company, for an employer's reading
	Detail   string
}

// Store keeps documents.
type Store struct {
	DB        *db.DB
	Box       *secret.Box
	Now       func() time.Time
	Seekers   *seeker.Store
	Employers *employer.Store
	// Gate bounds how many uploads are checked at once (nil: unbounded).
	Gate *upload.Gate
}

const sealContext = "document.body"

// mine returns the seeker profile of u, who must manage documents.
func (s *Store) mine(ctx context.Context, u *auth.User) (seeker.Seeker, error) {
	if err := auth.Require(u, auth.ManageDocuments); err != nil {
		return seeker.Seeker{}, err
	}
	sk, err := s.Seekers.ByUser(ctx, u.ID)
	if errors.Is(err, db.ErrNotFound) {
		return seeker.Seeker{}, seeker.ErrNoProfile
	}
	return sk, err
}

// Upload checks the file read from r and stores it for seeker u. r is read
// to at most MaxBytes+1 bytes. A photo replaces the seeker's earlier photo.
func (s *Store) Upload(ctx context.Context, u *auth.User, kind, title string, r io.Reader) (Document, error) {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return Document{}, err
	}
	var errs valid.Errors
	kindOK := false
	for _, k := range Kinds {
		kindOK = kindOK || k == kind
	}
	if !kindOK {
		errs.Add("kind", "choose_one")
	}
	title = strings.Join(strings.Fields(title), " ")
	if n := utf8.RuneCountInString(title); n > maxTitle {
		errs.Add("title", "too_long", "max", maxTitle)
	}
	if err := errs.Err(); err != nil {
		return Document{}, err
	}
	lim, allow := limits(kind)
	data, err := upload.Read(r, lim)
	if err != nil {
		return Document{}, fileError(err)
	}
	f, err := upload.Check(ctx, s.Gate, data, lim, allow...)
	if err != nil {
		return Document{}, fileError(err)
	}
	now := s.Now().UTC()
	sum := sha256.Sum256(f.Data)
	d := Document{SeekerID: sk.ID, Kind: kind, Title: title, Type: f.Type, Size: int64(len(f.Data)), CreatedAt: now}
	sealed := s.Box.Seal(f.Data, sealContext)
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if kind == Photo {
			if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE seeker_id = ? AND kind = ?`, sk.ID, Photo); err != nil {
				return fmt.Errorf("replace photo of seeker %d: %w", sk.ID, err)
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE seeker_id = ?`, sk.ID).Scan(&n); err != nil {
			return fmt.Errorf("count documents of seeker %d: %w", sk.ID, err)
		}
		if n >= MaxCount {
			return valid.New("file", "document_count", "max", MaxCount)
		}
		d.ID, err = db.InsertID(ctx, tx, `INSERT INTO documents (seeker_id, kind, title, media_type, size, sha256, body_enc, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sk.ID, kind, title, f.Type, d.Size, hex.EncodeToString(sum[:]), sealed, now)
		if err != nil {
			return fmt.Errorf("store document of seeker %d: %w", sk.ID, err)
		}
		return nil
	})
	if err != nil {
		return Document{}, err
	}
	return d, nil
}

// fileError turns an upload refusal into a field error on "file"
// (document_<code>); other errors pass.
func fileError(err error) error {
	var ue *upload.Error
	if errors.As(err, &ue) {
		code := "document_" + ue.Code // document_type, document_too_big, ... (i18n: err.document_*)
		return valid.New("file", code, ue.Args...)
	}
	return err
}

const cols = `d.id, d.seeker_id, d.kind, d.title, d.media_type, d.size, d.created_at`

func scan(rows *sql.Rows) ([]Document, error) {
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.ID, &d.SeekerID, &d.Kind, &d.Title, &d.Type, &d.Size, &d.CreatedAt); err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// List returns u's documents, in kind order then newest first, each with
// the applications it goes with.
func (s *Store) List(ctx context.Context, u *auth.User) ([]Document, error) {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return nil, err
	}
	return s.ofSeeker(ctx, sk.ID)
}

func (s *Store) ofSeeker(ctx context.Context, seekerID int64) ([]Document, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM documents d WHERE d.seeker_id = ?
		ORDER BY CASE d.kind WHEN 'cv' THEN 0 WHEN 'sertifikat' THEN 1 WHEN 'ijazah' THEN 2 ELSE 3 END, d.id DESC`, seekerID)
	if err != nil {
		return nil, fmt.Errorf("documents of seeker %d: %w", seekerID, err)
	}
	docs, err := scan(rows)
	if err != nil || len(docs) == 0 {
		return docs, err
	}
	byID := map[int64]int{}
	for i, d := range docs {
		byID[d.ID] = i
	}
	rows, err = s.DB.QueryContext(ctx, `SELECT ad.document_id, ad.application_id FROM application_documents ad
		JOIN documents d ON d.id = ad.document_id WHERE d.seeker_id = ? ORDER BY ad.application_id`, seekerID)
	if err != nil {
		return nil, fmt.Errorf("attachments of seeker %d: %w", seekerID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var doc, app int64
		if err := rows.Scan(&doc, &app); err != nil {
			return nil, fmt.Errorf("attachments of seeker %d: %w", seekerID, err)
		}
		if i, ok := byID[doc]; ok {
			docs[i].Applications = append(docs[i].Applications, app)
		}
	}
	return docs, rows.Err()
}

// Delete removes u's document id, from every application it went with.
func (s *Store) Delete(ctx context.Context, u *auth.User, id int64) error {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM application_documents WHERE document_id IN
			(SELECT id FROM documents WHERE id = ? AND seeker_id = ?)`, id, sk.ID); err != nil {
			return fmt.Errorf("delete document %d: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ? AND seeker_id = ?`, id, sk.ID)
		if err != nil {
			return fmt.Errorf("delete document %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("document %d: %w", id, db.ErrNotFound)
		}
		return nil
	})
}

// open reads and unseals the document the where clause finds.
func (s *Store) open(ctx context.Context, q db.Querier, where string, args ...any) (File, error) {
	var f File
	var sealed []byte
	err := q.QueryRowContext(ctx, `SELECT `+cols+`, d.body_enc FROM documents d WHERE `+where, args...).Scan(&f.ID,
		&f.SeekerID, &f.Kind, &f.Title, &f.Type, &f.Size, &f.CreatedAt, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, fmt.Errorf("document: %w", db.ErrNotFound)
	}
	if err != nil {
		return File{}, fmt.Errorf("document: %w", err)
	}
	if f.Data, err = s.Box.Open(sealed, sealContext); err != nil {
		return File{}, fmt.Errorf("open document %d: %w", f.ID, err)
	}
	return f, nil
}

// Open returns u's own document id with its contents.
func (s *Store) Open(ctx context.Context, u *auth.User, id int64) (File, error) {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return File{}, err
	}
	return s.open(ctx, s.DB, `d.id = ? AND d.seeker_id = ?`, id, sk.ID)
}

// OwnPhoto returns u's AK/1 photo; ok=false when there is none.
func (s *Store) OwnPhoto(ctx context.Context, u *auth.User) (File, bool, error) {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return File{}, false, err
	}
	f, err := s.open(ctx, s.DB, `d.seeker_id = ? AND d.kind = ?`, sk.ID, Photo)
	if errors.Is(err, db.ErrNotFound) {
		return File{}, false, nil
	}
	return f, err == nil, err
}

// HasPhoto reports whether seeker id has an AK/1 photo, for the pages that
// show it (no opening, no audit).
func (s *Store) HasPhoto(ctx context.Context, seekerID int64) (bool, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE seeker_id = ? AND kind = ?`, seekerID, Photo).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("photo of seeker %d: %w", seekerID, err)
	}
	return n > 0, nil
}

// PhotoForOfficer returns seeker id's AK/1 photo to officer u, who issues
// cards and compares it with the KTP at the desk. The opening is audited.
func (s *Store) PhotoForOfficer(ctx context.Context, u *auth.User, seekerID int64) (File, error) {
	if err := auth.Require(u, auth.IssueAK1); err != nil {
		return File{}, err
	}
	var f File
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if f, err = s.open(ctx, tx, `d.seeker_id = ? AND d.kind = ?`, seekerID, Photo); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: s.Now(), ActorID: u.ID, Action: "document.read",
			SubjectType: "seeker", SubjectID: seekerID, Detail: "foto AK/1"})
	})
	return f, err
}

// ErrFinal means the application has ended (withdrawn, rejected, hired):
// its documents no longer change.
var ErrFinal = fail.New(fail.Conflict, "document: the application has ended")

// finalStatuses are the application statuses after which the documents
// sent with it stay as they were.
var finalStatuses = map[string]bool{"ditolak": true, "ditarik": true, "diterima": true}

// Attach sets which of u's documents go with u's application appID: the
// list replaces the earlier choice (an empty list sends none). The AK/1
// photo is not sent: it is for the card.
func (s *Store) Attach(ctx context.Context, u *auth.User, appID int64, docIDs []int64) ([]Document, error) {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return nil, err
	}
	var status string
	err = s.DB.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = ? AND seeker_id = ?`, appID, sk.ID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("application %d: %w", appID, err)
	}
	if finalStatuses[status] {
		return nil, ErrFinal
	}
	own, err := s.ofSeeker(ctx, sk.ID)
	if err != nil {
		return nil, err
	}
	mine := map[int64]Document{}
	for _, d := range own {
		mine[d.ID] = d
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, id := range docIDs {
		d, ok := mine[id]
		if !ok || d.Kind == Photo {
			return nil, valid.New("document_ids", "document_unknown")
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM application_documents WHERE application_id = ?`, appID); err != nil {
			return fmt.Errorf("attach to application %d: %w", appID, err)
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO application_documents (application_id, document_id, attached_at)
				VALUES (?, ?, ?)`, appID, id, now); err != nil {
				return fmt.Errorf("attach document %d to application %d: %w", id, appID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.attached(ctx, appID)
}

func (s *Store) attached(ctx context.Context, appID int64) ([]Document, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM documents d JOIN application_documents ad ON ad.document_id = d.id
		WHERE ad.application_id = ? ORDER BY CASE d.kind WHEN 'cv' THEN 0 WHEN 'sertifikat' THEN 1 WHEN 'ijazah' THEN 2 ELSE 3 END, d.id`, appID)
	if err != nil {
		return nil, fmt.Errorf("documents of application %d: %w", appID, err)
	}
	docs, err := scan(rows)
	for i := range docs {
		docs[i].Applications = []int64{appID}
	}
	return docs, err
}

// employersApplication checks that appID is an application to a vacancy
// of u's company; another company's application is not found.
func (s *Store) employersApplication(ctx context.Context, u *auth.User, appID int64) (employer.Employer, error) {
	if err := auth.Require(u, auth.ManageApplicants); err != nil {
		return employer.Employer{}, err
	}
	emp, err := s.Employers.OfOwner(ctx, u.ID)
	if errors.Is(err, employer.ErrNotRegistered) {
		return employer.Employer{}, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
	}
	if err != nil {
		return employer.Employer{}, err
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
		WHERE a.id = ? AND v.employer_id = ?`, appID, emp.ID).Scan(&n); err != nil {
		return employer.Employer{}, fmt.Errorf("application %d: %w", appID, err)
	}
	if n == 0 {
		return employer.Employer{}, fmt.Errorf("application %d of another employer: %w", appID, db.ErrNotFound)
	}
	return emp, nil
}

// ForApplication lists the documents sent with application appID, to its
// seeker or to the employer it was sent to (without opening them).
func (s *Store) ForApplication(ctx context.Context, u *auth.User, appID int64) ([]Document, error) {
	if auth.Require(u, auth.ManageDocuments) == nil {
		sk, err := s.mine(ctx, u)
		if err != nil {
			return nil, err
		}
		var n int
		if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM applications WHERE id = ? AND seeker_id = ?`, appID, sk.ID).Scan(&n); err != nil {
			return nil, fmt.Errorf("application %d: %w", appID, err)
		}
		if n == 0 {
			return nil, fmt.Errorf("application %d: %w", appID, db.ErrNotFound)
		}
		return s.attached(ctx, appID)
	}
	if _, err := s.employersApplication(ctx, u, appID); err != nil {
		return nil, err
	}
	return s.attached(ctx, appID)
}

// OpenForEmployer opens document docID sent with application appID for
// the HR user u of the company the application went to. Anything else (a
// document not sent with it, another company's application) is not found.
// The opening is audited in the same transaction; the seeker sees it.
func (s *Store) OpenForEmployer(ctx context.Context, u *auth.User, appID, docID int64) (File, error) {
	emp, err := s.employersApplication(ctx, u, appID)
	if err != nil {
		return File{}, err
	}
	var f File
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		f, err = s.open(ctx, tx, `d.id = ? AND EXISTS (SELECT 1 FROM application_documents ad
			WHERE ad.document_id = d.id AND ad.application_id = ?)`, docID, appID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: s.Now(), ActorID: u.ID, Action: "document.read",
			SubjectType: "seeker", SubjectID: f.SeekerID,
			Detail: fmt.Sprintf("%s #%d, lamaran %d, %s", f.Kind, f.ID, appID, emp.Name)})
	})
	return f, err
}

// Reads lists who opened u's documents (employers and officers), newest
// first: the role and the company, never a person's name.
func (s *Store) Reads(ctx context.Context, u *auth.User) ([]Read, error) {
	sk, err := s.mine(ctx, u)
	if err != nil {
		return nil, err
	}
	entries, err := audit.For(ctx, s.DB, "seeker", sk.ID, 200)
	if err != nil {
		return nil, err
	}
	var out []Read
	for _, e := range entries {
		if e.Action != "document.read" {
			continue
		}
		r := Read{At: e.At, Actor: "petugas", Detail: e.Detail}
		// An employer's entry ends with the company's name (OpenForEmployer).
		if parts := strings.SplitN(e.Detail, ", ", 3); len(parts) == 3 {
			r.Actor, r.Employer, r.Detail = "perusahaan", parts[2], parts[0]
		}
		out = append(out, r)
	}
	return out, nil
}

// SizeKB is the stored size in kilobytes, rounded up, for the pages.
func (d Document) SizeKB() int64 { return (d.Size + 1023) / 1024 }
