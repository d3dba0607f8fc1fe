package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/notify/mail"
	"github.com/bursa-banten/bursa/internal/notify/mail/mailtest"
)

// outboxReport holds the outbox figures issue 12 asks for.
type outboxReport struct {
	Dialect  string  `json:"dialect"`
	Mails    int     `json:"mails"`
	Batch    int     `json:"batch"`
	Parallel int     `json:"parallel"`
	Conns    int     `json:"smtp_conns"`
	CPUs     int     `json:"cpus"`
	FillS    float64 `json:"fill_s"`
	// The bulk phase: every message queued at once, one worker drains.
	DrainS      float64 `json:"drain_s"`
	MailsPerS   float64 `json:"mails_per_s"`
	DelayP50ms  float64 `json:"delay_p50_ms"` // created_at → handed to SMTP
	DelayP99ms  float64 `json:"delay_p99_ms"`
	SMTPConns   int64   `json:"smtp_connections_opened"`
	TargetPerS  float64 `json:"target_mails_per_s"`
	MeetsTarget bool    `json:"meets_target"`
	// The steady phase: messages queued one by one at a rate, as events
	// happen, while the worker runs as in serve.
	SteadyRate       int     `json:"steady_rate_per_s,omitempty"`
	SteadyMails      int     `json:"steady_mails,omitempty"`
	SteadyDelayP50ms float64 `json:"steady_delay_p50_ms,omitempty"`
	SteadyDelayP99ms float64 `json:"steady_delay_p99_ms,omitempty"`
}

func benchOutbox(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("bench outbox", env)
	c.register(fs, env)
	mails := fs.Int("mails", 20000, "messages queued at once for the bulk phase, each to its own person")
	batch := fs.Int("batch", 500, "worker: messages claimed at once")
	parallel := fs.Int("parallel", 16, "worker: messages handed to SMTP at once")
	conns := fs.Int("conns", 16, "SMTP connections kept open")
	rate := fs.Int("steady-rate", 100, "steady phase: messages queued per second (0 skips the phase)")
	seconds := fs.Int("steady-seconds", 10, "steady phase: how long")
	format := fs.String("format", "json", "json or text")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the bulk phase to this file")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *mails < 1 || *batch < 1 || *parallel < 1 || *conns < 1 || *rate < 0 || *seconds < 1 {
		fmt.Fprintln(env.Stderr, "bench outbox: --mails, --batch, --parallel, --conns and --steady-seconds must be positive")
		return errUsage
	}
	a, done, err := benchDB(ctx, fs, &c, env)
	if err != nil {
		return err
	}
	defer done()
	a.Log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a.Notify.BaseURL = "https://bursa.example"
	smtpd, err := mailtest.Start(mailtest.Config{Discard: true})
	if err != nil {
		return err
	}
	defer smtpd.Close()
	ms, err := mail.New(mail.Config{URL: "smtp://" + smtpd.Addr + "?starttls=off", From: "bursa <kabar@bursa.example>",
		Catalog: a.Catalog, Conns: *conns, Log: a.Log})
	if err != nil {
		return err
	}
	defer ms.Close()
	// Note when each message was handed over, against when it was queued.
	var mu sync.Mutex
	created := map[int64]time.Time{}
	var delays []float64
	sender := notify.SenderFunc(func(ctx context.Context, m notify.Message) error {
		err := ms.Send(ctx, m)
		if err == nil {
			at := time.Now()
			mu.Lock()
			if t, ok := created[m.ID]; ok {
				delays = append(delays, float64(at.Sub(t).Microseconds())/1000)
			}
			mu.Unlock()
		}
		return err
	})
	w := &notify.Worker{Store: a.Notify, Senders: map[notify.Channel]notify.Sender{notify.Email: sender}, Log: a.Log,
		Batch: *batch, Parallel: *parallel, Poll: 50 * time.Millisecond}
	rep := outboxReport{Dialect: string(a.DB.Dialect()), Mails: *mails, Batch: *batch, Parallel: *parallel, Conns: *conns,
		CPUs: runtime.NumCPU(), TargetPerS: 500}

	start := time.Now()
	users, err := benchPeople(ctx, a.DB, *mails, a.Now().UTC())
	if err != nil {
		return err
	}
	queued := a.Now().UTC()
	if err := benchQueue(ctx, a.DB, users, queued); err != nil {
		return err
	}
	if err := a.DB.Analyze(ctx); err != nil {
		return err
	}
	if err := benchCreated(ctx, a.DB, created, &mu); err != nil {
		return err
	}
	rep.FillS = time.Since(start).Seconds()

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start = time.Now()
	for {
		n, err := w.RunOnce(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	rep.DrainS = time.Since(start).Seconds()
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if got := smtpd.Count(); got != int64(*mails) {
		return fmt.Errorf("bench outbox: the SMTP server got %d of %d messages", got, *mails)
	}
	rep.MailsPerS = float64(*mails) / rep.DrainS
	rep.DelayP50ms, rep.DelayP99ms = pct(delays, 50), pct(delays, 99)
	rep.SMTPConns = smtpd.Conns()
	rep.MeetsTarget = rep.MailsPerS >= rep.TargetPerS

	if *rate > 0 {
		// Steady phase: the worker runs as in serve; a producer queues one
		// message per event, each in its own transaction.
		mu.Lock()
		delays = nil
		mu.Unlock()
		wctx, stop := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); w.Run(wctx) }()
		total := *rate * *seconds
		tick := time.NewTicker(time.Second / time.Duration(*rate))
		for i := range total {
			<-tick.C
			now := time.Now().UTC()
			var id int64
			err := a.DB.InTx(ctx, func(tx *db.Tx) error {
				var err error
				id, err = db.InsertID(ctx, tx, `INSERT INTO outbox (user_id, kind, channel, address, lang, subject, body, url, next_at, created_at)
					VALUES (?, 'lowongan_baru', 'email', ?, 'id', 'Lowongan baru untuk Anda', 'Operator produksi di Cikande, shift pagi.', '/lowongan/1', ?, ?)`,
					users[i%len(users)].id, users[i%len(users)].email, now, now)
				return err
			})
			if err != nil {
				tick.Stop()
				stop()
				wg.Wait()
				return err
			}
			mu.Lock()
			created[id] = now
			mu.Unlock()
		}
		tick.Stop()
		for deadline := time.Now().Add(time.Minute); smtpd.Count() < int64(*mails+total) && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		stop()
		wg.Wait()
		mu.Lock()
		rep.SteadyRate, rep.SteadyMails = *rate, len(delays)
		rep.SteadyDelayP50ms, rep.SteadyDelayP99ms = pct(delays, 50), pct(delays, 99)
		mu.Unlock()
	}
	if *format == "text" {
		fmt.Fprintf(env.Stdout, "%d mails (%s): %.0f mails/s (batch %d, parallel %d, %d SMTP connections); delay created→SMTP p50 %.0f ms p99 %.0f ms; steady %d/s: p50 %.0f ms p99 %.0f ms\n",
			rep.Mails, rep.Dialect, rep.MailsPerS, rep.Batch, rep.Parallel, rep.SMTPConns, rep.DelayP50ms, rep.DelayP99ms,
			rep.SteadyRate, rep.SteadyDelayP50ms, rep.SteadyDelayP99ms)
	}
	return json.NewEncoder(env.Stdout).Encode(rep)
}

