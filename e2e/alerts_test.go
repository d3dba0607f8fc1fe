package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
)

// TestSaveSearchFromList: a job seeker searches the vacancy list, saves the
// search with a daily alert from the list page, finds it on
// /pencari/pencarian, changes it to instant and deletes it.
func TestSaveSearchFromList(t *testing.T) {
	srv, _ := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	login(t, ctx, base, "pencari@bursa.test", demo.Password)
	must(t, ctx, "search",
		chromedp.Navigate(base+"/lowongan?q=operator&region=3672"),
		chromedp.WaitVisible(chromedp.CSS("#simpan-pencarian")),
		chromedp.SetValue(chromedp.CSS("#simpan-pencarian select"), "daily"),
		chromedp.Click(chromedp.CSS("#simpan-pencarian button")),
		chromedp.WaitVisible(chromedp.CSS(".saved-search")),
		shot("saved-searches"),
	)
	card := text(ctx, t, ".saved-search")
	if !strings.Contains(card, "operator") || !strings.Contains(card, "Cilegon") {
		t.Fatalf("saved search card: %q", card)
	}
	sel, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(".saved-search select")))
	if err != nil || sel != "daily" {
		t.Fatalf("alert shown: %q %v", sel, err)
	}
	must(t, ctx, "change to instant",
		chromedp.SetValue(chromedp.CSS(".saved-search select"), "instant"),
		chromedp.Click(chromedp.CSS(`.saved-search form[action$="/kabar"] button`)),
		// The new page says so: wait for its words, not for the card (or
		// the flash) the old page has too.
		chromedp.WaitVisible(`//p[contains(@class, "flash") and contains(., "Pilihan kabar diubah")]`),
		chromedp.WaitVisible(chromedp.CSS(".saved-search")),
	)
	if sel, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(".saved-search select"))); sel != "instant" {
		t.Fatalf("after change: %q", sel)
	}
	must(t, ctx, "the search's link leads back to the list",
		chromedp.Click(chromedp.CSS(".saved-search h2 a")),
		chromedp.WaitVisible(chromedp.CSS("#jumlah")),
	)
	if q, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#q"))); q != "operator" {
		t.Fatalf("list from the saved search: q=%q", q)
	}
	must(t, ctx, "delete",
		chromedp.Navigate(base+"/pencari/pencarian"),
		chromedp.Click(chromedp.CSS(`.saved-search form[action$="/hapus"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#tidak-ada")),
	)
}
