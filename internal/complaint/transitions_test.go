package complaint_test

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
)

// allowedMoves is the transition table written out again, independently of
// the code: every pair not listed must be refused.
var allowedMoves = map[string][][2]string{
	complaint.KindInspection: {
		{"diterima", "diverifikasi"}, {"diterima", "ditutup_tidak_terbukti"},
		{"diverifikasi", "ditugaskan"},
		{"ditugaskan", "pemeriksaan_dijadwalkan"},
		{"pemeriksaan_dijadwalkan", "temuan"}, {"pemeriksaan_dijadwalkan", "ditutup_tidak_terbukti"},
		{"temuan", "nota_1"}, {"temuan", "selesai"}, {"temuan", "ditutup_tidak_terbukti"},
		{"nota_1", "nota_2"}, {"nota_1", "selesai"},
		{"nota_2", "selesai"}, {"nota_2", "dilimpahkan_ppns"},
	},
	complaint.KindDispute: {
		{"bipartit", "perjanjian_bersama"}, {"bipartit", "dicatat"},
		{"dicatat", "mediasi"}, {"dicatat", "konsiliasi_arbitrase"},
		{"mediasi", "anjuran"}, {"mediasi", "perjanjian_bersama"},
		{"anjuran", "perjanjian_bersama"}, {"anjuran", "gugatan_phi"},
	},
}

func statesOf(kind string) []string {
	if kind == complaint.KindDispute {
		return complaint.DisputeStates
	}
	return complaint.InspectionStates
}

func isAllowed(kind, from, to string) bool {
	for _, m := range allowedMoves[kind] {
		if m == [2]string{from, to} {
			return true
		}
	}
	return false
}

func TestTransitionTable(t *testing.T) {
	finals := map[string]bool{"selesai": true, "dilimpahkan_ppns": true, "ditutup_tidak_terbukti": true,
		"perjanjian_bersama": true, "gugatan_phi": true, "konsiliasi_arbitrase": true}
	for kind := range allowedMoves {
		for _, from := range statesOf(kind) {
			for _, to := range statesOf(kind) {
				if got, want := complaint.CanMove(kind, from, to), isAllowed(kind, from, to); got != want {
					t.Errorf("%s: %s → %s = %v, want %v", kind, from, to, got, want)
				}
			}
			if complaint.IsFinal(kind, from) != finals[from] {
				t.Errorf("%s: IsFinal(%s) = %v", kind, from, !finals[from])
			}
		}
	}
	if complaint.CanMove(complaint.KindInspection, "bipartit", "dicatat") || complaint.CanMove(complaint.KindDispute, "diterima", "diverifikasi") {
		t.Error("a kind's moves apply to the other kind")
	}
}

// caseEnv holds what driving cases needs.
type caseEnv struct {
	*env
	o   org
	emp int64
}

func newCaseEnv(t *testing.T, d *db.DB) *caseEnv {
	e := newEnv(t, d)
	c := &caseEnv{env: e, o: e.org()}
	c.emp, _ = e.employer("PT Baja Mandiri", "3604", employer.Besar)
	return c
}

// moveInput is a valid MoveInput to state to.
func moveInput(to string) complaint.MoveInput {
	in := complaint.MoveInput{To: to, Reason: "alasan " + to}
	switch to {
	case complaint.PemeriksaanDijadwalkan:
		in.Date, in.Place = atWIB("2026-03-06", 9), "kantor perusahaan"
	case complaint.PerjanjianBersama:
		in.Ref = "PB/12/PHI.SRG/2026"
	case complaint.GugatanPHI:
		in.Ref = "45/Pdt.Sus-PHI/2026/PN Srg"
	}
	return in
}

