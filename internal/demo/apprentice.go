package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apprentice"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// apprenticeships adds issue 16's apprenticeship programs: the demo
// company's running program (apprentices running, one dropped out, seats
// still open through its magang vacancy), another company's finished one
// (completed with certificates, most hired after, one dropped), and the
// demo company's application still waiting for the office, past its
// deadline so the officers' queue shows the overdue flag.
//
// Every step goes through the stores today, so the terms are validated and
// the public log stays in time order (its monitor checks that). The rows'
// own dates are then moved back, so the pages show programs that began
// months ago; the log records keep the day the generator ran.
func apprenticeships(ctx context.Context, a *app.Services, accounts map[auth.Role]int64) error {
	get := func(id int64) (*auth.User, error) {
		u, err := a.Auth.Get(ctx, id)
		return &u, err
	}
	hr, err := get(accounts[auth.Perusahaan])
	if err != nil {
		return fmt.Errorf("demo magang: %w", err)
	}
	officer, err := get(accounts[auth.Petugas])
	if err != nil {
		return fmt.Errorf("demo magang: %w", err)
	}
	var otherOwner int64
	if err := a.DB.QueryRowContext(ctx, `SELECT owner_id FROM employers WHERE status = ? AND owner_id <> ? ORDER BY id DESC LIMIT 1`,
		employer.Verified, hr.ID).Scan(&otherOwner); err != nil {
		return fmt.Errorf("demo magang employer: %w", err)
	}
	other, err := get(otherOwner)
	if err != nil {
		return fmt.Errorf("demo magang: %w", err)
	}
	// Job seekers with a valid card, not the demo login (whose
	// applications the tests walk).
	rows, err := a.DB.QueryContext(ctx, `SELECT s.user_id FROM seekers s JOIN users u ON u.id = s.user_id
		WHERE u.email IS NULL AND EXISTS (SELECT 1 FROM ak1_cards c WHERE c.seeker_id = s.id AND c.valid_until >= ?)
		ORDER BY s.id LIMIT 10`, wib.Date(a.Now()))
	if err != nil {
		return fmt.Errorf("demo magang seekers: %w", err)
	}
	var seekers []*auth.User
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		u, err := get(id)
		if err != nil {
			return err
		}
		seekers = append(seekers, u)
	}
	if len(seekers) < 10 {
		return nil // a tiny province: no apprenticeships to show
	}
	today := wib.Date(a.Now())
	decideBy := func() string {
		return today.AddDate(0, 0, 14).Format(time.DateOnly) // past any 3-working-day deadline
	}
	yes, no := true, false
	st := a.Apprentices
	run := func(u *auth.User, in apprentice.Input, applicants []*auth.User) (apprentice.Program, []int64, error) {
		p, err := st.Apply(ctx, u, in)
		if err != nil {
			return p, nil, fmt.Errorf("demo magang %q: %w", in.Title, err)
		}
		if p, err = st.Decide(ctx, officer, p.ID, &yes, ""); err != nil {
			return p, nil, err
		}
		v, err := st.OpenVacancy(ctx, u, p.ID, apprentice.VacancyInput{ClosesOn: today.AddDate(0, 0, 21).Format(time.DateOnly), Education: "smk"})
		if err != nil {
			return p, nil, fmt.Errorf("demo magang vacancy: %w", err)
		}
		var aids []int64
		for _, s := range applicants {
			app, err := a.Vacancies.Apply(ctx, s, v.ID, "")
			if err != nil {
				return p, nil, fmt.Errorf("demo magang apply: %w", err)
			}
			aids = append(aids, app.ID)
		}
		return p, aids, nil
	}

	// The demo company: 8 seats, 3 taken on, 1 of them dropped out, one
	// more applicant waiting.
	progA, appsA, err := run(hr, apprentice.Input{Title: "Magang Operator Mesin Rolling Mill", Occupation: "8121",
		Standard: "SKKNI 2016-306 Operator Mesin Produksi Logam", Region: "3672", Seats: 8, Months: 6, TheoryShare: 20,
		Allowance: 2_800_000, Insurance: &yes, MentorName: "Bambang Sutrisno", MentorTitle: "Kepala Seksi Produksi Rolling Mill",
		TrainingPlan: "Bulan 1: K3 pabrik baja, pengenalan mesin dan SOP (teori 2 hari seminggu). Bulan 2–5: praktik di lini rolling mill " +
			"bersama pembimbing, rotasi shift pagi saja. Bulan 6: uji kompetensi di LSP P1 perusahaan dan evaluasi.",
		StartOn: decideBy(), Workforce: 640}, seekers[:4])
	if err != nil {
		return err
	}
	var apprA []int64
	for _, id := range appsA[:3] {
		x, err := st.Take(ctx, hr, progA.ID, id, today.Format(time.DateOnly))
		if err != nil {
			return fmt.Errorf("demo magang take: %w", err)
		}
		apprA = append(apprA, x.ID)
	}
	if _, err := st.End(ctx, hr, progA.ID, apprA[2], apprentice.EndInput{Outcome: apprentice.Dropped,
		Reason: "Mengundurkan diri, pindah ke luar kota", Hired: &no}); err != nil {
		return fmt.Errorf("demo magang end: %w", err)
	}

	// Another company's finished program: 6 apprentices, 5 completed (4
	// hired after), 1 dropped.
	progB, appsB, err := run(other, apprentice.Input{Title: "Magang Teknisi Listrik Industri", Occupation: "7412",
		Standard: "SKKNI 2015-119 Instalasi Listrik Industri", Region: "3672", Seats: 6, Months: 6, TheoryShare: 25,
		Allowance: 2_500_000, Insurance: &yes, MentorName: "Sri Wahyuni", MentorTitle: "Supervisor Pemeliharaan Listrik",
		TrainingPlan: "Teori kelistrikan dan K3 listrik tiap Senin; praktik perawatan panel, motor dan instalasi pabrik bersama " +
			"pembimbing; uji kompetensi BNSP lewat LSP P3 Ketenagalistrikan di bulan keenam.",
		StartOn: decideBy(), Workforce: 120}, seekers[4:10])
	if err != nil {
		return err
	}
	var apprB []int64
	for _, id := range appsB {
		x, err := st.Take(ctx, other, progB.ID, id, today.Format(time.DateOnly))
		if err != nil {
			return fmt.Errorf("demo magang take: %w", err)
		}
		apprB = append(apprB, x.ID)
	}
	for i, aid := range apprB {
		in := apprentice.EndInput{Outcome: apprentice.Done, Certificate: fmt.Sprintf("LSP-P3/LIS/2026/%04d", 311+i),
			Issuer: "LSP P3 Ketenagalistrikan", Hired: &yes}
		switch i {
		case 3:
			in.Hired = &no
		case 5:
			in = apprentice.EndInput{Outcome: apprentice.Dropped, Reason: "Diterima kerja di perusahaan lain", Hired: &no}
		}
		if _, err := st.End(ctx, other, progB.ID, aid, in); err != nil {
			return fmt.Errorf("demo magang end: %w", err)
		}
	}
	if vs, err := a.Vacancies.ProgramVacancies(ctx, progB.ID); err == nil {
		for _, v := range vs {
			if err := a.Vacancies.SetStatus(ctx, other, v.ID, vacancy.Closed); err != nil {
				return err
			}
		}
	} else {
		return err
	}

	// The demo company's next application, waiting for the office.
	progC, err := st.Apply(ctx, hr, apprentice.Input{Title: "Magang Admin Gudang dan Logistik", Occupation: "4321",
		Standard: "Standar kompetensi perusahaan: Administrasi Gudang (disusun bersama BLK Serang)", Region: "3672", Seats: 4,
		Months: 12, TheoryShare: 15, Allowance: 2_400_000, Insurance: &yes, MentorName: "Dewi Anggraini", MentorTitle: "Kepala Gudang",
		TrainingPlan: "Pencatatan barang masuk dan keluar, stock opname, aplikasi gudang, K3 forklift (teori), praktik di gudang " +
			"bahan baku dan barang jadi bergantian tiap tiga bulan.",
		StartOn: today.AddDate(0, 1, 0).Format(time.DateOnly), Workforce: 640})
	if err != nil {
		return fmt.Errorf("demo magang pending: %w", err)
	}

	// Move the rows' own dates back (see the comment at the top).
	day := func(n int) time.Time { return today.AddDate(0, 0, n) }
	at := func(n int) time.Time { return a.Now().UTC().AddDate(0, 0, n) }
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE apprenticeships SET created_at = ?, decide_by = ?, decided_at = ?, start_on = ? WHERE id = ?`,
			[]any{at(-62), day(-59), at(-60), day(-45), progA.ID}},
		{`UPDATE apprentices SET start_on = ? WHERE apprenticeship_id = ?`, []any{day(-45), progA.ID}},
		{`UPDATE apprentices SET ended_on = ? WHERE id = ?`, []any{day(-12), apprA[2]}},
		{`UPDATE apprenticeships SET created_at = ?, decide_by = ?, decided_at = ?, start_on = ?, ended_at = ? WHERE id = ?`,
			[]any{at(-250), day(-247), at(-248), day(-235), at(-55), progB.ID}},
		{`UPDATE apprentices SET start_on = ?, ended_on = ? WHERE apprenticeship_id = ? AND status = 'selesai'`, []any{day(-235), day(-55), progB.ID}},
		{`UPDATE apprentices SET start_on = ?, ended_on = ? WHERE apprenticeship_id = ? AND status = 'berhenti'`, []any{day(-235), day(-150), progB.ID}},
		{`UPDATE apprenticeships SET created_at = ?, decide_by = ? WHERE id = ?`, []any{at(-6), day(-3), progC.ID}},
	} {
		if _, err := a.DB.ExecContext(ctx, q.sql, q.args...); err != nil {
			return fmt.Errorf("demo magang dates: %w", err)
		}
	}
	return nil
}
