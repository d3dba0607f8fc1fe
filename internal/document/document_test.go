package document_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"testing"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/document"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/upload"
)

type fixture struct {
	a                          *app.Services
	seeker, hr, otherHR, other auth.User
	appID                      int64 // the demo seeker's open application to the demo employer
}

func user(t *testing.T, a *app.Services, login string) auth.User {
	t.Helper()
	u, err := a.Auth.ByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func setup(t *testing.T, d *db.DB) fixture {
	t.Helper()
	a, _ := apptest.Services(t, d)
	apptest.Demo(t, a)
	f := fixture{a: a, seeker: user(t, a, "pencari@bursa.test"), hr: user(t, a, "perusahaan@bursa.test")}
	f.otherHR = user(t, a, apptest.OtherEmployerHR(t, a))
	f.other = user(t, a, apptest.OtherSeeker(t, a))
	err := d.QueryRowContext(context.Background(), `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id
		JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id
		WHERE s.user_id = ? AND e.owner_id = ? AND a.status NOT IN ('ditolak', 'ditarik', 'diterima') ORDER BY a.id LIMIT 1`,
		f.seeker.ID, f.hr.ID).Scan(&f.appID)
	if err != nil {
		t.Fatal(err)
	}
	// The demo seeker comes with demo documents; these tests start bare.
	docs, _ := a.Documents.List(context.Background(), &f.seeker)
	for _, doc := range docs {
		if err := a.Documents.Delete(context.Background(), &f.seeker, doc.ID); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func photo(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDocumentsFlow: a seeker uploads a CV and a certificate, sends the CV
// with an application; the employer of that vacancy lists and opens it
// (audited, and the seeker sees the reading); another company, another
// seeker and a document not sent are all not found.
func TestDocumentsFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := setup(t, d)
		docs := f.a.Documents
		cvPDF := upload.TextPDF("Siti Nurhayati", "Operator mesin jahit")
		cv, err := docs.Upload(ctx, &f.seeker, document.CV, "CV 2026", bytes.NewReader(cvPDF))
		if err != nil {
			t.Fatal(err)
		}
		cert, err := docs.Upload(ctx, &f.seeker, document.Certificate, "Sertifikat BNSP Menjahit", bytes.NewReader(photo(t, 800, 600)))
		if err != nil {
			t.Fatal(err)
		}
		if cert.Type != upload.JPEG || cv.Type != upload.PDF || cv.Size != int64(len(cvPDF)) {
			t.Fatalf("stored: %+v %+v", cv, cert)
		}
		// Sealed at rest: the stored bytes are not the file.
		var sealed []byte
		if err := d.QueryRowContext(ctx, `SELECT body_enc FROM documents WHERE id = ?`, cv.ID).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(sealed, []byte("Siti Nurhayati")) || bytes.Contains(sealed, []byte("%PDF")) {
			t.Error("document stored in clear")
		}

		if _, err := docs.Attach(ctx, &f.seeker, f.appID, []int64{cv.ID}); err != nil {
			t.Fatal(err)
		}
		list, err := docs.ForApplication(ctx, &f.hr, f.appID)
		if err != nil || len(list) != 1 || list[0].ID != cv.ID {
			t.Fatalf("employer's list: %v %+v", err, list)
		}
		got, err := docs.OpenForEmployer(ctx, &f.hr, f.appID, cv.ID)
		if err != nil || !bytes.Equal(got.Data, cvPDF) {
			t.Fatalf("employer opens the CV: %v", err)
		}
		reads, err := docs.Reads(ctx, &f.seeker)
		if err != nil || len(reads) != 1 || reads[0].Actor != "perusahaan" || reads[0].Employer == "" {
			t.Fatalf("seeker sees the reading: %v %+v", err, reads)
		}

		// Not sent with the application: not found, and not audited.
		apptest.WantIs(t, second(docs.OpenForEmployer(ctx, &f.hr, f.appID, cert.ID)), fail.NotFound)
		// Another company: not found, for the list and the file.
		apptest.WantIs(t, second(docs.OpenForEmployer(ctx, &f.otherHR, f.appID, cv.ID)), fail.NotFound)
		apptest.WantIs(t, second(docs.ForApplication(ctx, &f.otherHR, f.appID)), fail.NotFound)
		// Another seeker: neither the document nor the application.
		apptest.WantIs(t, second(docs.Open(ctx, &f.other, cv.ID)), fail.NotFound)
		apptest.WantIs(t, second(docs.Attach(ctx, &f.other, f.appID, nil)), fail.NotFound)
		apptest.WantIs(t, docs.Delete(ctx, &f.other, cv.ID), fail.NotFound)
		// Another seeker's document cannot be sent with one's application.
		od, err := docs.Upload(ctx, &f.other, document.CV, "", bytes.NewReader(upload.TextPDF("lain")))
		if err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, second(docs.Attach(ctx, &f.seeker, f.appID, []int64{od.ID})), "document_ids", "document_unknown")
		// An employer cannot upload.
		apptest.WantIs(t, second(docs.Upload(ctx, &f.hr, document.CV, "", bytes.NewReader(cvPDF))), fail.Forbidden)
		if reads, _ := docs.Reads(ctx, &f.seeker); len(reads) != 1 {
			t.Errorf("refused openings were audited: %+v", reads)
		}

		// Deleting takes it off the application too.
		if err := docs.Delete(ctx, &f.seeker, cv.ID); err != nil {
			t.Fatal(err)
		}
		apptest.WantIs(t, second(docs.OpenForEmployer(ctx, &f.hr, f.appID, cv.ID)), fail.NotFound)
		if list, _ := docs.ForApplication(ctx, &f.seeker, f.appID); len(list) != 0 {
			t.Errorf("deleted document still sent: %+v", list)
		}
	})
}