// paths lead a new case to each state.
var paths = map[string][]string{
	"diterima":                {},
	"diverifikasi":            {"diverifikasi"},
	"ditugaskan":              {"diverifikasi", "ditugaskan"},
	"pemeriksaan_dijadwalkan": {"diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan"},
	"temuan":                  {"diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan", "temuan"},
	"nota_1":                  {"diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan", "temuan", "nota_1"},
	"nota_2":                  {"diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan", "temuan", "nota_1", "nota_2"},
	"selesai":                 {"diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan", "temuan", "selesai"},
	"dilimpahkan_ppns":        {"diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan", "temuan", "nota_1", "nota_2", "dilimpahkan_ppns"},
	"ditutup_tidak_terbukti":  {"ditutup_tidak_terbukti"},
	"bipartit":                {},
	"dicatat":                 {"dicatat"},
	"mediasi":                 {"dicatat", "mediasi"},
	"anjuran":                 {"dicatat", "mediasi", "anjuran"},
	"perjanjian_bersama":      {"perjanjian_bersama"},
	"gugatan_phi":             {"dicatat", "mediasi", "anjuran", "gugatan_phi"},
	"konsiliasi_arbitrase":    {"dicatat", "konsiliasi_arbitrase"},
}

// newCase files a complaint or a dispute and moves it to state; findings
// recorded on the way are substantiated or not.
func (c *caseEnv) newCase(kind, state string, substantiated bool) int64 {
	c.t.Helper()
	var id int64
	sup := c.o.supSerang
	if kind == complaint.KindDispute {
		sup = c.o.supMediator
		r, err := c.s.OpenDispute(c.ctx, c.user("Pekerja", auth.Pencari), complaint.DisputeInput{Type: complaint.DisputeDismissal,
			EmployerID: c.emp, Region: "3604", Narrative: "Saya di-PHK tanpa pesangon setelah sembilan tahun bekerja.",
			BipartiteStarted: "2026-02-23"})
		if err != nil {
			c.t.Fatal(err)
		}
		id = r.CaseID
	} else {
		id = c.submit(c.user("Pekerja", auth.Pencari), input(c.emp)).CaseID
	}
	for _, st := range paths[state] {
		if st == complaint.Temuan {
			c.finding(id, substantiated)
		}
		c.move(sup, id, moveInput(st))
	}
	return id
}

func (c *caseEnv) finding(id int64, substantiated bool) {
	c.t.Helper()
	if err := c.s.RecordFinding(c.ctx, c.o.supSerang, id, complaint.FindingInput{Category: complaint.Lembur,
		Substantiated: substantiated, Summary: "Pemeriksaan daftar hadir dan slip upah lembur tiga bulan."}); err != nil {
		c.t.Fatal(err)
	}
}

func (c *caseEnv) state(id int64) string {
	c.t.Helper()
	var st string
	if err := c.d.QueryRowContext(c.ctx, `SELECT state FROM cases WHERE id = ?`, id).Scan(&st); err != nil {
		c.t.Fatal(err)
	}
	return st
}

// TestEveryMove tries every pair of states of both kinds through the
// store: allowed moves succeed and are recorded with who, when and why;
// forbidden ones are refused and change nothing.
func TestEveryMove(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		for kind := range allowedMoves {
			sup := c.o.supSerang
			if kind == complaint.KindDispute {
				sup = c.o.supMediator
			}
			for _, from := range statesOf(kind) {
				id := c.newCase(kind, from, true)
				for _, to := range statesOf(kind) {
					if isAllowed(kind, from, to) {
						continue
					}
					err := c.s.Move(c.ctx, sup, id, moveInput(to))
					if !apptest.HasCode(err, "to", "status_change_invalid") {
						t.Errorf("%s → %s: want status_change_invalid, got %v", from, to, err)
					}
					if st := c.state(id); st != from {
						t.Fatalf("%s → %s refused but state is %s", from, to, st)
					}
				}
				for _, to := range statesOf(kind) {
					if !isAllowed(kind, from, to) {
						continue
					}
					id := c.newCase(kind, from, to != complaint.DitutupTidakTerbukti)
					if from == complaint.PemeriksaanDijadwalkan && to == complaint.Temuan {
						c.finding(id, true)
					}
					c.clk.t = c.clk.t.Add(time.Minute)
					if err := c.s.Move(c.ctx, sup, id, moveInput(to)); err != nil {
						t.Errorf("%s → %s: %v", from, to, err)
						continue
					}
					cd := c.caseOf(sup, id)
					last := cd.Events[len(cd.Events)-1]
					if to == complaint.Ditugaskan || to == complaint.Mediasi {
						last = cd.Events[len(cd.Events)-2] // then the assignment itself
					}
					if cd.State != to || last.From != from || last.To != to || last.ActorID != sup.ID ||
						last.Reason == "" || !last.At.Equal(c.clk.t) {
						t.Errorf("%s → %s recorded as %+v (state %s)", from, to, last, cd.State)
					}
					if final := complaint.IsFinal(kind, to); final != cd.Deadline.IsZero() || final == cd.ClosedAt.IsZero() {
						t.Errorf("%s → %s: deadline %v, closed %v", from, to, cd.Deadline, cd.ClosedAt)
					}
				}
			}
		}
	})
}

