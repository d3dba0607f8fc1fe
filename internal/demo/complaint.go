package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The complaint part of the demo province: an officer registry (the demo
// pengawas coordinates Kota Cilegon, Kabupaten Serang and Kota Serang under
// a province-wide head; the demo mediator works under the head of
// industrial relations), and complaints in the states the pages show:
//
//   - a sealed anonymous report by the demo seeker, waiting (1/3);
//   - the demo seeker's overtime complaint, assigned to the demo pengawas
//     and past its deadline, escalated;
//   - the union's collective BPJS complaint against PT Baja Mandiri
//     Cilegon, inspected, with a substantiated finding and nota
//     pemeriksaan I whose deadline runs (the demo employer answers it);
//   - an older below-UMK complaint against the same employer, ended
//     (selesai), so its public compliance record has a line;
//   - a dismissal dispute in mediation with the demo mediator, with a
//     session next week;
//   - a fee report waiting for verification;
//   - aspirations with official answers and supports.
//
// Like the training part it runs after the main transaction, through the
// complaint store itself, with the store's clock moved through the past.

type complaintDemo struct {
	ctx      context.Context
	a        *app.Services
	s        *complaint.Store
	clk      *demoClock
	now      time.Time
	accounts map[auth.Role]int64
	employer int64 // PT Baja Mandiri Cilegon
	users    map[int64]*auth.User
}

func (c *complaintDemo) at(d time.Duration) { c.clk.t = c.now.Add(d) }

func (c *complaintDemo) user(id int64) (*auth.User, error) {
	if u, ok := c.users[id]; ok {
		return u, nil
	}
	u, err := c.a.Auth.Get(c.ctx, id)
	if err != nil {
		return nil, fmt.Errorf("demo user %d: %w", id, err)
	}
	c.users[id] = &u
	return &u, nil
}

func (c *complaintDemo) role(r auth.Role) *auth.User {
	u, _ := c.user(c.accounts[r])
	return u
}

// staff adds a generated officer who cannot log in.
func (c *complaintDemo) staff(email, name string, role auth.Role) (*auth.User, error) {
	u, err := c.a.Auth.Create(c.ctx, c.a.DB, auth.NewUser{Login: email, Name: name, Roles: []auth.Role{role}, Demo: true, NoPassword: true})
	if err != nil {
		return nil, fmt.Errorf("demo officer %s: %w", email, err)
	}
	c.users[u.ID] = &u
	return &u, nil
}

// wibDay returns the civil day d from now at hh:mm WIB.
func (c *complaintDemo) wibAt(d time.Duration, hh, mm int) time.Time {
	t := c.now.Add(d).In(wib.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), hh, mm, 0, 0, wib.Zone)
}

func (c *complaintDemo) day(d time.Duration) string {
	return c.now.Add(d).In(wib.Zone).Format(time.DateOnly)
}

