package training

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/wib"
)

// tellResults tells every applicant of round r their result, in q (the
// allocation's transaction): the seat they got, or that the programs they
// ranked were full. seat maps a seeker to their program (0: none).
func (s *Store) tellResults(ctx context.Context, q db.Querier, r Round, byID map[int64]Program, seat map[int64]int64) error {
	if s.Notify == nil || len(seat) == 0 {
		return nil
	}
	users, err := seekerUsers(ctx, q, r.ID)
	if err != nil {
		return err
	}
	for seekerID, pid := range seat {
		n := notify.Notice{To: users[seekerID], Kind: notify.Training, URL: "/pencari/pelatihan",
			Dedupe: fmt.Sprintf("training:%d", r.ID)}
		if pid != 0 {
			n.Title, n.Body = "event.training.seat.title", "event.training.seat.body"
			n.Args = []any{"program", byID[pid].Title, "provider", byID[pid].ProviderName, "round", r.Title}
		} else {
			n.Title, n.Body = "event.training.none.title", "event.training.none.body"
			n.Args = []any{"round", r.Title}
		}
		if n.To == 0 {
			continue
		}
		if _, err := s.Notify.Send(ctx, q, n); err != nil {
			return fmt.Errorf("notice of round %d: %w", r.ID, err)
		}
	}
	return nil
}

// seekerUsers maps round roundID's applicants to their accounts.
func seekerUsers(ctx context.Context, q db.Querier, roundID int64) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.user_id FROM seekers s
		WHERE s.id IN (SELECT seeker_id FROM round_results WHERE round_id = ?)`, roundID)
	if err != nil {
		return nil, fmt.Errorf("applicants of round %d: %w", roundID, err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var sk, u int64
		if err := rows.Scan(&sk, &u); err != nil {
			return nil, err
		}
		out[sk] = u
	}
	return out, rows.Err()
}

// tellFollowers tells the followers of each program of a round that opened
// (round id, closing at closes), in q (the opening's transaction).
func (s *Store) tellFollowers(ctx context.Context, q db.Querier, roundID int64, byID map[int64]Program, programs []int64, closes string) error {
	if s.Notify == nil {
		return nil
	}
	for _, pid := range programs {
		rows, err := q.QueryContext(ctx, `SELECT user_id FROM program_follows WHERE program_id = ? ORDER BY user_id`, pid)
		if err != nil {
			return fmt.Errorf("followers of program %d: %w", pid, err)
		}
		var users []int64
		for rows.Next() {
			var u int64
			if err := rows.Scan(&u); err != nil {
				rows.Close()
				return err
			}
			users = append(users, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, u := range users {
			if _, err := s.Notify.Send(ctx, q, notify.Notice{To: u, Kind: notify.Training,
				Title: "event.training.round.title", Body: "event.training.round.body",
				Args: []any{"program", byID[pid].Title, "closes", closes},
				URL:  fmt.Sprintf("/pelatihan/%d", pid), Dedupe: fmt.Sprintf("round:%d:%d", roundID, pid)}); err != nil {
				return fmt.Errorf("notice of round %d: %w", roundID, err)
			}
		}
	}
	return nil
}

// closesText is a round's closing time as a notice names it.
func closesText(r RoundInput) string {
	return r.ClosesAt.In(wib.Zone).Format("02-01-2006 15.04") + " WIB"
}