// TestMoveRules: the conditions a move needs besides the table, and who may
// make it.
func TestMoveRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		o := c.o
		id := c.newCase(complaint.KindInspection, complaint.Diterima, true)
		// Before assignment only a supervisor moves the case.
		if err := c.s.Move(c.ctx, o.pengawasA, id, moveInput(complaint.Diverifikasi)); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("pengawas verified: %v", err)
		}
		apptest.WantCode(t, c.s.Move(c.ctx, o.supSerang, id, complaint.MoveInput{To: complaint.Diverifikasi}), "reason", "reason_required")
		c.move(o.supSerang, id, moveInput(complaint.Diverifikasi))
		// Assigning picks an officer covering the region; one of another
		// region cannot be chosen.
		apptest.WantCode(t, c.s.Move(c.ctx, o.supSerang, id, complaint.MoveInput{To: complaint.Ditugaskan, Reason: "x", Officer: o.pengawasC.ID}),
			"officer", "officer_not_covering")
		c.move(o.supSerang, id, complaint.MoveInput{To: complaint.Ditugaskan, Reason: "beban kerja", Officer: o.pengawasA.ID})
		// The assignee works the case now; a colleague does not.
		if err := c.s.Move(c.ctx, o.pengawasB, id, moveInput(complaint.PemeriksaanDijadwalkan)); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("colleague moved: %v", err)
		}
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan, Reason: "x"}), "date", "required")
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, complaint.MoveInput{To: complaint.PemeriksaanDijadwalkan, Reason: "x",
			Date: atWIB("2026-02-27", 9)}), "date", "date_past")
		c.move(o.pengawasA, id, moveInput(complaint.PemeriksaanDijadwalkan))
		// Findings first; a nota needs a substantiated one.
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, moveInput(complaint.Temuan)), "to", "finding_required")
		if err := c.s.RecordFinding(c.ctx, o.pengawasA, id, complaint.FindingInput{Category: complaint.Lembur, Summary: "pendek"}); !apptest.HasCode(err, "summary", "narrative_short") {
			t.Fatalf("short finding: %v", err)
		}
		c.finding(id, false)
		c.move(o.pengawasA, id, moveInput(complaint.Temuan))
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, moveInput(complaint.Nota1)), "to", "finding_not_substantiated")
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, moveInput(complaint.Selesai)), "to", "finding_not_substantiated")
		c.finding(id, true)
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, moveInput(complaint.DitutupTidakTerbukti)), "to", "finding_substantiated")
		apptest.WantCode(t, c.s.Move(c.ctx, o.pengawasA, id, complaint.MoveInput{To: complaint.Nota1, Reason: "x", Date: atWIB("2026-03-02", 9)}),
			"date", "deadline_past")
		// A nota may name its own compliance day.
		c.move(o.pengawasA, id, complaint.MoveInput{To: complaint.Nota1, Reason: "nota I", Date: date("2026-04-10")})
		if dl := c.caseOf(o.pengawasA, id).Deadline.Format("2006-01-02"); dl != "2026-04-10" {
			t.Fatalf("nota deadline %s", dl)
		}
		// Findings are recorded only during and right after the visit.
		if err := c.s.RecordFinding(c.ctx, o.pengawasA, id, complaint.FindingInput{Category: complaint.Lembur,
			Summary: "Catatan tambahan setelah nota diterbitkan."}); !apptest.HasCode(err, "to", "status_change_invalid") {
			t.Fatalf("finding after the nota: %v", err)
		}
		// Reassignment keeps the state and records who took over.
		if _, err := c.s.Assign(c.ctx, o.pengawasA, id, o.pengawasB.ID, "cuti"); !errors.Is(err, complaint.ErrForbidden) {
			t.Fatalf("an inspector reassigned: %v", err)
		}
		if got, err := c.s.Assign(c.ctx, o.supSerang, id, o.pengawasB.ID, "pengawas cuti"); err != nil || got != o.pengawasB.ID {
			t.Fatalf("reassign: %d, %v", got, err)
		}
		cd := c.caseOf(o.pengawasB, id)
		if cd.State != complaint.Nota1 || cd.AssigneeID != o.pengawasB.ID || cd.Events[len(cd.Events)-1].Kind != "tugas" {
			t.Fatalf("after reassignment %+v", cd.CaseSummary)
		}
		if _, err := c.s.Case(c.ctx, o.pengawasA, id); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("former assignee still sees the case: %v", err)
		}
		// The transition table holds under concurrency too: the UPDATE
		// checks the state it read.
		c.move(o.pengawasB, id, moveInput(complaint.Selesai))
		if _, err := c.s.Assign(c.ctx, o.supSerang, id, o.pengawasA.ID, "x"); !apptest.HasCode(err, "to", "status_change_invalid") {
			t.Fatalf("reassigned a closed case: %v", err)
		}
	})
}

