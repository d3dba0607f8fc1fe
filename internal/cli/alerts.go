package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
)

// startAlerts runs the job-alert loops inside serve: instant alerts every
// few seconds (a new vacancy reaches the people whose saved searches it
// matches within seconds), and every minute the daily alerts and the daily
// digest, which do their work once the day's 07:00 WIB has passed. Every
// process may run them: the marks they lock in the database let one do each
// piece of work.
func startAlerts(ctx context.Context, a *app.Services, log *slog.Logger) {
	go func() {
		tick := time.NewTicker(3 * time.Second)
		defer tick.Stop()
		for {
			if n, err := a.Alerts.RunInstant(ctx); err != nil && ctx.Err() == nil {
				log.Error("instant job alerts", "err", err)
			} else if n > 0 {
				log.Info("instant job alerts", "sent", n)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	go func() {
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			if n, err := a.Alerts.RunDaily(ctx); err != nil && ctx.Err() == nil {
				log.Error("daily job alerts", "err", err)
			} else if n > 0 {
				log.Info("daily job alerts", "sent", n)
			}
			t := time.Now()
			if n, err := a.Alerts.RunDigest(ctx); err != nil && ctx.Err() == nil {
				log.Error("digest", "err", err)
			} else if n > 0 {
				log.Info("digest sent", "notices", n, "took", time.Since(t).Round(time.Millisecond))
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}
