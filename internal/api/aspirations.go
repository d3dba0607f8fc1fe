package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Aspirations: policy proposals by workers and unions, public answers by
// officials, supports by anyone with an account.

// AspirationJSON is a public policy proposal.
type AspirationJSON struct {
	ID        int64        `json:"id"`
	Title     string       `json:"title"`
	Body      string       `json:"body"`
	Audience  string       `json:"audience"`
	By        string       `json:"by"`
	Supports  int          `json:"supports"`
	Answers   []AnswerJSON `json:"answers"`
	CreatedAt string       `json:"created_at"`
	URL       string       `json:"url"`
}

// AnswerJSON is an official's public answer.
type AnswerJSON struct {
	By   string `json:"by"`
	Body string `json:"body"`
	At   string `json:"at"`
}

func aspirationJSON(a complaint.Aspiration) AspirationJSON {
	j := AspirationJSON{ID: a.ID, Title: a.Title, Body: a.Body, Audience: a.Audience, By: a.By, Supports: a.Supports,
		Answers: []AnswerJSON{}, CreatedAt: rfc3339(a.CreatedAt), URL: fmt.Sprintf("/aspirasi/%d", a.ID)}
	for _, x := range a.Answers {
		j.Answers = append(j.Answers, AnswerJSON{By: x.By, Body: x.Body, At: rfc3339(x.At)})
	}
	return j
}

// limitOffset reads ?limit= (1–100, default 20) and ?offset=.
func limitOffset(c *call) (limit, offset int, err error) {
	q := c.URL.Query()
	var errs valid.Errors
	limit = 20
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			errs.Add("limit", "limit_invalid", "max", 100)
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs.Add("offset", "number_invalid")
		}
		offset = n
	}
	return limit, offset, errs.Err()
}

func (s *Server) listAspirations(w http.ResponseWriter, c *call) error {
	limit, offset, err := limitOffset(c)
	if err != nil {
		return err
	}
	list, err := s.App.Complaints.Aspirations(c.Context(), limit, offset)
	if err != nil {
		return err
	}
	out := []AspirationJSON{}
	for _, a := range list {
		out = append(out, aspirationJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) getAspiration(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusOK)
}

type aspirationBody struct {
	Title     string `json:"title"`
	Body      string `json:"body"`
	Audience  string `json:"audience"`
	UnionName string `json:"union_name"`
}

func (s *Server) postAspiration(w http.ResponseWriter, c *call) error {
	var b aspirationBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	id, err := s.App.Complaints.PostAspiration(c.Context(), c.User, complaint.AspirationInput{Title: b.Title, Body: b.Body,
		Audience: b.Audience, UnionName: b.UnionName})
	if err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusCreated)
}

// writeAspiration answers with aspiration id as it now stands.
func (s *Server) writeAspiration(w http.ResponseWriter, c *call, id int64, status int) error {
	a, err := s.App.Complaints.GetAspiration(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, status, aspirationJSON(a))
}

func (s *Server) supportAspiration(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Complaints.SupportAspiration(c.Context(), c.User, id); err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusCreated)
}

func (s *Server) answerAspiration(w http.ResponseWriter, c *call) error {
	var b messageBody
	id, err := idAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Complaints.AnswerAspiration(c.Context(), c.User, id, b.Body); err != nil {
		return err
	}
	return s.writeAspiration(w, c, id, http.StatusCreated)
}
