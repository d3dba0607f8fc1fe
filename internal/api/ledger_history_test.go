package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestObjectLedgerContract: GET /api/v1/vacancies/{id}/ledger answers
// {"items":[{"n","kind","at","text","url"}]} oldest first, in the
// request's language, to anyone; a vacancy the public may not see is 404
// like GET /api/v1/vacancies/{id}; employers, programs and rounds too.
func TestObjectLedgerContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		get := func(path, lang string) (int, api.LedgerHistoryJSON, map[string]any) {
			t.Helper()
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			if lang != "" {
				req.Header.Set("Accept-Language", lang)
			}
			resp, err := apptest.NewClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var raw map[string]any
			var h api.LedgerHistoryJSON
			dec := json.NewDecoder(resp.Body)
			if err := dec.Decode(&raw); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			b, _ := json.Marshal(raw)
			json.Unmarshal(b, &h)
			return resp.StatusCode, h, raw
		}
		// A vacancy with applications and decisions.
		var vid int64
		var title string
		if err := d.QueryRowContext(ctx, `SELECT v.id, v.title FROM vacancies v WHERE v.status <> 'draft'
			AND EXISTS (SELECT 1 FROM application_events e JOIN applications a ON a.id = e.application_id WHERE a.vacancy_id = v.id AND e.status = 'ditolak')
			ORDER BY v.id LIMIT 1`).Scan(&vid, &title); err != nil {
			t.Fatal(err)
		}
		var apps int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM applications WHERE vacancy_id = ?`, vid).Scan(&apps); err != nil {
			t.Fatal(err)
		}
		st, h, raw := get(fmt.Sprintf("/api/v1/vacancies/%d/ledger", vid), "")
		if st != 200 {
			t.Fatalf("vacancy ledger: %d %v", st, raw)
		}
		items := raw["items"].([]any)
		for _, key := range []string{"n", "kind", "at", "text", "url"} {
			if _, ok := items[0].(map[string]any)[key]; !ok {
				t.Fatalf("item without %q: %v", key, items[0])
			}
		}
		if h.Items[0].Kind != "vacancy.published" || !strings.Contains(h.Items[0].Text, "Lowongan "+title) || !strings.Contains(h.Items[0].Text, "dibuka") {
			t.Errorf("first record: %+v", h.Items[0])
		}
		received, rejected := 0, 0
		for i, it := range h.Items {
			if i > 0 && it.N <= h.Items[i-1].N {
				t.Fatalf("records out of order: %d after %d", it.N, h.Items[i-1].N)
			}
			if !strings.HasSuffix(it.URL, fmt.Sprintf("/transparansi/catatan/%d", it.N)) || !strings.HasPrefix(it.URL, "http") {
				t.Errorf("url %q", it.URL)
			}
			if len(it.At) != len("2026-03-02T03:00:00Z") || !strings.HasSuffix(it.At, "Z") {
				t.Errorf("at %q is not RFC 3339 UTC", it.At)
			}
			switch it.Kind {
			case "application.received":
				received++
			case "application.status":
				if strings.Contains(it.Text, "tidak lolos") {
					rejected++
				}
			}
		}
		if received != apps || rejected == 0 {
			t.Errorf("%d application records for %d applications, %d rejections", received, apps, rejected)
		}
		// English by header and by ?lang, which wins.
		if _, h, _ := get(fmt.Sprintf("/api/v1/vacancies/%d/ledger", vid), "en"); !strings.HasPrefix(h.Items[0].Text, "Vacancy "+title) {
			t.Errorf("English: %q", h.Items[0].Text)
		}
		if _, h, _ := get(fmt.Sprintf("/api/v1/vacancies/%d/ledger?lang=en", vid), "id"); !strings.HasPrefix(h.Items[0].Text, "Vacancy ") {
			t.Errorf("?lang=en: %q", h.Items[0].Text)
		}
		// Held: its company is no longer verified. Both answers are 404.
		var emp int64
		if err := d.QueryRowContext(ctx, `SELECT employer_id FROM vacancies WHERE id = ?`, vid).Scan(&emp); err != nil {
			t.Fatal(err)
		}
		if st, _, _ := get(fmt.Sprintf("/api/v1/employers/%d/ledger", emp), ""); st != 200 {
			t.Errorf("employer ledger: %d", st)
		}
		if _, err := d.ExecContext(ctx, `UPDATE employers SET status = 'menunggu' WHERE id = ?`, emp); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/api/v1/vacancies/%d", "/api/v1/vacancies/%d/ledger"} {
			if st, _, _ := get(fmt.Sprintf(p, vid), ""); st != 404 {
				t.Errorf("%s of a held vacancy: %d", p, st)
			}
		}
		if st, _, _ := get("/api/v1/vacancies/999999/ledger", ""); st != 404 {
			t.Errorf("unknown vacancy: %d", st)
		}
		// A round and a program in an allocated round.
		var rid, pid int64
		if err := d.QueryRowContext(ctx, `SELECT round_id, program_id FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
			WHERE r.allocated_at IS NOT NULL ORDER BY round_id, program_id LIMIT 1`).Scan(&rid, &pid); err != nil {
			t.Fatal(err)
		}
		st, h, _ = get(fmt.Sprintf("/api/v1/training/rounds/%d/ledger", rid), "")
		if st != 200 || h.Items[0].Kind != "training.round.opened" || h.Items[len(h.Items)-1].Kind != "training.round.allocated" {
			t.Errorf("round ledger: %d %+v", st, h.Items)
		}
		st, h, _ = get(fmt.Sprintf("/api/v1/training/programs/%d/ledger", pid), "")
		if st != 200 || len(h.Items) == 0 || h.Items[0].Kind != "training.round.opened" {
			t.Errorf("program ledger: %d %+v", st, h.Items)
		}
		for _, p := range []string{"/api/v1/training/rounds/999999/ledger", "/api/v1/training/programs/999999/ledger", "/api/v1/employers/999999/ledger"} {
			if st, _, _ := get(p, ""); st != 404 {
				t.Errorf("%s: %d", p, st)
			}
		}
	})
}
