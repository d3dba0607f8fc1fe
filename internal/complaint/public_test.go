package complaint_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

// TestComplianceRecord: substantiated findings per employer and category,
// public only once the case is final.
func TestComplianceRecord(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		other, _ := c.employer("PT Lain", "3604", employer.Besar)
		// An open case with a substantiated finding: not yet public.
		open := c.newCase(complaint.KindInspection, complaint.Nota1, true)
		// Final cases: one done, one handed to the PPNS, one not proven.
		c.newCase(complaint.KindInspection, complaint.Selesai, true)
		ppns := c.newCase(complaint.KindInspection, complaint.DilimpahkanPPNS, true)
		notProven := c.newCase(complaint.KindInspection, complaint.Temuan, false)
		c.move(c.o.supSerang, notProven, moveInput(complaint.DitutupTidakTerbukti))
		// Another employer's final case.
		r := c.submit(c.user("X", auth.Pencari), input(other))
		for _, st := range paths[complaint.Selesai] {
			if st == complaint.Temuan {
				c.finding(r.CaseID, true)
			}
			c.move(c.o.supSerang, r.CaseID, moveInput(st))
		}

		rec, err := c.s.Compliance(c.ctx, c.emp)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.ByCategory) != 1 || rec.ByCategory[0] != (complaint.ComplianceCount{Category: complaint.Lembur, Findings: 2, Cases: 2}) {
			t.Fatalf("record %+v", rec.ByCategory)
		}
		if len(rec.Findings) != 2 || rec.Findings[0].Outcome != complaint.DilimpahkanPPNS || rec.Findings[1].Outcome != complaint.Selesai {
			t.Fatalf("findings %+v", rec.Findings)
		}
		// The open case becomes public when it ends.
		c.move(c.o.supSerang, open, moveInput(complaint.Selesai))
		rec, _ = c.s.Compliance(c.ctx, c.emp)
		if rec.ByCategory[0].Findings != 3 {
			t.Fatalf("after closing: %+v", rec.ByCategory)
		}
		_ = ppns
		if rec, _ := c.s.Compliance(c.ctx, 999999); len(rec.ByCategory) != 0 {
			t.Fatal("record for an unknown employer")
		}
	})
}

// TestAspirations: workers and unions propose, officials answer in public,
// others support once per account.
func TestAspirations(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		w := e.user("Siti Nurhayati", auth.Pencari)
		union := e.user("Ketua PUK", auth.Serikat)
		emp := e.user("HRD", auth.Perusahaan)
		in := complaint.AspirationInput{Title: "Bus antar-jemput kawasan industri Cikande",
			Body: "Banyak pekerja shift malam pulang jalan kaki di jalan gelap. Mohon trayek bus malam.", Audience: complaint.AudienceProvince}
		if _, err := e.s.PostAspiration(e.ctx, emp, in); !errors.Is(err, complaint.ErrForbidden) {
			t.Fatalf("employer posted: %v", err)
		}
		bad := in
		bad.Title, bad.Body, bad.Audience, bad.UnionName = "Bus", "pendek", "dprd", "PUK"
		_, err := e.s.PostAspiration(e.ctx, w, bad)
		for _, f := range []string{"title", "body", "audience", "union_name"} {
			if !apptest.HasCode(err, f, "") {
				t.Errorf("no error on %s: %v", f, err)
			}
		}
		id, err := e.s.PostAspiration(e.ctx, w, in)
		if err != nil {
			t.Fatal(err)
		}
		ui := in
		ui.Title, ui.Audience, ui.UnionName = "Upah sektoral untuk industri kimia Cilegon", complaint.AudienceTripartit, "DPC SPSI Cilegon"
		uid, err := e.s.PostAspiration(e.ctx, union, ui)
		if err != nil {
			t.Fatal(err)
		}
		// Support once per account; never one's own.
		apptest.WantCode(t, e.s.SupportAspiration(e.ctx, w, id), "aspiration", "aspiration_own")
		for _, u := range []*auth.User{union, emp} {
			if err := e.s.SupportAspiration(e.ctx, u, id); err != nil {
				t.Fatal(err)
			}
		}
		apptest.WantCode(t, e.s.SupportAspiration(e.ctx, union, id), "aspiration", "aspiration_supported")
		if err := e.s.SupportAspiration(e.ctx, nil, id); !errors.Is(err, complaint.ErrLogin) {
			t.Fatalf("anonymous support: %v", err)
		}
		apptest.WantIs(t, e.s.SupportAspiration(e.ctx, union, 424242), db.ErrNotFound)
		// Officials answer in public.
		if err := e.s.AnswerAspiration(e.ctx, w, id, "saya juga"); !errors.Is(err, complaint.ErrForbidden) {
			t.Fatalf("worker answered: %v", err)
		}
		if err := e.s.AnswerAspiration(e.ctx, e.petugas, id, "Dishub Banten menjajaki trayek malam mulai Juli."); err != nil {
			t.Fatal(err)
		}
		list, err := e.s.Aspirations(e.ctx, 10, 0)
		if err != nil || len(list) != 2 || list[0].ID != uid {
			t.Fatalf("list %+v, %v", list, err)
		}
		a, _ := e.s.GetAspiration(e.ctx, id)
		if a.Supports != 2 || a.By != "S. N." || len(a.Answers) != 1 || a.Answers[0].By != "Petugas Disnaker" {
			t.Fatalf("aspiration %+v", a)
		}
		if list[0].By != "DPC SPSI Cilegon" {
			t.Fatalf("union aspiration by %q", list[0].By)
		}
		if n := e.count(`SELECT count(*) FROM aspiration_supports`); n != 2 {
			t.Fatalf("%d supports", n)
		}
	})
}

