package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestApplicantFilter: an employer narrows a vacancy's applicants by stage
// and domicile and orders them; an unknown choice is a 422 beside its field,
// not a silently unfiltered list. The dashboard counts each vacancy's
// applicants.
func TestApplicantFilter(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	b := &browser{t: t, base: a.URL, c: apptest.NewClient()}
	b.login("perusahaan@bursa.test")
	var vid int64
	var region string
	if err := a.DB.QueryRowContext(context.Background(), `SELECT v.id, v.region FROM vacancies v JOIN employers e ON e.id = v.employer_id
		JOIN users u ON u.id = e.owner_id JOIN applications ap ON ap.vacancy_id = v.id
		WHERE u.email = 'perusahaan@bursa.test' GROUP BY v.id, v.region ORDER BY COUNT(DISTINCT ap.status) DESC, v.id LIMIT 1`).Scan(&vid, &region); err != nil {
		t.Fatal(err)
	}
	status := regexp.MustCompile(`class="status st-([a-z]+)"`)
	place := regexp.MustCompile(`<h3>[^<]*</h3>\s*<p>[^·]*·[^·]*· ([^·]+) ·`)
	_, all, _ := b.get(fmt.Sprintf("/perusahaan/lowongan/%d", vid))
	stages := map[string]bool{}
	for _, m := range status.FindAllStringSubmatch(all, -1) {
		stages[m[1]] = true
	}
	if len(stages) < 2 {
		t.Fatalf("the demo vacancy has applicants at %d stages; the test needs two", len(stages))
	}
	for st := range stages {
		code, page, _ := b.get(fmt.Sprintf("/perusahaan/lowongan/%d?stage=%s", vid, st))
		got := status.FindAllStringSubmatch(page, -1)
		if code != http.StatusOK || len(got) == 0 {
			t.Fatalf("stage %s: %d, %d applicants", st, code, len(got))
		}
		for _, m := range got {
			if m[1] != st {
				t.Errorf("filtered by %s, an applicant at %s is listed", st, m[1])
			}
		}
	}
	_, local, _ := b.get(fmt.Sprintf("/perusahaan/lowongan/%d?sort=local", vid))
	seenAway, places := false, place.FindAllStringSubmatch(local, -1)
	if len(places) == 0 {
		t.Fatal("no applicant's domicile found on the page")
	}
	for _, m := range places {
		home := m[1] == regionNameOf(t, a, region)
		if home && seenAway {
			t.Fatal("sorted local first, a local applicant comes after one from elsewhere")
		}
		seenAway = seenAway || !home
	}
	if code, page, _ := b.get(fmt.Sprintf("/perusahaan/lowongan/%d?sort=gaji&stage=x", vid)); code != http.StatusUnprocessableEntity ||
		!regexp.MustCompile(`id="err-sort"`).MatchString(page) || !regexp.MustCompile(`id="err-stage"`).MatchString(page) {
		t.Errorf("unknown choices: %d", code)
	}
	_, dash, _ := b.get("/perusahaan")
	if !regexp.MustCompile(`href="/perusahaan/lowongan/\d+#pelamar">[1-9]\d*</a>`).MatchString(dash) {
		t.Error("the dashboard does not count applicants")
	}
}

