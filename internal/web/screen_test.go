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

// TestScreeningPages: the employer posts the fee advert through the
// form and lands on its form again, with the flag's message; the public
// page is 404; the petugas queue (linked from the petugas home) shows the
// text with the flagged sentence marked; a decision without a reason is
// refused with its message, one with a reason publishes; the employer's
// dashboard shows the reason. A discriminatory flag takes a reason.
func TestScreeningPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		hr.login("perusahaan@bursa.test")
		officer := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		T := func(key string, args ...any) string { return a.Catalog.T("id", key, args...) }

		fee := "Biaya administrasi Rp 500.000 untuk seragam dan medical check up dibayar pelamar."
		form := url.Values{"title": {"Operator Produksi Rolling"}, "kbji": {"8121"}, "education": {"smk"}, "region": {"3672"},
			"openings": {"2"}, "wage_min": {"5500000"}, "wage_max": {"6000000"}, "contract": {"pkwt"},
			"closes_on": {a.Clock.T.AddDate(0, 0, 20).Format("2006-01-02")}, "publish": {"1"},
			"description": {"Mengoperasikan mesin rolling di pabrik baja Cilegon. " + fee}}
		st, body, h := hr.post("/perusahaan/lowongan/baru", form)
		if st != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "/ubah#pemeriksaan") {
			t.Fatalf("create: %d %s %s", st, h.Get("Location"), body)
		}
		var id int64
		fmt.Sscanf(strings.TrimPrefix(h.Get("Location"), "/perusahaan/lowongan/"), "%d", &id)
		_, body, _ = hr.get(h.Get("Location"))
		for _, want := range []string{T("screen.held"), T("screen.rule.fee"), "seragam dan medical check up dibayar pelamar"} {
			if !strings.Contains(body, htmlEsc(want)) {
				t.Fatalf("the form after saving lacks %q", want)
			}
		}
		if st, _, _ := anon.get(fmt.Sprintf("/lowongan/%d", id)); st != http.StatusNotFound {
			t.Fatalf("public page of a held vacancy: %d", st)
		}
		if _, body, _ := officer.get("/petugas"); !strings.Contains(body, `href="/petugas/tinjau"`) {
			t.Fatal("the petugas home does not link the review queue")
		}
		if st, _, _ := hr.get("/petugas/tinjau"); st != http.StatusForbidden {
			t.Fatalf("employer opens the queue: %d", st)
		}
		_, body, _ = officer.get("/petugas/tinjau")
		if !strings.Contains(body, fmt.Sprintf(`id="tinjau-%d"`, id)) || !strings.Contains(body, "<mark>Biaya administrasi Rp 500.000") {
			t.Fatalf("the queue lacks the held vacancy with its flagged sentence marked")
		}
		decide := fmt.Sprintf("/petugas/tinjau/%d", id)
		officer.post(decide, url.Values{"decision": {"approve"}, "reason": {""}})
		if _, body, _ := officer.get("/petugas/tinjau"); !strings.Contains(body, htmlEsc(T("err.reason_required"))) {
			t.Fatal("a decision without reason is not refused with its message")
		}
		if st, _, _ := officer.post(decide, url.Values{"decision": {"refuse"}, "reason": {"Pelamar tidak boleh dimintai biaya."}}); st != http.StatusSeeOther {
			t.Fatalf("refuse: %d", st)
		}
		_, body, _ = hr.get("/perusahaan")
		if !strings.Contains(body, "Pelamar tidak boleh dimintai biaya.") {
			t.Fatal("the dashboard does not show the petugas's reason")
		}
		// The employer removes the fee: the edit is clean, the draft can go live.
		form.Set("description", "Mengoperasikan mesin rolling di pabrik baja Cilegon. Syarat: pria.")
		if st, _, h := hr.post(fmt.Sprintf("/perusahaan/lowongan/%d/ubah", id), form); st != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "#pemeriksaan") {
			t.Fatalf("edit: %d %s", st, h.Get("Location"))
		}
		_, body, _ = hr.get(fmt.Sprintf("/perusahaan/lowongan/%d/ubah", id))
		if !strings.Contains(body, htmlEsc(T("screen.rule.sex"))) || !strings.Contains(body, fmt.Sprintf(`action="/perusahaan/lowongan/%d/alasan/`, id)) {
			t.Fatal("the sex flag and its reason form are not on the form")
		}
		if !strings.Contains(body, "Syarat: pria.</textarea>") {
			t.Fatal("the form does not show the employer's own text")
		}
	})
}

func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
