package umkm_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/umkm"
)

func user(t *testing.T, a *app.Services, login string, roles ...auth.Role) *auth.User {
	t.Helper()
	u, err := a.Auth.Create(context.Background(), a.DB, auth.NewUser{Login: login, Name: "Pemilik " + login, Password: apptest.OtherPassword, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

var nibSeq = 1000000000000

func nextNIB() string { nibSeq++; return fmt.Sprint(nibSeq) }

func register(t *testing.T, a *app.Services, u *auth.User, region string, capital, sales int64) umkm.Business {
	t.Helper()
	b, err := a.UMKM.Register(context.Background(), u, umkm.Input{NIB: nextNIB(), Name: "Usaha " + u.Email, KBLI: "10792",
		Region: region, Capital: capital, AnnualSales: sales, Year: 2025, OwnerBirthYear: 1999})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRegister(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		seeker := user(t, a, "siti@umkm.test", auth.Pencari)
		other := user(t, a, "budi@umkm.test", auth.Pencari)
		officer := user(t, a, "dinas@umkm.test", auth.Koperasi)

		_, err := a.UMKM.Register(ctx, nil, umkm.Input{})
		apptest.WantIs(t, err, fail.Unauthorized)
		for _, tt := range []struct {
			in          umkm.Input
			field, code string
		}{
			{umkm.Input{NIB: "12345", Name: "Keripik", KBLI: "C", Region: "3604", Capital: 1}, "nib", "nib_invalid"},
			{umkm.Input{NIB: "123456789012A", Name: "Keripik", KBLI: "C", Region: "3604", Capital: 1}, "nib", "nib_invalid"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "Z", Region: "3604", Capital: 1}, "kbli", "kbli_invalid"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "04123", Region: "3604", Capital: 1}, "kbli", "kbli_invalid"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "C", Region: "3201", Capital: 1}, "region", "region_invalid"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "C", Region: "3604", Capital: -1}, "capital", "umkm_amount_invalid"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "C", Region: "3604", Capital: 1, AnnualSales: -5}, "annual_sales", "umkm_amount_invalid"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "C", Region: "3604"}, "capital", "umkm_figures_missing"},
			{umkm.Input{NIB: "1234567890123", Name: " ", KBLI: "C", Region: "3604", Capital: 1}, "name", "required"},
			{umkm.Input{NIB: "1234567890123", Name: "Keripik", KBLI: "C", Region: "3604", Capital: 1, Year: 2019}, "year", "umkm_year_range"},
		} {
			_, err := a.UMKM.Register(ctx, seeker, tt.in)
			apptest.WantCode(t, err, tt.field, tt.code)
		}
		// A job seeker registers the business they own; the owner's name
		// defaults to theirs and the class follows the sales.
		b, err := a.UMKM.Register(ctx, seeker, umkm.Input{NIB: "3604 0123 45678", Name: "Keripik Sukses", KBLI: "10792", Region: "3604",
			Capital: 300_000_000, AnnualSales: 2_500_000_000})
		if err != nil {
			t.Fatal(err)
		}
		if b.Class != umkm.Kecil || b.OwnerID != seeker.ID || b.OwnerName != seeker.Name || b.KBLISection != "C" || b.NIB != "3604012345678" {
			t.Errorf("registered %+v", b)
		}
		_, err = a.UMKM.Register(ctx, other, umkm.Input{NIB: "3604012345678", Name: "Lain", KBLI: "C", Region: "3604", Capital: 1})
		apptest.WantIs(t, err, fail.Conflict)
		// The owner sending it again updates it: same business, this
		// year's figures, the class they give.
		again, err := a.UMKM.Register(ctx, seeker, umkm.Input{NIB: "3604012345678", Name: "Keripik Sukses Jaya", KBLI: "10792", Region: "3604",
			Capital: 300_000_000, AnnualSales: 1_500_000_000})
		if err != nil || again.ID != b.ID || again.Class != umkm.Mikro || again.Name != "Keripik Sukses Jaya" {
			t.Fatalf("registered again: %+v %v", again, err)
		}
		if v, _ := a.UMKM.Get(ctx, seeker, b.ID); len(v.Declarations) != 1 || len(v.Moves) != 2 || v.Moves[1].Up {
			t.Errorf("after registering again: %+v", v)
		}
		b = again
		// Another person's business is not found; the officer sees it.
		_, err = a.UMKM.Get(ctx, other, b.ID)
		apptest.WantIs(t, err, fail.NotFound)
		v, err := a.UMKM.Get(ctx, officer, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Declarations) != 1 || v.Declarations[0].Basis != umkm.BasisSales || len(v.Moves) != 2 || v.Moves[0].From != "" {
			t.Errorf("view %+v", v)
		}
		// An officer registers for an owner without an account: the
		// owner's name is required.
		_, err = a.UMKM.Register(ctx, officer, umkm.Input{NIB: nextNIB(), Name: "Batik", KBLI: "C", Region: "3672", Capital: 1})
		apptest.WantCode(t, err, "owner_name", "required")
		ob, err := a.UMKM.Register(ctx, officer, umkm.Input{NIB: nextNIB(), Name: "Batik", KBLI: "C", Region: "3672", Capital: 1, OwnerName: "Ibu Rina"})
		if err != nil || ob.OwnerID != 0 {
			t.Fatalf("officer registration %+v %v", ob, err)
		}
		mine, err := a.UMKM.Mine(ctx, seeker)
		if err != nil || len(mine) != 1 || mine[0].ID != b.ID {
			t.Errorf("mine %v %v", mine, err)
		}
		_, err = a.UMKM.All(ctx, seeker, umkm.Filter{})
		apptest.WantIs(t, err, fail.Forbidden)
	})
}

