package vacancy_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// interviewSetup publishes a vacancy and has a seeker apply to it.
func (f *fixture) interviewSetup(t *testing.T) (vacancy.Application, auth.User) {
	t.Helper()
	f.es.Decide(f.ctx, f.emp.ID, f.officer.ID, true, "")
	v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := f.seekerWithCard(t, "081311112222", "3604010708980001", false)
	a, err := f.vs.Apply(f.ctx, &u, v.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return a, u
}

// slot is a time days ahead of the fixture's clock at hour:00 WIB, in the
// contract's RFC 3339 form.
func (f *fixture) slot(days, hour int) string {
	d := f.now.In(wib.Zone).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, wib.Zone).Format(time.RFC3339)
}

func (f *fixture) proposal() vacancy.InterviewInput {
	return vacancy.InterviewInput{Slots: []string{f.slot(3, 9), f.slot(3, 13), f.slot(4, 9)},
		Place: "PT Uji Baja, Jl. Raya Anyer No. 1, Kec. Ciwandan, Kota Cilegon", Contact: "Rudi (HRD), 0812-0000-1111",
		Bring: "KTP, kartu AK/1, ijazah"}
}

// TestInterviewProposeAndAccept: the employer proposes, the application
// moves to wawancara, the seeker is told and picks a slot, the employer is
// told; the interview shows on the seeker's application list.
func TestInterviewProposeAndAccept(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		a, u := f.interviewSetup(t)
		iv, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, f.proposal())
		if err != nil {
			t.Fatal(err)
		}
		if iv.Status != vacancy.InterviewProposed || len(iv.Slots) != 3 || iv.HasChosen() || iv.ApplicationID != a.ID {
			t.Fatalf("proposed interview: %+v", iv)
		}
		if got, _ := f.vs.Application(f.ctx, a.ID); got.Status != vacancy.Interview {
			t.Errorf("application after proposing: %s, want wawancara", got.Status)
		}
		inbox := f.inbox(t, &u)
		if len(inbox) == 0 || inbox[0].Kind != notify.Interview || !strings.Contains(inbox[0].Title, "Operator Produksi") {
			t.Fatalf("seeker inbox after the proposal: %+v", inbox)
		}
		// A second proposal on an application already at wawancara does not move it.
		if _, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, f.proposal()); err != nil {
			t.Fatal(err)
		}

		got, err := f.vs.AnswerInterview(f.ctx, &u, a.ID, iv.ID, vacancy.InterviewAnswer{Slot: f.slot(3, 13)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != vacancy.InterviewAccepted || !got.Chosen.Equal(iv.Slots[1]) {
			t.Fatalf("accepted interview: %+v", got)
		}
		hr := f.inbox(t, f.hr)
		if len(hr) == 0 || hr[0].Kind != notify.Interview || !strings.Contains(hr[0].Body, "13:00 WIB") {
			t.Fatalf("HR inbox after the answer: %+v", hr)
		}
		// Answered once.
		if _, err := f.vs.AnswerInterview(f.ctx, &u, a.ID, iv.ID, vacancy.InterviewAnswer{Decline: true}); !errors.Is(err, fail.Conflict) {
			t.Errorf("second answer: %v, want a conflict", err)
		}
		ivs, err := f.vs.Interviews(f.ctx, a.ID)
		if err != nil || len(ivs) != 2 || ivs[0].Status != vacancy.InterviewAccepted || ivs[1].Status != vacancy.InterviewProposed {
			t.Errorf("interviews of the application: %+v %v", ivs, err)
		}
	})
}

// TestInterviewDeclineReschedule: the two other answers record the note and
// choose no slot.
func TestInterviewDeclineReschedule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		a, u := f.interviewSetup(t)
		one, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, f.proposal())
		if err != nil {
			t.Fatal(err)
		}
		two, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, f.proposal())
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.vs.AnswerInterview(f.ctx, &u, a.ID, one.ID, vacancy.InterviewAnswer{Reschedule: true, Note: "Shift pagi sampai jam 3"})
		if err != nil || got.Status != vacancy.InterviewReschedule || got.Note != "Shift pagi sampai jam 3" || got.HasChosen() {
			t.Fatalf("reschedule: %+v %v", got, err)
		}
		got, err = f.vs.AnswerInterview(f.ctx, &u, a.ID, two.ID, vacancy.InterviewAnswer{Decline: true})
		if err != nil || got.Status != vacancy.InterviewDeclined || got.HasChosen() {
			t.Fatalf("decline: %+v %v", got, err)
		}
		if hr := f.inbox(t, f.hr); len(hr) < 2 || !strings.Contains(hr[1].Body, "Shift pagi") {
			t.Errorf("HR inbox: %+v", hr)
		}
	})
}

