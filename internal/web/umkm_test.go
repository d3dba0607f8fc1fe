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
)

// TestUMKMPages walks the small-business pages over the demo province: the
// public figures and programs, the demo job seeker registering a second
// business (a bad NIB comes back beside its field), declaring a year that
// moves it up, applying to the open program, the koperasi officer
// allocating it, and the business page showing the result; another person
// gets 404 on the business page; the youth pages show their programs.
func TestUMKMPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		st, body, _ := anon.get("/umkm")
		if st != 200 || !strings.Contains(body, `id="umkm-kelas"`) || !strings.Contains(body, "Sertifikasi halal gratis") ||
			!strings.Contains(body, `<meta name="description" content="Usaha mikro`) || !strings.Contains(body, `<th scope="row">Kota Cilegon</th>`) {
			t.Fatalf("public page: %d", st)
		}
		if !strings.Contains(body, `<abbr title=`) {
			t.Error("no withheld cell on the demo's figures")
		}
		if st, _, h := anon.get("/umkm/daftar"); st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/masuk") {
			t.Errorf("anonymous register form: %d", st)
		}
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		if st, body, _ := seeker.get("/umkm"); st != 200 || !strings.Contains(body, "Keripik Pisang Bu Siti") {
			t.Errorf("the seeker's own business is not listed: %d", st)
		}
		form := url.Values{"nib": {"12345"}, "name": {"Rempeyek Kacang"}, "kbli": {"10799"}, "region": {"3604"},
			"capital": {"20.000.000"}, "annual_sales": {"0"}, "year": {"2026"}, "owner_birth_year": {"1998"}}
		st, body, _ = seeker.post("/umkm/daftar", form)
		if st != 422 || !strings.Contains(body, `id="err-nib"`) || !strings.Contains(body, `value="Rempeyek Kacang"`) {
			t.Fatalf("bad NIB: %d", st)
		}
		form.Set("nib", "3604777766665")
		st, _, h := seeker.post("/umkm/daftar", form)
		if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/umkm/usaha/") {
			t.Fatalf("register: %d", st)
		}
		page := h.Get("Location")
		st, body, _ = seeker.get(page)
		if st != 200 || !strings.Contains(body, "Rempeyek Kacang") || !strings.Contains(body, "(menurut modal)") {
			t.Fatalf("business page: %d", st)
		}
		other := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		other.login("perusahaan@bursa.test")
		if st, _, _ := other.get(page); st != 404 {
			t.Errorf("another person's business page: %d", st)
		}
		st, _, _ = seeker.post(page+"/laporan", url.Values{"year": {"2026"}, "capital": {"20000000"}, "annual_sales": {"2.100.000.000"}})
		if st != 422 {
			t.Errorf("a report without evidence: %d", st)
		}
		st, _, _ = seeker.post(page+"/laporan", url.Values{"year": {"2026"}, "capital": {"20000000"}, "annual_sales": {"2.100.000.000"}, "evidence": {"catatan penjualan 2026"}})
		if st != http.StatusSeeOther {
			t.Fatalf("report: %d", st)
		}
		// Kecil now: the halal program is for micro businesses only, so it
		// is not offered; the Siti's first business applies instead.
		st, body, _ = seeker.get(page)
		if !strings.Contains(body, "Naik kelas") || strings.Contains(body, "/alokasi") {
			t.Errorf("moved up not shown: %d", st)
		}
		prog := regexp.MustCompile(`href="/umkm/program/(\d+)">Sertifikasi halal gratis`).FindStringSubmatch(body)
		if prog != nil {
			t.Error("a small business is offered a program for micro businesses")
		}
		_, home, _ := seeker.get("/umkm")
		first := regexp.MustCompile(`href="/umkm/usaha/(\d+)">Keripik Pisang Bu Siti`).FindStringSubmatch(home)
		prog = regexp.MustCompile(`href="/umkm/program/(\d+)">Sertifikasi halal gratis`).FindStringSubmatch(home)
		if first == nil || prog == nil {
			t.Fatal("no first business or program link")
		}
		st, _, h = seeker.post("/umkm/program/"+prog[1]+"/daftar", url.Values{"business_id": {first[1]}})
		if st != http.StatusSeeOther {
			t.Fatalf("apply: %d", st)
		}
		officer := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		officer.login("koperasi@bursa.test")
		if st, body, _ := officer.get("/koperasi"); st != 200 || !strings.Contains(body, `id="program-baru"`) || !strings.Contains(body, "Rempeyek Kacang") {
			t.Errorf("desk: %d", st)
		}
		if st, body, _ := officer.post("/umkm/program/"+prog[1]+"/alokasi", url.Values{}); st != 422 || !strings.Contains(body, `id="err-program"`) {
			t.Errorf("allocating an open program: %d", st)
		}
		// After the program closes (sessions last 14 days: log in again).
		a.Clock.T = a.Clock.T.AddDate(0, 0, 27)
		officer.login("koperasi@bursa.test")
		seeker.login("pencari@bursa.test")
		if st, _, h := officer.post("/umkm/program/"+prog[1]+"/alokasi", url.Values{}); st != http.StatusSeeOther || h.Get("Location") != "/umkm/program/"+prog[1] {
			t.Fatalf("allocate: %d %s", st, h.Get("Location"))
		}
		st, body, _ = seeker.get("/umkm/usaha/" + first[1])
		if st != 200 || !strings.Contains(body, "<strong>Diterima</strong>") {
			t.Errorf("result on the business page: %d", st)
		}
		st, body, _ = anon.get("/umkm/program/" + prog[1])
		if st != 200 || !strings.Contains(body, `id="hasil"`) || !strings.Contains(body, `<link rel="canonical"`) {
			t.Errorf("program page: %d", st)
		}
		if st, body, _ := anon.get("/program-muda"); st != 200 || !strings.Contains(body, `href="/program-muda/gen-banten"`) {
			t.Errorf("youth list: %d", st)
		}
		st, body, _ = anon.get("/program-muda/gen-banten")
		if st != 200 || !strings.Contains(body, "Generasi Banten: jualan lewat e-katalog") || !strings.Contains(body, `id="hasil-program-muda"`) ||
			!strings.Contains(body, `<meta name="description" content="Untuk lulusan muda Banten`) {
			t.Errorf("youth page: %d", st)
		}
		if st, body, _ := anon.get("/program-muda/muda-berdaya"); st != 200 || !strings.Contains(body, "Muda Berdaya: Instalasi Listrik") {
			t.Errorf("youth page with training: %d", st)
		}
		if st, _, _ := anon.get("/program-muda/lansia"); st != 404 {
			t.Errorf("unknown youth program: %d", st)
		}
	})
}
