package api_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/training"
)

type keyJSON struct {
	Class       int    `json:"class"`
	Criterion   string `json:"criterion"`
	Lottery     string `json:"lottery"`
	ApplicantID int64  `json:"applicant_id"`
}

type roundJSON struct {
	ID       int64  `json:"id"`
	SeedHash string `json:"seed_hash"`
	Seed     string `json:"seed"`
	Open     bool   `json:"open"`
	Programs []struct {
		ProgramID int64    `json:"program_id"`
		Seats     int      `json:"seats"`
		Admitted  int      `json:"admitted"`
		Full      bool     `json:"full"`
		Cutoff    *keyJSON `json:"cutoff"`
	} `json:"programs"`
}

type myTrainingJSON struct {
	Rounds []struct {
		Round  roundJSON `json:"round"`
		Result *struct {
			ProgramID *int64 `json:"program_id"`
			Lottery   string `json:"lottery"`
			Choices   []struct {
				ProgramID int64    `json:"program_id"`
				Key       keyJSON  `json:"key"`
				Seated    bool     `json:"seated"`
				Cutoff    *keyJSON `json:"cutoff"`
				Admits    bool     `json:"admits"`
			} `json:"choices"`
		} `json:"result"`
		Appeal *struct {
			ID       int64  `json:"id"`
			Decided  bool   `json:"decided"`
			Upheld   *bool  `json:"upheld"`
			Decision string `json:"decision"`
		} `json:"appeal"`
	} `json:"rounds"`
	Enrollments []struct {
		ID                int64  `json:"id"`
		ProgramID         int64  `json:"program_id"`
		CompletedOn       string `json:"completed_on"`
		CertificateNumber string `json:"certificate_number"`
	} `json:"enrollments"`
}

func codeOf(p problem, field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Code
		}
	}
	return ""
}

