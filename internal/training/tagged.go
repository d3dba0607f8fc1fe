package training

import (
	"context"
	"fmt"
	"strings"
)

// taggedWhere selects programs carrying a tag.
const taggedWhere = `EXISTS (SELECT 1 FROM program_tags pt WHERE pt.program_id = p.id AND pt.tag = ?)`

// ProgramsTagged lists the programs carrying tag (a youth program's label,
// see YouthTags), by title. Public, as every program is.
func (s *Store) ProgramsTagged(ctx context.Context, tag string) ([]Program, error) {
	tag = strings.ToLower(strings.TrimSpace(tag))
	return s.programs(ctx, s.DB, "programs tagged "+tag, `SELECT `+programCols+programFrom+` WHERE `+taggedWhere+
		` ORDER BY p.title, p.id`, []any{tag}, nil)
}

// OutcomeForTag is the outcome of all programs carrying tag together,
// counted as every program outcome is (placement of completers whose
// window has passed). The caller publishes it under the small-cell rule.
func (s *Store) OutcomeForTag(ctx context.Context, tag string) (Outcome, error) {
	tag = strings.ToLower(strings.TrimSpace(tag))
	m, err := s.outcomes(ctx, taggedWhere, []any{tag}, func(int64, int64, string) string { return "" })
	if err != nil {
		return Outcome{}, fmt.Errorf("outcome of tag %s: %w", tag, err)
	}
	if o := m[""]; o != nil {
		return *o, nil
	}
	return Outcome{}, nil
}
