package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// withPIN sends a request with the tracking PIN header.
func (c *client) withPIN(method, path, pin string, body any, out any) (int, http.Header) {
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
	req.Header.Set("X-Tracking-PIN", pin)
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

type trackingJSON struct {
	Code      string `json:"code"`
	State     string `json:"state"`
	Waiting   bool   `json:"waiting"`
	Deadline  string `json:"deadline"`
	Narrative string `json:"narrative"`
	Events    []struct {
		State string `json:"state"`
	} `json:"events"`
	Openings []struct {
		By string `json:"by"`
	} `json:"openings"`
	Messages []struct {
		FromOfficer bool   `json:"from_officer"`
		Body        string `json:"body"`
	} `json:"messages"`
}

type caseJSON struct {
	ID         int64    `json:"id"`
	State      string   `json:"state"`
	NextStates []string `json:"next_states"`
	Assignee   string   `json:"assignee"`
	Overdue    bool     `json:"overdue"`
	Complaints []int64  `json:"complaints"`
	Findings   []struct {
		Substantiated bool `json:"substantiated"`
	} `json:"findings"`
}

// TestComplaintAPI: filing anonymously with evidence, refusals with field
// codes and nothing stored, tracking by code and PIN (throttled) or by the
// owner, the officer's case (move, open the confidential part, message),
// the complainant seeing who opened it, the employer's findings without
// complainants, compliance, counts and aspirations.
func TestComplaintAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := context.Background()
		login := func(who string) *client { return demoClient(t, srv.URL, who) }
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		pengawas, mediator, seeker, hr, admin := login("pengawas@bursa.test"), login("mediator@bursa.test"), login("pencari@bursa.test"),
			login("perusahaan@bursa.test"), login("admin@bursa.test")
		var p problem

		// Refused: field codes, nothing stored.
		before := count(t, d, "complaints")
		if st, _ := anon.do("POST", "/api/v1/complaints", map[string]any{"category": "sulap", "region": "1234", "narrative": "x",
			"happened_on": "2099-01-01", "pin": "123456", "files": []string{"***"}}, &p); st != 422 || codeOf(p, "category") != "choose_one" ||
			codeOf(p, "region") != "region_invalid" || codeOf(p, "narrative") != "narrative_short" || codeOf(p, "files") != "evidence_damaged" {
			t.Fatalf("bad complaint: %d %+v", st, p)
		}
		if st, _ := anon.do("POST", "/api/v1/complaints", map[string]any{"category": "lembur", "region": "3604", "narrative": "Lembur tiga jam setiap hari tidak dibayar.",
			"happened_on": "2026-02-20", "employer_name": "PT Maju Jaya", "pin": "123456"}, &p); st != 422 || codeOf(p, "pin") != "pin_weak" ||
			!strings.Contains(p.Errors[0].Detail, "mudah ditebak") {
			t.Fatalf("weak PIN: %d %+v", st, p)
		}
		if st, _ := anon.do("POST", "/api/v1/complaints", map[string]any{"kategori": "lembur"}, &p); st != 400 {
			t.Fatalf("unknown field: %d", st)
		}
		if n := count(t, d, "complaints"); n != before {
			t.Fatalf("refused complaints stored: %d → %d", before, n)
		}

		// Filed anonymously with a photo.
		var png1 bytes.Buffer
		png.Encode(&png1, image.NewGray(image.Rect(0, 0, 3, 3)))
		var rec struct {
			Code    string `json:"code"`
			LedgerN int64  `json:"ledger_n"`
			Waiting bool   `json:"waiting"`
		}
		narrative := "Lembur tiga jam setiap hari sejak Januari tidak pernah dibayar."
		st, hdr := anon.do("POST", "/api/v1/complaints", map[string]any{"category": "lembur", "region": "3604", "narrative": narrative,
			"happened_on": "2026-02-20", "employer_name": "PT Maju Jaya Serang", "workers_affected": 12, "pin": "258036",
			"files": []string{base64.StdEncoding.EncodeToString(png1.Bytes())}}, &rec)
		if st != 201 || !strings.HasPrefix(rec.Code, "BK-") || rec.LedgerN == 0 || rec.Waiting || hdr.Get("Cache-Control") != "no-store" {
			t.Fatalf("file: %d %+v", st, rec)
		}
		var complaintID, caseID int64
		d.QueryRowContext(ctx, `SELECT id, case_id FROM complaints WHERE code = ?`, rec.Code).Scan(&complaintID, &caseID)
		if count(t, d, "complaint_files") == 0 {
			t.Fatal("evidence not stored")
		}

		// Tracking.
		var tr trackingJSON
		if st, _ := anon.withPIN("GET", "/api/v1/complaints/"+rec.Code, "999111", nil, &p); st != 401 || !strings.Contains(p.Title, "PIN salah") {
			t.Fatalf("wrong PIN: %d %+v", st, p)
		}
		if st, _ := anon.do("GET", "/api/v1/complaints/"+rec.Code, nil, &p); st != 401 {
			t.Fatalf("no PIN: %d", st)
		}
		if st, _ := anon.withPIN("GET", "/api/v1/complaints/"+strings.ToLower(rec.Code), "258036", nil, &tr); st != 200 || tr.State != "diterima" ||
			tr.Narrative != narrative || len(tr.Events) != 1 || tr.Deadline == "" || len(tr.Openings) != 0 {
			t.Fatalf("track: %d %+v", st, tr)
		}

		// The officer works the case.
		var list struct {
			Items []caseJSON `json:"items"`
		}
		if st, _ := pengawas.do("GET", "/api/v1/cases?open=true", nil, &list); st != 200 || len(list.Items) < 3 {
			t.Fatalf("cases: %d %d", st, len(list.Items))
		}
		found := false
		for _, k := range list.Items {
			found = found || k.ID == caseID
		}
		if !found {
			t.Fatal("the new case is not in the supervisor's list")
		}
		if st, _ := pengawas.do("GET", "/api/v1/cases?overdue=true", nil, &list); st != 200 || len(list.Items) == 0 || !list.Items[0].Overdue {
			t.Fatalf("overdue board: %d %+v", st, list)
		}
		if st, _ := pengawas.do("GET", "/api/v1/cases?open=maybe", nil, &p); st != 422 || codeOf(p, "open") != "choose_one" {
			t.Fatalf("bad filter: %d", st)
		}
		casePath := fmt.Sprintf("/api/v1/cases/%d", caseID)
		var k caseJSON
		if st, _ := pengawas.do("POST", casePath+"/state", map[string]any{"to": "diverifikasi"}, &p); st != 422 || codeOf(p, "reason") != "reason_required" {
			t.Fatalf("move without reason: %d %+v", st, p)
		}
		if st, _ := pengawas.do("POST", casePath+"/state", map[string]any{"to": "diverifikasi", "reason": "Laporan lembur dapat diperiksa."}, &k); st != 200 ||
			k.State != "diverifikasi" || len(k.NextStates) != 1 || k.NextStates[0] != "ditugaskan" {
			t.Fatalf("verify: %d %+v", st, k)
		}
		if st, _ := pengawas.do("POST", casePath+"/assignment", map[string]any{"officer_id": 0, "reason": "Wilayah Kabupaten Serang."}, &k); st != 200 ||
			k.State != "ditugaskan" || k.Assignee != "Dodi Kurniawan (Pengawas)" {
			t.Fatalf("assign: %d %+v", st, k)
		}
		if st, _ := mediator.do("GET", casePath, nil, &p); st != 404 {
			t.Errorf("the mediator reads an inspection case: %d, want 404 (not one of theirs)", st)
		}
		if st, _ := seeker.do("GET", "/api/v1/cases", nil, &p); st != 403 {
			t.Errorf("a seeker lists cases: %d", st)
		}
		var conf struct {
			Narrative string `json:"narrative"`
			Identity  *struct {
				Name string `json:"name"`
			} `json:"identity"`
			Files []struct {
				Type     string `json:"type"`
				Stripped bool   `json:"stripped"`
			} `json:"files"`
		}
		if st, _ := pengawas.do("GET", fmt.Sprintf("%s/complaints/%d", casePath, complaintID), nil, &conf); st != 200 || conf.Narrative != narrative ||
			conf.Identity != nil || len(conf.Files) != 1 || conf.Files[0].Type != "image/png" || !conf.Files[0].Stripped {
			t.Fatalf("open: %d %+v", st, conf)
		}
		if st, _ := pengawas.do("GET", fmt.Sprintf("%s/complaints/%d", casePath, complaintID+1000), nil, &p); st != 404 {
			t.Errorf("a complaint of another case: %d", st)
		}
		if st, _ := pengawas.do("POST", fmt.Sprintf("%s/complaints/%d/messages", casePath, complaintID), map[string]string{"body": "Apakah ada daftar hadir?"}, nil); st != 204 {
			t.Fatalf("officer message: %d", st)
		}
		if st, _ := anon.withPIN("POST", "/api/v1/complaints/"+rec.Code+"/messages", "258036", map[string]string{"body": "Ada, saya kirim nanti."}, &tr); st != 201 ||
			len(tr.Messages) != 2 || !tr.Messages[0].FromOfficer || tr.Messages[1].FromOfficer {
			t.Fatalf("reply: %d %+v", st, tr)
		}
		if len(tr.Openings) != 1 || tr.Openings[0].By != "Hendra Gunawan (Pengawas)" || tr.State != "ditugaskan" {
			t.Fatalf("the complainant does not see who opened it: %+v", tr)
		}

		// Throttled after 5 wrong PINs.
		for range 5 {
			anon.withPIN("GET", "/api/v1/complaints/"+rec.Code, "000999", nil, nil)
		}
		if st, hdr := anon.withPIN("GET", "/api/v1/complaints/"+rec.Code, "258036", nil, &p); st != 429 || hdr.Get("Retry-After") == "" {
			t.Fatalf("throttle: %d", st)
		}

		// The owner's session instead of a PIN.
		var mine struct {
			Items []trackingJSON `json:"items"`
		}
		if st, _ := seeker.do("GET", "/api/v1/me/complaints", nil, &mine); st != 200 || len(mine.Items) != 2 {
			t.Fatalf("my complaints: %d %+v", st, mine)
		}
		// A sealed report says it waits, and never how many others do.
		var raw json.RawMessage
		seeker.do("GET", "/api/v1/me/complaints", nil, &raw)
		if bytes.Contains(raw, []byte("pool_")) {
			t.Errorf("my complaints tell a pool's progress: %s", raw)
		}
		waiting := false
		for _, m := range mine.Items {
			if m.Waiting {
				waiting = true
				var one json.RawMessage
				if st, _ := seeker.do("GET", "/api/v1/complaints/"+m.Code, nil, &one); st != 200 || bytes.Contains(one, []byte("pool_")) {
					t.Errorf("a sealed report's tracking: %d %s", st, one)
				}
			} else if st, _ := seeker.do("GET", "/api/v1/complaints/"+m.Code, nil, &tr); st != 200 || tr.State == "" {
				t.Fatalf("owner's tracking: %d %+v", st, tr)
			}
		}
		if !waiting {
			t.Error("the sealed report does not say it waits")
		}
		if st, _ := hr.do("GET", "/api/v1/complaints/"+mine.Items[0].Code, nil, &p); st != 404 {
			t.Errorf("someone else's complaint by session: %d", st)
		}

		// The employer: findings addressed to it, no complainants; a response.
		var baja int64
		d.QueryRowContext(ctx, `SELECT id FROM employers WHERE name = 'PT Baja Mandiri Cilegon'`).Scan(&baja)
		var ef struct {
			Items []struct {
				ID           int64    `json:"id"`
				State        string   `json:"state"`
				ComplyBy     string   `json:"comply_by"`
				Complainants []string `json:"complainants"`
			} `json:"items"`
		}
		st, _ = hr.do("GET", fmt.Sprintf("/api/v1/employers/%d/findings", baja), nil, &ef)
		if st != 200 || len(ef.Items) != 2 {
			t.Fatalf("employer findings: %d %+v", st, ef)
		}
		var nota int64
		for _, x := range ef.Items {
			if len(x.Complainants) != 0 {
				t.Errorf("complainants named to the employer: %v", x.Complainants)
			}
			if x.State == "nota_1" && x.ComplyBy != "" {
				nota = x.ID
			}
		}
		if nota == 0 {
			t.Fatal("no nota I with a day to comply by")
		}
		if st, _ := seeker.do("GET", fmt.Sprintf("/api/v1/employers/%d/findings", baja), nil, &p); st != 403 {
			t.Errorf("a seeker reads the employer's findings: %d", st)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/cases/%d/responses", nota), map[string]string{"body": "Sedang didaftarkan."}, nil); st != 204 {
			t.Fatalf("response: %d", st)
		}
		var comp struct {
			ByCategory []struct {
				Category string `json:"category"`
				Findings int    `json:"findings"`
			} `json:"by_category"`
		}
		if st, _ := anon.do("GET", fmt.Sprintf("/api/v1/employers/%d/compliance", baja), nil, &comp); st != 200 || len(comp.ByCategory) != 1 ||
			comp.ByCategory[0].Category != "upah_di_bawah_umk" {
			t.Fatalf("compliance: %d %+v", st, comp)
		}
		var stats struct {
			Complaints any            `json:"complaints"`
			ByCategory map[string]any `json:"by_category"`
		}
		// A total of 1–4 is withheld like any cell.
		if st, _ := anon.do("GET", "/api/v1/complaint-stats", nil, &stats); st != 200 || stats.Complaints != "<5" || stats.ByCategory["lembur"] != "<5" {
			t.Fatalf("stats: %d %+v (small cells must read \"<5\")", st, stats)
		}

		// Aspirations.
		var asps struct {
			Items []struct {
				ID       int64  `json:"id"`
				Title    string `json:"title"`
				Supports int    `json:"supports"`
			} `json:"items"`
		}
		if st, _ := anon.do("GET", "/api/v1/aspirations", nil, &asps); st != 200 || len(asps.Items) != 3 {
			t.Fatalf("aspirations: %d", st)
		}
		var union int64
		for _, x := range asps.Items {
			if strings.HasPrefix(x.Title, "Libatkan") {
				union = x.ID
			}
		}
		var one struct {
			Supports int `json:"supports"`
			Answers  []struct {
				By string `json:"by"`
			} `json:"answers"`
		}
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/aspirations/%d/supports", union), nil, &one); st != 201 || one.Supports != 10 {
			t.Fatalf("support: %d %+v", st, one)
		}
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/aspirations/%d/supports", union), nil, &p); st != 422 || codeOf(p, "aspiration") != "aspiration_supported" {
			t.Fatalf("support twice: %d %+v", st, p)
		}
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/aspirations/%d/answers", union), map[string]string{"body": "saya"}, &p); st != 403 {
			t.Errorf("a seeker answers: %d", st)
		}
		// A body over decode's 64 KiB is too large (413), not malformed.
		if st, _ := seeker.do("POST", "/api/v1/aspirations", map[string]string{"title": "Terlalu panjang",
			"body": strings.Repeat("x", 65<<10), "audience": "provinsi"}, &p); st != 413 {
			t.Errorf("a 65 KiB aspiration: %d, want 413", st)
		}
		if st, _ := seeker.do("POST", "/api/v1/aspirations", map[string]string{"title": "Kursus bahasa Jepang untuk calon pekerja magang",
			"body": "Banyak lulusan SMK ingin magang ke Jepang tetapi kursus bahasa mahal.", "audience": "provinsi"}, &one); st != 201 {
			t.Fatalf("post aspiration: %d", st)
		}

		// The registry.
		var offs struct {
			Items []struct {
				UserID     int64    `json:"user_id"`
				Name       string   `json:"name"`
				Supervisor bool     `json:"supervisor"`
				Regions    []string `json:"regions"`
			} `json:"items"`
		}
		if st, _ := pengawas.do("GET", "/api/v1/officers?kind=pengawas&region=3604", nil, &offs); st != 200 || len(offs.Items) != 3 {
			t.Fatalf("officers covering 3604: %d %+v", st, offs)
		}
		var dodi int64
		for _, o := range offs.Items {
			if strings.HasPrefix(o.Name, "Dodi") {
				dodi = o.UserID
			}
		}
		if st, _ := pengawas.do("PUT", fmt.Sprintf("/api/v1/officers/%d", dodi), map[string]any{"kind": "pengawas", "regions": []string{"3604"}, "active": true}, &p); st != 403 {
			t.Errorf("a pengawas edits the registry: %d", st)
		}
		if st, _ := admin.do("PUT", fmt.Sprintf("/api/v1/officers/%d", dodi), map[string]any{"kind": "pengawas", "regions": []string{"9999"}, "active": true}, &p); st != 422 ||
			codeOf(p, "regions") != "region_invalid" {
			t.Errorf("bad regions: %d %+v", st, p)
		}
		var o struct {
			Regions []string `json:"regions"`
			Active  bool     `json:"active"`
		}
		if st, _ := admin.do("PUT", fmt.Sprintf("/api/v1/officers/%d", dodi), map[string]any{"kind": "pengawas", "regions": []string{"3604", "3601"}, "active": true}, &o); st != 200 ||
			len(o.Regions) != 2 || !o.Active {
			t.Fatalf("set officer: %d %+v", st, o)
		}

		// The mediator's calendar and dispute.
		var cal struct {
			Items []struct {
				CaseID int64  `json:"case_id"`
				Kind   string `json:"kind"`
			} `json:"items"`
		}
		if st, _ := mediator.do("GET", "/api/v1/calendar", nil, &cal); st != 200 || len(cal.Items) != 1 || cal.Items[0].Kind != "mediasi" {
			t.Fatalf("calendar: %d %+v", st, cal)
		}
		if st, _ := mediator.do("POST", fmt.Sprintf("/api/v1/cases/%d/sessions", cal.Items[0].CaseID), map[string]string{"at": "2020-01-01T10:00:00+07:00"}, &p); st != 422 ||
			codeOf(p, "at") != "date_past" {
			t.Errorf("past session: %d %+v", st, p)
		}
		if st, _ := mediator.do("POST", fmt.Sprintf("/api/v1/cases/%d/sessions", cal.Items[0].CaseID), map[string]string{"at": "2026-03-20T10:00:00+07:00",
			"place": "Disnakertrans"}, &k); st != 200 {
			t.Errorf("session: %d", st)
		}
	})
}