func TestDeclareMovesUp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		ctx := context.Background()
		owner := user(t, a, "owner@umkm.test", auth.Pencari)
		other := user(t, a, "other@umkm.test", auth.Pencari)
		b := register(t, a, owner, "3603", 400_000_000, 1_800_000_000)
		if b.Class != umkm.Mikro {
			t.Fatalf("class %s", b.Class)
		}
		_, err := a.UMKM.Declare(ctx, other, b.ID, umkm.DeclarationInput{Year: 2026, AnnualSales: 3_000_000_000, Evidence: "laporan keuangan 2026"})
		apptest.WantIs(t, err, fail.NotFound)
		_, err = a.UMKM.Declare(ctx, owner, b.ID, umkm.DeclarationInput{Year: 2026, AnnualSales: 3_000_000_000})
		apptest.WantCode(t, err, "evidence", "required")
		_, err = a.UMKM.Declare(ctx, owner, b.ID, umkm.DeclarationInput{Year: 2027, AnnualSales: 3_000_000_000, Evidence: "SPT"})
		apptest.WantCode(t, err, "year", "umkm_year_range")

		clk.T = clk.T.Add(time.Hour)
		m, err := a.UMKM.Declare(ctx, owner, b.ID, umkm.DeclarationInput{Year: 2026, Capital: 400_000_000, AnnualSales: 3_000_000_000,
			Workers: 9, Evidence: "laporan keuangan 2026"})
		if err != nil {
			t.Fatal(err)
		}
		if m == nil || m.From != umkm.Mikro || m.To != umkm.Kecil || !m.Up || m.Year != 2026 || m.LedgerN < 0 {
			t.Fatalf("move %+v", m)
		}
		rec, err := ledger.Record(ctx, d, m.LedgerN)
		if err != nil {
			t.Fatal(err)
		}
		var f map[string]any
		if err := json.Unmarshal(rec, &f); err != nil {
			t.Fatal(err)
		}
		v, _ := a.UMKM.Get(ctx, owner, b.ID)
		if f["kind"] != ledger.UMKMClassMoved || f["from"] != "mikro" || f["to"] != "kecil" || f["year"] != float64(2026) ||
			f["business"] != umkm.Commitment(v.Salt, b.ID) || f["region"] != "3603" {
			t.Errorf("record %s", rec)
		}
		if v.Class != umkm.Kecil || len(v.Moves) != 2 || !v.Moves[1].Up || v.Declarations[0].Year != 2026 {
			t.Errorf("view %+v", v)
		}
		// An older year's declaration corrects history without moving the
		// class: the latest year decides.
		m, err = a.UMKM.Declare(ctx, owner, b.ID, umkm.DeclarationInput{Year: 2024, AnnualSales: 100_000_000, Evidence: "SPT 2024"})
		if err != nil || m != nil {
			t.Errorf("older year: %+v %v", m, err)
		}
		// A later year with less sales moves it down: recorded, not a move up.
		m, err = a.UMKM.Declare(ctx, owner, b.ID, umkm.DeclarationInput{Year: 2026, AnnualSales: 1_000_000_000, Evidence: "laporan keuangan 2026 (revisi)"})
		if err != nil || m == nil || m.Up || m.To != umkm.Mikro {
			t.Errorf("move down %+v %v", m, err)
		}
		fig, err := a.UMKM.Figures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(fig.MovesUp) != 1 || fig.MovesUp[0].Year != 2026 || !fig.MovesUp[0].Up.Withheld {
			t.Errorf("moves up %+v", fig.MovesUp)
		}
	})
}

