package wage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/wage"
)

func TestFormula(t *testing.T) {
	// The contract's example: UMK 2026 of Kab. Serang 5.178.521, inflation
	// 2.5 %, growth 5.0 %, α 0.7 → +6 % = 310.711,26 → 5.489.232.
	if got := wage.Formula(5178521, 2.5, 5.0, 0.7); got != 5489232 {
		t.Errorf("Formula = %d, want 5489232", got)
	}
	// Rounded to the nearest rupiah, half away from zero.
	if got := wage.Formula(100, 0.5, 0, 0); got != 101 {
		t.Errorf("Formula(100, 0.5%%) = %d, want 101", got)
	}
	if got := wage.Formula(1000000, 1.0, -2.0, 0.5); got != 1000000 {
		t.Errorf("Formula with negative growth = %d", got)
	}
}

func TestSimulate(t *testing.T) {
	s := &wage.Store{Now: time.Now}
	ctx := context.Background()
	sim, err := s.Simulate(ctx, nil, wage.SimInput{Year: 2027, Region: "3604", Inflation: 2.5, Growth: 5.0, Alpha: 0.7})
	if err != nil {
		t.Fatal(err)
	}
	if sim.UMK != 5489232 || sim.Base != 5178521 || sim.BaseYear != 2026 || sim.Change != 310711 || sim.ChangePct != 6 || sim.Range.Source != "PP 49/2025" {
		t.Errorf("simulation %+v", sim)
	}
	for _, tt := range []struct {
		in          wage.SimInput
		field, code string
	}{
		{wage.SimInput{Year: 2027, Region: "3604", Inflation: 2.5, Growth: 5, Alpha: 0.3}, "alpha", "wage_alpha_range"},  // PP 51/2023's range no longer holds
		{wage.SimInput{Year: 2027, Region: "3604", Inflation: 2.5, Growth: 5, Alpha: 0.95}, "alpha", "wage_alpha_range"}, // above 0.9
		{wage.SimInput{Year: 2026, Region: "3604", Inflation: 2.5, Growth: 5, Alpha: 0.2}, "alpha", "wage_alpha_range"},
		{wage.SimInput{Year: 2025, Region: "3604", Inflation: 2.5, Growth: 5, Alpha: 0.2}, "year", "wage_no_base"}, // no UMK 2024 in the data
		{wage.SimInput{Year: 2023, Region: "3604", Inflation: 2.5, Growth: 5, Alpha: 0.2}, "year", "wage_year_unknown"},
		{wage.SimInput{Year: 2027, Region: "3299", Inflation: 2.5, Growth: 5, Alpha: 0.7}, "region", "choose_one"},
		{wage.SimInput{Year: 2027, Region: "36", Inflation: 2.5, Growth: 5, Alpha: 0.7}, "region", "choose_one"},
		{wage.SimInput{Year: 2027, Region: "3604", Inflation: 25, Growth: 50, Alpha: 0.7}, "growth", "wage_percent_range"},
	} {
		_, err := s.Simulate(ctx, nil, tt.in)
		apptest.WantCode(t, err, tt.field, tt.code)
	}
	// The range's ends are in it.
	for _, a := range []float64{0.5, 0.9} {
		if _, err := s.Simulate(ctx, nil, wage.SimInput{Year: 2027, Region: "3672", Inflation: 2.5, Growth: 5, Alpha: a}); err != nil {
			t.Errorf("α %v: %v", a, err)
		}
	}
	if _, err := s.Simulate(ctx, nil, wage.SimInput{Year: 2026, Region: "3672", Inflation: 2.5, Growth: 5, Alpha: 0.10000000000000001}); err == nil {
		t.Error("α 0.1 passed for 2026")
	}
}

// council makes a user for each party and seats them.
type council struct {
	gov, apindo, union, academic, analis, admin, outsider *auth.User
}

