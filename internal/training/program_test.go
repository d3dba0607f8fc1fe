package training_test

import (
	"github.com/bursa-banten/bursa/internal/apptest"
	"reflect"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/training"
)

func TestProviders(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := e.ctx
		steel := e.verifiedEmployer("PT Baja Mandiri Cilegon", "3672")
		// An employer still waiting for verification cannot run a training centre.
		owner := e.user("HRD Menunggu", auth.Perusahaan)
		pending, err := e.employers.Register(ctx, d, owner, employerInput("PT Belum Verifikasi", "9120000000999"))
		if err != nil {
			t.Fatal(err)
		}
		good := training.ProviderInput{Kind: training.BLK, Name: "  UPTD  BLK Serang ", Region: "3604",
			Address: "Jl. Raya Pandeglang Km 3, Serang"}
		tests := []struct {
			name  string
			edit  func(*training.ProviderInput)
			field string
			code  string
		}{
			{"kind", func(in *training.ProviderInput) { in.Kind = "kursus" }, "kind", "choose_one"},
			{"name", func(in *training.ProviderInput) { in.Name = "  " }, "name", "required"},
			{"name long", func(in *training.ProviderInput) { in.Name = strings.Repeat("x", 161) }, "name", "too_long"},
			{"region", func(in *training.ProviderInput) { in.Region = "3201" }, "region", "region_invalid"},
			{"address", func(in *training.ProviderInput) { in.Address = "Serang" }, "address", "address_short"},
			{"industri without employer", func(in *training.ProviderInput) { in.Kind = training.Industri }, "employer", "provider_employer_required"},
			{"industri unverified", func(in *training.ProviderInput) { in.Kind, in.EmployerID = training.Industri, pending.ID }, "employer", "partner_not_verified"},
			{"blk with employer", func(in *training.ProviderInput) { in.EmployerID = steel }, "employer", "provider_employer_industri"},
		}
		for _, tt := range tests {
			in := good
			tt.edit(&in)
			_, err := e.s.CreateProvider(ctx, e.officer, in)
			if !apptest.HasCode(err, tt.field, tt.code) {
				t.Errorf("%s: want %s/%s, got %v", tt.name, tt.field, tt.code, err)
			}
		}
		if n := e.count("providers"); n != 0 {
			t.Fatalf("%d providers stored from bad input", n)
		}
		blk, err := e.s.CreateProvider(ctx, e.officer, good)
		if err != nil || blk.Name != "UPTD BLK Serang" {
			t.Fatalf("create: %+v %v", blk, err)
		}
		ind, err := e.s.CreateProvider(ctx, e.officer, training.ProviderInput{Kind: training.Industri,
			Name: "Pusat Pelatihan Baja Mandiri", Region: "3672", Address: "Jl. Industri No. 5, Cilegon", EmployerID: steel})
		if err != nil || ind.EmployerID != steel {
			t.Fatalf("industri: %+v %v", ind, err)
		}

		// Staff must hold the lembaga role; adding twice is harmless.
		seekerUser := e.user("Bukan Lembaga", auth.Pencari)
		apptest.WantCode(t, e.s.AddStaff(ctx, e.officer, blk.ID, seekerUser), "user", "staff_not_lembaga")
		staff := e.user("Ratna Lestari", auth.Lembaga)
		for range 2 {
			if err := e.s.AddStaff(ctx, e.officer, blk.ID, staff); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.s.AddStaff(ctx, e.officer, ind.ID, staff); err != nil {
			t.Fatal(err)
		}
		apptest.WantIs(t, e.s.AddStaff(ctx, e.officer, 9999, staff), db.ErrNotFound)
		ps, err := e.s.ProvidersForUser(ctx, staff)
		if err != nil || len(ps) != 2 || ps[0].ID != ind.ID || ps[1].ID != blk.ID {
			t.Fatalf("providers of staff: %+v %v", ps, err)
		}
		if ok, _ := e.s.IsStaff(ctx, blk.ID, staff); !ok {
			t.Fatal("staff not staff")
		}
		if ok, _ := e.s.IsStaff(ctx, blk.ID, seekerUser); ok {
			t.Fatal("stranger is staff")
		}
		got, err := e.s.Provider(ctx, blk.ID)
		if err != nil || got.Kind != training.BLK || got.Region != "3604" {
			t.Fatalf("provider: %+v %v", got, err)
		}
		_, err = e.s.Provider(ctx, 9999)
		apptest.WantIs(t, err, db.ErrNotFound)
		trail, _ := audit.For(ctx, d, "provider", blk.ID, 10)
		if len(trail) != 2 || trail[0].Action != "training.staff.add" || trail[1].Action != "training.provider.create" {
			t.Fatalf("audit %+v", trail)
		}
	})
}

func TestProgramValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := e.ctx
		partner := e.verifiedEmployer("PT Sepatu Jaya", "3604")
		owner := e.user("HRD X", auth.Perusahaan)
		pending, err := e.employers.Register(ctx, d, owner, employerInput("PT Menunggu", "9120000000998"))
		if err != nil {
			t.Fatal(err)
		}
		blk, staff := e.provider(training.BLK, "BLK Serang", "3604", 0)
		good := program("Juru Las SMAW", "3604", 16, training.DTKS, training.Domisili)
		good.Tags = []string{"Kreasi"}
		tests := []struct {
			name  string
			edit  func(*training.ProgramInput)
			field string
			code  string
		}{
			{"title", func(in *training.ProgramInput) { in.Title = "L" }, "title", "program_title_short"},
			{"title long", func(in *training.ProgramInput) { in.Title = strings.Repeat("a", 121) }, "title", "too_long"},
			{"description", func(in *training.ProgramInput) { in.Description = "Singkat." }, "description", "program_description_short"},
			{"no skills", func(in *training.ProgramInput) { in.Skills = nil }, "skills", "skills_required"},
			{"unknown skill", func(in *training.ProgramInput) { in.Skills = []string{"las-smaw", "terbang"} }, "skills", "skill_unknown"},
			{"occupation", func(in *training.ProgramInput) { in.Occupations = []string{"721"} }, "occupations", "kbji_invalid"},
			{"hours", func(in *training.ProgramInput) { in.Hours = 0 }, "hours", "hours_invalid"},
			{"region", func(in *training.ProgramInput) { in.Region = "" }, "region", "region_invalid"},
			{"seats zero", func(in *training.ProgramInput) { in.Seats = 0 }, "seats", "seats_invalid"},
			{"seats many", func(in *training.ProgramInput) { in.Seats = 1001 }, "seats", "seats_invalid"},
			{"fee", func(in *training.ProgramInput) { in.Fee = -1 }, "fee", "wage_invalid"},
			{"waiver", func(in *training.ProgramInput) { in.Fee, in.FeeWaivedFor = 1500000, "miskin" }, "fee_waived_for", "choose_one"},
			{"age order", func(in *training.ProgramInput) { in.AgeMin, in.AgeMax = 30, 20 }, "age", "age_range_invalid"},
			{"age low", func(in *training.ProgramInput) { in.AgeMin = 10 }, "age", "age_range_invalid"},
			{"education", func(in *training.ProgramInput) { in.EducationMin = "sma-plus" }, "education_min", "choose_one"},
			{"regions", func(in *training.ProgramInput) { in.Regions = []string{"3604", "3275"} }, "regions", "region_invalid"},
			{"criterion", func(in *training.ProgramInput) { in.Priority = []string{"dtks", "kaya"} }, "priority", "priority_invalid"},
			{"criterion twice", func(in *training.ProgramInput) { in.Priority = []string{"dtks", "muda", "DTKS"} }, "priority", "priority_duplicate"},
			{"tag", func(in *training.ProgramInput) { in.Tags = []string{"gen banten"} }, "tags", "tag_invalid"},
			{"youth tag without muda", func(in *training.ProgramInput) { in.Tags = []string{"muda-berdaya"} }, "priority", "priority_needs_muda"},
			{"places without partner", func(in *training.ProgramInput) { in.PartnerHires = 5 }, "partner", "partner_required"},
			{"negative places", func(in *training.ProgramInput) { in.PartnerID, in.PartnerInterviews = partner, -1 }, "partner_interviews", "places_invalid"},
			{"unverified partner", func(in *training.ProgramInput) { in.PartnerID = pending.ID }, "partner", "partner_not_verified"},
			{"unknown partner", func(in *training.ProgramInput) { in.PartnerID = 9999 }, "partner", "partner_not_verified"},
		}
		for _, tt := range tests {
			in := good
			tt.edit(&in)
			_, err := e.s.CreateProgram(ctx, staff, blk.ID, in)
			if !apptest.HasCode(err, tt.field, tt.code) {
				t.Errorf("%s: want %s/%s, got %v", tt.name, tt.field, tt.code, err)
			}
		}
		if n := e.count("programs"); n != 0 {
			t.Fatalf("%d programs stored from bad input", n)
		}
		// Someone who is not the provider's staff cannot add its programs.
		other := e.user("Staf Lain", auth.Lembaga)
		_, err = e.s.CreateProgram(ctx, other, blk.ID, good)
		apptest.WantIs(t, err, training.ErrNotStaff)

		in := good
		in.Skills = []string{"las-smaw", "baca-gambar-teknik", "las-smaw"}
		in.Occupations = []string{"7212"}
		in.Regions = []string{"3673", "3604"}
		in.Priority = []string{" Muda ", "dtks"}
		in.Tags = []string{"Muda-Berdaya", "kreasi"}
		in.Fee, in.FeeWaivedFor = 1_500_000, training.DTKS
		in.CertificateScheme = "Juru Las 3G SMAW"
		in.AgeMin, in.AgeMax, in.EducationMin = 18, 35, "smp"
		in.PartnerID, in.PartnerInterviews, in.PartnerHires = partner, 10, 4
		p, err := e.s.CreateProgram(ctx, staff, blk.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.Skills, []string{"baca-gambar-teknik", "las-smaw"}) ||
			!reflect.DeepEqual(p.Regions, []string{"3604", "3673"}) ||
			!reflect.DeepEqual(p.Priority, []string{"muda", "dtks"}) ||
			!reflect.DeepEqual(p.Tags, []string{"kreasi", "muda-berdaya"}) ||
			!reflect.DeepEqual(p.Occupations, []string{"7212"}) ||
			p.ProviderName != "BLK Serang" || p.PartnerID != partner || p.PartnerHires != 4 || !p.IsYouth() {
			t.Fatalf("stored %+v", p)
		}
		// Fee and its waiver for the priority group.
		day := date("2026-04-01")
		poor := training.Applicant{BirthDate: date("2000-01-01"), DTKS: true}
		if p.FeeFor(poor, day) != 0 || p.FeeFor(training.Applicant{BirthDate: date("2000-01-01")}, day) != 1_500_000 {
			t.Fatal("fee waiver")
		}
		// A free program waives nothing.
		free := good
		free.FeeWaivedFor = training.DTKS
		fp, err := e.s.CreateProgram(ctx, staff, blk.ID, free)
		if err != nil || fp.FeeWaivedFor != "" || len(fp.Priority) != 2 {
			t.Fatalf("free program %+v %v", fp, err)
		}
		list, err := e.s.ProgramsByProvider(ctx, blk.ID)
		if err != nil || len(list) != 2 || list[0].ID != p.ID || len(list[0].Skills) != 2 || len(list[1].Skills) != 1 {
			t.Fatalf("by provider %+v %v", list, err)
		}
		// Update outside any round may change anything.
		in.Seats, in.Priority, in.Title = 20, []string{"muda"}, "Juru Las SMAW 3G"
		p, err = e.s.UpdateProgram(ctx, staff, p.ID, in)
		if err != nil || p.Seats != 20 || p.Title != "Juru Las SMAW 3G" || len(p.Priority) != 1 {
			t.Fatalf("update %+v %v", p, err)
		}
		_, err = e.s.UpdateProgram(ctx, other, p.ID, in)
		apptest.WantIs(t, err, training.ErrNotStaff)
		_, err = e.s.Program(ctx, 9999)
		apptest.WantIs(t, err, db.ErrNotFound)
	})
}