// TestTrainingAPI walks the training endpoints the way the pages do: browse,
// a program with its demand, a provider's new program and round, a seeker's
// ranking, allocation, the result with cutoffs as decimal strings, appeal and
// decision, the course to the certificate, and outcomes — with the refusals
// for bad input and for other roles.
func TestTrainingAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk, base := trainingServer(t, d)
		ctx := context.Background()
		login := func(who string) *client { return demoClient(t, base, who) }
		anon := &client{t: t, base: base, c: apptest.NewClient()}
		seeker, lembaga, officer, analis := login("pencari@bursa.test"), login("lembaga@bursa.test"), login("petugas@bursa.test"), login("analis@bursa.test")
		var p problem

		// Browsing.
		var programs struct {
			Items []struct {
				ID         int64    `json:"id"`
				Title      string   `json:"title"`
				Tags       []string `json:"tags"`
				RoundID    int64    `json:"round_id"`
				Fee        int64    `json:"fee"`
				Ineligible *string  `json:"ineligible"`
			} `json:"items"`
			Total int `json:"total"`
		}
		if st, _ := anon.do("GET", "/api/v1/training/programs", nil, &programs); st != 200 || programs.Total < 4 || programs.Items[0].RoundID == 0 ||
			programs.Items[0].Ineligible != nil {
			t.Fatalf("programs: %d %+v", st, programs)
		}
		if st, _ := seeker.do("GET", "/api/v1/training/programs?tag=muda-berdaya", nil, &programs); st != 200 || programs.Total != 1 ||
			programs.Items[0].Ineligible == nil || *programs.Items[0].Ineligible != "" {
			t.Fatalf("youth programs for the seeker: %d %+v", st, programs)
		}
		if st, _ := anon.do("GET", "/api/v1/training/programs?region=1234&skill=sulap&tag="+strings.Repeat("a", 33), nil, &p); st != 422 ||
			codeOf(p, "region") != "region_invalid" || codeOf(p, "skill") != "skill_unknown" || codeOf(p, "tag") != "too_long" {
			t.Fatalf("bad filters: %d %+v", st, p)
		}
		var one struct {
			Program struct {
				ID       int64    `json:"id"`
				Priority []string `json:"priority"`
			} `json:"program"`
			Demand struct {
				Vacancies int `json:"vacancies"`
				Top       []struct {
					ID int64 `json:"id"`
				} `json:"top"`
			} `json:"demand"`
			Outcome struct {
				Enrolled int `json:"enrolled"`
			} `json:"outcome"`
		}
		var lasID int64
		d.QueryRowContext(ctx, `SELECT id FROM programs WHERE title = 'Juru Las SMAW 3G'`).Scan(&lasID)
		if st, _ := anon.do("GET", fmt.Sprintf("/api/v1/training/programs/%d", lasID), nil, &one); st != 200 || one.Demand.Vacancies == 0 ||
			len(one.Demand.Top) == 0 || one.Outcome.Enrolled == 0 || len(one.Program.Priority) != 3 {
			t.Fatalf("program: %d %+v", st, one)
		}
		var providers struct {
			Items []struct {
				ID    int64 `json:"id"`
				Staff bool  `json:"staff"`
			} `json:"items"`
		}
		lembaga.do("GET", "/api/v1/training/providers", nil, &providers)
		var blk int64
		for _, pr := range providers.Items {
			if pr.Staff {
				blk = pr.ID
			}
		}
		if blk == 0 || len(providers.Items) != 4 {
			t.Fatalf("providers %+v", providers)
		}

		// The seeker's past result: a seat below a full first choice, lottery numbers as decimal strings.
		var mine myTrainingJSON
		if st, _ := seeker.do("GET", "/api/v1/me/training", nil, &mine); st != 200 || len(mine.Rounds) != 1 || mine.Rounds[0].Result == nil {
			t.Fatalf("me/training: %d %+v", st, mine)
		}
		res := mine.Rounds[0].Result
		first := res.Choices[0]
		if _, err := strconv.ParseUint(res.Lottery, 10, 64); err != nil || first.Cutoff == nil || first.Cutoff.Criterion != "dtks" ||
			first.Admits || first.Key.Lottery != res.Lottery || !res.Choices[1].Seated || len(mine.Enrollments) != 1 ||
			mine.Enrollments[0].CertificateNumber == "" || mine.Rounds[0].Round.Seed == "" {
			t.Fatalf("past result %+v", mine)
		}
		if _, err := strconv.ParseUint(first.Cutoff.Lottery, 10, 64); err != nil {
			t.Fatalf("cutoff lottery %q", first.Cutoff.Lottery)
		}

		// A provider's new program: bad input refused with field errors, nothing stored.
		before := count(t, d, "programs")
		if st, _ := lembaga.do("POST", "/api/v1/training/programs", map[string]any{"provider_id": blk, "title": "K", "hours": 0, "seats": 0,
			"region": "3604", "skills": []string{"menyulap"}}, &p); st != 422 || codeOf(p, "title") != "program_title_short" ||
			codeOf(p, "skills") != "skill_unknown" || codeOf(p, "seats") != "seats_invalid" || codeOf(p, "hours") != "hours_invalid" {
			t.Fatalf("bad program: %d %+v", st, p)
		}
		if st, _ := lembaga.do("POST", "/api/v1/training/programs", map[string]any{"provider_id": blk, "titel": "typo"}, &p); st != 400 {
			t.Fatalf("unknown field: %d", st)
		}
		if count(t, d, "programs") != before {
			t.Fatal("a refused program was stored")
		}
		body := map[string]any{"provider_id": blk, "title": "Operator Gudang dan Forklift", "description": "Penataan gudang, forklift dan K3 untuk operator pemula.",
			"skills": []string{"forklift", "k3-umum"}, "hours": 60, "region": "3604", "seats": 1, "priority": []string{"dtks"}}
		var created struct {
			ID int64 `json:"id"`
		}
		if st, _ := lembaga.do("POST", "/api/v1/training/programs", body, &created); st != 201 || created.ID == 0 {
			t.Fatalf("create program: %d", st)
		}
		body["schedule"] = "Sabtu 08.00–16.00"
		if st, _ := lembaga.do("PUT", fmt.Sprintf("/api/v1/training/programs/%d", created.ID), body, nil); st != 200 {
			t.Fatalf("update program: %d", st)
		}
		if st, _ := seeker.do("POST", "/api/v1/training/programs", body, &p); st != 403 {
			t.Errorf("seeker creates a program: %d", st)
		}
		var cnc int64
		d.QueryRowContext(ctx, `SELECT id FROM programs WHERE title LIKE 'Operator CNC%'`).Scan(&cnc)
		if st, _ := lembaga.do("GET", fmt.Sprintf("/api/v1/training/programs/%d/roster", cnc), nil, &p); st != 404 {
			t.Errorf("another provider's roster: %d", st)
		}

		// A round: the provider's own; province-wide ones are the office's.
		closes := clk.T.Add(72 * time.Hour).UTC().Format(time.RFC3339)
		if st, _ := lembaga.do("POST", "/api/v1/training/rounds", map[string]any{"title": "Provinsi?", "programs": []int64{created.ID}, "closes_at": closes}, &p); st != 403 {
			t.Errorf("lembaga opens a province-wide round: %d", st)
		}
		if st, _ := lembaga.do("POST", "/api/v1/training/rounds", map[string]any{"provider_id": blk, "title": "", "programs": []int64{}, "closes_at": "besok"}, &p); st != 422 ||
			codeOf(p, "closes_at") != "date_invalid" {
			t.Fatalf("bad round: %d %+v", st, p)
		}
		var rd roundJSON
		if st, _ := lembaga.do("POST", "/api/v1/training/rounds", map[string]any{"provider_id": blk, "title": "BLK Serang: Gudang",
			"programs": []int64{created.ID}, "closes_at": closes}, &rd); st != 201 || len(rd.SeedHash) != 64 || rd.Seed != "" || !rd.Open {
			t.Fatalf("open round: %d %+v", st, rd)
		}
		var province roundJSON
		if st, _ := officer.do("POST", "/api/v1/training/rounds", map[string]any{"title": "Gelombang Khusus", "programs": []int64{cnc}, "closes_at": closes}, &province); st != 422 {
			// The CNC program is in the open province-wide demo round already.
			t.Fatalf("province round with a program in an open round: %d", st)
		}

		// The seeker ranks; a rival from the DTKS register outranks her at the one seat.
		apath := fmt.Sprintf("/api/v1/training/rounds/%d/applications", rd.ID)
		if st, _ := seeker.do("POST", apath, map[string]any{"programs": []int64{}, "unemployed_since": "2099-01-01"}, &p); st != 422 ||
			codeOf(p, "programs") != "choices_required" || codeOf(p, "unemployed_since") != "date_future" {
			t.Fatalf("bad application: %d %+v", st, p)
		}
		var stored int
		d.QueryRowContext(ctx, `SELECT count(*) FROM round_applications WHERE round_id = ?`, rd.ID).Scan(&stored)
		if stored != 0 {
			t.Fatal("a refused application was stored")
		}
		var app struct {
			Programs []int64 `json:"programs"`
		}
		if st, _ := seeker.do("POST", apath, map[string]any{"programs": []int64{created.ID}}, &app); st != 201 || len(app.Programs) != 1 {
			t.Fatalf("apply: %d %+v", st, app)
		}
		var rival int64
		d.QueryRowContext(ctx, `SELECT s.id FROM seekers s JOIN users u ON u.id = s.user_id WHERE s.domicile_region = '3604'
			AND u.email IS NULL ORDER BY s.id LIMIT 1`).Scan(&rival)
		if err := a.Training.Apply(ctx, rd.ID, rival, training.ApplicationInput{Programs: []int64{created.ID}, DTKS: true}); err != nil {
			t.Fatal(err)
		}
		if st, _ := lembaga.do("GET", fmt.Sprintf("/api/v1/training/rounds/%d", rd.ID), nil, &rd); st != 200 || rd.Seed != "" {
			t.Fatalf("round before allocation: %d %+v", st, rd)
		}

		// Allocation.
		alloc := fmt.Sprintf("/api/v1/training/rounds/%d/allocation", rd.ID)
		if st, _ := lembaga.do("POST", alloc, nil, &p); st != 422 || codeOf(p, "round") != "round_still_open" {
			t.Fatalf("allocation before the close: %d %+v", st, p)
		}
		clk.T = clk.T.Add(73 * time.Hour)
		if st, _ := seeker.do("POST", alloc, nil, &p); st != 403 {
			t.Errorf("seeker allocates: %d", st)
		}
		if st, _ := officer.do("POST", alloc, nil, &p); st != 403 {
			t.Errorf("officer allocates a provider's round: %d", st)
		}
		if st, _ := lembaga.do("POST", alloc, nil, &rd); st != 200 || rd.Seed == "" || !rd.Programs[0].Full || rd.Programs[0].Cutoff == nil {
			t.Fatalf("allocate: %d %+v", st, rd)
		}
		if st, _ := lembaga.do("POST", alloc, nil, &p); st != 409 {
			t.Errorf("second allocation: %d", st)
		}
		seeker.do("GET", "/api/v1/me/training", nil, &mine)
		var got *int64
		for _, r := range mine.Rounds {
			if r.Round.ID == rd.ID {
				got = r.Result.ProgramID
				c := r.Result.Choices[0]
				if c.Seated || c.Cutoff == nil || c.Cutoff.Class != 0 || c.Cutoff.Criterion != "dtks" || c.Key.Class != 1 || c.Key.Criterion != "none" {
					t.Fatalf("result %+v", r.Result)
				}
			}
		}
		if got != nil {
			t.Fatalf("the seeker got seat %d", *got)
		}

		// Appeal and decision.
		appeals := fmt.Sprintf("/api/v1/training/rounds/%d/appeals", rd.ID)
		if st, _ := seeker.do("POST", appeals, map[string]string{"body": "tolong"}, &p); st != 422 || codeOf(p, "body") != "appeal_short" {
			t.Fatalf("short appeal: %d %+v", st, p)
		}
		var ap struct {
			ID int64 `json:"id"`
		}
		if st, _ := seeker.do("POST", appeals, map[string]string{"body": "Keluarga saya terdaftar DTKS, mohon diperiksa."}, &ap); st != 201 || ap.ID == 0 {
			t.Fatalf("appeal: %d", st)
		}
		var list struct {
			Items []struct {
				Appeal struct {
					ID     int64  `json:"id"`
					Seeker string `json:"seeker"`
				} `json:"appeal"`
				MayDecide bool `json:"may_decide"`
			} `json:"items"`
		}
		if st, _ := lembaga.do("GET", "/api/v1/training/appeals?pending=true", nil, &list); st != 200 {
			t.Fatalf("appeals: %d", st)
		}
		found := false
		for _, it := range list.Items {
			if it.Appeal.ID == ap.ID {
				found = it.MayDecide && it.Appeal.Seeker == "Siti Nurhayati"
			}
		}
		if !found {
			t.Fatalf("the new appeal is not listed for the provider to decide: %+v", list)
		}
		// The seeker lists her own appeals only, and decides none.
		if st, _ := seeker.do("GET", "/api/v1/training/appeals", nil, &list); st != 200 || len(list.Items) != 1 ||
			list.Items[0].Appeal.ID != ap.ID || list.Items[0].MayDecide {
			t.Errorf("seeker lists appeals: %d %+v", st, list)
		}
		decide := fmt.Sprintf("/api/v1/training/appeals/%d/decision", ap.ID)
		// A provider's appeal is not the office's to see.
		if st, _ := officer.do("POST", decide, map[string]any{"upheld": true, "decision": "ok"}, &p); st != 404 {
			t.Errorf("officer decides a provider round's appeal: %d", st)
		}
		if st, _ := lembaga.do("POST", decide, map[string]any{"decision": "Tidak"}, &p); st != 422 || codeOf(p, "upheld") != "required" {
			t.Fatalf("decision without verdict: %d %+v", st, p)
		}
		if st, _ := lembaga.do("POST", decide, map[string]any{"upheld": false, "decision": "DTKS tidak dicentang saat mendaftar."}, nil); st != 200 {
			t.Fatalf("decide: %d", st)
		}
		seeker.do("GET", "/api/v1/me/training", nil, &mine)
		for _, r := range mine.Rounds {
			if r.Round.ID == rd.ID && (r.Appeal == nil || !r.Appeal.Decided || r.Appeal.Upheld == nil || *r.Appeal.Upheld) {
				t.Fatalf("decided appeal as the seeker sees it: %+v", r.Appeal)
			}
		}

		// The course: the rival holds the seat.
		enroll := fmt.Sprintf("/api/v1/training/programs/%d/enrollments", created.ID)
		var siti int64
		d.QueryRowContext(ctx, `SELECT s.id FROM seekers s JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test'`).Scan(&siti)
		if st, _ := lembaga.do("POST", enroll, map[string]any{"round_id": rd.ID, "seeker_id": siti}, &p); st != 422 || codeOf(p, "seeker") != "no_seat" {
			t.Fatalf("enroll someone without a seat: %d %+v", st, p)
		}
		var n struct {
			Enrolled int `json:"enrolled"`
		}
		if st, _ := lembaga.do("POST", enroll, map[string]any{"round_id": rd.ID}, &n); st != 200 || n.Enrolled != 1 {
			t.Fatalf("enroll seated: %d %+v", st, n)
		}
		var roster struct {
			Items []struct {
				ID       int64 `json:"id"`
				SeekerID int64 `json:"seeker_id"`
			} `json:"items"`
		}
		if st, _ := lembaga.do("GET", fmt.Sprintf("/api/v1/training/programs/%d/roster", created.ID), nil, &roster); st != 200 || len(roster.Items) != 1 || roster.Items[0].SeekerID != rival {
			t.Fatalf("roster: %d %+v", st, roster)
		}
		e := roster.Items[0].ID
		if st, _ := lembaga.do("POST", fmt.Sprintf("/api/v1/training/enrollments/%d/attendance", e), map[string]int{"attended": 9, "held": 8}, &p); st != 422 ||
			codeOf(p, "sessions") != "sessions_invalid" {
			t.Fatalf("bad attendance: %d %+v", st, p)
		}
		if st, _ := lembaga.do("POST", fmt.Sprintf("/api/v1/training/enrollments/%d/attendance", e), map[string]int{"percent": 95}, nil); st != 200 {
			t.Fatalf("attendance: %d", st)
		}
		if st, _ := lembaga.do("POST", fmt.Sprintf("/api/v1/training/enrollments/%d/certificate", e), map[string]string{"number": "X", "certified_on": "2026-03-05"}, &p); st != 422 ||
			codeOf(p, "certificate") != "not_completed" {
			t.Fatalf("certificate before completion: %d %+v", st, p)
		}
		today := clk.T.In(time.FixedZone("WIB", 7*3600)).Format(time.DateOnly)
		if st, _ := lembaga.do("POST", fmt.Sprintf("/api/v1/training/enrollments/%d/completion", e), map[string]string{"completed_on": today}, nil); st != 200 {
			t.Fatalf("complete: %d", st)
		}
		var enr struct {
			CertificateNumber string `json:"certificate_number"`
			CompletedOn       string `json:"completed_on"`
		}
		if st, _ := lembaga.do("POST", fmt.Sprintf("/api/v1/training/enrollments/%d/certificate", e), map[string]string{"number": "BNSP-API-0001", "certified_on": today}, &enr); st != 200 ||
			enr.CertificateNumber != "BNSP-API-0001" || enr.CompletedOn != today {
			t.Fatalf("certify: %d %+v", st, enr)
		}

		// Outcomes.
		var po struct {
			Total struct {
				Enrolled  int `json:"enrolled"`
				Certified int `json:"certified"`
			} `json:"total"`
			Items []struct {
				ProgramID int64 `json:"program_id"`
			} `json:"items"`
		}
		if st, _ := lembaga.do("GET", fmt.Sprintf("/api/v1/training/providers/%d/outcomes", blk), nil, &po); st != 200 || po.Total.Certified == 0 || len(po.Items) != 4 {
			t.Fatalf("provider outcomes: %d %+v", st, po)
		}
		if st, _ := seeker.do("GET", fmt.Sprintf("/api/v1/training/providers/%d/outcomes", blk), nil, &p); st != 403 {
			t.Errorf("seeker reads provider outcomes: %d", st)
		}
		var regions struct {
			Items []struct {
				Region  string `json:"region"`
				Outcome struct {
					Enrolled            int `json:"enrolled"`
					PlacedWithin3Months struct {
						N       int      `json:"n"`
						Of      int      `json:"of"`
						Percent *float64 `json:"percent"`
					} `json:"placed_within_3_months"`
				} `json:"outcome"`
			} `json:"items"`
		}
		if st, _ := analis.do("GET", "/api/v1/training/outcomes", nil, &regions); st != 200 || len(regions.Items) != 8 {
			t.Fatalf("region outcomes: %d", st)
		}
		placed := false
		for _, r := range regions.Items {
			placed = placed || (r.Outcome.PlacedWithin3Months.N > 0 && r.Outcome.PlacedWithin3Months.Percent != nil)
		}
		if !placed {
			t.Errorf("no placements in the outcome table: %+v", regions)
		}
		for _, c := range []*client{seeker, lembaga, anon} {
			if st, _ := c.do("GET", "/api/v1/training/outcomes", nil, &p); st != 403 && st != 401 {
				t.Errorf("outcomes per region for a non-officer: %d", st)
			}
		}
	})
}
