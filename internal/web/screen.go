package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/screen"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// screenRoutes registers the pages of vacancy screening (issue 15): the
// petugas review queue and decision, and the employer's reason per flag
// (the flags themselves show on the vacancy form).
func (s *Server) screenRoutes(mux *http.ServeMux) {
	mux.Handle("GET /petugas/tinjau", s.page(s.reviewQueue))
	mux.Handle("POST /petugas/tinjau/{id}", s.page(s.reviewDecide))
	mux.Handle("POST /perusahaan/lowongan/{id}/alasan/{flag}", s.page(s.flagReason))
}

// reviewItem is one vacancy on the queue page, its text cut into pieces
// with the flagged sentences marked.
type reviewItem struct {
	vacancy.Review
	Pieces []screen.Piece
}

func (s *Server) reviewQueue(w http.ResponseWriter, r *req) error {
	q, err := s.App.Vacancies.ReviewQueue(r.Context(), r.User, 100)
	if err != nil {
		return err
	}
	items := make([]reviewItem, 0, len(q))
	for _, rv := range q {
		text := rv.Screen.Description
		if text == "" {
			text = rv.Vacancy.Description
		}
		marked := map[string]bool{}
		for _, f := range rv.Flags {
			if f.Field == screen.FieldDescription {
				marked[f.Detail] = true
			}
		}
		items = append(items, reviewItem{Review: rv, Pieces: screen.Mark(text, marked)})
	}
	b := s.newBase(w, r, "screen.queue.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "screen_queue", b, items)
}

func (s *Server) reviewDecide(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	approve := r.PostFormValue("decision") == "approve"
	_, err = s.App.Vacancies.Decide(r.Context(), r.User, id, approve, r.PostFormValue("reason"))
	done := "flash.screen_refused"
	if approve {
		done = "flash.screen_approved"
	}
	if err := s.flashOutcome(w, r, err, done); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/petugas/tinjau", http.StatusSeeOther)
	return nil
}

func (s *Server) flagReason(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	fid, _ := strconv.ParseInt(r.PathValue("flag"), 10, 64)
	_, err = s.App.Vacancies.Explain(r.Context(), r.User, id, fid, r.PostFormValue("reason"))
	if err := s.flashOutcome(w, r, err, "flash.screen_reason_sent"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/perusahaan/lowongan/%d/ubah#pemeriksaan", id), http.StatusSeeOther)
	return nil
}

// screenForm adds vacancy id's screening to its edit form: the flags, and
// the employer's own text and age limit in place of the public ones.
func (s *Server) screenForm(r *req, d *vacancyFormData) error {
	sc, err := s.App.Vacancies.Screening(r.Context(), r.User, d.V.ID)
	if err != nil {
		return err
	}
	d.Screen = sc
	if sc.Description != "" {
		d.V.Description, d.V.AgeMax = sc.Description, sc.AgeMax
	}
	return nil
}

// afterSave is where a saved vacancy leads: back to its form when
// screening found something to show, else to its page.
func (s *Server) afterSave(r *req, id int64) string {
	sc, err := s.App.Vacancies.Screening(r.Context(), r.User, id)
	if err == nil && len(sc.Flags) > 0 {
		return fmt.Sprintf("/perusahaan/lowongan/%d/ubah#pemeriksaan", id)
	}
	return fmt.Sprintf("/perusahaan/lowongan/%d", id)
}
