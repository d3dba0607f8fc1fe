package notify

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// Outbox states.
const (
	Pending = "pending"
	Sending = "sending"
	Sent    = "sent"
	Dead    = "dead"
)

// Worker delivers the outbox. Several workers (in several `serve`
// processes on one PostgreSQL) share it safely: a batch is claimed with
// FOR UPDATE SKIP LOCKED and a lease, so each message goes to one worker;
// a worker killed mid-delivery leaves its lease to run out and the message
// is sent again by another (at worst twice, never lost).
type Worker struct {
	Store   *Store
	Senders map[Channel]Sender
	Log     *slog.Logger
	// Batch is how many messages one claim takes (default 200).
	Batch int
	// Parallel is how many messages are handed to channels at once
	// (default 16).
	Parallel int
	// Lease is how long a claimed message is this worker's (default 2 min).
	Lease time.Duration
	// Poll is the pause when the outbox is empty (default 250 ms).
	Poll time.Duration
	// MaxAttempts sends a message to the dead letters after this many
	// failures (default 8: retries over about a day).
	MaxAttempts int
	// PerHour caps the messages one person gets on one channel in an hour;
	// more wait (default 20). Account messages are not capped.
	PerHour int
}

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 200
	}
	if w.Parallel <= 0 {
		w.Parallel = 16
	}
	if w.Lease <= 0 {
		w.Lease = 2 * time.Minute
	}
	if w.Poll <= 0 {
		w.Poll = 250 * time.Millisecond
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 8
	}
	if w.PerHour <= 0 {
		w.PerHour = 20
	}
}

// Run delivers until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	w.defaults()
	for ctx.Err() == nil {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("outbox", "err", err)
		}
		if n < w.Batch {
			select {
			case <-ctx.Done():
			case <-time.After(w.Poll):
			}
		}
	}
}

type claimed struct {
	Message
	user     int64
	attempts int
}

// RunOnce claims one batch of due messages and delivers it, returning how
// many it claimed.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	batch, err := w.claim(ctx)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	now := w.Store.Now().UTC()
	held, err := w.overLimit(ctx, batch, now)
	if err != nil {
		return len(batch), err
	}
	results := make([]error, len(batch))
	later := make([]time.Time, len(batch))
	sem := make(chan struct{}, w.Parallel)
	var wg sync.WaitGroup
	for i := range batch {
		m := &batch[i]
		if t, ok := held[m.ID]; ok {
			later[i] = t
			continue
		}
		if m.Kind != Account && (m.Channel == WhatsApp || m.Channel == SMS) {
			if t := w.Store.afterQuiet(now); t.After(now) {
				later[i] = t
				continue
			}
		}
		snd := w.Senders[m.Channel]
		if snd == nil {
			results[i] = Permanent(fmt.Errorf("no %s gateway configured", m.Channel))
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			results[i] = snd.Send(sctx, m.Message)
		}()
	}
	wg.Wait()
	// Record what happened even when ctx ended meanwhile (serve shutting
	// down): a message handed over but not marked would go out again.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return len(batch), w.finish(fctx, batch, results, later)
}

func (w *Worker) claim(ctx context.Context) ([]claimed, error) {
	s := w.Store
	now := s.Now().UTC()
	lock := ""
	if s.DB.Dialect() == db.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var out []claimed
	// In a transaction, so that on SQLite the claim runs on the writer
	// connection (a write through the reader pool would contend with it
	// for the lock instead of queueing behind it).
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, `UPDATE outbox SET status = 'sending', locked_until = ?, attempts = attempts + 1
			WHERE id IN (SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND next_at <= ?
				AND (locked_until IS NULL OR locked_until < ?) ORDER BY next_at LIMIT ?`+lock+`)
			RETURNING id, COALESCE(user_id, 0), kind, channel, address, lang, subject, body, url, code, attempts`,
			now.Add(w.Lease), now, now, w.Batch)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			var kind, channel string
			if err := rows.Scan(&c.ID, &c.user, &kind, &channel, &c.To, &c.Lang, &c.Subject, &c.Text, &c.URL, &c.Code, &c.attempts); err != nil {
				return err
			}
			c.Kind, c.Channel = Kind(kind), Channel(channel)
			c.URL = s.Absolute(c.URL)
			if c.Kind != Account && c.user != 0 {
				c.Unsubscribe = s.UnsubscribeURL(c.user, c.Kind, c.Channel)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	return out, nil
}

// overLimit holds back the messages of people who already got PerHour on
// that channel in the last hour, until an hour after the oldest of those.
// One query for the whole batch: a batch of alerts goes to as many people
// as it has messages, and a query each would cost more than the sending.
func (w *Worker) overLimit(ctx context.Context, batch []claimed, now time.Time) (map[int64]time.Time, error) {
	type key struct {
		user    int64
		channel Channel
	}
	count := map[key]int{}
	var users []any
	seen := map[int64]bool{}
	for _, m := range batch {
		if m.user != 0 && m.Kind != Account {
			count[key{m.user, m.Channel}]++
			if !seen[m.user] {
				seen[m.user] = true
				users = append(users, m.user)
			}
		}
	}
	type past struct {
		sent   int
		oldest time.Time
	}
	before := map[key]past{}
	for len(users) > 0 {
		part := users[:min(len(users), 500)]
		users = users[len(part):]
		rows, err := w.Store.DB.QueryContext(ctx, `SELECT user_id, channel, COUNT(*), MIN(sent_at) FROM outbox
			WHERE user_id IN (?`+strings.Repeat(", ?", len(part)-1)+`) AND status = 'sent' AND sent_at > ? AND kind <> 'akun'
			GROUP BY user_id, channel`, append(part, now.Add(-time.Hour))...)
		if err != nil {
			return nil, fmt.Errorf("rate limit: %w", err)
		}
		for rows.Next() {
			var k key
			var ch string
			var p past
			var oldest db.AggTime
			if err := rows.Scan(&k.user, &ch, &p.sent, &oldest); err != nil {
				rows.Close()
				return nil, fmt.Errorf("rate limit: %w", err)
			}
			k.channel, p.oldest = Channel(ch), oldest.Time
			before[k] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("rate limit: %w", err)
		}
	}
	held := map[int64]time.Time{}
	for k, inBatch := range count {
		p := before[k]
		if p.sent+inBatch <= w.PerHour {
			continue
		}
		allowed := max(w.PerHour-p.sent, 0)
		until := now.Add(time.Hour)
		if p.sent > 0 {
			until = p.oldest.Add(time.Hour)
		}
		for _, m := range batch {
			if m.user == k.user && m.Channel == k.channel && m.Kind != Account {
				if allowed > 0 {
					allowed--
					continue
				}
				held[m.ID] = until
			}
		}
	}
	return held, nil
}

