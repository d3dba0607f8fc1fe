package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ref"
)

// TestProfileSearch: the search button answers the form with the typed
// fields kept and the matching skills as checkboxes; ticking one and
// saving adds it; the occupation search offers radio buttons. No <select
// multiple> is left on the form.
func TestProfileSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		seeker := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		u, _ := a.Auth.ByLogin(t.Context(), "pencari@bursa.test")
		sk, err := a.Seekers.ByUser(t.Context(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := seeker.get("/pencari/profil")
		if strings.Contains(body, "multiple") || strings.Contains(body, `id="occupation"`) {
			t.Fatal("the profile form still has the long lists")
		}
		form := url.Values{"full_name": {"Siti Nurhayati Baru"}, "domicile": {sk.DomicileRegion}, "education": {sk.Education},
			"occupation": {sk.Occupation}, "skills": sk.Skills, "expected_wage": {"5000000"}, "discoverable": {"1"},
			"skill_q": {"las"}, "cari": {"skills"}}
		st, body, _ := seeker.post("/pencari/profil", form)
		if st != 200 || !strings.Contains(body, `value="Siti Nurhayati Baru"`) {
			t.Fatalf("search answer (%d) lost the typed name", st)
		}
		hits := ref.FindSkills("las", 40)
		var pick ref.Skill
		for _, h := range hits {
			if !strings.Contains(strings.Join(sk.Skills, " "), h.Code) {
				pick = h
				break
			}
		}
		if pick.Code == "" || !strings.Contains(body, fmt.Sprintf(`name="skills" value="%s">`, pick.Code)) {
			t.Fatalf("the matching skill %q is not offered", pick.Code)
		}
		for _, c := range sk.Skills {
			if !strings.Contains(body, fmt.Sprintf(`name="skills" value="%s" checked>`, c)) {
				t.Errorf("chosen skill %s not kept", c)
			}
		}
		if got, _ := a.Seekers.ByUser(t.Context(), u.ID); got.FullName != sk.FullName {
			t.Fatal("searching saved the profile")
		}
		form.Del("cari")
		form["skills"] = append(form["skills"], pick.Code)
		if st, body, _ := seeker.post("/pencari/profil", form); st != http.StatusSeeOther {
			t.Fatalf("save: %d %s", st, body)
		}
		got, _ := a.Seekers.ByUser(t.Context(), u.ID)
		if !strings.Contains(strings.Join(got.Skills, " "), pick.Code) || got.FullName != "Siti Nurhayati Baru" {
			t.Fatalf("saved profile: %+v", got)
		}

		form.Set("cari", "occupation")
		form.Set("occupation_q", "pengemudi")
		_, body, _ = seeker.post("/pencari/profil", form)
		occ := ref.FindOccupations("pengemudi", 5)
		if len(occ) == 0 || !strings.Contains(body, fmt.Sprintf(`name="occupation" value="%s">`, occ[0].Code)) {
			t.Fatalf("occupation search offers no %v", occ)
		}
		form.Set("occupation_q", "zzzqqq")
		if _, body, _ := seeker.post("/pencari/profil", form); !strings.Contains(body, a.Catalog.T("id", "profile.search_none")) {
			t.Error("no 'nothing matches' for a query without hits")
		}
	})
}
