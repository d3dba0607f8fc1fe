package complaint_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

// TestAllowed is the role × action table of the one permission decision.
// The case: an inspection in Kab. Serang (3604) at the findings stage,
// assigned to user 10, whose supervisor is user 20, about employer 5.
func TestAllowed(t *testing.T) {
	pengawas := func(id int64, supervisor bool, regions ...string) complaint.Actor {
		return complaint.Actor{UserID: id, Roles: []auth.Role{auth.Pengawas},
			Officers: []complaint.Officer{{UserID: id, Kind: "pengawas", Supervisor: supervisor, Regions: regions, Active: true}}}
	}
	revoked := pengawas(10, false, "3604")
	revoked.Roles = []auth.Role{auth.Pencari}
	inactive := pengawas(10, false, "3604")
	inactive.Officers[0].Active = false
	mediatorSup := complaint.Actor{UserID: 40, Roles: []auth.Role{auth.Mediator},
		Officers: []complaint.Officer{{UserID: 40, Kind: "mediator", Supervisor: true, Regions: []string{"36"}, Active: true}}}
	actors := []struct {
		name  string
		a     complaint.Actor
		allow string // allowed actions, space-separated suffixes of "case."
	}{
		{"anonymous visitor", complaint.Actor{}, ""},
		{"worker", complaint.Actor{UserID: 1, Roles: []auth.Role{auth.Pencari}}, ""},
		{"employer concerned", complaint.Actor{UserID: 2, Roles: []auth.Role{auth.Perusahaan}, Employers: []int64{5}}, "employer"},
		{"other employer", complaint.Actor{UserID: 3, Roles: []auth.Role{auth.Perusahaan}, Employers: []int64{6}}, ""},
		{"owner without the employer role", complaint.Actor{UserID: 2, Roles: []auth.Role{auth.Pencari}, Employers: []int64{5}}, ""},
		{"assigned pengawas", pengawas(10, false, "3604"), "view open work"},
		{"pengawas of the region, not assigned", pengawas(11, false, "3604"), ""},
		{"pengawas of another region", pengawas(12, false, "3672"), ""},
		{"the assignee's supervisor, other region", pengawas(20, true, "3672"), "view open work manage"},
		{"supervisor of the region", pengawas(21, true, "3604"), "view open work manage"},
		{"supervisor of another region", pengawas(22, true, "3672"), ""},
		{"province-wide supervisor", pengawas(23, true, "36"), "view open work manage"},
		{"assignee whose role was revoked", revoked, ""},
		{"assignee no longer active", inactive, ""},
		{"mediator supervisor", mediatorSup, ""},
		{"union officer", complaint.Actor{UserID: 30, Roles: []auth.Role{auth.Serikat}}, ""},
		{"labor-office officer", complaint.Actor{UserID: 31, Roles: []auth.Role{auth.Petugas}}, ""},
		{"analyst", complaint.Actor{UserID: 32, Roles: []auth.Role{auth.Analis}}, ""},
		{"admin", complaint.Actor{UserID: 33, Roles: []auth.Role{auth.Admin}}, ""},
	}
	c := complaint.CaseFacts{Kind: complaint.KindInspection, State: complaint.Temuan, Region: "3604", AssigneeID: 10,
		AssigneeSupervisorID: 20, EmployerID: 5}
	for _, tt := range actors {
		for _, act := range complaint.Actions {
			want := contains(strings.Fields(tt.allow), strings.TrimPrefix(string(act), "case."))
			if got := complaint.Allowed(tt.a, act, c); got != want {
				t.Errorf("%s × %s = %v, want %v", tt.name, act, got, want)
			}
			// A sealed report waiting for its pool is nobody's case.
			w := c
			w.Waiting = true
			if complaint.Allowed(tt.a, act, w) {
				t.Errorf("%s × %s allowed on a waiting sealed report", tt.name, act)
			}
		}
	}
	// The employer sees a case only once findings are addressed to it.
	emp := actors[2].a
	for _, st := range complaint.InspectionStates {
		c.State = st
		want := st == complaint.Temuan || st == complaint.Nota1 || st == complaint.Nota2 || st == complaint.Selesai || st == complaint.DilimpahkanPPNS
		if got := complaint.Allowed(emp, complaint.ActEmployer, c); got != want {
			t.Errorf("employer in state %s: %v, want %v", st, got, want)
		}
	}
	// A dispute belongs to mediators, not inspectors.
	d := complaint.CaseFacts{Kind: complaint.KindDispute, State: complaint.Mediasi, Region: "3604", EmployerID: 5}
	if complaint.Allowed(pengawas(23, true, "36"), complaint.ActView, d) || !complaint.Allowed(mediatorSup, complaint.ActManage, d) ||
		complaint.Allowed(emp, complaint.ActEmployer, d) {
		t.Error("dispute permissions")
	}
	// A case without a region: only province-wide supervisors.
	n := complaint.CaseFacts{Kind: complaint.KindInspection, State: complaint.Diterima}
	if complaint.Allowed(pengawas(21, true, "3604"), complaint.ActManage, n) || !complaint.Allowed(pengawas(23, true, "36"), complaint.ActManage, n) {
		t.Error("regionless case")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestConfidentiality: who can open a complaint, the trail the complainant
// sees, and that an employer never gets a complainant's identity unless
// they consented.
func TestConfidentiality(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, hr := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		worker := e.user("Siti Nurhayati", auth.Pencari)
		r := e.submit(worker, input(emp))
		complaintID := e.caseOf(o.supSerang, r.CaseID).Complaints[0]

		// Before assignment: the region's supervisor only. Other officers
		// do not find the case; other roles are refused whatever the id.
		for _, tt := range []struct {
			u    *auth.User
			want error
		}{
			{o.pengawasA, db.ErrNotFound}, {o.pengawasC, db.ErrNotFound}, {o.supCilegon, db.ErrNotFound},
			{o.mediator, db.ErrNotFound}, {o.supMediator, db.ErrNotFound}, {hr, complaint.ErrForbidden},
			{worker, complaint.ErrForbidden}, {e.admin, complaint.ErrForbidden}, {e.petugas, complaint.ErrForbidden},
			{nil, complaint.ErrLogin},
		} {
			if _, err := e.s.OpenComplaint(e.ctx, tt.u, complaintID); !errors.Is(err, tt.want) {
				t.Fatalf("%v opened the complaint: %v", tt.u, err)
			}
			if _, err := e.s.Case(e.ctx, tt.u, r.CaseID); !errors.Is(err, tt.want) {
				t.Fatalf("%v viewed the case: %v", tt.u, err)
			}
		}
		if _, err := e.s.OpenComplaint(e.ctx, o.supSerang, complaintID); err != nil {
			t.Fatal(err)
		}
		e.move(o.supSerang, r.CaseID, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "perusahaan dan pelapor jelas"})
		if _, err := e.s.Assign(e.ctx, o.supSerang, r.CaseID, o.pengawasA.ID, "wilayah Cikande"); err != nil {
			t.Fatal(err)
		}
		e.clk.t = e.clk.t.Add(time.Hour)
		if _, err := e.s.OpenComplaint(e.ctx, o.pengawasA, complaintID); err != nil {
			t.Fatalf("assignee: %v", err)
		}
		for _, u := range []*auth.User{o.pengawasB, o.pengawasC, o.supCilegon} {
			if _, err := e.s.OpenComplaint(e.ctx, u, complaintID); !errors.Is(err, db.ErrNotFound) {
				t.Fatalf("%s opened an assigned complaint: %v", u.Name, err)
			}
		}
		// Every opening is on the complainant's list: "dibuka oleh … pada …".
		tr, err := e.s.TrackAsUser(e.ctx, worker, r.Code)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Openings) != 2 || tr.Openings[0].By != "Pengawas Andi" || tr.Openings[1].By != "Kasi Pengawasan Serang" ||
			!tr.Openings[0].At.Equal(monday.Add(time.Hour)) {
			t.Fatalf("openings %+v", tr.Openings)
		}
		if n := e.count(`SELECT count(*) FROM audit_log WHERE action = 'complaint.open' AND subject_id = ?`, complaintID); n != 2 {
			t.Fatalf("audit entries %d", n)
		}

		// The employer sees the findings, never who complained.
		e.move(o.pengawasA, r.CaseID, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan, Reason: "kunjungan", Date: atWIB("2026-03-05", 9)})
		if err := e.s.RecordFinding(e.ctx, o.pengawasA, r.CaseID, complaint.FindingInput{Category: complaint.Lembur, Substantiated: true,
			Summary: "Upah lembur bagian produksi tidak dibayar selama dua bulan."}); err != nil {
			t.Fatal(err)
		}
		e.move(o.pengawasA, r.CaseID, complaint.MoveInput{To: complaint.Temuan, Reason: "temuan dicatat"})
		cases, err := e.s.EmployerCases(e.ctx, hr, emp)
		if err != nil || len(cases) != 1 || len(cases[0].Findings) != 1 || len(cases[0].Complainants) != 0 {
			t.Fatalf("employer view %+v, %v", cases, err)
		}
		if strings.Contains(fmt.Sprintf("%+v", cases), "Siti") {
			t.Fatal("the employer's view names the complainant")
		}
		for _, call := range []func() error{
			func() error { _, err := e.s.OpenComplaint(e.ctx, hr, complaintID); return err },
			func() error { _, err := e.s.Case(e.ctx, hr, r.CaseID); return err },
			func() error { _, err := e.s.TrackAsUser(e.ctx, hr, r.Code); return err },
		} {
			if err := call(); err == nil {
				t.Fatal("the employer got at the complaint")
			}
		}
		if _, err := e.s.EmployerCases(e.ctx, worker, emp); !errors.Is(err, complaint.ErrForbidden) {
			t.Fatalf("a worker read the employer's cases: %v", err)
		}

		// With consent, the employer learns the name, and only that one.
		friend := e.user("Dedi Kurniawan", auth.Pencari)
		in := input(emp)
		in.ConsentEmployer = true
		rc := e.submit(friend, in)
		e.move(o.supSerang, rc.CaseID, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "ok"})
		e.move(o.supSerang, rc.CaseID, complaint.MoveInput{To: complaint.Ditugaskan, Reason: "ok", Officer: o.pengawasB.ID})
		e.move(o.pengawasB, rc.CaseID, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan, Reason: "kunjungan", Date: atWIB("2026-03-05", 13)})
		if err := e.s.RecordFinding(e.ctx, o.pengawasB, rc.CaseID, complaint.FindingInput{Category: complaint.Lembur, Substantiated: true,
			Summary: "Lembur tidak dibayar di gudang bahan baku."}); err != nil {
			t.Fatal(err)
		}
		e.move(o.pengawasB, rc.CaseID, complaint.MoveInput{To: complaint.Temuan, Reason: "temuan"})
		cases, _ = e.s.EmployerCases(e.ctx, hr, emp)
		names := map[int64][]string{}
		for _, c := range cases {
			names[c.ID] = c.Complainants
		}
		if len(names[rc.CaseID]) != 1 || names[rc.CaseID][0] != "Dedi Kurniawan" || len(names[r.CaseID]) != 0 {
			t.Fatalf("consented names %v", names)
		}
		if err := e.s.Respond(e.ctx, hr, r.CaseID, "Kami akan membayar kekurangan upah lembur bulan ini."); err != nil {
			t.Fatal(err)
		}
		if err := e.s.Respond(e.ctx, e.user("HRD lain", auth.Perusahaan), r.CaseID, "bukan urusan kami"); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("another employer answered: %v", err)
		}
		if c := e.caseOf(o.pengawasA, r.CaseID); len(c.Responses) != 1 {
			t.Fatalf("responses %+v", c.Responses)
		}
	})
}

