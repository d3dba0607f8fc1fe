package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestMemberConfirmsUnionComplaint: a union names a worker; the worker sees
// it on their complaints page and only a confirmation shares it with them.
func TestMemberConfirmsUnionComplaint(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a := srv.Services
		ctx := t.Context()
		union, err := a.Auth.ByLogin(ctx, "serikat@bursa.test")
		if err != nil {
			t.Fatal(err)
		}
		member, err := a.Auth.ByLogin(ctx, "pencari@bursa.test")
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.Complaints.Submit(ctx, &union, complaint.Input{Category: complaint.BPJS, EmployerID: 1, Region: "3672",
			Narrative: "Anggota kami tidak didaftarkan BPJS Ketenagakerjaan sejak masuk kerja.", HappenedOn: "2026-02-20",
			UnionName: "PUK SPSI Uji", Members: []complaint.Member{{Name: "Siti Nurhayati", UserID: member.ID, Consent: true,
				ConsentNote: "rapat anggota"}}}, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		b := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		b.login("pencari@bursa.test")
		if st, _, _ := b.get("/pengaduan/saya/" + r.Code); st != 404 {
			t.Fatalf("the union's complaint opens before the member confirmed: %d", st)
		}
		st, body, _ := b.get("/pengaduan/saya")
		if st != 200 || !strings.Contains(body, `id="anggota-`+r.Code+`"`) || !strings.Contains(body, "PUK SPSI Uji") {
			t.Fatalf("pending membership not shown: %d", st)
		}
		if st, _, _ := b.post("/pengaduan/saya/"+r.Code+"/anggota", url.Values{"answer": {"ya"}}); st != http.StatusSeeOther {
			t.Fatalf("confirm: %d", st)
		}
		if st, _, _ := b.get("/pengaduan/saya/" + r.Code); st != 200 {
			t.Fatalf("the confirmed member cannot open the complaint: %d", st)
		}
	})
}
