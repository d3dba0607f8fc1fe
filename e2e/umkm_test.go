package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
)

// TestUMKMOnPhone: on a 360×740 phone the demo job seeker registers the
// small business she runs, sees it classed as micro by its capital, and
// applies from its page to the open halal certification program; once
// the program has closed, the cooperatives/SME officer allocates its seats
// on the program page; the business page then shows the seat. No page
// scrolls sideways.
func TestUMKMOnPhone(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL

	login(t, ctx, base, "pencari@bursa.test", demo.Password)
	must(t, ctx, "register a business",
		chromedp.Navigate(base+"/umkm"),
		chromedp.WaitVisible(chromedp.CSS("#umkm-kelas")),
		chromedp.Click(chromedp.CSS(`a[href="/umkm/daftar"]`)),
		chromedp.WaitVisible(chromedp.CSS("#nib")),
		chromedp.SendKeys(chromedp.CSS("#nib"), "3604 5555 44443"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Rempeyek Kacang Bu Siti"),
		chromedp.SendKeys(chromedp.CSS("#kbli"), "10799"),
		chromedp.SetValue(chromedp.CSS("#region"), "3604"),
		chromedp.SendKeys(chromedp.CSS("#capital"), "15.000.000"),
		chromedp.SendKeys(chromedp.CSS("#annual_sales"), "0"),
		shot("umkm-register"),
		chromedp.Submit(chromedp.CSS("#nib")),
		chromedp.WaitVisible(chromedp.CSS("#laporan")),
	)
	fits(t, ctx, "/umkm/usaha/{id}")
	if got := text(ctx, t, "main"); !strings.Contains(got, "Rempeyek Kacang Bu Siti") || !strings.Contains(got, "Mikro") {
		t.Fatalf("business page: %q", got)
	}
	page, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "apply to the halal program",
		chromedp.Click(`//section[@id="program"]//li[contains(., "Sertifikasi halal gratis")]//button`),
		chromedp.WaitVisible(chromedp.CSS("#lamaran-program")),
		shot("umkm-applied"),
	)
	if got := text(ctx, t, "#lamaran-program"); !strings.Contains(got, "Menunggu") {
		t.Fatalf("application: %q", got)
	}
	logout(t, ctx)

	// The program closes: the registry's clock moves past its closing day
	// (sessions keep real time).
	a.UMKM.Now = func() time.Time { return time.Now().AddDate(0, 0, 30) }
	login(t, ctx, base, "koperasi@bursa.test", demo.Password)
	must(t, ctx, "officer allocates",
		chromedp.Click(chromedp.CSS(`nav a[href="/koperasi"]`)),
		chromedp.WaitVisible(chromedp.CSS("#program-baru")),
		chromedp.Click(`//section[@id="program"]//a[contains(., "Sertifikasi halal gratis")]`),
		chromedp.WaitVisible(chromedp.CSS("#pendaftar")),
		chromedp.Click(chromedp.CSS(`form[action$="/alokasi"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#hasil")),
		shot("umkm-allocated"),
	)
	fits(t, ctx, "/umkm/program/{id}")
	logout(t, ctx)

	login(t, ctx, base, "pencari@bursa.test", demo.Password)
	must(t, ctx, "business page shows the seat", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#lamaran-program")))
	if got := text(ctx, t, "#lamaran-program"); !strings.Contains(got, "Diterima") {
		t.Errorf("result: %q", got)
	}
	must(t, ctx, "public page", chromedp.Navigate(base+"/umkm"), chromedp.WaitVisible(chromedp.CSS("#umkm-kelas")))
	fits(t, ctx, "/umkm")
	must(t, ctx, "youth page", chromedp.Navigate(base+"/program-muda/gen-banten"), chromedp.WaitVisible(chromedp.CSS("#hasil-program-muda")))
	fits(t, ctx, "/program-muda/gen-banten")
}
