package ledgertext

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/bursa-banten/bursa/internal/ledger"
)

// Span counts records of one kind in an object's history, with the first
// and last record numbers.
type Span struct {
	Count       int
	First, Last int64
}

func (s *Span) add(n int64) {
	if s.Count == 0 {
		s.First = n
	}
	s.Count++
	s.Last = n
}

// StageCount is how many selection decisions moved an applicant to Stage.
type StageCount struct {
	Stage string
	Count int
}

// stageOrder is the order of a selection, for counts that read top down.
var stageOrder = []string{"dilihat", "diseleksi", "wawancara", "ditawari", "diterima", "ditolak", "ditarik"}

// Summary is an object's history for its page: the steps shown one by one
// (opened, changed, closed, placements, a round opened and allocated), and
// the records about single people counted rather than listed, since a
// vacancy may have hundreds of applications and a round hundreds of seats.
type Summary struct {
	Steps   []ledger.Item
	Applied Span
	Stages  []StageCount
	Seats   Span
	Total   int
}

// Summarize splits items (oldest first) into a Summary.
func Summarize(items []ledger.Item) Summary {
	var s Summary
	s.Total = len(items)
	counts := map[string]int{}
	for _, it := range items {
		switch it.Kind {
		case ledger.ApplicationReceived:
			s.Applied.add(it.N)
		case ledger.SeatAllocated:
			s.Seats.add(it.N)
		case ledger.ApplicationDecided:
			var f struct {
				Status string `json:"status"`
			}
			json.Unmarshal(it.Data, &f)
			counts[f.Status]++
		default:
			s.Steps = append(s.Steps, it)
		}
	}
	for _, st := range stageOrder {
		if counts[st] > 0 {
			s.Stages = append(s.Stages, StageCount{st, counts[st]})
			delete(counts, st)
		}
	}
	// A stage added later still counts, after the known ones.
	for _, st := range slices.Sorted(maps.Keys(counts)) {
		s.Stages = append(s.Stages, StageCount{st, counts[st]})
	}
	return s
}
