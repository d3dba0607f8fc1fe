package complaint_test

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

func adverseInput(emp int64, adverse, happened string) complaint.Input {
	in := input(emp)
	in.Category, in.Adverse, in.HappenedOn = complaint.PHK, adverse, happened
	in.Narrative = "Saya diberhentikan tanpa alasan beberapa minggu setelah melapor."
	return in
}

// TestRetaliation: for 12 months after a complaint, a dismissal,
// non-renewal or BPJS removal of a worker tied to it opens a linked case
// flagged as possible retaliation.
func TestRetaliation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		other, _ := e.employer("PT Lain", "3604", employer.Besar)
		w := e.user("Siti", auth.Pencari)
		first := e.submit(w, input(emp)) // filed Monday 2 March 2026
		w2 := e.user("Rina", auth.Pencari)
		e.submit(w2, input(emp))

		e.clk.t = atWIB("2026-06-10", 10)
		tests := []struct {
			name     string
			u        *auth.User
			in       complaint.Input
			flagged  bool
			linkedTo int64
		}{
			{"dismissed by the same employer", w, adverseInput(emp, complaint.AdverseDismissal, "2026-06-05"), true, first.CaseID},
			{"not renewed", w, adverseInput(emp, complaint.AdverseNonRenewal, "2026-03-02"), true, first.CaseID},
			{"dismissed by another employer", w, adverseInput(other, complaint.AdverseDismissal, "2026-06-05"), false, 0},
			{"before the complaint", w, adverseInput(emp, complaint.AdverseDismissal, "2026-02-27"), false, 0},
			{"another worker", e.user("Dedi", auth.Pencari), adverseInput(emp, complaint.AdverseDismissal, "2026-06-05"), false, 0},
			{"no adverse action named", w, func() complaint.Input { in := adverseInput(emp, "", "2026-06-05"); return in }(), false, 0},
		}
		for _, tt := range tests {
			r := e.submit(tt.u, tt.in)
			c := e.caseOf(o.supSerang, r.CaseID)
			if r.Retaliation != tt.flagged || c.Retaliation != tt.flagged || c.LinkedCaseID != tt.linkedTo {
				t.Errorf("%s: receipt %v, case flagged %v linked %d", tt.name, r.Retaliation, c.Retaliation, c.LinkedCaseID)
			}
		}
		// Twelve months on, the window has closed (for a worker whose only
		// complaint was on 2 March 2026).
		e.clk.t = atWIB("2027-04-10", 10)
		if r := e.submit(w2, adverseInput(emp, complaint.AdverseBPJS, "2027-03-03")); r.Retaliation {
			t.Error("flagged after 12 months")
		}
		if r := e.submit(w2, adverseInput(emp, complaint.AdverseBPJS, "2027-03-02")); !r.Retaliation {
			t.Error("not flagged on the last day of the window")
		}
	})
}

// TestRetaliationUnionAndAnonymous: a union's complaint ties its named
// members and its later filings; an anonymous worker proves an earlier
// complaint by its code and PIN; a tied report is never held in a pool.
func TestRetaliationUnionAndAnonymous(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		union := e.user("Ketua PUK", auth.Serikat)
		member := e.user("Ujang", auth.Pencari)
		ui := input(emp)
		ui.UnionName = "PUK SPSI PT Baja Mandiri"
		ui.Members = []complaint.Member{{Name: "Ujang", UserID: member.ID, Consent: true, ConsentNote: "rapat anggota"}}
		first := e.submit(union, ui)
		an := input(emp)
		an.PIN = "582931"
		prior := e.submit(nil, an)

		e.clk.t = atWIB("2026-04-20", 10)
		// Before the member confirms being named, nothing ties them to it.
		if r := e.submit(member, adverseInput(emp, complaint.AdverseNonRenewal, "2026-04-15")); r.Retaliation {
			t.Fatal("a member who never confirmed was tied to the union's complaint")
		}
		if err := e.s.AnswerMembership(e.ctx, member, first.Code, true); err != nil {
			t.Fatal(err)
		}
		// The named member reports their own non-renewal.
		if r := e.submit(member, adverseInput(emp, complaint.AdverseNonRenewal, "2026-04-15")); !r.Retaliation {
			t.Fatal("named member's non-renewal not flagged")
		}
		// The union reports another member's removal from BPJS.
		ri := adverseInput(emp, complaint.AdverseBPJS, "2026-04-16")
		ri.UnionName = "PUK SPSI  PT. Baja Mandiri"
		ri.UnnamedMembers = 1
		r := e.submit(union, ri)
		if c := e.caseOf(o.supSerang, r.CaseID); !r.Retaliation || c.LinkedCaseID != first.CaseID {
			t.Fatalf("union's report: %+v, linked %d", r, c.LinkedCaseID)
		}

		// Anonymous: the earlier code and PIN tie the worker.
		ad := adverseInput(emp, complaint.AdverseDismissal, "2026-04-18")
		ad.PIN = "113355"
		ad.PriorCode, ad.PriorPIN = prior.Code, "582930"
		if _, err := e.s.Submit(e.ctx, nil, ad, "10.0.0.2"); !apptest.HasCode(err, "prior_pin", "pin_wrong") {
			t.Fatalf("wrong prior PIN: %v", err)
		}
		ad.PriorPIN = "582931"
		if r := e.submit(nil, ad); !r.Retaliation {
			t.Fatal("anonymous dismissal with the prior code not flagged")
		}

		// A worker whose earlier report is still sealed: flagged, opened at
		// once though they asked to be sealed again, and not linked to the
		// sealed report (that would single it out).
		w := e.user("Siti", auth.Pencari)
		sealed := sealedInput(emp, complaint.K3, "")
		e.submit(w, sealed)
		ad2 := sealedInput(emp, complaint.PHK, "")
		ad2.Adverse, ad2.HappenedOn = complaint.AdverseDismissal, "2026-04-20"
		r2 := e.submit(w, ad2)
		c2 := e.caseOf(o.supSerang, r2.CaseID)
		if !r2.Retaliation || r2.Waiting || r2.CaseID == 0 || c2.LinkedCaseID != 0 || c2.Pooled {
			t.Fatalf("sealed retaliation %+v, case %+v", r2, c2.CaseSummary)
		}
	})
}
