package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A visitor on a 360×740 phone opens /statistik, finds the SVG map of the
// 8 regencies/cities and the tables, taps Kabupaten Lebak on the map and
// lands on its page; nothing is wider than the screen.
func TestStatsDashboardOnPhone(t *testing.T) {
	srv, _ := site(t)
	base := srv.URL
	ctx := browser(t, 360, 740)
	must(t, ctx, "open statistics", chromedp.Navigate(base+"/statistik"), chromedp.WaitVisible(chromedp.CSS("svg.map")), shot("stats"))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){
		var map = document.querySelector('svg.map');
		var box = map.getBoundingClientRect();
		var tables = document.querySelectorAll('table caption').length;
		var svgs = document.querySelectorAll('main svg').length;
		var wide = document.documentElement.scrollWidth > window.innerWidth + 1;
		return map.querySelectorAll('path').length + '|' + (box.width > 200 && box.height > 100) + '|' + tables + '|' + svgs + '|' + wide;})()`))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(got, "|")
	atLeast5 := func(s string) bool { n, err := strconv.Atoi(s); return err == nil && n >= 5 }
	if len(parts) != 5 || parts[0] != "8" || parts[1] != "true" || parts[4] != "false" || !atLeast5(parts[2]) || !atLeast5(parts[3]) {
		t.Fatalf("map paths|visible|captioned tables|svgs|wider than the phone = %s", got)
	}
	if s := text(ctx, t, "#bps"); !strings.Contains(s, "8,73") {
		t.Errorf("BPS TPT table without Kab. Serang 2025: %q", s)
	}
	must(t, ctx, "tap Kabupaten Lebak on the map",
		chromedp.Click(chromedp.CSS(`svg.map a[href^="/statistik/3602"] path`)))
	// The province page's h1 is there until the regency's page replaces it.
	waitText(t, ctx, "h1", "Kabupaten Lebak")
}
