package complaint

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
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
	if err := joinNamedReports(ctx, tx, f, now); err != nil {
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
		// This report, and any that just joined from under the name.
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET case_id = ?, status = ? WHERE employer_key = ? AND category = ? AND status = ?`,
			open, statusInCase, f.employerKey, f.category, statusWaiting); err != nil {
			return err
		}
		r.CaseID = open
		return addEvent(ctx, tx, open, now, 0, "gabung", "", "", "laporan tersegel bergabung", time.Time{})
	}
	n, k, err := poolCount(ctx, tx, f.employerKey, f.category)
	if err != nil {
		return err
	}
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
// registered and verified, so they could not be linked): each one that
// registeredByName would link to this employer today, that is, a verified
// employer of the report's region, the only one that name fits. Registering
// must never restart the count that protects the reporters; and a company
// that is not verified, or whose name is ambiguous, must not take over
// another's waiting reports.
func joinNamedReports(ctx context.Context, tx *db.Tx, f filing, now time.Time) error {
	if f.employerID == 0 {
		return nil
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM employers WHERE id = ?`, f.employerID).Scan(&name); err != nil {
		return fmt.Errorf("pool: employer %d: %w", f.employerID, err)
	}
	nameKey := EmployerKey(0, name)
	if nameKey == "" {
		return nil
	}
	// Lock the name's pool as well: a report arriving under the name at
	// the same time must either be counted there or be moved here.
	if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_pools (employer_key, category, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (employer_key, category) DO UPDATE SET updated_at = excluded.updated_at`, nameKey, f.category, now); err != nil {
		return fmt.Errorf("pool: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, employer_name, region FROM complaints WHERE employer_key = ? AND category = ? AND status = ?`,
		nameKey, f.category, statusWaiting)
	if err != nil {
		return fmt.Errorf("pool: named reports: %w", err)
	}
	type named struct {
		id           int64
		typed, where string
	}
	var found []named
	for rows.Next() {
		var n named
		if err := rows.Scan(&n.id, &n.typed, &n.where); err != nil {
			rows.Close()
			return err
		}
		found = append(found, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range found {
		id, err := registeredByName(ctx, tx, n.typed, n.where)
		if err != nil {
			return err
		}
		if id != f.employerID {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET employer_key = ?, employer_id = ? WHERE id = ? AND employer_key = ? AND status = ?`,
			f.employerKey, f.employerID, n.id, nameKey, statusWaiting); err != nil {
			return fmt.Errorf("pool: join report %d: %w", n.id, err)
		}
	}
	return nil
}

// poolCount counts the distinct people behind the reports waiting for
// (employerKey, category): reports with the same tie count once, reports
// without a tie not at all (poolTie). k is the largest k any of them was
// promised.
func poolCount(ctx context.Context, q db.Querier, employerKey, category string) (n, k int, err error) {
	err = q.QueryRowContext(ctx, `SELECT count(DISTINCT CASE WHEN pool_tie <> '' THEN pool_tie END), COALESCE(max(pool_k), 0)
		FROM complaints WHERE employer_key = ? AND category = ? AND status = ?`, employerKey, category, statusWaiting).Scan(&n, &k)
	if err != nil {
		return 0, 0, fmt.Errorf("pool count: %w", err)
	}
	return n, k, nil
}

// ctxPoolTie is the hashing context of pool ties.
const ctxPoolTie = "complaint.pool.tie"

// PhoneVerifier redeems the token a door got when a reporter proved a phone
// number with a one-time code, returning the normalised number. bursa has
// no phone verification yet; Store.Phones stays nil until it does.
type PhoneVerifier interface {
	VerifiedPhone(ctx context.Context, token string) (phone string, ok bool, err error)
}

// poolTie is who sealed report in by u counts as toward opening its pool,
// as a keyed hash never shown to anyone; "" when nothing ties the report to
// one person. A pool protects its reporters only if its k reports come from
// k people: one person with three client addresses, three fresh accounts or
// three PINs could otherwise open a pool alone and single out the one real
// reporter in it. So a report counts only when tied to something a person
// cannot multiply cheaply:
//   - an account whose seeker holds a valid AK/1 card (the NIK was checked,
//     and a NIK belongs to one account);
//   - an account a union named as a member, which confirmed it (the union
//     vouches for a worker of its own);
//   - a phone number verified with a one-time code (Store.Phones), once
//     bursa has that.
//
// The account ties share one key, so an account counts once however it is
// tied. Reports without a tie are still kept and join the case when the
// pool opens; they just do not open it.
func (s *Store) poolTie(ctx context.Context, u *auth.User, in Input) (string, error) {
	if u != nil {
		ok, err := s.verifiedSeeker(ctx, s.DB, u.ID)
		if err != nil {
			return "", err
		}
		if !ok {
			var n int
			if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM complaint_members WHERE member_key = ? AND confirmed_at IS NOT NULL`,
				s.userKey(u.ID)).Scan(&n); err != nil {
				return "", fmt.Errorf("pool tie: %w", err)
			}
			ok = n > 0
		}
		if ok {
			return s.Box.Hash("akun:"+strconv.FormatInt(u.ID, 10), ctxPoolTie), nil
		}
	}
	if in.PhoneToken != "" && s.Phones != nil {
		phone, ok, err := s.Phones.VerifiedPhone(ctx, in.PhoneToken)
		if err != nil {
			return "", fmt.Errorf("pool tie: %w", err)
		}
		if ok && phone != "" {
			// Only the keyed hash is kept: the number itself would name
			// the reporter.
			return s.Box.Hash("telp:"+phone, ctxPoolTie), nil
		}
	}
	return "", nil
}
