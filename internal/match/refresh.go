package match

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// Reading what changed in the database since the last refresh, and writing
// it into the index's state.

type vacRow struct {
	live  bool
	doc   vacDoc
	codes []string
}

type changes struct {
	vacs                 []vacRow
	seekers              []seekerDoc
	seekerSkills         map[int64][]string
	apps                 [][2]int64
	maxVac, maxSk, maxAp time.Time
}

// overlap re-reads rows stamped just before the last one seen: a row
// committed late with an earlier timestamp is not lost; re-reading is
// harmless.
const overlap = 2 * time.Second

func since(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(-overlap)
}

// read fetches what changed since st was last synced. It runs without
// holding mu: queries go on meanwhile.
func (e *Engine) read(ctx context.Context, st *state) (*changes, error) {
	ch := &changes{seekerSkills: map[int64][]string{}}
	first := !st.loaded
	vq := `SELECT v.id, v.status = 'published' AND e.status = 'terverifikasi', v.kbji, v.education, v.region, v.contract,
		v.wage_max, v.closes_on, v.openings, v.updated_at FROM vacancies v JOIN employers e ON e.id = v.employer_id `
	vsq := `SELECT vs.vacancy_id, vs.skill FROM vacancy_skills vs JOIN vacancies v ON v.id = vs.vacancy_id `
	var vargs []any
	if first {
		vq += `WHERE v.status = 'published' AND e.status = 'terverifikasi'`
		vsq += `WHERE v.status = 'published'`
	} else {
		vq += `WHERE v.updated_at >= ?`
		vsq += `WHERE v.updated_at >= ?`
		vargs = []any{since(st.syncedVac)}
	}
	vskills := map[int64][]string{}
	if err := eachRow(ctx, e.DB, vsq, vargs, func(scan func(...any) error) error {
		var id int64
		var code string
		if err := scan(&id, &code); err != nil {
			return err
		}
		vskills[id] = append(vskills[id], code)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read vacancy skills: %w", err)
	}
	if err := eachRow(ctx, e.DB, vq, vargs, func(scan func(...any) error) error {
		var r vacRow
		var kbji, edu, region, contract string
		var closes, updated time.Time
		var openings int32
		if err := scan(&r.doc.id, &r.live, &kbji, &edu, &region, &contract, &r.doc.wageMax, &closes, &openings, &updated); err != nil {
			return err
		}
		r.doc.occ, r.doc.edu, r.doc.region = kbjiNumber(kbji), educationRank(edu), st.regions.idx[region]
		r.doc.contract, r.doc.closes, r.doc.openings = contractBit(contract), int32(closes.Unix()/86400), openings
		r.codes = vskills[r.doc.id]
		ch.vacs = append(ch.vacs, r)
		if updated.After(ch.maxVac) {
			ch.maxVac = updated
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read vacancies: %w", err)
	}

	sq := `SELECT id, occupation, education, domicile_region, expected_wage, contracts, discoverable, placed, updated_at FROM seekers`
	ssq := `SELECT seeker_id, skill FROM (` + heldSkillsSQL() + `) held`
	var sargs []any
	if !first {
		sq += ` WHERE updated_at >= ?`
		ssq += ` WHERE seeker_id IN (SELECT id FROM seekers WHERE updated_at >= ?)`
		sargs = []any{since(st.syncedSk)}
	}
	if err := eachRow(ctx, e.DB, ssq, sargs, func(scan func(...any) error) error {
		var id int64
		var code string
		if err := scan(&id, &code); err != nil {
			return err
		}
		ch.seekerSkills[id] = append(ch.seekerSkills[id], code)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read seeker skills: %w", err)
	}
	if err := eachRow(ctx, e.DB, sq, sargs, func(scan func(...any) error) error {
		var d seekerDoc
		var occ, edu, region string
		var contracts int
		var discoverable bool
		var updated time.Time
		if err := scan(&d.id, &occ, &edu, &region, &d.wage, &contracts, &discoverable, &d.placed, &updated); err != nil {
			return err
		}
		d.active = discoverable && !d.placed
		d.occ, d.edu, d.region, d.contracts = kbjiNumber(occ), educationRank(edu), st.regions.idx[region], uint8(contracts)
		ch.seekers = append(ch.seekers, d)
		if updated.After(ch.maxSk) {
			ch.maxSk = updated
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read seekers: %w", err)
	}

	aq := `SELECT seeker_id, vacancy_id, created_at FROM applications`
	var aargs []any
	if !first {
		aq += ` WHERE created_at >= ?`
		aargs = []any{since(st.syncedApp)}
	}
	if err := eachRow(ctx, e.DB, aq, aargs, func(scan func(...any) error) error {
		var a [2]int64
		var created time.Time
		if err := scan(&a[0], &a[1], &created); err != nil {
			return err
		}
		ch.apps = append(ch.apps, a)
		if created.After(ch.maxAp) {
			ch.maxAp = created
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("match: read applications: %w", err)
	}
	return ch, nil
}

func eachRow(ctx context.Context, d *db.DB, q string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := d.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// apply writes read changes into st. The caller holds mu.
func (e *Engine) apply(st *state, ch *changes, day int32) {
	changed := len(ch.vacs) > 0 || len(ch.seekers) > 0 || len(ch.apps) > 0 || day != st.today || !st.loaded
	if day != st.today {
		st.newDay(day)
	}
	for _, r := range ch.vacs {
		r.doc.skills = st.skillSet(r.codes)
		st.putVacancy(r.live, r.doc)
	}
	st.reweigh()
	for _, d := range ch.seekers {
		d.skills = st.skillSet(ch.seekerSkills[d.id])
		st.putSeeker(d)
	}
	for _, a := range ch.apps {
		st.putApplication(a[0], a[1])
	}
	st.syncedVac = later(st.syncedVac, ch.maxVac)
	st.syncedSk = later(st.syncedSk, ch.maxSk)
	st.syncedApp = later(st.syncedApp, ch.maxAp)
	st.loaded = true
	if changed {
		st.version++
		st.gaps = nil
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
