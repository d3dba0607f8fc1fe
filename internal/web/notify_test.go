package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/notify"
)

// account makes a user who logs in with apptest.OtherPassword, and a
// browser logged in as them.
func account(t *testing.T, a *apptest.App, login string, roles ...auth.Role) (auth.User, *browser) {
	t.Helper()
	u, err := a.Auth.Create(context.Background(), a.DB, auth.NewUser{Login: login, Name: "Siti Aminah", Password: apptest.OtherPassword, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, base: a.URL, c: apptest.NewClient()}
	if st, body, _ := b.post("/masuk", url.Values{"login": {login}, "password": {apptest.OtherPassword}}); st != http.StatusSeeOther {
		t.Fatalf("login %s: %d %s", login, st, body)
	}
	return u, b
}

func unread(t *testing.T, a *apptest.App, u auth.User) int {
	t.Helper()
	n, err := a.Notify.Unread(context.Background(), &u)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

var badge = regexp.MustCompile(`id="nav-kabar">Kabar(?: <span class="badge warn"[^>]*>(\d+)</span><span class="sr-only">[^<]*</span>)?</a>`)

// navCount is the unread count the navigation shows ("" for no badge).
func navCount(t *testing.T, body string) string {
	t.Helper()
	m := badge.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no Kabar link in the navigation")
	}
	return m[1]
}

// TestInboxPages: the badge counts unread notices on every page, the inbox
// lists them newest first, opening one marks it read and follows its link
// (only the owner's; a prefetch changes nothing), "mark all" empties the
// badge.
func TestInboxPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		anon := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		if _, body, _ := anon.get("/lowongan"); strings.Contains(body, `id="nav-kabar"`) {
			t.Error("an anonymous visitor sees the Kabar link")
		}
		if st, _, h := anon.get("/kabar"); st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/masuk") {
			t.Errorf("anonymous /kabar: %d %s, want the login form", st, h.Get("Location"))
		}
		siti, b := account(t, a, "siti@example.id", auth.Pencari)
		budi, _ := account(t, a, "budi@example.id", auth.Pencari)
		if _, body, _ := b.get("/lowongan"); navCount(t, body) != "" {
			t.Error("a badge with nothing unread")
		}
		first := apptest.Tell(t, a.Services, siti, notify.Application, "/lowongan?q=operator")
		a.Clock.T = a.Clock.T.Add(1)
		second := apptest.Tell(t, a.Services, siti, notify.Training, "/pelatihan")
		budis := apptest.Tell(t, a.Services, budi, notify.Application, "/pencari")

		_, body, _ := b.get("/lowongan")
		if got := navCount(t, body); got != "2" {
			t.Errorf("badge = %q, want 2", got)
		}
		st, body, _ := b.get("/kabar")
		if st != 200 || navCount(t, body) != "2" {
			t.Fatalf("/kabar: %d", st)
		}
		i1, i2 := strings.Index(body, `href="/kabar/`+itoa(second)+`"`), strings.Index(body, `href="/kabar/`+itoa(first)+`"`)
		if i1 < 0 || i2 < 0 || i1 > i2 || !strings.Contains(body, "Berlaku sampai 1 Juli 2026") || !strings.Contains(body, "Tandai semua sudah dibaca") {
			t.Errorf("inbox not newest first with its links and the mark-all button")
		}
		if strings.Contains(body, `href="/kabar/`+itoa(budis)+`"`) {
			t.Error("budi's notice in siti's inbox")
		}

		// A prefetch of the notice's link reads and marks nothing.
		req, _ := http.NewRequest("GET", a.URL+"/kabar/"+itoa(first), nil)
		req.Header.Set("Sec-Purpose", "prefetch")
		resp, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent || unread(t, a, siti) != 2 {
			t.Errorf("prefetch: %d, unread %d; want 204 and nothing marked", resp.StatusCode, unread(t, a, siti))
		}
		// Opening it marks it read and goes where it leads.
		st, _, h := b.get("/kabar/" + itoa(first))
		if st != http.StatusSeeOther || h.Get("Location") != "/lowongan?q=operator" || unread(t, a, siti) != 1 {
			t.Errorf("open: %d → %q, unread %d", st, h.Get("Location"), unread(t, a, siti))
		}
		if _, body, _ := b.get("/kabar"); navCount(t, body) != "1" {
			t.Error("the badge did not drop to 1")
		}
		// Another person's notice is not found and stays unread.
		if st, _, _ := b.get("/kabar/" + itoa(budis)); st != http.StatusNotFound || unread(t, a, budi) != 1 {
			t.Errorf("opening budi's notice: %d, his unread %d", st, unread(t, a, budi))
		}
		if st, _, _ := b.get("/kabar/999999"); st != http.StatusNotFound {
			t.Errorf("missing notice: %d", st)
		}
		// Mark all.
		st, _, h = b.post("/kabar/baca", url.Values{})
		if st != http.StatusSeeOther || h.Get("Location") != "/kabar" || unread(t, a, siti) != 0 || unread(t, a, budi) != 1 {
			t.Errorf("mark all: %d, unread siti %d budi %d", st, unread(t, a, siti), unread(t, a, budi))
		}
		if _, body, _ := b.get("/kabar"); navCount(t, body) != "" || !strings.Contains(body, "Semua kabar ditandai sudah dibaca.") {
			t.Error("after mark all: a badge, or no confirmation")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestNotifySettingsPage: the page door of the settings — the same domain
// rules as the API (TestNotificationSettingsAPI): ticks saved, a channel
// without a verified address shown disabled and left alone, an unknown kind
// or cadence refused with 422 beside the table.
func TestNotifySettingsPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		ctx := context.Background()
		siti, b := account(t, a, "siti@example.id", auth.Pencari)
		now := a.Clock.T.UTC()
		if _, err := a.DB.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
			siti.ID, "siti@example.id", now, now); err != nil {
			t.Fatal(err)
		}
		// She gave WhatsApp consent once (with a phone since lost); the page
		// cannot show that channel enabled, and saving must not withdraw it.
		if err := a.Notify.SetConsent(ctx, a.DB, siti.ID, notify.WhatsApp, true); err != nil {
			t.Fatal(err)
		}
		st, body, _ := b.get("/kabar/pengaturan")
		if st != 200 {
			t.Fatalf("settings page: %d", st)
		}
		if !regexp.MustCompile(`value="lamaran:whatsapp"[^>]* disabled>`).MatchString(body) || regexp.MustCompile(`value="lamaran:email"[^>]* disabled>`).MatchString(body) {
			t.Error("WhatsApp (no verified phone) should be disabled, email (verified) not")
		}
		for _, want := range []string{`name="pilih" value="lamaran:email"`,
			`name="izin" value="email"`, `href="/akun/kontak"`, "Status lamaran", "Lowongan untuk Anda (harian)"} {
			if !strings.Contains(body, want) {
				t.Errorf("settings page lacks %q", want)
			}
		}
		if strings.Contains(body, "Pelamar baru") {
			t.Error("a seeker is offered the employer's new-applicant notices")
		}
		// Tick email consent and only lamaran + digest by email.
		form := url.Values{"izin": {"email"}, "pilih": {"lamaran:email", "untuk_anda:email"}}
		if st, body, _ := b.post("/kabar/pengaturan", form); st != http.StatusSeeOther {
			t.Fatalf("save: %d %s", st, body)
		}
		v, err := a.Notify.SettingsFor(ctx, &siti)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Consent[notify.Email] || !v.Choices[notify.Application][notify.Email] || !v.Choices[notify.Digest][notify.Email] ||
			v.Choices[notify.Invitation][notify.Email] {
			t.Errorf("saved: consent %v, choices %v", v.Consent, v.Choices)
		}
		if !v.Consent[notify.WhatsApp] || !v.Choices[notify.Invitation][notify.WhatsApp] {
			t.Errorf("a channel shown disabled was changed by saving: consent %v", v.Consent)
		}
		_, body, _ = b.get("/kabar/pengaturan")
		if !strings.Contains(body, "izin diberikan") || !strings.Contains(body, "Pengaturan kabar disimpan.") {
			t.Error("the page does not say when consent was given, or that it saved")
		}
		// Forged values are refused by the same rules as the API, nothing saved.
		for _, bad := range []url.Values{
			{"izin": {"email"}, "pilih": {"gosip:email"}},
			{"izin": {"email"}, "pilih": {"lamaran:merpati"}},
			{"izin": {"email", "merpati"}},
			{"izin": {"email"}, "irama.pelamar": {"daily"}},
		} {
			st, body, _ := b.post("/kabar/pengaturan", bad)
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, `class="field-error"`) {
				t.Errorf("POST %v: %d, want 422 with the error on the page", bad, st)
			}
		}
		v, _ = a.Notify.SettingsFor(ctx, &siti)
		if !v.Choices[notify.Application][notify.Email] {
			t.Error("a refused form changed a choice")
		}

		// An employer chooses the cadence of new-applicant notices.
		hr, hb := account(t, a, "hrd@example.id", auth.Perusahaan)
		_, body, _ = hb.get("/kabar/pengaturan")
		if !strings.Contains(body, `name="irama.pelamar"`) {
			t.Fatal("no cadence select for an employer")
		}
		if st, _, _ := hb.post("/kabar/pengaturan", url.Values{"irama.pelamar": {"hourly"}}); st != http.StatusSeeOther {
			t.Fatalf("cadence: %d", st)
		}
		if c, _ := a.Notify.CadenceOf(ctx, a.DB, hr.ID, notify.Applicants); c != notify.Hourly {
			t.Errorf("cadence = %s, want hourly", c)
		}
		if st, _, _ := hb.post("/kabar/pengaturan", url.Values{"irama.pelamar": {"weekly"}}); st != http.StatusUnprocessableEntity {
			t.Errorf("weekly: %d, want 422", st)
		}
	})
}

