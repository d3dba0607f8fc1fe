package alert

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/wib"
)

// DigestSize is how many vacancies one digest names.
const DigestSize = 5

// digestLease is how long a process may take to write one day's digests
// before another may take the run over (the dedupe keys keep the second
// from telling anyone twice).
const digestLease = 15 * time.Minute

// RunDigest sends the day's "Lowongan untuk Anda" once the day's DailyHour
// has passed: to every opted-in job seeker, their best DigestSize of the
// vacancies published since the last digest, from the matching engine.
// It returns how many notices were new.
//
// Two rows of alert_marks drive it: "digest" is the publication time the
// last finished digest covered, "digest-lease" the time until which one
// process owns the run. The notices are written in batches (a million in
// one transaction would hold the database too long); a crash leaves the
// mark where it was, the lease runs out, and the next run writes again what
// is missing, the dedupe key "digest:<date>" keeping everyone's one notice
// a day.
func (s *Store) RunDigest(ctx context.Context) (int, error) {
	if s.Match == nil {
		return 0, nil
	}
	now := s.Now().UTC()
	day := dueDay(now)
	until := time.Date(day.Year(), day.Month(), day.Day(), DailyHour, 0, 0, 0, wib.Zone).UTC()
	if until.After(now) {
		return 0, nil
	}
	var mark time.Time
	owned := false
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		m, ok, err := lockMark(ctx, tx, "digest", until.Add(-24*time.Hour))
		if err != nil || !ok || !m.Before(until) {
			return err
		}
		mark = m
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_marks (name, mark) VALUES ('digest-lease', ?) ON CONFLICT DO NOTHING`, time.Time{}.UTC()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE alert_marks SET mark = ? WHERE name = 'digest-lease' AND mark < ?`, now.Add(digestLease), now)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		owned = n == 1
		return nil
	})
	if err != nil || !owned {
		return 0, err
	}
	ids, err := publishedBetween(ctx, s.DB, mark, until)
	if err != nil {
		return 0, err
	}
	sent := 0
	if len(ids) > 0 {
		users, seekers, err := s.optedIn(ctx)
		if err != nil {
			return 0, err
		}
		hits, err := s.DigestHits(ctx, seekers, ids)
		if err != nil {
			return 0, err
		}
		if sent, err = s.WriteDigests(ctx, day, users, hits); err != nil {
			return sent, err
		}
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := setMark(ctx, tx, "digest", until); err != nil {
			return err
		}
		return setMark(ctx, tx, "digest-lease", time.Time{})
	})
	return sent, err
}

// optedIn returns the opted-in job seekers: user by seeker id, and the
// seeker ids.
func (s *Store) optedIn(ctx context.Context) (map[int64]int64, []int64, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT s.id, s.user_id FROM digest_optins o JOIN seekers s ON s.user_id = o.user_id ORDER BY s.id`)
	if err != nil {
		return nil, nil, fmt.Errorf("digest seekers: %w", err)
	}
	defer rows.Close()
	users := map[int64]int64{}
	var ids []int64
	for rows.Next() {
		var sid, uid int64
		if err := rows.Scan(&sid, &uid); err != nil {
			return nil, nil, err
		}
		users[sid] = uid
		ids = append(ids, sid)
	}
	return users, ids, rows.Err()
}

// DigestHits ranks the vacancies for each seeker (see match.Engine.Digest).
func (s *Store) DigestHits(ctx context.Context, seekers, vacancies []int64) (map[int64][]match.Hit, error) {
	out := map[int64][]match.Hit{}
	if len(seekers) == 0 {
		return out, nil
	}
	var mu sync.Mutex
	_, err := s.Match.Digest(ctx, seekers, vacancies, DigestSize, func(sid int64, hits []match.Hit) {
		mu.Lock()
		out[sid] = hits
		mu.Unlock()
	})
	return out, err
}

// digestBatch is how many people's digests one transaction writes.
const digestBatch = 500

type vacLine struct {
	title, employer, region string
}

// WriteDigests writes the digest notices of day: hits by seeker id, users
// maps seeker ids to accounts. It returns how many were new.
func (s *Store) WriteDigests(ctx context.Context, day time.Time, users map[int64]int64, hits map[int64][]match.Hit) (int, error) {
	// What each named vacancy is called, read once.
	lines := map[int64]vacLine{}
	for _, hs := range hits {
		for _, h := range hs {
			lines[h.VacancyID] = vacLine{}
		}
	}
	ids := make([]int64, 0, len(lines))
	for id := range lines {
		ids = append(ids, id)
	}
	for lo := 0; lo < len(ids); lo += 500 {
		part := ids[lo:min(lo+500, len(ids))]
		ph := strings.Repeat("?,", len(part))
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.DB.QueryContext(ctx, `SELECT v.id, v.title, e.name, v.region FROM vacancies v JOIN employers e ON e.id = v.employer_id
			WHERE v.id IN (`+ph[:len(ph)-1]+`)`, args...)
		if err != nil {
			return 0, fmt.Errorf("digest vacancies: %w", err)
		}
		for rows.Next() {
			var id int64
			var l vacLine
			if err := rows.Scan(&id, &l.title, &l.employer, &l.region); err != nil {
				rows.Close()
				return 0, err
			}
			l.region = regionName(l.region)
			lines[id] = l
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	seekers := make([]int64, 0, len(hits))
	for sid := range hits {
		seekers = append(seekers, sid)
	}
	dedupe := "digest:" + day.Format(time.DateOnly)
	sent := 0
	for lo := 0; lo < len(seekers); lo += digestBatch {
		part := seekers[lo:min(lo+digestBatch, len(seekers))]
		// One SendMany per batch: a few statements for 500 people instead
		// of several each (see notify.SendMany).
		ns := make([]notify.Notice, 0, len(part))
		for _, sid := range part {
			uid, ok := users[sid]
			hs := hits[sid]
			if !ok || len(hs) == 0 {
				continue
			}
			var b strings.Builder
			for i, h := range hs {
				l := lines[h.VacancyID]
				if i > 0 {
					b.WriteByte('\n')
				}
				fmt.Fprintf(&b, "• %s — %s, %s (%d%%)", l.title, l.employer, l.region, h.Percent())
				if len(h.Matched) > 0 {
					var names []string
					for _, k := range h.Matched {
						if sk, ok := ref.SkillByCode(k); ok {
							names = append(names, sk.Name)
						}
					}
					b.WriteString(": " + strings.Join(names, ", "))
				}
			}
			ns = append(ns, notify.Notice{To: uid, Kind: notify.Digest, Title: "digest.notice.title", Body: "digest.notice.body",
				Args: []any{"n", len(hs), "list", b.String()}, URL: "/pencari#untuk-anda", Dedupe: dedupe})
		}
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			n, err := s.Notify.SendMany(ctx, tx, ns)
			sent += n
			return err
		})
		if err != nil {
			return sent, fmt.Errorf("digest notices: %w", err)
		}
	}
	return sent, nil
}
