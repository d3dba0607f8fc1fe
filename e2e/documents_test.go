package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/upload"
)

// scripts turns the page's JavaScript off or on, as a phone browser with
// scripts blocked (or a proxy that strips them) would be.
func scripts(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	})
}

// TestProfileAndCVWithoutJavaScript: on a 360×740 phone with JavaScript
// off, the seeker finds a skill by typing "las", ticks it and saves; then
// uploads a CV and sends it with her application; the employer sees it on
// the application's documents page.
func TestProfileAndCVWithoutJavaScript(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	must(t, ctx, "scripts off", scripts(false))
	login(t, ctx, base, "pencari@bursa.test", "bursa-demo")

	must(t, ctx, "search skills",
		chromedp.Navigate(base+"/pencari/profil"),
		chromedp.SendKeys(chromedp.CSS("#skill_q"), "las"),
		chromedp.Click(chromedp.CSS(`button[name="cari"][value="skills"]`)),
		chromedp.WaitVisible(chromedp.CSS(`fieldset.hits input[name="skills"]`)),
		shot("profile-skill-search-360"),
	)
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`fieldset.hits input[name="skills"]`), "value"))
	if err != nil || attr.Value == "" {
		t.Fatalf("first hit: %v %+v", err, attr)
	}
	picked := attr.Value
	must(t, ctx, "tick and save",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`fieldset.hits input[value=%q]`, picked))),
		chromedp.Click(chromedp.CSS(`main form.form > button`)),
		chromedp.WaitVisible(chromedp.CSS(`#ak1-number`)),
	)
	u, err := a.Auth.ByLogin(context.Background(), "pencari@bursa.test")
	if err != nil {
		t.Fatal(err)
	}
	sk, err := a.Seekers.ByUser(context.Background(), u.ID)
	if err != nil || !slices.Contains(sk.Skills, picked) {
		t.Fatalf("skill %s not saved: %v %v", picked, sk.Skills, err)
	}

	cv := filepath.Join(t.TempDir(), "cv.pdf")
	if err := os.WriteFile(cv, upload.TextPDF("CV e2e", "Siti Nurhayati"), 0o600); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "upload a CV",
		chromedp.Navigate(base+"/pencari/dokumen"),
		chromedp.SendKeys(chromedp.CSS("#title"), "CV dari ponsel"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{cv}),
		chromedp.Click(chromedp.CSS(`#unggah form button`)),
	)
	// The demo seeker's list is there before the upload: wait for the new
	// CV in it, or the read races the page load (seen in CI under load).
	waitText(t, ctx, "#dokumen", "CV dari ponsel")
	var appID, docID int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT a.id FROM applications a WHERE a.seeker_id = ? AND a.status = 'wawancara'
		ORDER BY a.id LIMIT 1`, sk.ID).Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.QueryRowContext(context.Background(), `SELECT id FROM documents WHERE seeker_id = ? AND title = 'CV dari ponsel'`, sk.ID).Scan(&docID); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "send it with the application",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#kirim-%d input[value="%d"]`, appID, docID))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#kirim-%d button`, appID))),
		// The upload's flash is still there until this answer replaces it.
		chromedp.WaitVisible(`//p[contains(@class, "flash") and contains(., "Pilihan dokumen untuk lamaran ini tersimpan")]`),
		shot("documents-360"),
	)
	logout(t, ctx)

	login(t, ctx, base, "perusahaan@bursa.test", "bursa-demo")
	must(t, ctx, "the employer's list", chromedp.Navigate(fmt.Sprintf("%s/perusahaan/lamaran/%d/dokumen", base, appID)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`a[href="/perusahaan/lamaran/%d/dokumen/%d"]`, appID, docID))),
		shot("employer-documents-360"))
	if !strings.Contains(text(ctx, t, "main"), "CV dari ponsel") {
		t.Fatal("the employer does not see the CV")
	}
	logout(t, ctx)

	// The pages fit the phone (scripts back on: the check itself is a script).
	must(t, ctx, "scripts on", scripts(true))
	login(t, ctx, base, "pencari@bursa.test", "bursa-demo")
	for _, p := range []string{"/pencari/dokumen", "/pencari/profil", "/pencari/cv", "/pencari/ak1"} {
		must(t, ctx, p, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main")))
		fits(t, ctx, p)
	}
}
