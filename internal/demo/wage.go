package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/wage"
	"github.com/bursa-banten/bursa/internal/wib"
)

// demoWage opens next year's wage round: the council's four parties (the
// demo petugas for the government, the demo serikat for the unions, a
// generated Apindo delegate and an academic), inputs entered by the demo
// analis with a plainly marked example source, every party's proposal for
// Kab. Serang and Cilegon, one published recommendation (Kota Serang), and
// an LKS Tripartit meeting whose agenda links the figures and a workers'
// aspiration. The figures are examples, never BPS's: the source says so.
func demoWage(ctx context.Context, a *app.Services, accounts map[auth.Role]int64) error {
	user := func(r auth.Role) *auth.User { return &auth.User{ID: accounts[r], Roles: []auth.Role{r}} }
	admin, analis, petugas, serikat := user(auth.Admin), user(auth.Analis), user(auth.Petugas), user(auth.Serikat)
	if admin.ID == 0 || analis.ID == 0 || petugas.ID == 0 || serikat.ID == 0 {
		return errors.New("demo wage: demo accounts missing")
	}
	staff := func(email, name string, role auth.Role) (*auth.User, error) {
		u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: email, Name: name, Roles: []auth.Role{role}, Demo: true, NoPassword: true})
		if err != nil {
			return nil, fmt.Errorf("demo council member %s: %w", email, err)
		}
		return &u, nil
	}
	apindo, err := staff("apindo.banten@demo.bursa.test", "Hendra Gunawan (Apindo Banten)", auth.Perusahaan)
	if err != nil {
		return err
	}
	academic, err := staff("akademisi.untirta@demo.bursa.test", "Dr. Ratna Sari (Untirta)", auth.Analis)
	if err != nil {
		return err
	}
	w := a.Wage
	for _, seat := range []struct {
		u     *auth.User
		party string
	}{{petugas, wage.Government}, {apindo, wage.Employers}, {serikat, wage.Unions}, {academic, wage.Academics}} {
		if err := w.SetMember(ctx, admin, seat.u.ID, seat.party); err != nil {
			return fmt.Errorf("demo seat: %w", err)
		}
	}
	year := wage.NextYear()
	const example = "CONTOH DEMO, bukan angka BPS"
	infl := 2.4
	growth := map[string]float64{"3601": 4.6, "3602": 4.5, "3603": 5.1, "3604": 4.9, "3671": 5.3, "3672": 5.6, "3673": 5.0, "3674": 5.4}
	sources := map[string]string{}
	for code := range growth {
		sources[code] = example + " (PDRB kabupaten/kota)"
	}
	if err := w.SetInputs(ctx, analis, wage.InputsIn{Year: year, Inflation: &infl, InflationSource: example + " (inflasi Banten September–September)",
		Growth: growth, GrowthSource: sources}); err != nil {
		return fmt.Errorf("demo wage inputs: %w", err)
	}
	proposals := []struct {
		u      *auth.User
		region string
		alpha  float64
		why    string
	}{
		{petugas, "3604", 0.7, "Titik tengah rentang: menjaga daya beli pekerja dan ruang usaha padat karya di Kab. Serang."},
		{apindo, "3604", 0.5, "Industri alas kaki dan tekstil di Kab. Serang menghadapi pesanan yang turun; kenaikan kecil menjaga lapangan kerja."},
		{serikat, "3604", 0.9, "Harga pangan dan sewa kontrakan di sekitar kawasan industri naik lebih cepat dari inflasi; banyak aduan upah di bawah UMK."},
		{academic, "3604", 0.75, "Produktivitas tenaga kerja naik; α sedikit di atas tengah sejalan dengan kontribusi tenaga kerja pada pertumbuhan."},
		{petugas, "3672", 0.7, "Cilegon tumbuh paling cepat; titik tengah rentang cukup untuk daya beli."},
		{apindo, "3672", 0.55, "Industri kimia dan baja menanggung biaya energi tinggi; kenaikan wajar di bawah tengah."},
		{serikat, "3672", 0.85, "Biaya hidup Cilegon tertinggi di Banten; pekerja kontrak paling terdampak."},
		{academic, "3672", 0.7, "Kontribusi tenaga kerja sejalan dengan rata-rata provinsi."},
	}
	for _, p := range proposals {
		if _, err := w.Propose(ctx, p.u, wage.ProposalIn{Year: year, Region: p.region, Alpha: p.alpha, Reasoning: p.why}); err != nil {
			return fmt.Errorf("demo proposal: %w", err)
		}
	}
	if _, err := w.Recommend(ctx, petugas, wage.RecommendIn{Year: year, Region: "3673", Alpha: 0.7,
		Note: "Sidang pleno Dewan Pengupahan (contoh demo)."}); err != nil {
		return fmt.Errorf("demo recommendation: %w", err)
	}

	today := wib.Date(a.Now())
	m, err := w.CreateMeeting(ctx, analis, wage.MeetingIn{HeldOn: today.AddDate(0, 0, -7).Format("2006-01-02"),
		Title: "Sidang pleno LKS Tripartit Provinsi Banten", Place: "Aula Disnakertrans Provinsi Banten, Serang"})
	if err != nil {
		return fmt.Errorf("demo meeting: %w", err)
	}
	item, err := w.AddItem(ctx, analis, m.ID, wage.ItemIn{Title: fmt.Sprintf("Masukan untuk UMK %d", year),
		Body:   "Membahas angka bursa tiap kabupaten/kota (penempatan, upah yang ditawarkan, aduan upah) sebelum Dewan Pengupahan bersidang.",
		Figure: fmt.Sprintf("/dewan-pengupahan/%d#angka", year)})
	if err != nil {
		return fmt.Errorf("demo agenda: %w", err)
	}
	r, err := w.RecommendOnItem(ctx, petugas, item.ID, "Disnakertrans membuka angka bursa per kabupaten/kota untuk semua pihak dua minggu sebelum sidang pengupahan.")
	if err != nil {
		return fmt.Errorf("demo tripartite recommendation: %w", err)
	}
	if _, err := w.FollowUp(ctx, petugas, r.ID, wage.StateFollowed, "Halaman Dewan Pengupahan sudah menampilkan angka bursa; jadwal sidang diumumkan."); err != nil {
		return fmt.Errorf("demo follow-up: %w", err)
	}
	// The latest aspiration addressed to the tripartite body, if any.
	var asp int64
	err = a.DB.QueryRowContext(ctx, `SELECT id FROM aspirations WHERE audience = 'tripartit' ORDER BY id DESC LIMIT 1`).Scan(&asp)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("demo aspiration: %w", err)
	}
	if asp != 0 {
		it, err := w.AddItem(ctx, analis, m.ID, wage.ItemIn{Title: "Aspirasi pekerja untuk dibahas",
			Body: "Aspirasi yang ditujukan kepada LKS Tripartit di bursa.", AspirationID: asp})
		if err != nil {
			return fmt.Errorf("demo aspiration item: %w", err)
		}
		if _, err := w.RecommendOnItem(ctx, petugas, it.ID, "Dinas menjawab aspirasi ini secara tertulis di bursa paling lambat sebulan setelah sidang."); err != nil {
			return fmt.Errorf("demo aspiration recommendation: %w", err)
		}
	}
	return nil
}
