package api

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/fail"
)

// decodeFuzz runs the complaint body decoder over one request body and
// checks what any body must give: no panic, an error of a known kind (never
// an internal one), at most MaxEvidenceFiles files of at most one byte over
// the limit each.
func decodeFuzz(t *testing.T, contentType string, body []byte) {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/complaints", bytes.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	var b ComplaintBody
	files, err := decodeWithFiles(httptest.NewRecorder(), &call{Request: r}, &b, &b.Files)
	defer complaint.CloseUploads(files)
	if err != nil {
		if fail.KindOf(err) == fail.Internal {
			t.Fatalf("internal error for a bad body: %v", err)
		}
		return
	}
	if len(files) > complaint.MaxEvidenceFiles {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		if f.Len() > complaint.MaxEvidenceBytes+1 {
			t.Fatalf("a file of %d bytes", f.Len())
		}
	}
}

// FuzzComplaintJSON: the JSON complaint body with base64 evidence.
func FuzzComplaintJSON(f *testing.F) {
	f.Add([]byte(`{"category":"lembur","region":"3604","narrative":"Lembur tidak dibayar sejak Januari.","happened_on":"2026-02-20","pin":"401927","files":["iVBORw0KGgo="]}`))
	f.Add([]byte(`{"files":["***"],"members":[{"name":"A","consent":true}]}`))
	f.Add([]byte(`{"narrative":"\u0000"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		decodeFuzz(t, "application/json", body)
	})
}

// FuzzComplaintMultipart: the multipart complaint form, parts and all.
func FuzzComplaintMultipart(f *testing.F) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.SetBoundary("fuzzfuzzfuzz")
	w, _ := mw.CreateFormField("complaint")
	w.Write([]byte(`{"category":"lembur","region":"3604","pin":"401927"}`))
	fw, _ := mw.CreateFormFile("files", "a.jpg")
	fw.Write([]byte("\xFF\xD8\xFF\xE0 data"))
	mw.Close()
	f.Add(b.Bytes())
	f.Add([]byte("--fuzzfuzzfuzz\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nx\r\n--fuzzfuzzfuzz--\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		decodeFuzz(t, "multipart/form-data; boundary=fuzzfuzzfuzz", body)
	})
}
