package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

func (b *browser) loginWith(who, password string) {
	b.t.Helper()
	st, body, _ := b.post("/masuk", url.Values{"login": {who}, "password": {password}})
	if st != http.StatusSeeOther {
		b.t.Fatalf("login %s: %d %s", who, st, body)
	}
}

// TestAccountRecoveryPages: a seeker verifies their phone on /akun/kontak,
// loses access, and a petugas who checks the KTP gives a one-time code with
// which the seeker sets a new password at /lupa-sandi/atur.
func TestAccountRecoveryPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, false)
		ctx := context.Background()
		login := apptest.OtherSeeker(t, srv.Services)
		if _, err := srv.Auth.Create(ctx, d, auth.NewUser{Login: "petugas@disnaker.test", Name: "Bu Yani", Password: apptest.OtherPassword,
			Roles: []auth.Role{auth.Petugas}}); err != nil {
			t.Fatal(err)
		}
		su, _ := srv.Auth.ByLogin(ctx, login)
		sk, err := srv.Seekers.ByUser(ctx, su.ID)
		if err != nil {
			t.Fatal(err)
		}

		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.loginWith(login, apptest.OtherPassword)
		st, body, _ := seeker.get("/akun/kontak")
		if st != 200 || !strings.Contains(body, `value="&#43;6281377778888"`) || !strings.Contains(body, "Belum ada.") {
			t.Fatalf("contacts page: %d, want the login offered\n%s", st, body)
		}
		st, _, _ = seeker.post("/akun/kontak/kirim", url.Values{"kind": {"phone"}, "address": {"0813 7777 8888"}, "channel": {"sms"}})
		if st != http.StatusSeeOther {
			t.Fatalf("send code: %d", st)
		}
		if _, body, _ = seeker.get("/akun/kontak"); !strings.Contains(body, `id="kode-phone"`) || !strings.Contains(body, "lewat SMS") {
			t.Fatalf("no code form after sending:\n%s", body)
		}
		var code string
		if err := d.QueryRowContext(ctx, `SELECT code FROM outbox WHERE address = '+6281377778888' AND channel = 'sms'`).Scan(&code); err != nil {
			t.Fatal(err)
		}
		st, body, _ = seeker.post("/akun/kontak/konfirmasi", url.Values{"kind": {"phone"}, "code": {"99999999"}})
		if st != 422 || !strings.Contains(body, "Kode salah") {
			t.Fatalf("wrong code: %d", st)
		}
		if st, _, _ = seeker.post("/akun/kontak/konfirmasi", url.Values{"kind": {"phone"}, "code": {code}, "consent": {"ya"}}); st != http.StatusSeeOther {
			t.Fatalf("confirm: %d", st)
		}
		if _, body, _ = seeker.get("/akun/kontak"); !strings.Contains(body, "Sudah dipastikan") {
			t.Fatal("phone not shown verified")
		}

		officer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		officer.loginWith("petugas@disnaker.test", apptest.OtherPassword)
		page := fmt.Sprintf("/petugas/pencari/%d", sk.ID)
		if _, body, _ = officer.get(page); !strings.Contains(body, `action="`+page+`/pemulihan"`) {
			t.Fatal("no assisted recovery form on the seeker's page")
		}
		st, _, hdr := officer.post(page+"/pemulihan", url.Values{"ktp_checked": {"ya"}, "nik_last4": {"0008"}})
		if st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), page) {
			t.Fatalf("wrong NIK digits: %d %s", st, hdr.Get("Location"))
		}
		if _, body, _ = officer.get(page); !strings.Contains(body, "tidak cocok") {
			t.Fatal("the mismatch is not said")
		}
		st, body, _ = officer.post(page+"/pemulihan", url.Values{"ktp_checked": {"ya"}, "nik_last4": {"0007"}})
		m := regexp.MustCompile(`id="assist-code" class="code">(\d{6})<`).FindStringSubmatch(body)
		if st != 200 || m == nil {
			t.Fatalf("assist: %d\n%s", st, body)
		}
		if st, _, _ = seeker.get("/akun/kontak"); st != http.StatusSeeOther {
			t.Fatalf("the seeker's session outlived the office reset: %d", st)
		}

		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, body, _ = anon.get("/lupa-sandi/atur"); st != 200 || !strings.Contains(body, `name="code"`) {
			t.Fatalf("reset form: %d", st)
		}
		st, _, hdr = anon.post("/lupa-sandi/atur", url.Values{"login": {login}, "code": {m[1]}, "password": {"Sawah-Hijau-Pagi-31"},
			"password2": {"Sawah-Hijau-Pagi-31"}})
		if st != http.StatusSeeOther || hdr.Get("Location") != "/masuk" {
			t.Fatalf("reset: %d %s", st, hdr.Get("Location"))
		}
		seeker.loginWith(login, "Sawah-Hijau-Pagi-31")
		if _, body, _ = seeker.get("/akun/kontak"); !strings.Contains(body, "Riwayat keamanan") || !strings.Contains(body, "Bu Yani") {
			t.Fatal("the office reset is not shown on the account page")
		}
	})
}
