package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/wage"
)

// TestWageSimulationContract is the contract: anonymous, the UMK
// 2026 of Kab. Serang 5.178.521 with 2.5 %, 5.0 % and α 0.7 gives
// 5.489.232; an α outside the year's range is a 422 problem with an alpha
// field error.
func TestWageSimulationContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, false)
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		var sim api.SimulationJSON
		st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "region": "3604", "inflation": 2.5, "growth": 5.0, "alpha": 0.7}, &sim)
		if st != 200 || sim.UMK != 5489232 || sim.BaseUMK != 5178521 || sim.BaseYear != 2026 || sim.AlphaSource != "PP 49/2025" {
			t.Fatalf("contract: %d %+v", st, sim)
		}
		for _, alpha := range []float64{0.3, 0.91, 0} {
			var p problem
			st, h := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "region": "3604", "inflation": 2.5, "growth": 5.0, "alpha": alpha}, &p)
			if st != 422 || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") || len(p.Errors) != 1 || p.Errors[0].Field != "alpha" || p.Errors[0].Detail == "" {
				t.Errorf("α %v: %d %s %+v", alpha, st, h.Get("Content-Type"), p)
			}
		}
		// Every regency at once needs the council's inputs, or both figures given.
		var p problem
		if st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "alpha": 0.7}, &p); st != 422 || p.Errors[0].Field != "inflation" {
			t.Errorf("all without inputs: %d %+v", st, p)
		}
		var all api.SimulationsJSON
		if st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "alpha": 0.7, "inflation": 2.5, "growth": 5.0}, &all); st != 200 || len(all.Items) != 8 {
			t.Errorf("all: %d %+v", st, all)
		}
		p = problem{}
		if st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7, "inflation": 2.5}, &p); st != 422 || p.Errors[0].Field != "growth" {
			t.Errorf("one region without growth or its input: %d %+v", st, p)
		}
		p = problem{}
		if st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "region": "3299", "alpha": 0.7}, &p); st != 422 || p.Errors[0].Field != "region" {
			t.Errorf("unknown region: %d %+v", st, p)
		}
		if st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7, "beta": 1}, nil); st != 400 {
			t.Errorf("unknown field: %d", st)
		}
	})
}