// TestRandomWalks is a property test: random sequences of moves, allowed
// and forbidden, against a model of the table and the finding rules. After
// every step the store's state equals the model's, and the timeline has one
// status event per successful move.
func TestRandomWalks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newCaseEnv(t, d)
		rng := rand.New(rand.NewPCG(5, 2026))
		for walk := 0; walk < 12; walk++ {
			kind := complaint.KindInspection
			sup := c.o.supSerang
			if walk%3 == 2 {
				kind, sup = complaint.KindDispute, c.o.supMediator
			}
			id := c.newCase(kind, statesOf(kind)[0], false)
			state, moves, substantiated, findings := statesOf(kind)[0], 0, false, 0
			for step := 0; step < 15 && !complaint.IsFinal(kind, state); step++ {
				if kind == complaint.KindInspection && (state == complaint.PemeriksaanDijadwalkan || state == complaint.Temuan) && rng.IntN(2) == 0 {
					s := rng.IntN(2) == 0
					c.finding(id, s)
					substantiated, findings = substantiated || s, findings+1
				}
				all := statesOf(kind)
				to := all[rng.IntN(len(all))]
				if rng.IntN(2) == 0 && len(complaint.NextStates(kind, state)) > 0 {
					next := complaint.NextStates(kind, state)
					to = next[rng.IntN(len(next))]
				}
				err := c.s.Move(c.ctx, sup, id, moveInput(to))
				ok := isAllowed(kind, state, to)
				if ok && kind == complaint.KindInspection {
					switch to {
					case complaint.Temuan:
						ok = findings > 0
					case complaint.Nota1, complaint.Nota2, complaint.Selesai, complaint.DilimpahkanPPNS:
						ok = substantiated
					case complaint.DitutupTidakTerbukti:
						ok = !substantiated
					}
				}
				if ok != (err == nil) {
					t.Fatalf("walk %d: %s → %s (findings %d, substantiated %v): %v", walk, state, to, findings, substantiated, err)
				}
				if ok {
					state, moves = to, moves+1
				}
				if got := c.state(id); got != state {
					t.Fatalf("walk %d: state %s, model %s", walk, got, state)
				}
			}
			n := c.count(`SELECT count(*) FROM case_events WHERE case_id = ? AND kind = 'status'`, id)
			if n != moves+1 {
				t.Fatalf("walk %d: %d status events for %d moves", walk, n, moves)
			}
		}
	})
}
