package notify

import (
	"context"
	"fmt"
	"strings"

	"github.com/bursa-banten/bursa/internal/db"
)

// manyChunk is how many people one statement reads or writes for: well
// under SQLite's and PostgreSQL's parameter limits at 13 values a row.
const manyChunk = 400

// SendMany is Send for a batch of notices that each go once (a daily
// digest for many people): the same inbox rows and outbox rows, chosen by
// the same rule (choose), but read and written a few statements per chunk
// instead of several per notice. Every notice must carry a Dedupe, distinct
// per person, and no Code. It returns how many were new.
func (s *Store) SendMany(ctx context.Context, q db.Querier, ns []Notice) (int, error) {
	sent := 0
	for lo := 0; lo < len(ns); lo += manyChunk {
		n, err := s.sendChunk(ctx, q, ns[lo:min(lo+manyChunk, len(ns))])
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// people is what choosing channels needs to know of a batch's people.
type people struct {
	lang    map[int64]string
	addr    map[int64]map[string]string
	consent map[int64]map[Channel]bool
	prefs   map[int64]map[Kind]map[Channel]bool
}

func (s *Store) sendChunk(ctx context.Context, q db.Querier, ns []Notice) (int, error) {
	ids := make([]any, 0, len(ns))
	seen := map[string]bool{}
	for _, n := range ns {
		if n.To == 0 || n.Kind == "" || n.Title == "" || n.Dedupe == "" || n.Code != "" {
			return 0, fmt.Errorf("notify: SendMany needs a person, kind, title and dedupe, and no code: %+v", n)
		}
		key := fmt.Sprint(n.To, "\x00", n.Dedupe)
		if seen[key] {
			return 0, fmt.Errorf("notify: SendMany got %q twice for user %d", n.Dedupe, n.To)
		}
		seen[key] = true
		ids = append(ids, n.To)
	}
	p, err := s.people(ctx, q, ids)
	if err != nil {
		return 0, err
	}
	now := s.Now().UTC()
	type rendered struct {
		n           Notice
		title, body string
		lang        string
	}
	var rs []rendered
	var vals []string
	var args []any
	for _, n := range ns {
		lang, ok := p.lang[n.To]
		if !ok {
			continue // the account was deleted: nobody to tell
		}
		r := rendered{n: n, lang: lang, title: s.Catalog.T(lang, n.Title, n.Args...)}
		if n.Body != "" {
			r.body = s.Catalog.T(lang, n.Body, n.Args...)
		}
		rs = append(rs, r)
		vals = append(vals, "(?, ?, ?, ?, ?, ?, ?)")
		args = append(args, n.To, string(n.Kind), r.title, r.body, n.URL, n.Dedupe, now)
	}
	if len(rs) == 0 {
		return 0, nil
	}
	rows, err := q.QueryContext(ctx, `INSERT INTO notifications (user_id, kind, title, body, url, dedupe, created_at) VALUES `+
		strings.Join(vals, ", ")+` ON CONFLICT DO NOTHING RETURNING id, user_id, dedupe`, args...)
	if err != nil {
		return 0, fmt.Errorf("notify: inbox: %w", err)
	}
	inserted := map[string]int64{}
	for rows.Next() {
		var id, user int64
		var dedupe string
		if err := rows.Scan(&id, &user, &dedupe); err != nil {
			rows.Close()
			return 0, err
		}
		inserted[fmt.Sprint(user, "\x00", dedupe)] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("notify: inbox: %w", err)
	}
	vals, args = vals[:0], args[:0]
	for _, r := range rs {
		id, ok := inserted[fmt.Sprint(r.n.To, "\x00", r.n.Dedupe)]
		if !ok {
			continue // sent before
		}
		for _, rt := range s.choose(r.n.Kind, p.addr[r.n.To], p.consent[r.n.To], p.prefs[r.n.To][r.n.Kind]) {
			next := now
			if r.n.Kind != Account && (rt.channel == WhatsApp || rt.channel == SMS) {
				next = s.afterQuiet(now)
			}
			vals = append(vals, "(?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)")
			args = append(args, id, r.n.To, string(r.n.Kind), string(rt.channel), rt.address, r.lang, r.title, r.body, r.n.URL, next, now)
		}
	}
	for lo := 0; lo < len(vals); lo += manyChunk {
		hi := min(lo+manyChunk, len(vals))
		if _, err := q.ExecContext(ctx, `INSERT INTO outbox (notification_id, user_id, kind, channel, address, lang, subject, body, url, code, next_at, created_at) VALUES `+
			strings.Join(vals[lo:hi], ", "), args[lo*11:hi*11]...); err != nil {
			return 0, fmt.Errorf("notify: queue: %w", err)
		}
	}
	return len(inserted), nil
}

// people reads, in four statements, the languages, verified addresses,
// consents and choices of the people with ids.
func (s *Store) people(ctx context.Context, q db.Querier, ids []any) (people, error) {
	p := people{lang: map[int64]string{}, addr: map[int64]map[string]string{}, consent: map[int64]map[Channel]bool{},
		prefs: map[int64]map[Kind]map[Channel]bool{}}
	in := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	each := func(what, query string, scan func(rows interface{ Scan(...any) error }) error) error {
		rows, err := q.QueryContext(ctx, query, ids...)
		if err != nil {
			return fmt.Errorf("notify: %s: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return fmt.Errorf("notify: %s: %w", what, err)
			}
		}
		return rows.Err()
	}
	err := each("languages", `SELECT id, lang FROM users WHERE id IN (`+in+`)`, func(r interface{ Scan(...any) error }) error {
		var id int64
		var lang string
		if err := r.Scan(&id, &lang); err != nil {
			return err
		}
		p.lang[id] = lang
		return nil
	})
	if err == nil {
		err = each("contacts", `SELECT user_id, kind, address FROM contacts WHERE verified_at IS NOT NULL AND user_id IN (`+in+`)`, func(r interface{ Scan(...any) error }) error {
			var id int64
			var kind, a string
			if err := r.Scan(&id, &kind, &a); err != nil {
				return err
			}
			if p.addr[id] == nil {
				p.addr[id] = map[string]string{}
			}
			p.addr[id][kind] = a
			return nil
		})
	}
	if err == nil {
		// Ordered by time, so that the latest choice per channel wins.
		err = each("consents", `SELECT user_id, channel, granted FROM consents WHERE user_id IN (`+in+`) ORDER BY at, id`, func(r interface{ Scan(...any) error }) error {
			var id int64
			var c string
			var g bool
			if err := r.Scan(&id, &c, &g); err != nil {
				return err
			}
			if p.consent[id] == nil {
				p.consent[id] = map[Channel]bool{}
			}
			p.consent[id][Channel(c)] = g
			return nil
		})
	}
	if err == nil {
		err = each("choices", `SELECT user_id, kind, channel, enabled FROM notify_prefs WHERE user_id IN (`+in+`)`, func(r interface{ Scan(...any) error }) error {
			var id int64
			var k, c string
			var on bool
			if err := r.Scan(&id, &k, &c, &on); err != nil {
				return err
			}
			if p.prefs[id] == nil {
				p.prefs[id] = map[Kind]map[Channel]bool{}
			}
			if p.prefs[id][Kind(k)] == nil {
				p.prefs[id][Kind(k)] = map[Channel]bool{}
			}
			p.prefs[id][Kind(k)][Channel(c)] = on
			return nil
		})
	}
	return p, err
}
