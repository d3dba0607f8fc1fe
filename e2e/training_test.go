package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/training"
)

// trainingClock lets a test move the pages' and the training store's time
// forward, so a round opened to close in an hour can be closed at once.
// Sessions keep the real time. Call it before the first request.
func trainingClock(a *app.Services) *atomic.Int64 {
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	a.Now, a.Training.Now = now, now
	return &offset
}

// blkSetup is a BLK round for the browser to work with: a one-seat program
// whose only priority is DTKS, already applied to by a DTKS household, and
// the forklift program.
type blkSetup struct {
	round          training.Round
	scarce         training.Program
	forklift       training.Program
	lembaga, rival int64
	providerID     int64
	seekerID       int64
}

func setupBLKRound(t *testing.T, a *app.Services) blkSetup {
	t.Helper()
	ctx := context.Background()
	var s blkSetup
	if err := a.DB.QueryRowContext(ctx, `SELECT id FROM users WHERE email = 'lembaga@bursa.test'`).Scan(&s.lembaga); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.QueryRowContext(ctx, `SELECT s.id FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&s.seekerID); err != nil {
		t.Fatal(err)
	}
	ps, err := a.Training.ProvidersForUser(ctx, s.lembaga)
	if err != nil || len(ps) != 1 {
		t.Fatalf("providers of lembaga: %v %v", ps, err)
	}
	s.providerID = ps[0].ID
	progs, _ := a.Training.ProgramsByProvider(ctx, s.providerID)
	for _, p := range progs {
		if strings.Contains(p.Title, "Forklift") {
			s.forklift = p
		}
	}
	s.scarce, err = a.Training.CreateProgram(ctx, s.lembaga, s.providerID, training.ProgramInput{Title: "Operator Reach Truck",
		Description: "Mengoperasikan reach truck di gudang rak tinggi, dengan praktik di gudang mitra.", Skills: []string{"forklift", "k3-umum"},
		Hours: 40, Region: "3604", Seats: 1, Priority: []string{training.DTKS}})
	if err != nil {
		t.Fatal(err)
	}
	s.round, err = a.Training.OpenRound(ctx, s.lembaga, training.RoundInput{ProviderID: s.providerID, Title: "BLK Serang: Gudang Angkatan II",
		Programs: []int64{s.scarce.ID, s.forklift.ID}, ClosesAt: a.Training.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DB.QueryRowContext(ctx, `SELECT id FROM seekers WHERE id <> ? AND domicile_region = '3604' ORDER BY id LIMIT 1`, s.seekerID).Scan(&s.rival); err != nil {
		t.Fatal(err)
	}
	if err := a.Training.Apply(ctx, s.round.ID, s.rival, training.ApplicationInput{Programs: []int64{s.scarce.ID}, DTKS: true}); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTrainingRound: the demo seeker ranks two programs in an open round
// on her phone; after it closes the provider allocates the seats; she sees
// her seat and, for the program she ranked first, the cutoff that kept her
// out next to her own class and lottery number.
func TestTrainingRound(t *testing.T) {
	srv, a := site(t)
	offset := trainingClock(a)
	setup := setupBLKRound(t, a)
	ctx := browser(t, 360, 740)
	base := srv.URL
	roundPage := fmt.Sprintf("%s/pelatihan/gelombang/%d", base, setup.round.ID)

	login(t, ctx, base, "pencari@bursa.test", demo.Password)
	must(t, ctx, "browse programs",
		chromedp.Navigate(base+"/pelatihan?skill=forklift"),
		chromedp.WaitVisible(chromedp.CSS(".program")),
		shot("t01-browse"),
	)
	must(t, ctx, "rank programs",
		chromedp.Navigate(roundPage),
		chromedp.WaitVisible(chromedp.CSS("#pilihan1")),
		chromedp.SetValue(chromedp.CSS("#pilihan1"), fmt.Sprint(setup.scarce.ID)),
		chromedp.SetValue(chromedp.CSS("#pilihan2"), fmt.Sprint(setup.forklift.ID)),
		shot("t02-rank"),
		chromedp.Submit(chromedp.CSS("#pilihan1")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		shot("t03-applied"),
	)
	if got := text(ctx, t, "main"); !strings.Contains(got, "Hasil diumumkan setelah pendaftaran ditutup") || !strings.Contains(got, "Operator Reach Truck") {
		t.Fatalf("after applying: %.600s", got)
	}
	logout(t, ctx)

	// The round closes; the provider allocates from the dashboard.
	offset.Store(int64(2 * time.Hour))
	login(t, ctx, base, "lembaga@bursa.test", demo.Password)
	allocate := fmt.Sprintf(`#gelombang-%d button`, setup.round.ID)
	must(t, ctx, "allocate",
		chromedp.Navigate(base+"/lembaga"),
		chromedp.WaitVisible(chromedp.CSS(allocate)),
		shot("t04-provider"),
		chromedp.Click(chromedp.CSS(allocate)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if got := text(ctx, t, ".flash"); !strings.Contains(got, "dialokasikan") {
		t.Fatalf("allocation message = %q", got)
	}
	logout(t, ctx)

	res, err := a.Training.Results(context.Background(), setup.round.ID, setup.seekerID)
	if err != nil {
		t.Fatal(err)
	}
	login(t, ctx, base, "pencari@bursa.test", demo.Password)
	must(t, ctx, "see the result",
		chromedp.Navigate(base+"/pencari/pelatihan"),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#seat-%d", setup.round.ID))),
		shot("t05-result"),
	)
	if got := text(ctx, t, fmt.Sprintf("#seat-%d", setup.round.ID)); got != "Operator Forklift dan K3 Gudang" {
		t.Fatalf("seat = %q", got)
	}
	table := text(ctx, t, fmt.Sprintf("#gelombang-%d table.result", setup.round.ID))
	for _, want := range []string{"Operator Reach Truck", "Kelas 1: Keluarga terdaftar DTKS", "Kelas 2: Pendaftar umum",
		fmt.Sprint(res.Choices[0].Cutoff.Lottery), fmt.Sprint(res.Lottery), "Di bawah batas", "Kursi Anda"} {
		if !strings.Contains(table, want) {
			t.Errorf("result table lacks %q:\n%s", want, table)
		}
	}
	fits(t, ctx, "/pencari/pelatihan")
}

// TestTrainingPagesFit opens every training page on a phone and a desktop
// and checks none scrolls sideways.
func TestTrainingPagesFit(t *testing.T) {
	srv, a := site(t)
	ctx0 := context.Background()
	open, err := a.Training.OpenRounds(ctx0)
	if err != nil || len(open) == 0 {
		t.Fatalf("open rounds: %v %v", open, err)
	}
	var program, blkProgram int64
	a.DB.QueryRowContext(ctx0, `SELECT id FROM programs WHERE title LIKE 'Juru Las%'`).Scan(&program)
	a.DB.QueryRowContext(ctx0, `SELECT p.id FROM programs p JOIN providers pr ON pr.id = p.provider_id WHERE pr.kind = 'blk' AND p.title LIKE 'Operator Mesin Jahit%'`).Scan(&blkProgram)
	for _, size := range []struct {
		name string
		w, h int
	}{{"phone", 360, 740}, {"desktop", 1280, 800}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := browser(t, size.w, size.h)
			visit := func(p, name string) {
				t.Helper()
				must(t, ctx, p, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main")), shot(size.name+"-t-"+name))
				fits(t, ctx, p)
			}
			visit("/pelatihan", "list")
			visit(fmt.Sprintf("/pelatihan/%d", program), "program")
			visit(fmt.Sprintf("/pelatihan/gelombang/%d", open[0].ID), "round-public")
			for _, who := range []struct {
				login string
				pages map[string]string
			}{
				{"pencari@bursa.test", map[string]string{"mine": "/pencari/pelatihan", "round": fmt.Sprintf("/pelatihan/gelombang/%d", open[0].ID)}},
				{"lembaga@bursa.test", map[string]string{"provider": "/lembaga", "roster": fmt.Sprintf("/lembaga/program/%d", blkProgram),
					"program-form": "/lembaga/program/baru", "round-form": "/lembaga/gelombang/baru", "appeals": "/lembaga/keberatan",
					"outcomes": "/lembaga/hasil"}},
				{"petugas@bursa.test", map[string]string{"region-outcomes": "/pelatihan/hasil", "officer": "/petugas/pelatihan"}},
			} {
				login(t, ctx, srv.URL, who.login, demo.Password)
				for name, p := range who.pages {
					visit(p, name)
				}
				logout(t, ctx)
			}
		})
	}
}
