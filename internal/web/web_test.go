package web_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func (b *browser) get(path string) (int, string, http.Header) {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

func (b *browser) post(path string, form url.Values) (int, string, http.Header) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// A same-origin form post, as a browser sends it.
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

func (b *browser) login(who string) {
	b.t.Helper()
	st, body, _ := b.post("/masuk", url.Values{"login": {who}, "password": {"bursa-demo"}})
	if st != http.StatusSeeOther {
		b.t.Fatalf("login %s: %d %s", who, st, body)
	}
}

func TestPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}

		// Public pages render, in Indonesian, with the DEMO banner and security headers.
		for _, p := range []string{"/", "/lowongan", "/lowongan?q=operator&region=3672", "/lowongan?page=2", "/lapor-calo", "/masuk", "/daftar", "/daftar?sebagai=perusahaan", "/robots.txt"} {
			st, body, hdr := anon.get(p)
			if st != 200 {
				t.Errorf("GET %s = %d", p, st)
			}
			if strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
				if !strings.Contains(body, `lang="id"`) || !strings.Contains(body, "DEMO") {
					t.Errorf("GET %s: not Indonesian or no DEMO banner", p)
				}
				if !strings.Contains(hdr.Get("Content-Security-Policy"), "script-src 'self'") {
					t.Errorf("GET %s: no CSP", p)
				}
				if len(body) > 60*1024 {
					t.Errorf("GET %s: %d bytes, over the 60 KB page budget", p, len(body))
				}
			}
		}
		if st, body, _ := anon.get("/healthz"); st != 200 || body != "ok\n" {
			t.Errorf("healthz: %d %q", st, body)
		}
		if st, body, _ := anon.get("/tidak-ada"); st != 404 || !strings.Contains(body, "Halaman tidak ditemukan") {
			t.Errorf("unknown page: %d", st)
		}
		// Bad filters are explained beside the field, with 400.
		st, body, _ := anon.get("/lowongan?region=1234&min_wage=abc")
		if st != 400 || !strings.Contains(body, `id="err-region"`) {
			t.Errorf("bad filter: %d", st)
		}
		// Dashboards send visitors to the login page.
		for _, p := range []string{"/pencari", "/perusahaan", "/petugas", "/akun/sandi"} {
			st, _, hdr := anon.get(p)
			if st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/masuk?next=") {
				t.Errorf("GET %s as visitor = %d %s", p, st, hdr.Get("Location"))
			}
		}

		// A vacancy page: JSON-LD JobPosting, the free-application notice, the fee-report link.
		var list struct{ Items []struct{ ID int64 } }
		_, js, _ := anon.get("/api/v1/vacancies?region=3672")
		json.Unmarshal([]byte(js), &list)
		if len(list.Items) == 0 {
			t.Fatal("no vacancies in Cilegon")
		}
		vpath := fmt.Sprintf("/lowongan/%d", list.Items[0].ID)
		st, body, _ = anon.get(vpath)
		if st != 200 || !strings.Contains(body, "Melamar GRATIS") || !strings.Contains(body, vpath+"/lapor-calo") {
			t.Fatalf("vacancy page: %d", st)
		}
		m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no JSON-LD")
		}
		var ld map[string]any
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil || ld["@type"] != "JobPosting" || ld["hiringOrganization"] == nil ||
			ld["baseSalary"] == nil || ld["validThrough"] == nil || ld["datePosted"] == nil {
			t.Fatalf("JSON-LD %v: %s", err, m[1])
		}

		// Feed and sitemap are well-formed XML with the vacancies.
		st, body, hdr := anon.get("/lowongan.atom?region=3672")
		var feed struct {
			Entries []struct{ Title string } `xml:"entry"`
		}
		if st != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/atom+xml") || xml.Unmarshal([]byte(body), &feed) != nil || len(feed.Entries) == 0 {
			t.Fatalf("atom: %d %d entries", st, len(feed.Entries))
		}
		st, body, _ = anon.get("/sitemap.xml")
		var sm struct {
			URLs []struct{ Loc string } `xml:"url"`
		}
		if st != 200 || xml.Unmarshal([]byte(body), &sm) != nil || len(sm.URLs) < 10 {
			t.Fatalf("sitemap: %d %d urls", st, len(sm.URLs))
		}

		// Each role's pages render.
		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		for _, p := range []string{"/pencari", "/pencari/profil", "/pencari/ak1", vpath, "/akun/sandi"} {
			if st, body, _ := seeker.get(p); st != 200 {
				t.Errorf("seeker GET %s = %d: %.300s", p, st, body)
			}
		}
		_, body, _ = seeker.get("/pencari/ak1")
		tok := regexp.MustCompile(`/ak1/([A-Za-z0-9_-]+)`).FindStringSubmatch(body)
		if tok == nil || !strings.Contains(body, "<svg") {
			t.Fatal("AK/1 card page has no QR code link")
		}
		st, body, _ = anon.get("/ak1/" + tok[1])
		if st != 200 || !strings.Contains(body, "S*** N********") || strings.Contains(body, "Nurhayati") {
			t.Fatalf("public AK/1 check: %d, must show the masked name only", st)
		}
		if st, _, _ := seeker.get("/petugas"); st != 403 {
			t.Errorf("seeker opens officer queue: %d", st)
		}

		hr := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		for _, p := range []string{"/perusahaan", "/perusahaan/lowongan/baru"} {
			if st, body, _ := hr.get(p); st != 200 {
				t.Errorf("employer GET %s = %d: %.300s", p, st, body)
			}
		}
		_, body, _ = hr.get("/perusahaan")
		own := regexp.MustCompile(`href="/perusahaan/lowongan/(\d+)"`).FindStringSubmatch(body)
		if own == nil {
			t.Fatal("employer dashboard lists no vacancy")
		}
		st, body, _ = hr.get("/perusahaan/lowongan/" + own[1])
		if st != 200 || !strings.Contains(body, "applicant") {
			t.Fatalf("applicants page: %d", st)
		}
		if regexp.MustCompile(`\b36\d{14}\b`).MatchString(body) {
			t.Fatal("applicants page shows a NIK")
		}

		officer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")
		st, body, _ = officer.get("/petugas")
		if st != 200 {
			t.Fatalf("officer queue: %d", st)
		}
		sk := regexp.MustCompile(`/petugas/pencari/(\d+)`).FindStringSubmatch(body)
		if sk == nil {
			t.Fatal("officer queue lists no seeker")
		}
		st, body, _ = officer.get("/petugas/pencari/" + sk[1])
		if st != 200 || !regexp.MustCompile(`id="nik">\d{16}<`).MatchString(body) || !strings.Contains(body, "nik.read") {
			t.Fatalf("officer seeker page: %d, must show the full NIK and record the reading", st)
		}

		// English on request, remembered.
		if st, _, _ := anon.post("/bahasa", url.Values{"lang": {"en"}, "next": {"/lowongan"}}); st != http.StatusSeeOther {
			t.Fatalf("switch language: %d", st)
		}
		_, body, _ = anon.get("/lowongan")
		if !strings.Contains(body, `lang="en"`) || !strings.Contains(body, "Vacancies in Banten") {
			t.Fatal("English not shown after switching")
		}
	})
}