// TestComplaintFilingLimitAPI: five complaints a day from one address, then
// 429 with Retry-After; and a sealed report's receipt says it waits, never
// how many reports wait beside it.
func TestComplaintFilingLimitAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		app := apptest.Start(t, d, false)
		anon := &client{t: t, base: app.URL, c: app.Client}
		body := func(i int) map[string]any {
			return map[string]any{"category": "lembur", "region": "3604", "employer_name": "PT Maju Jaya",
				"narrative": "Lembur tiga jam setiap hari tidak dibayar sejak Januari.", "happened_on": "2026-02-20",
				"pin": fmt.Sprintf("4%02d917", i), "anonymous": true, "sealed": true}
		}
		for i := range 5 {
			var raw json.RawMessage
			if st, _ := anon.do("POST", "/api/v1/complaints", body(i), &raw); st != 201 {
				t.Fatalf("filing %d: %d %s", i, st, raw)
			}
			var rec struct {
				Waiting bool `json:"waiting"`
			}
			json.Unmarshal(raw, &rec)
			if !rec.Waiting || bytes.Contains(raw, []byte("pool_")) {
				t.Fatalf("sealed receipt %s", raw)
			}
		}
		var p problem
		st, hdr := anon.do("POST", "/api/v1/complaints", body(6), &p)
		if st != 429 || hdr.Get("Retry-After") != "86400" {
			t.Fatalf("sixth filing: %d, Retry-After %q, %+v", st, hdr.Get("Retry-After"), p)
		}
		if n := count(t, d, "complaints"); n != 5 {
			t.Fatalf("%d complaints stored", n)
		}
	})
}