// TestUnsubscribe: GET asks and changes nothing; a cross-site One-Click POST
// without cookie or CSRF token turns the kind off; an altered token is 404;
// the CSRF exemption is that one path only.
func TestUnsubscribe(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		ctx := context.Background()
		siti, logged := account(t, a, "siti@example.id", auth.Pencari)
		token := a.Notify.UnsubscribeToken(siti.ID, notify.Application, notify.Email)
		on := func() bool {
			v, err := a.Notify.SettingsFor(ctx, &siti)
			if err != nil {
				t.Fatal(err)
			}
			return v.Choices[notify.Application][notify.Email]
		}
		scanner := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		st, body, _ := scanner.get("/berhenti?t=" + url.QueryEscape(token))
		if st != 200 || !strings.Contains(body, "Status lamaran lewat Email") || !strings.Contains(body, `<button>Ya, berhenti</button>`) {
			t.Errorf("GET: %d, no question or button", st)
		}
		if !on() {
			t.Fatal("GET unsubscribed")
		}
		for _, bad := range []string{token[:len(token)-1] + "x", strings.Replace(token, "lamaran", "undangan", 1), "", "1.2.3"} {
			if st, _, _ := scanner.get("/berhenti?t=" + url.QueryEscape(bad)); st != http.StatusNotFound {
				t.Errorf("GET with token %q: %d, want 404", bad, st)
			}
			if st := oneClick(t, a.URL, bad); st != http.StatusNotFound {
				t.Errorf("POST with token %q: %d, want 404", bad, st)
			}
		}
		if !on() {
			t.Fatal("a bad token unsubscribed")
		}
		if st := oneClick(t, a.URL, token); st != 200 {
			t.Fatalf("one-click POST: %d", st)
		}
		if on() {
			t.Error("one-click POST left the kind on")
		}
		// Again is fine (idempotent), and the confirming form works too.
		token2 := a.Notify.UnsubscribeToken(siti.ID, notify.Training, notify.Email)
		st, body, _ = scanner.post("/berhenti", url.Values{"t": {token2}})
		if st != 200 || !strings.Contains(body, "sudah dimatikan") || !strings.Contains(body, `href="/kabar/pengaturan"`) {
			t.Errorf("form POST: %d", st)
		}
		// Other posts still need the same origin.
		req, _ := http.NewRequest("POST", a.URL+"/kabar/baca", strings.NewReader(""))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := logged.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("a cross-site POST to /kabar/baca: %d, want 403", resp.StatusCode)
		}
	})
}

