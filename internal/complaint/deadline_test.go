package complaint_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/ref"
)

// TestDeadlinesAcrossHolidays: the default deadlines counted by hand over
// weekends, national holidays and joint leave days.
func TestDeadlinesAcrossHolidays(t *testing.T) {
	d := complaint.DefaultDeadlines
	tests := []struct {
		kind, state, from, want string
	}{
		{complaint.KindInspection, complaint.Diterima, "2026-03-02", "2026-03-04"},               // an ordinary week
		{complaint.KindInspection, complaint.Diterima, "2026-03-16", "2026-03-25"},               // Nyepi, Idul Fitri 1447 and cuti bersama: 18–24 March closed
		{complaint.KindInspection, complaint.Ditugaskan, "2026-03-17", "2026-03-31"},             // 5 days over the same break
		{complaint.KindInspection, complaint.Diterima, "2026-03-15", "2026-03-17"},               // from a Sunday
		{complaint.KindInspection, complaint.Temuan, "2025-12-19", "2026-01-07"},                 // Christmas, its cuti bersama and New Year
		{complaint.KindInspection, complaint.Nota2, "2025-03-27", "2025-04-28"},                  // Idul Fitri 1446 (28 March – 7 April closed), Good Friday 18 April
		{complaint.KindDispute, complaint.Dicatat, "2026-03-13", "2026-03-31"},                   // 7 working days for choosing conciliation or arbitration
		{complaint.KindDispute, complaint.Anjuran, "2026-04-01", "2026-04-16"},                   // 10 days to answer, over Good Friday
		{complaint.KindDispute, complaint.Bipartit, "2026-02-23", "2026-04-14"},                  // 30 days of bipartite talks
		{complaint.KindInspection, complaint.PemeriksaanDijadwalkan, "2026-05-13", "2026-05-22"}, // Ascension Day and its cuti bersama
	}
	for _, tt := range tests {
		got, ok := d.Due(tt.kind, tt.state, date(tt.from))
		if !ok || got.Format(time.DateOnly) != tt.want {
			t.Errorf("%s %s from %s: %s, want %s", tt.kind, tt.state, tt.from, got.Format(time.DateOnly), tt.want)
		}
	}
	for _, st := range []string{complaint.Selesai, complaint.DilimpahkanPPNS, complaint.DitutupTidakTerbukti} {
		if _, ok := d.Due(complaint.KindInspection, st, date("2026-03-02")); ok {
			t.Errorf("final state %s has a deadline", st)
		}
	}
	cal := complaint.Deadlines{Nota1: complaint.Period{Days: 14, Calendar: true}}
	if got, _ := cal.Due(complaint.KindInspection, complaint.Nota1, date("2026-03-16")); got.Format(time.DateOnly) != "2026-03-30" {
		t.Errorf("calendar days: %s", got.Format(time.DateOnly))
	}
}

// TestDeadlineProperty: for random days and periods, the deadline is a
// working day, and exactly n working days lie after the start up to it,
// counted independently of ref.AddWorkingDays from the holiday list.
func TestDeadlineProperty(t *testing.T) {
	closed := map[string]bool{}
	for _, h := range ref.Holidays() {
		closed[h.Date] = true
	}
	working := func(d time.Time) bool {
		return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !closed[d.Format(time.DateOnly)]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := date("2025-01-01")
	for i := 0; i < 500; i++ {
		from := start.AddDate(0, 0, rng.IntN(600))
		n := 1 + rng.IntN(40)
		due, _ := complaint.Deadlines{Nota1: complaint.Period{Days: n}}.Due(complaint.KindInspection, complaint.Nota1, from)
		if !working(due) {
			t.Fatalf("%s + %d = %s, not a working day", from.Format(time.DateOnly), n, due.Format(time.DateOnly))
		}
		count := 0
		for d := from.AddDate(0, 0, 1); !d.After(due); d = d.AddDate(0, 0, 1) {
			if working(d) {
				count++
			}
		}
		if count != n {
			t.Fatalf("%s + %d = %s: %d working days", from.Format(time.DateOnly), n, due.Format(time.DateOnly), count)
		}
	}
}

// TestDeadlineFromWIBDay: the deadline counts from the WIB day, not the
// UTC one.
func TestDeadlineFromWIBDay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		emp, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		w := e.user("Siti", auth.Pencari)
		for _, tt := range []struct {
			now  time.Time
			want string
		}{
			{time.Date(2026, 3, 15, 16, 30, 0, 0, time.UTC), "2026-03-17"}, // Sunday 23:30 WIB
			{time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC), "2026-03-25"}, // Monday 00:30 WIB, before the break
		} {
			e.clk.t = tt.now
			in := input(emp)
			in.HappenedOn = "2026-03-10"
			r := e.submit(w, in)
			if got := e.caseOf(o.supSerang, r.CaseID).Deadline.Format(time.DateOnly); got != tt.want {
				t.Errorf("filed %v: deadline %s, want %s", tt.now, got, tt.want)
			}
		}
	})
}

