package ledger_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// BenchmarkAppendSeats appends a training round's allocation, 5,000 seat
// records in one transaction, with their index rows (round and program):
//
//	go test ./internal/ledger/ -run '^$' -bench AppendSeats -benchtime 10x -count 3
func BenchmarkAppendSeats(b *testing.B) {
	ctx := context.Background()
	d := dbtest.SQLite(b)
	size := int64(0)
	b.ResetTimer()
	for range b.N {
		entries := make([]ledger.Entry, 5000)
		for i := range entries {
			entries[i] = ledger.Entry{Kind: ledger.SeatAllocated, At: time.Now(), Fields: map[string]any{"round_id": 1,
				"applicant": ledger.Commit(fmt.Sprint(size+int64(i)), "seat"), "program_id": (size + int64(i)) % 3000}}
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error { _, err := ledger.Append(ctx, tx, entries...); return err }); err != nil {
			b.Fatal(err)
		}
		size += 5000
	}
}
