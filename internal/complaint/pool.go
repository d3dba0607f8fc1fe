package complaint

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// pool puts sealed complaint id into its pool (f.employerKey, f.category),
// in tx. An open pooled case for the same employer and category takes it at
// once: the crowd that protects its reporter already exists. Otherwise it
// waits; when the waiting reports come from at least k distinct reporters
// (k the largest any of them was promised), they open one pooled case
// together.
func (s *Store) pool(ctx context.Context, tx *db.Tx, id int64, f filing, r *Receipt) error {
	now := s.Now().UTC()
	// Lock the pool's row: two reports arriving together must count each
	// other (PostgreSQL holds the row lock to the end of the transaction;
	// SQLite has one writer anyway).
	if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_pools (employer_key, category, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (employer_key, category) DO UPDATE SET updated_at = excluded.updated_at`,
		f.employerKey, f.category, now); err != nil {
		return fmt.Errorf("pool: %w", err)
	}
	if err := joinNamedReports(ctx, tx, f); err != nil {
		return err
	}
	fin := finalStates()
	var open int64
	rows, err := tx.QueryContext(ctx, `SELECT id FROM cases WHERE employer_key = ? AND category = ? AND pooled = ?
		AND state NOT IN (`+placeholders(len(fin))+`) ORDER BY id LIMIT 1`,
		append([]any{f.employerKey, f.category, true}, stringArgs(fin)...)...)
	if err != nil {
		return fmt.Errorf("pool: %w", err)
	}
	for rows.Next() {
		if err := rows.Scan(&open); err != nil {
			rows.Close()
			return err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if open != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET case_id = ?, status = ? WHERE id = ?`, open, statusInCase, id); err != nil {
			return err
		}
		r.CaseID = open
		n, k, err := poolCount(ctx, tx, open, f.employerKey, f.category)
		r.PoolCount, r.PoolK = n, k
		if err != nil {
			return err
		}
		return addEvent(ctx, tx, open, now, 0, "gabung", "", "", "laporan tersegel bergabung", time.Time{})
	}
	n, k, err := poolCount(ctx, tx, 0, f.employerKey, f.category)
	if err != nil {
		return err
	}
	r.PoolCount, r.PoolK = n, k
	if n < k {
		r.Waiting = true
		return nil
	}
	// The pool is full: open one case for all waiting reports. Its region
	// is the registered employer's, else the first report's.
	var region, name string
	if err := tx.QueryRowContext(ctx, `SELECT region, employer_name FROM complaints WHERE employer_key = ? AND category = ?
		AND status = ? ORDER BY id LIMIT 1`, f.employerKey, f.category, statusWaiting).Scan(&region, &name); err != nil {
		return fmt.Errorf("pool: %w", err)
	}
	if f.employerID != 0 {
		if reg, ok, err := employerRegion(ctx, tx, f.employerID); err != nil {
			return err
		} else if ok {
			region = reg
		}
	}
	pf := f
	pf.region, pf.employerName, pf.retaliation, pf.linkedCase = region, name, false, 0
	pf.openReason = fmt.Sprintf("%d laporan tersegel tentang perusahaan dan kategori yang sama", n)
	caseID, err := s.openCase(ctx, tx, pf, now)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET pooled = ? WHERE id = ?`, true, caseID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE complaints SET case_id = ?, status = ? WHERE employer_key = ? AND category = ?
		AND status = ?`, caseID, statusInCase, f.employerKey, f.category, statusWaiting); err != nil {
		return fmt.Errorf("pool: %w", err)
	}
	r.CaseID = caseID
	return nil
}

// joinNamedReports moves into the pool of registered employer f.employerID
// the sealed reports that wait under its name (typed before it was
// registered and verified, so they could not be linked), in its region and
// with a compatible legal form: registering must never restart the count
// that protects the reporters.
func joinNamedReports(ctx context.Context, tx *db.Tx, f filing) error {
	if f.employerID == 0 {
		return nil
	}
	var name, region string
	if err := tx.QueryRowContext(ctx, `SELECT name, region FROM employers WHERE id = ?`, f.employerID).Scan(&name, &region); err != nil {
		return fmt.Errorf("pool: employer %d: %w", f.employerID, err)
	}
	nameKey := EmployerKey(0, name)
	if nameKey == "" {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, employer_name FROM complaints WHERE employer_key = ? AND category = ? AND status = ? AND region = ?`,
		nameKey, f.category, statusWaiting, region)
	if err != nil {
		return fmt.Errorf("pool: named reports: %w", err)
	}
	var ids []int64
	form := legalForm(name)
	for rows.Next() {
		var id int64
		var typed string
		if err := rows.Scan(&id, &typed); err != nil {
			rows.Close()
			return err
		}
		if t := legalForm(typed); t == "" || form == "" || t == form {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET employer_key = ?, employer_id = ? WHERE id = ?`, f.employerKey, f.employerID, id); err != nil {
			return fmt.Errorf("pool: join report %d: %w", id, err)
		}
	}
	return nil
}

// poolCount counts the distinct reporters of a pool: the reports waiting
// for (employerKey, category) when caseID is 0, else the sealed reports of
// case caseID. Reports from one account count once; reports without an
// account each count. k is the largest k any of them was promised.
func poolCount(ctx context.Context, q db.Querier, caseID int64, employerKey, category string) (n, k int, err error) {
	where, args := `employer_key = ? AND category = ? AND status = ?`, []any{employerKey, category, statusWaiting}
	if caseID != 0 {
		where, args = `case_id = ? AND sealed = ?`, []any{caseID, true}
	}
	err = q.QueryRowContext(ctx, `SELECT count(DISTINCT CASE WHEN reporter_key <> '' THEN reporter_key ELSE 'c' || CAST(id AS TEXT) END),
		COALESCE(max(pool_k), 0) FROM complaints WHERE `+where, args...).Scan(&n, &k)
	if err != nil {
		return 0, 0, fmt.Errorf("pool count: %w", err)
	}
	return n, k, nil
}