// TestOverdueAndEscalation: late cases appear on the board and go to the
// supervisor once per deadline; a move sets a new deadline and clears it.
func TestOverdueAndEscalation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		o := e.org()
		empSerang, _ := e.employer("PT Baja Mandiri", "3604", employer.Besar)
		empCilegon, _ := e.employer("PT Kimia Cilegon", "3672", employer.Besar)
		w := e.user("Siti", auth.Pencari)
		a := e.submit(w, input(empSerang)).CaseID // verify by Wed 4 March
		in := input(empCilegon)
		in.Region = "3672"
		b := e.submit(w, in).CaseID
		e.move(o.supCilegon, b, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "ok"})
		e.move(o.supCilegon, b, complaint.MoveInput{To: complaint.Ditugaskan, Reason: "ok"}) // schedule by Mon 9 March
		if got := e.caseOf(o.pengawasC, b).AssigneeID; got != o.pengawasC.ID {
			t.Fatalf("Cilegon case went to %d", got)
		}

		e.clk.t = atWIB("2026-03-04", 16)
		if late, _ := e.s.Overdue(e.ctx, e.clk.t); len(late) != 0 {
			t.Fatalf("on the deadline day: %d overdue", len(late))
		}
		e.clk.t = atWIB("2026-03-05", 8)
		late, err := e.s.Overdue(e.ctx, e.clk.t)
		if err != nil || len(late) != 1 || late[0].ID != a || !late[0].Overdue {
			t.Fatalf("overdue %+v, %v", late, err)
		}
		if n, err := e.s.Escalate(e.ctx, e.clk.t); err != nil || n != 1 {
			t.Fatalf("escalate: %d, %v", n, err)
		}
		if n, _ := e.s.Escalate(e.ctx, e.clk.t.Add(time.Hour)); n != 0 {
			t.Fatalf("escalated twice: %d", n)
		}
		ca := e.caseOf(o.supSerang, a)
		if ca.EscalatedTo != o.supSerang.ID || ca.Events[len(ca.Events)-1].Kind != "eskalasi" {
			t.Fatalf("escalated to %d", ca.EscalatedTo)
		}
		board, _ := e.s.Cases(e.ctx, o.supSerang, complaint.Filter{OnlyOverdue: true})
		if len(board) != 1 || board[0].ID != a {
			t.Fatalf("supervisor's board %+v", board)
		}
		if other, _ := e.s.Cases(e.ctx, o.supCilegon, complaint.Filter{OnlyOverdue: true}); len(other) != 0 {
			t.Fatalf("Cilegon's board shows Serang's case")
		}
		// Moving on sets the next deadline and clears the escalation.
		e.move(o.supSerang, a, complaint.MoveInput{To: complaint.Diverifikasi, Reason: "terlambat, sudah diperiksa"})
		ca = e.caseOf(o.supSerang, a)
		if !ca.EscalatedAt.IsZero() || ca.Overdue || ca.Deadline.Format(time.DateOnly) != "2026-03-10" {
			t.Fatalf("after the move: %+v", ca.CaseSummary)
		}

		// The assigned Cilegon case goes to its inspector's supervisor.
		e.clk.t = atWIB("2026-03-10", 8)
		if n, _ := e.s.Escalate(e.ctx, e.clk.t); n != 1 {
			t.Fatalf("second escalation: %d", n)
		}
		if cb := e.caseOf(o.pengawasC, b); cb.EscalatedTo != o.supCilegon.ID {
			t.Fatalf("Cilegon case escalated to %d", cb.EscalatedTo)
		}
		mine, _ := e.s.Cases(e.ctx, o.pengawasC, complaint.Filter{Mine: true, Open: true})
		if len(mine) != 1 || mine[0].ID != b || !mine[0].Overdue {
			t.Fatalf("my cases %+v", mine)
		}
		if none, _ := e.s.Cases(e.ctx, o.pengawasA, complaint.Filter{}); len(none) != 0 {
			t.Fatalf("pengawas A sees %d cases", len(none))
		}
		// Each escalation told the case's officer and the supervisor, once;
		// nobody else.
		for _, tt := range []struct {
			u    *auth.User
			want []string
		}{
			{o.supSerang, []string{fmt.Sprintf("Kasus #%d lewat batas waktu", a)}},
			{o.supCilegon, []string{fmt.Sprintf("Kasus #%d lewat batas waktu", b)}},
			{o.pengawasC, []string{fmt.Sprintf("Kasus #%d lewat batas waktu", b)}},
			{o.pengawasA, nil},
			{w, nil},
		} {
			if got := e.inbox(tt.u, notify.Overdue); !slices.Equal(got, tt.want) {
				t.Errorf("user %d was told %q, want %q", tt.u.ID, got, tt.want)
			}
		}
		// The complainant, who filed logged in, heard of each move.
		if got := e.inbox(w, notify.Complaint); len(got) != 3 || got[0] != "Ada kabar baru untuk pengaduan Anda" {
			t.Errorf("the complainant was told %q", got)
		}

		// The calendar shows the inspector's visits.
		e.move(o.pengawasC, b, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan, Reason: "kunjungan", Date: atWIB("2026-03-12", 9), Place: "pabrik"})
		cal, err := e.s.Calendar(e.ctx, o.pengawasC, date("2026-03-09"), date("2026-03-16"))
		if err != nil || len(cal) != 1 || cal[0].CaseID != b || cal[0].Place != "pabrik" || !cal[0].At.Equal(atWIB("2026-03-12", 9)) {
			t.Fatalf("calendar %+v, %v", cal, err)
		}
		// Findings are due 5 working days after the visit.
		if dl := e.caseOf(o.pengawasC, b).Deadline.Format(time.DateOnly); dl != "2026-03-26" {
			t.Fatalf("findings deadline %s", dl)
		}
	})
}
