package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLogReadsAsSentences: on a phone, /transparansi shows the log as
// sentences with links (the signed JSON only after a click), a filter by
// kind keeps only that kind, and a vacancy's page shows its own history
// with record numbers and the applications counted.
func TestLogReadsAsSentences(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	must(t, ctx, "transparansi",
		chromedp.Navigate(base+"/transparansi"),
		chromedp.WaitVisible(chromedp.CSS("#catatan ol.log li")),
		shot("ledger-01-transparansi"),
	)
	first := text(ctx, t, "#catatan ol.log li .logline-text")
	if len(first) < 20 || strings.ContainsAny(first, "{}\"") {
		t.Errorf("first record does not read as a sentence: %q", first)
	}
	// No JSON is visible until asked for: every <pre> of a record is in a
	// closed <details>, and the visible text of the list has no braces.
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#catatan').innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(visible, `"kind"`) || strings.Contains(visible, "{") {
		t.Errorf("raw JSON visible on /transparansi:\n%s", visible[:min(len(visible), 800)])
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('#catatan pre')].filter(p => p.checkVisibility()).length`))
	if err != nil || shown != 0 {
		t.Errorf("%d record JSON blocks shown by default (%v)", shown, err)
	}
	must(t, ctx, "open one record's JSON",
		chromedp.Click(chromedp.CSS("#catatan .logline-json summary")),
		chromedp.WaitVisible(chromedp.CSS("#catatan .logline-json pre")),
	)
	if j := text(ctx, t, "#catatan .logline-json pre"); !strings.HasPrefix(j, "{") || !strings.Contains(j, `"kind"`) {
		t.Errorf("the record's JSON: %q", j)
	}
	// Filter by kind: every sentence shown is an application received.
	must(t, ctx, "filter by kind",
		chromedp.SetValue(chromedp.CSS("#jenis"), "application.received"),
		chromedp.Click(chromedp.CSS(".log-filter button")),
	)
	for i := 0; ; i++ {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		if strings.Contains(loc, "jenis=application.received") {
			break
		}
		if i == 100 {
			t.Fatalf("the filter did not load: at %s", loc)
		}
		time.Sleep(100 * time.Millisecond)
	}
	must(t, ctx, "filtered list", chromedp.WaitVisible(chromedp.CSS("#catatan ol.log li")), shot("ledger-02-filtered"))
	if feed, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('link[rel="alternate"][href^="/transparansi/feed.atom"]').getAttribute('href')`)); !strings.Contains(feed, "jenis=application.received") {
		t.Errorf("the page's feed link %q is not filtered", feed)
	}
	kinds, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#catatan .logline-text')].map(e => e.innerText)`))
	if err != nil || len(kinds) == 0 {
		t.Fatalf("filtered list: %v %v", kinds, err)
	}
	for _, k := range kinds {
		if !strings.HasPrefix(k, "Satu lamaran masuk ke lowongan ") {
			t.Errorf("filtered by applications, shows %q", k)
		}
	}

	// A vacancy with applications and a placement shows its history.
	var vid int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT CAST(o.ref AS BIGINT) FROM ledger_objects o
		JOIN ledger_records r ON r.n = o.n JOIN vacancies v ON v.id = CAST(o.ref AS BIGINT) JOIN employers e ON e.id = v.employer_id
		WHERE r.kind = 'placement.reported' AND o.object = 'vacancy' AND e.status = 'terverifikasi' ORDER BY r.n LIMIT 1`).Scan(&vid); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "vacancy history",
		chromedp.Navigate(fmt.Sprintf("%s/lowongan/%d", base, vid)),
		chromedp.WaitVisible(chromedp.CSS("#riwayat-log")),
		shot("ledger-03-vacancy"),
	)
	h := text(ctx, t, "#riwayat-log")
	for _, want := range []string{"Riwayat di log publik", "dibuka:", "Catatan #", "Lamaran masuk: ", "Keputusan seleksi", "Penempatan dilaporkan"} {
		if !strings.Contains(h, want) {
			t.Errorf("vacancy history lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "{") {
		t.Errorf("vacancy history shows JSON:\n%s", h)
	}
	fits(t, ctx, fmt.Sprintf("/lowongan/%d", vid))
}
