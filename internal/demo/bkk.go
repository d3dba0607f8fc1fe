package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/bkk"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The demo's two SMKs. Their NPSNs are made up (99xxxxxx) so that no real
// school is shown with invented figures.
var demoSchools = []bkk.SchoolInput{
	{NPSN: "99360401", Name: "SMK Negeri Demo 1 Serang", Region: "3604", Address: "Jl. Raya Serang–Pandeglang km 4, Kec. Cipocok",
		Programs: []string{"Teknik Kendaraan Ringan", "Teknik Instalasi Tenaga Listrik", "Akuntansi dan Keuangan Lembaga"}},
	{NPSN: "99367201", Name: "SMK Teknik Demo Cilegon", Region: "3672", Address: "Jl. Australia No. 5, Kec. Citangkil, Kota Cilegon",
		Programs: []string{"Teknik Pengelasan", "Teknik Kimia Industri", "Teknik Pemesinan"}},
}

// DemoBKKSecondStaff is the login of the second school's BKK staff (the
// first school's is bkk@bursa.test); its password is Password.
const DemoBKKSecondStaff = "bkk@cilegon.bursa.test"

// demoBKK registers the two schools with their staff, declares and
// verifies graduates among the demo's SMK-educated seekers in two
// graduation cohorts, with tracer answers for most of the waves due, and
// one BKK vacancy of a verified company only for the first school's
// graduates. The demo seeker has declared the first school and waits for
// its verification (the browser test verifies her).
func demoBKK(ctx context.Context, a *app.Services, accounts map[auth.Role]int64, employerID int64) error {
	officer, err := a.Auth.Get(ctx, accounts[auth.Petugas])
	if err != nil {
		return err
	}
	staff, err := a.Auth.Get(ctx, accounts[auth.Bkk])
	if err != nil {
		return err
	}
	var schools []bkk.School
	for _, in := range demoSchools {
		sc, err := a.BKK.RegisterSchool(ctx, &officer, in)
		if err != nil {
			return fmt.Errorf("demo school %s: %w", in.NPSN, err)
		}
		schools = append(schools, sc)
	}
	if _, err := a.BKK.AddStaff(ctx, &officer, schools[0].NPSN, bkk.StaffInput{Login: staff.Email}); err != nil {
		return err
	}
	if _, err := a.BKK.AddStaff(ctx, &officer, schools[1].NPSN, bkk.StaffInput{Login: DemoBKKSecondStaff,
		Name: "Wawan Kurniawan (BKK Cilegon)", Password: Password}); err != nil {
		return err
	}
	if _, err := a.DB.ExecContext(ctx, `UPDATE users SET demo = ? WHERE email = ?`, true, DemoBKKSecondStaff); err != nil {
		return err
	}
	// Two cohorts graduating in May: the latest May at least 7 months
	// ago (its 6-month wave is due) and the year before (both are due).
	today := wib.Date(a.Now())
	recent := time.Date(today.Year(), 5, 1, 0, 0, 0, 0, time.UTC)
	for bkk.Due(recent, 6).After(today) {
		recent = recent.AddDate(-1, 0, 0)
	}
	cohorts := []time.Time{recent.AddDate(-1, 0, 0), recent}
	// SMK-educated seekers of the population, the demo seeker aside.
	rows, err := a.DB.QueryContext(ctx, `SELECT s.id FROM seekers s WHERE s.education = 'smk' AND s.user_id <> ? ORDER BY s.id LIMIT 150`,
		accounts[auth.Pencari])
	if err != nil {
		return err
	}
	var seekers []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		seekers = append(seekers, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(16, 2))
	now := a.Now().UTC()
	err = a.DB.InTx(ctx, func(tx *db.Tx) error {
		for i, sk := range seekers {
			sc := schools[i%len(schools)]
			program := sc.Programs[rng.IntN(len(sc.Programs))]
			grad := cohorts[rng.IntN(len(cohorts))]
			status := bkk.Verified
			if rng.IntN(12) == 0 {
				status = bkk.Pending
			}
			var decided any
			if status == bkk.Verified {
				decided = grad.AddDate(0, 2, 0)
			}
			id, err := db.InsertID(ctx, tx, `INSERT INTO graduates (seeker_id, school_id, program, grad_year, grad_month, status, decided_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, sk, sc.ID, program, grad.Year(), int(grad.Month()), status, decided, now, now)
			if err != nil {
				return fmt.Errorf("demo graduate: %w", err)
			}
			if status != bkk.Verified {
				continue
			}
			for _, w := range bkk.Waves {
				due := bkk.Due(grad, w)
				if due.After(today) || rng.IntN(4) == 0 {
					continue // not yet due, or not answered
				}
				st := []string{bkk.Working, bkk.Working, bkk.Working, bkk.Working, bkk.Studying, bkk.Business, bkk.Seeking, bkk.Seeking}[rng.IntN(8)]
				emp, contract, band := "", "", ""
				if st == bkk.Working {
					emp = []string{"PT Krakatau Baja Demo", "PT Kimia Pantai Demo", "Bengkel Maju Motor", "PT Serang Elektrik"}[rng.IntN(4)]
					contract = []string{"pkwt", "pkwt", "pkwtt", "harian", "magang"}[rng.IntN(5)]
					band = bkk.WageBands[rng.IntN(len(bkk.WageBands))]
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO tracer_answers (graduate_id, wave, status, employer_name, contract, wage_band, answered_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)`, id, w, st, emp, contract, band, due.AddDate(0, 0, 3+rng.IntN(20))); err != nil {
					return fmt.Errorf("demo tracer answer: %w", err)
				}
			}
		}
		// The demo seeker waits for the first school's verification.
		_, err := tx.ExecContext(ctx, `INSERT INTO graduates (seeker_id, school_id, program, grad_year, grad_month, status, created_at, updated_at)
			SELECT id, ?, ?, ?, ?, ?, ?, ? FROM seekers WHERE user_id = ?`, schools[0].ID, schools[0].Programs[0], recent.Year(),
			int(recent.Month()), bkk.Pending, now, now, accounts[auth.Pencari])
		return err
	})
	if err != nil {
		return err
	}
	// A vacancy of another verified company (the demo employer's own
	// list stays as the employer walkthrough expects it), posted by the
	// first school's BKK, paying a little above Cilegon's UMK.
	var partner int64
	if err := a.DB.QueryRowContext(ctx, `SELECT id FROM employers WHERE status = 'terverifikasi' AND id <> ? ORDER BY id LIMIT 1`,
		employerID).Scan(&partner); err != nil {
		return fmt.Errorf("demo bkk partner: %w", err)
	}
	umk, _, _ := vacancy.UMKFor("3672", now)
	_, err = a.BKK.Post(ctx, &staff, schools[0].NPSN, bkk.PostInput{PartnerID: partner, GraduatesOnly: true, Vacancy: vacancy.Input{
		Title: "Mekanik Junior (lulusan SMK Negeri Demo 1 Serang)", KBJI: "7231", Education: "smk", Region: "3672", Openings: 3,
		WageMin: umk + umk/20, WageMax: umk + umk/5, Contract: "pkwt", ClosesOn: today.AddDate(0, 0, 30).Format(time.DateOnly),
		Description: "Servis berkala dan perbaikan kendaraan operasional pabrik. Untuk lulusan Teknik Kendaraan Ringan yang sudah diverifikasi BKK sekolah.",
		AgeMax:      25}})
	if err != nil {
		return fmt.Errorf("demo bkk vacancy: %w", err)
	}
	return nil
}
