package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A job seeker opens "Data saya", sees their data by sections, downloads it
// through the page's link, and deletes the account with the password, which
// logs them out for good.
func TestMyDataFlow(t *testing.T) {
	srv, _ := site(t)
	base := srv.URL
	ctx := browser(t, 412, 915)
	login(t, ctx, base, "pencari@bursa.test", "bursa-demo")

	must(t, ctx, "open my data", chromedp.Navigate(base+"/akun/data"), chromedp.WaitVisible(chromedp.CSS("#bagian-applications")), shot("mydata"))
	for _, sel := range []string{"#bagian-account", "#bagian-seeker", "#bagian-applications", "#bagian-audit"} {
		if s := text(ctx, t, sel); !strings.Contains(s, "Siti") && sel == "#bagian-account" {
			t.Errorf("%s does not show the name: %q", sel, s)
		}
	}
	// The download link answers an attachment holding the JSON export. The
	// browser fetches it with the page's own cookie, as a tap would.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){var x=new XMLHttpRequest();
		x.open('GET', document.querySelector('#download').href, false); x.send();
		var j = JSON.parse(x.responseText);
		return x.status + '|' + x.getResponseHeader('Content-Disposition') + '|' + (j.account && j.account.length) + '|' + (j.applications && j.applications.length > 0);})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "200|attachment") || !strings.HasSuffix(got, "|1|true") {
		t.Errorf("download: %s", got)
	}

	// A wrong password is said beside the field; the right one deletes and logs out.
	must(t, ctx, "delete page", chromedp.Click(chromedp.CSS(`a[href="/akun/hapus"]`)), chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#password"), "salah-sandi"), chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS("#err-password")))
	must(t, ctx, "delete", chromedp.SendKeys(chromedp.CSS("#password"), "bursa-demo"), chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")), shot("deleted"))
	if s := text(ctx, t, "header"); strings.Contains(s, "Keluar") || !strings.Contains(s, "Masuk") {
		t.Errorf("still logged in after deletion: %q", s)
	}
	must(t, ctx, "log in again", chromedp.Navigate(base+"/masuk"), chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), "pencari@bursa.test"), chromedp.SendKeys(chromedp.CSS("#password"), "bursa-demo"),
		chromedp.Click(chromedp.CSS("main form button")), chromedp.WaitVisible(chromedp.CSS("#err-login")))
}
