package wage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Follow-up states of a tripartite recommendation.
const (
	StateNew      = "baru"            // recorded, no one has acted on it yet
	StateFollowed = "ditindaklanjuti" // an office is acting on it
	StateDone     = "selesai"         // done
	StateRejected = "ditolak"         // not taken up, with the reason in the follow-up
)

// States in the order pages show them.
var States = []string{StateNew, StateFollowed, StateDone, StateRejected}

// Meeting is an LKS Tripartit meeting with its agenda; public.
type Meeting struct {
	ID     int64
	HeldOn time.Time
	Title  string
	Place  string
	Items  []Item
}

// Item is one agenda item, linked to the figures discussed and to a
// workers' aspiration when it came from one.
type Item struct {
	ID              int64
	MeetingID       int64
	Title           string
	Body            string
	Figure          string // a bursa page, e.g. /dewan-pengupahan/2027
	AspirationID    int64  // 0: none
	AspirationTitle string
	Recommendations []TriRecommendation
}

// TriRecommendation is the tripartite body's recommendation on an item with
// its follow-up.
type TriRecommendation struct {
	ID        int64
	ItemID    int64
	Body      string
	State     string
	FollowUp  string
	UpdatedAt time.Time
	LedgerN   int64
}

// MeetingIn is a new meeting.
type MeetingIn struct {
	HeldOn string // YYYY-MM-DD
	Title  string
	Place  string
}

func text(errs *valid.Errors, field, s string, lo, hi int) string {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n < lo && lo == 1:
		errs.Add(field, "required")
	case n < lo:
		errs.Add(field, "wage_text_short", "min", lo)
	case n > hi:
		errs.Add(field, "too_long", "max", hi)
	}
	return s
}

// CreateMeeting records a meeting; it is published at once.
func (s *Store) CreateMeeting(ctx context.Context, u *auth.User, in MeetingIn) (Meeting, error) {
	if err := auth.Require(u, auth.ManageTripartite); err != nil {
		return Meeting{}, err
	}
	var errs valid.Errors
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(in.HeldOn), wib.Zone)
	if err != nil {
		errs.Add("held_on", "date_invalid")
	}
	m := Meeting{HeldOn: day, Title: text(&errs, "title", in.Title, 5, 200), Place: text(&errs, "place", in.Place, 1, 200)}
	if err := errs.Err(); err != nil {
		return Meeting{}, err
	}
	m.ID, err = db.InsertID(ctx, s.DB, `INSERT INTO tripartite_meetings (held_on, title, place, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		day.Format("2006-01-02"), m.Title, m.Place, u.ID, s.Now().UTC())
	if err != nil {
		return Meeting{}, fmt.Errorf("create meeting: %w", err)
	}
	return s.Meeting(ctx, m.ID)
}

// ItemIn is an agenda item.
type ItemIn struct {
	Title        string
	Body         string
	Figure       string
	AspirationID int64
}

// AddItem puts an item on a meeting's agenda.
func (s *Store) AddItem(ctx context.Context, u *auth.User, meetingID int64, in ItemIn) (Item, error) {
	if err := auth.Require(u, auth.ManageTripartite); err != nil {
		return Item{}, err
	}
	if _, err := s.Meeting(ctx, meetingID); err != nil {
		return Item{}, err
	}
	var errs valid.Errors
	it := Item{MeetingID: meetingID, Title: text(&errs, "title", in.Title, 5, 200), Body: text(&errs, "body", in.Body, 0, 4000),
		Figure: strings.TrimSpace(in.Figure), AspirationID: in.AspirationID}
	// A figure is a page of this site, so the link cannot lead elsewhere.
	if it.Figure != "" && (!strings.HasPrefix(it.Figure, "/") || strings.HasPrefix(it.Figure, "//") || strings.ContainsAny(it.Figure, " \\") || len(it.Figure) > 300) {
		errs.Add("figure", "wage_figure_path")
	}
	var aspiration any
	if in.AspirationID != 0 {
		var n int
		if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM aspirations WHERE id = ?`, in.AspirationID).Scan(&n); err != nil {
			return Item{}, fmt.Errorf("aspiration %d: %w", in.AspirationID, err)
		}
		if n == 0 {
			errs.Add("aspiration_id", "wage_aspiration_unknown")
		}
		aspiration = in.AspirationID
	}
	if err := errs.Err(); err != nil {
		return Item{}, err
	}
	id, err := db.InsertID(ctx, s.DB, `INSERT INTO tripartite_items (meeting_id, title, body, figure, aspiration_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		meetingID, it.Title, it.Body, it.Figure, aspiration, s.Now().UTC())
	if err != nil {
		return Item{}, fmt.Errorf("agenda item: %w", err)
	}
	it.ID = id
	return it, nil
}

// Recommend records the tripartite body's recommendation on an agenda item
// and publishes it in the public log.
func (s *Store) RecommendOnItem(ctx context.Context, u *auth.User, itemID int64, body string) (TriRecommendation, error) {
	if err := auth.Require(u, auth.ManageTripartite); err != nil {
		return TriRecommendation{}, err
	}
	var meetingID int64
	err := s.DB.QueryRowContext(ctx, `SELECT meeting_id FROM tripartite_items WHERE id = ?`, itemID).Scan(&meetingID)
	if errors.Is(err, sql.ErrNoRows) {
		return TriRecommendation{}, fmt.Errorf("agenda item %d: %w", itemID, fail.NotFound)
	}
	if err != nil {
		return TriRecommendation{}, fmt.Errorf("agenda item %d: %w", itemID, err)
	}
	var errs valid.Errors
	r := TriRecommendation{ItemID: itemID, Body: text(&errs, "body", body, 10, 4000), State: StateNew}
	if err := errs.Err(); err != nil {
		return TriRecommendation{}, err
	}
	now := s.Now().UTC()
	r.UpdatedAt = now
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := db.InsertID(ctx, tx, `INSERT INTO tripartite_recommendations (item_id, body, state, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			itemID, r.Body, r.State, u.ID, now, now)
		if err != nil {
			return fmt.Errorf("tripartite recommendation: %w", err)
		}
		r.ID = id
		return s.logTri(ctx, tx, &r, meetingID, now)
	})
	return r, err
}

