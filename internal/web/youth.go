package web

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/youth"
)

// youthRoutes registers the youth programs' pages: the list and one page
// per program, public.
func (s *Server) youthRoutes(mux *http.ServeMux) {
	mux.Handle("GET /program-muda", s.page(s.youthList))
	mux.Handle("GET /program-muda/{tag}", s.page(s.youthProgram))
}

func (s *Server) youthList(w http.ResponseWriter, r *req) error {
	ps, err := youth.Programs()
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "youth.title")
	b.Description = s.Catalog.T(r.Lang, "youth.meta")
	b.Canonical = s.baseURL(r.Request) + "/program-muda"
	return s.render(w, http.StatusOK, "youth_list", b, ps)
}

func (s *Server) youthProgram(w http.ResponseWriter, r *req) error {
	pg, err := s.App.Youth.Page(r.Context(), r.PathValue("tag"))
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "youth.title")
	b.Title = pg.Name
	b.Description = pg.Summary
	if r.Lang == "en" {
		b.Title, b.Description = pg.NameEN, pg.SummaryEN
	}
	b.Canonical = s.baseURL(r.Request) + "/program-muda/" + pg.Tag
	return s.render(w, http.StatusOK, "youth_program", b, pg)
}
