package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestProfileBackgroundOnPhone: on a 360×740 phone the seeker changes her
// address by typing a kecamatan's name and choosing a village, adds a job
// to her work history, a SIM and a language, saves, and sees them on the
// CV made from her profile.
func TestProfileBackgroundOnPhone(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	login(t, ctx, base, "pencari@bursa.test", "bursa-demo")

	must(t, ctx, "search the address",
		chromedp.Navigate(base+"/pencari/profil"),
		chromedp.SendKeys(chromedp.CSS(`[id="address.kecamatan"]`), "kibin"),
		chromedp.Click(chromedp.CSS(`button[name="cari"][value="area"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#alamat input[name="area"][value="360416"]`)),
		shot("profile-area-search-360"),
	)
	// Typing the kecamatan offers it and its villages: Desa Kibin is
	// 36.04.16.2001 in the Kemendagri data.
	const village = "3604162001"
	must(t, ctx, "choose the village and fill the rest",
		chromedp.Click(chromedp.CSS(`#alamat input[value="`+village+`"]`)),
		chromedp.SetValue(chromedp.CSS(`[id="address.street"]`), "Kp. Cisereh RT 02/RW 05"),
		chromedp.SendKeys(chromedp.CSS(`[id="experiences.2.employer"]`), "PT Tekstil Kibin"),
		chromedp.SendKeys(chromedp.CSS(`[id="experiences.2.title"]`), "Operator mesin rajut"),
		chromedp.SetValue(chromedp.CSS(`[id="experiences.2.from"]`), "2025-02"),
		chromedp.Click(chromedp.CSS(`input[name="experiences.2.current"]`)),
		chromedp.Click(chromedp.CSS(`input[name="sim.A"]`)),
		chromedp.SetValue(chromedp.CSS(`[id="languages.ko"]`), "menengah"),
		shot("profile-background-360"),
		chromedp.Click(chromedp.CSS(`main form.form > button`)),
		chromedp.WaitVisible(chromedp.CSS(`#ak1-number`)),
	)
	must(t, ctx, "the CV", chromedp.Navigate(base+"/pencari/cv"), chromedp.WaitVisible(chromedp.CSS("article.cv")), shot("cv-background-360"))
	cv := text(ctx, t, "article.cv")
	for _, want := range []string{"Operator mesin rajut", "PT Tekstil Kibin", "sekarang", "SIM A", "SIM C", "Bahasa Korea: Menengah", "Kec. Kibin"} {
		if !strings.Contains(cv, want) {
			t.Errorf("the CV lacks %q:\n%s", want, cv)
		}
	}
	if strings.Contains(cv, "Cisereh") {
		t.Error("the CV shows the street")
	}
	u, _ := a.Auth.ByLogin(context.Background(), "pencari@bursa.test")
	sk, err := a.Seekers.ByUser(context.Background(), u.ID)
	if err != nil || sk.Address.Village != village || len(sk.Experiences) != 3 || !sk.Experiences[0].Current {
		t.Fatalf("stored: %+v %v", sk.Background, err)
	}
	fits(t, ctx, "/pencari/cv")
	must(t, ctx, "profile again", chromedp.Navigate(base+"/pencari/profil"), chromedp.WaitVisible(chromedp.CSS("main")))
	fits(t, ctx, "/pencari/profil")
}