func regionNameOf(t *testing.T, a *apptest.App, code string) string {
	t.Helper()
	_, page, _ := (&browser{t: t, base: a.URL, c: apptest.NewClient()}).get("/api/v1/regions")
	m := regexp.MustCompile(`"code":"` + code + `","name":"([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("region %s not listed", code)
	}
	return m[1]
}

// TestWithdrawPage: the seeker's dashboard offers to withdraw an open
// application, the form does it, and the card then says "Ditarik" without
// the offer.
func TestWithdrawPage(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	b := &browser{t: t, base: a.URL, c: apptest.NewClient()}
	b.login("pencari@bursa.test")
	var app int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id
		JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test' AND a.status IN ('dikirim', 'dilihat', 'diseleksi', 'wawancara', 'ditawari') ORDER BY a.id LIMIT 1`).Scan(&app); err != nil {
		t.Fatal(err)
	}
	action := fmt.Sprintf(`action="/pencari/lamaran/%d/tarik"`, app)
	if _, page, _ := b.get("/pencari"); !regexp.MustCompile(regexp.QuoteMeta(action)).MatchString(page) {
		t.Fatal("no withdraw form for an open application")
	}
	st, _, h := b.post(fmt.Sprintf("/pencari/lamaran/%d/tarik", app), nil)
	if st != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf("/pencari#lamaran-%d", app) {
		t.Fatalf("withdraw: %d %s", st, h.Get("Location"))
	}
	_, page, _ := b.get("/pencari")
	card := regexp.MustCompile(fmt.Sprintf(`(?s)id="lamaran-%d".*?</article>`, app)).FindString(page)
	if !regexp.MustCompile(`st-ditarik">Ditarik<`).MatchString(card) || regexp.MustCompile(regexp.QuoteMeta(action)).MatchString(card) {
		t.Fatalf("after withdrawing, the card is: %s", card)
	}
}

// TestOfferPages: the employer offers from the applicant's card; the seeker
// sees the offer on their dashboard with its terms and accepts it there.
func TestOfferPages(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	hr := &browser{t: t, base: a.URL, c: apptest.NewClient()}
	hr.login("perusahaan@bursa.test")
	sk := &browser{t: t, base: a.URL, c: apptest.NewClient()}
	sk.login("pencari@bursa.test")
	var app, vid int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT a.id, a.vacancy_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
		JOIN users u ON u.id = s.user_id JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id JOIN users o ON o.id = e.owner_id
		WHERE u.email = 'pencari@bursa.test' AND o.email = 'perusahaan@bursa.test' AND a.status IN ('dikirim', 'dilihat', 'diseleksi', 'wawancara') LIMIT 1`).Scan(&app, &vid); err != nil {
		t.Fatal(err)
	}
	if _, page, _ := hr.get(fmt.Sprintf("/perusahaan/lowongan/%d", vid)); !regexp.MustCompile(fmt.Sprintf(`action="/perusahaan/lamaran/%d/tawaran"`, app)).MatchString(page) {
		t.Fatal("no offer form on the applicant's card")
	}
	day := func(n int) string { return a.Clock.T.AddDate(0, 0, n).Format("2006-01-02") }
	st, _, h := hr.post(fmt.Sprintf("/perusahaan/lamaran/%d/tawaran", app), url.Values{"wage": {"240000"}, "wage_unit": {"day"}, "work_days_per_week": {"6"},
		"contract": {"pkwt"}, "months": {"12"}, "start_on": {day(14)}, "answer_by": {day(7)}, "workplace": {"Pabrik Cilegon, shift pagi"}})
	if st != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf("/perusahaan/lowongan/%d#lamaran-%d", vid, app) {
		t.Fatalf("offer: %d %s", st, h.Get("Location"))
	}
	_, page, _ := sk.get("/pencari")
	card := regexp.MustCompile(fmt.Sprintf(`(?s)id="tawaran-%d".*?</div>`, app)).FindString(page)
	for _, want := range []string{"Rp 240.000", "Rp 6.000.000", "Pabrik Cilegon", fmt.Sprintf(`action="/pencari/lamaran/%d/tawaran"`, app)} {
		if !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(card) {
			t.Errorf("the offer card lacks %q: %s", want, card)
		}
	}
	if st, _, _ := sk.post(fmt.Sprintf("/pencari/lamaran/%d/tawaran", app), url.Values{"accept": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("accept: %d", st)
	}
	var status string
	a.DB.QueryRowContext(context.Background(), `SELECT status FROM applications WHERE id = ?`, app).Scan(&status)
	if status != "diterima" {
		t.Fatalf("after accepting on the page: %s", status)
	}
}