func TestAllocateThroughAlloc(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		ctx := context.Background()
		officer := user(t, a, "dinas@umkm.test", auth.Koperasi)
		seeker := user(t, a, "x@umkm.test", auth.Pencari)
		_, err := a.UMKM.CreateProgram(ctx, seeker, umkm.ProgramInput{})
		apptest.WantIs(t, err, fail.Forbidden)
		for _, tt := range []struct {
			in          umkm.ProgramInput
			field, code string
		}{
			{umkm.ProgramInput{Kind: "hadiah", Title: "Sertifikasi halal", Organizer: "Dinas", ClosesOn: "2026-03-20"}, "kind", "choose_one"},
			{umkm.ProgramInput{Kind: "sertifikasi", Title: "Sertifikasi halal", Organizer: "Dinas", ClosesOn: "2026-02-20"}, "closes_on", "umkm_closes_past"},
			{umkm.ProgramInput{Kind: "sertifikasi", Title: "Sertifikasi halal", Organizer: "Dinas", ClosesOn: "2026-03-20", Seats: -1}, "seats", "umkm_seats_range"},
			{umkm.ProgramInput{Kind: "sertifikasi", Title: "Sertifikasi halal", Organizer: "Dinas", ClosesOn: "2026-03-20", YouthTag: "tua"}, "youth_tag", "choose_one"},
			{umkm.ProgramInput{Kind: "sertifikasi", Title: "Sertifikasi halal", Organizer: "Dinas", ClosesOn: "2026-03-20", Classes: []string{"raksasa"}}, "classes", "choose_one"},
		} {
			_, err := a.UMKM.CreateProgram(ctx, officer, tt.in)
			apptest.WantCode(t, err, tt.field, tt.code)
		}
		// A first program of the kind: the businesses it admits get
		// priority class 1 in the next one.
		first, err := a.UMKM.CreateProgram(ctx, officer, umkm.ProgramInput{Kind: "sertifikasi", Title: "Sertifikasi halal gelombang 1",
			Organizer: "Dinas Koperasi dan UKM Provinsi Banten", ClosesOn: "2026-03-05"})
		if err != nil {
			t.Fatal(err)
		}
		var owners []*auth.User
		var biz []umkm.Business
		for i := range 6 {
			u := user(t, a, fmt.Sprintf("o%d@umkm.test", i), auth.Pencari)
			owners = append(owners, u)
			biz = append(biz, register(t, a, u, "3604", 200_000_000, 500_000_000))
		}
		far := register(t, a, user(t, a, "far@umkm.test", auth.Pencari), "3671", 200_000_000, 500_000_000)
		if err := a.UMKM.Apply(ctx, owners[0], first.ID, biz[0].ID); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, a.UMKM.Apply(ctx, owners[0], first.ID, biz[0].ID), "program", "umkm_already_applied")
		apptest.WantCode(t, a.UMKM.Apply(ctx, owners[1], first.ID, biz[0].ID), "business_id", "umkm_business_unknown")
		_, err = a.UMKM.Allocate(ctx, officer, first.ID)
		apptest.WantCode(t, err, "program", "umkm_program_still_open")
		clk.T = time.Date(2026, 3, 6, 1, 0, 0, 0, time.UTC)
		if _, err := a.UMKM.Allocate(ctx, officer, first.ID); err != nil {
			t.Fatal(err)
		}
		_, err = a.UMKM.Allocate(ctx, officer, first.ID)
		apptest.WantIs(t, err, fail.Conflict)

		p, err := a.UMKM.CreateProgram(ctx, officer, umkm.ProgramInput{Kind: "sertifikasi", Title: "Sertifikasi halal gelombang 2",
			Organizer: "Dinas Koperasi dan UKM Provinsi Banten", Seats: 3, Regions: []string{"3604"}, Classes: []string{"mikro"}, ClosesOn: "2026-03-10"})
		if err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, a.UMKM.Apply(ctx, seeker, p.ID, far.ID), "business_id", "umkm_business_unknown")
		for i, b := range biz {
			if err := a.UMKM.Apply(ctx, owners[i], p.ID, b.ID); err != nil {
				t.Fatal(err)
			}
		}
		clk.T = time.Date(2026, 3, 11, 1, 0, 0, 0, time.UTC)
		apptest.WantCode(t, a.UMKM.Apply(ctx, owners[0], p.ID, biz[0].ID), "program", "umkm_program_closed")
		got, err := a.UMKM.Allocate(ctx, officer, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.AdmittedN != 3 || got.Seed == "" || got.AllocN < 0 {
			t.Fatalf("allocated %+v", got)
		}
		// The published rule, computed here from the revealed seed: class
		// (biz[0] was helped before, so 1), then the lottery, then the id.
		seed, _ := hex.DecodeString(got.Seed)
		if alloc.SeedHash(seed) != p.SeedHash {
			t.Fatal("revealed seed does not match the published hash")
		}
		order := slices.Clone(biz)
		key := func(b umkm.Business) alloc.Key {
			k := alloc.Key{Lottery: alloc.Lottery(seed, b.ID), ApplicantID: b.ID}
			if b.ID == biz[0].ID {
				k.Class = 1
			}
			return k
		}
		slices.SortFunc(order, func(x, y umkm.Business) int { return key(x).Compare(key(y)) })
		want := map[int64]bool{}
		for _, b := range order[:3] {
			want[b.ID] = true
		}
		if want[biz[0].ID] {
			t.Error("the business helped before was admitted ahead of five never helped")
		}
		for i, b := range biz {
			v, err := a.UMKM.Get(ctx, owners[i], b.ID)
			if err != nil {
				t.Fatal(err)
			}
			var res string
			for _, ap := range v.Applications {
				if ap.ProgramID == p.ID {
					res = ap.Result
				}
			}
			if (res == umkm.Admitted) != want[b.ID] {
				t.Errorf("business %d: %q, want admitted=%v", b.ID, res, want[b.ID])
			}
		}
		rec, err := ledger.Record(ctx, d, got.AllocN)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Kind     string `json:"kind"`
			Seed     string `json:"seed"`
			Admitted int    `json:"admitted"`
			Results  []struct {
				Applicant string `json:"applicant"`
				Admitted  bool   `json:"admitted"`
			} `json:"results"`
		}
		if err := json.Unmarshal(rec, &f); err != nil {
			t.Fatal(err)
		}
		if f.Kind != ledger.UMKMProgramAllocated || f.Seed != got.Seed || f.Admitted != 3 || len(f.Results) != 6 {
			t.Errorf("record %s", rec)
		}
		v, _ := a.UMKM.Get(ctx, owners[1], biz[1].ID)
		c := umkm.ApplicationCommitment(v.Salt, biz[1].ID, p.ID)
		i := slices.IndexFunc(f.Results, func(r struct {
			Applicant string `json:"applicant"`
			Admitted  bool   `json:"admitted"`
		}) bool {
			return r.Applicant == c
		})
		if i < 0 || f.Results[i].Admitted != want[biz[1].ID] {
			t.Errorf("the business's own commitment is not in the record as decided")
		}
		// Milestones: a certificate from the program it was admitted to.
		winner := order[0]
		wi := slices.IndexFunc(biz, func(b umkm.Business) bool { return b.ID == winner.ID })
		_, err = a.UMKM.AddMilestone(ctx, owners[wi], winner.ID, umkm.MilestoneInput{Kind: "kredit", Detail: "KUR BRI", Evidence: "akad kredit", On: "2026-03-10"})
		apptest.WantCode(t, err, "amount", "umkm_amount_needed")
		_, err = a.UMKM.AddMilestone(ctx, owners[wi], winner.ID, umkm.MilestoneInput{Kind: "sertifikat", Detail: "Halal", Evidence: "sertifikat", On: "2026-04-10"})
		apptest.WantCode(t, err, "on", "umkm_date_future")
		_, err = a.UMKM.AddMilestone(ctx, owners[wi], winner.ID, umkm.MilestoneInput{Kind: "sertifikat", Detail: "Halal", Evidence: "sertifikat", On: "0001-01-01"})
		apptest.WantCode(t, err, "on", "date_invalid")
		_, err = a.UMKM.AddMilestone(ctx, owners[wi], winner.ID, umkm.MilestoneInput{Kind: "sertifikat", Detail: "Halal", Evidence: "sertifikat", On: "2026-03-10", ProgramID: first.ID})
		apptest.WantCode(t, err, "program_id", "umkm_program_not_admitted")
		m, err := a.UMKM.AddMilestone(ctx, owners[wi], winner.ID, umkm.MilestoneInput{Kind: "sertifikat", Detail: "Sertifikat halal ID36110000123450124",
			Evidence: "sertifikat halal BPJPH", On: "2026-03-10", ProgramID: p.ID})
		if err != nil || m.ID == 0 {
			t.Fatalf("milestone %+v %v", m, err)
		}
		ap, err := a.UMKM.Applicants(ctx, officer, p.ID)
		if err != nil || len(ap) != 6 || ap[0].Lottery == "" {
			t.Errorf("applicants %+v %v", ap, err)
		}
	})
}

