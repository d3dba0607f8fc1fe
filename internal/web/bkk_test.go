package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
)

// labelled fails the test when a form control of body has an id no label
// points at (the BKK pages' forms are read aloud on cheap phones too).
func labelled(t *testing.T, page, body string) {
	t.Helper()
	for _, m := range regexp.MustCompile(`<(?:input|select|textarea) id="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if !strings.Contains(body, `for="`+m[1]+`"`) {
			t.Errorf("%s: control %q has no label", page, m[1])
		}
	}
}

// TestBKKPages walks the pages: the officer registers a school (a bad NPSN
// is refused beside the field), the BKK desk verifies the demo seeker, she
// answers the tracer on her page, and the public school page shows the
// figures with small cells withheld. Another school's staff get 404.
func TestBKKPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		pub := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		st, body, _ := pub.get("/smk/99360401")
		if st != 200 || !strings.Contains(body, `<caption class="sr-only">Kegiatan lulusan 6 bulan setelah lulus</caption>`) ||
			!strings.Contains(body, `<th scope="row">Teknik Kendaraan Ringan</th>`) || !strings.Contains(body, "Mekanik Junior") {
			t.Fatalf("school page: %d", st)
		}
		if regexp.MustCompile(`<td>[1-4]</td>`).MatchString(body) {
			t.Error("the school page publishes a count from 1 to 4")
		}
		var vid string
		d.QueryRowContext(t.Context(), `SELECT CAST(vacancy_id AS TEXT) FROM bkk_vacancies`).Scan(&vid)
		if st, body, _ := pub.get("/lowongan/" + vid); st != 200 || !strings.Contains(body, `<a href="/smk/99360401">SMK Negeri Demo 1 Serang</a>`) ||
			!strings.Contains(body, "Hanya untuk lulusan SMK Negeri Demo 1 Serang") {
			t.Errorf("vacancy %s does not say via BKK: %d", vid, st)
		}
		if st, _, _ := pub.get("/smk/12345678"); st != 404 {
			t.Errorf("unknown school: %d", st)
		}
		if st, body, _ := pub.get("/smk"); st != 200 || !strings.Contains(body, "SMK Teknik Demo Cilegon") {
			t.Errorf("school list: %d", st)
		}
		if st, _, _ := pub.get("/petugas/smk"); st != http.StatusSeeOther {
			t.Errorf("registry without login: %d", st)
		}

		officer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")
		st, body, _ = officer.get("/petugas/smk")
		if st != 200 || !strings.Contains(body, "SMK Negeri Demo 1 Serang") {
			t.Fatalf("registry: %d", st)
		}
		labelled(t, "/petugas/smk", body)
		form := url.Values{"npsn": {"123"}, "name": {"SMK Negeri 3 Contoh"}, "region": {"3673"}, "address": {"Jl. Contoh Raya No. 3, Kota Serang"},
			"programs": {"Teknik Komputer dan Jaringan\nMultimedia"}}
		if st, body, _ := officer.post("/petugas/smk", form); st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="err-npsn"`) ||
			!strings.Contains(body, "NPSN harus 8 angka") {
			t.Fatalf("bad npsn: %d", st)
		}
		form.Set("npsn", "99367302")
		if st, _, _ := officer.post("/petugas/smk", form); st != http.StatusSeeOther {
			t.Fatalf("register: %d", st)
		}
		if st, _, _ := officer.post("/petugas/smk/99367302/staf", url.Values{"login": {"bkk.smk3@bursa.test"}, "name": {"Staf SMK 3"},
			"password": {apptest.OtherPassword}}); st != http.StatusSeeOther {
			t.Fatalf("add staff: %d", st)
		}
		if _, body, _ := officer.get("/petugas/smk"); !strings.Contains(body, "Staf SMK 3 (bkk.smk3@bursa.test)") {
			t.Error("new staff not listed")
		}

		staff := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		staff.login("bkk@bursa.test")
		if st, body, _ := staff.get("/bkk"); st != 200 || !strings.Contains(body, `action="/bkk/99360401/lowongan"`) {
			t.Fatalf("/bkk: %d", st)
		}
		st, body, _ = staff.get("/bkk/99360401")
		if st != 200 || !strings.Contains(body, "Siti Nurhayati") {
			t.Fatalf("desk: %d", st)
		}
		labelled(t, "/bkk/99360401", body)
		var siti string
		d.QueryRowContext(t.Context(), `SELECT CAST(g.id AS TEXT) FROM graduates g JOIN seekers s ON s.id = g.seeker_id
			JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&siti)
		other := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _, _ := other.post("/masuk", url.Values{"login": {demo.DemoBKKSecondStaff}, "password": {demo.Password}}); st != http.StatusSeeOther {
			t.Fatalf("second staff login: %d", st)
		}
		if st, _, _ := other.get("/bkk/99360401"); st != 404 {
			t.Errorf("another school's desk: %d", st)
		}
		if st, _, _ := other.post("/bkk/99360401/lulusan/"+siti, url.Values{"verdict": {"ok"}}); st != 404 {
			t.Errorf("another school's staff verifies: %d", st)
		}
		// A partner that is no verified company is refused beside the field.
		if st, body, _ := staff.post("/bkk/99360401/lowongan", url.Values{"partner_id": {"999999"}, "title": {"Teknisi"}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="err-partner_id"`) {
			t.Errorf("post for an unknown partner: %d", st)
		}
		// A wage that is no number is said beside the field, not read as 0.
		if st, body, _ := staff.post("/bkk/99360401/lowongan", url.Values{"partner_id": {"999999"}, "title": {"Teknisi"}, "wage_min": {"lima juta"}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="err-wage_min"`) || !strings.Contains(body, "Tulis angka saja.") {
			t.Errorf("post with a wage in words: %d", st)
		}
		if st, _, _ := staff.post("/bkk/99360401/lulusan/"+siti, url.Values{"verdict": {"ok"}}); st != http.StatusSeeOther {
			t.Fatalf("verify: %d", st)
		}

		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		st, body, _ = seeker.get("/pencari/lulusan")
		if st != 200 || !strings.Contains(body, "Terverifikasi") || !strings.Contains(body, `action="/pencari/lulusan/tracer"`) {
			t.Fatalf("graduate page: %d", st)
		}
		labelled(t, "/pencari/lulusan", body)
		if st, body, _ := seeker.post("/pencari/lulusan/tracer", url.Values{"status": {"bekerja"}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="err-employer_name"`) || !strings.Contains(body, `id="err-wage_band"`) {
			t.Fatalf("working without details: %d", st)
		}
		if st, _, _ := seeker.post("/pencari/lulusan/tracer", url.Values{"status": {"usaha"}}); st != http.StatusSeeOther {
			t.Fatalf("answer: %d", st)
		}
		if _, body, _ := seeker.get("/pencari/lulusan"); !strings.Contains(body, "<strong>Berwirausaha</strong>") {
			t.Error("the answer is not shown")
		}
		if st, body, _ := seeker.post("/pencari/lulusan", url.Values{"npsn": {"1"}, "program": {"x"}, "year": {"2024"}, "month": {"5"}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="err-npsn"`) {
			t.Errorf("declare a bad npsn: %d", st)
		}
		// The seeker may not open the desk nor the registry.
		if st, _, _ := seeker.get("/bkk/99360401"); st != http.StatusForbidden {
			t.Errorf("seeker on the desk: %d", st)
		}
		if st, _, _ := seeker.get("/petugas/smk"); st != http.StatusForbidden {
			t.Errorf("seeker on the registry: %d", st)
		}
	})
}
