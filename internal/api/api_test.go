package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

type client struct {
	t    *testing.T
	base string
	c    *http.Client
}

func (c *client) do(method, path string, body any, out any) (int, http.Header) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: decode %q: %v", method, path, data, err)
		}
	}
	return resp.StatusCode, resp.Header
}

// demoClient is a client logged in as demo account who.
func demoClient(t *testing.T, base, who string) *client {
	t.Helper()
	return loginClient(t, base, who, "bursa-demo")
}

// loginClient is a client logged in as who.
func loginClient(t *testing.T, base, who, password string) *client {
	t.Helper()
	c := &client{t: t, base: base, c: apptest.NewClient()}
	if st, _ := c.do("POST", "/api/v1/session", map[string]string{"login": who, "password": password}, nil); st != 200 {
		t.Fatalf("login %s: %d", who, st)
	}
	return c
}

type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field, Code, Detail string
	} `json:"errors"`
}

func count(t *testing.T, d *db.DB, table string) int {
	var n int
	if err := d.QueryRowContext(t.Context(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		clk := srv.Clock
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		hr := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker := &client{t: t, base: srv.URL, c: apptest.NewClient()}

		var regions struct {
			Items []struct {
				Code string
				UMK  map[string]int64
			}
		}
		if st, _ := anon.do("GET", "/api/v1/regions", nil, &regions); st != 200 || len(regions.Items) != 8 {
			t.Fatalf("regions: %d, %d items", st, len(regions.Items))
		}
		for _, r := range regions.Items {
			if r.Code == "3672" && r.UMK["2026"] != 5469922 {
				t.Errorf("Cilegon UMK 2026 = %d", r.UMK["2026"])
			}
		}

		var list struct {
			Items []struct {
				ID     int64
				Region string
				Title  string
			}
			Total int
		}
		if st, _ := anon.do("GET", "/api/v1/vacancies?region=3672&per_page=100", nil, &list); st != 200 || list.Total == 0 {
			t.Fatalf("search Cilegon: %d, total %d", st, list.Total)
		}
		for _, v := range list.Items {
			if v.Region != "3672" {
				t.Errorf("vacancy %d in %s listed under 3672", v.ID, v.Region)
			}
		}

		var p problem
		st, hdr := anon.do("GET", "/api/v1/vacancies?region=9999&page=x", nil, &p)
		if st != 422 || hdr.Get("Content-Type") != "application/problem+json" || len(p.Errors) == 0 {
			t.Fatalf("bad filter: %d %s %+v", st, hdr.Get("Content-Type"), p)
		}

		// Login: wrong password is a field error; the right one sets a cookie.
		p = problem{}
		if st, _ := hr.do("POST", "/api/v1/session", map[string]string{"login": "perusahaan@bursa.test", "password": "salah"}, &p); st != 422 || p.Errors[0].Code != "login_wrong" {
			t.Fatalf("wrong password: %d %+v", st, p)
		}
		if st, _ := hr.do("POST", "/api/v1/session", map[string]string{"login": "perusahaan@bursa.test", "password": "bursa-demo"}, nil); st != 200 {
			t.Fatalf("login: %d", st)
		}
		if st, _ := seeker.do("POST", "/api/v1/session", map[string]string{"login": "pencari@bursa.test", "password": "bursa-demo"}, nil); st != 200 {
			t.Fatalf("seeker login: %d", st)
		}

		// Below the UMK: 422 naming the UMK, and nothing written.
		before := count(t, d, "vacancies")
		in := map[string]any{"title": "Operator Crane", "kbji": "8343", "skills": []string{}, "education": "smk", "region": "3672",
			"openings": 2, "wage_min": 5000000, "wage_max": 6000000, "contract": "pkwt",
			"closes_on": clk.T.AddDate(0, 0, 20).Format("2006-01-02"), "description": "Mengoperasikan crane di pelabuhan Ciwandan."}
		p = problem{}
		if st, _ := hr.do("POST", "/api/v1/vacancies", in, &p); st != 422 || p.Errors[0].Field != "wage_min" ||
			!strings.Contains(p.Errors[0].Detail, "Rp 5.469.922") {
			t.Fatalf("below UMK: %d %+v", st, p)
		}
		if after := count(t, d, "vacancies"); after != before {
			t.Fatalf("a refused vacancy was stored: %d -> %d", before, after)
		}
		// English on request.
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/vacancies", strings.NewReader(`{"title":"x"}`))
		req.Header.Set("Accept-Language", "en-US,en;q=0.9")
		req.Header.Set("Content-Type", "application/json")
		resp, err := hr.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 422 || !strings.Contains(string(body), "Invalid input") {
			t.Fatalf("english problem: %d %s", resp.StatusCode, body)
		}
		// Unknown fields are refused, not ignored.
		if st, _ := hr.do("POST", "/api/v1/vacancies", map[string]any{"titel": "typo"}, &p); st != 400 {
			t.Fatalf("unknown field: %d", st)
		}

		in["wage_min"] = 5500000
		var v struct {
			ID     int64
			Status string
		}
		if st, _ := hr.do("POST", "/api/v1/vacancies", in, &v); st != 201 || v.Status != "published" {
			t.Fatalf("create: %d %+v", st, v)
		}

		// Seekers apply once; the second try says so.
		var app struct {
			ID     int64
			Status string
			Events []struct{ Status string }
		}
		path := fmt.Sprintf("/api/v1/vacancies/%d/applications", v.ID)
		if st, _ := seeker.do("POST", path, map[string]string{"note": "Siap kerja shift."}, &app); st != 201 || app.Status != "dikirim" || len(app.Events) != 1 {
			t.Fatalf("apply: %d %+v", st, app)
		}
		p = problem{}
		if st, _ := seeker.do("POST", path, nil, &p); st != 422 || p.Errors[0].Code != "already_applied" {
			t.Fatalf("second apply: %d %+v", st, p)
		}
		if st, _ := anon.do("POST", path, nil, &p); st != 401 {
			t.Fatalf("anonymous apply: %d", st)
		}

		// Only the employer sees applicants, and never a NIK.
		if st, _ := seeker.do("GET", path, nil, nil); st != 403 {
			t.Fatalf("seeker reads applicants: %d", st)
		}
		var raw json.RawMessage
		if st, _ := hr.do("GET", path, nil, &raw); st != 200 || !strings.Contains(string(raw), "Siti Nurhayati") {
			t.Fatalf("applicants: %d %s", st, raw)
		}
		if strings.Contains(strings.ToLower(string(raw)), "nik") {
			t.Fatalf("applicants JSON mentions a NIK: %s", raw)
		}
		// Reading the list changed nothing; the employer says "seen" by a POST.
		if !strings.Contains(string(raw), `"status":"dikirim"`) {
			t.Fatalf("reading the applicants moved an application: %s", raw)
		}
		var marked struct{ Marked int }
		if st, _ := hr.do("POST", path+"/seen", nil, &marked); st != 200 || marked.Marked != 1 {
			t.Fatalf("mark seen: %d %+v", st, marked)
		}
		if st, _ := seeker.do("POST", path+"/seen", nil, &p); st != 403 {
			t.Fatalf("a seeker marks applications seen: %d", st)
		}

		// Move and hire; the seeker sees each step.
		apath := fmt.Sprintf("/api/v1/applications/%d", app.ID)
		if st, _ := hr.do("POST", apath+"/status", map[string]string{"status": "ditolak"}, &p); st != 422 || p.Errors[0].Code != "reason_required" {
			t.Fatalf("reject without reason: %d %+v", st, p)
		}
		if st, _ := hr.do("POST", apath+"/status", map[string]string{"status": "wawancara"}, nil); st != 200 {
			t.Fatalf("move: %d", st)
		}
		// The company's report is a claim (202, an offer marked
		// reported); the worker's yes makes the hire.
		var report struct {
			Status   string
			Reported bool
		}
		if st, _ := hr.do("POST", apath+"/placement", map[string]any{"start_date": clk.T.AddDate(0, 0, 7).Format("2006-01-02"), "wage": 5600000}, &report); st != 202 || !report.Reported || report.Status != "open" {
			t.Fatalf("hire report: %d %+v", st, report)
		}
		if st, _ := hr.do("POST", apath+"/offer/answer", map[string]bool{"accept": true}, nil); st != 403 && st != 404 {
			t.Fatalf("the company confirmed its own report: %d", st)
		}
		if st, _ := seeker.do("POST", apath+"/offer/answer", map[string]bool{"accept": true}, nil); st != 200 {
			t.Fatalf("confirm hire: %d", st)
		}
		var mine struct {
			Items []struct {
				ID     int64
				Status string
				Events []struct{ Status string }
			}
		}
		seeker.do("GET", "/api/v1/me/applications", nil, &mine)
		found := false
		for _, it := range mine.Items {
			if it.ID == app.ID {
				found = true
				var steps []string
				for _, e := range it.Events {
					steps = append(steps, e.Status)
				}
				if it.Status != "diterima" || strings.Join(steps, ",") != "dikirim,dilihat,wawancara,ditawari,diterima" {
					t.Fatalf("timeline: %s %v", it.Status, steps)
				}
			}
		}
		if !found {
			t.Fatal("application missing from /me/applications")
		}
		if st, _ := anon.do("GET", "/api/v1/nothing", nil, &p); st != 404 || p.Status != 404 {
			t.Fatalf("unknown path: %d", st)
		}
	})
}
