package ledger_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// BenchmarkObjectHistory reads one vacancy's history and one filtered page
// of /transparansi from a log of 100,000 records (1,000 vacancies of 100
// employers, 99 applications each), on SQLite:
//
//	go test ./internal/ledger/ -run '^$' -bench ObjectHistory -benchtime 200x -count 3
func BenchmarkObjectHistory(b *testing.B) {
	ctx := context.Background()
	d := dbtest.SQLite(b)
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	const vacancies, perVacancy = 1000, 100
	for v := range vacancies {
		entries := []ledger.Entry{{Kind: ledger.VacancyPublished, At: at, Fields: map[string]any{
			"vacancy_id": v + 1, "employer_id": v%100 + 1, "region": "3604", "title": fmt.Sprint("Operator ", v)}}}
		for a := 1; a < perVacancy; a++ {
			// The employer and regency come with the record here: the
			// vacancies are not in this database.
			entries = append(entries, ledger.Entry{Kind: ledger.ApplicationReceived, At: at, Fields: map[string]any{
				"vacancy_id": v + 1, "employer_id": v%100 + 1, "region": "3604", "application": fmt.Sprint(v, "-", a)}})
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error { _, err := ledger.Append(ctx, tx, entries...); return err }); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("vacancy", func(b *testing.B) {
		for i := range b.N {
			h, err := ledger.History(ctx, d, ledger.RefOf(ledger.ObjVacancy, int64(i%vacancies+1)))
			if err != nil || len(h) != perVacancy {
				b.Fatalf("%d records, %v", len(h), err)
			}
		}
	})
	b.Run("page-employer-kind", func(b *testing.B) {
		for i := range b.N {
			l, err := ledger.List(ctx, d, ledger.Filter{Kind: ledger.VacancyPublished, Limit: 21,
				Refs: []ledger.Ref{ledger.RefOf(ledger.ObjEmployer, int64(i%100+1)), {Object: ledger.ObjRegion, ID: "3604"}}})
			if err != nil || len(l) != 10 {
				b.Fatalf("%d records, %v", len(l), err)
			}
		}
	})
	b.Run("page-kind", func(b *testing.B) {
		for range b.N {
			l, err := ledger.List(ctx, d, ledger.Filter{Kind: ledger.VacancyPublished, Limit: 21})
			if err != nil || len(l) != 21 {
				b.Fatalf("%d records, %v", len(l), err)
			}
		}
	})
}
