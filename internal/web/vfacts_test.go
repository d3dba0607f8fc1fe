package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/wib"
)

// TestVacancyFactsPages: the vacancy form takes a day's wage, refusing one
// below the converted floor with the floor named; an outsourced vacancy
// names both companies in one line; the list filters by disability and
// shows wages in their unit; the employer's dashboard shows its own
// responsiveness first and takes its workforce; a petugas checks the
// agency licence and sees the quota; a fee report on an outsourced
// vacancy records the worksite on the case.
func TestVacancyFactsPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		ctx := t.Context()
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		officer := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")
		public := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		closes := wib.Date(a.Clock.T).AddDate(0, 0, 20).Format(time.DateOnly)
		form := url.Values{"title": {"Kuli Angkut Harian Pelabuhan"}, "kbji": {"9333"}, "education": {"sd"}, "region": {"3672"},
			"openings": {"4"}, "contract": {"harian"}, "wage_min": {"150000"}, "wage_max": {"150000"}, "wage_unit": {"day"},
			"work_days_per_week": {"6"}, "closes_on": {closes}, "publish": {"1"},
			"description":   {"Angkut barang di dermaga, shift pagi, upah dibayar setiap Sabtu."},
			"worksite_name": {"PT Pelabuhan Cilegon Mandiri"}, "worksite_nib": {"9120009876543"},
			"agency_licence": {"KEP.560/99/LPTKS/2025"}, "agency_licence_until": {wib.Date(a.Clock.T).AddDate(1, 0, 0).Format(time.DateOnly)},
			"disability_open": {"1"}, "disability_note": {"Tugas pencatatan di pos jaga"}}
		st, body, _ := hr.post("/perusahaan/lowongan/baru", form)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "Rp 218.796 per hari") {
			t.Fatalf("below-floor day wage: %d, floor named: %v", st, strings.Contains(body, "Rp 218.796"))
		}
		form.Set("wage_min", "230000")
		form.Set("wage_max", "250000")
		st, _, h := hr.post("/perusahaan/lowongan/baru", form)
		if st != http.StatusSeeOther {
			t.Fatalf("create: %d", st)
		}
		var id int64
		fmt.Sscanf(h.Get("Location"), "/perusahaan/lowongan/%d", &id)
		_, body, _ = public.get(fmt.Sprintf("/lowongan/%d", id))
		for _, want := range []string{"Rp 230.000 – Rp 250.000", "per hari", "setara Rp 5.750.000 sebulan",
			"Pemberi kerja: PT Baja Mandiri Cilegon. Tempat bekerja: PT Pelabuhan Cilegon Mandiri (NIB 9120009876543)",
			"izin no. KEP.560/99/LPTKS/2025", "izin belum diperiksa petugas", "Terbuka untuk penyandang disabilitas", `id="responsif"`} {
			if !strings.Contains(body, want) {
				t.Errorf("vacancy page lacks %q", want)
			}
		}
		if _, body, _ = public.get("/pemberi-kerja/1"); !strings.Contains(body, "pekerjaan dilakukan di PT Pelabuhan Cilegon Mandiri (alih daya)") ||
			!strings.Contains(body, `id="responsif"`) {
			t.Error("the employer page does not say where its outsourced work happens, or lacks its responsiveness")
		}
		// The edit form shows the wage as stated, in its unit.
		if _, body, _ = hr.get(fmt.Sprintf("/perusahaan/lowongan/%d/ubah", id)); !strings.Contains(body, `value="230000"`) ||
			!strings.Contains(body, `<option value="day" selected>`) {
			t.Error("the edit form does not show the day's wage")
		}
		// The list: the filter keeps only vacancies open to workers with disabilities.
		_, body, _ = public.get("/lowongan?disability_open=1&q=kuli")
		if !strings.Contains(body, "Kuli Angkut Harian Pelabuhan") || !strings.Contains(body, "per hari") {
			t.Error("the filtered list lost the vacancy")
		}
		if _, body, _ = public.get("/lowongan?disability_open=1&q=operator+alih+daya"); strings.Contains(body, "Kawasan Krakatau") {
			t.Error("the filter let through a vacancy not open to workers with disabilities")
		}
		// The dashboard: own figures first, then the workforce form.
		_, body, _ = hr.get("/perusahaan")
		if !strings.Contains(body, `id="responsif-sendiri"`) || !strings.Contains(body, `id="tenaga-kerja"`) ||
			strings.Index(body, `id="responsif"`) > strings.Index(body, `id="tenaga-kerja"`) {
			t.Error("the dashboard lacks its own responsiveness or the workforce form")
		}
		if st, _, _ := hr.post("/perusahaan/tenaga-kerja", url.Values{"ownership": {"swasta"}, "workforce": {"300"}, "disabled_employees": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("workforce: %d", st)
		}
		// The petugas: the licence to check and the quota table.
		_, body, _ = officer.get("/petugas/izin-agen")
		if !strings.Contains(body, "KEP.560/99/LPTKS/2025") || !strings.Contains(body, "PT Baja Mandiri Cilegon") ||
			!strings.Contains(body, "Di bawah kuota") {
			t.Error("the petugas page lacks the licence or the quota")
		}
		if st, _, _ := hr.get("/petugas/izin-agen"); st != http.StatusForbidden {
			t.Errorf("HR reads the petugas page: %d", st)
		}
		if st, _, _ := officer.post(fmt.Sprintf("/petugas/izin-agen/%d", id), url.Values{"valid": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("check: %d", st)
		}
		if _, body, _ = public.get(fmt.Sprintf("/lowongan/%d", id)); !strings.Contains(body, "izin sudah diperiksa petugas") {
			t.Error("the check is not shown")
		}
		// A fee report on the vacancy: the case names the worksite too.
		code, err := a.Services.Complaints.ReportFee(ctx, complaint.FeeReport{VacancyID: id, EmployerID: 1, Region: "3672",
			WhoAsked: "Mandor", Amount: 500_000, When: wib.Date(a.Clock.T).Format(time.DateOnly), How: "whatsapp"})
		if err != nil {
			t.Fatal(err)
		}
		var name, nib string
		if err := d.QueryRowContext(ctx, `SELECT c.worksite_name, c.worksite_nib FROM complaints p JOIN cases c ON c.id = p.case_id WHERE p.code = ?`, code).Scan(&name, &nib); err != nil ||
			name != "PT Pelabuhan Cilegon Mandiri" || nib != "9120009876543" {
			t.Fatalf("case worksite %q %q %v", name, nib, err)
		}
		var open int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases WHERE worksite_nib = ? AND closed_at IS NULL`, nib).Scan(&open); err != nil || open != 1 {
			t.Fatalf("open cases at the worksite: %d %v", open, err)
		}
	})
}