// finish records each message's outcome: sent ones in one statement, the
// rest one by one (failures are rare).
func (w *Worker) finish(ctx context.Context, batch []claimed, results []error, later []time.Time) error {
	now := w.Store.Now().UTC()
	var sent []any
	for i, m := range batch {
		err := results[i]
		switch {
		case !later[i].IsZero():
			// Held for quiet hours or the rate limit: not a failed try.
			if _, e := w.Store.DB.ExecContext(ctx, `UPDATE outbox SET status = 'pending', attempts = attempts - 1, next_at = ?, locked_until = NULL WHERE id = ?`,
				later[i], m.ID); e != nil {
				return fmt.Errorf("hold %d: %w", m.ID, e)
			}
		case err == nil:
			sent = append(sent, m.ID)
		default:
			status, next := Pending, now.Add(backoff(m.attempts))
			if IsPermanent(err) || m.attempts >= w.MaxAttempts {
				status = Dead
			}
			msg := err.Error()
			if len(msg) > 500 {
				msg = msg[:500]
			}
			if _, e := w.Store.DB.ExecContext(ctx, `UPDATE outbox SET status = ?, next_at = ?, locked_until = NULL, last_error = ? WHERE id = ?`,
				status, next, msg, m.ID); e != nil {
				return fmt.Errorf("fail %d: %w", m.ID, e)
			}
			w.Log.Warn("outbox delivery failed", "id", m.ID, "channel", m.Channel, "attempt", m.attempts, "status", status, "err", err)
		}
	}
	for len(sent) > 0 {
		part := sent[:min(len(sent), 500)]
		sent = sent[len(part):]
		// One-time codes and account messages are wiped once delivered:
		// the outbox is not a second copy of them.
		q := `UPDATE outbox SET status = 'sent', sent_at = ?, locked_until = NULL, last_error = '', code = '',
			body = CASE WHEN kind = 'akun' THEN '' ELSE body END WHERE id IN (?` + strings.Repeat(", ?", len(part)-1) + `)`
		if _, err := w.Store.DB.ExecContext(ctx, q, append([]any{now}, part...)...); err != nil {
			return fmt.Errorf("mark sent: %w", err)
		}
	}
	return nil
}

// backoff is the wait before try n+1: 30 s doubling to 6 h, with jitter so
// that a gateway coming back is not hit by every message at once.
func backoff(n int) time.Duration {
	d := 30 * time.Second << min(max(n-1, 0), 10)
	d = min(d, 6*time.Hour)
	return d/2 + rand.N(d/2+1)
}

// Letter is a message in the outbox, for the admin's view.
type Letter struct {
	ID        int64
	UserID    int64
	Kind      Kind
	Channel   Channel
	Address   string
	Subject   string
	Status    string
	Attempts  int
	LastError string
	CreatedAt time.Time
	NextAt    time.Time
}

// Letters lists outbox messages in status (Dead for the dead letters),
// newest first, at most limit.
func (s *Store) Letters(ctx context.Context, status string, limit int) ([]Letter, error) {
	limit = min(max(limit, 1), 500)
	rows, err := s.DB.QueryContext(ctx, `SELECT id, COALESCE(user_id, 0), kind, channel, address, subject, status, attempts, last_error, created_at, next_at
		FROM outbox WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?`, status, limit)
	if err != nil {
		return nil, fmt.Errorf("letters: %w", err)
	}
	defer rows.Close()
	var out []Letter
	for rows.Next() {
		var l Letter
		var kind, channel string
		if err := rows.Scan(&l.ID, &l.UserID, &kind, &channel, &l.Address, &l.Subject, &l.Status, &l.Attempts, &l.LastError, &l.CreatedAt, &l.NextAt); err != nil {
			return nil, fmt.Errorf("letters: %w", err)
		}
		l.Kind, l.Channel = Kind(kind), Channel(channel)
		out = append(out, l)
	}
	return out, rows.Err()
}

// Counts returns how many outbox messages are in each status.
func (s *Store) Counts(ctx context.Context) (map[string]int, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Retry puts a dead letter back in the queue with a fresh set of tries. It
// reports false when id is not a dead letter.
func (s *Store) Retry(ctx context.Context, id int64) (bool, error) {
	res, err := s.DB.ExecContext(ctx, `UPDATE outbox SET status = 'pending', attempts = 0, next_at = ?, locked_until = NULL WHERE id = ? AND status = 'dead'`,
		s.Now().UTC(), id)
	if err != nil {
		return false, fmt.Errorf("retry %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
