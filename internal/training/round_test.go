package training_test

import (
	"fmt"
	"github.com/bursa-banten/bursa/internal/apptest"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// facts is what the test knows about an applicant, kept apart from the
// store so the expected classes are computed independently of it.
type facts struct {
	birth      time.Time
	domicile   string
	education  string
	dtks       bool
	unemployed string // YYYY-MM-DD or ""
	choices    []int64
}

// expectedClass is the rule as the issue states it, written out again: the
// index of the first criterion of order the applicant meets, else
// len(order).
func expectedClass(order []string, programRegion string, f facts, closeDay time.Time) int {
	age := ageAt(f.birth, closeDay)
	for i, c := range order {
		met := false
		switch c {
		case "dtks":
			met = f.dtks
		case "domisili":
			met = f.domicile == programRegion
		case "menganggur":
			met = f.unemployed != "" && !date(f.unemployed).After(closeDay.AddDate(-1, 0, 0))
		case "muda":
			met = age >= 18 && age <= 30
		}
		if met {
			return i
		}
	}
	return len(order)
}

func TestRound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := e.ctx
		steel := e.verifiedEmployer("PT Baja Mandiri Cilegon", "3672")
		blk, blkStaff := e.provider(training.BLK, "UPTD BLK Serang", "3604", 0)
		lpk, lpkStaff := e.provider(training.LPK, "LPK Terampil Tangerang", "3671", 0)
		ind, indStaff := e.provider(training.Industri, "Pusat Pelatihan Baja Mandiri", "3672", steel)

		in1 := program("Juru Las SMAW", "3604", 4, training.DTKS, training.Domisili)
		in1.Skills = []string{"las-smaw", "baca-gambar-teknik"}
		p1 := e.mustProgram(blkStaff, blk.ID, in1)
		in2 := program("Operator Jahit Industri", "3671", 3, training.Muda, training.Menganggur)
		in2.Skills, in2.Tags = []string{"jahit-industri"}, []string{"muda-berdaya"}
		p2 := e.mustProgram(lpkStaff, lpk.ID, in2)
		in3 := program("Operator Produksi Baja", "3672", 5, training.Domisili, training.DTKS, training.Menganggur)
		in3.Skills = []string{"tanur"}
		in3.PartnerID, in3.PartnerInterviews, in3.PartnerHires = steel, 5, 3
		p3 := e.mustProgram(indStaff, ind.ID, in3)
		in4 := program("Instalasi Listrik Bangunan", "3604", 2, training.Menganggur)
		in4.Skills = []string{"instalasi-listrik", "baca-gambar-teknik"}
		in4.AgeMin, in4.AgeMax, in4.EducationMin, in4.Regions = 18, 25, "sma", []string{"3604", "3673"}
		p4 := e.mustProgram(blkStaff, blk.ID, in4)
		programs := []training.Program{p1, p2, p3, p4}
		ids := []int64{p1.ID, p2.ID, p3.ID, p4.ID}

		// Opening: staff only for a provider's round, its own programs only.
		closes := e.clk.t.Add(14 * 24 * time.Hour) // 2026-03-16 10:00 WIB
		_, err := e.s.OpenRound(ctx, lpkStaff, training.RoundInput{ProviderID: blk.ID, Title: "BLK I", Programs: []int64{p1.ID}, ClosesAt: closes})
		apptest.WantIs(t, err, training.ErrNotStaff)
		_, err = e.s.OpenRound(ctx, blkStaff, training.RoundInput{ProviderID: blk.ID, Title: "BLK I", Programs: []int64{p1.ID, p2.ID}, ClosesAt: closes})
		apptest.WantCode(t, err, "programs", "program_other_provider")
		_, err = e.s.OpenRound(ctx, e.officer, training.RoundInput{Title: "x", Programs: nil, ClosesAt: e.clk.t.Add(-time.Hour)})
		apptest.WantCode(t, err, "programs", "programs_required")
		apptest.WantCode(t, err, "closes_at", "closes_past")
		_, err = e.s.OpenRound(ctx, e.officer, training.RoundInput{Title: "x", Programs: []int64{p1.ID, 9999}, ClosesAt: closes})
		apptest.WantCode(t, err, "programs", "program_unknown")
		if n := e.count("intake_rounds"); n != 0 {
			t.Fatalf("%d rounds stored from bad input", n)
		}

		round, err := e.s.OpenRound(ctx, e.officer, training.RoundInput{Title: "Gelombang I 2026", Programs: ids, ClosesAt: closes})
		if err != nil {
			t.Fatal(err)
		}
		published := round.SeedHash
		if round.Seed != nil || len(published) != 64 || round.ProviderID != 0 || len(round.Programs) != 4 ||
			round.Programs[0].Seats != 4 || !round.OpenAt(e.clk.t) || round.CloseDay() != date("2026-03-16") {
			t.Fatalf("opened %+v", round)
		}
		_, err = e.s.OpenRound(ctx, blkStaff, training.RoundInput{ProviderID: blk.ID, Title: "BLK II", Programs: []int64{p1.ID}, ClosesAt: closes})
		apptest.WantCode(t, err, "programs", "program_in_round")

		// While the round is open the program's rules are frozen; its words are not.
		in1b := in1
		in1b.Seats = 10
		_, err = e.s.UpdateProgram(ctx, blkStaff, p1.ID, in1b)
		apptest.WantCode(t, err, "program", "program_rules_frozen")
		in1b = in1
		in1b.Schedule = "Senin–Sabtu 08.00–16.00"
		if _, err := e.s.UpdateProgram(ctx, blkStaff, p1.ID, in1b); err != nil {
			t.Fatal(err)
		}

		// Browsing.
		browse := func(f training.ProgramFilter) []int64 {
			t.Helper()
			ops, err := e.s.OpenPrograms(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, op := range ops {
				if op.RoundID != round.ID || op.ClosesAt.IsZero() {
					t.Fatalf("open program %+v", op)
				}
				out = append(out, op.ID)
			}
			slices.Sort(out)
			return out
		}
		for f, want := range map[training.ProgramFilter][]int64{
			{}:                               ids,
			{Skill: "jahit-industri"}:        {p2.ID},
			{Tag: "Muda-Berdaya"}:            {p2.ID},
			{Region: "3672"}:                 {p3.ID},
			{Region: "3604", Skill: "tanur"}: nil,
		} {
			if got := browse(f); !slices.Equal(got, want) {
				t.Errorf("OpenPrograms(%+v) = %v, want %v", f, got, want)
			}
		}
		teach, err := e.s.ProgramsTeaching(ctx, []string{"baca-gambar-teknik", "las-smaw", "las-smaw"})
		if err != nil || len(teach) != 2 || teach[0].ID != p1.ID || len(teach[0].Teaches) != 2 ||
			teach[1].ID != p4.ID || teach[1].OpenRoundID != round.ID {
			t.Fatalf("teaching %+v %v", teach, err)
		}

		if open, err := e.s.OpenRounds(ctx); err != nil || len(open) != 1 || open[0].ID != round.ID {
			t.Fatalf("open rounds %+v %v", open, err)
		}

		// Thirty seekers of varied circumstances apply.
		rng := rand.New(rand.NewPCG(4, 2026))
		closeDay := round.CloseDay()
		regions := []string{"3604", "3671", "3672", "3673"}
		educations := []string{"sd", "smp", "sma", "smk", "d3"}
		all := map[int64]*facts{}
		var order []int64
		eligible := func(p training.Program, f facts) bool {
			if p.ID != p4.ID {
				return true // only program 4 has conditions
			}
			age := ageAt(f.birth, closeDay)
			edu, _ := ref.EducationByCode(f.education)
			return age >= 18 && age <= 25 && edu.Rank >= 3 && (f.domicile == "3604" || f.domicile == "3673")
		}
		for i := range 30 {
			f := &facts{domicile: regions[rng.IntN(len(regions))], education: educations[rng.IntN(len(educations))],
				dtks: rng.IntN(10) < 3}
			f.birth = closeDay.AddDate(-(17 + rng.IntN(20)), 0, -rng.IntN(365))
			switch rng.IntN(5) {
			case 0, 1:
				f.unemployed = closeDay.AddDate(0, -13-rng.IntN(20), 0).Format(time.DateOnly)
			case 2:
				f.unemployed = date("2026-03-01").AddDate(0, -rng.IntN(11), 0).Format(time.DateOnly)
			}
			id := e.newSeeker(person{name: fmt.Sprintf("Pencari %02d", i), nikRegion: f.domicile, birth: f.birth,
				female: i%2 == 0, education: f.education})
			perm := rng.Perm(len(programs))
			for _, k := range perm[:1+rng.IntN(len(programs))] {
				if eligible(programs[k], *f) {
					f.choices = append(f.choices, programs[k].ID)
				}
			}
			if len(f.choices) == 0 {
				f.choices = []int64{p3.ID}
			}
			err := e.s.Apply(ctx, round.ID, id, training.ApplicationInput{Programs: f.choices, DTKS: f.dtks, UnemployedSince: f.unemployed})
			if err != nil {
				t.Fatalf("apply %d (%+v): %v", i, f, err)
			}
			all[id] = f
			order = append(order, id)
		}

		// An application is replaced, not added to, until the round closes.
		first := order[0]
		all[first].choices = []int64{p3.ID, p1.ID, p2.ID}
		if err := e.s.Apply(ctx, round.ID, first, training.ApplicationInput{Programs: all[first].choices, DTKS: all[first].dtks,
			UnemployedSince: all[first].unemployed}); err != nil {
			t.Fatal(err)
		}
		app, ok, err := e.s.ApplicationOf(ctx, round.ID, first)
		if err != nil || !ok || !slices.Equal(app.Programs, all[first].choices) {
			t.Fatalf("replaced application %+v %v %v", app, ok, err)
		}
		if n := e.count("round_applications"); n != 30 {
			t.Fatalf("%d applications", n)
		}

		// Ineligible choices are refused by name, and nothing is written.
		older := e.newSeeker(person{name: "Pak Harun", nikRegion: "3604", birth: date("1985-06-01"), education: "sma"})
		if err := e.s.Apply(ctx, round.ID, older, training.ApplicationInput{Programs: []int64{p1.ID}}); err != nil {
			t.Fatal(err)
		}
		all[older] = &facts{birth: date("1985-06-01"), domicile: "3604", education: "sma", choices: []int64{p1.ID}}
		order = append(order, older)
		lowEdu := e.newSeeker(person{name: "Dede", nikRegion: "3604", birth: date("2004-01-10"), education: "smp"})
		farAway := e.newSeeker(person{name: "Ujang", nikRegion: "3671", birth: date("2004-01-10"), education: "smk"})
		apps, choices := e.count("round_applications"), e.count("round_choices")
		for _, tt := range []struct {
			seeker int64
			code   string
		}{{older, "not_eligible_age"}, {lowEdu, "not_eligible_education"}, {farAway, "not_eligible_region"}} {
			err := e.s.Apply(ctx, round.ID, tt.seeker, training.ApplicationInput{Programs: []int64{p2.ID, p4.ID}})
			ve, _ := valid.As(err)
			if len(ve) != 1 || ve[0].Field != "programs" || ve[0].Code != tt.code || ve[0].Args["program"] != p4.Title {
				t.Errorf("%s: got %v %+v", tt.code, err, ve)
			}
		}
		if e.count("round_applications") != apps || e.count("round_choices") != choices {
			t.Fatal("a refused application changed what is stored")
		}
		if app, _, _ := e.s.ApplicationOf(ctx, round.ID, older); !slices.Equal(app.Programs, []int64{p1.ID}) {
			t.Fatalf("refused replacement changed the application: %+v", app)
		}
		for _, tt := range []struct {
			in    training.ApplicationInput
			field string
			code  string
		}{
			{training.ApplicationInput{}, "programs", "choices_required"},
			{training.ApplicationInput{Programs: []int64{p1.ID, p2.ID, p3.ID, p1.ID, p2.ID, p3.ID}}, "programs", "too_many"},
			{training.ApplicationInput{Programs: []int64{p1.ID, p1.ID}}, "programs", "choice_duplicate"},
			{training.ApplicationInput{Programs: []int64{p1.ID, 9999}}, "programs", "program_not_in_round"},
			{training.ApplicationInput{Programs: []int64{p1.ID}, UnemployedSince: "2026-04-01"}, "unemployed_since", "date_future"},
			{training.ApplicationInput{Programs: []int64{p1.ID}, UnemployedSince: "kemarin"}, "unemployed_since", "date_invalid"},
		} {
			apptest.WantCode(t, e.s.Apply(ctx, round.ID, lowEdu, tt.in), tt.field, tt.code)
		}

		// Before allocation: no seed, no results, no early allocation, no appeals.
		r, _ := e.s.Round(ctx, round.ID)
		var raw []byte
		if err := e.d.QueryRowContext(e.ctx, `SELECT seed FROM intake_rounds WHERE id = ?`, r.ID).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		if len(raw) == training.SeedSize || alloc.SeedHash(raw) == published {
			t.Fatal("the seed lies in the database in the clear before allocation")
		}
		if r.Seed != nil || r.Applicants != 31 {
			t.Fatalf("before allocation %+v", r)
		}
		_, err = e.s.Results(ctx, round.ID, first)
		apptest.WantIs(t, err, training.ErrNotAllocated)
		_, err = e.s.CloseAndAllocate(ctx, e.officer, round.ID)
		apptest.WantCode(t, err, "round", "round_still_open")
		_, err = e.s.FileAppeal(ctx, round.ID, first, "Saya terdaftar DTKS sejak 2023.")
		apptest.WantCode(t, err, "round", "appeal_not_allocated")

		// After the close: no more applications; allocate.
		e.clk.t = closes.Add(time.Hour)
		apptest.WantCode(t, e.s.Apply(ctx, round.ID, first, training.ApplicationInput{Programs: []int64{p1.ID}}), "round", "round_closed")
		if got := browse(training.ProgramFilter{}); len(got) != 0 {
			t.Fatalf("closed round still browsable: %v", got)
		}
		r, err = e.s.CloseAndAllocate(ctx, e.officer, round.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Seed == nil || len(r.Seed) != training.SeedSize || alloc.SeedHash(r.Seed) != published || r.SeedHash != published ||
			!r.Allocated() || r.Proposals == 0 {
			t.Fatalf("allocated round %+v", r)
		}
		_, err = e.s.CloseAndAllocate(ctx, e.officer, round.ID)
		apptest.WantIs(t, err, training.ErrAllocated)

		// The same instance, built here from what the test knows, through
		// alloc's plain reference implementation.
		var in alloc.Instance
		index := map[int64]int32{}
		for i, p := range programs {
			index[p.ID] = int32(i)
			in.Programs = append(in.Programs, alloc.Program{ID: p.ID, Seats: p.Seats})
		}
		seekers := slices.Sorted(maps.Keys(all))
		for _, id := range seekers {
			f := all[id]
			ap := alloc.Applicant{ID: id, Lottery: alloc.Lottery(r.Seed, id)}
			for _, pid := range f.choices {
				p := programs[index[pid]]
				ap.Choices = append(ap.Choices, alloc.Choice{Program: index[pid],
					Class: uint16(expectedClass(p.Priority, p.Region, *f, closeDay))})
			}
			in.Applicants = append(in.Applicants, ap)
		}
		want, err := alloc.Reference(in)
		if err != nil {
			t.Fatal(err)
		}
		full, explained := 0, 0
		for i, rp := range r.Programs {
			if rp.ProgramID != programs[i].ID || rp.Admitted != int(want.Admitted[i]) || rp.Full != want.Full[i] {
				t.Errorf("program %d: stored %+v, reference admitted %d full %v", programs[i].ID, rp, want.Admitted[i], want.Full[i])
			}
			if rp.HasCutoff != (want.Full[i] && want.Admitted[i] > 0) || (rp.HasCutoff && rp.Cutoff != want.Cutoff[i]) {
				t.Errorf("program %d: cutoff %+v (%v), reference %+v", programs[i].ID, rp.Cutoff, rp.HasCutoff, want.Cutoff[i])
			}
			if rp.HasCutoff {
				full++
			}
		}
		for a, ap := range in.Applicants {
			res, err := e.s.Results(ctx, round.ID, ap.ID)
			if err != nil {
				t.Fatal(err)
			}
			var seat int64
			if want.Seat[a] >= 0 {
				seat = programs[want.Seat[a]].ID
			}
			if res.ProgramID != seat {
				t.Errorf("seeker %d: seat %d, reference %d", ap.ID, res.ProgramID, seat)
			}
			if res.Lottery != ap.Lottery || alloc.SeedHash(res.Seed) != published || len(res.Choices) != len(ap.Choices) {
				t.Fatalf("seeker %d: result %+v", ap.ID, res)
			}
			// The seat is in the public log as a commitment the salt opens.
			rec, err := ledger.Record(ctx, e.d, res.LedgerN)
			if err != nil || !res.Logged {
				t.Fatalf("seeker %d: seat record %d: %v", ap.ID, res.LedgerN, err)
			}
			if !strings.Contains(string(rec), training.SeatCommitment(res.Salt, ap.ID, round.ID)) ||
				(seat != 0 && !strings.Contains(string(rec), fmt.Sprintf(`"program_id":%d`, seat))) ||
				(seat == 0 && !strings.Contains(string(rec), `"program_id":null`)) || strings.Contains(string(rec), "seeker") {
				t.Fatalf("seeker %d: seat record %s", ap.ID, rec)
			}
			for k, c := range res.Choices {
				if c.Preference != k+1 || c.ProgramID != programs[ap.Choices[k].Program].ID || c.Class != int(ap.Choices[k].Class) ||
					c.Key != (alloc.Key{Class: ap.Choices[k].Class, Lottery: ap.Lottery, ApplicantID: ap.ID}) {
					t.Errorf("seeker %d choice %d: %+v", ap.ID, k, c)
				}
				if c.Seated && !c.Admits {
					t.Errorf("seeker %d: seated at %d, which the rule does not admit", ap.ID, c.ProgramID)
				}
			}
			for _, c := range res.Above() {
				explained++
				// Every program ranked above the seat was full with better keys.
				if c.Admits || !c.Full || !c.HasCutoff || !c.Cutoff.Less(c.Key) {
					t.Errorf("seeker %d: program %d above the seat is not explained: %+v", ap.ID, c.ProgramID, c)
				}
			}
		}
		if full == 0 || explained == 0 {
			t.Fatalf("the instance has no competition (%d full programs, %d explained refusals): make seats scarcer", full, explained)
		}
		if err := e.s.VerifyRound(ctx, round.ID); err != nil {
			t.Fatal(err)
		}
		// VerifyRound notices a seat that is not the rule's outcome.
		var moved int64
		if err := d.QueryRowContext(ctx, `SELECT min(seeker_id) FROM round_results WHERE round_id = ? AND program_id IS NOT NULL`, round.ID).Scan(&moved); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `UPDATE round_results SET program_id = NULL WHERE round_id = ? AND seeker_id = ?`, round.ID, moved); err != nil {
			t.Fatal(err)
		}
		if err := e.s.VerifyRound(ctx, round.ID); err == nil {
			t.Fatal("VerifyRound accepted a tampered seat")
		}
		if _, err := d.ExecContext(ctx, `UPDATE round_results SET program_id = ? WHERE round_id = ? AND seeker_id = ?`,
			programs[want.Seat[slices.Index(seekers, moved)]].ID, round.ID, moved); err != nil {
			t.Fatal(err)
		}
		_, err = e.s.Results(ctx, round.ID, lowEdu)
		apptest.WantIs(t, err, db.ErrNotFound)
		trail, _ := audit.For(ctx, d, "round", round.ID, 5)
		if len(trail) != 2 || trail[0].Action != "training.round.allocate" || trail[1].Action != "training.round.open" {
			t.Fatalf("audit %+v", trail)
		}

		// Appeals: an applicant without a seat appeals; the office decides.
		var appellant int64
		for a, ap := range in.Applicants {
			if want.Seat[a] < 0 {
				appellant = ap.ID
				break
			}
		}
		if appellant == 0 {
			t.Fatal("everyone got a seat")
		}
		_, err = e.s.FileAppeal(ctx, round.ID, appellant, "Tolong")
		apptest.WantCode(t, err, "body", "appeal_short")
		_, err = e.s.FileAppeal(ctx, round.ID, lowEdu, "Saya tidak bisa mendaftar program listrik.")
		apptest.WantCode(t, err, "round", "appeal_not_applicant")
		ap, err := e.s.FileAppeal(ctx, round.ID, appellant, "Saya terdaftar DTKS sejak 2023, mohon diperiksa.")
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.s.FileAppeal(ctx, round.ID, appellant, "Sekali lagi: saya terdaftar DTKS.")
		apptest.WantCode(t, err, "body", "appeal_exists")
		apptest.WantCode(t, e.s.DecideAppeal(ctx, ap.ID, e.officer, true, "  "), "decision", "reason_required")
		e.clk.t = e.clk.t.Add(48 * time.Hour)
		if err := e.s.DecideAppeal(ctx, ap.ID, e.officer, true, "Data DTKS terbukti; ditawarkan kursi cadangan."); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, e.s.DecideAppeal(ctx, ap.ID, e.officer, false, "Berubah pikiran."), "decision", "appeal_decided")
		got, err := e.s.Appeal(ctx, ap.ID)
		if err != nil || !got.Decided || !got.Upheld || got.DecidedBy != e.officer || got.DeciderName != "Petugas Disnaker" ||
			!got.DecidedAt.Equal(e.clk.t) || got.SeekerName == "" {
			t.Fatalf("decided appeal %+v %v", got, err)
		}
		list, err := e.s.AppealsFor(ctx, training.AppealFilter{RoundID: round.ID})
		if err != nil || len(list) != 1 || list[0].ID != ap.ID {
			t.Fatalf("appeals of round %+v %v", list, err)
		}
		if list, _ := e.s.AppealsFor(ctx, training.AppealFilter{RoundID: round.ID, OnlyPending: true}); len(list) != 0 {
			t.Fatalf("pending appeals %+v", list)
		}
		for _, p := range []training.Provider{blk, lpk, ind} {
			ranked := false
			for _, pid := range all[appellant].choices {
				ranked = ranked || programs[index[pid]].ProviderID == p.ID
			}
			list, err := e.s.AppealsFor(ctx, training.AppealFilter{ProviderID: p.ID})
			if err != nil || (len(list) == 1) != ranked {
				t.Errorf("appeals for provider %s: %d, ranked %v, %v", p.Name, len(list), ranked, err)
			}
		}
		trail, _ = audit.For(ctx, d, "appeal", ap.ID, 5)
		if len(trail) != 1 || trail[0].Action != "training.appeal.uphold" || trail[0].ActorID != e.officer {
			t.Fatalf("appeal audit %+v", trail)
		}
		if mine, _ := e.s.AppealsFor(ctx, training.AppealFilter{SeekerID: appellant}); len(mine) != 1 {
			t.Fatalf("own appeals %+v", mine)
		}
		if mine, _ := e.s.AppealsFor(ctx, training.AppealFilter{SeekerID: older}); len(mine) != 0 && older != appellant {
			t.Fatalf("someone else's appeals %+v", mine)
		}
		rounds, err := e.s.RoundsForSeeker(ctx, appellant)
		if err != nil || len(rounds) != 1 || rounds[0].ID != round.ID {
			t.Fatalf("rounds of seeker %+v %v", rounds, err)
		}
		// A provider sees the province-wide round its programs are in.
		for _, pid := range []int64{0, blk.ID, ind.ID} {
			if rs, err := e.s.RoundsByProvider(ctx, pid); err != nil || len(rs) != 1 || rs[0].ID != round.ID {
				t.Fatalf("rounds of provider %d: %+v %v", pid, rs, err)
			}
		}
		if open, _ := e.s.OpenRounds(ctx); len(open) != 0 {
			t.Fatalf("open rounds after allocation %+v", open)
		}
	})
}

func ageAt(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return age
}