func newCouncil(t *testing.T, a *app.Services) council {
	t.Helper()
	ctx := context.Background()
	mk := func(login, name string, roles ...auth.Role) *auth.User {
		u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: login, Name: name, Password: apptest.OtherPassword, Roles: roles})
		if err != nil {
			t.Fatal(err)
		}
		return &u
	}
	c := council{
		gov:      mk("gov@dewan.test", "Disnaker", auth.Petugas),
		apindo:   mk("apindo@dewan.test", "Apindo", auth.Perusahaan),
		union:    mk("union@dewan.test", "Serikat", auth.Serikat),
		academic: mk("akademisi@dewan.test", "Akademisi", auth.Analis),
		analis:   mk("analis@dewan.test", "Analis", auth.Analis),
		admin:    mk("admin@dewan.test", "Admin", auth.Admin),
		outsider: mk("other@dewan.test", "Serikat lain", auth.Serikat),
	}
	for u, p := range map[*auth.User]string{c.gov: wage.Government, c.apindo: wage.Employers, c.union: wage.Unions, c.academic: wage.Academics} {
		if err := a.Wage.SetMember(ctx, c.admin, u.ID, p); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestCouncilRound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		clk.T = time.Date(2026, 11, 10, 3, 0, 0, 0, time.UTC)
		ctx := context.Background()
		c := newCouncil(t, a)
		w := a.Wage

		// Seats: only an admin assigns; a pencari may not sit.
		apptest.WantIs(t, w.SetMember(ctx, c.gov, c.outsider.ID, wage.Unions), fail.Forbidden)
		seeker, err := a.Auth.Create(ctx, d, auth.NewUser{Login: "pencari@dewan.test", Name: "Pencari", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Pencari}})
		if err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, w.SetMember(ctx, c.admin, seeker.ID, wage.Unions), "user", "wage_member_role")
		apptest.WantIs(t, w.SetMember(ctx, c.admin, 999999, wage.Unions), fail.NotFound)
		apptest.WantCode(t, w.SetMemberByLogin(ctx, c.admin, "tidak.ada@dewan.test", wage.Unions), "login", "wage_user_unknown")
		apptest.WantCode(t, w.SetMemberByLogin(ctx, c.admin, "bukan login", wage.Unions), "login", "login_invalid")
		apptest.WantIs(t, w.SetMemberByLogin(ctx, c.union, "other@dewan.test", wage.Unions), fail.Forbidden)
		if err := w.SetMemberByLogin(ctx, c.admin, "OTHER@dewan.test", wage.Unions); err != nil {
			t.Fatal(err)
		}
		if err := w.SetMemberByLogin(ctx, c.admin, "other@dewan.test", ""); err != nil {
			t.Fatal(err)
		}
		var audited int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, string(auth.WageMembers)).Scan(&audited); err != nil || audited != 6 {
			t.Errorf("%d seat changes audited (%v), want 6", audited, err)
		}

		// Inputs: the analis enters them with a source.
		infl := 2.5
		apptest.WantIs(t, w.SetInputs(ctx, c.union, wage.InputsIn{Year: 2027, Inflation: &infl, InflationSource: "BPS Banten"}), fail.Forbidden)
		apptest.WantCode(t, w.SetInputs(ctx, c.analis, wage.InputsIn{Year: 2027, Inflation: &infl}), "inflation_source", "wage_source_required")
		growth := map[string]float64{}
		sources := map[string]string{}
		for _, r := range []string{"3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"} {
			growth[r], sources[r] = 5.0, "BPS, PDRB 2025 kabupaten/kota"
		}
		if err := w.SetInputs(ctx, c.analis, wage.InputsIn{Year: 2027, Inflation: &infl, InflationSource: "BPS Banten, inflasi y-on-y September 2026",
			Growth: growth, GrowthSource: sources}); err != nil {
			t.Fatal(err)
		}
		all, err := w.SimulateAll(ctx, nil, wage.AllIn{Year: 2027, Alpha: 0.7})
		if err != nil || len(all) != 8 {
			t.Fatalf("SimulateAll: %d rows, %v", len(all), err)
		}
		for _, s := range all {
			if s.Region == "3604" && s.UMK != 5489232 {
				t.Errorf("all: 3604 → %d", s.UMK)
			}
		}

		// Proposals: each party its own; an unseated serikat is refused.
		_, err = w.Propose(ctx, c.outsider, wage.ProposalIn{Year: 2027, Region: "3604", Alpha: 0.8, Reasoning: "Kebutuhan hidup layak naik tajam tahun ini."})
		apptest.WantIs(t, err, fail.Forbidden)
		_, err = w.Propose(ctx, nil, wage.ProposalIn{Year: 2027, Region: "3604", Alpha: 0.8})
		apptest.WantIs(t, err, fail.Unauthorized)
		_, err = w.Propose(ctx, c.union, wage.ProposalIn{Year: 2027, Region: "3604", Alpha: 0.3, Reasoning: "Kebutuhan hidup layak naik tajam tahun ini."})
		apptest.WantCode(t, err, "alpha", "wage_alpha_range")
		for u, alpha := range map[*auth.User]float64{c.gov: 0.7, c.apindo: 0.5, c.union: 0.9, c.academic: 0.75} {
			if _, err := w.Propose(ctx, u, wage.ProposalIn{Year: 2027, Region: "3604", Alpha: alpha, Reasoning: "Alasan pihak kami untuk Kabupaten Serang."}); err != nil {
				t.Fatal(err)
			}
		}
		// A second proposal replaces the party's first.
		if _, err := w.Propose(ctx, c.union, wage.ProposalIn{Year: 2027, Region: "3604", Alpha: 0.85, Reasoning: "Setelah rapat kedua, usulan kami turun sedikit."}); err != nil {
			t.Fatal(err)
		}
		rd, err := w.Round(ctx, c.union, 2027, 0)
		if err != nil {
			t.Fatal(err)
		}
		if rd.Alpha != 0.7 || rd.Seat != wage.Unions || !rd.ShowProposals || rd.CanDecide || len(rd.HistoryYears) != 2 {
			t.Errorf("round for the union: α %v seat %q show %v decide %v years %v", rd.Alpha, rd.Seat, rd.ShowProposals, rd.CanDecide, rd.HistoryYears)
		}
		var serang wage.RoundRow
		for _, r := range rd.Rows {
			if r.Region.Code == "3604" {
				serang = r
			}
		}
		if len(serang.Proposals) != 4 || serang.Proposals[0].Party != wage.Government || serang.Proposals[2].Party != wage.Unions || serang.Proposals[2].Alpha != 0.85 {
			t.Fatalf("proposals: %+v", serang.Proposals)
		}
		if p := serang.Proposals[0]; p.UMK != 5489232 || p.ChangePct != 6 {
			t.Errorf("government proposal in rupiah: %+v", p)
		}
		if serang.History[0] != 4857353 || serang.History[1] != 5178521 || serang.Sim == nil || serang.Sim.UMK != 5489232 {
			t.Errorf("history %v sim %+v", serang.History, serang.Sim)
		}
		pub, err := w.Round(ctx, nil, 2027, 0)
		if err != nil {
			t.Fatal(err)
		}
		if pub.ShowProposals || len(pub.Rows[3].Proposals) != 0 {
			t.Error("a visitor sees the parties' proposals")
		}

		// The recommendation: the government party records it, once, with a public log record.
		_, err = w.Recommend(ctx, c.union, wage.RecommendIn{Year: 2027, Region: "3604", Alpha: 0.7})
		apptest.WantIs(t, err, fail.Forbidden)
		before, _ := ledger.Size(ctx, d)
		rec, err := w.Recommend(ctx, c.gov, wage.RecommendIn{Year: 2027, Region: "3604", Alpha: 0.72, Note: "Kesepakatan sidang pleno."})
		if err != nil {
			t.Fatal(err)
		}
		if want := wage.Formula(5178521, 2.5, 5, 0.72); rec.UMK != want || rec.LedgerN != before {
			t.Errorf("recommendation %+v, want UMK %d at log index %d", rec, want, before)
		}
		raw, err := ledger.Record(ctx, d, rec.LedgerN)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"kind":"wage.recommendation"`, `"umk":5494411`, `"alpha":0.72`, `"region":"3604"`, `"alpha_source":"PP 49/2025"`} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("log record %s lacks %s", raw, want)
			}
		}
		_, err = w.Recommend(ctx, c.gov, wage.RecommendIn{Year: 2027, Region: "3604", Alpha: 0.7})
		apptest.WantIs(t, err, fail.Conflict)
		// A third decimal is rounded away before computing, so the α
		// recorded is the α the wage was computed with.
		if r2, err := w.Recommend(ctx, c.gov, wage.RecommendIn{Year: 2027, Region: "3672", Alpha: 0.726}); err != nil || r2.Alpha != 0.73 || r2.UMK != wage.Formula(5469922, 2.5, 5, 0.73) {
			t.Errorf("α 0.726: %+v %v", r2, err)
		}
		recs, err := w.Recommendations(ctx, 2027)
		if err != nil || len(recs) != 2 || recs[0].UMK != rec.UMK || recs[0].LedgerN != rec.LedgerN {
			t.Errorf("published: %+v %v", recs, err)
		}
	})
}

func TestFiguresWithholdSmallCells(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: "hr@pt.test", Name: "HR", Password: apptest.OtherPassword, Roles: []auth.Role{auth.Perusahaan}})
		if err != nil {
			t.Fatal(err)
		}
		emp, err := db.InsertID(ctx, d, `INSERT INTO employers (owner_id, name, nib, kbli_section, kbli_version, size_class, region, address, contact_name, contact_phone, status, created_at)
			VALUES (?, 'PT Uji', '9120000000001', 'C', '2020', 'besar', '3671', 'Jl. Uji', 'Uji', '0811', 'terverifikasi', ?)`, u.ID, time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 5, 1, 3, 0, 0, 0, time.UTC)
		add := func(region string, wageMin int64) {
			_, err := d.ExecContext(ctx, `INSERT INTO vacancies (employer_id, title, kbji, education, region, openings, wage_min, wage_max, contract, closes_on, description, status, published_at, created_at, updated_at)
				VALUES (?, 'Operator', '8189', 'SMA', ?, 1, ?, ?, 'PKWT', '2026-06-01', 'Uji', 'terbit', ?, ?, ?)`, emp, region, wageMin, wageMin, at, at, at)
			if err != nil {
				t.Fatal(err)
			}
		}
		for i := range 3 { // three in Kab. Serang: a small cell
			add("3604", 5200000+int64(i))
		}
		for i := range 7 { // seven in Kota Tangerang, six at or above the UMK 2026
			w := int64(5399405 + i*1000)
			if i == 0 {
				w = 5000000
			}
			add("3671", w)
		}
		for i := range 6 { // six in Cilegon, all at or above
			add("3672", 5469922)
			_ = i
		}
		figs, err := a.Wage.Figures(ctx, 2027)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]wage.Figures{}
		for _, f := range figs {
			by[f.Region] = f
		}
		if f := by["3604"]; !f.Vacancies.Withheld || f.Vacancies.N != 0 || f.MedianWageMin != 0 {
			t.Errorf("Kab. Serang's 3 vacancies leak: %+v", f)
		}
		// 7 posted, 6 at the UMK: the one below is a small cell, and 7 − 6
		// would give it back, so the 6 is withheld too.
		if f := by["3671"]; f.Vacancies.N != 7 || !f.AtOrAboveUMK.Withheld || f.MedianWageMin != 5402405 {
			t.Errorf("Kota Tangerang: %+v", f)
		}
		if f := by["3672"]; f.Vacancies.N != 6 || f.AtOrAboveUMK.N != 6 || f.AtOrAboveUMK.Withheld {
			t.Errorf("Cilegon: %+v", f)
		}
		if f := by["3601"]; f.Vacancies.N != 0 || f.Vacancies.Withheld || f.UMK != 3360078 || f.Year != 2026 {
			t.Errorf("Pandeglang: %+v", f)
		}
	})
}

func TestTripartite(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		c := newCouncil(t, a)
		w := a.Wage
		_, err := w.CreateMeeting(ctx, c.union, wage.MeetingIn{HeldOn: "2026-11-12", Title: "Sidang LKS Tripartit", Place: "Serang"})
		apptest.WantIs(t, err, fail.Forbidden)
		_, err = w.CreateMeeting(ctx, c.analis, wage.MeetingIn{HeldOn: "12-11-2026", Title: "Sidang", Place: ""})
		apptest.WantCode(t, err, "held_on", "date_invalid")
		apptest.WantCode(t, err, "place", "required")
		m, err := w.CreateMeeting(ctx, c.analis, wage.MeetingIn{HeldOn: "2026-11-12", Title: "Sidang pleno LKS Tripartit Banten", Place: "Kantor Disnakertrans, Serang"})
		if err != nil {
			t.Fatal(err)
		}
		asp, err := db.InsertID(ctx, d, `INSERT INTO aspirations (author_id, union_name, audience, title, body, created_at) VALUES (?, 'FSPMI', 'tripartit', 'Upah sektoral', 'Isi', ?)`,
			c.union.ID, time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.AddItem(ctx, c.analis, m.ID, wage.ItemIn{Title: "Upah minimum sektoral", Figure: "https://contoh.test/angka"})
		apptest.WantCode(t, err, "figure", "wage_figure_path")
		_, err = w.AddItem(ctx, c.analis, m.ID, wage.ItemIn{Title: "Upah minimum sektoral", AspirationID: asp + 100})
		apptest.WantCode(t, err, "aspiration_id", "wage_aspiration_unknown")
		_, err = w.AddItem(ctx, c.analis, m.ID+100, wage.ItemIn{Title: "Upah minimum sektoral"})
		apptest.WantIs(t, err, fail.NotFound)
		it, err := w.AddItem(ctx, c.analis, m.ID, wage.ItemIn{Title: "Upah minimum sektoral", Body: "Usulan serikat", Figure: "/dewan-pengupahan/2027", AspirationID: asp})
		if err != nil {
			t.Fatal(err)
		}
		before, _ := ledger.Size(ctx, d)
		r, err := w.RecommendOnItem(ctx, c.gov, it.ID, "Disnakertrans menyusun kajian UMSK sebelum akhir Januari.")
		if err != nil {
			t.Fatal(err)
		}
		if r.LedgerN != before || r.State != wage.StateNew {
			t.Errorf("recommendation %+v, log index want %d", r, before)
		}
		_, err = w.FollowUp(ctx, c.gov, r.ID, wage.StateDone, "")
		apptest.WantCode(t, err, "follow_up", "required")
		_, err = w.FollowUp(ctx, c.gov, r.ID+100, wage.StateDone, "x")
		apptest.WantIs(t, err, fail.NotFound)
		if _, err := w.FollowUp(ctx, c.gov, r.ID, wage.StateFollowed, "Kajian dimulai, tim dibentuk 20 November."); err != nil {
			t.Fatal(err)
		}
		got, err := w.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Items) != 1 || got.Items[0].AspirationTitle != "Upah sektoral" || len(got.Items[0].Recommendations) != 1 {
			t.Fatalf("meeting %+v", got)
		}
		rr := got.Items[0].Recommendations[0]
		if rr.State != wage.StateFollowed || rr.LedgerN != before+1 || got.HeldOn.Format("2006-01-02") != "2026-11-12" {
			t.Errorf("after follow-up: %+v held %v", rr, got.HeldOn)
		}
		list, err := w.Meetings(ctx)
		if err != nil || len(list) != 1 {
			t.Errorf("meetings %v %v", list, err)
		}
		_, err = w.Meeting(ctx, m.ID+100)
		if !errors.Is(err, fail.NotFound) {
			t.Errorf("missing meeting: %v", err)
		}
	})
}
