package ledger

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// Kinds lists every record kind the log writes. A kind added to this
// package must be added here: the sentence catalog is checked against this
// list (every kind needs an Indonesian and an English sentence), and
// TestKindsListsEveryKind fails on a kind constant missing from it.
func Kinds() []string {
	return []string{VacancyPublished, VacancyChanged, VacancyClosed, ApplicationReceived, ApplicationDecided,
		PlacementReported, RoundOpened, SeatAllocated, RoundAllocated, ComplaintReceived, LossNotice,
		WageRecommendation, TripartiteRecommendation, ApprenticeshipApproved, ApprenticeshipEnded,
		UMKMClassMoved, UMKMProgramOpened, UMKMProgramAllocated}
}

// The objects a record can be indexed under (ledger_objects.object).
const (
	ObjVacancy  = "vacancy"
	ObjEmployer = "employer"
	ObjRegion   = "region" // a regency or city code, e.g. 3604
	ObjRound    = "round"
	ObjProvider = "provider"
	ObjProgram  = "program"
)

// Ref names one public object: its type and id.
type Ref struct {
	Object string
	ID     string
}

// RefOf is the Ref of a numbered object.
func RefOf(object string, id int64) Ref { return Ref{object, strconv.FormatInt(id, 10)} }

// indexer finds the objects records are about. Some are in the record
// (vacancy_id, employer_id, region, round_id, program ids); others are
// looked up from the public columns of the object the record names (the
// employer and regency of an application's vacancy, the provider of a
// round), once per object per batch.
type indexer struct {
	q         db.Querier
	vacancies map[string][2]string // id → employer id, region
	rounds    map[string][2]string // id → provider id, region
}

func newIndexer(q db.Querier) *indexer {
	return &indexer{q: q, vacancies: map[string][2]string{}, rounds: map[string][2]string{}}
}

// refs returns the objects record data (its canonical JSON) is about.
func (ix *indexer) refs(ctx context.Context, data []byte) ([]Ref, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var f map[string]any
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("ledger index: %w", err)
	}
	var out []Ref
	seen := map[Ref]bool{}
	add := func(object string, v any) {
		id := idString(v)
		if id == "" {
			return
		}
		r := Ref{object, id}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	if v := idString(f["vacancy_id"]); v != "" {
		add(ObjVacancy, v)
		emp, region := idString(f["employer_id"]), idString(f["region"])
		if emp == "" || region == "" {
			got, err := ix.vacancy(ctx, v)
			if err != nil {
				return nil, err
			}
			emp, region = first(emp, got[0]), first(region, got[1])
		}
		add(ObjEmployer, emp)
		add(ObjRegion, region)
	}
	if r := idString(f["round_id"]); r != "" {
		add(ObjRound, r)
		got, err := ix.round(ctx, r)
		if err != nil {
			return nil, err
		}
		add(ObjProvider, first(idString(f["provider_id"]), got[0]))
		add(ObjRegion, got[1])
	}
	if k, _ := f["kind"].(string); strings.HasPrefix(k, "apprenticeship.") {
		// An apprenticeship program's records name its company and regency.
		add(ObjEmployer, f["employer_id"])
		add(ObjRegion, f["region"])
	}
	add(ObjProgram, f["program_id"])
	if ps, ok := f["programs"].([]any); ok {
		for _, p := range ps {
			if m, ok := p.(map[string]any); ok {
				add(ObjProgram, m["program_id"])
			} else {
				add(ObjProgram, p)
			}
		}
	}
	return out, nil
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// idString is an id or code from a decoded record field: a number or a
// string of digits; anything else (null, absent) is "".
func idString(v any) string {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case string:
		if x == "" {
			return ""
		}
		for _, c := range x {
			if c < '0' || c > '9' {
				return ""
			}
		}
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return ""
}

func (ix *indexer) vacancy(ctx context.Context, id string) ([2]string, error) {
	if got, ok := ix.vacancies[id]; ok {
		return got, nil
	}
	var emp int64
	var region string
	err := ix.q.QueryRowContext(ctx, `SELECT employer_id, region FROM vacancies WHERE id = ?`, id).Scan(&emp, &region)
	var got [2]string
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// A record about a vacancy this database does not hold: indexed
		// under what the record itself says.
	case err != nil:
		return got, fmt.Errorf("ledger index: vacancy %s: %w", id, err)
	default:
		got = [2]string{strconv.FormatInt(emp, 10), region}
	}
	ix.vacancies[id] = got
	return got, nil
}

func (ix *indexer) round(ctx context.Context, id string) ([2]string, error) {
	if got, ok := ix.rounds[id]; ok {
		return got, nil
	}
	var prov sql.NullInt64
	var region sql.NullString
	err := ix.q.QueryRowContext(ctx, `SELECT r.provider_id, p.region FROM intake_rounds r LEFT JOIN providers p ON p.id = r.provider_id
		WHERE r.id = ?`, id).Scan(&prov, &region)
	var got [2]string
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return got, fmt.Errorf("ledger index: round %s: %w", id, err)
	default:
		if prov.Valid {
			got[0] = strconv.FormatInt(prov.Int64, 10)
		}
		got[1] = region.String
	}
	ix.rounds[id] = got
	return got, nil
}

