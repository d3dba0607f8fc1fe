package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestCheckInTheBrowser: /transparansi/periksa checks a record and a
// receipt with the page's own script (WebCrypto SHA-256 and Ed25519): a
// record and a real receipt say valid; a receipt whose record was changed
// by one character, or whose proof names another record, says invalid.
// The pages fit a phone's width.
func TestCheckInTheBrowser(t *testing.T) {
	srv, a := site(t)
	ctx := context.Background()
	if _, err := a.Ledger.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	b := browser(t, 360, 740)
	verdict := func(step string) (string, string) {
		t.Helper()
		must(t, b, step, chromedp.WaitVisible(chromedp.CSS(`#periksa-verdict[data-result]`)))
		res, err := chromedp.Run(b, chromedp.Evaluate[string](`document.querySelector('#periksa-verdict').dataset.result`))
		if err != nil {
			t.Fatal(err)
		}
		return res, text(b, t, "#periksa-result")
	}
	// A record, opened from its page's link: the check runs at once.
	must(t, b, "record page", chromedp.Navigate(srv.URL+"/transparansi/catatan/5"),
		chromedp.Click(chromedp.CSS(`a[href="/transparansi/periksa?n=5"]`)))
	if res, txt := verdict("record 5"); res != "valid" || !strings.Contains(txt, "SAH") || strings.Contains(txt, "✗") {
		t.Fatalf("record 5: %s\n%s", res, txt)
	}
	fits(t, b, "/transparansi/periksa")

	// The demo seeker's receipt, as downloaded.
	var appID, seekerID int64
	if err := a.DB.QueryRowContext(ctx, `SELECT a.id, a.seeker_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
		JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' ORDER BY a.id LIMIT 1`).Scan(&appID, &seekerID); err != nil {
		t.Fatal(err)
	}
	rc, err := a.Vacancies.Receipt(ctx, appID, seekerID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Ledger.Prove(ctx, rc.LedgerN)
	if err != nil {
		t.Fatal(err)
	}
	receipt := func(p ledger.Proof) string {
		b, _ := json.Marshal(map[string]any{"n": p.N, "record": p.Record, "checkpoint": p.Checkpoint, "proof": p.Hashes,
			"salt": rc.Salt, "commitment": rc.Commitment, "seeker_id": rc.SeekerID, "vacancy_id": rc.VacancyID})
		return string(b)
	}
	check := func(name, doc string) (string, string) {
		t.Helper()
		must(t, b, name, chromedp.Navigate(srv.URL+"/transparansi/periksa"), chromedp.WaitVisible(chromedp.CSS("#periksa-receipt-text")),
			chromedp.SetValue(chromedp.CSS("#periksa-receipt-text"), doc), chromedp.Click(chromedp.CSS("#periksa-form button")))
		return verdict(name)
	}
	if res, txt := check("receipt", receipt(p)); res != "valid" || strings.Contains(txt, "✗") || strings.Count(txt, "✓") != 5 {
		t.Fatalf("receipt: %s\n%s", res, txt)
	}
	tampered := p
	tampered.Record = strings.Replace(p.Record, `"application.received"`, `"application.receivee"`, 1)
	if tampered.Record == p.Record {
		t.Fatalf("record %q", p.Record)
	}
	if res, txt := check("tampered receipt", receipt(tampered)); res != "invalid" || !strings.Contains(txt, "TIDAK SAH") {
		t.Fatalf("tampered receipt: %s\n%s", res, txt)
	}
	other := p
	other.N = p.N + 1
	if res, _ := check("receipt for another record", receipt(other)); res != "invalid" {
		t.Fatalf("a proof moved to another record: %s", res)
	}
	// A key the log does not sign with: the signature step fails.
	_, wrong, _ := ledgerKey(t)
	must(t, b, "wrong key", chromedp.Navigate(srv.URL+"/transparansi/periksa?n=5"), chromedp.WaitVisible(chromedp.CSS(`#periksa-verdict[data-result]`)),
		chromedp.SetValue(chromedp.CSS("#periksa-key"), wrong), chromedp.Click(chromedp.CSS("#periksa-form button")))
	if res, _ := verdict("wrong key"); res != "invalid" {
		t.Fatalf("another key: %s", res)
	}

	must(t, b, "monitor page", chromedp.Navigate(srv.URL+"/transparansi/pemantau"), chromedp.WaitVisible(chromedp.CSS("#saksi")))
	fits(t, b, "/transparansi/pemantau")
}

// ledgerKey makes a fresh key under the test log's name.
func ledgerKey(t *testing.T) (string, string, error) {
	t.Helper()
	_, v, err := ledger.LoadKey(t.TempDir()+"/other.key", "bursa.test/ledger")
	if err != nil {
		t.Fatal(err)
	}
	return "", v, nil
}