// TestCriteria checks the priority criteria and eligibility rules on plain
// values, including the edges of the youth and unemployment bounds.
func TestCriteria(t *testing.T) {
	day := date("2026-03-16")
	p := training.Program{Region: "3604", Priority: []string{training.DTKS, training.Menganggur, training.Muda, training.Domisili},
		AgeMin: 18, AgeMax: 35, EducationMin: "sma", Regions: []string{"3604", "3673"}}
	tests := []struct {
		name       string
		a          training.Applicant
		class      int
		ineligible string
	}{
		{"dtks first", training.Applicant{BirthDate: date("1995-01-01"), Education: "smk", Domicile: "3604", DTKS: true}, 0, ""},
		{"unemployed 12 months", training.Applicant{BirthDate: date("1995-01-01"), Education: "sma", Domicile: "3673",
			UnemployedSince: date("2025-03-16")}, 1, ""},
		{"unemployed 11 months", training.Applicant{BirthDate: date("1994-01-01"), Education: "d3", Domicile: "3604",
			UnemployedSince: date("2025-03-17")}, 3, ""},
		{"30, 31 tomorrow", training.Applicant{BirthDate: date("1995-03-17"), Education: "sma", Domicile: "3673"}, 2, ""},
		{"31 today", training.Applicant{BirthDate: date("1995-03-16"), Education: "sma", Domicile: "3673"}, 4, ""},
		{"too young", training.Applicant{BirthDate: date("2008-03-17"), Education: "sma", Domicile: "3604"}, 3, "not_eligible_age"},
		{"18 today", training.Applicant{BirthDate: date("2008-03-16"), Education: "sma", Domicile: "3604"}, 2, ""},
		{"too old", training.Applicant{BirthDate: date("1990-03-15"), Education: "sma", Domicile: "3604"}, 3, "not_eligible_age"},
		{"education", training.Applicant{BirthDate: date("2000-01-01"), Education: "smp", Domicile: "3604"}, 2, "not_eligible_education"},
		{"region", training.Applicant{BirthDate: date("2000-01-01"), Education: "s1", Domicile: "3672"}, 2, "not_eligible_region"},
	}
	for _, tt := range tests {
		if got := p.Class(tt.a, day); got != tt.class {
			t.Errorf("%s: class %d, want %d", tt.name, got, tt.class)
		}
		if got := p.Ineligible(tt.a, day); got != tt.ineligible {
			t.Errorf("%s: ineligible %q, want %q", tt.name, got, tt.ineligible)
		}
	}
	if (training.Program{}).Class(training.Applicant{DTKS: true}, day) != 0 {
		t.Error("no criteria: class must be 0 for everyone")
	}
}
