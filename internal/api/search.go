package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

// searchAPI is the admin's side of the vacancy search: the synonym groups
// added to the shipped table.
func (s *Server) searchAPI() []route {
	return []route{
		{"GET", "/api/v1/admin/synonyms", s.listSynonyms},
		{"POST", "/api/v1/admin/synonyms", s.addSynonyms},
		{"DELETE", "/api/v1/admin/synonyms/{id}", s.removeSynonyms},
	}
}

// SynonymGroupJSON is a synonym group an admin added.
type SynonymGroupJSON struct {
	ID      int64    `json:"id"`
	Members []string `json:"members"`
	Source  string   `json:"source"`
	AddedBy string   `json:"added_by"`
	AddedAt string   `json:"added_at"`
}

// SynonymInputJSON adds a group.
type SynonymInputJSON struct {
	Members []string `json:"members"`
	Source  string   `json:"source"`
}

func synonymGroupJSON(g vacancy.SynonymGroup) SynonymGroupJSON {
	return SynonymGroupJSON{ID: g.ID, Members: g.Members, Source: g.Source, AddedBy: g.AddedBy, AddedAt: g.AddedAt.UTC().Format(time.RFC3339)}
}

func (s *Server) listSynonyms(w http.ResponseWriter, c *call) error {
	list, err := s.App.Vacancies.SynonymGroups(c.Context(), c.User)
	if err != nil {
		return err
	}
	items := make([]SynonymGroupJSON, 0, len(list))
	for _, g := range list {
		items = append(items, synonymGroupJSON(g))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "shipped_groups": vacancy.ShippedSynonymGroups()})
}

func (s *Server) addSynonyms(w http.ResponseWriter, c *call) error {
	var b SynonymInputJSON
	if err := decode(w, c, &b); err != nil {
		return err
	}
	// Members travel as a list here and as one comma-separated field on
	// the page; the domain reads the latter, so a comma inside a member
	// splits it on both doors alike.
	g, err := s.App.Vacancies.AddSynonyms(c.Context(), c.User, vacancy.SynonymInput{Members: strings.Join(b.Members, ", "), Source: b.Source})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, synonymGroupJSON(g))
}

func (s *Server) removeSynonyms(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.RemoveSynonyms(c.Context(), c.User, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