// TestPublicCounts: aggregated counts by category, region and state, with
// every key present, sealed waiting reports left out.
func TestPublicCounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		cil, _ := c.employer("PT Kimia", "3672", employer.Besar)
		w := c.user("Siti", auth.Pencari)
		c.submit(w, input(c.emp))
		in := input(cil)
		in.Region, in.Category = "3672", complaint.K3
		c.submit(w, in)
		c.newCase(complaint.KindInspection, complaint.Temuan, true)
		c.submit(nil, sealedInput(c.emp, complaint.BPJS, "401927")) // waiting: not counted
		c.newCase(complaint.KindDispute, complaint.Dicatat, true)
		got, err := c.s.PublicCounts(c.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Complaints.Shown() != "0" || got.Disputes.Shown() != "0" {
			t.Fatalf("today's complaints counted before the day is over: %+v", got)
		}
		c.clk.t = c.clk.t.AddDate(0, 0, 1)
		if got, err = c.s.PublicCounts(c.ctx); err != nil {
			t.Fatal(err)
		}
		// Totals of 1–4 are withheld too: "disputes: 1" told the one
		// employer in a dispute that it was the one.
		if got.Complaints.Shown() != "<5" || len(got.ByCategory) != len(complaint.Categories) || len(got.ByRegion) != 8 ||
			len(got.ByState) != len(complaint.InspectionStates) || got.Disputes.Shown() != "<5" {
			t.Fatalf("counts %+v", got)
		}
		shown := func(cs []complaint.Count, k string) string {
			for _, x := range cs {
				if x.Key == k {
					return x.Shown()
				}
			}
			return "missing"
		}
		// Small cells are "<5", never their number; empty ones are 0.
		if shown(got.ByCategory, complaint.Lembur) != "<5" || shown(got.ByCategory, complaint.K3) != "<5" || shown(got.ByCategory, complaint.BPJS) != "0" ||
			shown(got.ByRegion, "3604") != "<5" || shown(got.ByRegion, "3601") != "0" || shown(got.ByState, complaint.Temuan) != "<5" ||
			shown(got.ByDispute, complaint.DisputeDismissal) != "<5" || shown(got.ByOutcome, complaint.Dicatat) != "<5" {
			t.Fatalf("counts %+v", got)
		}
		for _, x := range got.ByCategory {
			if x.Few && x.N != 0 {
				t.Fatalf("a small cell carries its number: %+v", x)
			}
		}
	})
}

