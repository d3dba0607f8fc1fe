package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
)

// TestReviewQueue: on a phone, the petugas opens the review queue from the
// petugas home, finds the demo's held Rp 500.000 advert with its fee
// sentence marked, tries to approve without a reason (refused, with the
// message), refuses it with a reason; the employer's dashboard then shows
// the vacancy as a draft with the petugas's reason.
func TestReviewQueue(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	login(t, ctx, base, "petugas@bursa.test", demo.Password)
	must(t, ctx, "queue from the petugas home",
		chromedp.Navigate(base+"/petugas"),
		chromedp.Click(chromedp.CSS(`a[href="/petugas/tinjau"]`)),
		chromedp.WaitVisible(chromedp.CSS("article.review")),
		shot("review-queue"),
	)
	fits(t, ctx, "/petugas/tinjau")
	marked := text(ctx, t, "article.review mark")
	if !strings.Contains(marked, "Biaya administrasi Rp 500.000") {
		t.Fatalf("first marked sentence: %q", marked)
	}
	must(t, ctx, "approve without a reason",
		chromedp.Click(chromedp.CSS(`article.review button[value="approve"]`)),
	)
	// The browser's own check keeps an empty required reason from being
	// sent; the page stays with the queue.
	must(t, ctx, "still on the queue", chromedp.WaitVisible(chromedp.CSS("article.review")))
	must(t, ctx, "refuse with a reason",
		chromedp.SetValue(chromedp.CSS("article.review textarea[name=reason]"), "Pelamar tidak boleh dimintai biaya apa pun."),
		chromedp.Click(chromedp.CSS(`article.review button[value="refuse"]`)),
		chromedp.WaitVisible(`//p[contains(@class, "flash") and contains(., "lowongan ditolak")]`),
		shot("review-queue-after"),
	)
	logout(t, ctx)
	login(t, ctx, base, "perusahaan@bursa.test", demo.Password)
	must(t, ctx, "dashboard", chromedp.Navigate(base+"/perusahaan"), chromedp.WaitVisible(chromedp.CSS("main table")), shot("employer-dashboard-review"))
	if dash := text(ctx, t, "main table"); !strings.Contains(dash, "Pelamar tidak boleh dimintai biaya apa pun.") {
		t.Fatalf("dashboard without the reason: %q", dash)
	}
	fits(t, ctx, "/perusahaan")
	// The flagged demo vacancy's form: the finding, its law and the reason
	// the employer gave, waiting for the petugas.
	var id int64
	if err := a.DB.QueryRowContext(t.Context(), `SELECT id FROM vacancies WHERE title = 'Juru Masak Kantin Asrama'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "form with flags",
		chromedp.Navigate(fmt.Sprintf("%s/perusahaan/lowongan/%d/ubah", base, id)),
		chromedp.WaitVisible(chromedp.CSS("#pemeriksaan")),
		shot("vacancy-form-flags"),
	)
	fits(t, ctx, "vacancy form with flags")
	if sec := text(ctx, t, "#pemeriksaan"); !strings.Contains(sec, "Syarat: wanita") || !strings.Contains(sec, "Alasan menunggu petugas") {
		t.Fatalf("flags section: %q", sec)
	}
}
