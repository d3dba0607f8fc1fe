package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// vacancyFacts adds the vacancies that show issue 15's facts: an
// outsourced one naming both companies and a placement agency's licence, a
// daily-wage vacancy, and one open to workers with disabilities, each by
// another verified employer (not the demo login's, whose newest vacancies
// keep their applicants); and the demo employer's declared workforce. They
// go through the vacancy store, so they are validated, indexed and logged
// like any employer's.
func vacancyFacts(ctx context.Context, a *app.Services, hrID int64) error {
	hr, err := a.Auth.Get(ctx, hrID)
	if err != nil {
		return fmt.Errorf("demo facts: %w", err)
	}
	if _, err := a.Employers.DeclareWorkforce(ctx, &hr, employer.Workforce{Ownership: employer.Swasta, Employees: 640, DisabledEmployees: 4}); err != nil {
		return fmt.Errorf("demo workforce: %w", err)
	}
	// An outsourcing-like name first, then the oldest verified employers.
	rows, err := a.DB.QueryContext(ctx, `SELECT owner_id FROM employers WHERE status = ? AND owner_id <> ?
		ORDER BY CASE WHEN name LIKE '%Solusi%' THEN 0 ELSE 1 END, id LIMIT 3`, employer.Verified, hrID)
	if err != nil {
		return fmt.Errorf("demo facts employers: %w", err)
	}
	var owners []auth.User
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		u, err := a.Auth.Get(ctx, id)
		if err != nil {
			rows.Close()
			return fmt.Errorf("demo facts owner %d: %w", id, err)
		}
		owners = append(owners, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for len(owners) < 3 {
		owners = append(owners, hr) // a tiny province: the demo employer posts them
	}
	closes := a.Now().AddDate(0, 0, 21).Format(time.DateOnly)
	umk, _, _ := vacancy.UMKFor("3672", a.Now())
	day := vacancy.UnitFloor(umk, "day", 6)
	day = (day/1000 + 5) * 1000 // a round figure a little above the floor
	for i, in := range []vacancy.Input{
		{Title: "Buruh Harian Bongkar Muat Gudang", KBJI: "9333", Education: "sd", Region: "3672", Openings: 8,
			WageMin: day, WageMax: day + 20_000, Contract: "harian", ClosesOn: closes,
			Description: "Bongkar muat gulungan baja di gudang, shift pagi 07.00–15.00. Upah dibayar harian setiap Sabtu. Sepatu safety dan helm disediakan perusahaan, tidak dipotong dari upah.",
			Facts:       vacancy.Facts{WageUnit: "day", WorkDays: 6}},
		{Title: "Operator Produksi (Alih Daya) Kawasan Krakatau", KBJI: "8121", Education: "smk", Region: "3672", Openings: 15,
			WageMin: umk, WageMax: umk + 300_000, Contract: "pkwt", ClosesOn: closes,
			Description: "Ditempatkan sebagai operator mesin di pabrik pengguna di kawasan industri Krakatau Cilegon. Kontrak PKWT 12 bulan dengan perusahaan kami sebagai pemberi kerja; BPJS Ketenagakerjaan dan Kesehatan sejak hari pertama.",
			Facts: vacancy.Facts{WorksiteName: "PT Krakatau Wire Industri", WorksiteNIB: "9120304050607",
				AgencyLicence: "KEP.562/017/LPTKS-DPMPTSP/2025", AgencyLicenceUntil: a.Now().AddDate(2, 0, 0).Format(time.DateOnly)}},
		{Title: "Staf Administrasi Gudang (Terbuka untuk Penyandang Disabilitas)", KBJI: "4321", Education: "sma", Region: "3672", Openings: 2,
			WageMin: umk, WageMax: umk + 500_000, Contract: "pkwtt", ClosesOn: closes,
			Description: "Mencatat barang masuk dan keluar di komputer. Kantor di lantai dasar dengan jalur kursi roda dan toilet khusus; pembaca layar tersedia di komputer kerja.",
			Facts: vacancy.Facts{DisabilityOpen: true, DisabilityAccessible: true,
				DisabilityNote: "Lantai dasar, jalur kursi roda, toilet khusus, pembaca layar (NVDA)."}},
	} {
		if _, err := a.Vacancies.Create(ctx, &owners[i], in, true); err != nil {
			return fmt.Errorf("demo vacancy %q: %w", in.Title, err)
		}
	}
	return nil
}
