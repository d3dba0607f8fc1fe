package api

import (
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
)

// The training API mirrors the Pelatihan pages: programs, intake rounds,
// applications and results with cutoffs, appeals, the course, outcomes,
// one file per resource (training_*.go). Each handler reads the request,
// calls one method of the training store, which decides who may do what,
// and writes the answer. Lottery numbers are uint64 and travel as decimal
// strings, which every JSON reader keeps exact.

// actorID is the caller's id for the training store's writes; 0, a
// visitor, is refused there.
func actorID(u *auth.User) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}

func u64(n uint64) string { return strconv.FormatUint(n, 10) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
