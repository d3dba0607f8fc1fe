package complaint_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
)

// targets are the objects the role × action table acts on.
type targets struct {
	inspection, dispute, complaint, aspiration, employer int64
	code                                                 string // the account holder's complaint
}

// who is a row of the table: a user, and the tracking code and PIN they
// hold when they filed without an account.
type who struct {
	name      string
	u         *auth.User
	code, pin string
}

// outcome names what a door answers for err: "ok" when the action was
// allowed. Writes are called with invalid input, so an allowed write stops
// at validation (fail.Invalid) and the table changes nothing it reads.
func outcome(err error) string {
	switch {
	case err == nil, errors.Is(err, fail.Invalid):
		return "ok"
	case errors.Is(err, fail.NotFound):
		return "404"
	case errors.Is(err, fail.Forbidden):
		return "403"
	case errors.Is(err, fail.Unauthorized):
		return "401"
	}
	return err.Error()
}

// TestRoleActionTable calls every store method a door offers on complaints
// as every kind of user, and checks the one answer both doors give: allowed
// (ok), another party's object (404, as if it did not exist), a role that
// may never do this (403, whatever the id) or a visitor who must log in
// (401). "403s" is the one 403 of another sort: on a case the user sees
// (their own) but may not do this to. The inspection case is in Kab. Serang at the findings stage,
// assigned to pengawas A under the Serang supervisor, about the employer of
// "hr"; the dispute is in mediation with the mediator.
func TestRoleActionTable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, hr := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		_, otherHR := e.employer("PT Sinar Garmen", "3604", employer.Besar)
		worker := e.user("Siti Nurhayati", auth.Pencari)

		r := e.submit(worker, input(emp))
		e.move(o.supSerang, r.CaseID, moveInput(complaint.Diverifikasi))
		e.move(o.supSerang, r.CaseID, complaint.MoveInput{To: complaint.Ditugaskan, Reason: "wilayah", Officer: o.pengawasA.ID})
		e.move(o.pengawasA, r.CaseID, moveInput(complaint.PemeriksaanDijadwalkan))
		if err := e.s.RecordFinding(e.ctx, o.pengawasA, r.CaseID, complaint.FindingInput{Category: complaint.Lembur,
			Substantiated: true, Summary: "Upah lembur bagian produksi tidak dibayar dua bulan."}); err != nil {
			t.Fatal(err)
		}
		e.move(o.pengawasA, r.CaseID, moveInput(complaint.Temuan))
		anonIn := input(emp)
		anonIn.PIN = "482913"
		anon := e.submit(nil, anonIn)
		dr, err := e.s.OpenDispute(e.ctx, worker, disputeInput(emp))
		if err != nil {
			t.Fatal(err)
		}
		e.move(o.supMediator, dr.CaseID, moveInput(complaint.Dicatat))
		e.move(o.supMediator, dr.CaseID, complaint.MoveInput{To: complaint.Mediasi, Reason: "mediasi", Officer: o.mediator.ID})
		asp, err := e.s.PostAspiration(e.ctx, worker, complaint.AspirationInput{Title: "Data survei KHL per kabupaten",
			Body: "Mohon data survei kebutuhan hidup layak dibuka per kabupaten/kota.", Audience: complaint.AudienceProvince})
		if err != nil {
			t.Fatal(err)
		}
		real := targets{inspection: r.CaseID, dispute: dr.CaseID, complaint: e.caseOf(o.pengawasA, r.CaseID).Complaints[0],
			aspiration: asp, employer: emp, code: r.Code}

		actions := []struct {
			name string
			do   func(w who, x targets) error
		}{
			{"read case", func(w who, x targets) error { _, err := e.s.Case(e.ctx, w.u, x.inspection); return err }},
			{"move", func(w who, x targets) error { return e.s.Move(e.ctx, w.u, x.inspection, complaint.MoveInput{}) }},
			{"assign", func(w who, x targets) error { _, err := e.s.Assign(e.ctx, w.u, x.inspection, 0, ""); return err }},
			{"record finding", func(w who, x targets) error {
				return e.s.RecordFinding(e.ctx, w.u, x.inspection, complaint.FindingInput{})
			}},
			{"schedule session", func(w who, x targets) error {
				_, err := e.s.ScheduleSession(e.ctx, w.u, x.dispute, complaint.SessionInput{})
				return err
			}},
			{"read findings", func(w who, x targets) error { _, err := e.s.EmployerCases(e.ctx, w.u, x.employer); return err }},
			{"respond to findings", func(w who, x targets) error { return e.s.Respond(e.ctx, w.u, x.inspection, "") }},
			{"read confidential complaint", func(w who, x targets) error {
				_, err := e.s.OpenComplaint(e.ctx, w.u, x.complaint)
				return err
			}},
			{"track complaint", func(w who, x targets) error {
				if w.pin != "" {
					_, err := e.s.Track(e.ctx, w.code, w.pin, "10.9.0.1")
					return err
				}
				_, err := e.s.TrackAsUser(e.ctx, w.u, x.code)
				return err
			}},
			{"answer aspiration", func(w who, x targets) error { return e.s.AnswerAspiration(e.ctx, w.u, x.aspiration, "") }},
			{"post aspiration", func(w who, x targets) error {
				_, err := e.s.PostAspiration(e.ctx, w.u, complaint.AspirationInput{})
				return err
			}},
			{"open dispute", func(w who, x targets) error {
				_, err := e.s.OpenDispute(e.ctx, w.u, complaint.DisputeInput{})
				return err
			}},
			{"read registry", func(w who, x targets) error { _, err := e.s.Officers(e.ctx, w.u, "", ""); return err }},
			{"set officer", func(w who, x targets) error { return e.s.SetOfficer(e.ctx, w.u, complaint.OfficerInput{}) }},
			{"read compliance", func(w who, x targets) error { _, err := e.s.Compliance(e.ctx, x.employer); return err }},
		}
		rows := []struct {
			who  who
			want string // one outcome per action, in order
		}{
			{who{name: "pencari complainant", u: worker}, "403 403 403 403 403 403 403 403 ok  403 ok  ok  403 403 ok"},
			{who{name: "other pencari", u: e.user("Dedi", auth.Pencari)}, "403 403 403 403 403 403 403 403 404 403 ok  ok  403 403 ok"},
			{who{name: "serikat", u: e.user("Ketua PUK", auth.Serikat)}, "403 403 403 403 403 403 403 403 404 403 ok  ok  403 403 ok"},
			{who{name: "pengawas assigned", u: o.pengawasA}, "ok  ok  403s ok  404 403 403 ok  404 ok  403 403 ok  403 ok"},
			{who{name: "pengawas supervisor", u: o.supSerang}, "ok  ok  ok  ok  404 403 403 ok  404 ok  403 403 ok  403 ok"},
			{who{name: "other pengawas, same region", u: o.pengawasB}, "404 404 404 404 404 403 403 404 404 ok  403 403 ok  403 ok"},
			{who{name: "other pengawas, other region", u: o.pengawasC}, "404 404 404 404 404 403 403 404 404 ok  403 403 ok  403 ok"},
			{who{name: "mediator", u: o.mediator}, "404 404 404 404 ok  403 403 404 404 ok  403 403 ok  403 ok"},
			{who{name: "perusahaan of the employer", u: hr}, "403 403 403 403 403 ok  ok  403 404 403 403 403 403 403 ok"},
			{who{name: "other perusahaan", u: otherHR}, "403 403 403 403 403 404 404 403 404 403 403 403 403 403 ok"},
			{who{name: "petugas", u: e.petugas}, "403 403 403 403 403 403 403 403 404 ok  403 403 403 403 ok"},
			{who{name: "analis", u: e.user("Analis Tripartit", auth.Analis)}, "403 403 403 403 403 403 403 403 404 ok  403 403 403 403 ok"},
			{who{name: "admin", u: e.admin}, "403 403 403 403 403 403 403 403 404 ok  403 403 ok  ok  ok"},
			{who{name: "anonymous with PIN", code: anon.Code, pin: "482913"}, "401 401 401 401 401 401 401 401 ok  401 401 401 401 401 ok"},
		}
		// The same calls on ids that do not exist: a refusal by role (403)
		// or for want of a login (401) must not change, or it would tell a
		// stranger which ids exist.
		missing := targets{inspection: 999001, dispute: 999002, complaint: 999003, aspiration: 999004, employer: 999005, code: "BK-0000-0000"}
		for _, row := range rows {
			want := strings.Fields(row.want)
			if len(want) != len(actions) {
				t.Fatalf("%s: %d outcomes for %d actions", row.who.name, len(want), len(actions))
			}
			for i, act := range actions {
				if got := outcome(act.do(row.who, real)); got != strings.TrimSuffix(want[i], "s") {
					t.Errorf("%s × %s = %s, want %s", row.who.name, act.name, got, want[i])
				}
				if want[i] != "403" && want[i] != "401" {
					continue
				}
				if got := outcome(act.do(row.who, missing)); got != want[i] {
					t.Errorf("%s × %s on a missing id = %s, want %s as for an existing one", row.who.name, act.name, got, want[i])
				}
			}
		}
	})
}
