package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// postMultipart sends body as the "complaint" part and each file as a
// "files" part; extra parts are sent as named.
func postMultipart(t *testing.T, c *client, path string, body any, files [][]byte, extra map[string]string, out any) int {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if body != nil {
		j, _ := json.Marshal(body)
		if raw, ok := body.(string); ok {
			j = []byte(raw)
		}
		w, _ := mw.CreateFormField("complaint")
		w.Write(j)
	}
	for i, f := range files {
		w, _ := mw.CreateFormFile("files", "bukti"+string(rune('a'+i))+".png")
		w.Write(f)
	}
	for name, v := range extra {
		mw.WriteField(name, v)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

// TestComplaintMultipart files complaints and disputes with evidence sent as
// files rather than base64, and refuses malformed uploads without storing.
func TestComplaintMultipart(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		var photo bytes.Buffer
		png.Encode(&photo, image.NewGray(image.Rect(0, 0, 4, 4)))
		complaintBody := map[string]any{"category": "upah_di_bawah_umk", "region": "3672", "happened_on": "2026-03-01",
			"narrative": "Upah bulan Februari dibayar di bawah UMK Cilegon tanpa penjelasan.", "employer_name": "PT Contoh Baja", "pin": "258036", "monthly_wage": 4000000}

		before, beforeFiles := count(t, d, "complaints"), count(t, d, "complaint_files")
		var p problem
		for _, tc := range []struct {
			name   string
			body   any
			files  [][]byte
			extra  map[string]string
			status int
			field  string
			code   string
		}{
			{"no complaint part", nil, [][]byte{photo.Bytes()}, nil, 400, "", ""},
			{"unknown part", complaintBody, nil, map[string]string{"lampiran": "x"}, 400, "", ""},
			{"eleven files", complaintBody, bytes.SplitAfterN(bytes.Repeat([]byte("x"), 11), nil, 11), nil, 422, "files", "too_many"},
			{"files twice", merge(complaintBody, map[string]any{"files": []string{"AAAA"}}), [][]byte{photo.Bytes()}, nil, 422, "files", "files_twice"},
			{"not an image", complaintBody, [][]byte{[]byte("MZ\x90\x00 not evidence")}, nil, 422, "files", ""},
			{"trailing data after the JSON", `{"category":"lembur"} {"category":"phk"}`, nil, nil, 400, "", ""},
			{"a complaint part over 1 MB", `{"narrative":"` + strings.Repeat("x", 1<<20) + `"}`, nil, nil, 413, "", ""},
		} {
			p = problem{}
			st := postMultipart(t, anon, "/api/v1/complaints", tc.body, tc.files, tc.extra, &p)
			if st != tc.status || (tc.field != "" && tc.code != "" && codeOf(p, tc.field) != tc.code) || (tc.field != "" && !hasField(p, tc.field)) {
				t.Errorf("%s: %d %+v", tc.name, st, p)
			}
		}
		if count(t, d, "complaints") != before || count(t, d, "complaint_files") != beforeFiles {
			t.Fatal("a refused upload stored something")
		}

		var rec struct {
			Code   string `json:"code"`
			Errors []struct{ Field, Code string }
		}
		if st := postMultipart(t, anon, "/api/v1/complaints", complaintBody, [][]byte{photo.Bytes(), photo.Bytes()}, nil, &rec); st != 201 || !strings.HasPrefix(rec.Code, "BK-") {
			t.Fatalf("multipart complaint: %d %+v", st, rec)
		}
		if n := count(t, d, "complaint_files"); n != beforeFiles+2 {
			t.Errorf("%d evidence files stored, want 2", n-beforeFiles)
		}
		// Base64 evidence inside a multipart body with no file parts is taken too.
		b64 := merge(complaintBody, map[string]any{"files": []string{base64.StdEncoding.EncodeToString(photo.Bytes())}})
		if st := postMultipart(t, anon, "/api/v1/complaints", b64, nil, nil, &rec); st != 201 {
			t.Fatalf("base64 in multipart: %d %+v", st, rec)
		}
		beforeFiles++

		seeker := demoClient(t, srv.URL, "pencari@bursa.test")
		dispute := map[string]any{"type": "phk", "employer_name": "PT Contoh Baja", "region": "3672", "bipartite_started": "2026-02-01",
			"narrative": "Saya diberhentikan tanpa pesangon setelah menolak lembur tanpa upah."}
		if st := postMultipart(t, seeker, "/api/v1/disputes", dispute, [][]byte{photo.Bytes()}, nil, &rec); st != 201 {
			t.Fatalf("multipart dispute: %d", st)
		}
		if n := count(t, d, "complaint_files"); n != beforeFiles+3 {
			t.Errorf("dispute evidence not stored: %d", n-beforeFiles)
		}
	})
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func hasField(p problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}
