package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBKKTracerFlow: the school's job office verifies the demo seeker's
// graduation on a phone; she answers the tracer study ("working", with
// where, the contract and the wage band); the school's public page then
// counts one more graduate past 6 months, and one more working.
func TestBKKTracerFlow(t *testing.T) {
	srv, a := site(t)
	base := srv.URL
	ctx := browser(t, 360, 740)
	var gid int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT g.id FROM graduates g JOIN seekers s ON s.id = g.seeker_id
		JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&gid); err != nil {
		t.Fatal(err)
	}
	// The school-wide row of the 6-month table: graduates, working.
	totals := func() (int, int) {
		t.Helper()
		must(t, ctx, "school page", chromedp.Navigate(base+"/smk/99360401"), chromedp.WaitVisible(chromedp.CSS("table tr.total")))
		n := func(sel string) int {
			s := strings.TrimSpace(text(ctx, t, sel))
			v, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("%s reads %q, not a count", sel, s)
			}
			return v
		}
		return n("table tr.total td:nth-of-type(1)"), n("table tr.total td:nth-of-type(2)")
	}
	assessed, working := totals()

	login(t, ctx, base, "bkk@bursa.test", "bursa-demo")
	card := fmt.Sprintf("#lulusan-%d", gid)
	must(t, ctx, "desk", chromedp.Navigate(base+"/bkk"), chromedp.WaitVisible(chromedp.CSS(card)), shot("bkk-desk"))
	if s := text(ctx, t, card); !strings.Contains(s, "Siti Nurhayati") || !strings.Contains(s, "Menunggu verifikasi") {
		t.Fatalf("card: %q", s)
	}
	must(t, ctx, "verify", chromedp.Click(chromedp.CSS(card+" form button")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if s := text(ctx, t, ".flash"); !strings.Contains(s, "Lulusan diverifikasi") {
		t.Fatalf("after verifying: %q", s)
	}
	row, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector('%s-row').textContent`, card)))
	if err != nil || !strings.Contains(row, "Terverifikasi") {
		t.Fatalf("graduate row after verifying: %q %v", row, err)
	}
	logout(t, ctx)

	login(t, ctx, base, "pencari@bursa.test", "bursa-demo")
	must(t, ctx, "graduate page", chromedp.Navigate(base+"/pencari/lulusan"),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/pencari/lulusan/tracer"]`)), shot("bkk-tracer"))
	must(t, ctx, "answer",
		chromedp.Click(chromedp.CSS(`input[name="status"][value="bekerja"]`)),
		chromedp.SendKeys(chromedp.CSS("#employer_name"), "PT Baja Mandiri Cilegon"),
		chromedp.SetValue(chromedp.CSS("#contract"), "pkwt"),
		chromedp.Click(chromedp.CSS(`input[name="wage_band"][value="umk_1_5"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/pencari/lulusan/tracer"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	if s := text(ctx, t, "#tracer ~ p"); !strings.Contains(s, "Bekerja") || !strings.Contains(s, "PT Baja Mandiri Cilegon") {
		t.Fatalf("answer shown as %q", s)
	}
	logout(t, ctx)

	a2, w2 := totals()
	if a2 != assessed+1 || w2 != working+1 {
		t.Errorf("school page: graduates %d → %d, working %d → %d", assessed, a2, working, w2)
	}
	must(t, ctx, "shot", shot("bkk-school"))
}
