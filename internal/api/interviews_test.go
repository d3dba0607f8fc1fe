package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/wib"
)

// interviewJSON is the answer's own type: the test reads what the handler
// writes, not a copy of it.
type interviewJSON = api.InterviewJSON

// TestInterviewContract walks the contract: the employer proposes (201,
// application to wawancara), 422s beside their fields, strangers 404, the
// .ics is 409 before a choice, the seeker picks a slot, both get the .ics,
// GET /api/v1/me/applications shows the interview, attendance both ways.
func TestInterviewContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker, hr := demoClient(t, srv.URL, "pencari@bursa.test"), demoClient(t, srv.URL, "perusahaan@bursa.test")
		stranger := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := stranger.do("POST", "/api/v1/session", map[string]string{"login": apptest.OtherSeeker(t, srv.Services), "password": apptest.OtherPassword}, nil); st != 200 {
			t.Fatalf("stranger login: %d", st)
		}
		// An open vacancy of the demo company that the demo seeker has not
		// applied to yet: the seeker applies.
		vid := srv.OpenVacancyNotApplied(t)
		var app struct{ ID int64 }
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/applications", vid), map[string]string{}, &app); st != 201 {
			t.Fatalf("apply: %d", st)
		}
		base := fmt.Sprintf("/api/v1/applications/%d/interviews", app.ID)
		day := srv.Clock.T.In(wib.Zone).AddDate(0, 0, 5)
		slot := func(h int) string {
			return time.Date(day.Year(), day.Month(), day.Day(), h, 0, 0, 0, wib.Zone).Format(time.RFC3339)
		}
		body := map[string]any{"slots": []string{slot(9), slot(14)}, "place": "Kantor PT, Jl. Industri 3; Kec. Cikupa, Kab. Tangerang",
			"contact": "Bu Rina, HRD, 0812-1111-2222", "bring": "KTP, AK/1, ijazah, pas foto"}

		var p problem
		for field, change := range map[string]func(m map[string]any){
			"slots":      func(m map[string]any) { m["slots"] = []string{"2020-01-01T09:00:00+07:00"} },
			"contact":    func(m map[string]any) { m["contact"] = "" },
			"place":      func(m map[string]any) { m["place"] = "" },
			"online_url": func(m map[string]any) { m["online_url"] = "http://zoom.example.test/1" },
		} {
			m := map[string]any{}
			for k, v := range body {
				m[k] = v
			}
			change(m)
			p = problem{}
			if st, _ := hr.do("POST", base, m, &p); st != 422 || len(p.Errors) == 0 || p.Errors[0].Field != field {
				t.Errorf("%s: %d %+v", field, st, p)
			}
		}
		if st, _ := stranger.do("POST", base, body, nil); st != 404 && st != 403 {
			t.Errorf("a seeker proposes: %d", st)
		}
		var iv interviewJSON
		if st, _ := hr.do("POST", base, body, &iv); st != 201 || iv.Status != "proposed" || len(iv.Slots) != 2 || iv.Chosen != nil || iv.ApplicationID != app.ID {
			t.Fatalf("propose: %d %+v", st, iv)
		}
		// The employer's applicant list carries it too.
		var list struct {
			Items []struct {
				ApplicationID int64 `json:"application_id"`
				Interviews    []interviewJSON
			}
		}
		hr.do("GET", fmt.Sprintf("/api/v1/vacancies/%d/applications", vid), nil, &list)
		shown := false
		for _, it := range list.Items {
			shown = shown || (it.ApplicationID == app.ID && len(it.Interviews) == 1 && it.Interviews[0].ID == iv.ID)
		}
		if !shown {
			t.Errorf("the applicant list lacks the interview: %+v", list.Items)
		}
		var status string
		d.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = ?`, app.ID).Scan(&status)
		if status != "wawancara" {
			t.Errorf("application after proposing: %s", status)
		}
		ics := fmt.Sprintf("%s/%d.ics", base, iv.ID)
		if st, _ := seeker.do("GET", ics, nil, nil); st != 409 {
			t.Errorf(".ics before a choice: %d", st)
		}
		answer := fmt.Sprintf("%s/%d/answer", base, iv.ID)
		if st, _ := stranger.do("POST", answer, map[string]any{"slot": iv.Slots[0]}, nil); st != 404 {
			t.Errorf("a stranger answers: %d", st)
		}
		if st, _ := seeker.do("POST", answer, map[string]any{"slot": slot(10)}, &p); st != 422 || p.Errors[0].Field != "slot" {
			t.Errorf("a slot not offered: %d %+v", st, p)
		}
		if st, _ := seeker.do("POST", answer, map[string]any{"slot": slot(14)}, &iv); st != 200 || iv.Status != "accepted" || iv.Chosen == nil {
			t.Fatalf("answer: %d %+v", st, iv)
		}
		if st, _ := seeker.do("POST", answer, map[string]any{"decline": true}, nil); st != 409 {
			t.Errorf("a second answer: %d", st)
		}
		for name, c := range map[string]*client{"seeker": seeker, "employer": hr} {
			st, h, text := c.raw("GET", ics)
			if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/calendar") || !strings.Contains(text, "BEGIN:VEVENT\r\n") ||
				!strings.Contains(text, `Jl. Industri 3\; Kec. Cikupa\, Kab. Tangerang`) {
				t.Errorf("%s .ics: %d %s\n%s", name, st, h.Get("Content-Type"), text)
			}
		}
		if st, _, _ := stranger.raw("GET", ics); st != 404 {
			t.Errorf("a stranger's .ics: %d", st)
		}
		var mine struct {
			Items []struct {
				ID         int64
				Interviews []interviewJSON
			}
		}
		if st, _ := seeker.do("GET", "/api/v1/me/applications", nil, &mine); st != 200 {
			t.Fatal(st)
		}
		found := false
		for _, a := range mine.Items {
			if a.ID == app.ID {
				found = len(a.Interviews) == 1 && a.Interviews[0].Status == "accepted" && a.Interviews[0].Contact == "Bu Rina, HRD, 0812-1111-2222"
			}
		}
		if !found {
			t.Errorf("my applications do not show the interview: %+v", mine.Items)
		}
		attendance := fmt.Sprintf("%s/%d/attendance", base, iv.ID)
		if st, _ := hr.do("POST", attendance, map[string]any{"attended": true}, &p); st != 422 {
			t.Errorf("attendance before the time: %d", st)
		}
		srv.Clock.T = srv.Clock.T.AddDate(0, 0, 6)
		if st, _ := hr.do("POST", attendance, map[string]any{"attended": true}, &iv); st != 200 || iv.EmployerAttended == nil || !*iv.EmployerAttended || iv.SeekerAttended != nil {
			t.Errorf("employer's attendance: %d %+v", st, iv)
		}
		if st, _ := seeker.do("POST", attendance, map[string]any{"attended": false}, &iv); st != 200 || iv.SeekerAttended == nil || *iv.SeekerAttended || !*iv.EmployerAttended {
			t.Errorf("seeker's attendance: %d %+v", st, iv)
		}
		if st, _ := seeker.do("POST", attendance, map[string]any{}, &p); st != 422 || p.Errors[0].Field != "attended" {
			t.Errorf("attendance without an answer: %d %+v", st, p)
		}
	})
}

// raw sends a bodiless request and returns the status, headers and text.
func (c *client) raw(method, path string) (int, http.Header, string) {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, nil)
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}
