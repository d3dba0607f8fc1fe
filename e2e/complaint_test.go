package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/wib"
)

// waitText waits until the element's text contains want (pages reload after
// each form, so the old page's text must not count).
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		got, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS(sel)))
		cancel()
		if err == nil {
			last = got
			if strings.Contains(got, want) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: want %q, have %q", sel, want, last)
}

// TestComplaintToNota: an anonymous worker files a complaint with a PIN on
// her phone (a mistake first: explained beside the field, nothing stored),
// and gets a tracking code; the demo pengawas verifies the case, opens the
// confidential part and takes the case through the inspection to nota
// pemeriksaan I; the worker tracks it by code and PIN and sees each state
// and who opened her complaint.
func TestComplaintToNota(t *testing.T) {
	srv, a := site(t)
	ctx := browser(t, 360, 740)
	base := srv.URL
	count := func() int {
		var n int
		if err := a.DB.QueryRowContext(context.Background(), `SELECT count(*) FROM complaints`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	today := wib.Date(time.Now()).Format(time.DateOnly)
	narrative := "Sejak Januari kami lembur tiga jam setiap hari tetapi upah lembur tidak pernah dibayar."

	// A first try with the story too short and the PIN typed twice differently.
	before := count()
	must(t, ctx, "open the complaint page",
		chromedp.Navigate(base+"/pengaduan"),
		chromedp.WaitVisible(chromedp.CSS("#kerahasiaan")),
		shot("c01-complaint-page"),
		chromedp.SetValue(chromedp.CSS("#category"), "lembur"),
		chromedp.SendKeys(chromedp.CSS("#employer_name"), "PT Maju Jaya Serang"),
		chromedp.SetValue(chromedp.CSS("#region"), "3604"),
		chromedp.SetValue(chromedp.CSS("#happened_on"), today),
		chromedp.SetValue(chromedp.CSS("#workers_affected"), "12"),
		chromedp.SendKeys(chromedp.CSS("#narrative"), "Lembur tak dibayar"),
		chromedp.SendKeys(chromedp.CSS("#pin"), "258036"),
		chromedp.SendKeys(chromedp.CSS("#pin2"), "258063"),
		chromedp.Click(chromedp.CSS("#kirim")),
		chromedp.WaitVisible(chromedp.CSS("#err-narrative")),
		shot("c02-complaint-errors"),
	)
	fits(t, ctx, "/pengaduan (errors)")
	if msg := text(ctx, t, "#err-narrative"); !strings.Contains(msg, "Ceritakan lebih lengkap (minimal 20 karakter)") {
		t.Fatalf("narrative message = %q", msg)
	}
	if msg := text(ctx, t, "#err-pin2"); !strings.Contains(msg, "Kedua PIN tidak sama") {
		t.Fatalf("PIN message = %q", msg)
	}
	if n := count(); n != before {
		t.Fatalf("a refused complaint was stored: %d → %d", before, n)
	}
	must(t, ctx, "file",
		chromedp.SetValue(chromedp.CSS("#narrative"), narrative),
		chromedp.SendKeys(chromedp.CSS("#pin"), "258036"),
		chromedp.SendKeys(chromedp.CSS("#pin2"), "258036"),
		chromedp.Click(chromedp.CSS("#kirim")),
		chromedp.WaitVisible(chromedp.CSS("#kode")),
		shot("c03-receipt"),
	)
	fits(t, ctx, "receipt")
	code := text(ctx, t, "#kode")
	if !strings.HasPrefix(code, "BK-") || len(code) != 12 {
		t.Fatalf("tracking code %q", code)
	}
	if got := text(ctx, t, "main"); !strings.Contains(got, "PIN hanya Anda yang tahu") || !strings.Contains(got, "log publik") {
		t.Fatalf("receipt: %.500s", got)
	}

	// The pengawas coordinating Kabupaten Serang takes the case on.
	var caseID int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT case_id FROM complaints WHERE code = ?`, code).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	login(t, ctx, base, "pengawas@bursa.test", demo.Password)
	casePath := fmt.Sprintf("/pengawasan/kasus/%d", caseID)
	must(t, ctx, "see the queue",
		chromedp.Navigate(base+"/pengawasan"),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, casePath))),
		shot("c04-pengawasan"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, casePath))),
		chromedp.WaitVisible(chromedp.CSS("#langkah")),
		shot("c05-case"),
	)
	fits(t, ctx, casePath)
	step := func(to, wantState string, fill ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		open := fmt.Sprintf(`details.step:has(button[data-to=%q]) summary`, to)
		actions := []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(open)), chromedp.Click(chromedp.CSS(open)),
			chromedp.WaitVisible(chromedp.CSS("#reason-" + to))}
		actions = append(actions, fill...)
		actions = append(actions, chromedp.SendKeys(chromedp.CSS("#reason-"+to), "Langkah "+to+" sesuai prosedur."),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`button[data-to=%q]`, to))))
		must(t, ctx, "move to "+to, actions...)
		waitText(t, ctx, "#state", wantState)
	}
	step("diverifikasi", "Diverifikasi")
	must(t, ctx, "open the confidential part",
		chromedp.Click(chromedp.CSS("a.open-complaint")),
		chromedp.WaitVisible(chromedp.CSS("#audit-note")),
		shot("c06-confidential"),
	)
	fits(t, ctx, "confidential")
	if got := text(ctx, t, "#kronologi"); !strings.Contains(got, "upah lembur tidak pernah dibayar") {
		t.Fatalf("narrative = %q", got)
	}
	must(t, ctx, "write to the worker",
		chromedp.SendKeys(chromedp.CSS("#body"), "Apakah ada daftar hadir lembur yang bisa difoto?"),
		chromedp.Submit(chromedp.CSS("#body")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Navigate(base+casePath),
		chromedp.WaitVisible(chromedp.CSS("#langkah")),
	)
	step("ditugaskan", "Ditugaskan ke pengawas")
	visit := time.Now().In(wib.Zone).AddDate(0, 0, 1).Format("2006-01-02") + "T09:00"
	step("pemeriksaan_dijadwalkan", "Pemeriksaan dijadwalkan",
		chromedp.SetValue(chromedp.CSS("#date-pemeriksaan_dijadwalkan"), visit),
		chromedp.SendKeys(chromedp.CSS("#place-pemeriksaan_dijadwalkan"), "Pabrik PT Maju Jaya, Cikande"))
	must(t, ctx, "record a finding",
		chromedp.SendKeys(chromedp.CSS("#f-summary"), "Upah lembur 12 pekerja bagian produksi tidak dibayar selama tiga bulan."),
		chromedp.Submit(chromedp.CSS("#f-summary")),
		chromedp.WaitVisible(chromedp.CSS(".finding")),
	)
	step("temuan", "Temuan pemeriksaan")
	step("nota_1", "Nota pemeriksaan I")
	must(t, ctx, "case at nota I", shot("c07-nota1"))
	logout(t, ctx)

	// The worker tracks the case by code and PIN.
	must(t, ctx, "wrong PIN",
		chromedp.Navigate(base+"/pengaduan/lacak"),
		chromedp.WaitVisible(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#code"), strings.ToLower(code)),
		chromedp.SendKeys(chromedp.CSS("#pin"), "111999"),
		chromedp.Click(chromedp.CSS("#lacak")),
		chromedp.WaitVisible(chromedp.CSS("#err-pin")),
	)
	if msg := text(ctx, t, "#err-pin"); !strings.Contains(msg, "Kode pelacakan atau PIN salah") {
		t.Fatalf("wrong PIN message = %q", msg)
	}
	must(t, ctx, "track",
		chromedp.SendKeys(chromedp.CSS("#pin"), "258036"),
		chromedp.Click(chromedp.CSS("#lacak")),
		chromedp.WaitVisible(chromedp.CSS("#timeline")),
		shot("c08-track"),
	)
	fits(t, ctx, "tracking")
	if got := text(ctx, t, "#state"); got != "Nota pemeriksaan I" {
		t.Fatalf("state = %q", got)
	}
	tl := text(ctx, t, "#timeline")
	for _, st := range []string{"Diterima", "Diverifikasi", "Ditugaskan ke pengawas", "Pemeriksaan dijadwalkan", "Temuan pemeriksaan", "Nota pemeriksaan I", "Tenggat:"} {
		if !strings.Contains(tl, st) {
			t.Errorf("timeline lacks %q: %s", st, tl)
		}
	}
	if got := text(ctx, t, "#dibuka"); !strings.Contains(got, "Dibuka oleh Hendra Gunawan (Pengawas) pada") {
		t.Fatalf("access trail = %q", got)
	}
	if got := text(ctx, t, "#pesan"); !strings.Contains(got, "daftar hadir lembur") {
		t.Fatalf("messages = %q", got)
	}
}

// TestComplaintPagesFit opens every complaint page on a phone and a desktop
// and checks none scrolls sideways.
func TestComplaintPagesFit(t *testing.T) {
	srv, a := site(t)
	ctx0 := context.Background()
	var baja, nota, dispute, unionComplaint, asp int64
	a.DB.QueryRowContext(ctx0, `SELECT id FROM employers WHERE name = 'PT Baja Mandiri Cilegon'`).Scan(&baja)
	a.DB.QueryRowContext(ctx0, `SELECT id FROM cases WHERE state = 'nota_1'`).Scan(&nota)
	a.DB.QueryRowContext(ctx0, `SELECT id FROM cases WHERE state = 'mediasi'`).Scan(&dispute)
	a.DB.QueryRowContext(ctx0, `SELECT id FROM complaints WHERE case_id = ?`, nota).Scan(&unionComplaint)
	a.DB.QueryRowContext(ctx0, `SELECT min(id) FROM aspirations`).Scan(&asp)
	for _, size := range []struct {
		name string
		w, h int
	}{{"phone", 360, 740}, {"desktop", 1280, 800}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := browser(t, size.w, size.h)
			visit := func(p, name string) {
				t.Helper()
				must(t, ctx, p, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main")), shot(size.name+"-c-"+name))
				fits(t, ctx, p)
			}
			for name, p := range map[string]string{"form": "/pengaduan", "track": "/pengaduan/lacak", "counts": "/pengaduan/angka",
				"aspirations": "/aspirasi", "aspiration": fmt.Sprintf("/aspirasi/%d", asp), "employer-public": fmt.Sprintf("/pemberi-kerja/%d", baja)} {
				visit(p, name)
			}
			for _, who := range []struct {
				login string
				pages map[string]string
			}{
				{"pencari@bursa.test", map[string]string{"mine": "/pengaduan/saya", "aspirations-form": "/aspirasi", "dispute-form": "/pengaduan/perselisihan"}},
				{"serikat@bursa.test", map[string]string{"union-form": "/pengaduan"}},
				{"pengawas@bursa.test", map[string]string{"inspection": "/pengawasan", "case-nota": fmt.Sprintf("/pengawasan/kasus/%d", nota),
					"confidential": fmt.Sprintf("/pengawasan/pengaduan/%d", unionComplaint)}},
				{"mediator@bursa.test", map[string]string{"mediator": "/pengawasan", "dispute": fmt.Sprintf("/pengawasan/kasus/%d", dispute)}},
				{"perusahaan@bursa.test", map[string]string{"findings": "/perusahaan/temuan"}},
				{"admin@bursa.test", map[string]string{"registry": "/admin/petugas"}},
			} {
				login(t, ctx, srv.URL, who.login, demo.Password)
				for name, p := range who.pages {
					visit(p, name)
				}
				logout(t, ctx)
			}
		})
	}
}
