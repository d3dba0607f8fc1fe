package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/upload"
)

// upload posts one file as multipart/form-data (kind, title, file).
func (c *client) upload(kind, title string, data []byte, out any) (int, []byte) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("kind", kind)
	mw.WriteField("title", title)
	fw, _ := mw.CreateFormFile("file", "berkas.pdf")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/api/v1/me/documents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(body, out); err != nil {
			c.t.Fatal(err)
		}
	}
	return resp.StatusCode, body
}

func (c *client) fetch(path string) (*http.Response, []byte) {
	c.t.Helper()
	resp, err := c.c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

// TestDocumentsAPI: upload (and refusals as 422 on file), list, choose for
// an application, the employer's list and audited download with attachment
// and nosniff, another company's 404, delete.
func TestDocumentsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		seeker, hr := demoClient(t, srv.URL, "pencari@bursa.test"), demoClient(t, srv.URL, "perusahaan@bursa.test")
		other := loginClient(t, srv.URL, apptest.OtherEmployerHR(t, srv.Services), apptest.OtherPassword)

		cv := upload.TextPDF("API CV")
		var doc api.DocumentJSON
		if st, body := seeker.upload("cv", "CV lewat API", cv, &doc); st != 201 {
			t.Fatalf("upload: %d %s", st, body)
		}
		if doc.MediaType != "application/pdf" || doc.Size != int64(len(cv)) || doc.Kind != "cv" {
			t.Fatalf("uploaded: %+v", doc)
		}
		js := upload.BuildPDF("<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 3 0 R >> >>", "<< /Type /Pages /Kids [] /Count 0 >>",
			"<< /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >>")
		st, body := seeker.upload("cv", "", js, nil)
		var p problem
		json.Unmarshal(body, &p)
		if st != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "file" || p.Errors[0].Code != "document_pdf_active" {
			t.Fatalf("PDF with JavaScript: %d %s", st, body)
		}
		if st, body := seeker.upload("cv", "", make([]byte, 5<<20+10), nil); st != 422 || !strings.Contains(string(body), "document_too_big") {
			t.Fatalf("6 MB: %d %s", st, body)
		}
		if st, _ := hr.upload("cv", "", cv, nil); st != 403 {
			t.Errorf("employer uploads: %d", st)
		}

		var mine []api.DocumentJSON
		if st, _ := seeker.do("GET", "/api/v1/me/documents", nil, &mine); st != 200 || len(mine) < 1 {
			t.Fatalf("list: %d %+v", st, mine)
		}

		var appID int64
		if err := d.QueryRowContext(t.Context(), `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id JOIN users u ON u.id = s.user_id
			WHERE u.email = 'pencari@bursa.test' AND a.status = 'wawancara' ORDER BY a.id LIMIT 1`).Scan(&appID); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/applications/%d/documents", appID)
		var sent []api.DocumentJSON
		if st, _ := seeker.do("PUT", path, map[string]any{"document_ids": []int64{doc.ID}}, &sent); st != 200 || len(sent) != 1 || sent[0].ID != doc.ID {
			t.Fatalf("choose: %d %+v", st, sent)
		}
		if st, _ := hr.do("GET", path, nil, &sent); st != 200 || len(sent) != 1 {
			t.Fatalf("employer's list: %d %+v", st, sent)
		}
		resp, got := hr.fetch(fmt.Sprintf("%s/%d", path, doc.ID))
		if resp.StatusCode != 200 || !bytes.Equal(got, cv) {
			t.Fatalf("employer download: %d", resp.StatusCode)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
			resp.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("download headers: %v", resp.Header)
		}
		if n := count(t, d, "audit_log WHERE action = 'document.read'"); n != 1 {
			t.Errorf("%d audit entries for one download", n)
		}
		// Another company: 404 for the list and the file.
		if st, _ := other.do("GET", path, nil, nil); st != 404 {
			t.Errorf("other company's list: %d", st)
		}
		if resp, _ := other.fetch(fmt.Sprintf("%s/%d", path, doc.ID)); resp.StatusCode != 404 {
			t.Errorf("other company's download: %d", resp.StatusCode)
		}
		// Nobody: 401.
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if resp, _ := anon.fetch(fmt.Sprintf("%s/%d", path, doc.ID)); resp.StatusCode != 401 {
			t.Errorf("anonymous download: %d", resp.StatusCode)
		}
		if st, _ := seeker.do("DELETE", fmt.Sprintf("/api/v1/me/documents/%d", doc.ID), nil, nil); st != 204 {
			t.Fatalf("delete: %d", st)
		}
		if resp, _ := hr.fetch(fmt.Sprintf("%s/%d", path, doc.ID)); resp.StatusCode != 404 {
			t.Errorf("download after delete: %d", resp.StatusCode)
		}
	})
}

