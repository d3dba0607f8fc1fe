package training_test

import (
	"github.com/bursa-banten/bursa/internal/apptest"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/training"
)

// TestCourseAndOutcomes follows a provider's round through the course to
// the outcome figures, on a hand-made example whose numbers are worked out
// in the comments.
func TestCourseAndOutcomes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := e.ctx
		partner := e.verifiedEmployer("PT Baja Mandiri Cilegon", "3672")
		other := e.verifiedEmployer("PT Sepatu Jaya Cikande", "3604")
		blk, staff := e.provider(training.BLK, "UPTD BLK Serang", "3604", 0)
		_, stranger := e.provider(training.LPK, "LPK Lain", "3671", 0)

		inA := program("Juru Las SMAW", "3604", 6, training.DTKS)
		inA.CertificateScheme = "Juru Las 3G SMAW"
		inA.PartnerID, inA.PartnerInterviews, inA.PartnerHires = partner, 4, 2
		progA := e.mustProgram(staff, blk.ID, inA)
		progB := e.mustProgram(staff, blk.ID, program("Juru Las Pipa", "3672", 2, training.Domisili))

		closes := e.clk.t.Add(7 * 24 * time.Hour)
		round, err := e.s.OpenRound(ctx, staff, training.RoundInput{ProviderID: blk.ID, Title: "BLK Serang 2026-I",
			Programs: []int64{progA.ID, progB.ID}, ClosesAt: closes})
		if err != nil {
			t.Fatal(err)
		}
		// s[0..5] want A; s[6], s[7] live in Kota Cilegon, B's region, and
		// so outrank s[8] from Kab. Serang for B's two seats.
		var s []int64
		for i, region := range []string{"3604", "3604", "3604", "3604", "3604", "3604", "3672", "3672", "3604"} {
			s = append(s, e.newSeeker(person{name: "Peserta " + string(rune('A'+i)), nikRegion: region,
				birth: date("2001-05-05"), education: "smk"}))
			prog := progA.ID
			if i >= 6 {
				prog = progB.ID
			}
			if err := e.s.Apply(ctx, round.ID, s[i], training.ApplicationInput{Programs: []int64{prog}}); err != nil {
				t.Fatal(err)
			}
		}
		e.clk.t = closes.Add(time.Hour) // 2026-03-09 11:00 WIB
		_, err = e.s.CloseAndAllocate(ctx, stranger, round.ID)
		apptest.WantIs(t, err, training.ErrNotStaff)
		if _, err := e.s.CloseAndAllocate(ctx, staff, round.ID); err != nil {
			t.Fatal(err)
		}
		// A round nobody applied to allocates to nothing.
		progC := e.mustProgram(staff, blk.ID, program("Las Argon", "3604", 3))
		empty, err := e.s.OpenRound(ctx, staff, training.RoundInput{ProviderID: blk.ID, Title: "Kosong",
			Programs: []int64{progC.ID}, ClosesAt: e.clk.t.Add(time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		e.clk.t = e.clk.t.Add(2 * time.Minute)
		empty, err = e.s.CloseAndAllocate(ctx, staff, empty.ID)
		if err != nil || empty.Applicants != 0 || empty.Programs[0].Admitted != 0 || empty.Programs[0].Full || empty.Programs[0].HasCutoff {
			t.Fatalf("empty round %+v %v", empty, err)
		}
		if err := e.s.VerifyRound(ctx, empty.ID); err != nil {
			t.Fatal(err)
		}
		if rs, _ := e.s.RoundsByProvider(ctx, blk.ID); len(rs) != 2 {
			t.Fatalf("rounds of provider %+v", rs)
		}
		// The commitment the cohort was promised stays with it.
		inA.PartnerHires = 9
		if _, err := e.s.UpdateProgram(ctx, staff, progA.ID, inA); err != nil {
			t.Fatal(err)
		}

		// Appeal in a provider's round: decided by its staff only; to
		// another provider's staff it does not exist.
		ap, err := e.s.FileAppeal(ctx, round.ID, s[8], "Saya tinggal dekat Cilegon, mohon ditinjau.")
		if err != nil {
			t.Fatal(err)
		}
		apptest.WantIs(t, e.s.DecideAppeal(ctx, ap.ID, stranger, false, "Tidak."), db.ErrNotFound)
		if err := e.s.DecideAppeal(ctx, ap.ID, staff, false, "Domisili menurut profil Kab. Serang; prioritas program B adalah Kota Cilegon."); err != nil {
			t.Fatal(err)
		}
		if list, _ := e.s.AppealsFor(ctx, training.AppealFilter{ProviderID: blk.ID}); len(list) != 1 || list[0].Upheld || !list[0].Decided {
			t.Fatalf("appeals %+v", list)
		}

		// Enrollment from the seats.
		_, err = e.s.Enroll(ctx, stranger, round.ID, s[0])
		apptest.WantIs(t, err, training.ErrNotStaff)
		first, err := e.s.Enroll(ctx, staff, round.ID, s[0])
		if err != nil || first.ProgramID != progA.ID || !first.EnrolledOn.Equal(date("2026-03-09")) || first.Completed() {
			t.Fatalf("enroll %+v %v", first, err)
		}
		_, err = e.s.Enroll(ctx, staff, round.ID, s[0])
		apptest.WantCode(t, err, "seeker", "already_enrolled")
		_, err = e.s.Enroll(ctx, staff, round.ID, s[8])
		apptest.WantCode(t, err, "seeker", "no_seat")
		for _, tt := range []struct {
			program int64
			want    int
		}{{progA.ID, 5}, {progB.ID, 2}, {progA.ID, 0}} {
			if n, err := e.s.EnrollSeated(ctx, staff, round.ID, tt.program); err != nil || n != tt.want {
				t.Fatalf("EnrollSeated(%d) = %d, %v; want %d", tt.program, n, err, tt.want)
			}
		}
		rosterA, err := e.s.Roster(ctx, progA.ID)
		if err != nil || len(rosterA) != 6 {
			t.Fatalf("roster %+v %v", rosterA, err)
		}
		enr := map[int64]int64{} // seeker → enrollment
		for _, p := range []int64{progA.ID, progB.ID} {
			r, _ := e.s.Roster(ctx, p)
			for _, x := range r {
				enr[x.SeekerID] = x.ID
			}
		}
		if len(enr) != 8 {
			t.Fatalf("%d enrollments", len(enr))
		}

		// Attendance, as sessions or as a percentage.
		if err := e.s.RecordAttendance(ctx, staff, enr[s[0]], training.Attendance{Attended: 18, Held: 20}); err != nil {
			t.Fatal(err)
		}
		if err := e.s.RecordAttendance(ctx, staff, enr[s[1]], training.Attendance{Percent: 85}); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, e.s.RecordAttendance(ctx, staff, enr[s[2]], training.Attendance{Attended: 21, Held: 20}), "sessions", "sessions_invalid")
		apptest.WantCode(t, e.s.RecordAttendance(ctx, staff, enr[s[2]], training.Attendance{Percent: 101}), "attendance", "percent_invalid")
		apptest.WantIs(t, e.s.RecordAttendance(ctx, stranger, enr[s[2]], training.Attendance{Percent: 50}), training.ErrNotStaff)

		// Completion and certificates, in December.
		e.clk.t = time.Date(2026, 12, 15, 3, 0, 0, 0, time.UTC)
		apptest.WantCode(t, e.s.Complete(ctx, staff, enr[s[0]], "2026-03-01"), "completed_on", "completed_before_enrolled")
		apptest.WantCode(t, e.s.Complete(ctx, staff, enr[s[0]], "2026-12-16"), "completed_on", "date_future")
		apptest.WantCode(t, e.s.Complete(ctx, staff, enr[s[0]], "1 Juni"), "completed_on", "date_invalid")
		for _, x := range []struct {
			seeker int64
			on     string
		}{{s[0], "2026-06-01"}, {s[1], "2026-06-01"}, {s[2], "2026-06-01"}, {s[3], "2026-06-01"}, {s[5], "2026-09-01"}, {s[6], "2026-06-01"}} {
			if err := e.s.Complete(ctx, staff, enr[x.seeker], x.on); err != nil {
				t.Fatal(err)
			}
		}
		apptest.WantCode(t, e.s.Certify(ctx, staff, enr[s[4]], "BNSP-LAS-0005", "2026-06-10"), "certificate", "not_completed")
		if err := e.s.Certify(ctx, staff, enr[s[0]], " BNSP-LAS-0001 ", "2026-06-10"); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, e.s.Certify(ctx, staff, enr[s[1]], "BNSP-LAS-0001", "2026-06-10"), "certificate_number", "certificate_taken")
		apptest.WantCode(t, e.s.Certify(ctx, staff, enr[s[1]], "BNSP-LAS-0002", "2026-05-01"), "certified_on", "certified_before_completed")
		apptest.WantCode(t, e.s.Certify(ctx, staff, enr[s[1]], "", "2026-06-10"), "certificate_number", "required")
		if err := e.s.Certify(ctx, staff, enr[s[1]], "BNSP-LAS-0002", "2026-06-10"); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, e.s.Complete(ctx, staff, enr[s[0]], "2026-06-02"), "completed_on", "enrollment_certified")
		got, err := e.s.Enrollment(ctx, enr[s[0]])
		if err != nil || !got.HasAttendance || got.AttendancePct != 90 || got.SessionsAttended != 18 || got.SessionsHeld != 20 ||
			!got.CompletedOn.Equal(date("2026-06-01")) || got.CertificateNo != "BNSP-LAS-0001" ||
			!got.CertifiedOn.Equal(date("2026-06-10")) || got.SeekerName != "Peserta A" {
			t.Fatalf("enrollment %+v %v", got, err)
		}
		if mine, _ := e.s.EnrollmentsOf(ctx, s[1]); len(mine) != 1 || mine[0].AttendancePct != 85 || mine[0].SessionsHeld != 0 {
			t.Fatalf("enrollments of seeker %+v", mine)
		}

		// Placements as bursa kerja records them.
		e.place(s[0], partner, "2026-06-20", 5_000_000) // 19 days after completion, by the partner
		e.place(s[0], other, "2026-09-01", 6_000_000)   // a later job: not the first, not in the median
		e.place(s[1], other, "2026-08-30", 4_800_000)   // day 90 exactly: within 3 months
		e.place(s[2], partner, "2026-10-01", 5_200_000) // day 122: within 6 months only, by the partner
		e.place(s[3], other, "2026-05-20", 4_000_000)   // before completion: not a placement after training
		e.place(s[4], partner, "2026-07-01", 5_000_000) // never completed: not counted
		e.place(s[5], other, "2026-09-15", 5_100_000)   // completed 1 Sep: 3-month window passed, 6-month not yet
		e.place(s[6], other, "2026-12-01", 4_700_000)   // day 183 for B's completer: too late

		// Program A, on 15 Dec 2026:
		//   enrolled 6 (s0–s5), completed 5 (all but s4), certified 2 (s0, s1).
		//   3 months: windows passed for all 5 completers; placed s0, s1, s5 → 3 of 5.
		//   6 months: windows passed for the 4 June completers; placed s0, s1, s2 → 3 of 4.
		//   first wages within 6 months: 4.8M, 5.0M, 5.1M, 5.2M → median (5.0M + 5.1M) / 2.
		//   partner: 4 interview and 2 hiring places promised to the one intake; hired s0, s2.
		wantA := training.Outcome{Programs: 1, Enrolled: 6, Completed: 5, Certified: 2,
			Completion: training.Rate{N: 5, Of: 6}, Certification: training.Rate{N: 2, Of: 6},
			PlacedShort: training.Rate{N: 3, Of: 5}, PlacedLong: training.Rate{N: 3, Of: 4},
			MedianWage: 5_050_000, Wages: 4, PartnerInterviewPlaces: 4, PartnerHirePlaces: 2, PartnerHires: 2}
		// Program B: s6 and s7 enrolled, s6 completed in June and was hired on day 183.
		wantB := training.Outcome{Programs: 1, Enrolled: 2, Completed: 1, Completion: training.Rate{N: 1, Of: 2},
			Certification: training.Rate{N: 0, Of: 2}, PlacedShort: training.Rate{N: 0, Of: 1}, PlacedLong: training.Rate{N: 0, Of: 1}}
		wantAll := training.Outcome{Programs: 3, Enrolled: 8, Completed: 6, Certified: 2,
			Completion: training.Rate{N: 6, Of: 8}, Certification: training.Rate{N: 2, Of: 8},
			PlacedShort: training.Rate{N: 3, Of: 6}, PlacedLong: training.Rate{N: 3, Of: 5},
			MedianWage: 5_050_000, Wages: 4, PartnerInterviewPlaces: 4, PartnerHirePlaces: 2, PartnerHires: 2}

		if got, err := e.s.OutcomeForProgram(ctx, progA.ID); err != nil || got != wantA {
			t.Errorf("program A:\n got %+v %v\nwant %+v", got, err, wantA)
		}
		if got, err := e.s.OutcomeForProgram(ctx, progB.ID); err != nil || got != wantB {
			t.Errorf("program B:\n got %+v %v\nwant %+v", got, err, wantB)
		}
		if got, err := e.s.OutcomeForProvider(ctx, blk.ID); err != nil || got != wantAll {
			t.Errorf("provider:\n got %+v %v\nwant %+v", got, err, wantAll)
		}
		if got := wantA.PlacedShort.Percent(); got != 60 {
			t.Errorf("3-month placement rate %v%%, want 60%%", got)
		}
		list, err := e.s.ProgramOutcomes(ctx, blk.ID)
		// By title: "Juru Las Pipa" (B), "Juru Las SMAW" (A), "Las Argon" (C, one intake, nobody).
		wantC := training.Outcome{Programs: 1}
		if err != nil || len(list) != 3 || list[1].Program.ID != progA.ID || list[1].Outcome != wantA || list[0].Outcome != wantB ||
			list[2].Outcome != wantC {
			t.Errorf("program outcomes %+v %v", list, err)
		}
		regions, err := e.s.OutcomesByRegion(ctx)
		if err != nil || len(regions) != 8 {
			t.Fatalf("regions %+v %v", regions, err)
		}
		for _, r := range regions {
			want := training.Outcome{}
			switch r.Region.Code {
			case "3604":
				want = wantA
				want.Programs = 2 // A and C
			case "3672":
				want = wantB
			}
			if r.Outcome != want {
				t.Errorf("region %s:\n got %+v\nwant %+v", r.Region.Code, r.Outcome, want)
			}
		}
		// A program nobody took yet has an empty outcome.
		if got, err := e.s.OutcomeForProgram(ctx, 9999); err != nil || got != (training.Outcome{}) {
			t.Errorf("unknown program %+v %v", got, err)
		}
	})
}
