package stats

import (
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/wib"
)

// TestActiveMonths: the binary search finds exactly the months activeAt
// finds, for cards starting and ending on every kind of day.
func TestActiveMonths(t *testing.T) {
	s, err := NewSource(nil, "2026-06")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wib.Zone) }
	for from := day(2024, 5, 20); from.Before(day(2026, 8, 1)); from = from.AddDate(0, 0, 9) {
		for _, until := range []time.Time{from, from.AddDate(0, 0, 1), from.AddDate(0, 1, 0), from.AddDate(1, 0, -1), from.AddDate(2, 0, 0)} {
			lo, hi := s.activeMonths(from, until)
			for m, end := range s.ends {
				if want, got := activeAt(from, until, end), m >= lo && m < hi; want != got {
					t.Fatalf("card %s–%s, month %s: active %v, binary search says %v", from.Format(time.DateOnly), until.Format(time.DateOnly), s.Months[m], want, got)
				}
			}
		}
	}
}