func TestYouthProgramEligibility(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		officer := user(t, a, "dinas@umkm.test", auth.Koperasi)
		p, err := a.UMKM.CreateProgram(ctx, officer, umkm.ProgramInput{Kind: "pemasaran", Title: "Gen Banten masuk e-katalog",
			Organizer: "Dinas Koperasi dan UKM", YouthTag: "gen-banten", ClosesOn: "2026-03-20"})
		if err != nil {
			t.Fatal(err)
		}
		young := user(t, a, "muda@umkm.test", auth.Pencari)
		yb := register(t, a, young, "3672", 100_000_000, 0) // born 1999: 27 in 2026
		if err := a.UMKM.Apply(ctx, young, p.ID, yb.ID); err != nil {
			t.Fatal(err)
		}
		old := user(t, a, "tua@umkm.test", auth.Pencari)
		ob, err := a.UMKM.Register(ctx, old, umkm.Input{NIB: nextNIB(), Name: "Warung", KBLI: "G", Region: "3672", Capital: 1_000_000, OwnerBirthYear: 1980})
		if err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, a.UMKM.Apply(ctx, old, p.ID, ob.ID), "business_id", "umkm_not_youth")
		list, err := a.UMKM.Programs(ctx, umkm.ProgramFilter{YouthTag: "gen-banten"})
		if err != nil || len(list) != 1 || list[0].Applicants != 1 {
			t.Errorf("tagged %+v %v", list, err)
		}
	})
}

