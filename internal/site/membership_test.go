package site_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint/complainttest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestMemberConfirmsUnionComplaint: a union names a worker in a complaint;
// the worker sees it as pending, on the complaints page and in the API,
// and only their own confirmation, through either door, shares the
// complaint with them; nobody else can answer for them (404). One rule
// (complaint.Store.AnswerMembership), checked at both doors in one test.
func TestMemberConfirmsUnionComplaint(t *testing.T) {
	for _, door := range []string{"page", "api"} {
		t.Run(door, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, d *db.DB) {
				a := apptest.Start(t, d, true)
				code := complainttest.UnionNamesMember(t, a.Services)
				member, other := demoLogin(t, a, "pencari@bursa.test"), demoLogin(t, a, "perusahaan@bursa.test")
				send := func(c *http.Client, method, path, ctype, body string) (int, string) {
					t.Helper()
					req, _ := http.NewRequest(method, a.URL+path, strings.NewReader(body))
					if ctype != "" {
						req.Header.Set("Content-Type", ctype)
						req.Header.Set("Sec-Fetch-Site", "same-origin")
					}
					resp, err := c.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					defer resp.Body.Close()
					b, _ := io.ReadAll(resp.Body)
					return resp.StatusCode, string(b)
				}
				track := "/pengaduan/saya/" + code
				if door == "api" {
					track = "/api/v1/complaints/" + code
				}
				if st, _ := send(member, "GET", track, "", ""); st == http.StatusOK {
					t.Fatal("the union's complaint opens before the member confirmed")
				}
				// Pending, where the member looks.
				if door == "page" {
					st, body := send(member, "GET", "/pengaduan/saya", "", "")
					if st != 200 || !strings.Contains(body, `id="anggota-`+code+`"`) || !strings.Contains(body, "PUK SPSI Uji") {
						t.Fatalf("pending membership not shown: %d", st)
					}
				} else {
					var mine struct {
						Pending []struct{ Code string } `json:"pending_memberships"`
					}
					st, body := send(member, "GET", "/api/v1/me/complaints", "", "")
					json.Unmarshal([]byte(body), &mine)
					if st != 200 || len(mine.Pending) != 1 || mine.Pending[0].Code != code {
						t.Fatalf("pending: %d %s", st, body)
					}
				}
				confirm := func(c *http.Client) int {
					if door == "page" {
						st, _ := send(c, "POST", "/pengaduan/saya/"+code+"/anggota", "application/x-www-form-urlencoded",
							url.Values{"answer": {"ya"}}.Encode())
						return st
					}
					st, _ := send(c, "POST", "/api/v1/complaints/"+code+"/membership", "application/json", `{"confirm":true}`)
					return st
				}
				if st := confirm(other); st != http.StatusNotFound {
					t.Fatalf("someone else answered for the member: %d", st)
				}
				if st := confirm(member); st != http.StatusSeeOther && st != http.StatusNoContent {
					t.Fatalf("confirm: %d", st)
				}
				if st, _ := send(member, "GET", track, "", ""); st != http.StatusOK {
					t.Fatalf("the confirmed member cannot track the complaint: %d", st)
				}
			})
		})
	}
}

// demoLogin logs a demo account in through the API and returns its client.
func demoLogin(t *testing.T, a *apptest.App, who string) *http.Client {
	t.Helper()
	c := apptest.NewClient()
	resp, err := c.Post(a.URL+"/api/v1/session", "application/json", strings.NewReader(`{"login":"`+who+`","password":"bursa-demo"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: %d", who, resp.StatusCode)
	}
	return c
}
