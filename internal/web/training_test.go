package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/training"
)

// trainingSite is the demo province served over HTTP, with a browser per
// demo role.
type trainingSite struct {
	t                                  *testing.T
	d                                  *db.DB
	a                                  *app.Services
	clk                                *apptest.Clock
	anon, seeker, lembaga, officer, hr *browser
	analis                             *browser
	blk                                training.Provider
	lembagaID, seekerID, seekerUserID  int64
}

func newTrainingSite(t *testing.T, d *db.DB) *trainingSite {
	t.Helper()
	srv := apptest.Start(t, d, true)
	a, clk := srv.Services, srv.Clock
	s := &trainingSite{t: t, d: d, a: a, clk: clk}
	mk := func(who string) *browser {
		b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		if who != "" {
			b.login(who)
		}
		return b
	}
	s.anon, s.seeker, s.lembaga = mk(""), mk("pencari@bursa.test"), mk("lembaga@bursa.test")
	s.officer, s.hr, s.analis = mk("petugas@bursa.test"), mk("perusahaan@bursa.test"), mk("analis@bursa.test")
	ctx := context.Background()
	if err := d.QueryRowContext(ctx, `SELECT id FROM users WHERE email = 'lembaga@bursa.test'`).Scan(&s.lembagaID); err != nil {
		t.Fatal(err)
	}
	if err := d.QueryRowContext(ctx, `SELECT s.id, u.id FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).
		Scan(&s.seekerID, &s.seekerUserID); err != nil {
		t.Fatal(err)
	}
	ps, err := a.Training.ProvidersForUser(ctx, s.lembagaID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("demo lembaga's providers: %v %v", ps, err)
	}
	s.blk = ps[0]
	return s
}

func (s *trainingSite) count(q string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.d.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

func wantPage(t *testing.T, b *browser, path string, status int, contains ...string) string {
	t.Helper()
	st, body, _ := b.get(path)
	if st != status {
		t.Fatalf("GET %s = %d, want %d: %.400s", path, st, status, body)
	}
	for _, c := range contains {
		if !strings.Contains(body, c) {
			t.Errorf("GET %s: no %q", path, c)
		}
	}
	return body
}

// errBeside reports whether the page shows message msg as field's error.
func errBeside(body, field, msg string) bool {
	m := regexp.MustCompile(`<span class="field-error" id="err-` + regexp.QuoteMeta(field) + `">([^<]*)</span>`).FindStringSubmatch(body)
	return m != nil && strings.Contains(m[1], msg)
}

func firstID(t *testing.T, body, pattern string) int64 {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no match for %s", pattern)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// TestTrainingPages: each role's training pages render from the demo
// province, in Indonesian, and other roles are refused.
func TestTrainingPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newTrainingSite(t, d)
		ctx := context.Background()

		// Public: browsing, a program with its demand link, the open round.
		body := wantPage(t, s.anon, "/pelatihan", 200, "Pelatihan kerja di Banten", "Gelombang I 2026", "Muda Berdaya", "gratis bagi")
		if len(body) > 60*1024 {
			t.Errorf("/pelatihan is %d bytes", len(body))
		}
		wantPage(t, s.anon, "/pelatihan?skill=instalasi-listrik", 200, "Muda Berdaya: Instalasi Listrik Bangunan")
		wantPage(t, s.anon, "/pelatihan?tag=muda-berdaya&region=3673", 200, "Muda Berdaya")
		body = wantPage(t, s.anon, "/pelatihan?region=9999&skill=menyulap", 400)
		if !errBeside(body, "region", "kabupaten/kota") || !errBeside(body, "skill", "menyulap") {
			t.Errorf("bad filters not explained beside their fields")
		}
		open, err := s.a.Training.OpenRounds(ctx)
		if err != nil || len(open) != 1 {
			t.Fatalf("open rounds %v %v", open, err)
		}
		var las training.Program
		progs, _ := s.a.Training.ProgramsByProvider(ctx, s.blk.ID)
		for _, p := range progs {
			if strings.Contains(p.Title, "Las") {
				las = p
			}
		}
		body = wantPage(t, s.anon, fmt.Sprintf("/pelatihan/%d", las.ID), 200, "Juru Las SMAW 3G", "Lowongan yang membutuhkan keterampilan ini",
			"PT Baja Mandiri Cilegon", "Hasil program", "Masuk untuk mendaftar")
		if !regexp.MustCompile(`\d+ lowongan terbuka`).MatchString(body) || !strings.Contains(body, `href="/lowongan/`) {
			t.Error("program page has no open vacancies needing its skills")
		}
		wantPage(t, s.anon, fmt.Sprintf("/pelatihan/gelombang/%d", open[0].ID), 200, open[0].SeedHash, "Hash benih undian", "Masuk untuk mendaftar")
		wantPage(t, s.anon, "/pelatihan/99999", 404)
		wantPage(t, s.anon, "/pelatihan/gelombang/99999", 404)

		// Visitors are sent to log in; other roles are refused.
		for _, p := range []string{"/pencari/pelatihan", "/lembaga", "/lembaga/hasil", "/lembaga/keberatan", "/pelatihan/hasil", "/petugas/pelatihan"} {
			st, _, hdr := s.anon.get(p)
			if st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/masuk") {
				t.Errorf("visitor GET %s = %d", p, st)
			}
		}
		for _, c := range []struct {
			b     *browser
			paths []string
		}{
			{s.seeker, []string{"/lembaga", "/lembaga/program/baru", "/lembaga/hasil", "/pelatihan/hasil", "/petugas/pelatihan", "/lembaga/gelombang/baru"}},
			{s.hr, []string{"/pencari/pelatihan", "/lembaga", "/pelatihan/hasil"}},
			{s.lembaga, []string{"/pencari/pelatihan", "/pelatihan/hasil", "/petugas/pelatihan", "/petugas/pelatihan/gelombang/baru"}},
			{s.analis, []string{"/lembaga", "/petugas/pelatihan", "/pencari/pelatihan"}},
		} {
			for _, p := range c.paths {
				if st, _, _ := c.b.get(p); st != http.StatusForbidden {
					t.Errorf("GET %s = %d, want 403", p, st)
				}
			}
		}

		// The seeker: the dashboard link, their result with cutoffs, a certificate.
		wantPage(t, s.seeker, "/pencari", 200, `href="/pencari/pelatihan"`)
		body = wantPage(t, s.seeker, "/pencari/pelatihan", 200, "Kursi Anda:", "Operator Mesin Jahit Industri", "Batas penerimaan",
			"Keluarga terdaftar DTKS", "bursa-lottery-v1", "Operator Produksi Baja dan K3: penuh", "BNSP-jahit-")
		if !regexp.MustCompile(`id="lottery-\d+">\d{5,20}<`).MatchString(body) {
			t.Error("the seeker's lottery number is not shown in decimal")
		}
		wantPage(t, s.seeker, fmt.Sprintf("/pelatihan/gelombang/%d", open[0].ID), 200, `name="pilihan1"`, `name="dtks"`, `name="unemployed_since"`)

		// The provider: dashboard, forms, roster, appeals, outcomes.
		wantPage(t, s.lembaga, "/lembaga", 200, "UPTD BLK Serang", "Juru Las SMAW 3G", "Gelombang II 2025", "BLK Serang: Forklift", "keberatan menunggu keputusan")
		wantPage(t, s.lembaga, "/lembaga/program/baru", 200, `name="skills"`, `name="occupations"`, `name="priority"`, `name="partner"`, `name="fee_waived_for"`)
		wantPage(t, s.lembaga, fmt.Sprintf("/lembaga/program/%d/ubah", las.ID), 200, "Juru Las SMAW 3G")
		wantPage(t, s.lembaga, fmt.Sprintf("/lembaga/program/%d", las.ID), 200, "Peserta", "BNSP-las-", "Bekerja ≤ 3 bulan")
		wantPage(t, s.lembaga, "/lembaga/gelombang/baru", 200, `name="closes_at"`, "Operator Forklift")
		wantPage(t, s.lembaga, "/lembaga/keberatan", 200, "Catat keputusan", "Diputuskan oleh", "menganggur")
		wantPage(t, s.lembaga, "/lembaga/hasil", 200, "Operator Mesin Jahit Industri", "Semua program")
		// Another provider's program is not theirs: to them it does not exist.
		var cnc int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM programs WHERE title LIKE 'Operator CNC%'`).Scan(&cnc); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/lembaga/program/%d", "/lembaga/program/%d/ubah"} {
			if st, _, _ := s.lembaga.get(fmt.Sprintf(p, cnc)); st != http.StatusNotFound {
				t.Errorf("lembaga opens another provider's program %s: %d", p, st)
			}
		}

		// Officers and analysts: the outcome table per regency/city; the
		// skill-gap report links to programs.
		for _, b := range []*browser{s.officer, s.analis} {
			body = wantPage(t, b, "/pelatihan/hasil", 200, "Hasil pelatihan per kabupaten/kota", "Kabupaten Serang", "Kota Cilegon")
			if !regexp.MustCompile(`\d+%<br><span class="muted small">\d+/\d+</span>`).MatchString(body) {
				t.Error("the outcome table has no rates")
			}
		}
		wantPage(t, s.officer, "/petugas/pelatihan", 200, "Gelombang I 2026", "Gelombang II 2025", "Diputuskan oleh")
		wantPage(t, s.officer, "/petugas/pelatihan/gelombang/baru", 200, "LPK Terampil Mandiri", "SMK Negeri 2 Kota Serang")
		body = wantPage(t, s.officer, "/kesenjangan", 200)
		if !regexp.MustCompile(`href="/pelatihan\?skill=[a-z0-9-]+">\d+ program pelatihan`).MatchString(body) {
			t.Error("the skill-gap report does not link gap skills to programs")
		}

		// English.
		s.seeker.post("/bahasa", url.Values{"lang": {"en"}, "next": {"/pencari/pelatihan"}})
		wantPage(t, s.seeker, "/pencari/pelatihan", 200, "Your seat:", "Cutoff")
	})
}

// TestTrainingFlow walks a round from opening to outcome through the pages:
// the provider opens it, the seeker ranks programs (bad input first), the
// provider allocates once it closes, the seeker sees seat and cutoffs and
// appeals, the provider decides, enrolls, records completion and the
// certificate, and the outcome counts the graduate.
func TestTrainingFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newTrainingSite(t, d)
		ctx := context.Background()
		progs, _ := s.a.Training.ProgramsByProvider(ctx, s.blk.ID)
		var forklift training.Program
		for _, p := range progs {
			if strings.Contains(p.Title, "Forklift") {
				forklift = p
			}
		}

		// A new program: bad input is explained beside each field, nothing stored.
		before := s.count(`SELECT count(*) FROM programs`)
		st, body, _ := s.lembaga.post("/lembaga/program/baru", url.Values{"provider": {fmt.Sprint(s.blk.ID)}, "title": {"K3"},
			"description": {"pendek"}, "hours": {"banyak"}, "seats": {"0"}, "region": {"3604"}, "tags": {"Muda Berdaya!"},
			"partner_hires": {"3"}})
		if st != 422 {
			t.Fatalf("bad program: %d", st)
		}
		for field, msg := range map[string]string{"title": "terlalu pendek", "description": "minimal 30", "hours": "angka",
			"seats": "antara 1 dan", "skills": "Pilih", "tags": "Label tidak sah", "partner": "perusahaan mitra"} {
			if !errBeside(body, field, msg) {
				t.Errorf("program form: no %q beside %s", msg, field)
			}
		}
		if !strings.Contains(body, `value="K3"`) {
			t.Error("the form lost what was typed")
		}
		if s.count(`SELECT count(*) FROM programs`) != before {
			t.Fatal("a refused program was stored")
		}
		form := url.Values{"provider": {fmt.Sprint(s.blk.ID)}, "title": {"K3 Umum untuk Operator Gudang"},
			"description": {"Dasar keselamatan dan kesehatan kerja untuk operator gudang dan forklift, APD, dan tanggap darurat."},
			"skills":      {"k3-umum", "forklift"}, "occupations": {"8344"}, "hours": {"40"}, "schedule": {"Sabtu 08.00–16.00"},
			"region": {"3604"}, "seats": {"2"}, "fee": {"Rp 750.000"}, "fee_waived_for": {"dtks"}, "priority": {"domisili", "", "", ""},
			"tags": {"gen-banten, k3"}, "certificate_scheme": {""}}
		st, body, _ = s.lembaga.post("/lembaga/program/baru", form)
		if st != 422 || !errBeside(body, "priority", "usia muda") {
			t.Fatalf("youth tag without the youth criterion: %d", st)
		}
		form.Set("tags", "k3, gudang")
		st, _, hdr := s.lembaga.post("/lembaga/program/baru", form)
		if st != http.StatusSeeOther {
			t.Fatalf("create program: %d", st)
		}
		k3 := firstID(t, hdr.Get("Location"), `/lembaga/program/(\d+)`)
		wantPage(t, s.anon, fmt.Sprintf("/pelatihan/%d", k3), 200, "K3 Umum untuk Operator Gudang", "Rp 750.000", "gratis bagi: Keluarga terdaftar DTKS")
		// Edit.
		form.Set("schedule", "Sabtu–Minggu 08.00–16.00")
		if st, _, _ := s.lembaga.post(fmt.Sprintf("/lembaga/program/%d/ubah", k3), form); st != http.StatusSeeOther {
			t.Fatalf("edit program: %d", st)
		}
		// A seeker may not create programs.
		if st, _, _ := s.seeker.post("/lembaga/program/baru", form); st != http.StatusForbidden {
			t.Errorf("seeker creates a program: %d", st)
		}

		// Open a round: bad input first.
		rounds := s.count(`SELECT count(*) FROM intake_rounds`)
		st, body, _ = s.lembaga.post("/lembaga/gelombang/baru", url.Values{"provider": {fmt.Sprint(s.blk.ID)}, "title": {""}, "closes_at": {"kemarin"}})
		if st != 422 || !errBeside(body, "title", "Wajib") || !errBeside(body, "closes_at", "Tanggal") {
			t.Fatalf("bad round: %d", st)
		}
		st, body, _ = s.lembaga.post("/lembaga/gelombang/baru", url.Values{"provider": {fmt.Sprint(s.blk.ID)}, "title": {"Uji"},
			"closes_at": {s.clk.T.Add(48 * time.Hour).In(time.FixedZone("WIB", 7*3600)).Format("2006-01-02T15:04")}})
		if st != 422 || !errBeside(body, "programs", "Pilih paling sedikit satu program") {
			t.Fatalf("round without programs: %d", st)
		}
		if s.count(`SELECT count(*) FROM intake_rounds`) != rounds {
			t.Fatal("a refused round was stored")
		}
		closes := s.clk.T.Add(48 * time.Hour)
		st, _, hdr = s.lembaga.post("/lembaga/gelombang/baru", url.Values{"provider": {fmt.Sprint(s.blk.ID)}, "title": {"BLK Serang: K3 dan Forklift II"},
			"programs": {fmt.Sprint(k3), fmt.Sprint(forklift.ID)}, "closes_at": {closes.In(time.FixedZone("WIB", 7*3600)).Format("2006-01-02T15:04")}})
		if st != http.StatusSeeOther {
			t.Fatalf("open round: %d", st)
		}
		roundID := firstID(t, hdr.Get("Location"), `/pelatihan/gelombang/(\d+)`)
		rd, _ := s.a.Training.Round(ctx, roundID)
		body = wantPage(t, s.seeker, fmt.Sprintf("/pelatihan/gelombang/%d", roundID), 200, rd.SeedHash, "K3 Umum untuk Operator Gudang")
		if strings.Contains(body, `id="seed"`) {
			t.Fatal("the seed is shown while the round is open")
		}

		// The seeker ranks programs: bad input is refused beside the fields.
		path := fmt.Sprintf("/pelatihan/gelombang/%d/daftar", roundID)
		st, body, _ = s.seeker.post(path, url.Values{"pilihan1": {""}, "unemployed_since": {"2099-01-01"}})
		if st != 422 || !errBeside(body, "programs", "Pilih paling sedikit satu program") || !errBeside(body, "unemployed_since", "") {
			t.Fatalf("empty ranking: %d", st)
		}
		st, body, _ = s.seeker.post(path, url.Values{"pilihan1": {fmt.Sprint(k3)}, "pilihan2": {fmt.Sprint(k3)}})
		if st != 422 || !errBeside(body, "programs", "lebih dari sekali") {
			t.Fatalf("duplicate choice: %d", st)
		}
		if s.count(`SELECT count(*) FROM round_applications WHERE round_id = ?`, roundID) != 0 {
			t.Fatal("a refused application was stored")
		}
		// Three others from Kab. Serang rank the two-seat K3 program too:
		// all four share its one priority class, so the lottery decides, and
		// whoever loses is shown the cutoff that explains it.
		var others []int64
		rows, _ := d.QueryContext(ctx, `SELECT id FROM seekers WHERE domicile_region = '3604' AND id <> ? AND birth_year > ? ORDER BY id LIMIT 3`,
			s.seekerID, s.clk.T.Year()-44)
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			others = append(others, id)
		}
		rows.Close()
		if len(others) < 3 {
			t.Fatalf("need 3 other seekers in Kab. Serang, have %d", len(others))
		}
		for _, o := range others {
			if err := s.a.Training.Apply(ctx, roundID, o, training.ApplicationInput{Programs: []int64{k3}}); err != nil {
				t.Fatal(err)
			}
		}
		st, _, _ = s.seeker.post(path, url.Values{"pilihan1": {fmt.Sprint(k3)}, "pilihan2": {fmt.Sprint(forklift.ID)}, "unemployed_since": {"2025-11-01"}})
		if st != http.StatusSeeOther {
			t.Fatalf("apply: %d", st)
		}
		wantPage(t, s.seeker, "/pencari/pelatihan", 200, "BLK Serang: K3 dan Forklift II", "Hasil diumumkan setelah pendaftaran ditutup")

		// Allocation: not before the close, not by a seeker, then by the provider.
		st, _, _ = s.lembaga.post(fmt.Sprintf("/pelatihan/gelombang/%d/alokasi", roundID), nil)
		if st != http.StatusSeeOther || s.count(`SELECT count(*) FROM round_results WHERE round_id = ?`, roundID) != 0 {
			t.Fatalf("allocation before the close: %d", st)
		}
		s.clk.T = closes.Add(time.Hour)
		if st, _, _ := s.seeker.post(fmt.Sprintf("/pelatihan/gelombang/%d/alokasi", roundID), nil); st != http.StatusForbidden {
			t.Errorf("seeker allocates: %d", st)
		}
		wantPage(t, s.lembaga, "/lembaga", 200, fmt.Sprintf(`action="/pelatihan/gelombang/%d/alokasi"`, roundID))
		if st, _, _ := s.lembaga.post(fmt.Sprintf("/pelatihan/gelombang/%d/alokasi", roundID), url.Values{"next": {"/lembaga"}}); st != http.StatusSeeOther {
			t.Fatalf("allocate: %d", st)
		}
		if err := s.a.Training.VerifyRound(ctx, roundID); err != nil {
			t.Fatal(err)
		}
		res, err := s.a.Training.Results(ctx, roundID, s.seekerID)
		if err != nil {
			t.Fatal(err)
		}
		body = wantPage(t, s.seeker, "/pencari/pelatihan", 200, "Batas penerimaan", "Operator Forklift dan K3 Gudang")
		if res.ProgramID == k3 {
			// The lottery put the seeker among the two: nothing above the seat.
			if !strings.Contains(body, fmt.Sprintf(`id="seat-%d">K3 Umum`, roundID)) {
				t.Error("seat not shown")
			}
		} else {
			if !strings.Contains(body, "K3 Umum untuk Operator Gudang: penuh") {
				t.Error("the full first choice is not explained")
			}
			if !strings.Contains(body, fmt.Sprint(res.Choices[0].Cutoff.Lottery)) || !strings.Contains(body, fmt.Sprint(res.Lottery)) {
				t.Error("cutoff or own lottery number missing")
			}
		}
		wantPage(t, s.anon, fmt.Sprintf("/pelatihan/gelombang/%d", roundID), 200, fmt.Sprintf("%x", res.Seed), "Hasil diumumkan")

		// Appeal: too short is refused beside the field; then filed; then decided.
		apath := fmt.Sprintf("/pencari/pelatihan/%d/keberatan", roundID)
		st, body, _ = s.seeker.post(apath, url.Values{"body": {"tolong"}})
		if st != 422 || !errBeside(body, "body", "minimal 10") {
			t.Fatalf("short appeal: %d", st)
		}
		if s.count(`SELECT count(*) FROM round_appeals WHERE round_id = ?`, roundID) != 0 {
			t.Fatal("a refused appeal was stored")
		}
		if st, _, _ := s.seeker.post(apath, url.Values{"body": {"Saya menganggur sejak 2024, bukan November 2025; salah isi tanggal."}}); st != http.StatusSeeOther {
			t.Fatalf("appeal: %d", st)
		}
		body = wantPage(t, s.lembaga, "/lembaga/keberatan", 200, "salah isi tanggal")
		var mine int64
		d.QueryRowContext(ctx, `SELECT id FROM round_appeals WHERE round_id = ?`, roundID).Scan(&mine)
		if !strings.Contains(body, fmt.Sprintf(`action="/pelatihan/keberatan/%d"`, mine)) {
			t.Fatal("the provider's appeal list has no decision form for the new appeal")
		}
		st, body, _ = s.lembaga.post(fmt.Sprintf("/pelatihan/keberatan/%d", mine), url.Values{"verdict": {"reject"}, "decision": {" "}})
		if st != 422 || !errBeside(body, "decision", "") {
			t.Fatalf("decision without reason: %d", st)
		}
		if st, _, _ := s.seeker.post(fmt.Sprintf("/pelatihan/keberatan/%d", mine), url.Values{"verdict": {"uphold"}, "decision": {"saya sendiri"}}); st != http.StatusForbidden {
			t.Errorf("seeker decides own appeal: %d", st)
		}
		// A provider's appeal is not the office's to see.
		if st, _, _ := s.officer.post(fmt.Sprintf("/pelatihan/keberatan/%d", mine), url.Values{"verdict": {"uphold"}, "decision": {"petugas"}}); st != http.StatusNotFound {
			t.Errorf("officer decides a provider round's appeal: %d", st)
		}
		if st, _, _ := s.lembaga.post(fmt.Sprintf("/pelatihan/keberatan/%d", mine), url.Values{"verdict": {"reject"},
			"decision": {"Tanggal dinilai sesuai pernyataan saat mendaftar."}}); st != http.StatusSeeOther {
			t.Fatalf("decide: %d", st)
		}
		wantPage(t, s.seeker, "/pencari/pelatihan", 200, "Keberatan ditolak", "Tanggal dinilai sesuai pernyataan saat mendaftar.")

		// Enroll, attend, complete, certify through the roster.
		prog := res.ProgramID
		if prog == 0 {
			t.Fatal("the seeker got no seat at all")
		}
		st, _, _ = s.lembaga.post(fmt.Sprintf("/lembaga/program/%d/daftarkan", prog), url.Values{"round": {fmt.Sprint(roundID)}})
		if st != http.StatusSeeOther {
			t.Fatalf("enroll: %d", st)
		}
		var enr int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM enrollments WHERE round_id = ? AND seeker_id = ?`, roundID, s.seekerID).Scan(&enr); err != nil {
			t.Fatal(err)
		}
		st, body, _ = s.lembaga.post(fmt.Sprintf("/lembaga/peserta/%d/kehadiran", enr), url.Values{"attended": {"9"}, "held": {"8"}})
		if st != 422 || !errBeside(body, "sessions", "melebihi") {
			t.Fatalf("bad attendance: %d", st)
		}
		st, body, _ = s.lembaga.post(fmt.Sprintf("/lembaga/peserta/%d/sertifikat", enr), url.Values{"certificate_number": {"X"}, "certified_on": {"2026-03-05"}})
		if st != 422 || !errBeside(body, "certificate", "belum lulus") {
			t.Fatalf("certificate before completion: %d", st)
		}
		if st, _, _ := s.lembaga.post(fmt.Sprintf("/lembaga/peserta/%d/kehadiran", enr), url.Values{"attended": {"8"}, "held": {"8"}}); st != http.StatusSeeOther {
			t.Fatalf("attendance: %d", st)
		}
		s.clk.T = s.clk.T.AddDate(0, 0, 7) // sessions last 14 days
		today := s.clk.T.In(time.FixedZone("WIB", 7*3600)).Format("2006-01-02")
		st, body, _ = s.lembaga.post(fmt.Sprintf("/lembaga/peserta/%d/lulus", enr), url.Values{"completed_on": {"2099-01-01"}})
		if st != 422 || !errBeside(body, "completed_on", "") {
			t.Fatalf("completion in the future: %d", st)
		}
		if st, _, _ := s.lembaga.post(fmt.Sprintf("/lembaga/peserta/%d/lulus", enr), url.Values{"completed_on": {today}}); st != http.StatusSeeOther {
			t.Fatalf("complete: %d", st)
		}
		if st, _, _ := s.lembaga.post(fmt.Sprintf("/lembaga/peserta/%d/sertifikat", enr), url.Values{"certificate_number": {"BNSP-UJI-0001"}, "certified_on": {today}}); st != http.StatusSeeOther {
			t.Fatalf("certify: %d", st)
		}
		wantPage(t, s.seeker, "/pencari/pelatihan", 200, "BNSP-UJI-0001")
		body = wantPage(t, s.lembaga, fmt.Sprintf("/lembaga/program/%d", prog), 200, "BNSP-UJI-0001")
		if !strings.Contains(body, "Lulus") {
			t.Error("roster does not show the completion")
		}
		o, err := s.a.Training.OutcomeForProgram(ctx, prog)
		if err != nil || o.Completed == 0 || o.Certified == 0 {
			t.Fatalf("outcome %+v %v", o, err)
		}
		wantPage(t, s.lembaga, "/lembaga/hasil", 200, fmt.Sprintf("/lembaga/program/%d", prog))
		wantPage(t, s.officer, "/pelatihan/hasil", 200, "Kabupaten Serang")

		// Province-wide rounds are the office's: the provider may not open one.
		wib := time.FixedZone("WIB", 7*3600)
		province := url.Values{"title": {"Gelombang Khusus K3"}, "programs": {fmt.Sprint(k3)},
			"closes_at": {s.clk.T.Add(72 * time.Hour).In(wib).Format("2006-01-02T15:04")}}
		if st, _, _ := s.lembaga.post("/petugas/pelatihan/gelombang/baru", province); st != http.StatusForbidden {
			t.Errorf("lembaga opens a province-wide round: %d", st)
		}
		st, _, hdr = s.officer.post("/petugas/pelatihan/gelombang/baru", province)
		if st != http.StatusSeeOther {
			t.Fatalf("officer opens a province-wide round: %d", st)
		}
		pr, err := s.a.Training.Round(ctx, firstID(t, hdr.Get("Location"), `/pelatihan/gelombang/(\d+)`))
		if err != nil || pr.ProviderID != 0 || len(pr.Programs) != 1 {
			t.Fatalf("province-wide round %+v %v", pr, err)
		}
		wantPage(t, s.officer, "/petugas/pelatihan", 200, "Gelombang Khusus K3")
		wantPage(t, s.lembaga, "/lembaga", 200, "Gelombang Khusus K3")
	})
}
