package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestProfileBackgroundAPI: GET shows the address (with the street, to its
// owner), work history, licences and languages; a PUT that leaves them out
// keeps them; a PUT with them replaces them; an invalid one is a 422 naming
// the entry's field; the area search answers kecamatan and villages.
func TestProfileBackgroundAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		c := demoClient(t, a.URL, "pencari@bursa.test")
		var p api.ProfileJSON
		if st, _ := c.do("GET", "/api/v1/me/profile", nil, &p); st != 200 {
			t.Fatalf("get: %d", st)
		}
		if p.Address.Kecamatan == "" || p.Address.Street == "" || len(p.Experiences) != 2 || len(p.Licences) != 1 || len(p.Languages) != 3 {
			t.Fatalf("demo seeker's background: %+v", p)
		}
		// An old client's PUT, without the new members, keeps them.
		old := map[string]any{"full_name": p.FullName, "domicile": p.Domicile, "education": p.Education, "skills": p.Skills,
			"occupation": p.Occupation, "expected_wage": p.ExpectedWage, "discoverable": p.Discoverable}
		var got api.ProfileJSON
		if st, _ := c.do("PUT", "/api/v1/me/profile", old, &got); st != 200 {
			t.Fatalf("old put: %d", st)
		}
		if got.Address != p.Address || len(got.Experiences) != 2 || len(got.Licences) != 1 || len(got.Languages) != 3 {
			t.Fatalf("an old client's PUT changed the background: %+v", got)
		}
		// Replace them.
		in := map[string]any{}
		for k, v := range old {
			in[k] = v
		}
		in["address"] = map[string]string{"kecamatan": p.Address.Kecamatan, "village": "", "street": ""}
		in["experiences"] = []map[string]any{{"employer": "PT Baru", "title": "Operator", "from": "2025-06", "current": true}}
		in["licences"] = []map[string]string{{"class": "A", "expires_on": "2028-01-31"}, {"class": "B1U"}}
		in["languages"] = []map[string]string{}
		if st, _ := c.do("PUT", "/api/v1/me/profile", in, &got); st != 200 {
			t.Fatalf("put: %d", st)
		}
		if got.Address.Street != "" || got.Address.Village != "" || len(got.Experiences) != 1 || got.Experiences[0].To != "" ||
			len(got.Licences) != 2 || got.Licences[1].Class != "B1U" || len(got.Languages) != 0 {
			t.Fatalf("replaced: %+v", got)
		}
		// Invalid: an end before the start, a class that does not exist.
		in["experiences"] = []map[string]any{{"employer": "PT Baru", "title": "Operator", "from": "2025-06", "to": "2025-01"}}
		in["licences"] = []map[string]string{{"class": "Z"}}
		var pr problem
		if st, _ := c.do("PUT", "/api/v1/me/profile", in, &pr); st != 422 {
			t.Fatalf("invalid put: %d", st)
		}
		fields := map[string]string{}
		for _, e := range pr.Errors {
			fields[e.Field] = e.Code
		}
		if fields["experiences.0.to"] != "profile_month_order" || fields["licences"] != "choice_invalid" {
			t.Fatalf("errors: %+v", pr.Errors)
		}

		var hits struct{ Items []api.AreaJSON }
		if st, _ := c.do("GET", "/api/v1/areas?regency=3604&q=kibin", nil, &hits); st != 200 || len(hits.Items) < 2 ||
			hits.Items[0].Kecamatan != "360416" || hits.Items[0].Village != "" || hits.Items[1].Code != "3604162001" {
			t.Fatalf("areas: %d %+v", st, hits.Items)
		}
		if st, _ := c.do("GET", "/api/v1/areas?regency=3672&q=kibin", nil, &hits); st != 200 || len(hits.Items) != 0 {
			t.Fatalf("Kibin in Cilegon: %+v", hits.Items)
		}
		if st, _ := c.do("GET", "/api/v1/areas?regency=9999&q=kibin", nil, &pr); st != 422 {
			t.Fatalf("unknown regency: %d", st)
		}
		// The company's applicant list carries licences and languages, and
		// the kecamatan only once the seeker shares a contact.
		emp := demoClient(t, a.URL, "perusahaan@bursa.test")
		var appID, vacID int64
		if err := d.QueryRowContext(t.Context(), `SELECT a.id, a.vacancy_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
			JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' AND a.status = 'wawancara' ORDER BY a.id LIMIT 1`).Scan(&appID, &vacID); err != nil {
			t.Fatal(err)
		}
		applicant := func() api.ApplicantJSON {
			t.Helper()
			var list struct{ Items []api.ApplicantJSON }
			if st, _ := emp.do("GET", fmt.Sprintf("/api/v1/vacancies/%d/applications", vacID), nil, &list); st != 200 {
				t.Fatalf("applicants: %d", st)
			}
			for _, it := range list.Items {
				if it.ApplicationID == appID {
					return it
				}
			}
			t.Fatal("the application is not listed")
			return api.ApplicantJSON{}
		}
		if ap := applicant(); ap.Kecamatan != "" || len(ap.Licences) != 2 || len(ap.Experiences) != 1 {
			t.Errorf("applicant before sharing: %+v", ap)
		}
		if st, _ := c.do("PUT", fmt.Sprintf("/api/v1/applications/%d/contact-share", appID), map[string]bool{"phone": true}, nil); st != 200 && st != 204 {
			t.Fatalf("share: %d", st)
		}
		if ap := applicant(); ap.Kecamatan != p.Address.Kecamatan {
			t.Errorf("applicant after sharing: kecamatan %q", ap.Kecamatan)
		}
		// The list reads every applicant's background at once: one share
		// opens that application's kecamatan and no other's, and each
		// applicant keeps their own skills.
		var list struct{ Items []api.ApplicantJSON }
		if st, _ := emp.do("GET", fmt.Sprintf("/api/v1/vacancies/%d/applications", vacID), nil, &list); st != 200 || len(list.Items) < 2 {
			t.Fatalf("applicants: %d, %d listed", st, len(list.Items))
		}
		for _, it := range list.Items {
			var shares, skills int
			d.QueryRowContext(t.Context(), `SELECT count(*) FROM application_contact_shares WHERE application_id = ? AND (phone OR email)`, it.ApplicationID).Scan(&shares)
			d.QueryRowContext(t.Context(), `SELECT count(*) FROM seeker_skills k JOIN applications a ON a.seeker_id = k.seeker_id WHERE a.id = ?`, it.ApplicationID).Scan(&skills)
			if shares == 0 && it.Kecamatan != "" {
				t.Errorf("application %d shares nothing, shows kecamatan %q", it.ApplicationID, it.Kecamatan)
			}
			if len(it.Skills) != skills {
				t.Errorf("application %d: %d skills listed, the seeker has %d", it.ApplicationID, len(it.Skills), skills)
			}
		}
		// Another role has no profile to read.
		if st, _ := emp.do("GET", "/api/v1/me/profile", nil, nil); st != 403 {
			t.Fatalf("employer reads a profile: %d", st)
		}
	})
}