// TestNoPlaintextAtRest files complaints with every confidential part,
// then reads the raw SQLite files (database and write-ahead log) and finds
// none of it in the clear; and checks each part round-trips through the
// store. A value sealed for one column cannot be opened as another.
func TestNoPlaintextAtRest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "raw.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, d)
	o := e.org()
	emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
	// The account's own name lives in users, as for every account; what
	// must not appear is anything a complaint adds: the narrative, the
	// union and its members, messages, the broker named, evidence metadata.
	secrets := []string{"NARASI-RAHASIA-ZQX", "ANGGOTA-RAHASIA-QQ", "PESAN-RAHASIA-JJ",
		"CALO-RAHASIA-WW", "GPS-LOKASI-RAHASIA", "SERIKAT-RAHASIA-PP"}
	w, err := e.users.Create(ctx, d, auth.NewUser{Login: "0812 9999 1234", Name: "Siti Rahasiawati", NoPassword: true, Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		t.Fatal(err)
	}
	in := input(emp)
	in.Narrative = "Kejadian: NARASI-RAHASIA-ZQX, lembur tidak dibayar."
	in.Files = []complaint.Upload{complaint.UploadBytes(photo(t, 16, 16, 1))}
	r := e.submit(&w, in)
	union := e.user("Ketua", auth.Serikat)
	ui := input(emp)
	ui.UnionName = "SERIKAT-RAHASIA-PP"
	ui.Members = []complaint.Member{{Name: "ANGGOTA-RAHASIA-QQ", Consent: true}}
	e.submit(union, ui)
	if _, err := e.s.ReportFee(ctx, complaint.FeeReport{WhoAsked: "CALO-RAHASIA-WW", When: "2026-03-01", How: "whatsapp"}); err != nil {
		t.Fatal(err)
	}
	cid := e.caseOf(o.supSerang, r.CaseID).Complaints[0]
	if err := e.s.MessageComplainant(ctx, o.supSerang, cid, "PESAN-RAHASIA-JJ"); err != nil {
		t.Fatal(err)
	}
	// Round trip.
	conf, err := e.s.OpenComplaint(ctx, o.supSerang, cid)
	if err != nil || !strings.Contains(conf.Narrative.Text, "NARASI-RAHASIA-ZQX") || conf.Identity.Name != "Siti Rahasiawati" ||
		conf.Messages[0].Body != "PESAN-RAHASIA-JJ" {
		t.Fatalf("round trip %+v, %v", conf, err)
	}
	var details []byte
	d.QueryRowContext(ctx, `SELECT details_enc FROM complaints WHERE id = ?`, cid).Scan(&details)
	if _, err := e.box.Open(details, "complaint.identity"); err == nil {
		t.Fatal("the narrative opens under the identity context")
	}
	if _, err := e.box.Open(details, "complaint.details"); err != nil {
		t.Fatal("the narrative does not open under its own context")
	}
	d.Close()
	var raw []byte
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		raw = append(raw, b...)
	}
	if len(raw) < 10_000 {
		t.Fatalf("read only %d bytes", len(raw))
	}
	for _, s := range secrets {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("%q found in the clear in the SQLite file", s)
		}
	}
	// The test can see plaintext when there is some: the employer's name
	// is not confidential.
	if !bytes.Contains(raw, []byte("PT Baja Mandiri")) {
		t.Fatal("the raw read finds nothing at all")
	}
}

