package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint/complainttest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestMemberConfirmsUnionComplaint: a union names a worker; the worker sees
// it on their complaints page and only a confirmation shares it with them.
func TestMemberConfirmsUnionComplaint(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		code := complainttest.UnionNamesMember(t, srv.Services)
		b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		b.login("pencari@bursa.test")
		if st, _, _ := b.get("/pengaduan/saya/" + code); st != 404 {
			t.Fatalf("the union's complaint opens before the member confirmed: %d", st)
		}
		st, body, _ := b.get("/pengaduan/saya")
		if st != 200 || !strings.Contains(body, `id="anggota-`+code+`"`) || !strings.Contains(body, "PUK SPSI Uji") {
			t.Fatalf("pending membership not shown: %d", st)
		}
		if st, _, _ := b.post("/pengaduan/saya/"+code+"/anggota", url.Values{"answer": {"ya"}}); st != http.StatusSeeOther {
			t.Fatalf("confirm: %d", st)
		}
		if st, _, _ := b.get("/pengaduan/saya/" + code); st != 200 {
			t.Fatalf("the confirmed member cannot open the complaint: %d", st)
		}
	})
}
