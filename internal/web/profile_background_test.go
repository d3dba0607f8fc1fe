package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestProfileBackgroundPage: the form shows the stored background; the
// address search offers the kecamatan and villages of the chosen regency
// only; an invalid job comes back with the error summary linking to the
// field and everything typed kept; removing a job and saving works; the CV
// shows the background without the street.
func TestProfileBackgroundPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		b := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		b.login("pencari@bursa.test")
		u, _ := a.Auth.ByLogin(t.Context(), "pencari@bursa.test")
		sk, err := a.Seekers.ByUser(t.Context(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := b.get("/pencari/profil")
		for _, want := range []string{`name="area" value="` + sk.Address.Village + `" checked`, `value="Jl. Raya Cikande No. 12, RT 003/RW 002"`,
			`value="PT Sepatu Nusantara Cikande"`, `name="sim.C" value="1" checked`, `<option value="lancar" selected>`,
			`id="experiences.2.employer"`} {
			if !strings.Contains(body, want) {
				t.Errorf("profile form lacks %s", want)
			}
		}
		form := url.Values{"full_name": {sk.FullName}, "domicile": {"3604"}, "education": {sk.Education}, "skills": sk.Skills,
			"expected_wage": {"5000000"}, "discoverable": {"1"}, "area": {sk.Address.Village}, "street": {"Gg. Haji 4"},
			"exp_n":                  {"2"},
			"experiences.0.employer": {"PT Sepatu Nusantara Cikande"}, "experiences.0.title": {"Operator jahit sepatu"},
			"experiences.0.from": {"2023-01"}, "experiences.0.to": {"2022-05"},
			"experiences.1.employer": {"Konveksi"}, "experiences.1.title": {"Penjahit"}, "experiences.1.from": {"2020-01"},
			"experiences.1.to": {"2021-01"},
			"sim.A":            {"1"}, "licences.A": {"2020-01-01"}, "languages.id": {"lancar"}, "languages.ko": {"dasar"},
			"area_q": {"kibin"}, "cari": {"area"}}
		_, body, _ = b.post("/pencari/profil", form)
		if !strings.Contains(body, `name="area" value="360416"`) || !strings.Contains(body, `name="area" value="3604162001"`) {
			t.Error("the address search does not offer Kec. Kibin and its villages")
		}
		if !strings.Contains(body, `value="Gg. Haji 4"`) || !strings.Contains(body, `value="2022-05"`) {
			t.Error("the search answer lost what was typed")
		}
		form.Set("domicile", "3603")
		if _, body, _ = b.post("/pencari/profil", form); strings.Contains(body, `value="360416"`) || !strings.Contains(body, a.Catalog.T("id", "profile.search_none")) {
			t.Error("Kec. Kibin offered in Kab. Tangerang")
		}
		form.Set("domicile", "3604")
		form.Del("cari")
		st, body, _ := b.post("/pencari/profil", form)
		if st != http.StatusUnprocessableEntity {
			t.Fatalf("invalid save: %d", st)
		}
		for _, want := range []string{`href="#experiences.0.to"`, a.Catalog.T("id", "err.profile_month_order"),
			`href="#licences.A"`, a.Catalog.T("id", "err.profile_licence_expired"), `value="Konveksi"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the refused form lacks %s", want)
			}
		}
		// Fix them, remove the second job, and add one in the empty box.
		form.Set("experiences.0.to", "2024-05")
		form.Set("licences.A", "")
		form.Set("experiences.1.remove", "1")
		form.Set("experiences.2.employer", "Warung Makan Bu Ida")
		form.Set("experiences.2.title", "Kasir")
		form.Set("experiences.2.from", "2024-08")
		form.Set("experiences.2.current", "1")
		if st, body, _ := b.post("/pencari/profil", form); st != http.StatusSeeOther {
			t.Fatalf("save: %d %s", st, body)
		}
		got, _ := a.Seekers.ByUser(t.Context(), u.ID)
		if len(got.Experiences) != 2 || got.Experiences[0].Employer != "Warung Makan Bu Ida" || !got.Experiences[0].Current ||
			len(got.Licences) != 1 || got.Licences[0].Class != "A" || len(got.Languages) != 2 {
			t.Fatalf("saved: %+v", got.Background)
		}
		// A job with only "current" ticked is not the empty box: it is
		// refused for what it lacks, not dropped unsaid.
		form.Set("exp_n", "3")
		form.Set("experiences.3.current", "1")
		if st, _, _ := b.post("/pencari/profil", form); st != http.StatusUnprocessableEntity {
			t.Errorf("a job with only current ticked: %d", st)
		}
		form.Del("experiences.3.current")
		_, cv, _ := b.get("/pencari/cv")
		for _, want := range []string{"Warung Makan Bu Ida", "Kasir", "SIM A", "Bahasa Korea: Dasar", "Kec. Cikande"} {
			if !strings.Contains(cv, want) {
				t.Errorf("the CV lacks %q", want)
			}
		}
		if strings.Contains(cv, "Gg. Haji") {
			t.Error("the CV shows the street")
		}
	})
}

// TestApplicantSeesBackground: the company sees an applicant's work
// history, SIM and languages; the kecamatan only once the seeker shares a
// contact for the application; never the street or the village.
func TestApplicantSeesBackground(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		ctx := context.Background()
		u, _ := a.Auth.ByLogin(ctx, "pencari@bursa.test")
		sk, _ := a.Seekers.ByUser(ctx, u.ID)
		var appID, vacID int64
		if err := d.QueryRowContext(ctx, `SELECT a.id, a.vacancy_id FROM applications a WHERE a.seeker_id = ? AND a.status = 'wawancara'
			ORDER BY a.id LIMIT 1`, sk.ID).Scan(&appID, &vacID); err != nil {
			t.Fatal(err)
		}
		emp := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		emp.login("perusahaan@bursa.test")
		page := func() string {
			st, body, _ := emp.get(fmt.Sprintf("/perusahaan/lowongan/%d", vacID))
			if st != 200 {
				t.Fatalf("applicants: %d", st)
			}
			i := strings.Index(body, fmt.Sprintf(`id="lamaran-%d"`, appID))
			if i < 0 {
				t.Fatal("the application is not on the page")
			}
			return body[i:min(len(body), i+4000)]
		}
		card := page()
		for _, want := range []string{"PT Sepatu Nusantara Cikande", "SIM C", "Bahasa Jawa (Lancar)"} {
			if !strings.Contains(card, want) {
				t.Errorf("the applicant card lacks %q", want)
			}
		}
		if strings.Contains(card, "Kec. Cikande") || strings.Contains(card, "Jl. Raya Cikande") {
			t.Error("address shown without a shared contact")
		}
		su := auth.User(u)
		if err := a.Vacancies.ShareContacts(ctx, &su, appID, true, false); err != nil {
			t.Fatal(err)
		}
		card = page()
		if !strings.Contains(card, "Kec. Cikande") {
			t.Error("the kecamatan is not shown once a contact is shared")
		}
		if strings.Contains(card, "Jl. Raya Cikande") || strings.Contains(card, sk.Address.Village) {
			t.Error("the street or village is shown to the company")
		}
		// An officer sees the street, on the audited page.
		off := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		off.login("petugas@bursa.test")
		if _, body, _ := off.get(fmt.Sprintf("/petugas/pencari/%d", sk.ID)); !strings.Contains(body, "Jl. Raya Cikande No. 12") {
			t.Error("the officer's page lacks the street")
		}
	})
}
