package complaint

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// FindingInput is one finding of an inspection.
type FindingInput struct {
	Category      string
	Substantiated bool
	Summary       string // for the public record once final: what was found, naming no worker
}

// findingsOpen reports whether findings may be recorded on case c: an
// inspection during or right after the visit.
func findingsOpen(c CaseSummary) bool {
	return c.Kind == KindInspection && (c.State == PemeriksaanDijadwalkan || c.State == Temuan)
}

// RecordFinding adds a finding to an inspection case during or after the
// visit (pemeriksaan_dijadwalkan or temuan).
func (s *Store) RecordFinding(ctx context.Context, u *auth.User, id int64, in FindingInput) error {
	c, a, err := s.authorize(ctx, u, id, ActWork)
	if err != nil {
		return err
	}
	var errs valid.Errors
	if !findingsOpen(c) {
		errs.Add("to", "status_change_invalid")
	}
	if !contains(Categories, in.Category) {
		errs.Add("category", "choose_one")
	}
	in.Summary = strings.TrimSpace(in.Summary)
	switch n := utf8.RuneCountInString(in.Summary); {
	case n < minNarrative:
		errs.Add("summary", "narrative_short", "min", minNarrative)
	case n > 2000:
		errs.Add("summary", "too_long", "max", 2000)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_findings (case_id, category, substantiated, summary, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?)`, id, in.Category, in.Substantiated, in.Summary, a.UserID, now); err != nil {
			return fmt.Errorf("finding on %d: %w", id, err)
		}
		verdict := "tidak terbukti"
		if in.Substantiated {
			verdict = "terbukti"
		}
		return addEvent(ctx, tx, id, now, a.UserID, "temuan", "", "", in.Category+" "+verdict, time.Time{})
	})
}