// TestAK1ReportAPI: the schedule, a report in its window (201), a second
// one (409), a field error (422).
func TestAK1ReportAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		var issued time.Time
		if err := d.QueryRowContext(t.Context(), `SELECT c.issued_on FROM ak1_cards c JOIN seekers s ON s.id = c.seeker_id
			JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' ORDER BY c.id DESC LIMIT 1`).Scan(&issued); err != nil {
			t.Fatal(err)
		}
		srv.Clock.T = issued.AddDate(0, 6, 3).Add(5 * time.Hour)
		seeker := demoClient(t, srv.URL, "pencari@bursa.test")
		var st api.AK1ReportStateJSON
		if code, _ := seeker.do("GET", "/api/v1/me/ak1/report", nil, &st); code != 200 || !st.Open || st.Period != 1 || st.Last != nil {
			t.Fatalf("state: %d %+v", code, st)
		}
		var p problem
		if code, _ := seeker.do("POST", "/api/v1/me/ak1/report", map[string]string{"status": "bekerja"}, &p); code != 422 || p.Errors[0].Field != "employer" {
			t.Fatalf("working without a place: %d %+v", code, p)
		}
		var r api.AK1ReportJSON
		if code, _ := seeker.do("POST", "/api/v1/me/ak1/report", map[string]string{"status": "mencari"}, &r); code != 201 || r.Period != 1 {
			t.Fatalf("report: %d %+v", code, r)
		}
		if code, _ := seeker.do("POST", "/api/v1/me/ak1/report", map[string]string{"status": "mencari"}, nil); code != 409 {
			t.Fatalf("second report: %d", code)
		}
		if code, _ := seeker.do("GET", "/api/v1/me/ak1/report", nil, &st); code != 200 || st.Open || st.Period != 2 || st.Last == nil {
			t.Fatalf("state after: %d %+v", code, st)
		}
	})
}

// TestProfileAPI: the profile reads and changes through the API, and
// skills and occupations are found by typing.
func TestProfileAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		seeker := demoClient(t, srv.URL, "pencari@bursa.test")
		var p api.ProfileJSON
		if code, _ := seeker.do("GET", "/api/v1/me/profile", nil, &p); code != 200 || p.FullName != "Siti Nurhayati" {
			t.Fatalf("profile: %d %+v", code, p)
		}
		var hits struct{ Items []api.SkillJSON }
		if code, _ := seeker.do("GET", "/api/v1/skills?q=las", nil, &hits); code != 200 || len(hits.Items) == 0 {
			t.Fatalf("skills: %d %+v", code, hits)
		}
		p.Skills = append(p.Skills, hits.Items[0].Code)
		var got api.ProfileJSON
		if code, _ := seeker.do("PUT", "/api/v1/me/profile", api.ProfileInput{ProfileJSON: p}, &got); code != 200 || len(got.Skills) != len(p.Skills) {
			t.Fatalf("put: %d %+v", code, got)
		}
		p.Occupation = "12"
		var pr problem
		if code, _ := seeker.do("PUT", "/api/v1/me/profile", api.ProfileInput{ProfileJSON: p}, &pr); code != 422 || pr.Errors[0].Field != "occupation" {
			t.Fatalf("bad occupation: %d %+v", code, pr)
		}
		var occ struct{ Items []api.OccupationJSON }
		if code, _ := seeker.do("GET", "/api/v1/occupations?q=pengemudi", nil, &occ); code != 200 || len(occ.Items) == 0 {
			t.Fatalf("occupations: %d", code)
		}
		hr := demoClient(t, srv.URL, "perusahaan@bursa.test")
		if code, _ := hr.do("GET", "/api/v1/me/profile", nil, nil); code != 403 {
			t.Errorf("employer's profile: %d", code)
		}
	})
}
