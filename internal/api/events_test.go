package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestFollowProgramAPI: a job seeker follows and unfollows a program; other
// roles are refused, an unknown program is not found.
func TestFollowProgramAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		id := apptest.AnyProgram(t, srv.Services)
		path := fmt.Sprintf("/api/v1/training/programs/%d/follow", id)
		seeker, hr := demoClient(t, srv.URL, "pencari@bursa.test"), demoClient(t, srv.URL, "perusahaan@bursa.test")
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		count := func() int {
			var n int
			d.QueryRowContext(t.Context(), `SELECT count(*) FROM program_follows WHERE program_id = ?`, id).Scan(&n)
			return n
		}
		for range 2 {
			if st, _ := seeker.do("POST", path, nil, nil); st != 204 {
				t.Fatalf("follow: %d", st)
			}
		}
		if n := count(); n != 1 {
			t.Fatalf("%d follows after following twice", n)
		}
		if st, _ := hr.do("POST", path, nil, nil); st != 403 {
			t.Errorf("an employer follows: %d", st)
		}
		if st, _ := anon.do("POST", path, nil, nil); st != 401 {
			t.Errorf("a visitor follows: %d", st)
		}
		if st, _ := seeker.do("POST", "/api/v1/training/programs/999999/follow", nil, nil); st != 404 {
			t.Errorf("following an unknown program: %d", st)
		}
		if st, _ := seeker.do("DELETE", path, nil, nil); st != 204 || count() != 0 {
			t.Fatalf("unfollow: %d, %d left", st, count())
		}
	})
}
