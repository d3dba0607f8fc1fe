package vacancy_test

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestHireReportNeedsTheWorker: a hire the company reports is a claim
// until the worker answers it. Denied, the application ends and nothing of
// a placement is written (no placement row, no public placement record, the
// seeker not placed); unanswered past its date, it can no longer be
// confirmed; only the worker answers it, never the company.
func TestHireReportNeedsTheWorker(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		a, u := f.interviewSetup(t)
		today := f.now.Format("2006-01-02")
		if _, err := f.vs.ReportHire(f.ctx, f.hr, a.ID, "2020-01-01", 5600000); codes(err)["start_date"] != "start_date_range" {
			t.Fatalf("a start date years ago: %v", err)
		}
		o, err := f.vs.ReportHire(f.ctx, f.hr, a.ID, today, 5600000)
		if err != nil {
			t.Fatal(err)
		}
		if o.AnswerBy.Sub(o.CreatedAt).Hours() < 24*(vacancy.HireConfirmDays-1) {
			t.Fatalf("the worker has until %v to confirm (reported %v)", o.AnswerBy, o.CreatedAt)
		}
		yes, no := true, false
		if _, err := f.vs.AnswerOffer(f.ctx, f.hr, a.ID, &yes); err == nil {
			t.Fatal("the company confirmed its own hire report")
		}
		if _, err := f.vs.AnswerOffer(f.ctx, &u, a.ID, &no); err != nil {
			t.Fatal(err)
		}
		got, _ := f.vs.Application(f.ctx, a.ID)
		var placements, records int
		d.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM placements`).Scan(&placements)
		d.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM ledger_records WHERE kind = 'placement.reported'`).Scan(&records)
		sk, _ := f.ss.Mine(f.ctx, &u)
		if got.Status != vacancy.Withdrawn || got.StatusReason == "" || placements != 0 || records != 0 || sk.Placed {
			t.Fatalf("after denial: %s (%q), %d placements, %d records, placed %v", got.Status, got.StatusReason, placements, records, sk.Placed)
		}
		if _, err := f.vs.AnswerOffer(f.ctx, &u, a.ID, &yes); codes(err)["accept"] != "offer_answered" {
			t.Fatalf("confirm after denial: %v", err)
		}

		// A second application, reported and left unanswered past its date.
		v2, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		b, err := f.vs.Apply(f.ctx, &u, v2.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.ReportHire(f.ctx, f.hr, b.ID, today, 5600000); err != nil {
			t.Fatal(err)
		}
		f.clk.T = f.now.AddDate(0, 0, vacancy.HireConfirmDays+1)
		if _, err := f.vs.AnswerOffer(f.ctx, &u, b.ID, &yes); codes(err)["accept"] != "offer_expired" {
			t.Fatalf("confirm after the date: %v", err)
		}
		// The lapsed report does not hold the application for ever: the
		// company reports again, and the worker's yes makes the hire.
		later := f.clk.T.Format("2006-01-02")
		if _, err := f.vs.ReportHire(f.ctx, f.hr, b.ID, later, -5); codes(err)["wage"] != "wage_invalid" {
			t.Fatalf("a negative wage: %v", err)
		}
		if _, err := f.vs.ReportHire(f.ctx, f.hr, b.ID, later, 5600000); err != nil {
			t.Fatalf("report again after the first lapsed: %v", err)
		}
		if _, err := f.vs.AnswerOffer(f.ctx, &u, b.ID, &yes); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.vs.Application(f.ctx, b.ID); got.Status != vacancy.Hired {
			t.Fatalf("after the second report's confirmation: %s", got.Status)
		}
	})
}
