package api_test

import (
	"strconv"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

func wantProblem(t *testing.T, what string, st, want int, h map[string][]string, p problem, field, code string) {
	t.Helper()
	if st != want || len(h["Content-Type"]) == 0 || h["Content-Type"][0] != "application/problem+json" {
		t.Fatalf("%s: %d %v, want %d problem+json", what, st, h["Content-Type"], want)
	}
	if field == "" {
		return
	}
	for _, fe := range p.Errors {
		if fe.Field == field && (code == "" || fe.Code == code) && fe.Detail != "" {
			return
		}
	}
	t.Fatalf("%s: want %s/%s in %+v", what, field, code, p.Errors)
}

func outboxCode(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	var code string
	if err := d.QueryRowContext(t.Context(), `SELECT code FROM outbox WHERE address = ? ORDER BY id DESC LIMIT 1`, address).Scan(&code); err != nil {
		t.Fatalf("no message to %s: %v", address, err)
	}
	return code
}

// TestAccountsAPI walks a mobile app's newcomer: create the account, verify
// the email, forget the password, reset it.
func TestAccountsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, false)
		app := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		var p problem
		st, h := app.do("POST", "/api/v1/accounts", map[string]string{"login": "08", "name": "Rina", "password": "12345678", "role": "admin"}, &p)
		wantProblem(t, "bad account", st, 422, h, p, "login", "login_invalid")
		wantProblem(t, "bad account", st, 422, h, p, "password", "password_weak")
		wantProblem(t, "bad account", st, 422, h, p, "role", "role_invalid")
		var u struct {
			ID    int64    `json:"id"`
			Login string   `json:"login"`
			Roles []string `json:"roles"`
		}
		body := map[string]string{"login": "rina@contoh.id", "name": "Rina Marlina", "password": "Kebun-Teh-Segar-8", "role": "pencari", "lang": "id"}
		if st, _ := app.do("POST", "/api/v1/accounts", body, &u); st != 201 || u.Login != "rina@contoh.id" || len(u.Roles) != 1 || u.Roles[0] != "pencari" {
			t.Fatalf("create: %d %+v", st, u)
		}
		if st, _ := app.do("GET", "/api/v1/me", nil, nil); st != 200 {
			t.Fatalf("logged in after creating: %d", st)
		}
		p = problem{}
		st, h = (&client{t: t, base: srv.URL, c: apptest.NewClient()}).do("POST", "/api/v1/accounts", body, &p)
		wantProblem(t, "taken", st, 422, h, p, "login", "login_taken")

		// Verify the email.
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := anon.do("POST", "/api/v1/me/contacts/verify", map[string]string{"kind": "email", "address": "rina@contoh.id"}, nil); st != 401 {
			t.Fatalf("anonymous verify: %d", st)
		}
		if st, _ := app.do("POST", "/api/v1/me/contacts/verify", map[string]string{"kind": "email", "address": "rina@contoh.id"}, nil); st != 202 {
			t.Fatalf("verify: %d", st)
		}
		code := outboxCode(t, d, "rina@contoh.id")
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		p = problem{}
		st, h = app.do("POST", "/api/v1/me/contacts/confirm", map[string]string{"kind": "email", "code": wrong}, &p)
		wantProblem(t, "wrong code", st, 422, h, p, "code", "code_wrong")
		var ct struct {
			Verified bool   `json:"verified"`
			Address  string `json:"address"`
		}
		if st, _ := app.do("POST", "/api/v1/me/contacts/confirm", map[string]string{"kind": "email", "code": code}, &ct); st != 200 || !ct.Verified {
			t.Fatalf("confirm: %d %+v", st, ct)
		}
		var cs struct {
			Email struct {
				Verified bool `json:"verified"`
			} `json:"email"`
		}
		if st, _ := app.do("GET", "/api/v1/me/contacts", nil, &cs); st != 200 || !cs.Email.Verified {
			t.Fatalf("contacts: %d %+v", st, cs)
		}
		// Throttled per contact: 3 in 15 minutes, then 429 with Retry-After.
		for range 2 {
			app.do("POST", "/api/v1/me/contacts/verify", map[string]string{"kind": "email", "address": "rina@contoh.id"}, nil)
		}
		p = problem{}
		st, h = app.do("POST", "/api/v1/me/contacts/verify", map[string]string{"kind": "email", "address": "rina@contoh.id"}, &p)
		wantProblem(t, "fourth code", st, 429, h, p, "", "")
		if s, err := strconv.Atoi(h.Get("Retry-After")); err != nil || s <= 0 {
			t.Fatalf("Retry-After %q", h.Get("Retry-After"))
		}

		// Forget the password.
		for _, login := range []string{"tidak.ada@contoh.id", "bukan-login", "rina@contoh.id"} {
			if st, _ := anon.do("POST", "/api/v1/password-reset", map[string]string{"login": login}, nil); st != 202 {
				t.Fatalf("reset %s: %d", login, st)
			}
		}
		code = outboxCode(t, d, "rina@contoh.id")
		p = problem{}
		st, h = anon.do("POST", "/api/v1/password-reset/confirm", map[string]string{"login": "tidak.ada@contoh.id", "code": code, "password": "Sawah-Hijau-Pagi-31"}, &p)
		wantProblem(t, "unknown login", st, 422, h, p, "code", "code_invalid")
		p = problem{}
		st, h = anon.do("POST", "/api/v1/password-reset/confirm", map[string]string{"login": "rina@contoh.id", "code": code, "password": "rina12345"}, &p)
		wantProblem(t, "weak", st, 422, h, p, "password", "")
		if st, _ := anon.do("POST", "/api/v1/password-reset/confirm", map[string]string{"login": "rina@contoh.id", "code": code, "password": "Sawah-Hijau-Pagi-31"}, nil); st != 204 {
			t.Fatalf("confirm reset: %d", st)
		}
		if st, _ := app.do("GET", "/api/v1/me", nil, nil); st != 401 {
			t.Fatalf("the app's session outlived the reset: %d", st)
		}
		if st, _ := anon.do("POST", "/api/v1/session", map[string]string{"login": "rina@contoh.id", "password": "Sawah-Hijau-Pagi-31"}, nil); st != 200 {
			t.Fatalf("login with the new password: %d", st)
		}
	})
}
