package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestProviderRegistry: an officer registers a BLK and links a lembaga
// account, which then runs it; bad input is refused beside the field and
// stores nothing; other roles may not.
func TestProviderRegistry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a := srv.Services
		if _, err := a.Auth.Create(t.Context(), d, auth.NewUser{Login: "staf.blk@bursa.test", Name: "Rina Staf BLK",
			Password: "rahasia-blk-2026", Roles: []auth.Role{auth.Lembaga}}); err != nil {
			t.Fatal(err)
		}
		officer := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		officer.login("petugas@bursa.test")
		if st, _, _ := officer.get("/petugas/lembaga"); st != 200 {
			t.Fatalf("providers page: %d", st)
		}
		count := func() int {
			var n int
			d.QueryRowContext(t.Context(), `SELECT count(*) FROM providers`).Scan(&n)
			return n
		}
		before := count()
		st, body, _ := officer.post("/petugas/lembaga", url.Values{"kind": {"blk"}, "name": {""}, "region": {"3672"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="err-name"`) || count() != before {
			t.Fatalf("provider without a name: %d, %d providers", st, count())
		}
		st, _, _ = officer.post("/petugas/lembaga", url.Values{"kind": {"blk"}, "name": {"UPTD BLK Cilegon"}, "region": {"3672"},
			"address": {"Jl. Raya Merak km 3"}})
		if st != http.StatusSeeOther || count() != before+1 {
			t.Fatalf("create provider: %d", st)
		}
		var id string
		d.QueryRowContext(t.Context(), `SELECT CAST(MAX(id) AS TEXT) FROM providers`).Scan(&id)
		officer.post("/petugas/lembaga/"+id+"/staf", url.Values{"login": {"tidak.ada@bursa.test"}})
		_, body, _ = officer.get("/petugas/lembaga")
		if !strings.Contains(body, "Tidak ada akun") {
			t.Error("an unknown login is not explained")
		}
		officer.post("/petugas/lembaga/"+id+"/staf", url.Values{"login": {"pencari@bursa.test"}})
		_, body, _ = officer.get("/petugas/lembaga")
		if strings.Contains(body, "Siti Nurhayati (pencari@bursa.test)") {
			t.Error("a seeker account became provider staff")
		}
		if st, _, _ := officer.post("/petugas/lembaga/"+id+"/staf", url.Values{"login": {"staf.blk@bursa.test"}}); st != http.StatusSeeOther {
			t.Fatalf("add staff: %d", st)
		}
		_, body, _ = officer.get("/petugas/lembaga")
		if !strings.Contains(body, "Rina Staf BLK") {
			t.Fatal("the staff member is not listed")
		}
		staff := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		staff.loginAs("staf.blk@bursa.test", "rahasia-blk-2026")
		if st, body, _ := staff.get("/lembaga"); st != 200 || !strings.Contains(body, "UPTD BLK Cilegon") {
			t.Fatalf("the new staff member's dashboard: %d", st)
		}
		seeker := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		seeker.login("pencari@bursa.test")
		if st, _, _ := seeker.get("/petugas/lembaga"); st != 403 {
			t.Errorf("a seeker opens the provider registry: %d", st)
		}
	})
}

func (b *browser) loginAs(who, password string) {
	b.t.Helper()
	st, body, _ := b.post("/masuk", url.Values{"login": {who}, "password": {password}})
	if st != http.StatusSeeOther {
		b.t.Fatalf("login %s: %d %s", who, st, body)
	}
}
