package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/upload"
	"github.com/bursa-banten/bursa/internal/wib"
)

func (b *browser) upload(kind, title string, data []byte) (int, string, http.Header) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("kind", kind)
	mw.WriteField("title", title)
	fw, _ := mw.CreateFormFile("file", "berkas")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", b.base+"/pencari/dokumen", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// TestDocumentPages: the demo seeker's documents page, an upload and a
// refused one, the photo on the AK/1 card and the officer's page, the
// printable CV, documents ticked on the apply form, the employer's list
// and download (audited and shown to the seeker), another company's 404.
func TestDocumentPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		officer := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")

		st, body, _ := seeker.get("/pencari/dokumen")
		for _, want := range []string{"CV Siti Nurhayati", "Sertifikat BNSP", "Pas foto AK/1", `enctype="multipart/form-data"`, `class="doc-list"`} {
			if st != 200 || !strings.Contains(body, want) {
				t.Fatalf("documents page (%d) lacks %q", st, want)
			}
		}
		if st, _, h := seeker.upload("ijazah", "Ijazah SMK", upload.TextPDF("IJAZAH")); st != http.StatusSeeOther {
			t.Fatalf("upload: %d", st)
		} else if _, body, _ := seeker.get(h.Get("Location")); !strings.Contains(body, "Ijazah SMK") {
			t.Fatal("uploaded diploma not listed")
		}
		js := upload.BuildPDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (x) >> >>", "<< /Type /Pages /Kids [] /Count 0 >>")
		if st, body, _ := seeker.upload("cv", "", js); st != 422 || !strings.Contains(body, a.Catalog.T("id", "err.document_pdf_active")) {
			t.Fatalf("active PDF: %d", st)
		}

		// The photo on the card, served inline as a re-encoded JPEG.
		if _, body, _ := seeker.get("/pencari/ak1"); !strings.Contains(body, `src="/pencari/foto"`) {
			t.Error("the AK/1 card shows no photo")
		}
		if st, _, h := seeker.get("/pencari/foto"); st != 200 || h.Get("Content-Type") != "image/jpeg" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("own photo: %d %v", st, h)
		}
		var sid int64
		if err := d.QueryRowContext(ctx, `SELECT s.id FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&sid); err != nil {
			t.Fatal(err)
		}
		if _, body, _ := officer.get(fmt.Sprintf("/petugas/pencari/%d", sid)); !strings.Contains(body, fmt.Sprintf(`src="/petugas/pencari/%d/foto"`, sid)) {
			t.Error("the officer's page shows no photo")
		}
		if st, _, _ := officer.get(fmt.Sprintf("/petugas/pencari/%d/foto", sid)); st != 200 {
			t.Errorf("officer's photo: %d", st)
		}
		if st, _, _ := hr.get(fmt.Sprintf("/petugas/pencari/%d/foto", sid)); st != 403 {
			t.Errorf("employer asks for the officer's photo: %d", st)
		}
		if st, body, _ := seeker.get("/pencari/cv"); st != 200 || !strings.Contains(body, "Siti Nurhayati") || !strings.Contains(body, "Sertifikat BNSP") {
			t.Errorf("printable CV: %d", st)
		}

		// Apply with the CV ticked: it goes with the new application.
		var vid int64
		if err := d.QueryRowContext(ctx, `SELECT v.id FROM vacancies v JOIN employers e ON e.id = v.employer_id JOIN users u ON u.id = e.owner_id
			WHERE u.email = 'perusahaan@bursa.test' AND v.status = 'published' AND v.closes_on >= ? AND NOT EXISTS (SELECT 1 FROM applications a
			JOIN seekers s ON s.id = a.seeker_id WHERE a.vacancy_id = v.id AND s.id = ?) ORDER BY v.id LIMIT 1`, wib.Date(a.Clock.T), sid).Scan(&vid); err != nil {
			t.Fatal(err)
		}
		var cvID int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM documents WHERE seeker_id = ? AND kind = 'cv'`, sid).Scan(&cvID); err != nil {
			t.Fatal(err)
		}
		if _, body, _ := seeker.get(fmt.Sprintf("/lowongan/%d", vid)); !strings.Contains(body, fmt.Sprintf(`name="doc" value="%d" checked`, cvID)) {
			t.Fatal("the apply form does not offer the CV")
		}
		if st, _, _ := seeker.post(fmt.Sprintf("/lowongan/%d/lamar", vid), url.Values{"doc": {fmt.Sprint(cvID)}}); st != http.StatusSeeOther {
			t.Fatalf("apply: %d", st)
		}
		var app int64
		if err := d.QueryRowContext(ctx, `SELECT application_id FROM application_documents ad JOIN applications a ON a.id = ad.application_id
			WHERE a.vacancy_id = ? AND ad.document_id = ?`, vid, cvID).Scan(&app); err != nil {
			t.Fatalf("the CV did not go with the application: %v", err)
		}

		// The employer sees it from the applicant list and downloads it.
		if _, body, _ := hr.get(fmt.Sprintf("/perusahaan/lowongan/%d", vid)); !strings.Contains(body, fmt.Sprintf(`/perusahaan/lamaran/%d/dokumen`, app)) {
			t.Error("the applicant list has no link to the documents")
		}
		st, body, _ = hr.get(fmt.Sprintf("/perusahaan/lamaran/%d/dokumen", app))
		link := fmt.Sprintf("/perusahaan/lamaran/%d/dokumen/%d", app, cvID)
		if st != 200 || !strings.Contains(body, link) {
			t.Fatalf("employer's documents page: %d", st)
		}
		st, body, h := hr.get(link)
		if st != 200 || !strings.HasPrefix(body, "%PDF-") || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
			t.Fatalf("employer download: %d %v", st, h)
		}
		if _, body, _ := seeker.get("/pencari/dokumen"); !strings.Contains(body, "PT Baja Mandiri") {
			t.Error("the seeker does not see the employer's reading")
		}

		// Another company: not found.
		other := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		login := apptest.OtherEmployerHR(t, a.Services)
		if st, _, _ := other.post("/masuk", url.Values{"login": {login}, "password": {apptest.OtherPassword}}); st != http.StatusSeeOther {
			t.Fatal("other login")
		}
		for _, p := range []string{fmt.Sprintf("/perusahaan/lamaran/%d/dokumen", app), link} {
			if st, _, _ := other.get(p); st != 404 {
				t.Errorf("other company %s: %d", p, st)
			}
		}
		// Unticking sends nothing any more.
		if st, _, _ := seeker.post(fmt.Sprintf("/pencari/lamaran/%d/dokumen", app), url.Values{}); st != http.StatusSeeOther {
			t.Fatal("untick")
		}
		if st, _, _ := hr.get(link); st != 404 {
			t.Errorf("download after unticking: %d", st)
		}
	})
}