type benchPerson struct {
	id    int64
	email string
}

// benchPeople makes n seekers, each with a verified email, or finds the
// ones an earlier run made.
func benchPeople(ctx context.Context, d *db.DB, n int, now time.Time) ([]benchPerson, error) {
	err := d.InTx(ctx, func(tx *db.Tx) error {
		var have int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE email LIKE 'outbox-bench-%'`).Scan(&have); err != nil {
			return err
		}
		b := db.NewBulk(tx, "users", "email", "name", "password_hash", "lang", "demo", "created_at")
		for i := have; i < n; i++ {
			if err := b.Add(ctx, fmt.Sprintf("outbox-bench-%07d@contoh.id", i), "Pencari Kerja", "!", "id", false, now); err != nil {
				return err
			}
		}
		return b.Flush(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("bench people: %w", err)
	}
	rows, err := d.QueryContext(ctx, `SELECT id, email FROM users WHERE email LIKE 'outbox-bench-%' ORDER BY email LIMIT ?`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []benchPerson
	for rows.Next() {
		var p benchPerson
		if err := rows.Scan(&p.id, &p.email); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// benchQueue queues one email to each person, as a job alert would.
func benchQueue(ctx context.Context, d *db.DB, people []benchPerson, now time.Time) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		b := db.NewBulk(tx, "outbox", "user_id", "kind", "channel", "address", "lang", "subject", "body", "url", "next_at", "created_at")
		for i, p := range people {
			if err := b.Add(ctx, p.id, string(notify.Alert), string(notify.Email), p.email, "id",
				"Lowongan baru: Operator Produksi", fmt.Sprintf("PT Maju Jaya di Cikande mencari operator produksi, shift pagi. Lowongan %d.", i),
				fmt.Sprintf("/lowongan/%d", i+1), now, now); err != nil {
				return err
			}
		}
		return b.Flush(ctx)
	})
}

// benchCreated reads the queued messages' times.
func benchCreated(ctx context.Context, d *db.DB, created map[int64]time.Time, mu *sync.Mutex) error {
	rows, err := d.QueryContext(ctx, `SELECT id, created_at FROM outbox WHERE status = 'pending'`)
	if err != nil {
		return err
	}
	defer rows.Close()
	mu.Lock()
	defer mu.Unlock()
	for rows.Next() {
		var id int64
		var t time.Time
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		created[id] = t
	}
	return rows.Err()
}

func pct(xs []float64, p int) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}
