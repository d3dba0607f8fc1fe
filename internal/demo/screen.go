package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/screen"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// HeldAdvert is the advert of issue 15 that once went live at once: the demo
// company posts it, and screening holds it for the petugas.
const HeldAdvert = "Dibutuhkan operator produksi untuk pabrik baja di Cilegon, kerja shift.\n" +
	"Biaya administrasi Rp 500.000 untuk seragam dan medical check up dibayar pelamar.\n" +
	"Hubungi WA 0812-3456-7890."

// demoScreening posts, through the vacancy store as the demo company, the
// held advert and a vacancy with a discriminatory requirement whose job
// reason waits for the petugas: the review queue opens with both.
func demoScreening(ctx context.Context, a *app.Services, ids map[auth.Role]int64) error {
	u, err := a.Auth.Get(ctx, ids[auth.Perusahaan])
	if err != nil {
		return fmt.Errorf("demo screening: %w", err)
	}
	emp, err := a.Employers.Current(ctx, &u)
	if err != nil {
		return fmt.Errorf("demo screening: %w", err)
	}
	umk, _, _ := vacancy.UMKFor(emp.Region, a.Now())
	closes := wib.Date(a.Now()).AddDate(0, 0, 21).Format(time.DateOnly)
	base := vacancy.Input{KBJI: "8121", Education: "sma", Region: emp.Region, Openings: 10, WageMin: umk, WageMax: umk + 300_000,
		Contract: "pkwt", ClosesOn: closes}

	// Both were posted before the company's other vacancies: the dashboard
	// (newest first) opens with the vacancies that have applicants.
	var oldest time.Time
	if err := a.DB.QueryRowContext(ctx, `SELECT created_at FROM vacancies WHERE employer_id = ? ORDER BY created_at LIMIT 1`, emp.ID).Scan(&oldest); err != nil {
		return fmt.Errorf("demo screening: %w", err)
	}
	backdate := func(id int64) error {
		_, err := a.DB.ExecContext(ctx, `UPDATE vacancies SET created_at = ? WHERE id = ?`, oldest.Add(-24*time.Hour), id)
		return err
	}

	held := base
	held.Title, held.Description = "Operator Produksi (Shift)", HeldAdvert
	hv, err := a.Vacancies.Create(ctx, &u, held, true)
	if err != nil {
		return fmt.Errorf("demo held vacancy: %w", err)
	}
	if err := backdate(hv.ID); err != nil {
		return err
	}

	// Not an operator's job: the demo's saved searches and the tests that
	// publish an operator vacancy must not meet this one in their alerts.
	flagged := base
	flagged.Title, flagged.Openings, flagged.KBJI = "Juru Masak Kantin Asrama", 2, "5120"
	flagged.Description = "Memasak menu harian untuk 120 pekerja di kantin asrama perusahaan.\n" +
		"Syarat: wanita.\nBerpengalaman masak dalam jumlah besar; sertifikat higiene sanitasi diutamakan."
	v, err := a.Vacancies.Create(ctx, &u, flagged, true)
	if err != nil {
		return fmt.Errorf("demo flagged vacancy: %w", err)
	}
	if err := backdate(v.ID); err != nil {
		return err
	}
	sc, err := a.Vacancies.Screening(ctx, &u, v.ID)
	if err != nil {
		return err
	}
	for _, f := range sc.Flags {
		if f.Code == screen.Sex {
			if _, err := a.Vacancies.Explain(ctx, &u, v.ID, f.ID,
				"Kantin ada di dalam asrama pekerja perempuan; hanya perempuan boleh masuk area asrama."); err != nil {
				return fmt.Errorf("demo flag reason: %w", err)
			}
		}
	}
	return nil
}
