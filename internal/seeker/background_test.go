package seeker_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// cikupa is Kec. Cikupa of Kab. Tangerang (3603) and one of its villages.
func cikupa(t *testing.T) (ref.District, ref.Village) {
	t.Helper()
	for _, d := range ref.Districts("3603") {
		if d.Name == "Cikupa" {
			return d, ref.Villages(d.Code)[0]
		}
	}
	t.Fatal("no Kec. Cikupa")
	return ref.District{}, ref.Village{}
}

// TestBackgroundValidation: each rule of the address, work history,
// licences and languages, with the field it lands on (the clock is
// 2026-03-02).
func TestBackgroundValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212349999", Name: "Dede", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		dist, vil := cikupa(t)
		serang := ref.Districts("3604")[0]
		job := func(from, to string, current bool) seeker.Experience {
			return seeker.Experience{Employer: "PT Maju", Title: "Operator", From: from, To: to, Current: current}
		}
		many := make([]seeker.Experience, seeker.MaxExperiences+1)
		for i := range many {
			many[i] = job("2020-01", "2020-02", false)
		}
		cases := []struct {
			name        string
			bg          seeker.Background
			field, code string
		}{
			{"kecamatan of another regency", seeker.Background{Address: seeker.Address{District: serang.Code}}, "address.kecamatan", "district_invalid"},
			{"unknown kecamatan", seeker.Background{Address: seeker.Address{District: "360399"}}, "address.kecamatan", "district_invalid"},
			{"village of another kecamatan", seeker.Background{Address: seeker.Address{District: dist.Code, Village: ref.Villages(serang.Code)[0].Code}}, "address.village", "profile_village_invalid"},
			{"street without kecamatan", seeker.Background{Address: seeker.Address{Street: "Jl. Mawar 3"}}, "address.kecamatan", "required"},
			{"street too long", seeker.Background{Address: seeker.Address{District: dist.Code, Street: string(make([]byte, 201))}}, "address.street", "too_long"},
			{"no employer", seeker.Background{Experiences: []seeker.Experience{{Title: "x", From: "2020-01", Current: true}}}, "experiences.0.employer", "required"},
			{"no title", seeker.Background{Experiences: []seeker.Experience{{Employer: "x", From: "2020-01", Current: true}}}, "experiences.0.title", "required"},
			{"bad month", seeker.Background{Experiences: []seeker.Experience{job("2020-13", "", true)}}, "experiences.0.from", "profile_month_invalid"},
			{"future start", seeker.Background{Experiences: []seeker.Experience{job("2026-04", "", true)}}, "experiences.0.from", "profile_month_future"},
			{"future end", seeker.Background{Experiences: []seeker.Experience{job("2025-01", "2026-05", false)}}, "experiences.0.to", "profile_month_future"},
			{"end before start", seeker.Background{Experiences: []seeker.Experience{job("2025-01", "2024-12", false)}}, "experiences.0.to", "profile_month_order"},
			{"ended job without end", seeker.Background{Experiences: []seeker.Experience{job("2025-01", "", false)}}, "experiences.0.to", "required"},
			{"second entry numbered", seeker.Background{Experiences: []seeker.Experience{job("2025-01", "", true), job("", "", true)}}, "experiences.1.from", "required"},
			{"unknown KBJI", seeker.Background{Experiences: []seeker.Experience{{Employer: "x", Title: "y", Occupation: "99", From: "2020-01", Current: true}}}, "experiences.0.occupation", "kbji_invalid"},
			{"more than 20 jobs", seeker.Background{Experiences: many}, "experiences", "too_many"},
			{"unknown SIM class", seeker.Background{Licences: []seeker.Licence{{Class: "B3"}}}, "licences", "choice_invalid"},
			{"SIM twice", seeker.Background{Licences: []seeker.Licence{{Class: "A"}, {Class: "A"}}}, "licences.A", "profile_duplicate"},
			{"SIM expiry not a date", seeker.Background{Licences: []seeker.Licence{{Class: "C", ExpiresOn: "2027-02-30"}}}, "licences.C", "date_invalid"},
			{"SIM expired", seeker.Background{Licences: []seeker.Licence{{Class: "C", ExpiresOn: "2026-03-01"}}}, "licences.C", "profile_licence_expired"},
			{"unknown language", seeker.Background{Languages: []seeker.Language{{Code: "fr", Level: "dasar"}}}, "languages", "choice_invalid"},
			{"bad level", seeker.Background{Languages: []seeker.Language{{Code: "en", Level: "fasih"}}}, "languages.en", "profile_level_invalid"},
			{"language twice", seeker.Background{Languages: []seeker.Language{{Code: "en", Level: "dasar"}, {Code: "en", Level: "lancar"}}}, "languages.en", "profile_duplicate"},
		}
		for _, c := range cases {
			in := seeker.Input{NIK: "3603011505990007", Profile: seeker.Profile{FullName: "Dede", DomicileRegion: "3603", Education: "sma", Background: c.bg}}
			err := a.Seekers.Save(ctx, &u, in)
			if !hasCode(err, c.field, c.code) {
				t.Errorf("%s: %v, want %s on %s", c.name, err, c.code, c.field)
			}
		}
		// Nothing invalid was stored; a valid background at the edges is.
		if _, ok, _ := a.Seekers.ProfileOf(ctx, &u); ok {
			t.Fatal("an invalid registration was stored")
		}
		ok := seeker.Background{Address: seeker.Address{District: dist.Code, Village: vil.Code, Street: "  Jl. Mawar   3, RT 01/RW 02 "},
			Experiences: []seeker.Experience{job("2026-03", "2026-03", false), job("2019-05", "", true)},
			Licences:    []seeker.Licence{{Class: "C", ExpiresOn: "2026-03-02"}, {Class: "A"}},
			Languages:   []seeker.Language{{Code: "su", Level: "lancar"}, {Code: "id", Level: "lancar"}}}
		in := seeker.Input{NIK: "3603011505990007", Profile: seeker.Profile{FullName: "Dede", DomicileRegion: "3603", Education: "sma", Background: ok}}
		if err := a.Seekers.Save(ctx, &u, in); err != nil {
			t.Fatal(err)
		}
		sk, _, err := a.Seekers.ProfileOf(ctx, &u)
		if err != nil {
			t.Fatal(err)
		}
		b := sk.Background
		if b.Address != (seeker.Address{District: dist.Code, Village: vil.Code, Street: "Jl. Mawar 3, RT 01/RW 02"}) {
			t.Errorf("address %+v", b.Address)
		}
		// Newest first: the current job, then the one that ended latest.
		if len(b.Experiences) != 2 || !b.Experiences[0].Current || b.Experiences[0].To != "" || b.Experiences[1].From != "2026-03" {
			t.Errorf("experiences %+v", b.Experiences)
		}
		if fmt.Sprint(b.Licences) != "[{A } {C 2026-03-02}]" || fmt.Sprint(b.Languages) != "[{id lancar} {su lancar}]" {
			t.Errorf("licences %v languages %v", b.Licences, b.Languages)
		}
		// Changing the regency leaves the kecamatan behind: refused.
		in.DomicileRegion = "3671"
		if err := a.Seekers.Save(ctx, &u, in); !hasCode(err, "address.kecamatan", "district_invalid") {
			t.Errorf("kecamatan kept across regencies: %v", err)
		}
		// Saving an empty background clears it.
		in.DomicileRegion, in.Background = "3603", seeker.Background{}
		if err := a.Seekers.Save(ctx, &u, in); err != nil {
			t.Fatal(err)
		}
		sk, _, _ = a.Seekers.ProfileOf(ctx, &u)
		if sk.Address != (seeker.Address{}) || sk.Experiences != nil || sk.Licences != nil || sk.Languages != nil {
			t.Errorf("cleared background: %+v", sk.Background)
		}
	})
}

