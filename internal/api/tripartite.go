package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/wage"
)

// MeetingJSON is an LKS Tripartit meeting; Items is empty in the list.
type MeetingJSON struct {
	ID     int64            `json:"id"`
	HeldOn string           `json:"held_on"`
	Title  string           `json:"title"`
	Place  string           `json:"place"`
	Items  []AgendaItemJSON `json:"items"`
}

// AgendaItemJSON is an agenda item.
type AgendaItemJSON struct {
	ID              int64                   `json:"id"`
	Title           string                  `json:"title"`
	Body            string                  `json:"body"`
	Figure          string                  `json:"figure"`
	AspirationID    *int64                  `json:"aspiration_id"`
	AspirationTitle string                  `json:"aspiration_title"`
	Recommendations []TriRecommendationJSON `json:"recommendations"`
}

// TriRecommendationJSON is a recommendation with its follow-up.
type TriRecommendationJSON struct {
	ID        int64  `json:"id"`
	ItemID    int64  `json:"item_id"`
	Body      string `json:"body"`
	State     string `json:"state"`
	FollowUp  string `json:"follow_up"`
	UpdatedAt string `json:"updated_at"`
	LedgerN   int64  `json:"ledger_index"`
}

func triJSON(r wage.TriRecommendation) TriRecommendationJSON {
	return TriRecommendationJSON{ID: r.ID, ItemID: r.ItemID, Body: r.Body, State: r.State, FollowUp: r.FollowUp,
		UpdatedAt: r.UpdatedAt.UTC().Format(time.RFC3339), LedgerN: r.LedgerN}
}

func itemJSON(it wage.Item) AgendaItemJSON {
	j := AgendaItemJSON{ID: it.ID, Title: it.Title, Body: it.Body, Figure: it.Figure, AspirationTitle: it.AspirationTitle,
		Recommendations: []TriRecommendationJSON{}}
	if it.AspirationID != 0 {
		id := it.AspirationID
		j.AspirationID = &id
	}
	for _, r := range it.Recommendations {
		j.Recommendations = append(j.Recommendations, triJSON(r))
	}
	return j
}

func meetingJSON(m wage.Meeting) MeetingJSON {
	j := MeetingJSON{ID: m.ID, HeldOn: m.HeldOn.Format(time.DateOnly), Title: m.Title, Place: m.Place, Items: []AgendaItemJSON{}}
	for _, it := range m.Items {
		j.Items = append(j.Items, itemJSON(it))
	}
	return j
}

// MeetingsJSON lists meetings.
type MeetingsJSON struct {
	Items []MeetingJSON `json:"items"`
}

func (s *Server) listMeetings(w http.ResponseWriter, c *call) error {
	ms, err := s.App.Wage.Meetings(c.Context())
	if err != nil {
		return err
	}
	out := MeetingsJSON{Items: []MeetingJSON{}}
	for _, m := range ms {
		out.Items = append(out.Items, meetingJSON(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getMeeting(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := s.App.Wage.Meeting(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, meetingJSON(m))
}

// MeetingInput is the body of POST /api/v1/wage-council/tripartite/meetings.
type MeetingInput struct {
	HeldOn string `json:"held_on"`
	Title  string `json:"title"`
	Place  string `json:"place"`
}

func (s *Server) createMeeting(w http.ResponseWriter, c *call) error {
	var b MeetingInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	m, err := s.App.Wage.CreateMeeting(c.Context(), c.User, wage.MeetingIn{HeldOn: b.HeldOn, Title: b.Title, Place: b.Place})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, meetingJSON(m))
}

// AgendaItemInput is an agenda item to add.
type AgendaItemInput struct {
	Title        string `json:"title"`
	Body         string `json:"body"`
	Figure       string `json:"figure"`
	AspirationID int64  `json:"aspiration_id"`
}

func (s *Server) addAgendaItem(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b AgendaItemInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	it, err := s.App.Wage.AddItem(c.Context(), c.User, id, wage.ItemIn{Title: b.Title, Body: b.Body, Figure: b.Figure, AspirationID: b.AspirationID})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, itemJSON(it))
}

// TriRecommendationInput is a recommendation on an agenda item.
type TriRecommendationInput struct {
	Body string `json:"body"`
}

func (s *Server) recommendOnItem(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b TriRecommendationInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	r, err := s.App.Wage.RecommendOnItem(c.Context(), c.User, id, b.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, triJSON(r))
}

// FollowUpInput moves a recommendation's follow-up state.
type FollowUpInput struct {
	State    string `json:"state"`
	FollowUp string `json:"follow_up"`
}

func (s *Server) followUp(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b FollowUpInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	r, err := s.App.Wage.FollowUp(c.Context(), c.User, id, b.State, b.FollowUp)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, triJSON(r))
}
