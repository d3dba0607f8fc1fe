package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// postMultipart posts a form with files, as the complaint form does.
func (b *browser) postMultipart(path string, form url.Values, files map[string][][]byte) (int, string, http.Header) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for field, list := range files {
		for i, data := range list {
			fw, _ := mw.CreateFormFile(field, fmt.Sprintf("bukti-%d.bin", i))
			fw.Write(data)
		}
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

func tinyPNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.NRGBA{200, 10, 10, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var codeRE = regexp.MustCompile(`id="kode">(BK-[0-9A-Z]{4}-[0-9A-Z]{4})<`)

// TestComplaintPages walks issue 5's pages over the demo province: an
// anonymous worker files with a PIN and evidence, bad input is explained
// beside each field with nothing stored, tracking by code and PIN is
// throttled, the demo pengawas verifies the case and opens the
// confidential part (which the worker then sees), messages go both ways,
// the employer answers findings without learning who complained, the
// public sees the compliance record, counts and aspirations, and the admin
// keeps the officer registry.
func TestComplaintPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := context.Background()
		mk := func(who string) *browser {
			b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
			if who != "" {
				b.login(who)
			}
			return b
		}
		anon, worker := mk(""), mk("")
		pengawas, mediator, seeker, hr, admin := mk("pengawas@bursa.test"), mk("mediator@bursa.test"), mk("pencari@bursa.test"),
			mk("perusahaan@bursa.test"), mk("admin@bursa.test")
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		// Public pages.
		body := wantPage(t, anon, "/pengaduan", 200, "Identitas Anda dilindungi", "dibuka oleh", "Upah di bawah UMK", `enctype="multipart/form-data"`,
			`name="pin"`, `name="sealed"`)
		if strings.Contains(body, `name="union_name"`) || strings.Contains(body, `name="anonymous"`) {
			t.Error("a visitor is offered union filing or a choice of being named")
		}
		if len(body) > 60*1024 {
			t.Errorf("/pengaduan is %d bytes", len(body))
		}
		wantPage(t, anon, "/pengaduan/lacak", 200, `name="code"`, `name="pin"`)
		wantPage(t, anon, "/pengaduan/angka", 200, "Angka pengaduan", "Kota Cilegon", "Nota pemeriksaan I")
		wantPage(t, anon, "/aspirasi", 200, "Libatkan serikat pekerja", "Masuk untuk menyampaikan")
		wantPage(t, mk("serikat@bursa.test"), "/pengaduan", 200, `name="union_name"`, `name="members.0.consent"`, `name="unnamed_members"`)

		// Bad input: each message beside its field, in Indonesian, nothing stored.
		before := count(`SELECT count(*) FROM complaints`)
		st, body, _ := worker.postMultipart("/pengaduan", url.Values{"category": {"sulap"}, "region": {"9999"}, "happened_on": {"2099-01-01"},
			"narrative": {"pendek"}, "pin": {"111111"}, "pin2": {"111111"}, "workers_affected": {"banyak"}}, nil)
		if st != 422 {
			t.Fatalf("bad complaint: %d", st)
		}
		for field, msg := range map[string]string{"category": "Pilih salah satu", "region": "kabupaten/kota di Banten", "happened_on": "masa depan",
			"narrative": "minimal 20 karakter", "pin": "mudah ditebak", "employer_name": "Sebutkan perusahaannya", "workers_affected": "angka"} {
			if !errBeside(body, field, msg) {
				t.Errorf("no %q beside %s", msg, field)
			}
		}
		st, body, _ = worker.postMultipart("/pengaduan", url.Values{"category": {"lembur"}, "employer_name": {"PT Maju Jaya Serang"}, "region": {"3604"},
			"happened_on": {"2026-02-20"}, "narrative": {"pendek"}, "pin": {"258036"}, "pin2": {"258037"}}, nil)
		if st != 422 || !errBeside(body, "pin2", "tidak sama") || !errBeside(body, "narrative", "minimal") || strings.Contains(body, `id="err-pin"`) {
			t.Fatalf("PIN typo: %d, want the mismatch and the other errors together", st)
		}
		if !strings.Contains(body, `value="PT Maju Jaya Serang"`) {
			t.Error("the form does not keep what was typed")
		}
		if n := count(`SELECT count(*) FROM complaints`); n != before {
			t.Fatalf("refused complaints were stored: %d → %d", before, n)
		}

		// Eleven files: the message beside the files, with what was typed
		// kept, and nothing stored (the form is read part by part now).
		eleven := make([][]byte, 11)
		for i := range eleven {
			eleven[i] = tinyPNG(t)
		}
		st, body, _ = worker.postMultipart("/pengaduan", url.Values{"category": {"lembur"}, "employer_name": {"PT Maju Jaya Serang"}, "region": {"3604"},
			"happened_on": {"2026-02-20"}, "narrative": {"Lembur tiga jam setiap hari tidak dibayar sejak Januari."}, "pin": {"258036"}, "pin2": {"258036"}},
			map[string][][]byte{"files": eleven})
		if st != 422 || !errBeside(body, "files", "10") || !strings.Contains(body, `value="PT Maju Jaya Serang"`) {
			t.Fatalf("eleven files: %d, want the limit beside the files and the form kept", st)
		}
		if n := count(`SELECT count(*) FROM complaints`); n != before {
			t.Fatalf("a complaint with eleven files was stored: %d → %d", before, n)
		}

		// An anonymous worker files with a PIN and a photo.
		narrative := "Lembur tiga jam setiap hari sejak Januari tidak pernah dibayar, kami takut dipecat kalau bertanya."
		st, body, hdr := worker.postMultipart("/pengaduan", url.Values{"category": {"lembur"}, "employer_name": {"PT Maju Jaya Serang"},
			"region": {"3604"}, "happened_on": {"2026-02-20"}, "workers_affected": {"12"}, "narrative": {narrative},
			"pin": {"258036"}, "pin2": {"258036"}}, map[string][][]byte{"files": {tinyPNG(t)}})
		m := codeRE.FindStringSubmatch(body)
		if st != 200 || m == nil || !strings.Contains(body, "PIN hanya Anda yang tahu") || !regexp.MustCompile(`Catatan nomor \d+ di log publik`).MatchString(body) {
			t.Fatalf("filing: %d %.500s", st, body)
		}
		if hdr.Get("Cache-Control") != "no-store" {
			t.Error("the receipt may be cached")
		}
		code := m[1]
		var complaintID, caseID int64
		var details []byte
		if err := d.QueryRowContext(ctx, `SELECT id, case_id, details_enc FROM complaints WHERE code = ?`, code).Scan(&complaintID, &caseID, &details); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(details, []byte("Lembur tiga jam")) || count(`SELECT count(*) FROM complaint_files WHERE complaint_id = ?`, complaintID) != 1 {
			t.Fatal("narrative in clear, or the photo not stored")
		}

		// Tracking: a wrong PIN is refused beside the PIN; the right one shows the case.
		st, body, _ = anon.post("/pengaduan/lacak", url.Values{"code": {code}, "pin": {"999111"}})
		if st != 422 || !errBeside(body, "pin", "Kode pelacakan atau PIN salah") {
			t.Fatalf("wrong PIN: %d", st)
		}
		st, body, _ = worker.post("/pengaduan/lacak", url.Values{"code": {strings.ToLower(strings.ReplaceAll(code, "-", " "))}, "pin": {"258036"}})
		if st != 200 || !strings.Contains(body, `id="state">Diterima<`) || !strings.Contains(body, "Belum ada yang membukanya") ||
			!strings.Contains(body, "Tenggat:") {
			t.Fatalf("track: %d %.300s", st, body)
		}

		// The demo pengawas coordinates Kabupaten Serang: the case is in the queue.
		casePath := fmt.Sprintf("/pengawasan/kasus/%d", caseID)
		wantPage(t, pengawas, "/pengawasan", 200, casePath, "Perkara saya", "Antrean wilayah saya", "Melewati tenggat", "PT Baja Mandiri Cilegon")
		wantPage(t, pengawas, casePath, 200, "Diverifikasi", "Ditutup, tidak terbukti", fmt.Sprintf("/pengawasan/pengaduan/%d", complaintID))
		st, body, _ = pengawas.post(casePath+"/status", url.Values{"to": {"diverifikasi"}, "reason": {""}})
		if st != 422 || !errBeside(body, "reason", "Tulis alasannya") {
			t.Fatalf("move without reason: %d", st)
		}
		st, body, _ = pengawas.post(casePath+"/status", url.Values{"to": {"selesai"}, "reason": {"loncat"}})
		if st != 422 || !errBeside(body, "to", "tidak diizinkan") {
			t.Fatalf("move out of order: %d", st)
		}
		if st, _, _ := pengawas.post(casePath+"/status", url.Values{"to": {"diverifikasi"}, "reason": {"Perusahaan ada, laporan lembur dapat diperiksa."}}); st != http.StatusSeeOther {
			t.Fatalf("verify: %d", st)
		}
		wantPage(t, pengawas, casePath, 200, `id="state">Diverifikasi<`, "Status perkara diubah", "Ditugaskan ke pengawas", "Otomatis: petugas wilayah")
		if st, _, _ := pengawas.post(casePath+"/status", url.Values{"to": {"ditugaskan"}, "officer": {"0"}, "reason": {"Wilayah Kabupaten Serang."}}); st != http.StatusSeeOther {
			t.Fatalf("assign: %d", st)
		}
		wantPage(t, pengawas, casePath, 200, "Dodi Kurniawan", `id="state">Ditugaskan ke pengawas<`)

		// Opening the confidential part is shown to the officer as recorded, and to the worker.
		body = wantPage(t, pengawas, fmt.Sprintf("/pengawasan/pengaduan/%d", complaintID), 200, narrative, "tanpa nama", "telah dicatat atas nama Anda", "Unduh bukti")
		fid := firstID(t, body, `href="/pengawasan/bukti/(\d+)"`)
		resp, err := pengawas.c.Get(fmt.Sprintf("%s/pengawasan/bukti/%d", srv.URL, fid))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("evidence download: %d %s", resp.StatusCode, resp.Header)
		}
		if st, _, hdr := pengawas.post(fmt.Sprintf("/pengawasan/pengaduan/%d/pesan", complaintID), url.Values{"body": {"Apakah ada daftar hadir lembur yang bisa difoto?"},
			"case": {fmt.Sprint(caseID)}}); st != http.StatusSeeOther || hdr.Get("Location") != casePath {
			t.Fatalf("officer message: %d %s", st, hdr.Get("Location"))
		}
		// Others may not open it: another officer does not find it, other
		// roles are refused.
		if st, _, _ := mediator.get(fmt.Sprintf("/pengawasan/pengaduan/%d", complaintID)); st != http.StatusNotFound {
			t.Errorf("the mediator opens the complaint: %d", st)
		}
		for _, b := range []*browser{seeker, hr} {
			if st, _, _ := b.get(fmt.Sprintf("/pengawasan/pengaduan/%d", complaintID)); st != http.StatusForbidden {
				t.Errorf("someone else opens the complaint: %d", st)
			}
		}
		if st, _, _ := mediator.get(casePath); st != http.StatusNotFound {
			t.Errorf("the mediator opens an inspection case: %d", st)
		}
		if st, _, hdr := anon.get("/pengawasan"); st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/masuk") {
			t.Errorf("visitor /pengawasan: %d", st)
		}

		st, body, _ = worker.post("/pengaduan/lacak", url.Values{"code": {code}, "pin": {"258036"}})
		if st != 200 || !strings.Contains(body, "Dibuka oleh Hendra Gunawan (Pengawas) pada") || !strings.Contains(body, "Ditugaskan ke pengawas") ||
			!strings.Contains(body, "daftar hadir lembur") {
			t.Fatalf("worker's view after opening: %d %.2000s", st, body)
		}
		if n := strings.Count(body, "Dibuka oleh"); n != 2 {
			t.Errorf("%d openings shown, want the reading and the evidence download", n)
		}
		if strings.Contains(body, "Wilayah Kabupaten Serang") {
			t.Error("officers' working reasons are shown to the complainant")
		}
		st, body, _ = worker.post("/pengaduan/lacak", url.Values{"code": {code}, "pin": {"258036"}, "reply": {"1"}, "body": {"Ada, nanti saya kirim fotonya."}})
		if st != 200 || !strings.Contains(body, "Pesan terkirim") || !strings.Contains(body, "nanti saya kirim") {
			t.Fatalf("reply: %d", st)
		}
		wantPage(t, pengawas, fmt.Sprintf("/pengawasan/pengaduan/%d", complaintID), 200, "nanti saya kirim")

		// Wrong PINs are throttled, with a message saying until when.
		for range 5 {
			anon.post("/pengaduan/lacak", url.Values{"code": {code}, "pin": {"000999"}})
		}
		st, body, _ = anon.post("/pengaduan/lacak", url.Values{"code": {code}, "pin": {"258036"}})
		if st != 422 || !errBeside(body, "pin", "Terlalu banyak percobaan") {
			t.Fatalf("throttle: %d", st)
		}

		// A sealed report waits for others.
		st, body, _ = mk("").postMultipart("/pengaduan", url.Values{"category": {"diskriminasi"}, "employer_name": {"PT Sepatu Balaraja"},
			"region": {"3603"}, "happened_on": {"2026-02-01"}, "narrative": {"Pekerja hamil tidak diperpanjang kontraknya di bagian jahit."},
			"pin": {"731902"}, "pin2": {"731902"}, "sealed": {"1"}}, nil)
		// It says that it waits, never how many reports wait beside it.
		if st != 200 || !strings.Contains(body, "Menunggu laporan lain") || regexp.MustCompile(`\d/3`).MatchString(body) {
			t.Fatalf("sealed report: %d", st)
		}

		// The demo seeker's own complaints: the sealed one waits, the overtime one is late.
		body = wantPage(t, seeker, "/pengaduan/saya", 200, "Menunggu laporan lain", "Ditugaskan ke pengawas")
		if regexp.MustCompile(`Menunggu laporan lain \(`).MatchString(body) {
			t.Error("my complaints tell a pool's progress")
		}
		mine := regexp.MustCompile(`href="/pengaduan/saya/(BK-[0-9A-Z-]+)"`).FindAllStringSubmatch(body, -1)
		if len(mine) < 2 {
			t.Fatalf("seeker's complaints: %d", len(mine))
		}
		wantPage(t, seeker, "/pengaduan/saya/"+mine[0][1], 200, "Tulis pesan kepada pengawas")
		wantPage(t, hr, "/pengaduan/saya/"+mine[0][1], 404)
		if st, _, _ := seeker.post("/pengaduan/saya/"+mine[0][1]+"/balas", url.Values{"body": {""}}); st != 422 {
			t.Errorf("empty reply: %d", st)
		}

		// The employer sees the findings addressed to it, not who complained, and answers.
		body = wantPage(t, hr, "/perusahaan/temuan", 200, "BPJS", "Nota pemeriksaan I", "Penuhi paling lambat", "Pengadu tidak disebutkan namanya")
		for _, secret := range []string{"Ahmad Fauzi", "Jajang", "Serikat Pekerja Baja Mandiri", "kecelakaan kerja dan biaya berobat"} {
			if strings.Contains(body, secret) {
				t.Errorf("the employer's page shows %q", secret)
			}
		}
		nota := firstID(t, body, `action="/perusahaan/temuan/(\d+)/tanggapan"`)
		if st, body, _ := hr.post(fmt.Sprintf("/perusahaan/temuan/%d/tanggapan", nota), url.Values{"case": {fmt.Sprint(nota)}, "body": {""}}); st != 422 || !errBeside(body, "body", "Wajib") {
			t.Errorf("empty response: %d", st)
		}
		if st, _, _ := hr.post(fmt.Sprintf("/perusahaan/temuan/%d/tanggapan", nota), url.Values{"body": {"Pendaftaran BPJS 15 pekerja sedang diproses."}}); st != http.StatusSeeOther {
			t.Fatalf("response: %d", st)
		}
		wantPage(t, pengawas, fmt.Sprintf("/pengawasan/kasus/%d", nota), 200, "Pendaftaran BPJS 15 pekerja sedang diproses")

		// The public employer page shows the final record only.
		var baja int64
		d.QueryRowContext(ctx, `SELECT id FROM employers WHERE name = 'PT Baja Mandiri Cilegon'`).Scan(&baja)
		body = wantPage(t, anon, fmt.Sprintf("/pemberi-kerja/%d", baja), 200, "Catatan kepatuhan", "Upah di bawah UMK", "25 operator kontrak",
			fmt.Sprintf("/pengaduan?perusahaan=%d", baja))
		if strings.Contains(body, "15 pekerja alih daya") {
			t.Error("an open case's finding is on the public record")
		}
		wantPage(t, anon, fmt.Sprintf("/pengaduan?perusahaan=%d", baja), 200, `name="employer_id" value="`+fmt.Sprint(baja)+`"`)

		// The mediator's dispute in mediation, with the coming session.
		body = wantPage(t, mediator, "/pengawasan", 200, "Perselisihan PHK", "Sidang mediasi")
		disp := firstID(t, body, `href="/pengawasan/kasus/(\d+)"`)
		wantPage(t, mediator, fmt.Sprintf("/pengawasan/kasus/%d", disp), 200, "Jadwalkan sidang mediasi", "Anjuran tertulis mediator")
		if st, body, _ := mediator.post(fmt.Sprintf("/pengawasan/kasus/%d/sidang", disp), url.Values{"at": {"2020-01-01T10:00"}}); st != 422 || !errBeside(body, "at", "lewat") {
			t.Errorf("session in the past: %d", st)
		}

		// Aspirations: support once, an official answers.
		body = wantPage(t, seeker, "/aspirasi", 200, "Sampaikan usulan")
		asp := firstID(t, body, `href="/aspirasi/(\d+)">Libatkan`)
		path := fmt.Sprintf("/aspirasi/%d", asp)
		if st, _, _ := seeker.post(path+"/dukung", nil); st != http.StatusSeeOther {
			t.Fatalf("support: %d", st)
		}
		seeker.post(path+"/dukung", nil)
		wantPage(t, seeker, path, 200, "Anda sudah mendukung usulan ini", "10 dukungan")
		if st, _, _ := seeker.post(path+"/jawab", url.Values{"body": {"Saya menjawab sendiri"}}); st != http.StatusForbidden {
			t.Errorf("a seeker answers officially: %d", st)
		}
		if st, body, _ := seeker.post("/aspirasi", url.Values{"title": {"Pendek"}, "body": {"x"}, "audience": {"raja"}}); st != 422 ||
			!errBeside(body, "title", "minimal 10") || !errBeside(body, "audience", "Pilih") {
			t.Errorf("bad aspiration: %d", st)
		}
		if st, _, _ := pengawas.post(path+"/jawab", url.Values{"body": {"Dinas akan membuka data survei KHL per kabupaten/kota."}}); st != http.StatusSeeOther {
			t.Fatalf("answer: %d", st)
		}
		wantPage(t, anon, path, 200, "Dinas akan membuka data survei KHL", "Hendra Gunawan")

		// A worker registers a dispute after failed bipartite talks.
		wantPage(t, seeker, "/pengaduan", 200, `href="/pengaduan/perselisihan"`)
		wantPage(t, seeker, "/pengaduan/perselisihan", 200, "Perselisihan PHK", `name="bipartite_started"`)
		if st, _, _ := hr.get("/pengaduan/perselisihan"); st != http.StatusForbidden {
			t.Errorf("an employer opens the dispute form: %d", st)
		}
		disputes := count(`SELECT count(*) FROM cases WHERE kind = 'perselisihan'`)
		st, body, _ = seeker.postMultipart("/pengaduan/perselisihan", url.Values{"type": {"mogok"}, "region": {"3604"}, "narrative": {"pendek"}}, nil)
		if st != 422 || !errBeside(body, "type", "Pilih salah satu") || !errBeside(body, "bipartite_started", "Wajib") || !errBeside(body, "employer_name", "Sebutkan") {
			t.Fatalf("bad dispute: %d", st)
		}
		st, body, _ = seeker.postMultipart("/pengaduan/perselisihan", url.Values{"type": {"phk"}, "employer_name": {"PT Maju Jaya Serang"}, "region": {"3604"},
			"bipartite_started": {"2026-02-02"}, "narrative": {"Saya di-PHK tanpa pesangon; bipartit dua kali tanpa hasil."}}, nil)
		if st != 200 || codeRE.FindStringSubmatch(body) == nil {
			t.Fatalf("dispute: %d", st)
		}
		if n := count(`SELECT count(*) FROM cases WHERE kind = 'perselisihan' AND state = 'bipartit'`); n != 1 || count(`SELECT count(*) FROM cases WHERE kind = 'perselisihan'`) != disputes+1 {
			t.Errorf("dispute case not opened in bipartit")
		}

		// The admin's registry.
		body = wantPage(t, admin, "/admin/petugas", 200, "Rina Marlina", "Seluruh provinsi", "Yanti Susanti")
		if st, body, _ := admin.post("/admin/petugas", url.Values{"user": {""}, "active": {"1"}}); st != 422 || !errBeside(body, "regions", "Wajib") {
			t.Errorf("empty registry form: %d", st)
		}
		var yanti int64
		d.QueryRowContext(ctx, `SELECT id FROM users WHERE email = 'mediator@bursa.test'`).Scan(&yanti)
		if st, _, _ := admin.post("/admin/petugas", url.Values{"user": {fmt.Sprintf("%d:mediator", yanti)}, "regions": {"3601", "3602"}, "active": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("registry save: %d", st)
		}
		if n := count(`SELECT count(*) FROM officer_regions WHERE user_id = ? AND kind = 'mediator'`, yanti); n != 2 {
			t.Errorf("mediator regions after saving: %d", n)
		}
		if st, _, _ := pengawas.get("/admin/petugas"); st != http.StatusForbidden {
			t.Errorf("a pengawas opens the registry: %d", st)
		}
		_ = body
	})
}

// TestComplaintFilingLimitPage: the sixth complaint in a day from one
// address is answered 429 with Retry-After, on the form, which says from
// when the worker may file again.
func TestComplaintFilingLimitPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		app := apptest.Start(t, d, false)
		anon := &browser{t: t, base: app.URL, c: app.Client}
		form := func(i int) url.Values {
			return url.Values{"category": {"lembur"}, "employer_name": {"PT Maju Jaya"}, "region": {"3604"},
				"happened_on": {"2026-02-01"}, "narrative": {"Lembur tiga jam setiap hari tidak dibayar sejak Januari."},
				"pin": {fmt.Sprintf("4%02d917", i)}, "pin2": {fmt.Sprintf("4%02d917", i)}}
		}
		for i := range 5 {
			if st, _, _ := anon.postMultipart("/pengaduan", form(i), nil); st != 200 {
				t.Fatalf("filing %d: %d", i, st)
			}
		}
		st, body, hdr := anon.postMultipart("/pengaduan", form(6), nil)
		if st != 429 || hdr.Get("Retry-After") != "86400" || !errBeside(body, "filing", "Terlalu banyak pengaduan") {
			t.Fatalf("sixth filing: %d, Retry-After %q", st, hdr.Get("Retry-After"))
		}
	})
}
