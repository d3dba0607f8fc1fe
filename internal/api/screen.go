package api

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// screenAPI is the screening of vacancies (issue 15): the petugas review
// queue and decision, and the employer's job reason for a flag.
func (s *Server) screenAPI() []route {
	return []route{
		{"GET", "/api/v1/review/vacancies", s.reviewQueue},
		{"POST", "/api/v1/review/vacancies/{id}", s.reviewDecide},
		{"POST", "/api/v1/vacancies/{id}/flags/{flag}", s.explainFlag},
	}
}

// FlagJSON is one screening finding on a vacancy.
type FlagJSON struct {
	ID     int64  `json:"id"`
	Code   string `json:"code"`
	Field  string `json:"field"`
	Detail string `json:"detail"`
	// Message explains the rule in the caller's language; Law names it.
	Message    string `json:"message"`
	Law        string `json:"law"`
	Reasonable bool   `json:"reasonable"`
	Reason     string `json:"reason"`
	State      string `json:"state"`
}

func (s *Server) flagsJSON(c *call, flags []vacancy.Flag) []FlagJSON {
	out := make([]FlagJSON, 0, len(flags))
	for _, f := range flags {
		out = append(out, FlagJSON{ID: f.ID, Code: f.Code, Field: f.Field, Detail: f.Detail,
			Message: s.Catalog.T(c.Lang, f.Message()), Law: f.Law(), Reasonable: f.Reasonable(), Reason: f.Reason, State: f.State})
	}
	return out
}

// withFlags adds the screening flags to a vacancy's answer for its
// employer or a reviewer; others get the answer without them.
func (s *Server) withFlags(c *call, j *VacancyJSON) error {
	if c.User == nil {
		return nil
	}
	if !auth.Can(c.User.Roles, auth.PostVacancy) && !auth.Can(c.User.Roles, auth.ReviewVacancy) {
		return nil
	}
	sc, err := s.App.Vacancies.Screening(c.Context(), c.User, j.ID)
	if err != nil {
		return nil // not theirs: the public answer
	}
	f := s.flagsJSON(c, sc.Flags)
	j.Flags = &f
	return nil
}

// ReviewJSON is one vacancy in the review queue.
type ReviewJSON struct {
	Vacancy VacancyJSON `json:"vacancy"`
	// Text is the description as the employer wrote it (the vacancy's
	// description is what the public sees).
	Text     string     `json:"text"`
	AgeMax   int        `json:"age_max"`
	Publish  bool       `json:"publish"`
	Flags    []FlagJSON `json:"flags"`
	Decision string     `json:"decision"`
	Reason   string     `json:"reason"`
}

func (s *Server) reviewJSON(c *call, r vacancy.Review) ReviewJSON {
	v := vacancyJSON(r.Vacancy)
	f := s.flagsJSON(c, r.Flags)
	v.Flags = &f
	text := r.Screen.Description
	if text == "" {
		text = r.Vacancy.Description
	}
	return ReviewJSON{Vacancy: v, Text: text, AgeMax: r.Screen.AgeMax, Publish: r.Publish, Flags: f,
		Decision: r.Decision, Reason: r.Screen.Reason}
}

func (s *Server) reviewQueue(w http.ResponseWriter, c *call) error {
	q, err := s.App.Vacancies.ReviewQueue(c.Context(), c.User, 200)
	if err != nil {
		return err
	}
	items := make([]ReviewJSON, 0, len(q))
	for _, r := range q {
		items = append(items, s.reviewJSON(c, r))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// ReviewDecision is the body of POST /api/v1/review/vacancies/{id}.
type ReviewDecision struct {
	Approve bool   `json:"approve"`
	Reason  string `json:"reason"`
}

func (s *Server) reviewDecide(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b ReviewDecision
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if _, err := s.App.Vacancies.Decide(c.Context(), c.User, id, b.Approve, b.Reason); err != nil {
		return err
	}
	r, err := s.App.Vacancies.ReviewOf(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.reviewJSON(c, r))
}

// FlagReason is the body of POST /api/v1/vacancies/{id}/flags/{flag}.
type FlagReason struct {
	Reason string `json:"reason"`
}

func (s *Server) explainFlag(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	// An unreadable flag id is no flag: the store answers 404 after it
	// has checked who asks (401/403 first).
	fid, _ := strconv.ParseInt(c.PathValue("flag"), 10, 64)
	var b FlagReason
	if err := decode(w, c, &b); err != nil {
		return err
	}
	f, err := s.App.Vacancies.Explain(c.Context(), c.User, id, fid, b.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.flagsJSON(c, []vacancy.Flag{f})[0])
}
