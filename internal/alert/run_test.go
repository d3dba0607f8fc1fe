package alert_test

import (
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

func user(t *testing.T, a *app.Services, login string) *auth.User {
	t.Helper()
	u, err := a.Auth.ByLogin(t.Context(), login)
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

func publish(t *testing.T, a *app.Services, hr *auth.User, title, kbji string, skills []string) vacancy.Vacancy {
	t.Helper()
	v, err := a.Vacancies.Create(t.Context(), hr, vacancy.Input{Title: title, KBJI: kbji, Skills: skills, Education: "smk", Region: "3672",
		Openings: 2, WageMin: 5600000, WageMax: 6500000, Contract: "pkwt", ClosesOn: a.Now().AddDate(0, 0, 30).Format("2006-01-02"),
		Description: "Bekerja di kawasan industri Cilegon."}, true)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func notices(t *testing.T, d *db.DB, uid int64, kind string) []string {
	t.Helper()
	rows, err := d.QueryContext(t.Context(), `SELECT body FROM notifications WHERE user_id = ? AND kind = ? ORDER BY id`, uid, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		rows.Scan(&b)
		out = append(out, b)
	}
	return out
}

// TestDailyAlertAndDigest runs the daily alert and the digest twice a day
// over two days: one notice per search and day listing only what is new,
// the digest only to opted-in seekers and only with new vacancies.
func TestDailyAlertAndDigest(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		apptest.Demo(t, a)
		ctx := t.Context()
		seeker := user(t, a, "pencari@bursa.test")
		hr := user(t, a, "perusahaan@bursa.test")
		other := user(t, a, apptest.OtherSeeker(t, a))
		// 10:00 WIB on 2 March: save, opt in; the other seeker does not opt in.
		if _, err := a.Alerts.Save(ctx, seeker, alert.Input{Filter: vacancy.Filter{Q: "juru las"}, Alert: alert.Daily}); err != nil {
			t.Fatal(err)
		}
		if err := a.Alerts.SetDigest(ctx, seeker, true); err != nil {
			t.Fatal(err)
		}
		// Ran once today already: the digest's first window starts here.
		clk.T = clk.T.Add(time.Hour)
		if n, err := a.Alerts.RunDigest(ctx); err != nil || n != 0 {
			t.Fatalf("digest on the first day: %d %v", n, err)
		}
		var sk struct{ skills []string }
		prof, _, err := a.Seekers.ProfileOf(ctx, seeker)
		if err != nil {
			t.Fatal(err)
		}
		sk.skills = prof.Skills
		// Published that afternoon: two welders and a nurse; the first
		// welder fits the seeker's own profile.
		w1 := publish(t, a, hr, "Juru Las SMAW", kbjiOr(prof.Occupation), sk.skills)
		clk.T = clk.T.Add(time.Minute)
		w2 := publish(t, a, hr, "Juru Las Pipa", "7212", nil)
		publish(t, a, hr, "Perawat Klinik", "3221", nil)
		// Before 07:00 WIB next day: nothing goes out.
		clk.T = time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC) // 06:30 WIB on 3 March
		if n, err := a.Alerts.RunDaily(ctx); err != nil || n != 0 {
			t.Fatalf("daily before 07:00: %d %v", n, err)
		}
		clk.T = clk.T.Add(time.Hour) // 07:30 WIB
		for run := range 2 {
			if n, err := a.Alerts.RunDaily(ctx); err != nil || n != 1-run {
				t.Fatalf("daily run %d: %d %v", run, n, err)
			}
			if n, err := a.Alerts.RunDigest(ctx); err != nil || n != 1-run {
				t.Fatalf("digest run %d: %d %v", run, n, err)
			}
		}
		daily := notices(t, d, seeker.ID, "lowongan_baru")
		if len(daily) != 1 || !contains(daily[0], w1.Title) || !contains(daily[0], w2.Title) || contains(daily[0], "Perawat") {
			t.Fatalf("daily alert: %q", daily)
		}
		digest := notices(t, d, seeker.ID, "untuk_anda")
		if len(digest) != 1 || !contains(digest[0], w1.Title) || !contains(digest[0], "%") {
			t.Fatalf("digest: %q", digest)
		}
		if got := notices(t, d, other.ID, "untuk_anda"); len(got) != 0 {
			t.Fatalf("a seeker who did not opt in got a digest: %q", got)
		}
		// The next day: one new welder; the old ones are not repeated.
		clk.T = clk.T.Add(3 * time.Hour)
		w3 := publish(t, a, hr, "Juru Las Kapal", kbjiOr(prof.Occupation), sk.skills)
		clk.T = clk.T.Add(21 * time.Hour) // 07:30 WIB on 4 March
		if n, err := a.Alerts.RunDaily(ctx); err != nil || n != 1 {
			t.Fatalf("daily, day 2: %d %v", n, err)
		}
		if n, err := a.Alerts.RunDigest(ctx); err != nil || n != 1 {
			t.Fatalf("digest, day 2: %d %v", n, err)
		}
		daily = notices(t, d, seeker.ID, "lowongan_baru")
		digest = notices(t, d, seeker.ID, "untuk_anda")
		if len(daily) != 2 || !contains(daily[1], w3.Title) || contains(daily[1], w1.Title) {
			t.Fatalf("daily, day 2: %q", daily)
		}
		if len(digest) != 2 || !contains(digest[1], w3.Title) || contains(digest[1], w1.Title) {
			t.Fatalf("digest, day 2: %q", digest)
		}
	})
}

func contains(s, sub string) bool {
	return len(sub) > 0 && len(s) >= len(sub) && (s == sub || indexOf(s, sub) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func kbjiOr(k string) string {
	if k == "" {
		return "7212"
	}
	return k
}
