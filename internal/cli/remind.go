package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/remind"
)

// ReminderInterval is how often serve looks for reminders and digests due.
// Hourly digests go out within this long after the hour.
const ReminderInterval = 5 * time.Minute

// startReminders runs the reminder loop (AK/1 reports, vacancies closing,
// nota deadlines, applicant digests) until ctx ends. Several serve
// processes may run it at once: every notice goes once (see remind).
func startReminders(ctx context.Context, a *app.Services, log *slog.Logger) {
	r := &remind.Store{DB: a.DB, Notify: a.Notify, Now: a.Now}
	go r.Loop(ctx, ReminderInterval, log)
}
