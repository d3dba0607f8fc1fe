package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestErrorSummaryTakesFocus checks a refused form answers, on a phone, with
// a summary at the top that takes focus and lists each problem as a link to
// its field: after the reload the first thing on screen says what to fix.
func TestErrorSummaryTakesFocus(t *testing.T) {
	srv, _ := site(t)
	ctx := browser(t, 360, 740)
	must(t, ctx, "submit a bad registration",
		chromedp.Navigate(srv.URL+"/daftar"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Siti"),
		chromedp.SendKeys(chromedp.CSS("#login"), "0812"),
		chromedp.SendKeys(chromedp.CSS("#password"), "rahasia"),
		chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
		shot("form-error-summary-360"),
	)
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err != nil || focused != "error-summary" {
		t.Fatalf("focus is on %q (%v), want the error summary", focused, err)
	}
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('.error-summary').getBoundingClientRect().bottom`))
	if err != nil || top > 740 {
		t.Errorf("the summary ends at %.0f px (%v): not on the first screen of a phone", top, err)
	}
	links := text(ctx, t, ".error-summary ul")
	for _, field := range []string{"login", "password"} {
		if !containsLink(ctx, t, field) {
			t.Errorf("summary %q has no link to #%s", links, field)
		}
	}
	must(t, ctx, "follow the first link", chromedp.Click(chromedp.CSS(".error-summary a")))
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || location.hash`))
	if err != nil || (id != "login" && id != "#login" && id != "password" && id != "#password") {
		t.Errorf("after following the link, focus/hash is %q (%v)", id, err)
	}
}

func containsLink(ctx context.Context, t *testing.T, field string) bool {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.error-summary a[href="#`+field+`"]').length`))
	return err == nil && n > 0
}

// TestListFirstResultOnScreen checks the filters fold away on a phone so the
// first vacancy shows on the first screen, and open by themselves when a
// filter is in use.
func TestListFirstResultOnScreen(t *testing.T) {
	srv, _ := site(t)
	ctx := browser(t, 360, 740)
	must(t, ctx, "list", chromedp.Navigate(srv.URL+"/lowongan"), chromedp.WaitVisible(chromedp.CSS("#jumlah")), shot("list-360"))
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('main article.card').getBoundingClientRect().top`))
	if err != nil || top > 600 {
		t.Errorf("the first vacancy starts at %.0f px (%v) on a 740 px phone screen", top, err)
	}
	must(t, ctx, "filtered list", chromedp.Navigate(srv.URL+"/lowongan?region=3604"), chromedp.WaitVisible(chromedp.CSS("#region")))
}