func TestFiguresSmallCells(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		for i := range 7 {
			register(t, a, user(t, a, fmt.Sprintf("s%d@umkm.test", i), auth.Pencari), "3604", 100_000_000, 1_000_000_000)
		}
		for i := range 6 {
			register(t, a, user(t, a, fmt.Sprintf("c%d@umkm.test", i), auth.Pencari), "3672", 100_000_000, 1_000_000_000)
		}
		register(t, a, user(t, a, "k@umkm.test", auth.Pencari), "3672", 100_000_000, 3_000_000_000)
		f, err := a.UMKM.Figures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		row := func(code string) umkm.RegionRow {
			for _, r := range f.Regions {
				if r.Region.Code == code {
					return r
				}
			}
			t.Fatalf("no row %s", code)
			return umkm.RegionRow{}
		}
		serang, cilegon := row("3604"), row("3672")
		if serang.ByClass[0] != (umkm.Cell{N: 7}) {
			t.Errorf("Kab. Serang mikro %+v", serang.ByClass[0])
		}
		// One small business in Cilegon: withheld, and so is Cilegon's
		// micro count, which with the total would give it away.
		if !cilegon.ByClass[1].Withheld || !cilegon.ByClass[0].Withheld || cilegon.Total != (umkm.Cell{N: 7}) {
			t.Errorf("Cilegon %+v", cilegon)
		}
		if f.Total.ByClass[1].Withheld != true {
			t.Errorf("province kecil %+v", f.Total.ByClass[1])
		}
	})
}