// TestStreetSealed: the street is not in the database in clear, Get (what
// other stores read) leaves it out, and the officer's reading is audited.
func TestStreetSealed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212348888", Name: "Euis", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		dist, _ := cikupa(t)
		in := seeker.Input{NIK: "3603015505990008", Profile: seeker.Profile{FullName: "Euis", DomicileRegion: "3603", Education: "sma",
			Background: seeker.Background{Address: seeker.Address{District: dist.Code, Street: "Gang Melati 7"}}}}
		if err := a.Seekers.Save(ctx, &u, in); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM seeker_addresses WHERE district = ?`, dist.Code).Scan(&n); err != nil || n != 1 {
			t.Fatalf("address rows %d %v", n, err)
		}
		var enc []byte
		d.QueryRowContext(ctx, `SELECT street_enc FROM seeker_addresses`).Scan(&enc)
		if len(enc) == 0 || string(enc) == "Gang Melati 7" {
			t.Fatalf("street stored as %q", enc)
		}
		own, err := a.Seekers.Own(ctx, &u)
		if err != nil || own.Address.Street != "Gang Melati 7" {
			t.Fatalf("own street %q %v", own.Address.Street, err)
		}
		got, _ := a.Seekers.Get(ctx, own.ID)
		if got.Address.Street != "" || got.Address.District != dist.Code {
			t.Errorf("Get gives the street: %+v", got.Address)
		}
		officer, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "petugas2@disnaker.test", Name: "Petugas", Password: "rahasia-123", Roles: []auth.Role{auth.Petugas}})
		v, err := a.Seekers.ForOfficer(ctx, &officer, own.ID)
		if err != nil || v.Address.Street != "Gang Melati 7" || len(v.Audit) == 0 {
			t.Fatalf("officer view %+v %v", v.Address, err)
		}
		if _, err := a.Seekers.ForOfficer(ctx, &u, own.ID); err == nil {
			t.Error("a seeker opened the officer view")
		}
	})
}

// TestRegistrationAllOrNothing: a first registration whose background
// cannot be written (here the languages' table is gone) leaves no seeker
// behind: the row, skills, background and card are one transaction.
func TestRegistrationAllOrNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212348888", Name: "Dede", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		if _, err := d.ExecContext(ctx, `DROP TABLE seeker_languages`); err != nil {
			t.Fatal(err)
		}
		in := seeker.Input{NIK: "3603011505990007", Profile: seeker.Profile{FullName: "Dede", DomicileRegion: "3603", Education: "sma",
			Background: seeker.Background{Languages: []seeker.Language{{Code: "id", Level: "lancar"}}}}}
		err := a.Seekers.Save(ctx, &u, in)
		if _, invalid := valid.As(err); err == nil || invalid {
			t.Fatalf("saved without its languages' table, or refused as invalid: %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM seekers) + (SELECT count(*) FROM ak1_cards)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("%d rows of a failed registration left behind", n)
		}
	})
}
