package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/notify"
)

// TestInboxBadge: a job seeker with unread notices sees their count beside
// "Kabar" in the navigation of a 360×740 phone, opens the inbox, follows a
// notice (which marks it read) and sees the count drop; "Tandai semua sudah
// dibaca" clears it.
func TestInboxBadge(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	bg := context.Background()
	const phone, password = "081399990000", "Kebun-Teh-Segar-8"
	u, err := a.Auth.Create(bg, a.DB, auth.NewUser{Login: phone, Name: "Rina Marlina", Password: password, Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []notify.Notice{
		{To: u.ID, Kind: notify.Application, Title: "ak1.valid_until", Args: []any{"date", "1 Juli 2026"}, URL: "/lowongan"},
		{To: u.ID, Kind: notify.Training, Title: "ak1.valid_until", Args: []any{"date", "2 Juli 2026"}, URL: "/pelatihan"},
	} {
		if _, err := a.Notify.Send(bg, a.DB, n); err != nil {
			t.Fatal(err)
		}
	}

	login(t, ctx, base, phone, password)
	must(t, ctx, "badge on the landing page", chromedp.WaitVisible(chromedp.CSS("#nav-kabar .badge")), shot("inbox-01-badge"))
	if got := text(ctx, t, "#nav-kabar .badge"); strings.TrimSpace(got) != "2" {
		t.Fatalf("badge = %q, want 2", got)
	}
	must(t, ctx, "open the inbox",
		chromedp.Click(chromedp.CSS("#nav-kabar")),
		chromedp.WaitVisible(chromedp.CSS("#kabar article.unread")),
		shot("inbox-02-list"),
	)
	list := text(ctx, t, "#kabar")
	if i, j := strings.Index(list, "2 Juli 2026"), strings.Index(list, "1 Juli 2026"); i < 0 || j < 0 || i > j {
		t.Fatalf("inbox not newest first: %q", list)
	}
	must(t, ctx, "follow the newest notice",
		chromedp.Click(chromedp.CSS("#kabar article:first-child h3 a")),
		chromedp.WaitVisible(chromedp.CSS("#nav-kabar .badge")),
	)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/pelatihan") {
		t.Errorf("the notice led to %s, want /pelatihan", loc)
	}
	if got := text(ctx, t, "#nav-kabar .badge"); strings.TrimSpace(got) != "1" {
		t.Fatalf("badge after reading one = %q, want 1", got)
	}
	must(t, ctx, "mark all read",
		chromedp.Navigate(base+"/kabar"),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/kabar/baca"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/kabar/baca"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		shot("inbox-03-all-read"),
	)
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("#nav-kabar")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "badge") {
		t.Errorf("a badge after marking all read: %s", html)
	}

	// The settings: with no verified contact every channel is shown
	// disabled with the way to verify one; saving still works.
	must(t, ctx, "settings",
		chromedp.Navigate(base+"/kabar/pengaturan"),
		chromedp.WaitVisible(chromedp.CSS("#pilihan")),
		shot("inbox-04-settings"),
	)
	disabled, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#pilihan input[type=checkbox]:disabled').length`))
	if err != nil || disabled == 0 {
		t.Errorf("disabled boxes without a verified contact: %d %v", disabled, err)
	}
	must(t, ctx, "save settings",
		chromedp.Click(chromedp.CSS(`form[action="/kabar/pengaturan"] > button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
}
