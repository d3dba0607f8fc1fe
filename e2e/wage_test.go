package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
)

// TestWageCouncilOnPhone: on a 360×740 phone a visitor simulates next
// year's UMK for every regency with their own α, and sees the published
// recommendation; the demo union officer finds the council in the menu,
// sees every party's proposal side by side and records one for Kota
// Tangerang; the tripartite meeting shows its agenda. No page scrolls
// sideways.
func TestWageCouncilOnPhone(t *testing.T) {
	srv, _ := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	must(t, ctx, "visitor simulates",
		chromedp.Navigate(base+"/dewan-pengupahan"),
		chromedp.WaitVisible(chromedp.CSS("#tabel-simulasi")),
		chromedp.SetValue(chromedp.CSS("#alpha"), "0,8"),
		chromedp.Click(chromedp.CSS(`form[method="get"] button`)),
		chromedp.WaitVisible(`//caption[contains(., "α 0,80")]`),
		shot("wage-visitor"),
	)
	fits(t, ctx, "/dewan-pengupahan")
	table := text(ctx, t, "#tabel-simulasi")
	if !strings.Contains(table, "Kabupaten Serang") || !strings.Contains(table, "Rp 5.178.521") {
		t.Fatalf("simulation table: %q", table)
	}
	if rec := text(ctx, t, "#rekomendasi + div table"); !strings.Contains(rec, "Kota Serang") {
		t.Errorf("published recommendation: %q", rec)
	}

	login(t, ctx, base, "serikat@bursa.test", demo.Password)
	must(t, ctx, "union officer opens the council from the menu",
		chromedp.Click(chromedp.CSS(`nav a[href="/dewan-pengupahan"]`)),
		chromedp.WaitVisible(chromedp.CSS("#usulan-3604")),
	)
	side := text(ctx, t, "#usulan-3604")
	for _, party := range []string{"Pemerintah", "Pengusaha (Apindo)", "Serikat pekerja", "Akademisi"} {
		if !strings.Contains(side, party) {
			t.Errorf("Kab. Serang's proposals lack %s: %q", party, side)
		}
	}
	must(t, ctx, "union officer proposes",
		chromedp.SetValue(chromedp.CSS("#region"), "3671"),
		chromedp.SendKeys(chromedp.CSS("#p-alpha"), "0,85"),
		chromedp.SendKeys(chromedp.CSS("#reasoning"), "Sewa kontrakan dan harga pangan di Kota Tangerang naik tajam tahun ini."),
		chromedp.Click(chromedp.CSS("#form-usulan button")),
		chromedp.WaitVisible(chromedp.CSS("#usulan-3671")),
		shot("wage-union"),
	)
	fits(t, ctx, "/dewan-pengupahan (member)")
	if got := text(ctx, t, "#usulan-3671"); !strings.Contains(got, "0,85") {
		t.Errorf("new proposal: %q", got)
	}
	must(t, ctx, "tripartite agenda",
		chromedp.Navigate(base+"/tripartit"),
		chromedp.Click(chromedp.CSS("ul.meetings a")),
		chromedp.WaitVisible(chromedp.CSS(`section[id^="agenda-"]`)),
		shot("tripartite-meeting"),
	)
	fits(t, ctx, "/tripartit/{id}")
	if got := text(ctx, t, "main"); !strings.Contains(got, "Sedang ditindaklanjuti") {
		t.Errorf("meeting page: %q", got)
	}
}
