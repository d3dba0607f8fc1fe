package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/account"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
)

const (
	password    = "Kebun-Teh-Segar-8"
	newPassword = "Sawah-Hijau-Pagi-31"
	addr        = "198.51.100.7"
)

var ctx = context.Background()

func user(t *testing.T, a *app.Services, login string, roles ...auth.Role) *auth.User {
	t.Helper()
	if len(roles) == 0 {
		roles = []auth.Role{auth.Pencari}
	}
	u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: login, Name: "Siti Rahma", Password: password, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

// lastCode reads the code of the newest outbox row to address, as the
// person would read it on their phone or in their mailbox.
func lastCode(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	var code string
	if err := d.QueryRowContext(ctx, `SELECT code FROM outbox WHERE address = ? ORDER BY id DESC LIMIT 1`, address).Scan(&code); err != nil {
		t.Fatalf("no message to %s: %v", address, err)
	}
	return code
}

func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// verify proves a contact of u the way a person does.
func verify(t *testing.T, a *app.Services, u *auth.User, kind, address, channel string) {
	t.Helper()
	if err := a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: kind, Address: address, Channel: channel}, addr); err != nil {
		t.Fatal(err)
	}
	norm := address
	if kind == account.PhoneKind {
		norm, _ = auth.NormalizePhone(address)
	}
	if _, err := a.Accounts.ConfirmVerify(ctx, u, kind, lastCode(t, a.DB, norm), true); err != nil {
		t.Fatal(err)
	}
}

func wrong(code string) string {
	if code == "000000" {
		return "000001"
	}
	return "000000"
}

func TestRegister(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		other := "x"
		_, err := a.Accounts.Register(ctx, account.Registration{Login: "0812", Name: "", Password: "12345678", Repeat: &other, Role: "admin"})
		for _, f := range [][2]string{{"login", "login_invalid"}, {"name", "required"}, {"password", ""}, {"password2", "password_mismatch"}, {"role", "role_invalid"}} {
			apptest.WantCode(t, err, f[0], f[1])
		}
		u, err := a.Accounts.Register(ctx, account.Registration{Login: "hrd@pabrik.test", Name: "Dewi", Password: password, Role: "perusahaan"})
		if err != nil {
			t.Fatal(err)
		}
		if !u.Has(auth.Perusahaan) || u.Has(auth.Pencari) {
			t.Fatalf("roles = %v", u.Roles)
		}
		u, err = a.Accounts.Register(ctx, account.Registration{Login: "0812-3456-7890", Name: "Asep", Password: password})
		if err != nil || !u.Has(auth.Pencari) {
			t.Fatalf("default role: %v %v", u.Roles, err)
		}
		_, err = a.Accounts.Register(ctx, account.Registration{Login: "+62 812 3456 7890", Name: "Asep", Password: password})
		apptest.WantCode(t, err, "login", "login_taken")
	})
}