// TestInterviewRules: what is invalid (422 with the field), whose it is not
// (404), and what comes too early.
func TestInterviewRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		a, u := f.interviewSetup(t)
		bad := map[string]func(*vacancy.InterviewInput){
			"slots":      func(in *vacancy.InterviewInput) { in.Slots = nil },
			"contact":    func(in *vacancy.InterviewInput) { in.Contact = " " },
			"place":      func(in *vacancy.InterviewInput) { in.Place = "" },
			"online_url": func(in *vacancy.InterviewInput) { in.OnlineURL = "http://meet.example.test/abc" },
			"bring":      func(in *vacancy.InterviewInput) { in.Bring = strings.Repeat("x", 501) },
		}
		for field, change := range bad {
			in := f.proposal()
			change(&in)
			if _, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, in); codes(err)[field] == "" {
				t.Errorf("%s: %v, want a field error", field, err)
			}
		}
		for name, slots := range map[string][]string{
			"four":    {f.slot(1, 9), f.slot(2, 9), f.slot(3, 9), f.slot(4, 9)},
			"past":    {f.slot(-1, 9)},
			"garbled": {"besok pagi"},
		} {
			in := f.proposal()
			in.Slots = slots
			if _, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, in); codes(err)["slots"] == "" {
				t.Errorf("%s slots: %v, want a slots error", name, err)
			}
		}
		// An online interview needs no place.
		in := f.proposal()
		in.Place, in.OnlineURL = "", "https://meet.example.test/abc"
		iv, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, in)
		if err != nil {
			t.Fatal(err)
		}

		// Another company and another seeker find nothing.
		other, err := f.a.Create(f.ctx, d, auth.NewUser{Login: "hrd@pt-b.test", Name: "HRD B", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.es.Register(f.ctx, d, other.ID, employer.Input{Name: "PT Lain", NIB: "9234567890123", KBLISection: "C",
			SizeClass: employer.Besar, Region: "3672", Address: "Jl. Lain 2, Cilegon", ContactName: "Budi", ContactPhone: "081200002222"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.ProposeInterview(f.ctx, &other, a.ID, f.proposal()); !errors.Is(err, fail.NotFound) {
			t.Errorf("another company proposes: %v, want not found", err)
		}
		stranger, _ := f.seekerWithCard(t, "081311119999", "3604014708980009", false)
		if _, err := f.vs.AnswerInterview(f.ctx, &stranger, a.ID, iv.ID, vacancy.InterviewAnswer{Decline: true}); !errors.Is(err, fail.NotFound) {
			t.Errorf("another seeker answers: %v, want not found", err)
		}
		for _, who := range []*auth.User{&other, &stranger, f.officer} {
			if _, _, _, err := f.vs.InterviewFor(f.ctx, who, a.ID, iv.ID); !errors.Is(err, fail.NotFound) {
				t.Errorf("%s reads the interview: %v, want not found", who.Login(), err)
			}
		}
		// An interview of another application is not found through this one.
		if _, err := f.vs.AnswerInterview(f.ctx, &u, a.ID, iv.ID+1000, vacancy.InterviewAnswer{Decline: true}); !errors.Is(err, fail.NotFound) {
			t.Errorf("unknown interview: %v", err)
		}

		// Answers: none, two at once, a slot not offered.
		for name, ans := range map[string]vacancy.InterviewAnswer{
			"none":    {},
			"two":     {Slot: f.slot(3, 9), Decline: true},
			"unknown": {Slot: f.slot(3, 10)},
		} {
			if _, err := f.vs.AnswerInterview(f.ctx, &u, a.ID, iv.ID, ans); codes(err)["slot"] == "" {
				t.Errorf("answer %s: %v, want a slot error", name, err)
			}
		}
		// Attendance before a choice is a conflict; before the time, too early.
		if _, err := f.vs.RecordAttendance(f.ctx, &u, a.ID, iv.ID, true); !errors.Is(err, fail.Conflict) {
			t.Errorf("attendance before a choice: %v", err)
		}
		if _, err := f.vs.AnswerInterview(f.ctx, &u, a.ID, iv.ID, vacancy.InterviewAnswer{Slot: f.slot(3, 9)}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.RecordAttendance(f.ctx, f.hr, a.ID, iv.ID, true); codes(err)["attended"] == "" {
			t.Errorf("attendance before the time: %v", err)
		}
		// After the time each side says its own.
		f.clk.T = f.now.AddDate(0, 0, 4)
		if _, err := f.vs.RecordAttendance(f.ctx, &u, a.ID, iv.ID, true); err != nil {
			t.Fatal(err)
		}
		got, err := f.vs.RecordAttendance(f.ctx, f.hr, a.ID, iv.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if got.SeekerAttended == nil || !*got.SeekerAttended || got.EmployerAttended == nil || *got.EmployerAttended {
			t.Errorf("attendance both ways: %+v", got)
		}
		if _, err := f.vs.RecordAttendance(f.ctx, &stranger, a.ID, iv.ID, true); !errors.Is(err, fail.NotFound) {
			t.Errorf("a stranger's attendance: %v", err)
		}

		// An ended application takes no interview.
		if _, err := f.vs.Move(f.ctx, f.hr, a.ID, vacancy.Rejected, "Posisi sudah terisi"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.ProposeInterview(f.ctx, f.hr, a.ID, f.proposal()); codes(err)["status"] == "" {
			t.Errorf("an interview on a rejected application: %v", err)
		}
	})
}
