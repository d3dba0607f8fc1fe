package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ledgertext"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

type transparencyData struct {
	Size         int64
	Root         string
	Key          string
	Origin       string
	Checkpoint   string
	Base         string
	Cosignatures []ledger.Cosignature
	// Losses are the log's signed loss notices, newest first: a loss is
	// told to the public where they look, not only to verifiers.
	Losses []lossRow
	// The log in words, newest first, as the filter chooses.
	Log logPage
}

type lossRow struct {
	ledger.Notice
	Epoch  int
	Signed string
}

// transparency is the public "Transparansi" page: the log in plain words
// (filtered, paged, with its Atom feed), what it holds and why, how to
// check it with one's own software, and its current state.
func (s *Server) transparency(w http.ResponseWriter, r *req) error {
	l := s.App.Ledger
	if l == nil {
		return db.ErrNotFound
	}
	t, cp, err := l.Published(r.Context())
	if err != nil {
		return err
	}
	d := transparencyData{Size: t.N, Root: base64.StdEncoding.EncodeToString(t.Hash[:]), Key: l.VerifierKey,
		Origin: l.Origin(), Checkpoint: string(cp), Base: s.baseURL(r.Request)}
	if d.Log, err = s.logPage(r, t.N); err != nil {
		return err
	}
	if d.Cosignatures, err = l.Cosignatures(r.Context(), 5); err != nil {
		return err
	}
	notices, err := ledger.Notices(r.Context(), s.App.DB)
	if err != nil {
		return err
	}
	for i := len(notices) - 1; i >= 0; i-- {
		n, err := notices[i].Parsed()
		if err != nil {
			return fmt.Errorf("loss notice of epoch %d: %w", notices[i].Epoch, err)
		}
		d.Losses = append(d.Losses, lossRow{Notice: n, Epoch: notices[i].Epoch, Signed: notices[i].Notice})
	}
	b := s.newBase(w, r, "ledger.title")
	b.Feed, b.FeedTitle = "/transparansi/feed.atom"+d.Log.Filter.query(0), s.Catalog.T(r.Lang, "ledger.feed_title")
	if d.Log.Filter.Before > 0 || d.Log.Filter.any() {
		// Older pages and filtered views are reached from the first page.
		b.Robots = "noindex"
	}
	return s.render(w, http.StatusOK, "transparansi", b, d)
}

type recordData struct {
	Line     ledgertext.Line
	Sentence template.HTML // Line.HTML: escaped by ledgertext, links added
	N        int64
	Record   string
	Kind     string
	URL      string
	QR       template.HTML
	Included bool // in the published (signed) tree
	Size     int64
}

// ledgerRecord shows one record, with a QR code to this page: what a
// receipt points to.
func (s *Server) ledgerRecord(w http.ResponseWriter, r *req) error {
	l := s.App.Ledger
	if l == nil {
		return db.ErrNotFound
	}
	n, err := strconv.ParseInt(r.PathValue("n"), 10, 64)
	if err != nil || n < 0 {
		return db.ErrNotFound
	}
	it, err := ledger.Get(r.Context(), s.App.DB, n)
	if err != nil {
		return err
	}
	t, _, err := l.Published(r.Context())
	if err != nil {
		return err
	}
	lines, err := s.App.LedgerText.Say(r.Context(), r.Lang, []ledger.Item{it})
	if err != nil {
		return err
	}
	d := recordData{Line: lines[0], Sentence: template.HTML(lines[0].HTML), N: n, Record: string(it.Data), Kind: it.Kind, Included: n < t.N, Size: t.N,
		URL: s.baseURL(r.Request) + "/transparansi/catatan/" + strconv.FormatInt(n, 10)}
	if d.QR, err = qrSVG(d.URL); err != nil {
		return err
	}
	b := s.newBase(w, r, "ledger.record_title")
	return s.render(w, http.StatusOK, "ledger_record", b, d)
}

type receiptPage struct {
	Receipt  vacancy.Receipt
	Title    string
	Employer string
	N        int64
	QR       template.HTML
	URL      string
	Base     string
	Included bool
}

// applicationReceiptPage shows an applicant the receipt of one application:
// its record in the public log, with a QR code to it, the salt that opens
// the commitment, and the file to check with `bursa verify --receipt`.
func (s *Server) applicationReceiptPage(w http.ResponseWriter, r *req) error {
	rc, err := s.ownReceipt(r)
	if err != nil {
		return err
	}
	v, err := s.App.Vacancies.Get(r.Context(), rc.VacancyID)
	if err != nil {
		return err
	}
	t, _, err := s.App.Ledger.Published(r.Context())
	if err != nil {
		return err
	}
	d := receiptPage{Receipt: rc, Title: v.Title, Employer: v.EmployerName, N: rc.LedgerN, Included: rc.LedgerN < t.N,
		Base: s.baseURL(r.Request),
		URL:  s.baseURL(r.Request) + "/transparansi/catatan/" + strconv.FormatInt(rc.LedgerN, 10)}
	if d.QR, err = qrSVG(d.URL); err != nil {
		return err
	}
	b := s.newBase(w, r, "ledger.receipt_title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "receipt", b, d)
}

// ownReceipt is the receipt of the path's application, for the seeker who sent it.
func (s *Server) ownReceipt(r *req) (vacancy.Receipt, error) {
	id, err := pathID(r)
	if err != nil {
		return vacancy.Receipt{}, err
	}
	return s.App.Vacancies.ReceiptFor(r.Context(), r.User, id)
}

// applicationReceipt downloads an applicant's receipt: the record, its
// inclusion proof in the latest signed checkpoint, and the salt that opens
// the commitment — the file `bursa verify --receipt` checks.
func (s *Server) applicationReceipt(w http.ResponseWriter, r *req) error {
	rc, err := s.ownReceipt(r)
	if err != nil {
		return err
	}
	id := rc.ApplicationID
	p, err := s.App.Ledger.Prove(r.Context(), rc.LedgerN)
	if errors.Is(err, db.ErrNotFound) {
		// Appended after the last checkpoint: signed within a second.
		if _, err := s.App.Ledger.Checkpoint(r.Context()); err != nil {
			return err
		}
		p, err = s.App.Ledger.Prove(r.Context(), rc.LedgerN)
	}
	if err != nil {
		return err
	}
	out := struct {
		ledger.Proof
		Kind          string    `json:"kind"`
		ApplicationID int64     `json:"application_id"`
		VacancyID     int64     `json:"vacancy_id"`
		SeekerID      int64     `json:"seeker_id"`
		Salt          string    `json:"salt"`
		Commitment    string    `json:"commitment"`
		Formula       string    `json:"commitment_formula"`
		IssuedAt      time.Time `json:"issued_at"`
	}{p, ledger.ApplicationReceived, rc.ApplicationID, rc.VacancyID, rc.SeekerID, rc.Salt, rc.Commitment,
		`hex(SHA-256("bursa-commit-v1\n" + salt + "\napplication\n" + seeker_id + "\n" + vacancy_id))`, s.App.Now().UTC()}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="tanda-terima-lamaran-`+strconv.FormatInt(id, 10)+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