func second[T any](_ T, err error) error { return err }

// TestDocumentSafety: crafted files are refused with a field error, by
// their content.
func TestDocumentSafety(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := setup(t, d)
		docs := f.a.Documents
		js := upload.BuildPDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.launchURL('x')) >> >>",
			"<< /Type /Pages /Kids [] /Count 0 >>")
		var huge bytes.Buffer
		huge.Write(photo(t, 32, 32))
		hb := huge.Bytes()
		i := bytes.Index(hb, []byte{0xFF, 0xC0})
		hb[i+5], hb[i+6], hb[i+7], hb[i+8] = 6300>>8, 6300&0xff, 6300>>8, 6300&0xff
		cases := []struct {
			name, kind string
			data       []byte
			code       string
		}{
			{"PDF with JavaScript", document.CV, js, "document_pdf_active"},
			{"PDF with a ZIP behind", document.CV, append(upload.TextPDF("cv"), "PK\x03\x04rest"...), "document_pdf_polyglot"},
			{"6300×6300 photo header", document.Photo, hb, "document_dimensions"},
			{"a photo as a CV", document.CV, photo(t, 10, 10), "document_type"},
			{"a PDF as the photo", document.Photo, upload.TextPDF("x"), "document_type"},
			{"too big", document.Certificate, make([]byte, document.MaxBytes+1), "document_too_big"},
			{"empty", document.Diploma, nil, "document_empty"},
		}
		for _, c := range cases {
			_, err := docs.Upload(ctx, &f.seeker, c.kind, "", bytes.NewReader(c.data))
			if !apptest.HasCode(err, "file", c.code) {
				t.Errorf("%s: %v, want file %s", c.name, err, c.code)
			}
		}
		apptest.WantCode(t, second(docs.Upload(ctx, &f.seeker, "paspor", "", bytes.NewReader(upload.TextPDF("x")))), "kind", "choose_one")
		if list, _ := docs.List(ctx, &f.seeker); len(list) != 0 {
			t.Errorf("refused files were stored: %+v", list)
		}

		// The count limit; a new photo replaces the old one.
		for range document.MaxCount {
			if _, err := docs.Upload(ctx, &f.seeker, document.Photo, "", bytes.NewReader(photo(t, 900, 1200))); err != nil {
				t.Fatal(err)
			}
		}
		p, ok, err := docs.OwnPhoto(ctx, &f.seeker)
		if err != nil || !ok {
			t.Fatalf("own photo: %v %v", ok, err)
		}
		cfg, _, _ := image.DecodeConfig(bytes.NewReader(p.Data))
		if cfg.Height != document.PhotoSide || cfg.Width != 360 {
			t.Errorf("photo kept at %d×%d", cfg.Width, cfg.Height)
		}
		for i := 1; i < document.MaxCount; i++ {
			if _, err := docs.Upload(ctx, &f.seeker, document.Certificate, "", bytes.NewReader(upload.TextPDF("c"))); err != nil {
				t.Fatal(err)
			}
		}
		apptest.WantCode(t, second(docs.Upload(ctx, &f.seeker, document.Diploma, "", bytes.NewReader(upload.TextPDF("d")))), "file", "document_count")
		// The photo is not sent with applications.
		apptest.WantCode(t, second(docs.Attach(ctx, &f.seeker, f.appID, []int64{p.ID})), "document_ids", "document_unknown")
		// An officer who issues cards sees the photo, audited.
		officer := user(t, f.a, "petugas@bursa.test")
		sk, _ := f.a.Seekers.ByUser(ctx, f.seeker.ID)
		if _, err := docs.PhotoForOfficer(ctx, &officer, sk.ID); err != nil {
			t.Fatal(err)
		}
		apptest.WantIs(t, second(docs.PhotoForOfficer(ctx, &f.hr, sk.ID)), fail.Forbidden)
		if reads, _ := docs.Reads(ctx, &f.seeker); len(reads) != 1 || reads[0].Actor != "petugas" {
			t.Errorf("officer's reading: %+v", reads)
		}
	})
}
