package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/bursa-banten/bursa/internal/mydata"
)

// dataAPI lists the endpoints for "my data": export and delete (UU 27/2022).
func (s *Server) dataAPI() []route {
	return []route{
		{"GET", "/api/v1/me/data", s.myData},
		{"PATCH", "/api/v1/me", s.correctMe},
		{"DELETE", "/api/v1/me", s.deleteMe},
	}
}

func (s *Server) myData(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	e, err := s.App.MyData.Export(c.Context(), c.User)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+mydata.Filename+`"`)
	return writeJSON(w, http.StatusOK, e)
}

type correctBody struct {
	Name string `json:"name"`
	Lang string `json:"lang"`
}

func (s *Server) correctMe(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b correctBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.MyData.Correct(c.Context(), c.User, mydata.Correction{Name: b.Name, Lang: b.Lang}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userJSON(c.User))
}

type deleteBody struct {
	Password string `json:"password"`
}

func (s *Server) deleteMe(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b deleteBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	err := s.App.MyData.Delete(c.Context(), c.User, b.Password)
	var ref *mydata.Refusal
	if errors.As(err, &ref) {
		// The problem says what to do instead (close the vacancies, ask the
		// admin), in the caller's language.
		p := Problem{Type: "about:blank", Status: ref.Kind.Status(), Title: s.Catalog.T(c.Lang, kindTitle[ref.Kind]),
			Detail: s.Catalog.T(c.Lang, ref.Code)}
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("Content-Language", c.Lang)
		w.WriteHeader(p.Status)
		return json.NewEncoder(w).Encode(p)
	}
	if err != nil {
		return err
	}
	// The sessions are gone with the account; clear this one's cookie too.
	if err := s.App.EndSession(w, c.Request); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
