package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
)

// watchReadOnly logs when the log freezes or thaws while serve runs (a
// witness posted back a checkpoint, another process froze it, an operator
// announced the loss); start is the state serve started in, logged then.
func watchReadOnly(ctx context.Context, a *app.Services, log *slog.Logger, start string) {
	prev := start
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		why, err := a.Ledger.ReadOnly(ctx)
		if err != nil || why == prev {
			continue
		}
		if why != "" {
			log.Error("ledger: read-only, every write that goes into the log is refused", "reason", why)
		} else {
			log.Info("ledger: writes accepted again")
		}
		prev = why
	}
}
