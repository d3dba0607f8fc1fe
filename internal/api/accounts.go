package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/account"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/i18n"
)

// accountAPI lists the endpoints for accounts, contact verification and password recovery.
func (s *Server) accountAPI() []route {
	return []route{
		{"POST", "/api/v1/accounts", s.createAccount},
		{"POST", "/api/v1/password-reset", s.requestReset},
		{"POST", "/api/v1/password-reset/confirm", s.confirmReset},
		{"GET", "/api/v1/me/contacts", s.myContacts},
		{"POST", "/api/v1/me/contacts/verify", s.verifyContact},
		{"POST", "/api/v1/me/contacts/confirm", s.confirmContact},
	}
}

type accountBody struct {
	Login    string `json:"login"`
	Name     string `json:"name"`
	Password string `json:"password"`
	Role     string `json:"role"`
	Lang     string `json:"lang"`
}

// createAccount registers a job seeker or an employer by the same rule as
// /daftar, and logs the client in as /daftar does.
func (s *Server) createAccount(w http.ResponseWriter, c *call) error {
	var b accountBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	lang := c.Lang
	if b.Lang != "" {
		lang = i18n.Lang(b.Lang)
	}
	u, err := s.App.Accounts.Register(c.Context(), account.Registration{Login: b.Login, Name: b.Name, Password: b.Password,
		Role: b.Role, Lang: lang})
	if err != nil {
		return err
	}
	if err := s.App.SetSession(c.Context(), w, c.Request, u.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, userJSON(&u))
}

type resetRequestBody struct {
	Login string `json:"login"`
}

// requestReset answers 202 whether or not the login exists.
func (s *Server) requestReset(w http.ResponseWriter, c *call) error {
	var b resetRequestBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Accounts.RequestReset(c.Context(), b.Login, app.ClientAddr(c.Request)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}

type resetConfirmBody struct {
	Login    string `json:"login"`
	Code     string `json:"code"`
	Password string `json:"password"`
}

func (s *Server) confirmReset(w http.ResponseWriter, c *call) error {
	var b resetConfirmBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Accounts.ConfirmReset(c.Context(), account.ResetInput{Login: b.Login, Code: b.Code, Password: b.Password}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ContactJSON is one contact of the account.
type ContactJSON struct {
	Kind       string     `json:"kind"`
	Address    string     `json:"address"`
	Verified   bool       `json:"verified"`
	VerifiedAt *time.Time `json:"verified_at"`
	// Pending: a code was sent and can still be typed, by Channel.
	Pending bool   `json:"pending"`
	Channel string `json:"channel"`
}

func contactJSON(ct account.Contact) ContactJSON {
	j := ContactJSON{Kind: ct.Kind, Address: ct.Address, Verified: ct.Verified, Pending: ct.Pending, Channel: ct.Channel}
	if ct.Verified {
		t := ct.VerifiedAt.UTC()
		j.VerifiedAt = &t
	}
	return j
}

// ContactsJSON is the account's email and phone.
type ContactsJSON struct {
	Email ContactJSON `json:"email"`
	Phone ContactJSON `json:"phone"`
}

func (s *Server) myContacts(w http.ResponseWriter, c *call) error {
	ct, err := s.App.Accounts.Contacts(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ContactsJSON{Email: contactJSON(ct.Email), Phone: contactJSON(ct.Phone)})
}

type verifyBody struct {
	Kind    string `json:"kind"`
	Address string `json:"address"`
	Channel string `json:"channel"`
}

func (s *Server) verifyContact(w http.ResponseWriter, c *call) error {
	var b verifyBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Accounts.StartVerify(c.Context(), c.User, account.VerifyInput{Kind: b.Kind, Address: b.Address, Channel: b.Channel},
		app.ClientAddr(c.Request)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}

type confirmBody struct {
	Kind string `json:"kind"`
	Code string `json:"code"`
	// Consent is the person's consent to be told things on the channel
	// the code went by; an app asks before it confirms. Absent: true.
	Consent *bool `json:"consent"`
}

func (s *Server) confirmContact(w http.ResponseWriter, c *call) error {
	var b confirmBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	consent := b.Consent == nil || *b.Consent
	ct, err := s.App.Accounts.ConfirmVerify(c.Context(), c.User, b.Kind, b.Code, consent)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, contactJSON(ct))
}
