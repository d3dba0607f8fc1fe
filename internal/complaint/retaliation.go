package complaint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Adverse actions against a worker that, within RetaliationWindow of a
// complaint tied to them, open a case flagged as possible retaliation.
const (
	AdverseDismissal  = "phk"                // dismissed
	AdverseNonRenewal = "tidak_diperpanjang" // fixed-term contract not renewed
	AdverseBPJS       = "bpjs_dihapus"       // removed from BPJS
)

// AdverseActions lists the adverse actions.
var AdverseActions = []string{AdverseDismissal, AdverseNonRenewal, AdverseBPJS}

// RetaliationWindow is how long after a complaint an adverse action
// against a worker tied to it is flagged: 12 months.
const RetaliationWindow = 12 // months

// linkRetaliation looks for an earlier complaint tied to the worker against
// the same employer, within RetaliationWindow before the adverse action.
// Tied: filed from the worker's account, naming them as a union member,
// filed by the same union, or proven by its code and PIN. A wrong prior
// PIN is a mistake beside that field (prior_pin), on both doors; a
// throttled one stays *auth.LockedError.
func (s *Store) linkRetaliation(ctx context.Context, u *auth.User, in Input, f *filing, addr string) error {
	if f.employerKey == "" {
		return nil
	}
	var keys []string
	if u != nil {
		keys = append(keys, s.userKey(u.ID))
	}
	for _, m := range f.members {
		if m.UserID != 0 {
			keys = append(keys, s.userKey(m.UserID))
		}
	}
	var prior int64
	if in.PriorCode != "" {
		c, err := s.checkPIN(ctx, in.PriorCode, in.PriorPIN, addr)
		if errors.Is(err, ErrBadPIN) {
			return valid.New("prior_pin", "pin_wrong")
		}
		if err != nil {
			return err
		}
		prior = c.id
	}
	conds := []string{"c.id = ?"}
	args := []any{f.employerKey, prior}
	if len(keys) > 0 {
		conds = append(conds, "c.reporter_key IN ("+placeholders(len(keys))+")",
			"c.id IN (SELECT complaint_id FROM complaint_members WHERE confirmed_at IS NOT NULL AND member_key IN ("+placeholders(len(keys))+"))")
		args = append(append(args, stringArgs(keys)...), stringArgs(keys)...)
	}
	if f.unionKey != "" {
		conds = append(conds, "c.union_key = ?")
		args = append(args, f.unionKey)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT c.id, COALESCE(c.case_id, 0), c.created_at FROM complaints c
		WHERE c.employer_key = ? AND c.kind = 'pengaduan' AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY c.created_at DESC, c.id DESC`, args...)
	if err != nil {
		return fmt.Errorf("retaliation link: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, caseID int64
		var created time.Time
		if err := rows.Scan(&id, &caseID, &created); err != nil {
			return err
		}
		filed := wib.Date(created)
		if f.happened.Before(filed) || f.happened.After(filed.AddDate(0, RetaliationWindow, 0)) {
			continue
		}
		f.retaliation, f.linkedComplaint, f.linkedCase = true, id, caseID
		f.sealed = false // the worker is already singled out: act now
		f.openReason = "kemungkinan pembalasan atas pengaduan sebelumnya"
		return nil
	}
	return rows.Err()
}
