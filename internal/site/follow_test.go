package site_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// page fetches a page with c and returns its status, body and Location.
func page(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// TestFollowProgram: a job seeker follows and unfollows a training program
// from its page and through the API, the same rule at both doors: once per
// person, job seekers only (others see no button; 403), a visitor 401, an
// unknown program 404.
func TestFollowProgram(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		id := apptest.AnyProgram(t, a.Services)
		count := func() int {
			var n int
			d.QueryRowContext(t.Context(), `SELECT count(*) FROM program_follows WHERE program_id = ?`, id).Scan(&n)
			return n
		}
		seeker, hr := demoLogin(t, a, "pencari@bursa.test"), demoLogin(t, a, "perusahaan@bursa.test")
		anon := apptest.NewClient()

		// The API door.
		api := fmt.Sprintf("/api/v1/training/programs/%d/follow", id)
		for range 2 {
			if st := call(t, seeker, a.URL, "POST", api, nil, nil); st != 204 {
				t.Fatalf("follow: %d", st)
			}
		}
		if n := count(); n != 1 {
			t.Fatalf("%d follows after following twice", n)
		}
		for who, want := range map[*http.Client]int{hr: 403, anon: 401} {
			if st := call(t, who, a.URL, "POST", api, nil, nil); st != want {
				t.Errorf("follow as another role: %d, want %d", st, want)
			}
		}
		if st := call(t, seeker, a.URL, "POST", "/api/v1/training/programs/999999/follow", nil, nil); st != 404 {
			t.Errorf("following an unknown program: %d", st)
		}
		if st := call(t, seeker, a.URL, "DELETE", api, nil, nil); st != 204 || count() != 0 {
			t.Fatalf("unfollow: %d, %d left", st, count())
		}

		// The page door.
		prog, follow := a.URL+fmt.Sprintf("/pelatihan/%d", id), a.URL+fmt.Sprintf("/pelatihan/ikuti/%d", id)
		if _, body, _ := page(t, seeker, "GET", prog, nil); !strings.Contains(body, "Ikuti program") {
			t.Fatal("no follow button for a job seeker")
		}
		if st, _, loc := page(t, seeker, "POST", follow, url.Values{"ikuti": {"1"}}); st != http.StatusSeeOther || !strings.HasPrefix(a.URL+loc, prog) {
			t.Fatalf("follow: %d %s", st, loc)
		}
		if _, body, _ := page(t, seeker, "GET", prog, nil); !strings.Contains(body, "Berhenti mengikuti") || strings.Contains(body, ">Ikuti program<") || count() != 1 {
			t.Fatal("a followed program offers no unfollow")
		}
		if st, _, _ := page(t, seeker, "POST", follow, url.Values{"ikuti": {"0"}}); st != http.StatusSeeOther || count() != 0 {
			t.Fatalf("unfollow: %d", st)
		}
		for _, c := range []*http.Client{hr, anon} {
			if _, body, _ := page(t, c, "GET", prog, nil); strings.Contains(body, "Ikuti program") {
				t.Error("someone who may not follow is offered to")
			}
		}
		if st, _, _ := page(t, hr, "POST", follow, url.Values{"ikuti": {"1"}}); st != http.StatusForbidden {
			t.Errorf("an employer follows: %d", st)
		}
	})
}