// TestOwnerData: the owner's "my data" export lists their businesses, and
// deleting the account keeps the business in the registry without its
// owner's name or age (UU 27/2022).
func TestOwnerData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		owner := user(t, a, "hapus@umkm.test", auth.Pencari)
		b := register(t, a, owner, "3604", 10_000_000, 0)
		e, err := a.MyData.Export(ctx, owner)
		if err != nil {
			t.Fatal(err)
		}
		if sec, ok := e.Section("small_businesses"); !ok || len(sec.Rows) != 1 {
			t.Fatalf("export: %+v", sec)
		}
		if err := a.MyData.Delete(ctx, owner, apptest.OtherPassword); err != nil {
			t.Fatal(err)
		}
		var name string
		var ownerID, birth any
		if err := d.QueryRowContext(ctx, `SELECT owner_name, owner_id, owner_birth_year FROM umkm_businesses WHERE id = ?`, b.ID).Scan(&name, &ownerID, &birth); err != nil {
			t.Fatal(err)
		}
		if name != "" || ownerID != nil || birth != nil {
			t.Errorf("after deletion: %q %v %v", name, ownerID, birth)
		}
	})
}

// TestEmployerLink: a business links to the employer account with its NIB
// that its owner runs, at registration or, when the account came later, at
// the next declaration.
func TestEmployerLink(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		owner := user(t, a, "toko@umkm.test", auth.Pencari, auth.Perusahaan)
		b, err := a.UMKM.Register(ctx, owner, umkm.Input{NIB: "3673000000001", Name: "Toko Roti", KBLI: "10710", Region: "3673", Capital: 50_000_000})
		if err != nil || b.EmployerID != 0 {
			t.Fatalf("register: %+v %v", b, err)
		}
		e, err := a.Employers.Register(ctx, d, owner.ID, employer.Input{Name: "Toko Roti", NIB: "3673000000001", KBLISection: "C", SizeClass: "mikro",
			Region: "3673", Address: "Jl. Raya Serang No. 1", ContactName: "Pemilik", ContactPhone: "081234567890"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.UMKM.Declare(ctx, owner, b.ID, umkm.DeclarationInput{Year: 2026, Capital: 50_000_000, AnnualSales: 400_000_000, Evidence: "catatan kas"}); err != nil {
			t.Fatal(err)
		}
		v, err := a.UMKM.Get(ctx, owner, b.ID)
		if err != nil || v.EmployerID != e.ID {
			t.Errorf("linked employer %d, want %d (%v)", v.EmployerID, e.ID, err)
		}
		f, err := a.UMKM.Figures(ctx)
		if err != nil || f.Linked != (umkm.Cell{N: 1, Withheld: true}) {
			t.Errorf("linked in figures: %+v %v", f.Linked, err)
		}
	})
}
