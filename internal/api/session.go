package api

import (
	"errors"
	"net/http"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/valid"
)

type loginBody struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// UserJSON is the public shape of a user.
type UserJSON struct {
	ID    int64    `json:"id"`
	Name  string   `json:"name"`
	Login string   `json:"login"`
	Roles []string `json:"roles"`
}

func userJSON(u *auth.User) UserJSON {
	roles := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = string(r)
	}
	return UserJSON{ID: u.ID, Name: u.Name, Login: u.Login(), Roles: roles}
}

func (s *Server) login(w http.ResponseWriter, c *call) error {
	var b loginBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	u, err := s.App.Auth.Authenticate(c.Context(), b.Login, b.Password, app.ClientAddr(c.Request))
	switch {
	case errors.Is(err, auth.ErrBadCredentials):
		return valid.New("login", "login_wrong")
	case err != nil:
		return err
	}
	if err := s.App.SetSession(c.Context(), w, c.Request, u.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userJSON(&u))
}

func (s *Server) logout(w http.ResponseWriter, c *call) error {
	if err := s.App.EndSession(w, c.Request); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) me(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	return writeJSON(w, http.StatusOK, userJSON(c.User))
}
