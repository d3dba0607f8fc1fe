package complaint_test

import (
	"errors"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

func disputeInput(emp int64) complaint.DisputeInput {
	return complaint.DisputeInput{Type: complaint.DisputeDismissal, EmployerID: emp, Region: "3604",
		Narrative: "Saya di-PHK tanpa pesangon setelah sembilan tahun bekerja sebagai operator.", BipartiteStarted: "2026-02-23"}
}

// TestDispute: a dismissal dispute from bipartite talks through mediation
// to a registered agreement, with the legal deadlines.
func TestDispute(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, hr := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		w := e.user("Siti", auth.Pencari)
		union := e.user("Ketua PUK", auth.Serikat)

		for _, tt := range []struct {
			name        string
			u           *auth.User
			edit        func(*complaint.DisputeInput)
			field, code string
		}{
			{"type", w, func(in *complaint.DisputeInput) { in.Type = "upah" }, "type", "choose_one"},
			{"employer", w, func(in *complaint.DisputeInput) { in.EmployerID = 0 }, "employer_name", "employer_required"},
			{"bipartite date", w, func(in *complaint.DisputeInput) { in.BipartiteStarted = "2026-03-09" }, "bipartite_started", "date_future"},
			{"inter-union needs a union", w, func(in *complaint.DisputeInput) { in.Type = complaint.DisputeInterUnion }, "union_name", "members_need_serikat"},
			{"inter-union names the union", union, func(in *complaint.DisputeInput) { in.Type = complaint.DisputeInterUnion }, "union_name", "required"},
		} {
			in := disputeInput(emp)
			tt.edit(&in)
			if _, err := e.s.OpenDispute(e.ctx, tt.u, in); !apptest.HasCode(err, tt.field, tt.code) {
				t.Errorf("%s: want %s/%s, got %v", tt.name, tt.field, tt.code, err)
			}
		}
		if _, err := e.s.OpenDispute(e.ctx, nil, disputeInput(emp)); !errors.Is(err, complaint.ErrLogin) {
			t.Errorf("a visitor opened a dispute: %v", err)
		}
		for _, u := range []*auth.User{hr, o.pengawasA} {
			if _, err := e.s.OpenDispute(e.ctx, u, disputeInput(emp)); !errors.Is(err, complaint.ErrForbidden) {
				t.Errorf("%v opened a dispute: %v", u, err)
			}
		}

		r, err := e.s.OpenDispute(e.ctx, w, disputeInput(emp))
		if err != nil {
			t.Fatal(err)
		}
		c := e.caseOf(o.supMediator, r.CaseID)
		if c.Kind != complaint.KindDispute || c.DisputeType != complaint.DisputeDismissal || c.State != complaint.Bipartit ||
			c.Deadline.Format(time.DateOnly) != "2026-04-14" || c.Number() != "PHI-2026-00001" {
			t.Fatalf("dispute %+v (%s)", c.CaseSummary, c.Number())
		}
		// Inspectors do not handle disputes.
		for _, u := range []*auth.User{o.supSerang, o.pengawasA} {
			if _, err := e.s.Case(e.ctx, u, r.CaseID); !errors.Is(err, db.ErrNotFound) {
				t.Fatalf("%s viewed a dispute: %v", u.Name, err)
			}
		}
		if _, err := e.s.OpenComplaint(e.ctx, o.supMediator, c.Complaints[0]); err != nil {
			t.Fatal(err)
		}

		// The failed talks are registered on Friday 13 March: 7 working
		// days to choose conciliation or arbitration.
		e.clk.t = atWIB("2026-03-13", 9)
		e.move(o.supMediator, r.CaseID, complaint.MoveInput{To: complaint.Dicatat, Reason: "risalah bipartit gagal"})
		if dl := e.caseOf(o.supMediator, r.CaseID).Deadline.Format(time.DateOnly); dl != "2026-03-31" {
			t.Fatalf("choice deadline %s", dl)
		}
		if _, err := e.s.ScheduleSession(e.ctx, o.supMediator, r.CaseID, complaint.SessionInput{At: atWIB("2026-04-06", 9)}); !apptest.HasCode(err, "at", "session_not_now") {
			t.Fatalf("session before mediation: %v", err)
		}
		// No choice made: a mediator is assigned on 1 April; the written
		// recommendation is due 30 working days later.
		e.clk.t = atWIB("2026-04-01", 9)
		got, err := e.s.Assign(e.ctx, o.supMediator, r.CaseID, 0, "para pihak tidak memilih konsiliasi atau arbitrase")
		if err != nil || got != o.mediator.ID {
			t.Fatalf("assign mediator: %d, %v", got, err)
		}
		c = e.caseOf(o.mediator, r.CaseID)
		if c.State != complaint.Mediasi || c.Deadline.Format(time.DateOnly) != "2026-05-19" {
			t.Fatalf("mediation %s due %s", c.State, c.Deadline.Format(time.DateOnly))
		}
		if _, err := e.s.ScheduleSession(e.ctx, o.mediator, r.CaseID, complaint.SessionInput{At: atWIB("2026-03-31", 9)}); !apptest.HasCode(err, "at", "date_past") {
			t.Fatalf("session in the past: %v", err)
		}
		for _, day := range []string{"2026-04-08", "2026-04-15"} {
			if _, err := e.s.ScheduleSession(e.ctx, o.mediator, r.CaseID, complaint.SessionInput{At: atWIB(day, 9),
				Place: "Ruang mediasi Disnakertrans"}); err != nil {
				t.Fatal(err)
			}
		}
		cal, _ := e.s.Calendar(e.ctx, o.mediator, date("2026-04-01"), date("2026-05-01"))
		if len(cal) != 2 || cal[0].Kind != complaint.Mediasi {
			t.Fatalf("calendar %+v", cal)
		}
		e.clk.t = atWIB("2026-04-20", 9)
		e.move(o.mediator, r.CaseID, complaint.MoveInput{To: complaint.Anjuran, Reason: "anjuran tertulis: pesangon dibayar penuh"})
		if dl := e.caseOf(o.mediator, r.CaseID).Deadline.Format(time.DateOnly); dl != "2026-05-05" {
			t.Fatalf("answer deadline %s", dl)
		}
		apptest.WantCode(t, e.s.Move(e.ctx, o.mediator, r.CaseID, complaint.MoveInput{To: complaint.PerjanjianBersama, Reason: "para pihak menerima"}), "ref", "required")
		e.move(o.mediator, r.CaseID, complaint.MoveInput{To: complaint.PerjanjianBersama, Reason: "para pihak menerima anjuran",
			Ref: "PB/12/PHI.SRG/2026"})
		c = e.caseOf(o.mediator, r.CaseID)
		if c.OutcomeRef != "PB/12/PHI.SRG/2026" || !c.Deadline.IsZero() || c.ClosedAt.IsZero() {
			t.Fatalf("agreement %+v", c.CaseSummary)
		}
		// The worker follows every step, and reads why it ended.
		tr, err := e.s.TrackAsUser(e.ctx, w, r.Code)
		if err != nil || tr.Kind != complaint.KindDispute || tr.DisputeType != complaint.DisputeDismissal || len(tr.Events) != 5 {
			t.Fatalf("tracking %+v, %v", tr, err)
		}
		if tr.Events[1].Reason != "" || tr.Events[4].Reason == "" || tr.Events[4].State != complaint.PerjanjianBersama {
			t.Fatalf("reasons shown %+v", tr.Events)
		}
	})
}
