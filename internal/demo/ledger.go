package demo

import (
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// salt draws an application's receipt salt from the generator, so the demo
// stays deterministic.
func (g *gen) salt() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(g.rng.IntN(256))
	}
	return hex.EncodeToString(b)
}

// logHistory writes what the demo province "did" into the public log, in
// the order it happened: vacancies published (and closed), applications
// received, every selection decision, placements. It is one bulk append in
// the generator's transaction — the path a training round's allocation
// takes too.
func (g *gen) logHistory() error {
	type ev struct {
		at    time.Time
		entry ledger.Entry
		app   int64 // application id for "received" records
	}
	var evs []ev
	// The generator draws a vacancy's publication time apart from its
	// applications' times; a vacancy is published before anyone applies
	// (the log's monitors check that), so it moves back to an hour
	// before its first application, in the table as in the log.
	first := map[int64]time.Time{}
	frows, err := g.tx.QueryContext(g.ctx, `SELECT vacancy_id, created_at FROM applications`)
	if err != nil {
		return fmt.Errorf("demo log: %w", err)
	}
	for frows.Next() {
		var vid int64
		var at time.Time
		if err := frows.Scan(&vid, &at); err != nil {
			frows.Close()
			return err
		}
		if f, ok := first[vid]; !ok || at.Before(f) {
			first[vid] = at
		}
	}
	frows.Close()
	rows, err := g.tx.QueryContext(g.ctx, `SELECT v.id, v.employer_id, e.name, v.title, v.kbji, v.education, v.region, v.openings,
		v.wage_min, v.wage_max, v.contract, v.closes_on, v.description, v.status, v.published_at
		FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.status <> 'draft' ORDER BY v.id`)
	if err != nil {
		return fmt.Errorf("demo log: %w", err)
	}
	var moved []int64
	var movedAt []time.Time
	for rows.Next() {
		var id, emp int64
		var name, status string
		var in vacancy.Input
		var closes, published time.Time
		if err := rows.Scan(&id, &emp, &name, &in.Title, &in.KBJI, &in.Education, &in.Region, &in.Openings, &in.WageMin,
			&in.WageMax, &in.Contract, &closes, &in.Description, &status, &published); err != nil {
			rows.Close()
			return err
		}
		if f, ok := first[id]; ok && !published.Before(f) {
			published = f.Add(-time.Hour)
			moved = append(moved, id)
			movedAt = append(movedAt, published)
		}
		evs = append(evs, ev{at: published, entry: vacancy.LedgerEntry(ledger.VacancyPublished, id, emp, name, in, closes, published)})
		if status == vacancy.Closed {
			at := closes.Add(17 * time.Hour) // the end of the closing day, WIB
			if !at.After(published) {
				// Drawn apart, the closing day can fall before the
				// publication: a vacancy closes after it opened.
				at = published.Add(time.Hour)
			}
			evs = append(evs, ev{at: at, entry: ledger.Entry{Kind: ledger.VacancyClosed, At: at,
				Fields: map[string]any{"vacancy_id": id, "employer_id": emp, "reason": "closed_by_employer"}}})
		}
	}
	rows.Close()
	for i, id := range moved {
		if _, err := g.tx.ExecContext(g.ctx, `UPDATE vacancies SET published_at = ? WHERE id = ?`, movedAt[i], id); err != nil {
			return fmt.Errorf("demo log: %w", err)
		}
	}
	arows, err := g.tx.QueryContext(g.ctx, `SELECT a.id, a.vacancy_id, a.seeker_id, a.ledger_salt, a.created_at FROM applications a ORDER BY a.id`)
	if err != nil {
		return fmt.Errorf("demo log: %w", err)
	}
	commit := map[int64]string{}
	vac := map[int64]int64{}
	for arows.Next() {
		var id, vid, sid int64
		var salt string
		var at time.Time
		if err := arows.Scan(&id, &vid, &sid, &salt, &at); err != nil {
			arows.Close()
			return err
		}
		commit[id], vac[id] = vacancy.ApplicationCommitment(salt, sid, vid), vid
		evs = append(evs, ev{at: at, app: id, entry: ledger.Entry{Kind: ledger.ApplicationReceived, At: at,
			Fields: map[string]any{"vacancy_id": vid, "application": commit[id]}}})
	}
	arows.Close()
	erows, err := g.tx.QueryContext(g.ctx, `SELECT application_id, status, at FROM application_events WHERE status <> 'dikirim' ORDER BY at, application_id`)
	if err != nil {
		return fmt.Errorf("demo log: %w", err)
	}
	for erows.Next() {
		var id int64
		var status string
		var at time.Time
		if err := erows.Scan(&id, &status, &at); err != nil {
			erows.Close()
			return err
		}
		evs = append(evs, ev{at: at, entry: ledger.Entry{Kind: ledger.ApplicationDecided, At: at,
			Fields: map[string]any{"vacancy_id": vac[id], "application": commit[id], "status": status}}})
		if status == vacancy.Hired {
			evs = append(evs, ev{at: at, entry: ledger.Entry{Kind: ledger.PlacementReported, At: at,
				Fields: map[string]any{"vacancy_id": vac[id], "application": commit[id]}}})
		}
	}
	erows.Close()
	// In time order, as a live log is written: its monitors check that no
	// record is earlier than the one before it. A vacancy's publication
	// comes before its applications, and an application before its
	// decisions, at equal times too: the stable sort keeps the order the
	// events were gathered in.
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
	entries := make([]ledger.Entry, len(evs))
	for i, e := range evs {
		entries[i] = e.entry
	}
	if len(entries) == 0 {
		return nil
	}
	n0, err := ledger.Append(g.ctx, g.tx, entries...)
	if err != nil {
		return err
	}
	var keys, ns []int64
	for i, e := range evs {
		if e.app != 0 {
			keys, ns = append(keys, e.app), append(ns, n0+int64(i))
		}
	}
	if err := db.SetInt64s(g.ctx, g.tx, "applications", "ledger_n", "id", keys, ns, "1 = 1"); err != nil {
		return fmt.Errorf("demo log: %w", err)
	}
	return nil
}
