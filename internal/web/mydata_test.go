package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// Both doors of "my data": the page and its download, PATCH and DELETE
// /api/v1/me, with a wrong password, without a session, and refused.
func TestMyDataDoors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		api := func(c *http.Client, method, path string, body any) (int, string, http.Header) {
			t.Helper()
			b, _ := json.Marshal(body)
			req, _ := http.NewRequest(method, srv.URL+path, bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out bytes.Buffer
			out.ReadFrom(resp.Body)
			return resp.StatusCode, out.String(), resp.Header
		}
		anon := apptest.NewClient()
		if st, _, _ := api(anon, "DELETE", "/api/v1/me", map[string]string{"password": "x"}); st != 401 {
			t.Errorf("DELETE /api/v1/me without a session = %d", st)
		}
		if st, _, _ := api(anon, "GET", "/api/v1/me/data", nil); st != 401 {
			t.Errorf("GET /api/v1/me/data without a session = %d", st)
		}

		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		st, body, _ := seeker.get("/akun/data")
		if st != 200 || !strings.Contains(body, "Siti Nurhayati") || !strings.Contains(body, "Lamaran") || !strings.Contains(body, `href="/akun/data.json"`) {
			t.Fatalf("/akun/data = %d", st)
		}
		st, body, hdr := seeker.get("/akun/data.json")
		if st != 200 || !strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment") || !json.Valid([]byte(body)) {
			t.Fatalf("/akun/data.json = %d %q", st, hdr.Get("Content-Disposition"))
		}
		st, body, hdr = api(seeker.c, "GET", "/api/v1/me/data", nil)
		var exp map[string]any
		if st != 200 || json.Unmarshal([]byte(body), &exp) != nil || exp["applications"] == nil || hdr.Get("Content-Disposition") == "" {
			t.Fatalf("GET /api/v1/me/data = %d", st)
		}

		// Correct at both doors, with the same validation.
		if st, body, _ := api(seeker.c, "PATCH", "/api/v1/me", map[string]string{"lang": "fr"}); st != 422 || !strings.Contains(body, `"lang"`) {
			t.Errorf("PATCH lang=fr = %d %s", st, body)
		}
		if st, body, _ := api(seeker.c, "PATCH", "/api/v1/me", map[string]string{"name": "Siti N. Hayati"}); st != 200 || !strings.Contains(body, "Siti N. Hayati") {
			t.Errorf("PATCH name = %d %s", st, body)
		}
		if st, _, _ := seeker.post("/akun/data", url.Values{"name": {" "}, "lang": {"id"}}); st != 422 {
			t.Errorf("POST /akun/data blank name = %d", st)
		}

		// An employer with published vacancies is refused with what to do.
		hr := apptest.NewClient()
		hrb := &browser{t: t, base: srv.URL, c: hr}
		hrb.login("perusahaan@bursa.test")
		if st, body, _ := api(hr, "DELETE", "/api/v1/me", map[string]string{"password": "bursa-demo"}); st != 409 || !strings.Contains(body, "lowongan") {
			t.Errorf("employer DELETE = %d %s", st, body)
		}
		if _, body, _ := hrb.get("/akun/hapus"); !strings.Contains(body, `id="refusal"`) {
			t.Error("the delete page does not say why the employer may not delete")
		}

		// Wrong password: 422 on the password field, nothing changes.
		if st, body, _ := api(seeker.c, "DELETE", "/api/v1/me", map[string]string{"password": "salah"}); st != 422 || !strings.Contains(body, `"password"`) {
			t.Errorf("DELETE wrong password = %d %s", st, body)
		}
		if st, _, _ := seeker.get("/akun/data"); st != 200 {
			t.Error("a wrong password ended the session")
		}
		if st, _, _ := api(seeker.c, "DELETE", "/api/v1/me", map[string]string{"password": "bursa-demo"}); st != 204 {
			t.Fatalf("DELETE /api/v1/me = %d", st)
		}
		if st, _, _ := api(seeker.c, "GET", "/api/v1/me", nil); st != 401 {
			t.Errorf("after deletion GET /api/v1/me = %d", st)
		}
	})
}