// TestPickOfficer is a property test of assignment: the chosen officer
// covers the region, is not a supervisor when someone else covers it, and
// no eligible officer has fewer open cases.
func TestPickOfficer(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	regions := []string{"3601", "3604", "3672", "36"}
	for i := 0; i < 2000; i++ {
		var offs []complaint.Officer
		for j := 0; j < rng.IntN(8); j++ {
			offs = append(offs, complaint.Officer{UserID: int64(j + 1), Kind: "pengawas", Supervisor: rng.IntN(4) == 0,
				Active: rng.IntN(6) != 0, OpenCases: rng.IntN(5), Regions: []string{regions[rng.IntN(len(regions))]}})
		}
		region := regions[rng.IntN(3)]
		covering := func(o complaint.Officer) bool {
			return o.Active && (o.Regions[0] == region || o.Regions[0] == "36")
		}
		got, ok := complaint.PickOfficer(offs, region)
		anyCover, anyPlain := false, false
		for _, o := range offs {
			anyCover = anyCover || covering(o)
			anyPlain = anyPlain || (covering(o) && !o.Supervisor)
		}
		if ok != anyCover {
			t.Fatalf("case %d: ok %v, covering %v (%+v)", i, ok, anyCover, offs)
		}
		if !ok {
			continue
		}
		if !covering(got) || (anyPlain && got.Supervisor) {
			t.Fatalf("case %d: picked %+v for %s", i, got, region)
		}
		for _, o := range offs {
			if covering(o) && o.Supervisor == got.Supervisor &&
				(o.OpenCases < got.OpenCases || (o.OpenCases == got.OpenCases && o.UserID < got.UserID)) {
				t.Fatalf("case %d: picked %+v over %+v", i, got, o)
			}
		}
	}
}

// TestAssignByLoad: automatic assignment goes to the covering inspector
// with the fewest open cases, and officer registration is admin-only and
// checked.
func TestAssignByLoad(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		o := c.o
		var got []int64
		for i := 0; i < 4; i++ {
			id := c.newCase(complaint.KindInspection, complaint.Ditugaskan, true)
			got = append(got, c.caseOf(o.supSerang, id).AssigneeID)
		}
		want := []int64{o.pengawasA.ID, o.pengawasB.ID, o.pengawasA.ID, o.pengawasB.ID}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("assignees %v, want %v", got, want)
		}
		offs, _ := c.s.Officers(c.ctx, o.supSerang, "pengawas", "3604")
		loads := map[int64]int{}
		for _, of := range offs {
			loads[of.UserID] = of.OpenCases
		}
		if loads[o.pengawasA.ID] != 2 || loads[o.pengawasB.ID] != 2 || loads[o.pengawasC.ID] != 0 {
			t.Fatalf("loads %v", loads)
		}
		// A region nobody but a supervisor covers: the supervisor takes it.
		kota, _ := c.employer("PT Kota Serang", "3673", employer.Besar)
		in := input(kota)
		in.Region = "3673"
		id := c.submit(c.user("Y", auth.Pencari), in).CaseID
		c.move(o.supSerang, id, moveInput(complaint.Diverifikasi))
		c.move(o.supSerang, id, moveInput(complaint.Ditugaskan))
		if a := c.caseOf(o.supSerang, id).AssigneeID; a != o.supSerang.ID {
			t.Fatalf("3673 assigned to %d", a)
		}
		// Lebak: nobody covers it.
		leb, _ := c.employer("PT Lebak", "3602", employer.Besar)
		in = input(leb)
		in.Region = "3602"
		id = c.submit(c.user("Z", auth.Pencari), in).CaseID
		if _, err := c.s.Case(c.ctx, o.supSerang, id); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("Serang's supervisor sees a Lebak case: %v", err)
		}
		// Registration rules.
		if err := c.s.SetOfficer(c.ctx, o.supSerang, complaint.OfficerInput{UserID: o.pengawasA.ID, Kind: "pengawas", Regions: []string{"3604"}}); !errors.Is(err, complaint.ErrForbidden) {
			t.Fatalf("a supervisor registered officers: %v", err)
		}
		worker := c.user("W", auth.Pencari)
		err := c.s.SetOfficer(c.ctx, c.admin, complaint.OfficerInput{UserID: worker.ID, Kind: "pengawas", Regions: []string{"3201"},
			SupervisorID: o.pengawasA.ID, Active: true})
		for _, f := range []string{"user", "regions", "supervisor"} {
			if !apptest.HasCode(err, f, "") {
				t.Errorf("no error on %s: %v", f, err)
			}
		}
		// The whole province stands alone, whatever else is ticked.
		if err := c.s.SetOfficer(c.ctx, c.admin, complaint.OfficerInput{UserID: o.supMediator.ID, Kind: "mediator", Supervisor: true,
			Regions: []string{"3604", complaint.ProvinceWide, "3672"}, Active: true}); err != nil {
			t.Fatal(err)
		}
		if of, err := c.s.Officer(c.ctx, c.admin, o.supMediator.ID, "mediator"); err != nil || fmt.Sprint(of.Regions) != "[36]" {
			t.Fatalf("province-wide entry %+v, %v", of, err)
		}
		// Deactivating an officer ends their access and their new work.
		if err := c.s.SetOfficer(c.ctx, c.admin, complaint.OfficerInput{UserID: o.pengawasA.ID, Kind: "pengawas",
			SupervisorID: o.supSerang.ID, Regions: []string{"3604"}, Active: false}); err != nil {
			t.Fatal(err)
		}
		mine, _ := c.s.Cases(c.ctx, o.pengawasA, complaint.Filter{})
		if len(mine) != 0 {
			t.Fatalf("inactive officer still lists %d cases", len(mine))
		}
		next := c.newCase(complaint.KindInspection, complaint.Ditugaskan, true)
		if a := c.caseOf(o.supSerang, next).AssigneeID; a != o.pengawasB.ID {
			t.Fatalf("new case went to %d", a)
		}
	})
}

