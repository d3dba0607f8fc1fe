package remind_test

import (
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestInterviewReminders: a chosen interview time is told to both sides a
// day and two hours before, each once however often the loop runs; an
// interview nobody chose a time for, and one on a withdrawn application,
// are not.
func TestInterviewReminders(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		v := f.vacancy("Operator Produksi")
		u, _ := f.seeker(false)
		other, _ := f.seeker(false)
		a, err := f.a.Vacancies.Apply(f.ctx, u, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		b, err := f.a.Vacancies.Apply(f.ctx, other, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		in := vacancy.InterviewInput{Slots: []string{"2026-03-10T09:00:00+07:00", "2026-03-10T13:00:00+07:00"},
			Place: "Pos satpam gerbang 2, Kec. Ciwandan, Kota Cilegon", Contact: "Rudi 0812-0000-1111"}
		iv, err := f.a.Vacancies.ProposeInterview(f.ctx, f.hr, a.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.a.Vacancies.AnswerInterview(f.ctx, u, a.ID, iv.ID, vacancy.InterviewAnswer{Slot: "2026-03-10T09:00:00+07:00"}); err != nil {
			t.Fatal(err)
		}
		ivb, err := f.a.Vacancies.ProposeInterview(f.ctx, f.hr, b.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.a.Vacancies.AnswerInterview(f.ctx, other, b.ID, ivb.ID, vacancy.InterviewAnswer{Slot: "2026-03-10T09:00:00+07:00"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.a.Vacancies.Withdraw(f.ctx, other, b.ID); err != nil {
			t.Fatal(err)
		}
		// An interview still waiting for an answer is not reminded.
		if _, err := f.a.Vacancies.ProposeInterview(f.ctx, f.hr, a.ID, in); err != nil {
			t.Fatal(err)
		}

		for _, step := range []struct {
			at   string
			want int
		}{
			{"2026-03-09 08:59", 0}, // a little more than a day ahead
			{"2026-03-09 09:30", 2}, // the day before: seeker and HR
			{"2026-03-09 18:00", 0}, // once
			{"2026-03-10 07:00", 2}, // two hours before
			{"2026-03-10 08:30", 0}, // once
			{"2026-03-10 09:30", 0}, // past
		} {
			f.at(step.at)
			if c := f.run(); c.Interviews != step.want {
				t.Fatalf("at %s: %d interview reminders, want %d", step.at, c.Interviews, step.want)
			}
		}
		got := f.told(u, notify.Interview)
		var reminders []string
		for _, s := range got {
			if strings.HasPrefix(s, "Pengingat wawancara") {
				reminders = append(reminders, s)
			}
		}
		if len(reminders) != 2 || !strings.Contains(reminders[0], "10-03-2026 09:00 WIB") || !strings.Contains(reminders[0], "Pos satpam gerbang 2") ||
			!strings.Contains(reminders[0], "Rudi 0812-0000-1111") {
			t.Errorf("seeker's reminders: %q", reminders)
		}
		if got := f.told(other, notify.Interview); len(got) != 1 { // the proposal only
			t.Errorf("a withdrawn applicant was reminded: %q", got)
		}
	})
}
