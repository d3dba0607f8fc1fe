package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/auth"
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
	u, err := s.App.LogIn(w, c.Request, b.Login, b.Password)
	if err != nil {
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
