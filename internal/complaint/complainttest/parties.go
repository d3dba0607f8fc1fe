// Package complainttest sets up, over the demo province, the parties the
// door tests of both the pages and the API ask for each other's objects: an
// inspector of another region and an employer that is not the case's, with
// the ids of the demo's case, complaint, dispute, evidence and aspiration
// they ask for.
package complainttest

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/cli"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
)

// Password is the password of the accounts made here, the demo's own.
const Password = "bursa-demo"

// Parties are two strangers to the demo's cases and what they ask for.
type Parties struct {
	// OtherPengawas is the login of an inspector registered for Kabupaten
	// Lebak only: no demo case is theirs.
	OtherPengawas string
	// OtherHR is the login of the owner of a company that no case is about.
	OtherHR string

	Case       int64 // the demo's inspection at nota I about Employer
	Complaint  int64 // a complaint in Case
	Dispute    int64 // the demo's dispute in mediation
	Evidence   int64 // an evidence file of a complaint in Kabupaten Serang, in another case than Case
	Elsewhere  int64 // that complaint: not in Case
	Employer   int64 // PT Baja Mandiri Cilegon, of the demo's perusahaan@bursa.test
	Aspiration int64 // a demo aspiration
}

// Serve starts the application over d with the demo province and the
// parties, and returns them with the server's base URL.
func Serve(t testing.TB, d *db.DB) (Parties, string) {
	t.Helper()
	a, _ := apptest.Services(t, d)
	apptest.Demo(t, a)
	p := New(t, a)
	h, err := cli.Handler(a)
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := apptest.Server(t, h)
	return p, srv.URL
}

// New makes the strangers over a.DB, which holds the demo (apptest.Demo).
func New(t testing.TB, a *app.Services) Parties {
	t.Helper()
	ctx := context.Background()
	var p Parties
	one := func(q string, dst *int64, args ...any) {
		t.Helper()
		if err := a.DB.QueryRowContext(ctx, q, args...).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	one(`SELECT id FROM employers WHERE name = 'PT Baja Mandiri Cilegon'`, &p.Employer)
	one(`SELECT id FROM cases WHERE kind = 'pemeriksaan' AND state = 'nota_1' AND employer_id = ? ORDER BY id LIMIT 1`, &p.Case, p.Employer)
	one(`SELECT id FROM complaints WHERE case_id = ? ORDER BY id LIMIT 1`, &p.Complaint, p.Case)
	one(`SELECT id FROM cases WHERE kind = 'perselisihan' AND state = 'mediasi' ORDER BY id LIMIT 1`, &p.Dispute)
	one(`SELECT id FROM aspirations ORDER BY id LIMIT 1`, &p.Aspiration)

	admin, err := a.Auth.ByLogin(ctx, "admin@bursa.test")
	if err != nil {
		t.Fatal(err)
	}
	p.OtherPengawas = "pengawas.lebak@bursa.test"
	lebak := user(t, a, p.OtherPengawas, "Pengawas Lebak", auth.Pengawas)
	if err := a.Complaints.SetOfficer(ctx, &admin, complaint.OfficerInput{UserID: lebak.ID, Kind: string(auth.Pengawas),
		Regions: []string{"3602"}, Active: true}); err != nil {
		t.Fatal(err)
	}
	p.OtherHR = "hrd.lain@bursa.test"
	hr := user(t, a, p.OtherHR, "HRD PT Lain", auth.Perusahaan)
	if _, err := a.Employers.Register(ctx, a.DB, hr.ID, employer.Input{Name: "PT Sepatu Lain Tangerang", NIB: "9120000099991",
		KBLISection: "C", SizeClass: employer.Besar, Region: "3603", Address: "Kawasan Industri Blok C No. 9",
		ContactName: "Rina", ContactPhone: "0813 1234 9999"}); err != nil {
		t.Fatal(err)
	}

	var photo bytes.Buffer
	png.Encode(&photo, image.NewGray(image.Rect(0, 0, 3, 3)))
	r, err := a.Complaints.Submit(ctx, nil, complaint.Input{Category: complaint.Lembur, EmployerName: "PT Maju Jaya Serang",
		Region: "3604", Narrative: "Lembur tiga jam setiap hari tidak pernah dibayar sejak Januari.", HappenedOn: "2026-02-20",
		PIN: "258036", Files: []complaint.Upload{complaint.UploadBytes(photo.Bytes())}}, "10.9.9.9")
	if err != nil {
		t.Fatal(err)
	}
	one(`SELECT id FROM complaints WHERE code = ?`, &p.Elsewhere, r.Code)
	one(`SELECT id FROM complaint_files WHERE complaint_id = ?`, &p.Evidence, p.Elsewhere)
	return p
}

func user(t testing.TB, a *app.Services, login, name string, role auth.Role) auth.User {
	t.Helper()
	u, err := a.Auth.Create(context.Background(), a.DB, auth.NewUser{Login: login, Name: name, Password: Password,
		Roles: []auth.Role{role}})
	if err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return u
}

// UnionNamesMember files, as the demo union (serikat@bursa.test), a BPJS
// complaint naming the demo seeker (pencari@bursa.test) as a consenting
// member, and returns its tracking code: the member has not confirmed yet.
func UnionNamesMember(t testing.TB, a *app.Services) string {
	t.Helper()
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
	return r.Code
}
