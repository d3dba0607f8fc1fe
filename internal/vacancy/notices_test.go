package vacancy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// inbox returns u's notices, newest first.
func (f *fixture) inbox(t *testing.T, u *auth.User) []notify.Item {
	t.Helper()
	items, _, err := f.nt.List(f.ctx, u, 100)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// seekerWithCard registers a job seeker with a valid AK/1 card.
func (f *fixture) seekerWithCard(t *testing.T, login, nik string, discoverable bool) (auth.User, seeker.Seeker) {
	t.Helper()
	u, err := f.a.Create(f.ctx, f.d, auth.NewUser{Login: login, Name: "Pencari", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		t.Fatal(err)
	}
	sk, _, err := f.ss.Register(f.ctx, f.d, u.ID, seeker.Input{NIK: nik, Profile: seeker.Profile{FullName: "Siti Aminah",
		DomicileRegion: "3672", Education: "smk", ExpectedWage: 5500000, Discoverable: discoverable}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ss.Issue(f.ctx, f.officer, sk.ID); err != nil {
		t.Fatal(err)
	}
	return u, sk
}

// verifiedEmail gives u a verified email with consent, so notices also go
// to the outbox.
func (f *fixture) verifiedEmail(t *testing.T, u *auth.User, addr string) {
	t.Helper()
	if _, err := f.d.ExecContext(f.ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
		u.ID, addr, f.now, f.now); err != nil {
		t.Fatal(err)
	}
	if err := f.nt.SetConsent(f.ctx, f.d, u.ID, notify.Email, true); err != nil {
		t.Fatal(err)
	}
}

func outboxTo(t *testing.T, d *db.DB, addr string) []string {
	t.Helper()
	rows, err := d.QueryContext(t.Context(), `SELECT kind, subject FROM outbox WHERE address = ? ORDER BY id`, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k, s string
		if err := rows.Scan(&k, &s); err != nil {
			t.Fatal(err)
		}
		out = append(out, k+": "+s)
	}
	return out
}

// TestApplicationNotices: every move of an application reaches its seeker
// (with the rejection reason), a new application reaches the company's HR
// user at once, an invitation reaches the invited seeker, and nobody else
// hears of any of it.
func TestApplicationNotices(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, f.officer.ID, true, "")
		v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		ujang, _ := f.seekerWithCard(t, "081311112222", "3604010708980001", true)
		siti, sitiSK := f.seekerWithCard(t, "081311113333", "3604014708980002", true)
		f.verifiedEmail(t, &ujang, "ujang@contoh.test")

		a, err := f.vs.Apply(f.ctx, &ujang, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		hr := f.inbox(t, f.hr)
		if len(hr) != 1 || hr[0].Kind != notify.Applicants || !strings.Contains(hr[0].Title, v.Title) ||
			hr[0].URL != fmt.Sprintf("/perusahaan/lowongan/%d", v.ID) {
			t.Fatalf("HR inbox after an application: %+v", hr)
		}
		if _, err := f.vs.MarkSeen(f.ctx, f.hr, v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.Move(f.ctx, f.hr, a.ID, vacancy.Shortlisted, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.Move(f.ctx, f.hr, a.ID, vacancy.Rejected, "Lokasi terlalu jauh dari shift malam"); err != nil {
			t.Fatal(err)
		}
		got := f.inbox(t, &ujang)
		if len(got) != 3 {
			t.Fatalf("seeker inbox: %+v", got)
		}
		rej, shortlisted, seen := got[0], got[1], got[2]
		if rej.Kind != notify.Application || rej.Title != "Lamaran Anda untuk Operator Produksi ditolak" ||
			!strings.Contains(rej.Body, "Alasan: Lokasi terlalu jauh dari shift malam") || !strings.Contains(rej.Body, "PT Uji Baja") ||
			rej.URL != "/pencari" {
			t.Errorf("rejection notice: %+v", rej)
		}
		if !strings.Contains(shortlisted.Title, "diseleksi") || !strings.Contains(seen.Title, "dilihat") {
			t.Errorf("shortlist and seen notices: %+v %+v", shortlisted, seen)
		}
		if out := outboxTo(t, d, "ujang@contoh.test"); len(out) != 3 || out[2] != "lamaran: Lamaran Anda untuk Operator Produksi ditolak" {
			t.Errorf("outbox to the verified email: %q", out)
		}
		// The other seeker heard nothing of Ujang's application.
		if got := f.inbox(t, &siti); len(got) != 0 {
			t.Errorf("another seeker's inbox: %+v", got)
		}

		if err := f.vs.Invite(f.ctx, f.hr, v.ID, sitiSK.ID); err != nil {
			t.Fatal(err)
		}
		got = f.inbox(t, &siti)
		if len(got) != 1 || got[0].Kind != notify.Invitation || got[0].Title != "PT Uji Baja mengundang Anda melamar: Operator Produksi" ||
			got[0].URL != fmt.Sprintf("/lowongan/%d", v.ID) {
			t.Errorf("invitation notice: %+v", got)
		}
		if got := f.inbox(t, &ujang); len(got) != 3 {
			t.Errorf("the invitation reached another seeker: %+v", got)
		}
		// Siti applies and is hired: the hire is told too.
		b, err := f.vs.Apply(f.ctx, &siti, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.ReportHire(f.ctx, f.hr, b.ID, f.now.Format("2006-01-02"), 5600000); err != nil {
			t.Fatal(err)
		}
		// The report asks her to confirm; her yes makes the hire, and
		// the company hears of it.
		if got := f.inbox(t, &siti); len(got) != 2 || got[0].Title != "Benarkah Anda diterima di PT Uji Baja?" {
			t.Errorf("hire report notice: %+v", got)
		}
		yes := true
		if _, err := f.vs.AnswerOffer(f.ctx, &siti, b.ID, &yes); err != nil {
			t.Fatal(err)
		}
		if got := f.inbox(t, &siti); len(got) != 3 || got[0].Title != "Selamat, Anda diterima: Operator Produksi" {
			t.Errorf("hire notice: %+v", got)
		}
		if hr := f.inbox(t, f.hr); len(hr) != 3 || hr[0].Title != "Penempatan dibenarkan pekerja: Operator Produksi" {
			t.Errorf("HR inbox after two applications and a confirmed hire: %+v", hr)
		}
		// An English speaker gets English.
		if _, err := d.ExecContext(f.ctx, `UPDATE users SET lang = 'en' WHERE id = ?`, f.hr.ID); err != nil {
			t.Fatal(err)
		}
		u3, _ := f.seekerWithCard(t, "081311114444", "3604010708980003", false)
		if _, err := f.vs.Apply(f.ctx, &u3, v.ID, ""); err != nil {
			t.Fatal(err)
		}
		if hr := f.inbox(t, f.hr); len(hr) != 4 || hr[0].Title != "New applicant for Operator Produksi" {
			t.Errorf("HR notice in English: %+v", hr)
		}
	})
}

// TestApplicantsCadence: an HR user who chose a digest gets no notice per
// application (the reminder loop sends the digest).
func TestApplicantsCadence(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, f.officer.ID, true, "")
		v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.nt.SetCadence(f.ctx, f.hr, notify.Applicants, notify.Daily); err != nil {
			t.Fatal(err)
		}
		u, _ := f.seekerWithCard(t, "081311112222", "3604010708980001", false)
		if _, err := f.vs.Apply(f.ctx, &u, v.ID, ""); err != nil {
			t.Fatal(err)
		}
		if got := f.inbox(t, f.hr); len(got) != 0 {
			t.Errorf("a daily-digest HR user was told at once: %+v", got)
		}
	})
}
