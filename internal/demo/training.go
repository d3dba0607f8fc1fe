package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The training part of the demo province: four providers, six programs that
// teach what Banten's vacancies ask for, and three rounds — a province-wide
// round allocated last year whose graduates have completed, been certified
// and partly found work; a provider round allocated a month and a half ago
// whose course is under way and whose appeals wait for the provider; and a
// province-wide round open now, for the demo seeker to apply in.
//
// It runs after the main transaction has committed, through the training
// store itself (its own database handle, its own transactions), with the
// store's clock moved through the past so every rule is applied as it would
// have been. Seats are made independent of the lottery, which draws a fresh
// seed each run: the only contested program is filled exactly by applicants
// of its best priority class, so the same seed always seats the same people.

// demoClock is the generator's movable clock for the training store.
type demoClock struct{ t time.Time }

func (c *demoClock) Now() time.Time { return c.t }

// trainingStaff are the lembaga accounts of the demo providers other than
// the demo login's BLK: generated, unable to log in.
var trainingStaff = []string{"staf.lpk@demo.bursa.test", "staf.smk@demo.bursa.test", "staf.baja@demo.bursa.test"}

// staffUsers adds the other providers' staff inside the main transaction.
func (g *gen) staffUsers() ([]int64, error) {
	names := []string{"Dewi Anggraini (LPK Terampil Mandiri)", "Bambang Susilo (SMK Negeri 2 Kota Serang)", "Teguh Prasetyo (Pusat Pelatihan Baja Mandiri)"}
	var ids []int64
	for i, email := range trainingStaff {
		id, err := g.addUser(email, "", names[i], auth.NoLogin, auth.Lembaga)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// trainingDemo is what the training part needs from the main generation.
type trainingDemo struct {
	ctx        context.Context
	a          *app.Services
	s          *training.Store
	clk        *demoClock
	now        time.Time
	officer    int64
	lembaga    int64
	staff      []int64 // LPK, SMK, industry centre
	employer   int64   // PT Baja Mandiri Cilegon
	demoSeeker int64
	programs   map[string]training.Program
}

type applicantFacts struct {
	id        int64
	birth     time.Time
	education string
	domicile  string
}

func (t *trainingDemo) at(d time.Duration) { t.clk.t = t.now.Add(d) }

func daysAgo(n int) time.Duration { return -time.Duration(n) * day }

// generateTraining writes the training part of the demo province.
func generateTraining(t *trainingDemo) error {
	ctx := t.ctx
	t.clk = &demoClock{t: t.now}
	t.s = &training.Store{DB: t.a.DB, Now: t.clk.Now, Box: t.a.Training.Box, Notify: t.a.Notify}
	t.programs = map[string]training.Program{}
	t.at(daysAgo(420))

	type provSpec struct {
		key   string
		in    training.ProviderInput
		staff int64
	}
	provs := []provSpec{
		{"blk", training.ProviderInput{Kind: training.BLK, Name: "UPTD BLK Serang", Region: "3604",
			Address: "Jl. Raya Serang–Cilegon Km 3, Kec. Kragilan, Kabupaten Serang"}, t.lembaga},
		{"lpk", training.ProviderInput{Kind: training.LPK, Name: "LPK Terampil Mandiri", Region: "3603",
			Address: "Jl. Raya Pasar Kemis No. 88, Kec. Pasar Kemis, Kabupaten Tangerang"}, t.staff[0]},
		{"smk", training.ProviderInput{Kind: training.SMK, Name: "SMK Negeri 2 Kota Serang", Region: "3673",
			Address: "Jl. KH. Abdul Fatah Hasan No. 48, Kec. Cipocok Jaya, Kota Serang"}, t.staff[1]},
		{"baja", training.ProviderInput{Kind: training.Industri, Name: "Pusat Pelatihan Baja Mandiri", Region: "3672",
			Address: "Kawasan Industri Krakatau, Jl. Industri No. 5, Kec. Citangkil, Kota Cilegon", EmployerID: t.employer}, t.staff[2]},
	}
	provider := map[string]training.Provider{}
	staffOf := map[string]int64{}
	for _, p := range provs {
		pr, err := t.s.CreateProvider(ctx, t.officer, p.in)
		if err != nil {
			return fmt.Errorf("demo provider %s: %w", p.in.Name, err)
		}
		if err := t.s.AddStaff(ctx, t.officer, pr.ID, p.staff); err != nil {
			return fmt.Errorf("demo staff of %s: %w", p.in.Name, err)
		}
		provider[p.key], staffOf[p.key] = pr, p.staff
	}

	programs := []struct {
		key, provider string
		in            training.ProgramInput
	}{
		{"las", "blk", training.ProgramInput{Title: "Juru Las SMAW 3G",
			Description: "Pengelasan SMAW posisi 1G sampai 3G pada pelat baja karbon, membaca gambar kerja dan simbol las, serta K3 pengelasan. " +
				"Praktik 70% di bengkel BLK; uji kompetensi BNSP di akhir pelatihan.",
			Skills: []string{"las-smaw", "las-gmaw", "baca-gambar-teknik", "k3-umum"}, Occupations: []string{"7212"},
			Hours: 240, Schedule: "Senin–Jumat 08.00–15.00 (6 minggu)", Region: "3604", Seats: 12,
			CertificateScheme: "Juru Las SMAW 3G", Priority: []string{training.DTKS, training.Domisili, training.Menganggur},
			PartnerID: t.employer, PartnerInterviews: 6, PartnerHires: 3}},
		{"jahit", "blk", training.ProgramInput{Title: "Operator Mesin Jahit Industri",
			Description: "Menjahit dengan mesin jahit industri dan high-speed/obras untuk garmen dan upper sepatu, membaca lembar kerja dan target produksi.",
			Skills:      []string{"jahit-industri", "jahit-highspeed", "jahit-upper"}, Occupations: []string{"8153"},
			Hours: 160, Schedule: "Senin–Jumat 08.00–14.00 (5 minggu)", Region: "3604", Seats: 16,
			CertificateScheme: "Operator Mesin Jahit", Priority: []string{training.DTKS, training.Menganggur, training.Domisili}}},
		{"forklift", "blk", training.ProgramInput{Title: "Operator Forklift dan K3 Gudang",
			Description: "Mengoperasikan forklift dengan aman, pemeriksaan harian unit, penataan barang di gudang, dan persiapan SIO forklift Kemnaker.",
			Skills:      []string{"forklift", "sio-forklift", "k3-umum"}, Occupations: []string{"8344"},
			Hours: 80, Schedule: "Sabtu–Minggu 08.00–16.00 (5 pekan)", Region: "3604", Seats: 10, AgeMin: 18, AgeMax: 45,
			CertificateScheme: "Operator Forklift", Priority: []string{training.Menganggur, training.Domisili}}},
		{"cnc", "lpk", training.ProgramInput{Title: "Operator CNC Bubut dan Frais",
			Description: "Pemrograman G-code dasar, setting dan operasi mesin bubut dan frais CNC, pengukuran presisi dengan jangka sorong dan mikrometer.",
			Skills:      []string{"cnc-operator", "cnc-program", "bubut-manual", "ukur-presisi"}, Occupations: []string{"7223"},
			Hours: 320, Schedule: "Senin–Sabtu 08.00–16.00 (8 minggu)", Region: "3603", Seats: 10, AgeMin: 18, AgeMax: 40,
			Fee: 4_500_000, FeeWaivedFor: training.DTKS,
			CertificateScheme: "Operator Mesin Bubut CNC", Priority: []string{training.DTKS, training.Menganggur}}},
		{"listrik", "smk", training.ProgramInput{Title: "Muda Berdaya: Instalasi Listrik Bangunan",
			Description: "Program pemuda Muda Berdaya: instalasi listrik rumah dan gedung sesuai PUIL, membaca gambar instalasi, K3 listrik, persiapan SKTTK.",
			Skills:      []string{"instalasi-listrik", "sertifikat-listrik", "k3-umum"}, Occupations: []string{"7411"},
			Hours: 200, Schedule: "Senin–Jumat 13.00–17.00 (10 minggu), di bengkel SMK", Region: "3673", Seats: 15, AgeMin: 18, AgeMax: 30,
			EducationMin: "smp", Tags: []string{"muda-berdaya"}, CertificateScheme: "Teknisi Instalasi Listrik",
			Priority: []string{training.Muda, training.Domisili, training.DTKS}}},
		{"baja", "baja", training.ProgramInput{Title: "Operator Produksi Baja dan K3",
			Description: "Dasar operasi tanur dan peleburan, rigging dan pengangkatan beban, K3 pabrik baja; magang 4 minggu di lini produksi PT Baja Mandiri Cilegon.",
			Skills:      []string{"tanur", "rigging", "k3-umum"}, Occupations: []string{"8121"},
			Hours: 200, Schedule: "Senin–Jumat 07.30–15.30 (5 minggu + magang)", Region: "3672", Seats: 8,
			CertificateScheme: "Operator Produksi Baja", Priority: []string{training.DTKS, training.Domisili, training.Menganggur},
			PartnerID: t.employer, PartnerInterviews: 8, PartnerHires: 5}},
	}
	for _, p := range programs {
		pr, err := t.s.CreateProgram(ctx, staffOf[p.provider], provider[p.provider].ID, p.in)
		if err != nil {
			return fmt.Errorf("demo program %s: %w", p.in.Title, err)
		}
		t.programs[p.key] = pr
	}

	pool, err := t.applicantPool()
	if err != nil {
		return err
	}
	next := 0
	take := func(n int) []applicantFacts {
		end := min(next+n, len(pool))
		out := pool[next:end]
		next = end
		return out
	}
	if err := t.pastProvinceRound(take); err != nil {
		return err
	}
	if err := t.providerRound(take, staffOf["blk"]); err != nil {
		return err
	}
	return t.openRound(take)
}

// applicantPool is the seekers who take part, in id order: the demo seeker
// stays out of it and is placed by hand.
func (t *trainingDemo) applicantPool() ([]applicantFacts, error) {
	rows, err := t.a.DB.QueryContext(t.ctx, `SELECT id, birth_enc, education, domicile_region FROM seekers
		WHERE id <> ? ORDER BY id LIMIT 80`, t.demoSeeker)
	if err != nil {
		return nil, fmt.Errorf("demo applicants: %w", err)
	}
	defer rows.Close()
	var out []applicantFacts
	for rows.Next() {
		var f applicantFacts
		var birth []byte
		if err := rows.Scan(&f.id, &birth, &f.education, &f.domicile); err != nil {
			return nil, fmt.Errorf("demo applicants: %w", err)
		}
		if f.birth, err = seeker.OpenBirthDate(t.a.Seekers.Box, birth); err != nil {
			return nil, fmt.Errorf("demo applicant %d: %w", f.id, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// eligible keeps the programs of keys that admit f on day, in order.
func (t *trainingDemo) eligible(f applicantFacts, day time.Time, keys ...string) []int64 {
	a := training.Applicant{BirthDate: f.birth, Education: f.education, Domicile: f.domicile}
	var out []int64
	for _, k := range keys {
		if p := t.programs[k]; p.Ineligible(a, day) == "" {
			out = append(out, p.ID)
		}
	}
	return out
}

func (t *trainingDemo) ids(keys ...string) []int64 {
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = t.programs[k].ID
	}
	return out
}

// pastProvinceRound: last year's province-wide round, allocated; its
// graduates completed, were certified and some were hired.
func (t *trainingDemo) pastProvinceRound(take func(int) []applicantFacts) error {
	ctx := t.ctx
	t.at(daysAgo(300))
	closes := wib.Date(t.clk.t).AddDate(0, 0, 14).Add(9 * time.Hour) // 16.00 WIB
	r, err := t.s.OpenRound(ctx, t.officer, training.RoundInput{Title: "Gelombang II 2025 – Provinsi Banten",
		Programs: t.ids("las", "jahit", "cnc", "baja"), ClosesAt: closes})
	if err != nil {
		return fmt.Errorf("demo past round: %w", err)
	}
	day := r.CloseDay()
	t.at(daysAgo(295))
	type app struct {
		f     applicantFacts
		in    training.ApplicationInput
		keys  []string
		fixed bool
	}
	var apps []app
	// Exactly as many DTKS households as the steel program has seats rank
	// it first: they fill it, and its cutoff is the DTKS class.
	for _, f := range take(t.programs["baja"].Seats) {
		apps = append(apps, app{f: f, keys: []string{"baja", "las"}, in: training.ApplicationInput{DTKS: true}})
	}
	for _, f := range take(6) {
		apps = append(apps, app{f: f, keys: []string{"baja", "jahit"}})
	}
	for i, f := range take(8) {
		in := training.ApplicationInput{}
		if i%3 == 0 {
			in.UnemployedSince = day.AddDate(-1, -2, 0).Format(time.DateOnly)
		}
		apps = append(apps, app{f: f, keys: []string{"las", "cnc"}, in: in})
	}
	for _, f := range take(6) {
		apps = append(apps, app{f: f, keys: []string{"cnc", "jahit"}})
	}
	for _, a := range apps {
		a.in.Programs = t.eligible(a.f, day, a.keys...)
		if len(a.in.Programs) == 0 {
			a.in.Programs = t.ids("jahit")
		}
		if err := t.s.Apply(ctx, r.ID, a.f.id, a.in); err != nil {
			return fmt.Errorf("demo past round: apply %d: %w", a.f.id, err)
		}
	}
	// The demo seeker wanted the steel program first; without DTKS or
	// Cilegon domicile she fell below its cutoff and got her second choice.
	if err := t.s.Apply(ctx, r.ID, t.demoSeeker, training.ApplicationInput{Programs: t.ids("baja", "jahit"),
		UnemployedSince: day.AddDate(0, -5, 0).Format(time.DateOnly)}); err != nil {
		return fmt.Errorf("demo past round: demo seeker: %w", err)
	}
	t.at(daysAgo(285))
	if _, err := t.s.CloseAndAllocate(ctx, t.officer, r.ID); err != nil {
		return fmt.Errorf("demo past round: allocate: %w", err)
	}
	// An appeal the office decided.
	t.at(daysAgo(283))
	if len(apps) > 9 {
		ap, err := t.s.FileAppeal(ctx, r.ID, apps[8].f.id, "Keluarga saya sebenarnya terdaftar DTKS sejak 2023, tetapi saya lupa mencentangnya. Mohon ditinjau.")
		if err != nil {
			return fmt.Errorf("demo past round: appeal: %w", err)
		}
		t.at(daysAgo(281))
		if err := t.s.DecideAppeal(ctx, ap.ID, t.officer, false, "Pernyataan DTKS dinilai saat pendaftaran ditutup dan tidak dapat ditambahkan sesudahnya. "+
			"Silakan mendaftar di gelombang berikutnya dengan mencentang DTKS; data Anda sudah kami cocokkan dengan DTKS Dinas Sosial."); err != nil {
			return fmt.Errorf("demo past round: decide appeal: %w", err)
		}
	}
	// The course: everyone seated is enrolled, attends, most complete and
	// are certified.
	t.at(daysAgo(280))
	staff := map[int64]int64{t.programs["las"].ID: t.lembaga, t.programs["jahit"].ID: t.lembaga,
		t.programs["cnc"].ID: t.staff[0], t.programs["baja"].ID: t.staff[2]}
	for _, k := range []string{"las", "jahit", "cnc", "baja"} {
		if _, err := t.s.EnrollSeated(ctx, staff[t.programs[k].ID], r.ID, t.programs[k].ID); err != nil {
			return fmt.Errorf("demo past round: enroll %s: %w", k, err)
		}
	}
	t.at(daysAgo(200))
	completedOn := wib.Date(t.clk.t).AddDate(0, 0, -5)
	var graduates []graduate
	for _, k := range []string{"las", "jahit", "cnc", "baja"} {
		p := t.programs[k]
		roster, err := t.s.Roster(ctx, p.ID)
		if err != nil {
			return err
		}
		for i, e := range roster {
			held := 30
			attended := held - i%4
			if i == 2 {
				attended = 17 // dropped out
			}
			if err := t.s.RecordAttendance(ctx, staff[p.ID], e.ID, training.Attendance{Attended: attended, Held: held}); err != nil {
				return fmt.Errorf("demo attendance: %w", err)
			}
			if i == 2 && e.SeekerID != t.demoSeeker {
				continue
			}
			if err := t.s.Complete(ctx, staff[p.ID], e.ID, completedOn.Format(time.DateOnly)); err != nil {
				return fmt.Errorf("demo completion: %w", err)
			}
			if i%5 != 4 || e.SeekerID == t.demoSeeker {
				no := fmt.Sprintf("BNSP-%s-%d-%05d", k, completedOn.Year(), e.ID)
				if err := t.s.Certify(ctx, staff[p.ID], e.ID, no, completedOn.AddDate(0, 0, 4).Format(time.DateOnly)); err != nil {
					return fmt.Errorf("demo certificate: %w", err)
				}
			}
			if e.SeekerID != t.demoSeeker {
				graduates = append(graduates, graduate{seeker: e.SeekerID, program: k, n: i, done: completedOn})
			}
		}
	}
	return t.placements(graduates)
}

type graduate struct {
	seeker  int64
	program string
	n       int
	done    time.Time
}

// placements reports hires of graduates as employers would have: the steel
// and welding graduates mostly by the partner, the others elsewhere; some
// within three months of completion, some later, some not at all.
func (t *trainingDemo) placements(gs []graduate) error {
	return t.a.DB.InTx(t.ctx, func(tx *db.Tx) error {
		for _, g := range gs {
			if g.n%3 == 2 {
				continue // not placed (yet)
			}
			partner := (g.program == "baja" || g.program == "las") && g.n%2 == 0
			start := g.done.AddDate(0, 0, 20+35*(g.n%4))
			// A vacancy with a free opening the graduate has not applied
			// to, in the occupation group the program trains for when one
			// is open: a sewing graduate goes to a sewing line, not to a
			// software house.
			var v genVacancy
			minor := ""
			if occ := t.programs[g.program].Occupations; len(occ) > 0 && len(occ[0]) >= 3 {
				minor = occ[0][:3]
			}
			err := tx.QueryRowContext(t.ctx, `SELECT v.id, v.employer_id, v.wage_min FROM vacancies v
				WHERE v.status <> ? AND (v.employer_id = ?) = ? AND v.openings - v.hired > 1
				AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.vacancy_id = v.id AND a.seeker_id = ?)
				ORDER BY CASE WHEN v.kbji LIKE ? THEN 0 ELSE 1 END, v.id LIMIT 1`,
				vacancy.Draft, t.employer, partner, g.seeker, minor+"%").Scan(&v.id, &v.employerID, &v.wageMin)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return fmt.Errorf("demo placement: %w", err)
			}
			// Graduates apply over the days after the course, not at once.
			applied := g.done.Add(time.Duration(9+24*(g.n%6)+g.n%5) * time.Hour)
			hired := start.AddDate(0, 0, -7).Add(10 * time.Hour)
			id, err := db.InsertID(t.ctx, tx, `INSERT INTO applications (vacancy_id, seeker_id, status, status_reason, note, created_at, updated_at)
				VALUES (?, ?, ?, '', '', ?, ?)`, v.id, g.seeker, vacancy.Hired, applied, hired)
			if err != nil {
				return fmt.Errorf("demo placement: %w", err)
			}
			for _, ev := range []struct {
				status string
				at     time.Time
			}{{vacancy.Sent, applied}, {vacancy.Hired, hired}} {
				if _, err := tx.ExecContext(t.ctx, `INSERT INTO application_events (application_id, status, reason, at) VALUES (?, ?, '', ?)`,
					id, ev.status, ev.at); err != nil {
					return fmt.Errorf("demo placement: %w", err)
				}
			}
			if _, err := tx.ExecContext(t.ctx, `INSERT INTO placements (application_id, vacancy_id, seeker_id, employer_id, start_date, wage, reported_at, domicile_region)
				SELECT ?, ?, ?, ?, ?, ?, ?, domicile_region FROM seekers WHERE id = ?`, id, v.id, g.seeker, v.employerID, start, v.wageMin+int64(g.n%3)*150_000, hired, g.seeker); err != nil {
				return fmt.Errorf("demo placement: %w", err)
			}
			if _, err := tx.ExecContext(t.ctx, `UPDATE seekers SET placed = TRUE WHERE id = ?`, g.seeker); err != nil {
				return err
			}
			if _, err := tx.ExecContext(t.ctx, `UPDATE vacancies SET hired = hired + 1 WHERE id = ?`, v.id); err != nil {
				return err
			}
		}
		return nil
	})
}

// providerRound: the BLK's own forklift round, allocated six weeks ago;
// the course is under way and two appeals came in, one decided.
func (t *trainingDemo) providerRound(take func(int) []applicantFacts, staff int64) error {
	ctx := t.ctx
	p := t.programs["forklift"]
	t.at(daysAgo(60))
	closes := wib.Date(t.clk.t).AddDate(0, 0, 14).Add(9 * time.Hour)
	r, err := t.s.OpenRound(ctx, staff, training.RoundInput{ProviderID: p.ProviderID, Title: "BLK Serang: Forklift Angkatan I 2026",
		Programs: []int64{p.ID}, ClosesAt: closes})
	if err != nil {
		return fmt.Errorf("demo provider round: %w", err)
	}
	day := r.CloseDay()
	t.at(daysAgo(55))
	// As many long-unemployed applicants as there are seats: they fill it.
	long, short := 0, 0
	var refused []int64
	for _, f := range take(24) {
		if len(t.eligible(f, day, "forklift")) == 0 {
			continue
		}
		in := training.ApplicationInput{Programs: []int64{p.ID}}
		switch {
		case long < p.Seats:
			in.UnemployedSince = day.AddDate(-1, -3, 0).Format(time.DateOnly)
			long++
		case short < 4:
			short++
			refused = append(refused, f.id)
		default:
			continue
		}
		if err := t.s.Apply(ctx, r.ID, f.id, in); err != nil {
			return fmt.Errorf("demo provider round: apply: %w", err)
		}
	}
	t.at(daysAgo(45))
	if _, err := t.s.CloseAndAllocate(ctx, staff, r.ID); err != nil {
		return fmt.Errorf("demo provider round: allocate: %w", err)
	}
	t.at(daysAgo(44))
	if _, err := t.s.EnrollSeated(ctx, staff, r.ID, p.ID); err != nil {
		return fmt.Errorf("demo provider round: enroll: %w", err)
	}
	roster, err := t.s.Roster(ctx, p.ID)
	if err != nil {
		return err
	}
	t.at(daysAgo(10))
	for i, e := range roster {
		if err := t.s.RecordAttendance(ctx, staff, e.ID, training.Attendance{Attended: 8 - i%3, Held: 8}); err != nil {
			return fmt.Errorf("demo provider round: attendance: %w", err)
		}
	}
	bodies := []string{
		"Saya sudah menganggur sejak Januari 2025 setelah kontrak di pabrik sepatu habis, tetapi tidak mengisi tanggalnya. Mohon dipertimbangkan.",
		"Rumah saya di Kragilan, dekat BLK, tetapi saya tidak mendapat kursi. Apakah domisili tidak dihitung?",
	}
	for i, sk := range refused {
		if i >= len(bodies) {
			break
		}
		t.at(daysAgo(43 - i))
		ap, err := t.s.FileAppeal(ctx, r.ID, sk, bodies[i])
		if err != nil {
			return fmt.Errorf("demo provider round: appeal: %w", err)
		}
		if i == 1 {
			t.at(daysAgo(40))
			if err := t.s.DecideAppeal(ctx, ap.ID, staff, false, "Domisili dihitung, tetapi pada program ini prioritas pertama adalah menganggur 12 bulan atau lebih; "+
				"10 kursi terisi pendaftar kelompok itu. Silakan mendaftar lagi di angkatan berikutnya."); err != nil {
				return fmt.Errorf("demo provider round: decide: %w", err)
			}
		}
	}
	return nil
}

// openRound: this year's province-wide round, taking applications now.
func (t *trainingDemo) openRound(take func(int) []applicantFacts) error {
	ctx := t.ctx
	t.at(daysAgo(3))
	closes := wib.Date(t.now).AddDate(0, 0, 11).Add(9 * time.Hour)
	r, err := t.s.OpenRound(ctx, t.officer, training.RoundInput{Title: "Gelombang I 2026 – Provinsi Banten",
		Programs: t.ids("las", "jahit", "cnc", "listrik", "baja"), ClosesAt: closes})
	if err != nil {
		return fmt.Errorf("demo open round: %w", err)
	}
	day := r.CloseDay()
	t.at(daysAgo(2))
	prefs := [][]string{{"las", "baja"}, {"jahit", "cnc"}, {"listrik", "las"}, {"cnc", "las", "jahit"}, {"baja", "jahit"}}
	for i, f := range take(12) {
		in := training.ApplicationInput{Programs: t.eligible(f, day, prefs[i%len(prefs)]...), DTKS: i%4 == 0}
		if len(in.Programs) == 0 {
			continue
		}
		if err := t.s.Apply(ctx, r.ID, f.id, in); err != nil {
			return fmt.Errorf("demo open round: apply: %w", err)
		}
	}
	return nil
}
