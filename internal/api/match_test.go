package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

type matchItem struct {
	VacancyID     int64    `json:"vacancy_id"`
	SeekerID      int64    `json:"seeker_id"`
	Title         string   `json:"title"`
	Candidate     string   `json:"candidate"`
	Score         int      `json:"score"`
	MaxScore      int      `json:"max_score"`
	MatchedSkills []string `json:"matched_skills"`
	Occupation    string   `json:"occupation_fit"`
	Place         string   `json:"place"`
}

// TestMatchingAPI: recommendations for the demo seeker, candidates for the
// demo employer's vacancy (masked names), an invitation, and skill gaps
// for officers only.
func TestMatchingAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		login := func(who string) *client { return demoClient(t, srv.URL, who) }
		seeker, hr, officer := login("pencari@bursa.test"), login("perusahaan@bursa.test"), login("petugas@bursa.test")
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}

		var recs struct {
			Items     []matchItem `json:"items"`
			SkillGaps []struct {
				Skill string `json:"skill"`
				Opens int    `json:"opens"`
			} `json:"skill_gaps"`
		}
		if st, _ := seeker.do("GET", "/api/v1/me/recommendations?limit=5", nil, &recs); st != 200 || len(recs.Items) == 0 || len(recs.Items) > 5 {
			t.Fatalf("recommendations: %d %+v", st, recs)
		}
		for i, m := range recs.Items {
			if m.Title == "" || m.MaxScore != 1050 || m.Score > m.MaxScore || (i > 0 && m.Score > recs.Items[i-1].Score) {
				t.Errorf("recommendation %d: %+v", i, m)
			}
		}
		var p problem
		if st, _ := seeker.do("GET", "/api/v1/me/recommendations?limit=0", nil, &p); st != 422 || p.Errors[0].Code != "limit_invalid" {
			t.Errorf("limit=0: %d %+v", st, p)
		}
		if st, _ := anon.do("GET", "/api/v1/me/recommendations", nil, &p); st != 401 {
			t.Errorf("anonymous recommendations: %d", st)
		}

		// The demo employer's first vacancy is published and open.
		var vid int64
		if err := d.QueryRowContext(t.Context(), `SELECT MIN(id) FROM vacancies WHERE employer_id = 1 AND status = 'published'`).Scan(&vid); err != nil {
			t.Fatal(err)
		}
		var cands struct{ Items []matchItem }
		if st, _ := hr.do("GET", fmt.Sprintf("/api/v1/vacancies/%d/candidates", vid), nil, &cands); st != 200 || len(cands.Items) == 0 {
			t.Fatalf("candidates: %d %+v", st, cands)
		}
		c := cands.Items[0]
		if c.SeekerID == 0 || c.Candidate == "" || c.Candidate[1] != '*' {
			t.Errorf("candidate not masked: %+v", c)
		}
		if st, _ := seeker.do("GET", fmt.Sprintf("/api/v1/vacancies/%d/candidates", vid), nil, &p); st != 403 {
			t.Errorf("a seeker reads candidates: %d", st)
		}
		before := count(t, d, "invitations")
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/invitations", vid), map[string]int64{"seeker_id": c.SeekerID}, nil); st != 201 {
			t.Fatalf("invite: %d", st)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/invitations", vid), map[string]int64{"seeker_id": c.SeekerID}, &p); st != 422 || p.Errors[0].Code != "already_invited" {
			t.Errorf("second invitation: %d %+v", st, p)
		}
		if n := count(t, d, "invitations"); n != before+1 {
			t.Errorf("invitations %d, want %d", n, before+1)
		}

		var gaps struct {
			Region string
			Items  []struct {
				Skill     string  `json:"skill"`
				Vacancies int     `json:"vacancies"`
				Seekers   int     `json:"seekers"`
				Ratio     float64 `json:"ratio"`
			}
		}
		if st, _ := officer.do("GET", "/api/v1/skill-gaps?region=3672&limit=10", nil, &gaps); st != 200 || len(gaps.Items) == 0 || gaps.Region != "3672" {
			t.Fatalf("skill gaps: %d %+v", st, gaps)
		}
		if st, _ := officer.do("GET", "/api/v1/skill-gaps?region=9999", nil, &p); st != 422 || p.Errors[0].Code != "region_invalid" {
			t.Errorf("bad region: %d %+v", st, p)
		}
		if st, _ := seeker.do("GET", "/api/v1/skill-gaps", nil, &p); st != 403 {
			t.Errorf("a seeker reads skill gaps: %d", st)
		}
	})
}
