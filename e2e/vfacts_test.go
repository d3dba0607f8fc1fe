package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
)

// TestVacancyFactsPhone: on a 360×740 phone, the outsourced vacancy says
// in one line who employs and where the work happens, with the agency
// licence and the employer's responsiveness, without scrolling sideways;
// the daily-wage vacancy shows its wage per day with the monthly
// equivalent; the list's disability filter (shown ticked) keeps the disability-friendly
// vacancy.
func TestVacancyFactsPhone(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	id := func(title string) int64 {
		var id int64
		if err := a.DB.QueryRowContext(t.Context(), `SELECT id FROM vacancies WHERE title = ?`, title).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	must(t, ctx, "outsourced vacancy",
		chromedp.Navigate(fmt.Sprintf("%s/lowongan/%d", base, id("Operator Produksi (Alih Daya) Kawasan Krakatau"))),
		chromedp.WaitVisible(chromedp.CSS("#pemberi-kerja-sebenarnya")),
		chromedp.WaitVisible(chromedp.CSS("#agen-penempatan")),
		chromedp.ScrollIntoView(chromedp.CSS("#responsif")),
		shot("vacancy-outsourced"),
	)
	var legal string
	if err := a.DB.QueryRowContext(t.Context(), `SELECT e.name FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.title = ?`,
		"Operator Produksi (Alih Daya) Kawasan Krakatau").Scan(&legal); err != nil {
		t.Fatal(err)
	}
	who := text(ctx, t, "#pemberi-kerja-sebenarnya")
	if !strings.Contains(who, "Pemberi kerja: "+legal) || !strings.Contains(who, "PT Krakatau Wire Industri") {
		t.Fatalf("who employs: %q", who)
	}
	if r := text(ctx, t, "#responsif"); !strings.Contains(r, "30 hari") {
		t.Fatalf("responsiveness: %q", r)
	}
	fits(t, ctx, "outsourced vacancy")
	must(t, ctx, "daily wage vacancy",
		chromedp.Navigate(fmt.Sprintf("%s/lowongan/%d", base, id("Buruh Harian Bongkar Muat Gudang"))),
		chromedp.WaitVisible(chromedp.CSS("dd.wage")),
		shot("vacancy-daily"),
	)
	if w := text(ctx, t, "dd.wage"); !strings.Contains(w, "per hari") || !strings.Contains(w, "sebulan") {
		t.Fatalf("daily wage: %q", w)
	}
	fits(t, ctx, "daily wage vacancy")
	must(t, ctx, "disability filter",
		chromedp.Navigate(base+"/lowongan?disability_open=1"),
		chromedp.WaitVisible(chromedp.CSS("#jumlah")),
		shot("list-disability"),
	)
	// The filter stays ticked in the opened filters, for the next search.
	if on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[name="disability_open"]').checked && document.querySelector('.more-filters').open`)); err != nil || !on {
		t.Fatalf("the filter is not shown ticked: %v %v", on, err)
	}
	if l := text(ctx, t, "main"); !strings.Contains(l, "Staf Administrasi Gudang") || strings.Contains(l, "Buruh Harian Bongkar") {
		t.Fatalf("filtered list: %q", l)
	}
	fits(t, ctx, "filtered list")
	// The employer's form, dashboard and the petugas's page fit the phone too.
	login(t, ctx, base, "perusahaan@bursa.test", demo.Password)
	for _, p := range []struct{ path, wait, name string }{
		{"/perusahaan/lowongan/baru", "#wage_unit", "vacancy-form"},
		{"/perusahaan", "#tenaga-kerja", "employer-dashboard"},
	} {
		must(t, ctx, p.name, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)), shot(p.name))
		fits(t, ctx, p.name)
	}
	logout(t, ctx)
	login(t, ctx, base, "petugas@bursa.test", demo.Password)
	must(t, ctx, "petugas", chromedp.Navigate(base+"/petugas/izin-agen"), chromedp.WaitVisible(chromedp.CSS("table.list")), shot("officer-facts"))
	fits(t, ctx, "petugas licence and quota page")
}
