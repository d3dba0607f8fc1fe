package web

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/mydata"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// dataRoutes registers the "my data" pages (UU 27/2022): export, correct, delete.
func (s *Server) dataRoutes(mux *http.ServeMux) {
	mux.Handle("GET /akun/data", s.page(s.myData))
	mux.Handle("POST /akun/data", s.page(s.correctData))
	mux.Handle("GET /akun/data.json", s.page(s.myDataFile))
	mux.Handle("GET /akun/hapus", s.page(s.deleteForm))
	mux.Handle("POST /akun/hapus", s.page(s.deleteAccount))
}

// dataPage is the readable export with the correction form.
type dataPage struct {
	Export mydata.Export
	Seeker bool
	Lang   string
}

// Cell writes one exported value for the page: times in WIB, booleans as
// ya/tidak, nothing as a dash.
func (d dataPage) Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case time.Time:
		t := x.In(wib.Zone)
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return formatDate(d.Lang, t)
		}
		return formatDate(d.Lang, t) + t.Format(" 15.04") + " WIB"
	case bool:
		if d.Lang == "en" {
			return map[bool]string{true: "yes", false: "no"}[x]
		}
		return map[bool]string{true: "ya", false: "tidak"}[x]
	case string:
		if x == "" {
			return "–"
		}
		return x
	}
	return fmt.Sprint(v)
}

func (s *Server) renderData(w http.ResponseWriter, r *req, status int, err error) error {
	e, xerr := s.App.MyData.Export(r.Context(), r.User)
	if xerr != nil {
		return xerr
	}
	b := s.newBase(w, r, "data.title")
	if err != nil {
		b, _ = s.withErrors(b, r, err)
	}
	_, hasSeeker := e.Section("seeker")
	if t, _ := e.Section("seeker"); len(t.Rows) == 0 {
		hasSeeker = false
	}
	return s.render(w, status, "mydata", b, dataPage{Export: e, Seeker: hasSeeker, Lang: r.Lang})
}

func (s *Server) myData(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	return s.renderData(w, r, http.StatusOK, nil)
}

func (s *Server) correctData(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := s.App.MyData.Correct(r.Context(), r.User, mydata.Correction{Name: r.PostFormValue("name"), Lang: r.PostFormValue("lang")})
	if _, ok := valid.As(err); ok {
		return s.renderData(w, r, http.StatusUnprocessableEntity, err)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "data.corrected")
	http.Redirect(w, r.Request, "/akun/data", http.StatusSeeOther)
	return nil
}

func (s *Server) myDataFile(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	e, err := s.App.MyData.Export(r.Context(), r.User)
	if err != nil {
		return err
	}
	body, err := e.MarshalJSON()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="`+mydata.Filename+`"`)
	_, err = w.Write(body)
	return err
}

// deletePage says whether the account may be deleted, and if not what to do.
type deletePage struct {
	Refusal string // message id; empty when the form is offered
}

func (s *Server) deletePageData(r *req) (deletePage, error) {
	err := s.App.MyData.MayDelete(r.Context(), r.User)
	var ref *mydata.Refusal
	if errors.As(err, &ref) {
		return deletePage{Refusal: ref.Code}, nil
	}
	return deletePage{}, err
}

func (s *Server) deleteForm(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	d, err := s.deletePageData(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "delete_account", s.newBase(w, r, "data.delete.title"), d)
}

func (s *Server) deleteAccount(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := s.App.MyData.Delete(r.Context(), r.User, r.PostFormValue("password"))
	var ref *mydata.Refusal
	if errors.As(err, &ref) {
		return s.render(w, ref.Kind.Status(), "delete_account", s.newBase(w, r, "data.delete.title"), deletePage{Refusal: ref.Code})
	}
	if b, ok := s.withErrors(s.newBase(w, r, "data.delete.title"), r, err); ok {
		b.Form = nil
		return s.render(w, http.StatusUnprocessableEntity, "delete_account", b, deletePage{})
	} else if err != nil {
		return err
	}
	if err := s.App.EndSession(w, r.Request); err != nil {
		return err
	}
	s.flash(w, r, "data.deleted")
	http.Redirect(w, r.Request, "/", http.StatusSeeOther)
	return nil
}
