package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestApprenticeshipPages walks the pages: the public list and program
// pages with their outcomes, the company's form refusing unlawful terms
// in the error summary, the officers' queue with its overdue flag and
// decision, and the program going public once approved.
func TestApprenticeshipPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		st, body, _ := anon.get("/magang")
		if st != 200 || !strings.Contains(body, "Magang Operator Mesin Rolling Mill") || strings.Contains(body, "Magang Admin Gudang") {
			t.Fatalf("GET /magang = %d; approved program listed, pending one not?\n%s", st, body)
		}
		var finished, pending, empID int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM apprenticeships WHERE status = 'selesai'`).Scan(&finished); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRowContext(ctx, `SELECT id, employer_id FROM apprenticeships WHERE status = 'diajukan'`).Scan(&pending, &empID); err != nil {
			t.Fatal(err)
		}
		st, body, _ = anon.get(fmt.Sprintf("/magang/%d", finished))
		if st != 200 || !strings.Contains(body, "Hasil program") || !strings.Contains(body, "&lt;5") || !strings.Contains(body, `<th scope="row">`) {
			t.Errorf("finished program page: %d, outcomes with <5 missing", st)
		}
		if st, _, _ := anon.get(fmt.Sprintf("/magang/%d", pending)); st != http.StatusNotFound {
			t.Errorf("pending program public: %d", st)
		}
		if st, body, _ := anon.get(fmt.Sprintf("/pemberi-kerja/%d", empID)); st != 200 || !strings.Contains(body, `id="magang"`) {
			t.Errorf("employer page has no Magang block: %d", st)
		}

		hr := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		if st, body, _ := hr.get("/perusahaan/magang"); st != 200 || !strings.Contains(body, "Magang Admin Gudang") {
			t.Errorf("company list: %d", st)
		}
		if st, body, _ := hr.get("/perusahaan/magang/baru"); st != 200 || len(body) > 60*1024 {
			t.Errorf("form: %d, %d bytes", st, len(body))
		}
		start := srv.Clock.T.AddDate(0, 0, 20).Format(time.DateOnly)
		form := url.Values{"title": {"Magang Operator Forklift"}, "occupation": {"8344"}, "standard": {"SKKNI 2019-045 Operator Forklift"},
			"region": {"3672"}, "workforce": {"640"}, "seats": {"4"}, "months": {"18"}, "theory_share": {"20"}, "allowance": {"0"},
			"insurance": {"true"}, "mentor_name": {"Agus Salim"}, "mentor_title": {"Kepala Gudang"},
			"training_plan": {"Bulan 1 teori K3 forklift, lalu praktik di gudang bersama pembimbing, uji SIO di akhir."}, "start_on": {start}}
		st, body, _ = hr.post("/perusahaan/magang/baru", form)
		if st != http.StatusUnprocessableEntity {
			t.Fatalf("unlawful terms: %d", st)
		}
		summary := body[strings.Index(body, `class="error-summary"`):]
		summary = summary[:strings.Index(summary, "</div>")]
		for _, want := range []string{`href="#months"`, `href="#allowance"`, "paling lama 12 bulan", "Uang saku wajib dibayar"} {
			if !strings.Contains(summary, want) {
				t.Errorf("error summary lacks %q:\n%s", want, summary)
			}
		}
		if !strings.Contains(body, `value="Magang Operator Forklift"`) {
			t.Error("the form forgot what was typed")
		}
		form.Set("months", "6")
		form.Set("allowance", "2.600.000")
		st, _, hdr := hr.post("/perusahaan/magang/baru", form)
		if st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/perusahaan/magang/") {
			t.Fatalf("lawful program: %d %s", st, hdr.Get("Location"))
		}
		var id int64
		fmt.Sscanf(strings.TrimPrefix(hdr.Get("Location"), "/perusahaan/magang/"), "%d", &id)
		if st, body, _ := hr.get(hdr.Get("Location")); st != 200 || !strings.Contains(body, "Menunggu keputusan dinas") {
			t.Errorf("roster of the new program: %d", st)
		}

		officer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")
		st, body, _ = officer.get("/petugas/magang")
		if st != 200 || !strings.Contains(body, "Magang Operator Forklift") || !strings.Contains(body, "Lewat batas") {
			t.Fatalf("queue: %d, new program or overdue flag missing", st)
		}
		if st, _, _ := hr.get("/petugas/magang"); st != http.StatusForbidden {
			t.Errorf("company opened the queue: %d", st)
		}
		// A rejection without a reason is refused (the flash says why).
		if st, _, _ := officer.post(fmt.Sprintf("/petugas/magang/%d", id), url.Values{"approve": {"false"}}); st != http.StatusSeeOther {
			t.Errorf("reject without reason: %d", st)
		}
		if st, _, _ := anon.get(fmt.Sprintf("/magang/%d", id)); st != http.StatusNotFound {
			t.Errorf("still pending yet public: %d", st)
		}
		if st, _, _ := officer.post(fmt.Sprintf("/petugas/magang/%d", id), url.Values{"approve": {"true"}}); st != http.StatusSeeOther {
			t.Errorf("approve: %d", st)
		}
		if st, body, _ := anon.get(fmt.Sprintf("/magang/%d", id)); st != 200 || !strings.Contains(body, "SKKNI 2019-045 Operator Forklift") {
			t.Errorf("approved program not public: %d", st)
		}
		// The company opens its vacancy from the program's page.
		st, _, _ = hr.post(fmt.Sprintf("/perusahaan/magang/%d/lowongan", id), url.Values{"closes_on": {srv.Clock.T.AddDate(0, 0, 14).Format(time.DateOnly)},
			"education": {"sma"}})
		if st != http.StatusSeeOther {
			t.Fatalf("open vacancy: %d", st)
		}
		var contract string
		if err := d.QueryRowContext(ctx, `SELECT contract FROM vacancies WHERE apprenticeship_id = ?`, id).Scan(&contract); err != nil || contract != "magang" {
			t.Errorf("vacancy of the program: %q %v", contract, err)
		}
		if st, body, _ := anon.get(fmt.Sprintf("/magang/%d", id)); st != 200 || !strings.Contains(body, "Lamar lowongan magang ini") {
			t.Errorf("program page has no link to apply: %d", st)
		}
	})
}
