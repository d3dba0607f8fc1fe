package complaint

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/db"
)

// Worksite is the user company where the work of an outsourced vacancy
// happens (alih daya). A case opened by a complaint about such a vacancy
// records it beside the legal employer, so inspection and compliance reach
// both names (issue 15).
type Worksite struct {
	WorksiteName string
	WorksiteNIB  string
}

// recordWorksite copies the worksite of vacancyID, if any, onto case id,
// in the transaction that opens the case: a later edit of the vacancy
// does not move the complaint.
func recordWorksite(ctx context.Context, tx *db.Tx, id, vacancyID int64) error {
	if vacancyID == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET worksite_name = (SELECT worksite_name FROM vacancies WHERE id = ?),
		worksite_nib = (SELECT worksite_nib FROM vacancies WHERE id = ?) WHERE id = ?`, vacancyID, vacancyID, id); err != nil {
		return fmt.Errorf("case %d worksite: %w", id, err)
	}
	return nil
}

func worksiteOf(ctx context.Context, q db.Querier, caseID int64) (Worksite, error) {
	var w Worksite
	if err := q.QueryRowContext(ctx, `SELECT worksite_name, worksite_nib FROM cases WHERE id = ?`, caseID).Scan(&w.WorksiteName, &w.WorksiteNIB); err != nil {
		return Worksite{}, fmt.Errorf("case %d worksite: %w", caseID, err)
	}
	return w, nil
}
