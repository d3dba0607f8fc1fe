package remind

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/bkk"
	"github.com/bursa-banten/bursa/internal/notify"
)

// Tracer asks each verified SMK graduate the tracer study's question when
// a wave (6 and 12 months after graduation) falls due, once per graduate
// and wave. A graduate whose placement bursa recorded by then counts as
// working without being asked (bkk.ToAsk).
func (s *Store) Tracer(ctx context.Context) (int, error) {
	today := s.today()
	// Waves fall due on a date: the graduates are looked at once a day.
	var done time.Time
	err := s.DB.QueryRowContext(ctx, `SELECT until FROM remind_marks WHERE name = 'tracer'`).Scan(&done)
	if err == nil && !done.Before(today) {
		return 0, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	asks, err := bkk.ToAsk(ctx, s.DB, today)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range asks {
		sent, err := s.send(ctx, notify.Notice{To: a.UserID, Kind: notify.Tracer,
			Title: "bkk.event.tracer.title", Body: "bkk.event.tracer.body", Args: []any{"months", a.Wave},
			URL: "/pencari/lulusan#tracer", Dedupe: fmt.Sprintf("tracer:%d:%d", a.GraduateID, a.Wave)})
		if err != nil {
			return n, err
		}
		if sent {
			n++
		}
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO remind_marks (name, until) VALUES ('tracer', ?)
		ON CONFLICT (name) DO UPDATE SET until = excluded.until`, today)
	return n, err
}
