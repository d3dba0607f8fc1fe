package demo

import (
	"encoding/hex"
	"fmt"
	"time"

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
	rows, err := g.tx.QueryContext(g.ctx, `SELECT v.id, v.employer_id, e.name, v.title, v.kbji, v.education, v.region, v.openings,
		v.wage_min, v.wage_max, v.contract, v.closes_on, v.description, v.status, v.published_at
		FROM vacancies v JOIN employers e ON e.id = v.employer_id WHERE v.status <> 'draft' ORDER BY v.id`)
	if err != nil {
		return fmt.Errorf("demo log: %w", err)
	}
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
		evs = append(evs, ev{at: published, entry: vacancy.LedgerEntry(ledger.VacancyPublished, id, emp, name, in, closes, published)})
		if status == vacancy.Closed {
			at := closes.Add(17 * time.Hour) // the end of the closing day, WIB
			evs = append(evs, ev{at: at, entry: ledger.Entry{Kind: ledger.VacancyClosed, At: at,
				Fields: map[string]any{"vacancy_id": id, "employer_id": emp, "reason": "closed_by_employer"}}})
		}
	}
	rows.Close()
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
	// Vacancies first, then applications in id order (so an application's
	// record number is a plain offset), then decisions and placements in
	// time order; each record carries its own time.
	var vacs, apps, rest []ledger.Entry
	for _, e := range evs {
		switch {
		case e.app != 0:
			apps = append(apps, e.entry)
		case e.entry.Kind == ledger.VacancyPublished || e.entry.Kind == ledger.VacancyClosed:
			vacs = append(vacs, e.entry)
		default:
			rest = append(rest, e.entry)
		}
	}
	entries := append(append(vacs, apps...), rest...)
	if len(entries) == 0 {
		return nil
	}
	first, err := ledger.Append(g.ctx, g.tx, entries...)
	if err != nil {
		return err
	}
	if len(apps) > 0 {
		var lo, hi, count int64
		if err := g.tx.QueryRowContext(g.ctx, `SELECT MIN(id), MAX(id), COUNT(*) FROM applications`).Scan(&lo, &hi, &count); err != nil {
			return err
		}
		if hi-lo+1 != count {
			return fmt.Errorf("demo log: application ids are not contiguous")
		}
		if _, err := g.tx.ExecContext(g.ctx, `UPDATE applications SET ledger_n = ? + id - ?`, first+int64(len(vacs)), lo); err != nil {
			return fmt.Errorf("demo log: %w", err)
		}
	}
	return nil
}
