package youth

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/training"
)

// TestEveryTagHasProgram: each youth tag training uses has its page's
// reference data, with the age band training ranks by.
func TestEveryTagHasProgram(t *testing.T) {
	for _, tag := range training.YouthTags {
		p, err := ByTag(tag)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		if p.MinAge != training.YouthMinAge || p.MaxAge != training.YouthMaxAge || p.Domicile != "36" || p.Name == "" || p.SummaryEN == "" {
			t.Errorf("%s: %+v", tag, p)
		}
	}
	if _, err := ByTag("lansia"); err == nil {
		t.Error("an unknown tag has a program")
	}
}

// TestPlacedSmallCells: a rate is published only when completers, placed
// and not placed are each 0 or at least 5.
func TestPlacedSmallCells(t *testing.T) {
	for _, tt := range []struct {
		r        training.Rate
		withheld bool
	}{
		{training.Rate{N: 0, Of: 0}, false},
		{training.Rate{N: 0, Of: 3}, true},
		{training.Rate{N: 5, Of: 12}, false},
		{training.Rate{N: 4, Of: 12}, true},
		{training.Rate{N: 9, Of: 12}, true}, // 3 not placed
		{training.Rate{N: 12, Of: 12}, false},
	} {
		if got := placed(tt.r); got.Withheld != tt.withheld || (!got.Withheld && (got.N != tt.r.N || got.Of != tt.r.Of)) {
			t.Errorf("%+v: %+v", tt.r, got)
		}
	}
}

// TestApprenticeCells: the three apprentice counts are published only when
// none of them, nor started minus either part, is 1 to 4; otherwise all
// three go, since any two give the third back.
func TestApprenticeCells(t *testing.T) {
	for _, tt := range []struct {
		started, completed, hired int
		withheld                  bool
	}{
		{0, 0, 0, false},
		{3, 0, 0, true},
		{12, 7, 5, false},
		{12, 9, 5, true}, // 3 did not complete
		{12, 12, 12, false},
		{12, 8, 2, true},
	} {
		got := withheld(tt.started, tt.completed, tt.hired)
		if got.Started.Withheld != tt.withheld || got.Completed.Withheld != tt.withheld || got.Hired.Withheld != tt.withheld {
			t.Errorf("%+v: %+v", tt, got)
			continue
		}
		if !tt.withheld && (got.Started.N != tt.started || got.Completed.N != tt.completed || got.Hired.N != tt.hired) {
			t.Errorf("%+v: %+v", tt, got)
		}
	}
}
