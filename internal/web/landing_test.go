package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
)

// TestLandingPages checks every role lands on its own work after login, not
// on the public home page, and that the page it lands on opens for it.
func TestLandingPages(t *testing.T) {
	a := apptest.Start(t, dbtest.SQLite(t), true)
	want := map[string]string{
		"pencari": "/pencari", "perusahaan": "/perusahaan", "petugas": "/petugas", "admin": "/admin/petugas",
		"pengawas": "/pengawasan", "mediator": "/pengawasan", "lembaga": "/lembaga", "analis": "/laporan-lowongan",
		"serikat": "/pengaduan/saya", "koperasi": "/koperasi", "bkk": "/bkk",
	}
	for _, acc := range demo.Accounts() {
		b := &browser{t: t, base: a.URL, c: apptest.NewClient()}
		st, _, h := b.post("/masuk", url.Values{"login": {acc.Login}, "password": {demo.Password}})
		if st != http.StatusSeeOther {
			t.Fatalf("%s: login %d", acc.Login, st)
		}
		if got := h.Get("Location"); got != want[string(acc.Role)] {
			t.Errorf("%s lands on %q, want %q", acc.Role, got, want[string(acc.Role)])
			continue
		}
		if st, _, _ := b.get(h.Get("Location")); st != http.StatusOK {
			t.Errorf("%s: landing page %s answers %d", acc.Role, h.Get("Location"), st)
		}
	}
}
