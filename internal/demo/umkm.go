package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/umkm"
	"github.com/bursa-banten/bursa/internal/wib"
)

// demoUMKM fills the small-business registry: a dozen businesses across
// classes and regencies (one owned by the demo job seeker, one linked to a
// small demo employer so its vacancies count), a youth program's marketing
// assistance (gen-banten) opened, applied to and allocated forty days ago,
// a business from it that moved up a class with this year's report, and a
// halal certification program open now. The steps run on a clock moving
// forward through those weeks, so the public log reads in time order.
func demoUMKM(ctx context.Context, a *app.Services, accounts map[auth.Role]int64) error {
	officer := &auth.User{ID: accounts[auth.Koperasi], Name: "Nurul Hidayah (Dinas Koperasi dan UKM)", Roles: []auth.Role{auth.Koperasi}}
	seeker := &auth.User{ID: accounts[auth.Pencari], Name: "Siti Nurhayati", Roles: []auth.Role{auth.Pencari}}
	if officer.ID == 0 || seeker.ID == 0 {
		return errors.New("demo umkm: demo accounts missing")
	}
	now := a.Now().UTC()
	var clock time.Time
	st := &umkm.Store{DB: a.DB, Box: a.UMKM.Box, Now: func() time.Time { return clock }}
	at := func(days int) { clock = now.AddDate(0, 0, days) }
	year := func() int { return wib.Date(clock).Year() }

	// A small demo employer: registering its NIB links the business to it.
	var empNIB string
	err := a.DB.QueryRowContext(ctx, `SELECT nib FROM employers WHERE size_class IN ('mikro', 'kecil') AND status = 'terverifikasi'
		ORDER BY id LIMIT 1`).Scan(&empNIB)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("demo umkm: employer: %w", err)
	}
	at(-45)
	type biz struct {
		in    umkm.Input
		owner *auth.User
	}
	list := []biz{
		{umkm.Input{NIB: "3604260100011", Name: "Keripik Pisang Bu Siti", KBLI: "10792", Region: "3604", Capital: 25_000_000, AnnualSales: 180_000_000,
			Workers: 2, OwnerBirthYear: 1998, Evidence: "catatan penjualan"}, seeker},
		{umkm.Input{NIB: "3601260100022", Name: "Emping Melinjo Menes", KBLI: "10799", Region: "3601", OwnerName: "Ahmad Fauzi", OwnerBirthYear: 1999,
			Capital: 180_000_000, AnnualSales: 1_700_000_000, Workers: 6, Evidence: "laporan keuangan"}, officer},
		{umkm.Input{NIB: "3602260100033", Name: "Kopi Gula Aren Lebak", KBLI: "11040", Region: "3602", OwnerName: "Dewi Lestari", OwnerBirthYear: 1997,
			Capital: 90_000_000, AnnualSales: 650_000_000, Workers: 3}, officer},
		{umkm.Input{NIB: "3603260100044", Name: "Konveksi Seragam Curug", KBLI: "14111", Region: "3603", OwnerName: "Bambang Sutrisno",
			Capital: 1_400_000_000, AnnualSales: 6_800_000_000, Workers: 28, Evidence: "SPT Tahunan"}, officer},
		{umkm.Input{NIB: "3671260100055", Name: "Bengkel Las Cikokol", KBLI: "25111", Region: "3671", OwnerName: "Joko Prasetyo",
			Capital: 600_000_000, AnnualSales: 2_900_000_000, Workers: 9, Evidence: "laporan keuangan"}, officer},
		{umkm.Input{NIB: "3672260100066", Name: "Katering Krakatau", KBLI: "56210", Region: "3672", OwnerName: "Rina Marlina", OwnerBirthYear: 2000,
			Capital: 150_000_000, AnnualSales: 900_000_000, Workers: 5}, officer},
		{umkm.Input{NIB: "3673260100077", Name: "Sate Bandeng Kota Serang", KBLI: "10213", Region: "3673", OwnerName: "Hj. Maesaroh",
			Capital: 300_000_000, AnnualSales: 1_200_000_000, Workers: 7}, officer},
		{umkm.Input{NIB: "3674260100088", Name: "Percetakan Digital Pamulang", KBLI: "18111", Region: "3674", OwnerName: "Andi Wijaya",
			Capital: 2_500_000_000, AnnualSales: 16_500_000_000, Workers: 41, Evidence: "laporan keuangan diaudit"}, officer},
		{umkm.Input{NIB: "3604260100099", Name: "Gerabah Bumijaya", KBLI: "23931", Region: "3604", OwnerName: "Ujang Suryana",
			Capital: 45_000_000, AnnualSales: 210_000_000, Workers: 4}, officer},
		{umkm.Input{NIB: "3603260100101", Name: "Roti Sehat Balaraja", KBLI: "10710", Region: "3603", OwnerName: "Yuliana", OwnerBirthYear: 1996,
			Capital: 800_000_000, AnnualSales: 0}, officer},
		{umkm.Input{NIB: "3671260100112", Name: "Distributor Sembako Karawaci", KBLI: "46311", Region: "3671", OwnerName: "Hendrik Tanoto",
			Capital: 9_000_000_000, AnnualSales: 62_000_000_000, Workers: 85, Evidence: "laporan keuangan diaudit"}, officer},
		{umkm.Input{NIB: "3672260100123", Name: "Servis AC Cilegon", KBLI: "33122", Region: "3672", OwnerName: "Rizki Ramadhan", OwnerBirthYear: 2001,
			Capital: 70_000_000, AnnualSales: 380_000_000, Workers: 2}, officer},
	}
	if empNIB != "" {
		list = append(list, biz{umkm.Input{NIB: empNIB, Name: "Usaha pemberi kerja di bursa", KBLI: "C", Region: "3604", OwnerName: "Pemilik (demo)",
			Capital: 700_000_000, AnnualSales: 3_000_000_000, Workers: 20, Evidence: "laporan keuangan"}, officer})
	}
	ids := map[string]int64{}
	for _, b := range list {
		b.in.Year = year() - 1
		got, err := st.Register(ctx, b.owner, b.in)
		if err != nil {
			return fmt.Errorf("demo umkm %s: %w", b.in.Name, err)
		}
		ids[b.in.NIB] = got.ID
	}

	at(-40)
	youthProg, err := st.CreateProgram(ctx, officer, umkm.ProgramInput{Kind: umkm.KindMarketing, Title: "Generasi Banten: jualan lewat e-katalog",
		Description: "Pendampingan tiga bulan untuk pemilik usaha muda: foto produk, harga, izin edar, dan mendaftar di katalog elektronik lokal Provinsi Banten.",
		Organizer:   "Dinas Koperasi dan UKM Provinsi Banten", Seats: 2, YouthTag: "gen-banten",
		ClosesOn: wib.Date(now.AddDate(0, 0, -31)).Format("2006-01-02")})
	if err != nil {
		return fmt.Errorf("demo umkm youth program: %w", err)
	}
	at(-36)
	for _, nib := range []string{"3601260100022", "3602260100033", "3672260100066"} {
		if err := st.Apply(ctx, officer, youthProg.ID, ids[nib]); err != nil {
			return fmt.Errorf("demo umkm apply %s: %w", nib, err)
		}
	}
	at(-30)
	if _, err := st.Allocate(ctx, officer, youthProg.ID); err != nil {
		return fmt.Errorf("demo umkm allocate: %w", err)
	}
	// This year's report of the emping maker: sales past Rp 2 billion, a
	// small business now (whether it had a seat or not, its report says so).
	at(-10)
	if _, err := st.Declare(ctx, officer, ids["3601260100022"], umkm.DeclarationInput{Year: year(), Capital: 250_000_000,
		AnnualSales: 2_600_000_000, Workers: 11, Evidence: fmt.Sprintf("laporan keuangan %d", year())}); err != nil {
		return fmt.Errorf("demo umkm declare: %w", err)
	}
	if _, err := st.AddMilestone(ctx, officer, ids["3601260100022"], umkm.MilestoneInput{Kind: umkm.MilestoneCertificate,
		Detail: "Sertifikat halal ID36110000456780125", Evidence: "sertifikat halal BPJPH", On: wib.Date(clock).Format("2006-01-02")}); err != nil {
		return fmt.Errorf("demo umkm milestone: %w", err)
	}
	at(-5)
	if _, err := st.CreateProgram(ctx, officer, umkm.ProgramInput{Kind: umkm.KindCertification, Title: "Sertifikasi halal gratis untuk usaha mikro",
		Description: "Pendampingan proses produk halal sampai sertifikat terbit, biaya ditanggung pemerintah provinsi. Untuk usaha mikro makanan dan minuman.",
		Organizer:   "Dinas Koperasi dan UKM Provinsi Banten", Seats: 10, Classes: []string{umkm.Mikro},
		ClosesOn: wib.Date(now.AddDate(0, 0, 25)).Format("2006-01-02")}); err != nil {
		return fmt.Errorf("demo umkm halal program: %w", err)
	}
	return nil
}