// TestWageCouncilAPI walks a round: seats, inputs, proposals, the
// recommendation and the tripartite agenda, with who may do what.
func TestWageCouncilAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, false)
		ctx := t.Context()
		users := map[string]int64{}
		for login, role := range map[string]auth.Role{"admin@w.test": auth.Admin, "analis@w.test": auth.Analis, "gov@w.test": auth.Petugas,
			"union@w.test": auth.Serikat, "apindo@w.test": auth.Perusahaan} {
			u, err := srv.Auth.Create(ctx, d, auth.NewUser{Login: login, Name: login, Password: apptest.OtherPassword, Roles: []auth.Role{role}})
			if err != nil {
				t.Fatal(err)
			}
			users[login] = u.ID
		}
		as := func(login string) *client { return loginClient(t, srv.URL, login, apptest.OtherPassword) }
		admin, analis, gov, union := as("admin@w.test"), as("analis@w.test"), as("gov@w.test"), as("union@w.test")
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}

		if st, _ := union.do("PUT", fmt.Sprintf("/api/v1/wage-council/members/%d", users["union@w.test"]), map[string]string{"party": "serikat"}, nil); st != 403 {
			t.Errorf("a union officer seats themself: %d", st)
		}
		for login, party := range map[string]string{"gov@w.test": "pemerintah", "union@w.test": "serikat", "apindo@w.test": "pengusaha"} {
			if st, _ := admin.do("PUT", fmt.Sprintf("/api/v1/wage-council/members/%d", users[login]), map[string]string{"party": party}, nil); st != 200 {
				t.Fatalf("seat %s: %d", login, st)
			}
		}
		var members api.WageMembersJSON
		if st, _ := union.do("GET", "/api/v1/wage-council/members", nil, &members); st != 200 || len(members.Items) != 3 {
			t.Errorf("members: %d %+v", st, members)
		}
		if st, _ := anon.do("GET", "/api/v1/wage-council/members", nil, nil); st != 401 {
			t.Errorf("anonymous members: %d", st)
		}

		inputs := map[string]any{"inflation": map[string]any{"value": 2.5, "source": "BPS Banten, inflasi September 2026 (y-on-y)"},
			"growth": map[string]any{"3604": map[string]any{"value": 5.0, "source": "BPS Kab. Serang, PDRB 2025"}}}
		if st, _ := union.do("PUT", "/api/v1/wage-council/rounds/2027/inputs", inputs, nil); st != 403 {
			t.Errorf("union enters inputs: %d", st)
		}
		var p problem
		bad := map[string]any{"growth": map[string]any{"3604": map[string]any{"value": 5.0, "source": ""}}}
		if st, _ := analis.do("PUT", "/api/v1/wage-council/rounds/2027/inputs", bad, &p); st != 422 || p.Errors[0].Field != "growth_source.3604" {
			t.Errorf("input without source: %d %+v", st, p)
		}
		var got api.WageInputsInput
		if st, _ := analis.do("PUT", "/api/v1/wage-council/rounds/2027/inputs", inputs, &got); st != 200 || got.Inflation == nil || got.Growth["3604"].Value != 5 {
			t.Fatalf("inputs: %d %+v", st, got)
		}

		// A simulation that leaves the figures out uses the council's inputs.
		var sim api.SimulationJSON
		if st, _ := anon.do("POST", "/api/v1/wage-council/simulations", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7}, &sim); st != 200 || sim.UMK != 5489232 || sim.Growth != 5 {
			t.Errorf("simulation from the inputs: %d %+v", st, sim)
		}

		var prop api.WageProposalJSON
		if st, _ := union.do("POST", "/api/v1/wage-council/proposals", map[string]any{"year": 2027, "region": "3604", "alpha": 0.9,
			"reasoning": "Harga kebutuhan pokok di Serang naik lebih cepat dari inflasi."}, &prop); st != 201 || prop.Party != "serikat" {
			t.Fatalf("propose: %d %+v", st, prop)
		}
		p = problem{}
		if st, _ := union.do("POST", "/api/v1/wage-council/proposals", map[string]any{"year": 2027, "region": "3604", "alpha": 0.2, "reasoning": "terlalu rendah untuk rentang tahun ini"}, &p); st != 422 || p.Errors[0].Field != "alpha" {
			t.Errorf("propose α 0.2: %d %+v", st, p)
		}
		if st, _ := analis.do("POST", "/api/v1/wage-council/proposals", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7, "reasoning": "Analis tanpa kursi di dewan pengupahan."}, nil); st != 403 {
			t.Errorf("unseated analis proposes: %d", st)
		}

		var rd api.WageRoundJSON
		if st, _ := union.do("GET", "/api/v1/wage-council/rounds/2027", nil, &rd); st != 200 || !rd.ShowProposals || rd.Party != "serikat" || len(rd.Rows) != 8 {
			t.Fatalf("round for the union: %d %+v", st, rd)
		}
		for _, r := range rd.Rows {
			if r.Region == "3604" && (len(r.Proposals) != 1 || r.Proposals[0].UMK == nil || *r.Proposals[0].UMK != wage.Formula(5178521, 2.5, 5.0, 0.9)) {
				t.Errorf("Kab. Serang row: %+v", r)
			}
		}
		rd = api.WageRoundJSON{}
		if st, _ := anon.do("GET", "/api/v1/wage-council/rounds/2027?alpha=0.7", nil, &rd); st != 200 || rd.ShowProposals || rd.Alpha != 0.7 {
			t.Errorf("round for a visitor: %d %+v", st, rd)
		}
		for _, r := range rd.Rows {
			if len(r.Proposals) != 0 {
				t.Error("a visitor sees proposals")
			}
			if r.Region == "3604" && (r.Simulation == nil || r.Simulation.UMK != 5489232 || r.History["2025"] != 4857353) {
				t.Errorf("Kab. Serang public row: %+v", r)
			}
		}

		if st, _ := union.do("POST", "/api/v1/wage-council/recommendations", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7}, nil); st != 403 {
			t.Errorf("union decides: %d", st)
		}
		var rec api.WageRecommendationJSON
		if st, _ := gov.do("POST", "/api/v1/wage-council/recommendations", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7, "note": "Sidang pleno"}, &rec); st != 201 || rec.UMK != 5489232 {
			t.Fatalf("recommend: %d %+v", st, rec)
		}
		if st, _ := gov.do("POST", "/api/v1/wage-council/recommendations", map[string]any{"year": 2027, "region": "3604", "alpha": 0.7}, nil); st != 409 {
			t.Errorf("second recommendation: %d", st)
		}
		p = problem{}
		if st, _ := gov.do("POST", "/api/v1/wage-council/recommendations", map[string]any{"year": 2027, "region": "3672", "alpha": 0.7}, &p); st != 422 || p.Errors[0].Field != "growth" {
			t.Errorf("recommend without growth: %d %+v", st, p)
		}
		var recs api.WageRecommendationsJSON
		if st, _ := anon.do("GET", "/api/v1/wage-council/recommendations?year=2027", nil, &recs); st != 200 || len(recs.Items) != 1 || recs.Items[0].LedgerN != rec.LedgerN {
			t.Errorf("published: %d %+v", st, recs)
		}

		// The tripartite agenda.
		var m api.MeetingJSON
		if st, _ := union.do("POST", "/api/v1/wage-council/tripartite/meetings", map[string]string{"held_on": "2026-11-20", "title": "Sidang LKS Tripartit", "place": "Serang"}, nil); st != 403 {
			t.Errorf("union records a meeting: %d", st)
		}
		if st, _ := analis.do("POST", "/api/v1/wage-council/tripartite/meetings", map[string]string{"held_on": "2026-11-20", "title": "Sidang LKS Tripartit", "place": "Serang"}, &m); st != 201 {
			t.Fatalf("meeting: %d", st)
		}
		var it api.AgendaItemJSON
		if st, _ := analis.do("POST", fmt.Sprintf("/api/v1/wage-council/tripartite/meetings/%d/items", m.ID), map[string]any{"title": "Usulan UMK 2027", "figure": "/dewan-pengupahan/2027"}, &it); st != 201 {
			t.Fatalf("item: %d", st)
		}
		if st, _ := analis.do("POST", fmt.Sprintf("/api/v1/wage-council/tripartite/meetings/%d/items", m.ID+50), map[string]any{"title": "Usulan UMK 2027"}, nil); st != 404 {
			t.Errorf("item on a missing meeting: %d", st)
		}
		var tr api.TriRecommendationJSON
		if st, _ := gov.do("POST", fmt.Sprintf("/api/v1/wage-council/tripartite/items/%d/recommendations", it.ID), map[string]string{"body": "Bahas ulang data penempatan per kabupaten."}, &tr); st != 201 || tr.State != "baru" {
			t.Fatalf("tripartite recommendation: %d %+v", st, tr)
		}
		if st, _ := gov.do("POST", fmt.Sprintf("/api/v1/wage-council/tripartite/recommendations/%d/follow-up", tr.ID), map[string]string{"state": "selesai", "follow_up": "Data dibahas 27 November."}, &tr); st != 200 || tr.State != "selesai" {
			t.Errorf("follow-up: %d %+v", st, tr)
		}
		mid := m.ID
		m = api.MeetingJSON{}
		if st, _ := anon.do("GET", fmt.Sprintf("/api/v1/wage-council/tripartite/meetings/%d", mid), nil, &m); st != 200 || len(m.Items) != 1 || m.Items[0].Recommendations[0].State != "selesai" {
			t.Errorf("public meeting: %d %+v", st, m)
		}
		var ms api.MeetingsJSON
		if st, _ := anon.do("GET", "/api/v1/wage-council/tripartite/meetings", nil, &ms); st != 200 || len(ms.Items) != 1 {
			t.Errorf("meetings: %d %+v", st, ms)
		}
	})
}