// TestAnonymousTracking: code and PIN show the case and carry messages;
// wrong PINs are throttled per code and per address.
func TestAnonymousTracking(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		in := input(emp)
		in.PIN = "482913"
		r := e.submit(nil, in)

		tr, err := e.s.Track(e.ctx, strings.ToLower(strings.ReplaceAll(r.Code, "-", " ")), "482913", "10.0.0.1")
		if err != nil || tr.State != complaint.Diterima || tr.Narrative.Text != in.Narrative || len(tr.Events) != 1 {
			t.Fatalf("track: %+v, %v", tr, err)
		}
		// The inspector writes; the anonymous worker answers with code and PIN.
		complaintID := e.caseOf(o.supSerang, r.CaseID).Complaints[0]
		if err := e.s.MessageComplainant(e.ctx, o.supSerang, complaintID, "Di bagian mana Anda bekerja?"); err != nil {
			t.Fatal(err)
		}
		if err := e.s.MessageComplainant(e.ctx, o.pengawasC, complaintID, "halo"); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("another region's inspector wrote: %v", err)
		}
		if err := e.s.ReplyWithPIN(e.ctx, r.Code, "482913", "10.0.0.1", "Bagian pengecatan, shift malam."); err != nil {
			t.Fatal(err)
		}
		if err := e.s.ReplyWithPIN(e.ctx, r.Code, "482914", "10.0.0.1", "tebakan"); !errors.Is(err, complaint.ErrBadPIN) {
			t.Fatalf("reply with a wrong PIN: %v", err)
		}
		tr, _ = e.s.Track(e.ctx, r.Code, "482913", "10.0.0.1")
		if len(tr.Messages) != 2 || !tr.Messages[0].FromOfficer || tr.Messages[0].Author != "Kasi Pengawasan Serang" ||
			tr.Messages[1].FromOfficer || tr.Messages[1].Body != "Bagian pengecatan, shift malam." {
			t.Fatalf("messages %+v", tr.Messages)
		}
		if conf, _ := e.s.OpenComplaint(e.ctx, o.supSerang, complaintID); len(conf.Messages) != 2 {
			t.Fatalf("officer's messages %+v", conf.Messages)
		}

		// Per code: five wrong PINs, from anywhere, lock the code.
		for i := 0; i < 4; i++ {
			if _, err := e.s.Track(e.ctx, r.Code, "000001", fmt.Sprintf("10.1.0.%d", i)); !errors.Is(err, complaint.ErrBadPIN) {
				t.Fatalf("wrong PIN %d: %v", i, err)
			}
		}
		_, err = e.s.Track(e.ctx, r.Code, "000001", "10.1.0.9")
		var locked *auth.LockedError
		if !errors.As(err, &locked) || !locked.Until.Equal(monday.Add(15*time.Minute)) {
			t.Fatalf("fifth wrong PIN: %v", err)
		}
		if _, err := e.s.Track(e.ctx, r.Code, "482913", "10.2.0.1"); !errors.As(err, &locked) {
			t.Fatalf("right PIN while locked: %v", err)
		}
		// Knocking while locked does not extend the lock.
		e.clk.t = e.clk.t.Add(10 * time.Minute)
		for i := 0; i < 3; i++ {
			e.s.Track(e.ctx, r.Code, "000002", "10.1.0.20")
		}
		e.clk.t = e.clk.t.Add(6 * time.Minute)
		if _, err := e.s.Track(e.ctx, r.Code, "482913", "10.2.0.1"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}

		// Per address: five guesses at codes from one address lock it, for
		// every code; other addresses are unaffected.
		for i := 0; i < 5; i++ {
			_, err = e.s.Track(e.ctx, fmt.Sprintf("BK-0000-000%d", i), "482913", "10.3.0.1")
		}
		if !errors.As(err, &locked) {
			t.Fatalf("guessing codes: %v", err)
		}
		if _, err := e.s.Track(e.ctx, r.Code, "482913", "10.3.0.1"); !errors.As(err, &locked) {
			t.Fatalf("locked address, right PIN: %v", err)
		}
		if _, err := e.s.Track(e.ctx, r.Code, "482913", "10.3.0.2"); err != nil {
			t.Fatalf("another address: %v", err)
		}
		// A complaint filed with an account and no PIN cannot be opened by
		// any PIN.
		rw := e.submit(e.user("Siti", auth.Pencari), input(emp))
		if _, err := e.s.Track(e.ctx, rw.Code, "", "10.4.0.1"); !errors.Is(err, complaint.ErrBadPIN) {
			t.Fatalf("empty PIN: %v", err)
		}
	})
}
