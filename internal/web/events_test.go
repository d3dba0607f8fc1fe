package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestFollowProgramPage: a job seeker follows and unfollows a program from
// its page; other roles see no button and are refused.
func TestFollowProgramPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		var id int64
		if err := d.QueryRowContext(t.Context(), `SELECT id FROM programs ORDER BY id LIMIT 1`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		page, follow := fmt.Sprintf("/pelatihan/%d", id), fmt.Sprintf("/pelatihan/ikuti/%d", id)
		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		if _, body, _ := seeker.get(page); !strings.Contains(body, "Ikuti program") {
			t.Fatal("no follow button for a job seeker")
		}
		if st, _, hdr := seeker.post(follow, url.Values{"ikuti": {"1"}}); st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), page) {
			t.Fatalf("follow: %d %v", st, hdr)
		}
		if _, body, _ := seeker.get(page); !strings.Contains(body, "Berhenti mengikuti") || strings.Contains(body, ">Ikuti program<") {
			t.Fatal("a followed program offers no unfollow")
		}
		var n int
		d.QueryRowContext(t.Context(), `SELECT count(*) FROM program_follows WHERE program_id = ?`, id).Scan(&n)
		if n != 1 {
			t.Fatalf("%d follows stored", n)
		}
		if st, _, _ := seeker.post(follow, url.Values{"ikuti": {"0"}}); st != http.StatusSeeOther {
			t.Fatalf("unfollow: %d", st)
		}
		if _, body, _ := seeker.get(page); !strings.Contains(body, "Ikuti program") {
			t.Fatal("an unfollowed program offers no follow")
		}
		hr := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		if _, body, _ := hr.get(page); strings.Contains(body, "Ikuti program") {
			t.Error("an employer is offered to follow")
		}
		if st, _, _ := hr.post(follow, url.Values{"ikuti": {"1"}}); st != http.StatusForbidden {
			t.Errorf("an employer follows: %d", st)
		}
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		if _, body, _ := anon.get(page); strings.Contains(body, "Ikuti program") {
			t.Error("a visitor is offered to follow")
		}
	})
}