// BackfillIndex indexes the records written before the index existed (the
// migration that made it noted how many), in batches, and then notes that
// nothing is left. It is safe to run at every start.
func BackfillIndex(ctx context.Context, d *db.DB) (int64, error) {
	var upto int64
	if err := d.QueryRowContext(ctx, `SELECT upto FROM ledger_index_todo WHERE id = 1`).Scan(&upto); err != nil {
		return 0, fmt.Errorf("ledger index backfill: %w", err)
	}
	if upto == 0 {
		return 0, nil
	}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		// A crash halfway leaves upto as it was and the transaction undone.
		ix := newIndexer(tx)
		objs := db.NewBulk(tx, "ledger_objects", "object", "ref", "n", "kind")
		const batch = 2000
		for start := int64(0); start < upto; start += batch {
			rows, err := tx.QueryContext(ctx, `SELECT n, kind, data FROM ledger_records WHERE n >= ? AND n < ? ORDER BY n`, start, min(start+batch, upto))
			if err != nil {
				return err
			}
			type rec struct {
				n    int64
				kind string
				data []byte
			}
			var recs []rec
			for rows.Next() {
				var r rec
				if err := rows.Scan(&r.n, &r.kind, &r.data); err != nil {
					rows.Close()
					return err
				}
				recs = append(recs, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range recs {
				refs, err := ix.refs(ctx, r.data)
				if err != nil {
					return fmt.Errorf("record %d: %w", r.n, err)
				}
				for _, ref := range refs {
					if err := objs.Add(ctx, ref.Object, ref.ID, r.n, r.kind); err != nil {
						return err
					}
				}
			}
		}
		if err := objs.Flush(ctx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE ledger_index_todo SET upto = 0 WHERE id = 1`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ledger index backfill: %w", err)
	}
	return upto, nil
}

// Item is one record as read back for people: its number, kind, time and
// exact bytes.
type Item struct {
	N    int64
	Kind string
	At   time.Time
	Data []byte
}

// Filter chooses records of the log: all of one kind (or none), about all
// of the objects in Refs, numbered below Before (0: any), at most Limit.
type Filter struct {
	Kind   string
	Refs   []Ref
	Before int64
	Limit  int
}

// List returns the records f chooses, newest first. Paging by record number
// (Before = the last number shown) stays stable while the log grows.
func List(ctx context.Context, q db.Querier, f Filter) ([]Item, error) {
	if f.Limit <= 0 {
		f.Limit = 20
	}
	var sb strings.Builder
	var args []any
	sb.WriteString(`SELECT r.n, r.kind, r.created_at, r.data FROM ledger_records r`)
	where := []string{"1 = 1"}
	// The first object drives the query through the index; the others
	// narrow it.
	order := "r.n"
	if len(f.Refs) > 0 {
		// The kind is in the index too: one kind of record about an object
		// is read from the index alone.
		order = "o.n"
		sb.WriteString(` JOIN ledger_objects o ON o.n = r.n`)
		where = append(where, "o.object = ?", "o.ref = ?")
		args = append(args, f.Refs[0].Object, f.Refs[0].ID)
		if f.Kind != "" {
			where = append(where, "o.kind = ?")
			args = append(args, f.Kind)
		}
		for _, ref := range f.Refs[1:] {
			where = append(where, `EXISTS (SELECT 1 FROM ledger_objects x WHERE x.object = ? AND x.ref = ? AND x.n = r.n)`)
			args = append(args, ref.Object, ref.ID)
		}
	} else if f.Kind != "" {
		where = append(where, "r.kind = ?")
		args = append(args, f.Kind)
	}
	if f.Before > 0 {
		where = append(where, order+" < ?")
		args = append(args, f.Before)
	}
	sb.WriteString(" WHERE " + strings.Join(where, " AND ") + " ORDER BY " + order + " DESC LIMIT ?")
	args = append(args, f.Limit)
	return scanItems(ctx, q, sb.String(), args...)
}

// History returns every record about ref, oldest first.
func History(ctx context.Context, q db.Querier, ref Ref) ([]Item, error) {
	return scanItems(ctx, q, `SELECT r.n, r.kind, r.created_at, r.data FROM ledger_objects o JOIN ledger_records r ON r.n = o.n
		WHERE o.object = ? AND o.ref = ? ORDER BY o.n`, ref.Object, ref.ID)
}

// Get returns record n as an Item.
func Get(ctx context.Context, q db.Querier, n int64) (Item, error) {
	items, err := scanItems(ctx, q, `SELECT n, kind, created_at, data FROM ledger_records WHERE n = ?`, n)
	if err != nil {
		return Item{}, err
	}
	if len(items) == 0 {
		return Item{}, fmt.Errorf("ledger record %d: %w", n, db.ErrNotFound)
	}
	return items[0], nil
}

func scanItems(ctx context.Context, q db.Querier, query string, args ...any) ([]Item, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("ledger list: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.N, &it.Kind, &it.At, &it.Data); err != nil {
			return nil, fmt.Errorf("ledger list: %w", err)
		}
		it.At = it.At.UTC()
		out = append(out, it)
	}
	return out, rows.Err()
}
