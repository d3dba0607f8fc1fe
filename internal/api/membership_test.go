package api_test

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint/complainttest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestMembershipAPI: the named worker sees the union's complaint as pending,
// confirms it, and only then tracks it; nobody else can answer for them.
func TestMembershipAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		code := complainttest.UnionNamesMember(t, srv.Services)
		login := func(who string) *client { return demoClient(t, srv.URL, who) }
		seeker, other := login("pencari@bursa.test"), login("perusahaan@bursa.test")
		var mine struct {
			Pending []struct {
				Code      string `json:"code"`
				UnionName string `json:"union_name"`
			} `json:"pending_memberships"`
		}
		if st, _ := seeker.do("GET", "/api/v1/me/complaints", nil, &mine); st != 200 || len(mine.Pending) != 1 || mine.Pending[0].Code != code {
			t.Fatalf("pending: %d %+v", st, mine)
		}
		if st, _ := seeker.do("GET", "/api/v1/complaints/"+code, nil, nil); st == 200 {
			t.Fatal("tracked before confirming")
		}
		if st, _ := other.do("POST", "/api/v1/complaints/"+code+"/membership", map[string]bool{"confirm": true}, nil); st != 404 {
			t.Fatalf("someone else answered: %d", st)
		}
		if st, _ := seeker.do("POST", "/api/v1/complaints/"+code+"/membership", map[string]bool{"confirm": true}, nil); st != 204 {
			t.Fatalf("confirm: %d", st)
		}
		if st, _ := seeker.do("GET", "/api/v1/complaints/"+code, nil, nil); st != 200 {
			t.Fatalf("track after confirming: %d", st)
		}
	})
}
