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

// TestWageCouncilPages: with the demo round, a visitor sees the simulation
// table, the published recommendation and the figures but not the parties'
// proposals; the demo union officer sees them side by side and proposes; a
// bad α comes back beside its field; the analis's inputs form refuses a
// figure without its source; the tripartite meeting shows its agenda, its
// aspiration link and its recommendation's follow-up.
func TestWageCouncilPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		st, _, h := anon.get("/dewan-pengupahan")
		if st != http.StatusSeeOther || h.Get("Location") != "/dewan-pengupahan/2027" {
			t.Fatalf("current round: %d %s", st, h.Get("Location"))
		}
		st, body, _ := anon.get("/dewan-pengupahan/2027?alpha=0.7")
		if st != 200 || !strings.Contains(body, `id="tabel-simulasi"`) || !strings.Contains(body, "PP 49/2025") || !strings.Contains(body, "Rp 4.941.217") {
			t.Fatalf("public round: %d", st)
		}
		if strings.Contains(body, `id="usulan-3604"`) || strings.Contains(body, `id="form-usulan"`) {
			t.Error("a visitor sees the proposals or the proposal form")
		}
		if !strings.Contains(body, `<th scope="row" class="head">Kota Cilegon</th>`) || !strings.Contains(body, "&lt;5") {
			t.Error("the figures table or its withheld cells are missing")
		}
		if st, body, _ := anon.get("/dewan-pengupahan/2027?alpha=0.2"); st != 422 || !strings.Contains(body, `id="err-alpha"`) {
			t.Errorf("α 0.2 on the page: %d", st)
		}
		if st, _, _ := anon.get("/dewan-pengupahan/2019"); st != 404 {
			t.Errorf("a year with no regulation: %d", st)
		}

		union := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		union.login("serikat@bursa.test")
		_, body, _ = union.get("/dewan-pengupahan/2027")
		if !strings.Contains(body, `id="usulan-3604"`) || !strings.Contains(body, "Pengusaha (Apindo)") || !strings.Contains(body, `id="form-usulan"`) {
			t.Fatal("the union officer does not see the proposals side by side with a form")
		}
		if strings.Contains(body, `id="form-rekomendasi"`) || strings.Contains(body, `id="masukan"`) {
			t.Error("the union officer sees the decision or inputs form")
		}
		st, body, _ = union.post("/dewan-pengupahan/2027/usulan", url.Values{"region": {"3671"}, "alpha": {"0,3"}, "reasoning": {"Biaya hidup di Kota Tangerang naik tajam."}})
		if st != 422 || !strings.Contains(body, a.Catalog.T("id", "err.wage_alpha_range", "min", "0.50", "max", "0.90", "source", "PP 49/2025")) {
			t.Errorf("bad α: %d", st)
		}
		if st, _, _ := union.post("/dewan-pengupahan/2027/usulan", url.Values{"region": {"3671"}, "alpha": {"0,8"}, "reasoning": {"Biaya hidup di Kota Tangerang naik tajam."}}); st != http.StatusSeeOther {
			t.Fatalf("proposal: %d", st)
		}
		if _, body, _ := union.get("/dewan-pengupahan/2027"); !strings.Contains(body, `id="usulan-3671"`) {
			t.Error("the new proposal is not shown")
		}
		if st, _, _ := union.post("/dewan-pengupahan/2027/masukan", url.Values{"inflation": {"2,5"}, "inflation_source": {"BPS"}}); st != 403 {
			t.Errorf("the union enters inputs: %d", st)
		}

		analis := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		analis.login("analis@bursa.test")
		st, body, _ = analis.post("/dewan-pengupahan/2027/masukan", url.Values{"growth.3604": {"5,0"}, "growth_source.3604": {""}})
		if st != 422 || !strings.Contains(body, `id="err-growth_source.3604"`) {
			t.Errorf("growth without source: %d", st)
		}
		if st, _, _ := analis.post("/dewan-pengupahan/2027/masukan", url.Values{"growth.3604": {"5,0"}, "growth_source.3604": {"BPS Kab. Serang, PDRB 2025"}}); st != http.StatusSeeOther {
			t.Errorf("inputs: %d", st)
		}

		// The admin seats a delegate by their login.
		admin := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		admin.login("admin@bursa.test")
		if st, body, _ := admin.post("/dewan-pengupahan/anggota", url.Values{"member_login": {"tidak.ada@bursa.test"}, "party": {"akademisi"}}); st != 422 || !strings.Contains(body, `id="err-member_login"`) {
			t.Errorf("unknown login: %d", st)
		}
		if st, _, _ := admin.post("/dewan-pengupahan/anggota", url.Values{"member_login": {"analis@bursa.test"}, "party": {"akademisi"}}); st != http.StatusSeeOther {
			t.Errorf("seat the analis: %d", st)
		}
		if _, body, _ := analis.get("/dewan-pengupahan/2027"); !strings.Contains(body, `id="form-usulan"`) {
			t.Error("the seated analis has no proposal form")
		}

		// The tripartite agenda: public, with the aspiration linked.
		var mid, asp int64
		if err := d.QueryRowContext(t.Context(), `SELECT id FROM tripartite_meetings ORDER BY id LIMIT 1`).Scan(&mid); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRowContext(t.Context(), `SELECT COALESCE(MAX(aspiration_id), 0) FROM tripartite_items`).Scan(&asp); err != nil {
			t.Fatal(err)
		}
		if st, body, _ := anon.get("/tripartit"); st != 200 || !strings.Contains(body, fmt.Sprintf(`href="/tripartit/%d"`, mid)) {
			t.Errorf("meetings: %d", st)
		}
		st, body, _ = anon.get(fmt.Sprintf("/tripartit/%d", mid))
		if st != 200 || !strings.Contains(body, "Sedang ditindaklanjuti") || (asp != 0 && !strings.Contains(body, fmt.Sprintf(`href="/aspirasi/%d"`, asp))) || strings.Contains(body, `action="/tripartit/`) {
			t.Errorf("public meeting: %d", st)
		}
		_, body, _ = analis.get(fmt.Sprintf("/tripartit/%d", mid))
		if !strings.Contains(body, `id="agenda-baru"`) {
			t.Error("the secretariat has no agenda form")
		}
		st, body, _ = analis.post(fmt.Sprintf("/tripartit/%d/agenda", mid), url.Values{"title": {"Upah sektoral"}, "figure": {"https://contoh.test"}})
		if st != 422 || !strings.Contains(body, `id="err-figure"`) {
			t.Errorf("bad figure link: %d", st)
		}
		if st, _, _ := union.post(fmt.Sprintf("/tripartit/%d/agenda", mid), url.Values{"title": {"Upah sektoral"}}); st != 403 {
			t.Errorf("the union adds an item: %d", st)
		}
		if st, _, _ := anon.get("/tripartit/999999"); st != 404 {
			t.Errorf("missing meeting: %d", st)
		}
	})
}