func TestFormsRefuseBadInput(t *testing.T) {
	d := dbtest.SQLite(t)
	srv := apptest.Start(t, d, true)
	b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}

	// Registration errors stand beside their fields and nothing is created.
	var before int
	d.QueryRowContext(t.Context(), `SELECT count(*) FROM users`).Scan(&before)
	st, body, _ := b.post("/daftar", url.Values{"kind": {"pencari"}, "name": {""}, "login": {"12345"}, "password": {"abc"}, "password2": {"abd"}})
	if st != 422 {
		t.Fatalf("bad registration: %d", st)
	}
	for _, f := range []string{"err-name", "err-login", "err-password2"} {
		if !strings.Contains(body, `id="`+f+`"`) {
			t.Errorf("no %s message", f)
		}
	}
	var after int
	d.QueryRowContext(t.Context(), `SELECT count(*) FROM users`).Scan(&after)
	if after != before {
		t.Fatal("a refused registration created a user")
	}

	// A wrong NIK is explained specifically.
	b.post("/daftar", url.Values{"kind": {"pencari"}, "name": {"Euis"}, "login": {"081355556666"}, "password": {"rahasia-123"}, "password2": {"rahasia-123"}})
	st, body, _ = b.post("/pencari/profil", url.Values{"nik": {"3604013102000001"}, "full_name": {"Euis"}, "domicile": {"3604"}, "education": {"sma"}})
	if st != 422 || !strings.Contains(body, "Tanggal lahir dalam NIK") {
		t.Fatalf("impossible NIK birth date: %d", st)
	}
	// Without a profile there is no AK/1 card: applying says so on the
	// vacancy's page, as the API does, and stores nothing.
	var vid int64
	d.QueryRowContext(t.Context(), `SELECT MIN(id) FROM vacancies WHERE status = 'published'`).Scan(&vid)
	st, _, hdr := b.post(fmt.Sprintf("/lowongan/%d/lamar", vid), url.Values{})
	if want := fmt.Sprintf("/lowongan/%d", vid); st != http.StatusSeeOther || hdr.Get("Location") != want {
		t.Errorf("apply without a profile: %d %s, want back to %s", st, hdr.Get("Location"), want)
	}
	if _, body, _ := b.get(fmt.Sprintf("/lowongan/%d", vid)); !strings.Contains(body, "AK/1") {
		t.Error("the vacancy page does not say the AK/1 card is needed")
	}

	// A profile change whose wage does not read as a number is refused
	// whole: nothing of it is saved.
	seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
	seeker.login("pencari@bursa.test")
	var wage int64
	var name string
	d.QueryRowContext(t.Context(), `SELECT s.expected_wage, s.full_name FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&wage, &name)
	st, body, _ = seeker.post("/pencari/profil", url.Values{"full_name": {"Nama Baru"}, "domicile": {"3604"}, "education": {"smk"},
		"expected_wage": {"lima juta"}})
	var wageAfter int64
	var nameAfter string
	d.QueryRowContext(t.Context(), `SELECT s.expected_wage, s.full_name FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&wageAfter, &nameAfter)
	if st != 422 || !strings.Contains(body, `id="err-expected_wage"`) || wageAfter != wage || nameAfter != name {
		t.Errorf("profile with a wage in words: %d, wage %d -> %d, name %q -> %q", st, wage, wageAfter, name, nameAfter)
	}

	// Cross-site form posts are refused.
	req, _ := http.NewRequest("POST", srv.URL+"/keluar", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site post: %d", resp.StatusCode)
	}

	// Five wrong passwords lock the login, with a message saying until when.
	for i := 0; i < 5; i++ {
		b.post("/masuk", url.Values{"login": {"perusahaan@bursa.test"}, "password": {"salah"}})
	}
	st, body, hdr = b.post("/masuk", url.Values{"login": {"perusahaan@bursa.test"}, "password": {"bursa-demo"}})
	if st != http.StatusTooManyRequests || !strings.Contains(body, "Terlalu banyak percobaan") || hdr.Get("Retry-After") == "" {
		t.Fatalf("locked login: %d, Retry-After %q", st, hdr.Get("Retry-After"))
	}

	// A fee report without an account gets a tracking code; its details are not stored in clear.
	st, body, _ = b.post("/lapor-calo", url.Values{"who_asked": {"Pak Haji, mengaku orang dalam HRD"}, "amount": {"Rp 5.000.000"},
		"when": {"2026-03-01"}, "how": {"whatsapp"}, "details": {"Minta uang pelicin lewat WA"}})
	code := regexp.MustCompile(`id="kode">(BK-[0-9A-Z]{4}-[0-9A-Z]{4})<`).FindStringSubmatch(body)
	if st != 200 || code == nil {
		t.Fatalf("fee report: %d", st)
	}
	var amount int64
	var details []byte
	d.QueryRowContext(t.Context(), `SELECT amount, details_enc FROM complaints WHERE code = ?`, code[1]).Scan(&amount, &details)
	if amount != 5000000 || strings.Contains(string(details), "pelicin") || strings.Contains(string(details), "Haji") {
		t.Fatalf("stored report: amount %d, details in clear: %v", amount, strings.Contains(string(details), "pelicin"))
	}
	st, body, _ = b.post("/lapor-calo", url.Values{"who_asked": {""}, "when": {"2099-01-01"}, "how": {"x"}})
	if st != 422 || !strings.Contains(body, `id="err-who_asked"`) || !strings.Contains(body, `id="err-when"`) || !strings.Contains(body, `id="err-how"`) {
		t.Fatalf("bad fee report: %d", st)
	}
}

