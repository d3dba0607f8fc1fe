package ledger_test

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestKindsListsEveryKind: every record-kind constant of this package is in
// Kinds, the list the sentence catalog is checked against; a kind added
// without it would show on /transparansi as a neutral fallback.
func TestKindsListsEveryKind(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	kindLike := regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)+$`)
	fset := token.NewFileSet()
	var found []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				for _, v := range spec.(*ast.ValueSpec).Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					if kindLike.MatchString(s) {
						found = append(found, s)
					}
				}
			}
		}
	}
	if len(found) < 11 {
		t.Fatalf("found only %d kind constants: %v", len(found), found)
	}
	for _, k := range found {
		if !slices.Contains(ledger.Kinds(), k) {
			t.Errorf("kind %q is not in ledger.Kinds()", k)
		}
	}
}

func appendEntries(t *testing.T, d *db.DB, entries ...ledger.Entry) int64 {
	t.Helper()
	var first int64
	err := d.InTx(context.Background(), func(tx *db.Tx) error {
		var err error
		first, err = ledger.Append(context.Background(), tx, entries...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return first
}

func numbers(items []ledger.Item) []int64 {
	var out []int64
	for _, it := range items {
		out = append(out, it.N)
	}
	return out
}

// TestIndexByObject: Append indexes each record under the objects it names
// (and those its vacancy has), histories come oldest first, List filters by
// kind and objects newest first and pages by record number, and the
// backfill indexes records written before the index the same way.
func TestIndexByObject(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
		// Vacancy 7 of employer 3 in 3604, vacancy 8 of employer 4 in 3672.
		// The records about applications carry only the vacancy; the
		// vacancies are not in this database, so only what records say counts.
		appendEntries(t, d,
			ledger.Entry{Kind: ledger.VacancyPublished, At: at, Fields: map[string]any{"vacancy_id": 7, "employer_id": 3, "region": "3604", "title": "Operator"}},
			ledger.Entry{Kind: ledger.VacancyPublished, At: at, Fields: map[string]any{"vacancy_id": 8, "employer_id": 4, "region": "3672", "title": "Las"}},
			ledger.Entry{Kind: ledger.ComplaintReceived, At: at, Fields: map[string]any{"complaint": "ab"}},
		)
		appendEntries(t, d,
			ledger.Entry{Kind: ledger.ApplicationReceived, At: at, Fields: map[string]any{"vacancy_id": 7, "application": "c1"}},
			ledger.Entry{Kind: ledger.ApplicationReceived, At: at, Fields: map[string]any{"vacancy_id": 8, "application": "c2"}},
			ledger.Entry{Kind: ledger.ApplicationDecided, At: at, Fields: map[string]any{"vacancy_id": 7, "application": "c1", "status": "dilihat"}},
			ledger.Entry{Kind: ledger.VacancyClosed, At: at, Fields: map[string]any{"vacancy_id": 7, "employer_id": 3, "reason": "closed_by_employer"}},
			ledger.Entry{Kind: ledger.RoundAllocated, At: at, Fields: map[string]any{"round_id": 2, "programs": []map[string]any{{"program_id": 5}, {"program_id": 6}}}},
			ledger.Entry{Kind: ledger.SeatAllocated, At: at, Fields: map[string]any{"round_id": 2, "applicant": "s", "program_id": nil}},
			ledger.Entry{Kind: ledger.RoundOpened, At: at, Fields: map[string]any{"round_id": 2, "provider_id": 9, "programs": []int64{5, 6}}},
		)
		check := func(name string, got []ledger.Item, err error, want ...int64) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(numbers(got), want) {
				t.Errorf("%s: records %v, want %v", name, numbers(got), want)
			}
		}
		h, err := ledger.History(ctx, d, ledger.RefOf(ledger.ObjVacancy, 7))
		check("history of vacancy 7", h, err, 0, 3, 5, 6)
		h, err = ledger.History(ctx, d, ledger.RefOf(ledger.ObjEmployer, 3))
		check("history of employer 3", h, err, 0, 6)
		h, err = ledger.History(ctx, d, ledger.RefOf(ledger.ObjProgram, 6))
		check("history of program 6", h, err, 7, 9)
		h, err = ledger.History(ctx, d, ledger.RefOf(ledger.ObjRound, 2))
		check("history of round 2", h, err, 7, 8, 9)
		h, err = ledger.History(ctx, d, ledger.RefOf(ledger.ObjProvider, 9))
		check("history of provider 9", h, err, 9)

		l, err := ledger.List(ctx, d, ledger.Filter{})
		check("all", l, err, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
		l, err = ledger.List(ctx, d, ledger.Filter{Limit: 3, Before: 5})
		check("page before 5", l, err, 4, 3, 2)
		l, err = ledger.List(ctx, d, ledger.Filter{Kind: ledger.ApplicationReceived})
		check("kind", l, err, 4, 3)
		l, err = ledger.List(ctx, d, ledger.Filter{Refs: []ledger.Ref{{ledger.ObjRegion, "3604"}}})
		check("region", l, err, 0)
		l, err = ledger.List(ctx, d, ledger.Filter{Kind: ledger.VacancyClosed, Refs: []ledger.Ref{ledger.RefOf(ledger.ObjEmployer, 3), ledger.RefOf(ledger.ObjVacancy, 7)}})
		check("kind, employer and vacancy", l, err, 6)
		l, err = ledger.List(ctx, d, ledger.Filter{Refs: []ledger.Ref{ledger.RefOf(ledger.ObjEmployer, 3), ledger.RefOf(ledger.ObjVacancy, 8)}})
		check("employer 3 and vacancy 8", l, err)

		// Records kept from before the index: the backfill finds the same.
		var before int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM ledger_objects`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `DELETE FROM ledger_objects`); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `UPDATE ledger_index_todo SET upto = 10`); err != nil {
			t.Fatal(err)
		}
		if n, err := ledger.BackfillIndex(ctx, d); err != nil || n != 10 {
			t.Fatalf("backfill: %d, %v", n, err)
		}
		var after int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM ledger_objects`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Errorf("backfill indexed %d rows, Append %d", after, before)
		}
		h, err = ledger.History(ctx, d, ledger.RefOf(ledger.ObjVacancy, 7))
		check("history of vacancy 7 after backfill", h, err, 0, 3, 5, 6)
		if n, err := ledger.BackfillIndex(ctx, d); err != nil || n != 0 {
			t.Fatalf("second backfill: %d, %v", n, err)
		}
	})
}

// TestIndexBackfillOfOlderLog: a log written before migration 23 (records
// about a real vacancy, its applications naming only the vacancy) is
// indexed at the first start after it, under the objects Append would use.
func TestIndexBackfillOfOlderLog(t *testing.T) {
	dbtest.RunBefore(t, 18, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
		// Version 18's Append: records and hashes, no index. The vacancy's
		// employer and regency are found from its row for the application.
		var uid, emp, vid int64
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(d.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, created_at) VALUES ('hr@x.test', 'HR', 'x', ?) RETURNING id`, at).Scan(&uid))
		must(d.QueryRowContext(ctx, `INSERT INTO employers (owner_id, name, nib, kbli_section, kbli_version, size_class, region, address, contact_name, contact_phone, status, created_at)
			VALUES (?, 'PT Uji', '1234567890123', 'C', '2020', 'kecil', '3672', 'Jl. Uji', 'Uji', '0812', 'terverifikasi', ?) RETURNING id`, uid, at).Scan(&emp))
		must(d.QueryRowContext(ctx, `INSERT INTO vacancies (employer_id, title, kbji, education, region, openings, wage_min, wage_max, contract, closes_on, description, status, created_at, updated_at)
			VALUES (?, 'Operator', '8121', 'sma', '3672', 2, 5000000, 6000000, 'pkwt', '2027-01-31', 'Uji', 'published', ?, ?) RETURNING id`, emp, at, at).Scan(&vid))
		must(d.InTx(ctx, func(tx *db.Tx) error {
			for i, e := range []ledger.Entry{
				{Kind: ledger.VacancyPublished, At: at, Fields: map[string]any{"vacancy_id": vid, "employer_id": emp, "region": "3672"}},
				{Kind: ledger.ApplicationReceived, At: at, Fields: map[string]any{"vacancy_id": vid, "application": "c"}},
			} {
				b, _ := json.Marshal(map[string]any{"kind": e.Kind, "vacancy_id": e.Fields["vacancy_id"], "v": 1})
				if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_records (n, kind, data, created_at) VALUES (?, ?, ?, ?)`, i, e.Kind, b, at); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `UPDATE ledger_state SET size = 2`)
			return err
		}))
		must(d.Migrate(ctx, slog.New(slog.DiscardHandler)))
		n, err := ledger.BackfillIndex(ctx, d)
		if err != nil || n != 2 {
			t.Fatalf("backfill: %d %v", n, err)
		}
		for _, ref := range []ledger.Ref{ledger.RefOf(ledger.ObjVacancy, vid), ledger.RefOf(ledger.ObjEmployer, emp), {Object: ledger.ObjRegion, ID: "3672"}} {
			h, err := ledger.History(ctx, d, ref)
			if err != nil || !slices.Equal(numbers(h), []int64{0, 1}) {
				t.Errorf("history of %v after the backfill: %v %v", ref, numbers(h), err)
			}
		}
	})
}
