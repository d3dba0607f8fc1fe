package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// LedgerReport holds the figures issue 6 asks for.
type LedgerReport struct {
	Dialect         string  `json:"dialect"`
	Records         int64   `json:"records"`
	Batch           int     `json:"batch"`
	AppendsPerS     float64 `json:"appends_per_s"`
	Checkpoints     int     `json:"checkpoints"`
	WriteMs         float64 `json:"single_write_ms"`
	WriteLoggedMs   float64 `json:"single_write_logged_ms"`
	WriteOverhead   float64 `json:"single_write_overhead"` // logged / plain - 1
	ApplyMs         float64 `json:"apply_ms"`              // a real application (store call, with its record)
	ApplyOverhead   float64 `json:"apply_overhead"`        // the record's share: (logged - plain) / (apply - (logged - plain))
	ProofP50ms      float64 `json:"proof_p50_ms"`
	ProofP99ms      float64 `json:"proof_p99_ms"`
	VerifyDBSeconds float64 `json:"verify_db_s"`
}

// Ledger appends records in bulk transactions of batch entries until the
// log holds n, signing a checkpoint every second meanwhile; then times single
// writes with and without a record, inclusion proofs, and a full offline
// verification.
// apply, when set, makes one real application (vacancy.Store.Apply, which
// writes its record); its median time is set against the record's own cost.
func Ledger(ctx context.Context, d *db.DB, l *ledger.Log, n int64, batch, writes int, apply func(i int) error) (LedgerReport, error) {
	rep := LedgerReport{Dialect: string(d.Dialect()), Batch: batch}
	size, err := ledger.Size(ctx, d)
	if err != nil {
		return rep, err
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if _, err := l.Checkpoint(ctx); err == nil {
					rep.Checkpoints++
				}
			}
		}
	}()
	start, appended := time.Now(), int64(0)
	for size < n {
		k := min(int64(batch), n-size)
		entries := make([]ledger.Entry, k)
		for i := range entries {
			entries[i] = ledger.Entry{Kind: ledger.SeatAllocated, At: start, Fields: map[string]any{"round_id": 1,
				"applicant": ledger.Commit(fmt.Sprint(size+int64(i)), "seat"), "program_id": (size + int64(i)) % 3000}}
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error { _, err := ledger.Append(ctx, tx, entries...); return err }); err != nil {
			close(stop)
			return rep, err
		}
		size += k
		appended += k
	}
	if appended > 0 {
		rep.AppendsPerS = float64(appended) / time.Since(start).Seconds()
	}
	close(stop)
	wg.Wait()
	if _, err := l.Checkpoint(ctx); err != nil {
		return rep, err
	}
	rep.Records = size

	// A single web write: one row and its history, alone or with its record.
	if _, err := d.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_writes (id BIGINT PRIMARY KEY, note TEXT NOT NULL)`); err != nil {
		return rep, err
	}
	var base int64
	d.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM bench_writes`).Scan(&base)
	write := func(i int, logged bool) (time.Duration, error) {
		t := time.Now()
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO bench_writes (id, note) VALUES (?, ?)`, base+int64(i)+1, "lamaran"); err != nil {
				return err
			}
			if !logged {
				return nil
			}
			_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApplicationReceived, At: time.Now(),
				Fields: map[string]any{"vacancy_id": i, "application": ledger.Commit(fmt.Sprint(i), "application")}})
			return err
		})
		return time.Since(t), err
	}
	var plain, logged []float64
	for i := range 2 * writes {
		dur, err := write(i, i%2 == 1) // interleaved, so both see the same conditions
		if err != nil {
			return rep, err
		}
		if i%2 == 1 {
			logged = append(logged, ms(dur))
		} else {
			plain = append(plain, ms(dur))
		}
	}
	rep.WriteMs, rep.WriteLoggedMs = percentile(plain, 50), percentile(logged, 50)
	rep.WriteOverhead = rep.WriteLoggedMs/rep.WriteMs - 1
	if apply != nil {
		var as []float64
		for i := range writes {
			t := time.Now()
			if err := apply(i); err != nil {
				return rep, fmt.Errorf("apply %d: %w", i, err)
			}
			as = append(as, ms(time.Since(t)))
		}
		rep.ApplyMs = percentile(as, 50)
		share := rep.WriteLoggedMs - rep.WriteMs
		rep.ApplyOverhead = share / (rep.ApplyMs - share)
	}
	if _, err := l.Checkpoint(ctx); err != nil {
		return rep, err
	}

	rng := rand.New(rand.NewPCG(1, 6))
	var proofs []float64
	// 5,000 proofs: with 1,000 the p99 is the tenth-slowest and moves with
	// any pause on the machine.
	for range 5000 {
		t := time.Now()
		if _, err := l.Prove(ctx, rng.Int64N(size)); err != nil {
			return rep, err
		}
		proofs = append(proofs, ms(time.Since(t)))
	}
	rep.ProofP50ms, rep.ProofP99ms = percentile(proofs, 50), percentile(proofs, 99)

	t := time.Now()
	if _, err := ledger.VerifyDB(ctx, d, l.VerifierKey); err != nil {
		return rep, err
	}
	rep.VerifyDBSeconds = time.Since(t).Seconds()
	return rep, nil
}