// TestPublicCountsNoDifference: with the total published, a category of 1
// beside a category of 6 would be the total minus 6; the 6 is hidden too.
func TestPublicCountsNoDifference(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		for i := range 6 {
			c.submit(c.user(fmt.Sprintf("Pekerja %d", i), auth.Pencari), input(c.emp))
		}
		in := input(c.emp)
		in.Category = complaint.K3
		c.submit(c.user("Pekerja K3", auth.Pencari), in)
		c.clk.t = c.clk.t.AddDate(0, 0, 1)
		got, err := c.s.PublicCounts(c.ctx)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]complaint.Count{}
		for _, x := range got.ByCategory {
			by[x.Key] = x
		}
		if got.Complaints.Shown() != "7" || by[complaint.K3].Shown() != "<5" || !by[complaint.Lembur].Hidden || by[complaint.Lembur].N != 0 {
			t.Fatalf("total %s, K3 %+v, lembur %+v: the small cell can be worked back", got.Complaints.Shown(), by[complaint.K3], by[complaint.Lembur])
		}
	})
}

// TestComplianceAtWorksite: a substantiated case against an outsourcing
// company about work at another registered company (its NIB recorded as the
// case's worksite) is on both public records, marked on the user company's.
func TestComplianceAtWorksite(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		user, _ := c.employer("PT Pengguna Jasa", "3604", employer.Besar)
		var nib string
		d.QueryRowContext(c.ctx, `SELECT nib FROM employers WHERE id = ?`, user).Scan(&nib)
		caseID := c.newCase(complaint.KindInspection, complaint.Selesai, true)
		if _, err := d.ExecContext(c.ctx, `UPDATE cases SET worksite_name = 'PT Pengguna Jasa', worksite_nib = ? WHERE id = ?`, nib, caseID); err != nil {
			t.Fatal(err)
		}
		own, err := c.s.Compliance(c.ctx, c.emp)
		if err != nil || len(own.Findings) != 1 || own.Findings[0].AtWorksite {
			t.Fatalf("the outsourcing company's record: %+v %v", own, err)
		}
		at, err := c.s.Compliance(c.ctx, user)
		if err != nil || len(at.Findings) != 1 || !at.Findings[0].AtWorksite || len(at.ByCategory) != 1 {
			t.Fatalf("the user company's record: %+v %v", at, err)
		}
	})
}