// TestMatchingPages: "Lowongan untuk Anda" on the seeker dashboard,
// "Kandidat" with an invitation on the employer's vacancy page, the skill-gap
// table for officers and analysts only, and the published ranking rule.
func TestMatchingPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		st, body, _ := seeker.get("/pencari")
		if st != 200 || !strings.Contains(body, `id="untuk-anda"`) || strings.Count(body, `class="card fit"`) == 0 {
			t.Fatalf("seeker dashboard: %d, no recommendations", st)
		}
		if !strings.Contains(body, "Keterampilan Anda yang dicari") {
			t.Error("recommendations do not say why they fit")
		}
		if st, _, _ := seeker.get("/kesenjangan"); st != 403 {
			t.Errorf("a seeker opens the skill-gap report: %d", st)
		}

		hr := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		var vid int64
		if err := d.QueryRowContext(t.Context(), `SELECT MIN(id) FROM vacancies WHERE employer_id = 1 AND status = 'published'`).Scan(&vid); err != nil {
			t.Fatal(err)
		}
		page := fmt.Sprintf("/perusahaan/lowongan/%d", vid)
		st, body, _ = hr.get(page)
		m := regexp.MustCompile(`name="seeker" value="(\d+)"`).FindStringSubmatch(body)
		if st != 200 || !strings.Contains(body, `id="kandidat"`) || m == nil {
			t.Fatalf("vacancy page: %d, no candidate to invite", st)
		}
		if st, _, _ := hr.post(page+"/undang", url.Values{"seeker": {m[1]}}); st != http.StatusSeeOther {
			t.Fatalf("invite: %d", st)
		}
		_, body, _ = hr.get(page)
		if !strings.Contains(body, "Sudah diundang") {
			t.Error("the invited candidate is not marked as invited")
		}
		var n int
		d.QueryRowContext(t.Context(), `SELECT count(*) FROM invitations WHERE vacancy_id = ? AND seeker_id = ?`, vid, m[1]).Scan(&n)
		if n != 1 {
			t.Errorf("%d invitations stored", n)
		}

		officer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		officer.login("analis@bursa.test")
		st, body, _ = officer.get("/kesenjangan?region=3604")
		if st != 200 || strings.Count(body, "<tr>") < 3 || !strings.Contains(body, "Kabupaten Serang") {
			t.Fatalf("skill gaps: %d", st)
		}
		if st, body, _ := seeker.get("/cara-mencocokkan"); st != 200 || !strings.Contains(body, "0–400") {
			t.Errorf("ranking rule page: %d", st)
		}
	})
}