func generateComplaints(c *complaintDemo) error {
	ctx := c.ctx
	c.clk = &demoClock{t: c.now}
	c.users = map[int64]*auth.User{}
	base := c.a.Complaints
	c.s = &complaint.Store{DB: c.a.DB, Box: base.Box, Now: c.clk.Now, Passwords: base.Passwords, PoolK: base.PoolK, Deadlines: base.Deadlines, Notify: base.Notify}
	c.at(daysAgo(400))

	admin := c.role(auth.Admin)
	pengawas, mediator, serikat, seeker := c.role(auth.Pengawas), c.role(auth.Mediator), c.role(auth.Serikat), c.role(auth.Pencari)
	if admin == nil || pengawas == nil || mediator == nil || serikat == nil || seeker == nil {
		return fmt.Errorf("demo complaints: demo accounts missing")
	}

	// The officer registry.
	head, err := c.staff("kabid.pengawasan@demo.bursa.test", "Ir. Bambang Wijaya (Kabid Pengawasan)", auth.Pengawas)
	if err != nil {
		return err
	}
	rina, err := c.staff("pengawas.cilegon@demo.bursa.test", "Rina Marlina (Pengawas)", auth.Pengawas)
	if err != nil {
		return err
	}
	dodi, err := c.staff("pengawas.serang@demo.bursa.test", "Dodi Kurniawan (Pengawas)", auth.Pengawas)
	if err != nil {
		return err
	}
	headHI, err := c.staff("kabid.hi@demo.bursa.test", "Sri Wahyuni (Kabid Hubungan Industrial)", auth.Mediator)
	if err != nil {
		return err
	}
	officers := []complaint.OfficerInput{
		{UserID: head.ID, Kind: "pengawas", Supervisor: true, Regions: []string{complaint.ProvinceWide}, Active: true},
		{UserID: pengawas.ID, Kind: "pengawas", Supervisor: true, SupervisorID: head.ID, Regions: []string{"3672", "3604", "3673"}, Active: true},
		{UserID: rina.ID, Kind: "pengawas", SupervisorID: pengawas.ID, Regions: []string{"3672"}, Active: true},
		{UserID: dodi.ID, Kind: "pengawas", SupervisorID: pengawas.ID, Regions: []string{"3604", "3673"}, Active: true},
		{UserID: headHI.ID, Kind: "mediator", Supervisor: true, Regions: []string{complaint.ProvinceWide}, Active: true},
		{UserID: mediator.ID, Kind: "mediator", SupervisorID: headHI.ID, Regions: []string{"3672", "3604", "3673", "3603"}, Active: true},
	}
	for _, o := range officers {
		if err := c.s.SetOfficer(ctx, admin, o); err != nil {
			return fmt.Errorf("demo officer %d: %w", o.UserID, err)
		}
	}

	// Other employers the complaints name.
	// A registered employer in Kabupaten Serang, or (in a tiny province) a
	// name the complaints give.
	var serangEmployer int64
	serangName := "CV Sinar Garmen Serang"
	err = c.a.DB.QueryRowContext(ctx, `SELECT id, name FROM employers WHERE region = '3604' AND status = 'terverifikasi'
		ORDER BY id LIMIT 1`).Scan(&serangEmployer, &serangName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("demo complaints: an employer in Kabupaten Serang: %w", err)
	}
	if serangEmployer != 0 {
		serangName = ""
	}
	// Generated workers who file, support and are named.
	var workers []int64
	rows, err := c.a.DB.QueryContext(ctx, `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role = 'pencari' AND u.email IS NULL ORDER BY u.id LIMIT 20`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		workers = append(workers, id)
	}
	rows.Close()
	if len(workers) < 13 {
		return fmt.Errorf("demo complaints: %d generated workers, want 13", len(workers))
	}

	// An older below-UMK complaint against PT Baja Mandiri Cilegon, inspected
	// and ended: the employer's public compliance record.
	c.at(daysAgo(200))
	w0, err := c.user(workers[0])
	if err != nil {
		return err
	}
	old, err := c.s.Submit(ctx, w0, complaint.Input{Category: complaint.UpahDiBawahUMK, EmployerID: c.employer, Region: "3672",
		Narrative:  "Operator kontrak di bagian pengemasan dibayar Rp 4.200.000 per bulan, di bawah UMK Kota Cilegon, sejak awal tahun.",
		HappenedOn: c.day(daysAgo(210)), WorkersAffected: 25, MonthlyWage: 4_200_000, Anonymous: true}, "127.0.0.1")
	if err != nil {
		return fmt.Errorf("demo complaint (UMK): %w", err)
	}
	steps := []struct {
		at  time.Duration
		run func() error
	}{
		{daysAgo(199), func() error {
			return c.s.Move(ctx, pengawas, old.CaseID, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "Perusahaan terdaftar, laporan upah di bawah UMK dapat diperiksa."})
		}},
		{daysAgo(198), func() error {
			_, err := c.s.Assign(ctx, pengawas, old.CaseID, rina.ID, "Wilayah Kota Cilegon.")
			return err
		}},
		{daysAgo(197), func() error {
			return c.s.Move(ctx, rina, old.CaseID, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan,
				Reason: "Pemeriksaan daftar upah dan slip gaji.", Date: c.wibAt(daysAgo(193), 9, 0), Place: "Kantor HRD PT Baja Mandiri Cilegon"})
		}},
		{daysAgo(193), func() error {
			return c.s.RecordFinding(ctx, rina, old.CaseID, complaint.FindingInput{Category: complaint.UpahDiBawahUMK, Substantiated: true,
				Summary: "25 operator kontrak bagian pengemasan dibayar di bawah UMK Kota Cilegon selama lima bulan."})
		}},
		{daysAgo(192), func() error {
			return c.s.Move(ctx, rina, old.CaseID, complaint.MoveInput{To: complaint.Temuan, Reason: "Daftar upah diperiksa."})
		}},
		{daysAgo(190), func() error {
			return c.s.Move(ctx, rina, old.CaseID, complaint.MoveInput{To: complaint.Nota1, Reason: "Perusahaan wajib membayar selisih upah."})
		}},
		{daysAgo(160), func() error {
			return c.s.Move(ctx, rina, old.CaseID, complaint.MoveInput{To: complaint.Selesai,
				Reason: "Selisih upah lima bulan telah dibayar kepada 25 pekerja; bukti transfer diperiksa."})
		}},
	}
	for _, st := range steps {
		c.at(st.at)
		if err := st.run(); err != nil {
			return fmt.Errorf("demo complaint (UMK) step: %w", err)
		}
	}

	// A dismissal dispute, registered after failed bipartite talks and now
	// in mediation with the demo mediator.
	c.at(daysAgo(70))
	w1, err := c.user(workers[1])
	if err != nil {
		return err
	}
	dispute, err := c.s.OpenDispute(ctx, w1, complaint.DisputeInput{Type: complaint.DisputeDismissal, EmployerID: serangEmployer, EmployerName: serangName,
		Region: "3604", Narrative: "Saya di-PHK setelah 6 tahun bekerja dengan alasan efisiensi, tanpa pesangon sesuai ketentuan. Perundingan bipartit belum sepakat.",
		BipartiteStarted: c.day(daysAgo(72)), WorkersAffected: 1})
	if err != nil {
		return fmt.Errorf("demo dispute: %w", err)
	}
	for _, st := range []struct {
		at  time.Duration
		run func() error
	}{
		{daysAgo(25), func() error {
			return c.s.Move(ctx, headHI, dispute.CaseID, complaint.MoveInput{To: complaint.Dicatat, Reason: "Risalah bipartit gagal diterima lengkap."})
		}},
		{daysAgo(20), func() error {
			return c.s.Move(ctx, headHI, dispute.CaseID, complaint.MoveInput{To: complaint.Mediasi, Officer: mediator.ID,
				Reason: "Para pihak tidak memilih konsiliasi atau arbitrase."})
		}},
		{daysAgo(18), func() error {
			_, err := c.s.ScheduleSession(ctx, mediator, dispute.CaseID, complaint.SessionInput{At: c.wibAt(daysAgo(11), 10, 0),
				Place: "Ruang Mediasi Disnakertrans Banten, Serang", Note: "Sidang pertama: keterangan para pihak."})
			return err
		}},
		{daysAgo(10), func() error {
			_, err := c.s.ScheduleSession(ctx, mediator, dispute.CaseID, complaint.SessionInput{At: c.wibAt(4*day, 10, 0),
				Place: "Ruang Mediasi Disnakertrans Banten, Serang", Note: "Sidang kedua: perhitungan pesangon."})
			return err
		}},
	} {
		c.at(st.at)
		if err := st.run(); err != nil {
			return fmt.Errorf("demo dispute step: %w", err)
		}
	}

	// The union's collective complaint against PT Baja Mandiri Cilegon:
	// inspected, a substantiated finding, nota pemeriksaan I running.
	c.at(daysAgo(24))
	union, err := c.s.Submit(ctx, serikat, complaint.Input{Category: complaint.BPJS, EmployerID: c.employer, Region: "3672",
		Narrative: "Pekerja alih daya di bagian pemeliharaan tidak didaftarkan BPJS Ketenagakerjaan walaupun sudah bekerja lebih dari setahun. " +
			"Dua orang mengalami kecelakaan kerja dan biaya berobat ditanggung sendiri.",
		HappenedOn: c.day(daysAgo(30)), UnionName: "Serikat Pekerja Baja Mandiri",
		Members:        []complaint.Member{{Name: "Ahmad Fauzi", Consent: true, ConsentNote: "surat kuasa bertanda tangan"}},
		UnnamedMembers: 14}, "127.0.0.1")
	if err != nil {
		return fmt.Errorf("demo complaint (union): %w", err)
	}
	var unionComplaint int64
	if err := c.a.DB.QueryRowContext(ctx, `SELECT id FROM complaints WHERE code = ?`, union.Code).Scan(&unionComplaint); err != nil {
		return err
	}
	for _, st := range []struct {
		at  time.Duration
		run func() error
	}{
		{daysAgo(23), func() error {
			return c.s.Move(ctx, pengawas, union.CaseID, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "Pengaduan kolektif serikat dengan kuasa anggota."})
		}},
		{daysAgo(23) + time.Hour, func() error {
			_, err := c.s.OpenComplaint(ctx, pengawas, unionComplaint)
			return err
		}},
		{daysAgo(22), func() error {
			_, err := c.s.Assign(ctx, pengawas, union.CaseID, pengawas.ID, "Saya tangani sendiri: perusahaan besar, banyak pekerja.")
			return err
		}},
		{daysAgo(21), func() error {
			return c.s.MessageComplainant(ctx, pengawas, unionComplaint, "Terima kasih. Mohon siapkan daftar nama pekerja alih daya yang belum terdaftar BPJS untuk kunjungan pemeriksaan.")
		}},
		{daysAgo(21) + time.Hour, func() error {
			return c.s.Move(ctx, pengawas, union.CaseID, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan,
				Reason: "Pemeriksaan kepesertaan BPJS dan kontrak alih daya.", Date: c.wibAt(daysAgo(17), 9, 30), Place: "PT Baja Mandiri Cilegon, Kawasan Industri Krakatau"})
		}},
		{daysAgo(17), func() error {
			return c.s.RecordFinding(ctx, pengawas, union.CaseID, complaint.FindingInput{Category: complaint.BPJS, Substantiated: true,
				Summary: "15 pekerja alih daya bagian pemeliharaan belum didaftarkan BPJS Ketenagakerjaan dan BPJS Kesehatan."})
		}},
		{daysAgo(16), func() error {
			return c.s.Move(ctx, pengawas, union.CaseID, complaint.MoveInput{To: complaint.Temuan, Reason: "Temuan kunjungan dicatat."})
		}},
		{daysAgo(14), func() error {
			return c.s.Move(ctx, pengawas, union.CaseID, complaint.MoveInput{To: complaint.Nota1,
				Reason: "Perusahaan wajib mendaftarkan 15 pekerja alih daya ke BPJS Ketenagakerjaan dan Kesehatan."})
		}},
		{daysAgo(12), func() error {
			return c.s.Respond(ctx, c.role(auth.Perusahaan), union.CaseID, "Kami sedang mendaftarkan 15 pekerja alih daya tersebut melalui "+
				"perusahaan penyedia jasa; bukti kepesertaan akan kami kirim sebelum batas waktu nota.")
		}},
	} {
		c.at(st.at)
		if err := st.run(); err != nil {
			return fmt.Errorf("demo complaint (union) step: %w", err)
		}
	}

	// The demo seeker's overtime complaint: assigned to the demo pengawas,
	// the visit never scheduled, now overdue and escalated.
	c.at(daysAgo(16))
	late, err := c.s.Submit(ctx, seeker, complaint.Input{Category: complaint.Lembur, EmployerID: serangEmployer, EmployerName: serangName, Region: "3604",
		Narrative:  "Di bagian produksi kami lembur 3 jam setiap hari selama dua bulan, tetapi upah lembur tidak dibayar.",
		HappenedOn: c.day(daysAgo(20)), WorkersAffected: 30}, "127.0.0.1")
	if err != nil {
		return fmt.Errorf("demo complaint (overtime): %w", err)
	}
	c.at(daysAgo(15))
	if err := c.s.Move(ctx, pengawas, late.CaseID, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "Laporan lembur tidak dibayar dapat diperiksa."}); err != nil {
		return fmt.Errorf("demo complaint (overtime): %w", err)
	}
	c.at(daysAgo(14))
	if _, err := c.s.Assign(ctx, pengawas, late.CaseID, pengawas.ID, "Dodi sedang cuti."); err != nil {
		return fmt.Errorf("demo complaint (overtime): %w", err)
	}

	// The demo seeker's sealed report, waiting for others (1/3).
	c.at(daysAgo(3))
	if _, err := c.s.Submit(ctx, seeker, complaint.Input{Category: complaint.Diskriminasi, EmployerID: c.employer, Region: "3672",
		Narrative:  "Pekerja perempuan yang hamil tidak diperpanjang kontraknya, sedangkan pekerja laki-laki di posisi yang sama diperpanjang.",
		HappenedOn: c.day(daysAgo(10)), Anonymous: true, Sealed: true}, "127.0.0.1"); err != nil {
		return fmt.Errorf("demo complaint (sealed): %w", err)
	}

	// A fee report from bursa kerja, waiting for verification.
	c.at(daysAgo(1))
	if _, err := c.s.ReportFee(ctx, complaint.FeeReport{EmployerID: serangEmployer, Region: "3604", ReporterID: workers[2], Anonymous: true,
		WhoAsked: "Orang yang mengaku koordinator penyalur", Amount: 3_000_000, When: c.day(daysAgo(2)), How: "whatsapp",
		Details: "Diminta Rp 3 juta supaya lamaran diloloskan ke tahap wawancara."}); err != nil {
		return fmt.Errorf("demo fee report: %w", err)
	}

	// Aspirations.
	type asp struct {
		by       *auth.User
		in       complaint.AspirationInput
		answerBy *auth.User
		answer   string
		supports int
		ago      int
	}
	analis, petugas := c.role(auth.Analis), c.role(auth.Petugas)
	w3, err := c.user(workers[3])
	if err != nil {
		return err
	}
	asps := []asp{
		{serikat, complaint.AspirationInput{Title: "Libatkan serikat pekerja sejak awal pembahasan UMK 2027", Audience: complaint.AudienceTripartit,
			UnionName: "Serikat Pekerja Baja Mandiri",
			Body:      "Survei kebutuhan hidup layak hendaknya dilakukan bersama serikat di setiap kabupaten/kota, dan hasilnya dibuka sebelum sidang dewan pengupahan."},
			analis, "LKS Tripartit Provinsi Banten akan mengundang perwakilan serikat dalam survei KHL mulai Juli; jadwalnya diumumkan di laman ini.", 9, 40},
		{seeker, complaint.AspirationInput{Title: "Angkutan antar-jemput untuk pekerja shift malam di Cikande", Audience: complaint.AudienceProvince,
			Body: "Banyak pekerja perempuan shift malam di kawasan industri Cikande pulang jalan kaki jauh. Mohon ada angkutan antar-jemput bersama dengan perusahaan kawasan."},
			petugas, "Disnakertrans sedang membahas angkutan pekerja bersama pengelola kawasan industri dan Dishub. Kami laporkan perkembangannya bulan depan.", 6, 21},
		{w3, complaint.AspirationInput{Title: "Tambah pelatihan las bersertifikat BNSP di Pandeglang", Audience: complaint.AudienceProvince,
			Body: "Pelatihan las bersertifikat hanya ada di Serang dan Cilegon. Pemuda Pandeglang harus kos untuk ikut. Mohon dibuka kelas di BLK Pandeglang."},
			nil, "", 3, 5},
	}
	for _, x := range asps {
		c.at(daysAgo(x.ago))
		id, err := c.s.PostAspiration(ctx, x.by, x.in)
		if err != nil {
			return fmt.Errorf("demo aspiration: %w", err)
		}
		for i := 0; i < x.supports; i++ {
			u, err := c.user(workers[4+i%(len(workers)-4)])
			if err != nil {
				return err
			}
			if u.ID == x.by.ID {
				continue
			}
			if err := c.s.SupportAspiration(ctx, u, id); err != nil {
				return fmt.Errorf("demo support: %w", err)
			}
		}
		if x.answerBy != nil {
			c.at(daysAgo(x.ago) + 2*day)
			if err := c.s.AnswerAspiration(ctx, x.answerBy, id, x.answer); err != nil {
				return fmt.Errorf("demo answer: %w", err)
			}
		}
	}

	// Overdue cases go to the supervisors, as serve's ticker would do.
	if _, err := c.s.Escalate(ctx, c.now); err != nil {
		return fmt.Errorf("demo escalation: %w", err)
	}
	return nil
}
