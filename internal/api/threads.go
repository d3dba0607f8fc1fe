package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

// threadAPI lists the endpoints of an application's message thread and the
// contacts the seeker shares with the company.
func (s *Server) threadAPI() []route {
	return []route{
		{"GET", "/api/v1/applications/{id}/messages", s.getThread},
		{"POST", "/api/v1/applications/{id}/messages", s.postMessage},
		{"PUT", "/api/v1/applications/{id}/contact-share", s.putContactShare},
	}
}

// ThreadMessageJSON is one message in an application's thread.
type ThreadMessageJSON struct {
	ID   int64  `json:"id"`
	Side string `json:"side"`
	Body string `json:"body"`
	// FeeWarning: the company's message asks for money; bursa warns the
	// seeker and offers a fee report.
	FeeWarning bool   `json:"fee_warning"`
	At         string `json:"at"`
}

// SharedContactJSON is a verified contact shared for one application.
type SharedContactJSON struct {
	Kind    string `json:"kind"`
	Address string `json:"address"`
}

// ThreadJSON is an application's thread as the caller's side sees it.
type ThreadJSON struct {
	ApplicationID int64               `json:"application_id"`
	Side          string              `json:"side"`
	Open          bool                `json:"open"`
	Messages      []ThreadMessageJSON `json:"messages"`
	SharePhone    bool                `json:"share_phone"`
	ShareEmail    bool                `json:"share_email"`
	Contacts      []SharedContactJSON `json:"contacts"`
	ContactReads  []string            `json:"contact_reads"`
}

func messageJSON(m vacancy.Message) ThreadMessageJSON {
	return ThreadMessageJSON{ID: m.ID, Side: m.Side, Body: m.Body, FeeWarning: m.FeeWarning, At: m.At.UTC().Format(time.RFC3339)}
}

func (s *Server) getThread(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	t, err := s.App.Vacancies.Thread(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	out := ThreadJSON{ApplicationID: t.ApplicationID, Side: t.Side, Open: t.Open, SharePhone: t.SharePhone, ShareEmail: t.ShareEmail,
		Messages: []ThreadMessageJSON{}, Contacts: []SharedContactJSON{}, ContactReads: []string{}}
	for _, m := range t.Messages {
		out.Messages = append(out.Messages, messageJSON(m))
	}
	for _, ct := range t.Contacts {
		out.Contacts = append(out.Contacts, SharedContactJSON{Kind: ct.Kind, Address: ct.Address})
	}
	for _, at := range t.Opened {
		out.ContactReads = append(out.ContactReads, at.UTC().Format(time.RFC3339))
	}
	return writeJSON(w, http.StatusOK, out)
}

// MessageInput is the body of POST /api/v1/applications/{id}/messages.
type MessageInput struct {
	Body string `json:"body"`
}

func (s *Server) postMessage(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b MessageInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	m, err := s.App.Vacancies.WriteMessage(c.Context(), c.User, id, b.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, messageJSON(m))
}

// ContactShareInput is the body of PUT /api/v1/applications/{id}/contact-share.
type ContactShareInput struct {
	Phone bool `json:"phone"`
	Email bool `json:"email"`
}

func (s *Server) putContactShare(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b ContactShareInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.ShareContacts(c.Context(), c.User, id, b.Phone, b.Email); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
