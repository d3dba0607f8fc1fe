package cli

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// demoWitnessName is the name of the witness the demo runs in-process: a
// stand-in for a union's witness, so the demo shows what a cosignature
// from outside the office looks like.
const demoWitnessName = "saksi-demo.serikat-pekerja.example"

// demoWitness makes (or loads) the demo witness's key in the data folder
// and lists its verifier key among the witnesses the log accepts.
func demoWitness(dataDir string, a *app.Services) (note.Signer, error) {
	signer, vkey, err := ledger.LoadCosigner(filepath.Join(dataDir, "demo-witness.key"), demoWitnessName)
	if err != nil {
		return nil, err
	}
	a.Ledger.Witnesses = append(a.Ledger.Witnesses, vkey)
	return signer, nil
}

// runWitness cosigns the log at base every interval, as `bursa witness
// --every` does from another machine: over HTTP, through ledger.Witness,
// with its own key and its own memory of the last checkpoint.
func runWitness(ctx context.Context, base string, signer note.Signer, logKey string, every time.Duration, log *slog.Logger) {
	c := &ledger.Client{Base: ledgerBase(base), HTTP: ledger.NewHTTPClient()}
	var st ledger.State
	// The first checkpoint is signed within a second of start.
	wait := 2 * time.Second
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = every
		next := st
		rep, err := ledger.Witness(ctx, c, logKey, signer, &next, false)
		if err != nil {
			if ctx.Err() == nil {
				log.Error("demo witness", "err", err)
			}
			continue
		}
		st = next
		log.Debug("demo witness cosigned", "size", rep.Size)
	}
}

// runMonitor follows the log at base every interval and stores what it
// finds (internal/monitor): the same tiles-only path an outside monitor
// takes, so it trusts neither the database nor this process's memory.
func runMonitor(ctx context.Context, a *app.Services, base string, every time.Duration, log *slog.Logger) {
	c := &ledger.Client{Base: ledgerBase(base), HTTP: ledger.NewHTTPClient()}
	wait := 3 * time.Second
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = every
		res, err := a.Monitor.Run(ctx, c, a.Ledger.VerifierKey)
		if err != nil {
			if ctx.Err() == nil {
				log.Error("ledger monitor", "err", err)
			}
			continue
		}
		for _, f := range res.New {
			log.Warn("ledger monitor: a rule is broken", "rule", f.Rule, "records", f.Records, "detail", f.Detail)
		}
	}
}
