package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/account"
	"github.com/bursa-banten/bursa/internal/auth"
)

// TestForgotPassword: a worker who verified their email forgets the
// password, follows "Lupa kata sandi?" from /masuk, types the code that
// arrived (read here from the outbox, as the mailbox would show it), sets a
// new password and logs in with it.
func TestForgotPassword(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	bg := context.Background()
	const email, old, fresh = "yayah@contoh.id", "Kebun-Teh-Segar-8", "Sawah-Hijau-Pagi-31"
	u, err := a.Auth.Create(bg, a.DB, auth.NewUser{Login: email, Name: "Yayah Komariah", Password: old, Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		t.Fatal(err)
	}
	outboxCode := func() string {
		t.Helper()
		var code string
		if err := a.DB.QueryRowContext(bg, `SELECT code FROM outbox WHERE address = ? ORDER BY id DESC LIMIT 1`, email).Scan(&code); err != nil {
			t.Fatal(err)
		}
		return code
	}
	if err := a.Accounts.StartVerify(bg, &u, account.VerifyInput{Kind: account.EmailKind, Address: email}, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Accounts.ConfirmVerify(bg, &u, account.EmailKind, outboxCode(), true); err != nil {
		t.Fatal(err)
	}

	must(t, ctx, "ask for a code",
		chromedp.Navigate(base+"/masuk"),
		chromedp.Click(chromedp.CSS("#forgot")),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/lupa-sandi"] #login`)),
		chromedp.SendKeys(chromedp.CSS("#login"), email),
		shot("recovery-01-forgot"),
		chromedp.Submit(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS("#sent")),
	)
	if got := text(ctx, t, "#sent"); !strings.Contains(got, "30 menit") {
		t.Fatalf("sent notice = %q", got)
	}
	must(t, ctx, "set a new password",
		chromedp.SendKeys(chromedp.CSS("#code"), outboxCode()),
		chromedp.SendKeys(chromedp.CSS("#password"), fresh),
		chromedp.SendKeys(chromedp.CSS("#password2"), fresh),
		shot("recovery-02-reset"),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if got := text(ctx, t, ".flash"); !strings.Contains(got, "Kata sandi baru tersimpan") {
		t.Fatalf("flash after reset = %q", got)
	}
	login(t, ctx, base, email, fresh)
}
