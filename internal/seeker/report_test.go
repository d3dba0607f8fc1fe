package seeker_test

import (
	"context"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// TestAK1Report: the six-monthly report opens a month before its date,
// is made once per period and moves the card's report date on; working
// needs the place and marks the seeker placed; the reminder is skipped.
func TestAK1Report(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		s := a.Seekers
		u, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "081212340001", Name: "Euis", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		_, card, err := s.Register(ctx, d, u.ID, seeker.Input{NIK: "3604015503000042", Profile: seeker.Profile{FullName: "Euis Rohimah",
			DomicileRegion: "3604", Education: "smk"}})
		if err != nil || card == nil {
			t.Fatal(err)
		}
		st, err := s.ReportState(ctx, &u)
		if err != nil || st.Period != 1 || st.Open || !st.Due.Equal(card.IssuedOn.AddDate(0, 6, 0)) {
			t.Fatalf("state after issue: %+v %v", st, err)
		}
		_, err = s.ReportAK1(ctx, &u, seeker.ReportInput{Status: seeker.ReportSeeking})
		apptest.WantIs(t, err, fail.Conflict)

		clk.T = clk.T.AddDate(0, 6, -10) // ten days before the date
		apptest.WantCode(t, second(s.ReportAK1(ctx, &u, seeker.ReportInput{Status: "pensiun"})), "status", "choose_one")
		apptest.WantCode(t, second(s.ReportAK1(ctx, &u, seeker.ReportInput{Status: seeker.ReportWorking})), "employer", "ak1_report_where")
		r, err := s.ReportAK1(ctx, &u, seeker.ReportInput{Status: seeker.ReportSeeking, Note: "masih mencari"})
		if err != nil || r.Period != 1 {
			t.Fatalf("report: %+v %v", r, err)
		}
		if done, _ := seeker.Reported(ctx, d, card.ID, 1); !done {
			t.Error("the reminder does not see the report")
		}
		st, _ = s.ReportState(ctx, &u)
		if st.Period != 2 || st.Open || st.Last == nil || st.Last.Status != seeker.ReportSeeking || !st.Due.Equal(card.IssuedOn.AddDate(0, 12, 0)) {
			t.Fatalf("state after the report: %+v", st)
		}
		apptest.WantIs(t, second(s.ReportAK1(ctx, &u, seeker.ReportInput{Status: seeker.ReportSeeking})), fail.Conflict)

		// The second period, reported late (within the month): working.
		clk.T = clk.T.AddDate(0, 6, 20)
		if _, err := s.ReportAK1(ctx, &u, seeker.ReportInput{Status: seeker.ReportWorking, Employer: "PT Sinar, Cikande"}); err != nil {
			t.Fatal(err)
		}
		if sk, _ := s.ByUser(ctx, u.ID); !sk.Placed {
			t.Error("reporting work did not mark the seeker placed")
		}
		// An employer has no card to report.
		hr, _ := a.Auth.Create(ctx, d, auth.NewUser{Login: "hr@x.test", Name: "HR", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
		apptest.WantIs(t, second(s.ReportState(ctx, &hr)), fail.Forbidden)
	})
}

func second[T any](_ T, err error) error { return err }
