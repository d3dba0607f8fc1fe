package apptest

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// OtherPassword is the password of the accounts below.
const OtherPassword = "Kebun-Teh-Segar-8"

// OtherEmployerHR adds a second, verified company to a demo province and
// returns the login of its HR user: a stranger to the demo employer's
// vacancies and applications, for the tests that they stay not found.
func OtherEmployerHR(t testing.TB, a *app.Services) string {
	t.Helper()
	ctx := context.Background()
	const login = "hrd@pt-lain.test"
	u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: login, Name: "HRD PT Lain", Password: OtherPassword,
		Roles: []auth.Role{auth.Perusahaan}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := a.Employers.Register(ctx, a.DB, u.ID, employer.Input{Name: "PT Lain Jaya", NIB: "9120000000777", KBLISection: "C",
		SizeClass: employer.Besar, Region: "3603", Address: "Jl. Raya Serang km 20, Cikupa", ContactName: "Dedi",
		ContactPhone: "081277776666"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Employers.Decide(ctx, e.ID, u.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	return login
}

// OtherSeeker adds a second job seeker, with a profile and an AK/1 card,
// and returns their login: a stranger to the demo seeker's applications.
func OtherSeeker(t testing.TB, a *app.Services) string {
	t.Helper()
	ctx := context.Background()
	const login = "081377778888"
	u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: login, Name: "Pencari Lain", Password: OtherPassword,
		Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Seekers.Register(ctx, a.DB, u.ID, seeker.Input{NIK: "3603011204990007", Profile: seeker.Profile{
		FullName: "Pencari Lain", DomicileRegion: "3603", Education: "sma"}}); err != nil {
		t.Fatal(err)
	}
	return login
}

// Tell puts one notice in u's inbox the way every event does (a catalog
// message with an argument, leading to url) and returns its id.
func Tell(t testing.TB, a *app.Services, u auth.User, k notify.Kind, url string) int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := a.Notify.Send(ctx, a.DB, notify.Notice{To: u.ID, Kind: k, Title: "ak1.valid_until", Args: []any{"date", "1 Juli 2026"}, URL: url}); err != nil {
		t.Fatal(err)
	}
	items, _, err := a.Notify.List(ctx, &u, 1)
	if err != nil || len(items) != 1 {
		t.Fatalf("inbox of %d: %v %v", u.ID, items, err)
	}
	return items[0].ID
}

// AnyProgram returns the id of a training program (the first), for tests
// that need one from the demo province.
func AnyProgram(t testing.TB, a *app.Services) int64 {
	t.Helper()
	var id int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT id FROM programs ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// OpenVacancyNotApplied returns the first open vacancy of the demo company
// (perusahaan@bursa.test) that the demo seeker (pencari@bursa.test) has not
// applied to yet at the app's clock: the start of every test that walks a
// fresh application.
func (a *App) OpenVacancyNotApplied(t testing.TB) int64 {
	t.Helper()
	var vid int64
	if err := a.DB.QueryRowContext(context.Background(), `SELECT v.id FROM vacancies v JOIN employers e ON e.id = v.employer_id
		JOIN users u ON u.id = e.owner_id
		WHERE u.email = 'perusahaan@bursa.test' AND v.status = 'published' AND v.closes_on >= ? AND NOT EXISTS (SELECT 1 FROM applications a
		JOIN seekers s ON s.id = a.seeker_id JOIN users su ON su.id = s.user_id WHERE a.vacancy_id = v.id AND su.email = 'pencari@bursa.test')
		ORDER BY v.id LIMIT 1`, wib.Date(a.Clock.T)).Scan(&vid); err != nil {
		t.Fatal(err)
	}
	return vid
}

// Hire reports that hr's company hired application appID and has its
// seeker confirm it, as the two steps a placement now takes (the
// employer's report, then the worker's yes): for tests that need a
// placement, not the confirmation itself.
func Hire(t testing.TB, a *app.Services, hr *auth.User, appID int64, start string, wage int64) vacancy.Offer {
	t.Helper()
	ctx := context.Background()
	if _, err := a.Vacancies.ReportHire(ctx, hr, appID, start, wage); err != nil {
		t.Fatalf("report hire on %d: %v", appID, err)
	}
	var uid int64
	if err := a.DB.QueryRowContext(ctx, `SELECT s.user_id FROM applications ap JOIN seekers s ON s.id = ap.seeker_id WHERE ap.id = ?`, appID).Scan(&uid); err != nil {
		t.Fatalf("seeker of application %d: %v", appID, err)
	}
	u, err := a.Auth.Get(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	o, err := a.Vacancies.AnswerOffer(ctx, &u, appID, &yes)
	if err != nil {
		t.Fatalf("confirm hire on %d: %v", appID, err)
	}
	return o
}
