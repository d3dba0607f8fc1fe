package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
)

// TestApprenticeshipOnPhone: on a 360×740 phone the demo company applies
// for an apprenticeship program — 18 months is refused in the error
// summary at the top — then sends a lawful one; the officer finds it in
// the queue with its deadline and approves it; the public /magang page
// lists it with its terms. No page scrolls sideways.
func TestApprenticeshipOnPhone(t *testing.T) {
	srv, _ := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	start := time.Now().AddDate(0, 0, 30).Format("2006-01-02")
	const title = "Magang Operator Crane Pelabuhan"

	login(t, ctx, base, "perusahaan@bursa.test", demo.Password)
	must(t, ctx, "company fills the application with 18 months",
		chromedp.Navigate(base+"/perusahaan/magang"),
		chromedp.Click(chromedp.CSS(`a[href="/perusahaan/magang/baru"]`)),
		chromedp.WaitVisible(chromedp.CSS("#training_plan")),
		chromedp.SendKeys(chromedp.CSS("#title"), title),
		chromedp.SetValue(chromedp.CSS("#occupation"), "8343"),
		chromedp.SendKeys(chromedp.CSS("#standard"), "SKKNI 2017-087 Operator Crane"),
		chromedp.SetValue(chromedp.CSS("#region"), "3672"),
		chromedp.SetValue(chromedp.CSS("#workforce"), "640"),
		chromedp.SendKeys(chromedp.CSS("#seats"), "5"),
		chromedp.SendKeys(chromedp.CSS("#months"), "18"),
		chromedp.SendKeys(chromedp.CSS("#theory_share"), "20"),
		chromedp.SendKeys(chromedp.CSS("#allowance"), "2700000"),
		chromedp.SetValue(chromedp.CSS("#start_on"), start),
		chromedp.Click(chromedp.CSS(`input[name="insurance"][value="true"]`)),
		chromedp.SendKeys(chromedp.CSS("#mentor_name"), "Slamet Riyadi"),
		chromedp.SendKeys(chromedp.CSS("#mentor_title"), "Kepala Operasi Dermaga"),
		chromedp.SendKeys(chromedp.CSS("#training_plan"), "Bulan 1 teori K3 pengangkatan dan rigging, lalu praktik crane bersama pembimbing, uji SIO di akhir."),
		chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
		shot("appr-form-error"),
	)
	if got := text(ctx, t, ".error-summary"); !strings.Contains(got, "paling lama 12 bulan") {
		t.Fatalf("error summary: %q", got)
	}
	fits(t, ctx, "/perusahaan/magang/baru")
	must(t, ctx, "company corrects the length and sends",
		chromedp.SetValue(chromedp.CSS("#months"), "6"),
		chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(`//h1[contains(., "`+title+`")]`),
		shot("appr-roster"),
	)
	if got := text(ctx, t, "main"); !strings.Contains(got, "Menunggu keputusan dinas") {
		t.Errorf("roster after applying: %q", got)
	}
	logout(t, ctx)

	login(t, ctx, base, "petugas@bursa.test", demo.Password)
	must(t, ctx, "officer opens the queue",
		chromedp.Navigate(base+"/petugas"),
		chromedp.Click(chromedp.CSS(`a[href="/petugas/magang"]`)),
		chromedp.WaitVisible(`//article[.//h3[contains(., "`+title+`")]]`),
		shot("appr-queue"),
	)
	fits(t, ctx, "/petugas/magang")
	card := text(ctx, t, "main")
	if !strings.Contains(card, "Dinas memutuskan paling lambat") || !strings.Contains(card, "Lewat batas") {
		t.Errorf("queue lacks the deadline or the overdue flag: %q", card)
	}
	must(t, ctx, "officer approves",
		chromedp.Click(`//article[.//h3[contains(., "`+title+`")]]//button[@value="true"]`),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if got := text(ctx, t, ".flash"); !strings.Contains(got, "disetujui") {
		t.Errorf("flash after approving: %q", got)
	}
	logout(t, ctx)

	must(t, ctx, "the public page lists it",
		chromedp.Navigate(base+"/magang"),
		chromedp.Click(`//a[contains(., "`+title+`")]`),
		chromedp.WaitVisible(chromedp.CSS("dl.facts")),
		shot("appr-public"),
	)
	fits(t, ctx, "/magang/{id}")
	if got := text(ctx, t, "main"); !strings.Contains(got, "Slamet Riyadi") || !strings.Contains(got, "Rp 2.700.000") || !strings.Contains(got, "Disetujui") {
		t.Errorf("public program page: %q", got)
	}
}