func TestPasswordReset(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		u := user(t, a, "siti@contoh.id")
		verify(t, a, u, account.EmailKind, "siti@contoh.id", "")
		verify(t, a, u, account.PhoneKind, "0812 1111 2222", "sms")
		for range 2 {
			if _, err := a.Auth.StartSession(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		// Someone guessed at the login: it is slowed down.
		for range 5 {
			a.Auth.Authenticate(ctx, "siti@contoh.id", "salah-salah-salah", "203.0.113.9")
		}
		if _, err := a.Auth.Authenticate(ctx, "siti@contoh.id", password, "203.0.113.9"); !errors.Is(err, fail.TooMany) {
			t.Fatalf("want the login slowed down, got %v", err)
		}

		if err := a.Accounts.RequestReset(ctx, "SITI@contoh.id", addr); err != nil {
			t.Fatal(err)
		}
		var url, emailCode string
		if err := d.QueryRowContext(ctx, `SELECT url, code FROM outbox WHERE address = ? AND channel = 'email' ORDER BY id DESC LIMIT 1`,
			"siti@contoh.id").Scan(&url, &emailCode); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(url, "/lupa-sandi/atur?t=") || len(emailCode) != 6 {
			t.Fatalf("email: url %q code %q", url, emailCode)
		}
		var channel, phoneCode string
		if err := d.QueryRowContext(ctx, `SELECT channel, code FROM outbox WHERE address = '+6281211112222' ORDER BY id DESC LIMIT 1`).
			Scan(&channel, &phoneCode); err != nil {
			t.Fatal(err)
		}
		if channel != "sms" || phoneCode != emailCode {
			t.Fatalf("phone: %s %q, want sms and the code %q", channel, phoneCode, emailCode)
		}
		// The code stays out of every inbox.
		if n := count(t, d, `SELECT COUNT(*) FROM notifications WHERE body LIKE ?`, "%"+emailCode+"%"); n != 0 {
			t.Fatalf("code in the inbox %d times", n)
		}

		// A weak password is refused and spends no try.
		for range account.MaxTries + 1 {
			err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: emailCode, Password: "12345678"})
			apptest.WantCode(t, err, "password", "password_weak")
		}
		err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: wrong(emailCode), Password: newPassword})
		apptest.WantCode(t, err, "code", "code_invalid")
		if err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "0812-1111-2222", Code: emailCode, Password: newPassword}); err == nil {
			t.Fatal("the phone is not the login: want the code refused for an unknown login")
		}
		if err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: emailCode[:3] + " " + emailCode[3:],
			Password: newPassword}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM sessions WHERE user_id = ?`, u.ID); n != 0 {
			t.Fatalf("%d sessions outlived the reset", n)
		}
		if _, err := a.Auth.Authenticate(ctx, "siti@contoh.id", newPassword, "203.0.113.9"); err != nil {
			t.Fatalf("the new password, at once (slowdown cleared): %v", err)
		}
		if _, err := a.Auth.Authenticate(ctx, "siti@contoh.id", password, addr); err == nil {
			t.Fatal("the old password still works")
		}
		// Single use.
		err = a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: emailCode, Password: "Lain-Kali-Pakai-77"})
		apptest.WantCode(t, err, "code", "code_invalid")
		// The person is told, in the inbox and on their channels, without a code.
		if n := count(t, d, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'akun'`, u.ID); n != 1 {
			t.Fatalf("%d inbox notices of the reset", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM outbox WHERE user_id = ? AND notification_id IS NOT NULL AND code = ''`, u.ID); n != 2 {
			t.Fatalf("%d channel messages of the reset, want email and phone", n)
		}

		// Expiry after 30 minutes, by the clock.
		if err := a.Accounts.RequestReset(ctx, "siti@contoh.id", addr); err != nil {
			t.Fatal(err)
		}
		code := lastCode(t, d, "siti@contoh.id")
		clk.T = clk.T.Add(account.ResetTTL + time.Second)
		err = a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: code, Password: "Lain-Kali-Pakai-77"})
		apptest.WantCode(t, err, "code", "code_invalid")

		// Five wrong tries spend the code.
		if err := a.Accounts.RequestReset(ctx, "siti@contoh.id", addr); err != nil {
			t.Fatal(err)
		}
		code = lastCode(t, d, "siti@contoh.id")
		for range account.MaxTries {
			err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: wrong(code), Password: "Lain-Kali-Pakai-77"})
			apptest.WantCode(t, err, "code", "code_invalid")
		}
		err = a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: code, Password: "Lain-Kali-Pakai-77"})
		apptest.WantCode(t, err, "code", "code_invalid")

		// A new code ends the old one; the email's link works alone.
		clk.T = clk.T.Add(time.Hour)
		if err := a.Accounts.RequestReset(ctx, "siti@contoh.id", addr); err != nil {
			t.Fatal(err)
		}
		old := lastCode(t, d, "siti@contoh.id")
		if err := a.Accounts.RequestReset(ctx, "siti@contoh.id", addr); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRowContext(ctx, `SELECT url FROM outbox WHERE address = ? ORDER BY id DESC LIMIT 1`, "siti@contoh.id").Scan(&url); err != nil {
			t.Fatal(err)
		}
		if old != lastCode(t, d, "siti@contoh.id") {
			err = a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "siti@contoh.id", Code: old, Password: "Lain-Kali-Pakai-77"})
			apptest.WantCode(t, err, "code", "code_invalid")
		}
		token := strings.TrimPrefix(url, "/lupa-sandi/atur?t=")
		if err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Token: token, Password: "Lain-Kali-Pakai-77"}); err != nil {
			t.Fatal(err)
		}
		err = a.Accounts.ConfirmReset(ctx, account.ResetInput{Token: token, Password: "Lain-Kali-Pakai-78"})
		apptest.WantCode(t, err, "code", "code_invalid")
	})
}

// TestResetSameAnswer: an unknown login, an account without a verified
// contact and a throttled login all get the same answer, and an address
// that was never verified never receives a code.
func TestResetSameAnswer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		u := user(t, a, "081255556666")
		// A phone the person typed but never confirmed.
		if err := a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: account.PhoneKind, Address: "081255556666"}, addr); err != nil {
			t.Fatal(err)
		}
		before := count(t, d, `SELECT COUNT(*) FROM outbox`)
		for _, login := range []string{"081255556666", "tidak.ada@contoh.id", "0899 0000 1111"} {
			if err := a.Accounts.RequestReset(ctx, login, addr); err != nil {
				t.Fatalf("%s: %v", login, err)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM outbox`); n != before {
			t.Fatalf("%d messages sent to no verified contact", n-before)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM account_codes WHERE purpose = 'reset'`); n != 0 {
			t.Fatalf("%d reset codes for nobody to receive", n)
		}
		err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "tidak.ada@contoh.id", Code: "123456", Password: newPassword})
		apptest.WantCode(t, err, "code", "code_invalid")
		// What cannot be a login gets the same answer as an unknown login;
		// only an empty one is refused.
		if err := a.Accounts.RequestReset(ctx, "bukan login", addr); err != nil {
			t.Fatalf("a malformed login: %v", err)
		}
		apptest.WantCode(t, a.Accounts.RequestReset(ctx, " ", addr), "login", "required")

		// Throttled: still nil, but nothing more is sent.
		v := user(t, a, "budi@contoh.id")
		verify(t, a, v, account.EmailKind, "budi@contoh.id", "")
		for i := range 5 {
			if err := a.Accounts.RequestReset(ctx, "budi@contoh.id", addr); err != nil {
				t.Fatal(err)
			}
			if i == 2 {
				before = count(t, d, `SELECT COUNT(*) FROM outbox WHERE address = 'budi@contoh.id'`)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM outbox WHERE address = 'budi@contoh.id'`); n != before {
			t.Fatalf("%d codes sent past the throttle", n-before)
		}
	})
}