// logTri appends the recommendation's current state to the public log.
func (s *Store) logTri(ctx context.Context, tx *db.Tx, r *TriRecommendation, meetingID int64, now time.Time) error {
	n, err := ledger.Append(ctx, tx, ledger.Entry{Kind: LedgerTripartite, At: now, Fields: map[string]any{
		"recommendation": r.ID, "item": r.ItemID, "meeting": meetingID, "state": r.State,
		"content_hash": ledger.ContentHash(r.Body), "follow_up_hash": ledger.ContentHash(r.FollowUp)}})
	if err != nil {
		return err
	}
	r.LedgerN = n
	_, err = tx.ExecContext(ctx, `UPDATE tripartite_recommendations SET ledger_n = ? WHERE id = ?`, n, r.ID)
	return err
}

// FollowUp moves a recommendation's follow-up state with a note; each move
// is a new public log record.
func (s *Store) FollowUp(ctx context.Context, u *auth.User, id int64, state, note string) (TriRecommendation, error) {
	if err := auth.Require(u, auth.ManageTripartite); err != nil {
		return TriRecommendation{}, err
	}
	var r TriRecommendation
	var meetingID int64
	err := s.DB.QueryRowContext(ctx, `SELECT r.id, r.item_id, r.body, r.state, i.meeting_id FROM tripartite_recommendations r
		JOIN tripartite_items i ON i.id = r.item_id WHERE r.id = ?`, id).Scan(&r.ID, &r.ItemID, &r.Body, &r.State, &meetingID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("tripartite recommendation %d: %w", id, fail.NotFound)
	}
	if err != nil {
		return r, fmt.Errorf("tripartite recommendation %d: %w", id, err)
	}
	var errs valid.Errors
	if !slices.Contains(States, state) {
		errs.Add("state", "choose_one")
	}
	lo := 1
	if state == StateNew {
		lo = 0
	}
	r.FollowUp = text(&errs, "follow_up", note, lo, 2000)
	if err := errs.Err(); err != nil {
		return r, err
	}
	r.State = state
	now := s.Now().UTC()
	r.UpdatedAt = now
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE tripartite_recommendations SET state = ?, follow_up = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
			r.State, r.FollowUp, u.ID, now, r.ID); err != nil {
			return fmt.Errorf("follow up %d: %w", id, err)
		}
		return s.logTri(ctx, tx, &r, meetingID, now)
	})
	return r, err
}

// Meetings lists the meetings, latest first, without their agenda; public.
func (s *Store) Meetings(ctx context.Context) ([]Meeting, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, held_on, title, place FROM tripartite_meetings ORDER BY held_on DESC, id DESC LIMIT 200`)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		var m Meeting
		if err := rows.Scan(&m.ID, &m.HeldOn, &m.Title, &m.Place); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Meeting returns a meeting with its agenda items and recommendations; public.
func (s *Store) Meeting(ctx context.Context, id int64) (Meeting, error) {
	var m Meeting
	err := s.DB.QueryRowContext(ctx, `SELECT id, held_on, title, place FROM tripartite_meetings WHERE id = ?`, id).Scan(&m.ID, &m.HeldOn, &m.Title, &m.Place)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("meeting %d: %w", id, fail.NotFound)
	}
	if err != nil {
		return m, fmt.Errorf("meeting %d: %w", id, err)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT i.id, i.title, i.body, i.figure, COALESCE(i.aspiration_id, 0), COALESCE(a.title, '')
		FROM tripartite_items i LEFT JOIN aspirations a ON a.id = i.aspiration_id WHERE i.meeting_id = ? ORDER BY i.id`, id)
	if err != nil {
		return m, fmt.Errorf("agenda of %d: %w", id, err)
	}
	idx := map[int64]int{}
	for rows.Next() {
		it := Item{MeetingID: id}
		if err := rows.Scan(&it.ID, &it.Title, &it.Body, &it.Figure, &it.AspirationID, &it.AspirationTitle); err != nil {
			rows.Close()
			return m, err
		}
		idx[it.ID] = len(m.Items)
		m.Items = append(m.Items, it)
	}
	rows.Close()
	rows, err = s.DB.QueryContext(ctx, `SELECT r.id, r.item_id, r.body, r.state, r.follow_up, r.updated_at, COALESCE(r.ledger_n, -1)
		FROM tripartite_recommendations r JOIN tripartite_items i ON i.id = r.item_id WHERE i.meeting_id = ? ORDER BY r.id`, id)
	if err != nil {
		return m, fmt.Errorf("recommendations of %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r TriRecommendation
		if err := rows.Scan(&r.ID, &r.ItemID, &r.Body, &r.State, &r.FollowUp, &r.UpdatedAt, &r.LedgerN); err != nil {
			return m, err
		}
		if i, ok := idx[r.ItemID]; ok {
			m.Items[i].Recommendations = append(m.Items[i].Recommendations, r)
		}
	}
	return m, rows.Err()
}