// oneClick posts as a mail provider does (RFC 8058): cross-site, no cookie.
func oneClick(t *testing.T, base, token string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/berhenti?t="+url.QueryEscape(token), strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://mail.example.com")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestAdminOutbox: the admin sees counts and dead letters with the address
// masked, retries one (audited); nobody else sees or retries.
func TestAdminOutbox(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		ctx := context.Background()
		siti, sb := account(t, a, "siti@example.id", auth.Pencari)
		admin, ab := account(t, a, "admin@example.id", auth.Admin)
		now := a.Clock.T.UTC()
		if _, err := a.DB.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
			siti.ID, "sitiaminah@example.id", now, now); err != nil {
			t.Fatal(err)
		}
		if err := a.Notify.SetConsent(ctx, a.DB, siti.ID, notify.Email, true); err != nil {
			t.Fatal(err)
		}
		apptest.Tell(t, a.Services, siti, notify.Application, "/pencari")
		w := &notify.Worker{Store: a.Notify, Log: a.Log, Senders: map[notify.Channel]notify.Sender{
			notify.Email: notify.SenderFunc(func(context.Context, notify.Message) error {
				return notify.Permanent(errors.New("550 mailbox unavailable"))
			})}}
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		dead, err := a.Notify.Letters(ctx, notify.Dead, 10)
		if err != nil || len(dead) != 1 {
			t.Fatalf("dead letters: %v %v", dead, err)
		}
		id := dead[0].ID

		for _, who := range []*browser{sb, {t: t, base: a.URL, c: apptest.NewClient()}} {
			if st, _, _ := who.get("/admin/kotak-keluar"); st != http.StatusForbidden && st != http.StatusSeeOther {
				t.Errorf("non-admin outbox: %d", st)
			}
			if st, _, _ := who.post("/admin/kotak-keluar/"+itoa(id)+"/ulang", url.Values{}); st != http.StatusForbidden && st != http.StatusSeeOther {
				t.Errorf("non-admin retry: %d", st)
			}
		}
		if st, _, _ := sb.get("/admin/kotak-keluar"); st != http.StatusForbidden {
			t.Errorf("a seeker on the outbox page: %d, want 403", st)
		}
		if l, _ := a.Notify.Letters(ctx, notify.Dead, 10); len(l) != 1 {
			t.Fatal("a non-admin retried")
		}

		st, body, _ := ab.get("/admin/kotak-keluar")
		if st != 200 {
			t.Fatalf("admin outbox: %d", st)
		}
		if !strings.Contains(body, "si***@example.id") || strings.Contains(body, "sitiaminah@") || !strings.Contains(body, "550 mailbox unavailable") ||
			!strings.Contains(body, "Berlaku sampai 1 Juli 2026") || !strings.Contains(body, `action="/admin/kotak-keluar/`+itoa(id)+`/ulang"`) {
			t.Errorf("admin outbox lacks the masked dead letter with its error and retry button")
		}
		if st, _, h := ab.post("/admin/kotak-keluar/"+itoa(id)+"/ulang", url.Values{}); st != http.StatusSeeOther || h.Get("Location") != "/admin/kotak-keluar" {
			t.Fatalf("retry: %d", st)
		}
		if l, _ := a.Notify.Letters(ctx, notify.Pending, 10); len(l) != 1 || l[0].ID != id {
			t.Errorf("after retry, pending = %v", l)
		}
		entries, err := audit.For(ctx, a.DB, "outbox", id, 5)
		if err != nil || len(entries) != 1 || entries[0].ActorID != admin.ID || entries[0].Action != "outbox.manage.retry" {
			t.Errorf("audit = %+v %v", entries, err)
		}
		// A second retry of the same letter says it is no longer dead.
		ab.post("/admin/kotak-keluar/"+itoa(id)+"/ulang", url.Values{})
		if _, body, _ := ab.get("/admin/kotak-keluar"); !strings.Contains(body, "tidak lagi gagal") {
			t.Error("no word that the letter was not dead")
		}
		if st, _, _ := ab.post("/admin/kotak-keluar/999999/ulang", url.Values{}); st != http.StatusNotFound {
			t.Errorf("retry of a missing letter: %d", st)
		}
	})
}