func TestVerifyContact(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		u := user(t, a, "0812 3333 4444")
		c, err := a.Accounts.Contacts(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if c.PrefillPhone != "+6281233334444" || c.Phone.Address != "" {
			t.Fatalf("the login is offered first: %+v", c)
		}
		apptest.WantCode(t, a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: "phone", Address: "12", Channel: "pigeon"}, addr), "channel", "channel_invalid")
		apptest.WantCode(t, a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: "fax", Address: "12"}, addr), "kind", "contact_kind_invalid")
		if _, err := a.Accounts.ConfirmVerify(ctx, nil, "phone", "123456", true); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("nobody: %v", err)
		}

		in := account.VerifyInput{Kind: "phone", Address: "0812 3333 4444", Channel: "whatsapp"}
		if err := a.Accounts.StartVerify(ctx, u, in, addr); err != nil {
			t.Fatal(err)
		}
		var hash string
		code := lastCode(t, d, "+6281233334444")
		if err := d.QueryRowContext(ctx, `SELECT code_hash FROM account_codes WHERE user_id = ?`, u.ID).Scan(&hash); err != nil || strings.Contains(hash, code) {
			t.Fatalf("code stored as %q (%v)", hash, err)
		}
		// Expires in 10 minutes.
		clk.T = clk.T.Add(account.VerifyTTL + time.Second)
		_, err = a.Accounts.ConfirmVerify(ctx, u, "phone", code, true)
		apptest.WantCode(t, err, "code", "code_expired")

		// Five tries.
		if err := a.Accounts.StartVerify(ctx, u, in, addr); err != nil {
			t.Fatal(err)
		}
		code = lastCode(t, d, "+6281233334444")
		for range account.MaxTries {
			_, err := a.Accounts.ConfirmVerify(ctx, u, "phone", wrong(code), true)
			apptest.WantCode(t, err, "code", "code_wrong")
		}
		_, err = a.Accounts.ConfirmVerify(ctx, u, "phone", code, true)
		apptest.WantCode(t, err, "code", "code_expired")

		// Three sends per contact in 15 minutes: the fourth is 429.
		if err := a.Accounts.StartVerify(ctx, u, in, addr); err != nil {
			t.Fatal(err)
		}
		err = a.Accounts.StartVerify(ctx, u, in, "192.0.2.1")
		var le *account.LimitError
		if !errors.As(err, &le) || !errors.Is(err, fail.TooMany) || fail.RetryAfter(err, fail.TooMany) <= 0 {
			t.Fatalf("fourth send: %v", err)
		}
		code = lastCode(t, d, "+6281233334444")
		ct, err := a.Accounts.ConfirmVerify(ctx, u, "phone", code, true)
		if err != nil || !ct.Verified || ct.Address != "+6281233334444" {
			t.Fatalf("confirm: %+v %v", ct, err)
		}
		var granted bool
		if err := d.QueryRowContext(ctx, `SELECT granted FROM consents WHERE user_id = ? AND channel = 'whatsapp'`, u.ID).Scan(&granted); err != nil || !granted {
			t.Fatalf("WhatsApp consent not recorded: %v", err)
		}
		clk.T = clk.T.Add(16 * time.Minute)

		// Email without consent: verified, no consent row.
		verifyNoConsent := func(v *auth.User, email string) error {
			if err := a.Accounts.StartVerify(ctx, v, account.VerifyInput{Kind: "email", Address: email}, addr); err != nil {
				return err
			}
			_, err := a.Accounts.ConfirmVerify(ctx, v, "email", lastCode(t, d, email), false)
			return err
		}
		if err := verifyNoConsent(u, "siti@contoh.id"); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM consents WHERE user_id = ? AND channel = 'email'`, u.ID); n != 0 {
			t.Fatal("consent recorded without the person's yes")
		}
		// A verified address belongs to one account.
		v := user(t, a, "lain@contoh.id")
		apptest.WantCode(t, verifyNoConsent(v, "siti@contoh.id"), "address", "contact_taken")

		// Changing the address resets its verification.
		if err := a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: "email", Address: "siti.baru@contoh.id"}, addr); err != nil {
			t.Fatal(err)
		}
		c, err = a.Accounts.Contacts(ctx, u)
		if err != nil || c.Email.Address != "siti.baru@contoh.id" || c.Email.Verified || !c.Email.Pending || !c.Phone.Verified {
			t.Fatalf("after a change: %+v %v", c, err)
		}

		// Per client address: many contacts from one place stop at 20.
		var last error
		for i := range 21 {
			w := user(t, a, "orang"+string(rune('a'+i))+"@contoh.id")
			last = a.Accounts.StartVerify(ctx, w, account.VerifyInput{Kind: "email", Address: "orang" + string(rune('a'+i)) + "@contoh.id"}, "203.0.113.50")
			if i < 20 && last != nil {
				t.Fatalf("send %d: %v", i, last)
			}
		}
		if !errors.As(last, &le) {
			t.Fatalf("21st send from one address: %v", last)
		}
	})
}

func TestAssist(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		login := apptest.OtherSeeker(t, a)
		su, err := a.Auth.ByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		sk, err := a.Seekers.ByUser(ctx, su.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Auth.StartSession(ctx, su.ID); err != nil {
			t.Fatal(err)
		}
		officer := user(t, a, "petugas@disnaker.test", auth.Petugas)
		hr := user(t, a, "hrd@pabrik.test", auth.Perusahaan)

		if _, err := a.Accounts.Assist(ctx, hr, sk.ID, account.AssistInput{KTPChecked: true, NIKLast4: "0007"}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("HR: %v", err)
		}
		if _, err := a.Accounts.Assist(ctx, officer, sk.ID+1000, account.AssistInput{KTPChecked: true, NIKLast4: "0007"}); !errors.Is(err, fail.NotFound) {
			t.Fatalf("no such seeker: %v", err)
		}
		_, err = a.Accounts.Assist(ctx, officer, sk.ID, account.AssistInput{NIKLast4: "07"})
		apptest.WantCode(t, err, "ktp_checked", "ktp_check_required")
		apptest.WantCode(t, err, "nik_last4", "nik_last4_format")
		_, err = a.Accounts.Assist(ctx, officer, sk.ID, account.AssistInput{KTPChecked: true, NIKLast4: "0008"})
		apptest.WantCode(t, err, "nik_last4", "nik_last4_mismatch")
		if n := count(t, d, `SELECT COUNT(*) FROM sessions WHERE user_id = ?`, su.ID); n != 1 {
			t.Fatal("a refused assist ended sessions")
		}

		got, err := a.Accounts.Assist(ctx, officer, sk.ID, account.AssistInput{KTPChecked: true, NIKLast4: "0007"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Login != "+6281377778888" || len(got.Code) != 6 {
			t.Fatalf("assisted = %+v", got)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM sessions WHERE user_id = ?`, su.ID); n != 0 {
			t.Fatal("sessions outlived the office reset")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM audit_log WHERE actor_id = ? AND action = 'account.recover' AND subject_type = 'seeker' AND subject_id = ?`,
			officer.ID, sk.ID); n != 1 {
			t.Fatalf("%d audit entries", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'akun'`, su.ID); n != 1 {
			t.Fatalf("%d inbox notices", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM outbox WHERE code = ?`, got.Code); n != 0 {
			t.Fatal("the office code left bursa")
		}
		c, err := a.Accounts.Contacts(ctx, &su)
		if err != nil || len(c.Events) != 1 || c.Events[0].ActorName != "Siti Rahma" {
			t.Fatalf("account page events: %+v %v", c.Events, err)
		}
		if err := a.Accounts.ConfirmReset(ctx, account.ResetInput{Login: "0813 7777 8888", Code: got.Code, Password: newPassword}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Auth.Authenticate(ctx, login, newPassword, addr); err != nil {
			t.Fatal(err)
		}
	})
}

// TestVerifyWithoutGateway: a code asked for by a channel this office has
// no gateway for goes by the other phone channel, or is refused plainly
// (nothing written) when there is none.
func TestVerifyWithoutGateway(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		u := user(t, a, "0812 3333 5555")
		a.Notify.Enabled = map[notify.Channel]bool{notify.SMS: true}
		if err := a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: "phone", Address: "0812 3333 5555", Channel: "whatsapp"}, addr); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM outbox WHERE address = '+6281233335555' AND channel = 'sms'`); n != 1 {
			t.Fatalf("the code did not go by SMS: %d rows", n)
		}
		a.Notify.Enabled = map[notify.Channel]bool{}
		apptest.WantCode(t, a.Accounts.StartVerify(ctx, u, account.VerifyInput{Kind: "email", Address: "siti@example.id"}, addr), "address", "channel_unavailable")
		if n := count(t, d, `SELECT COUNT(*) FROM contacts WHERE user_id = ? AND kind = 'email'`, u.ID); n != 0 {
			t.Fatalf("a refused request wrote a contact")
		}
	})
}
