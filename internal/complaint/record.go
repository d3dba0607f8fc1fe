package complaint

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// Writing a validated filing: its tracking code, its record in the public
// log, its sealed parts and the case it opens.

// newCode returns a tracking code no complaint has yet.
func newCode(ctx context.Context, q db.Querier) (string, error) {
	for {
		code := NewCode()
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE code = ?`, code).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return code, nil
		}
	}
}

// store writes a validated filing with its case (or into its pool).
func (s *Store) store(ctx context.Context, f filing) (Receipt, error) {
	narrative, err := json.Marshal(f.narrative)
	if err != nil {
		return Receipt{}, err
	}
	var identity []byte
	if f.identity != nil {
		b, err := json.Marshal(f.identity)
		if err != nil {
			return Receipt{}, err
		}
		identity = s.Box.Seal(b, ctxIdentity)
	}
	now := s.Now().UTC()
	r := Receipt{UMK: f.umk, Retaliation: f.retaliation}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		code, err := newCode(ctx, tx)
		if err != nil {
			return err
		}
		r.Code = code
		kind := "pengaduan"
		if f.kind == KindDispute {
			kind = KindDispute
		}
		status := statusInCase
		if f.sealed {
			status = statusWaiting
		}
		id, err := db.InsertID(ctx, tx, `INSERT INTO complaints (code, kind, category, status, region, employer_id,
			employer_name, employer_key, vacancy_id, application_id, anonymous, amount, details_enc, identity_enc,
			pin_hash, reporter_key, union_key, via, happened_on, workers_affected, below_umk, umk_amount, umk_year,
			consent_employer, sealed, pool_k, unnamed_members, adverse, linked_complaint_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			code, kind, f.category, status, f.region, nullID(f.employerID), f.employerName, f.employerKey,
			nullID(f.vacancyID), nullID(f.applicationID), f.anonymous, f.amount, s.Box.Seal(narrative, ctxDetails), identity,
			f.pinHash, f.reporterKey, f.unionKey, f.via, nullDate(f.happened), f.workers, f.umk.Below, f.umk.UMK, f.umk.Year,
			f.consent, f.sealed, s.poolK(), f.unnamed, f.adverse, nullID(f.linkedComplaint), now)
		if err != nil {
			return fmt.Errorf("store complaint: %w", err)
		}
		// The public log learns that a complaint arrived, and nothing else:
		// a commitment to its code, which only the receipt's salt opens.
		salt := ledger.Salt()
		r.LedgerN, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ComplaintReceived, At: now,
			Fields: map[string]any{"complaint": Commitment(salt, code)}})
		if err != nil {
			return err
		}
		r.LedgerSalt = salt
		if err := recordFiling(ctx, tx, f.filingKeys, now); err != nil {
			return err
		}
		if err := s.sealNewsContact(ctx, tx, id, f.news); err != nil {
			return err
		}
		if f.poolTie != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE complaints SET pool_tie = ? WHERE id = ?`, f.poolTie, id); err != nil {
				return fmt.Errorf("store complaint: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET ledger_salt = ?, ledger_n = ? WHERE id = ?`, salt, r.LedgerN, id); err != nil {
			return fmt.Errorf("store complaint: %w", err)
		}
		for _, m := range f.members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_members (complaint_id, name_enc, member_key,
				consent_at, consent_by, consent_note) VALUES (?, ?, ?, ?, ?, ?)`,
				id, s.Box.Seal([]byte(m.Name), ctxMember), s.userKey(m.UserID), now, nullID(f.filedBy), m.ConsentNote); err != nil {
				return fmt.Errorf("store member: %w", err)
			}
		}
		for _, cf := range f.files {
			if err := s.storeEvidence(ctx, tx, id, cf, now); err != nil {
				return err
			}
		}
		if f.sealed {
			return s.pool(ctx, tx, id, f, &r)
		}
		caseID, err := s.openCase(ctx, tx, f, now)
		if err != nil {
			return err
		}
		r.CaseID = caseID
		_, err = tx.ExecContext(ctx, `UPDATE complaints SET case_id = ? WHERE id = ?`, caseID, id)
		return err
	})
	if err != nil {
		return Receipt{}, err
	}
	return r, nil
}

// openCase inserts the case a filing opens, with its first event.
func (s *Store) openCase(ctx context.Context, tx *db.Tx, f filing, now time.Time) (int64, error) {
	deadline, _ := s.deadlines().Due(f.kind, f.openState, f.openFrom)
	category := f.category
	if f.kind == KindDispute {
		category = ""
	}
	id, err := db.InsertID(ctx, tx, `INSERT INTO cases (kind, category, dispute_type, region, employer_id, employer_name,
		employer_key, state, deadline, pooled, retaliation, linked_case_id, opened_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.kind, category, f.disputeType, f.region, nullID(f.employerID), f.employerName, f.employerKey, f.openState,
		nullDate(deadline), false, f.retaliation, nullID(f.linkedCase), now, now)
	if err != nil {
		return 0, fmt.Errorf("open case: %w", err)
	}
	if err := addEvent(ctx, tx, id, now, 0, "status", "", f.openState, f.openReason, deadline); err != nil {
		return 0, err
	}
	if err := recordWorksite(ctx, tx, id, f.vacancyID); err != nil {
		return 0, err
	}
	return id, nil
}

// addEvent records one change of a case.
func addEvent(ctx context.Context, q db.Querier, caseID int64, at time.Time, actor int64, kind, from, to, reason string, deadline time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO case_events (case_id, at, actor_id, kind, from_state, to_state, reason, deadline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, caseID, at, nullID(actor), kind, from, to, reason, nullDate(deadline))
	if err != nil {
		return fmt.Errorf("case %d event: %w", caseID, err)
	}
	return nil
}

// Commitment is the public stand-in for a complaint in the log.
func Commitment(salt, code string) string { return ledger.Commit(salt, "complaint", code) }
