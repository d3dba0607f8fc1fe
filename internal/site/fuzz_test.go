package site_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// The create and change requests of both doors, with ids that exist in the
// demo province; FuzzRequests sends anything to them.
var (
	apiPosts = []string{"/api/v1/session", "/api/v1/vacancies", "/api/v1/vacancies/1/applications",
		"/api/v1/vacancies/1/applications/seen", "/api/v1/vacancies/1/invitations", "/api/v1/applications/1/status",
		"/api/v1/applications/1/placement", "/api/v1/training/programs", "/api/v1/training/programs/1/enrollments",
		"/api/v1/training/rounds", "/api/v1/training/rounds/1/applications", "/api/v1/training/rounds/1/appeals",
		"/api/v1/training/appeals/1/decision", "/api/v1/training/enrollments/1/attendance",
		"/api/v1/training/enrollments/1/completion", "/api/v1/training/enrollments/1/certificate", "/api/v1/complaints",
		"/api/v1/complaints/BK-0000-0000/messages", "/api/v1/complaints/BK-0000-0000/membership", "/api/v1/disputes",
		"/api/v1/cases/1/state", "/api/v1/cases/1/assignment", "/api/v1/cases/1/findings", "/api/v1/cases/1/sessions",
		"/api/v1/cases/1/responses", "/api/v1/cases/1/complaints/1/messages", "/api/v1/aspirations",
		"/api/v1/aspirations/1/supports", "/api/v1/aspirations/1/answers"}
	pagePosts = []string{"/lowongan/1/lamar", "/lapor-calo", "/masuk", "/daftar", "/akun/sandi", "/bahasa",
		"/pencari/profil", "/perusahaan/daftar", "/perusahaan/lowongan/baru", "/perusahaan/lowongan/1/ubah",
		"/perusahaan/lowongan/1/status", "/perusahaan/lamaran/1/status", "/perusahaan/lamaran/1/terima",
		"/perusahaan/lowongan/1/undang", "/pelatihan/gelombang/1/daftar", "/pelatihan/keberatan/1",
		"/lembaga/program/baru", "/lembaga/program/1/ubah", "/lembaga/peserta/1/kehadiran", "/lembaga/gelombang/baru",
		"/pengaduan", "/pengaduan/lacak", "/pengaduan/perselisihan", "/pengawasan/kasus/1/status",
		"/pengawasan/kasus/1/temuan", "/pengawasan/kasus/1/sidang", "/admin/petugas", "/aspirasi", "/aspirasi/1/jawab",
		"/petugas/perusahaan/1", "/petugas/pencari/1/ak1"}
	queries = []string{"/lowongan", "/api/v1/vacancies", "/laporan-lowongan", "/api/v1/reports/vacancies", "/pelatihan",
		"/api/v1/training/programs", "/api/v1/cases", "/api/v1/calendar", "/kesenjangan", "/api/v1/skill-gaps",
		"/api/v1/training/appeals", "/pengawasan", "/api/v1/complaint-stats"}
	roles = []string{"", "pencari@bursa.test", "perusahaan@bursa.test", "petugas@bursa.test", "pengawas@bursa.test",
		"lembaga@bursa.test", "serikat@bursa.test", "admin@bursa.test"}
)

// FuzzRequests: whatever a client sends to any create or change request of
// either door, or in the query of a search or report, as any role, the
// answer is never a server error (5xx) and never a panic: every decoder
// (JSON, forms, multipart, query parameters, path ids) refuses bad input
// with 4xx. `go test -fuzz=FuzzRequests ./internal/site` explores further.
func FuzzRequests(f *testing.F) {
	a := apptest.Start(f, dbtest.SQLite(f), true)
	h := a.Handler
	cookies := make([]*http.Cookie, len(roles))
	for i, who := range roles[1:] {
		resp, err := a.Client.Post(a.URL+"/api/v1/session", "application/json",
			strings.NewReader(`{"login":"`+who+`","password":"bursa-demo"}`))
		if err != nil {
			f.Fatal(err)
		}
		resp.Body.Close()
		for _, c := range resp.Cookies() {
			if c.Name == "bursa_session" {
				cookies[i+1] = c
			}
		}
	}
	for _, s := range []struct {
		kind, path, role uint8
		body, query      string
	}{
		{0, 1, 2, `{"title":"Operator","kbji":"8189","region":"3672","openings":1,"wage_min":5500000,"wage_max":6000000}`, ""},
		{0, 2, 1, `{"note":"siap"}`, ""},
		{0, 16, 0, `{"category":"upah","employer_name":"PT X","region":"3672","narrative":"x","pin":"123456"}`, ""},
		{0, 5, 2, `{"status":"ditolak"}`, ""},
		{1, 8, 2, "title=Operator&kbji=8189&region=3672&openings=1", ""},
		{1, 2, 0, "login=a%00b&password=x", ""},
		{1, 20, 1, "category=upah&narrative=%FF", ""},
		{2, 0, 0, "", "q=las&region=3672&min_wage=abc&page=-1"},
		{2, 2, 3, "", "from=2026-13-01&to=2025-01-01&region=9999"},
		{2, 5, 0, "", "tag=" + strings.Repeat("x", 40) + "&free=maybe"},
	} {
		f.Add(s.kind, s.path, s.role, []byte(s.body), s.query)
	}
	f.Fuzz(func(t *testing.T, kind, path, role uint8, body []byte, query string) {
		var req *http.Request
		switch kind % 3 {
		case 0:
			req = httptest.NewRequest("POST", apiPosts[int(path)%len(apiPosts)], strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
		case 1:
			req = httptest.NewRequest("POST", pagePosts[int(path)%len(pagePosts)], strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
		default:
			req = httptest.NewRequest("GET", queries[int(path)%len(queries)], nil)
			req.URL.RawQuery = query
		}
		if c := cookies[int(role)%len(cookies)]; c != nil {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s?%s as %q with %q: %d %.300s", req.Method, req.URL.Path, req.URL.RawQuery,
				roles[int(role)%len(roles)], body, rec.Code, rec.Body.String())
		}
	})
}
