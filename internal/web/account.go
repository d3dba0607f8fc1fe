package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/fail"

	"github.com/bursa-banten/bursa/internal/account"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/valid"
)

func (s *Server) loginForm(w http.ResponseWriter, r *req) error {
	b := s.newBase(w, r, "login.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "login", b, map[string]string{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	next := safeNext(r.PostFormValue("next"))
	u, err := s.App.LogIn(w, r.Request, r.PostFormValue("login"), r.PostFormValue("password"))
	status := http.StatusUnprocessableEntity
	var locked *auth.LockedError
	if errors.As(err, &locked) {
		// 429 with Retry-After, as the API answers; the form still shows
		// when to try again beside the login field.
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", strconv.Itoa(int(fail.RetryAfter(err, fail.TooMany)/time.Second)+1))
		err = valid.New("login", "login_locked", "until", formatClock(locked.Until))
	}
	if _, ok := valid.As(err); ok {
		b, _ := s.withErrors(s.newBase(w, r, "login.title"), r, err)
		b.Form.Del("password")
		return s.render(w, status, "login", b, map[string]string{"Next": next})
	}
	if err != nil {
		return err
	}
	if next == "" {
		next = homeFor(&u)
	}
	http.Redirect(w, r.Request, next, http.StatusSeeOther)
	return nil
}

// homeFor is where a user lands after login: their main dashboard.
func homeFor(u *auth.User) string {
	switch {
	case u.Has(auth.Petugas):
		return "/petugas"
	case u.Has(auth.Perusahaan):
		return "/perusahaan"
	case u.Has(auth.Pencari):
		return "/pencari"
	case u.Has(auth.Pengawas), u.Has(auth.Mediator):
		return "/pengawasan"
	case u.Has(auth.Lembaga):
		return "/lembaga"
	case u.Has(auth.Bkk):
		return "/bkk"
	case u.Has(auth.Admin):
		return "/admin/petugas"
	case u.Has(auth.Analis):
		return "/laporan-lowongan"
	case u.Has(auth.Serikat):
		return "/pengaduan/saya"
	case u.Has(auth.Koperasi):
		return "/koperasi"
	}
	return "/"
}

func (s *Server) logout(w http.ResponseWriter, r *req) error {
	if err := s.App.EndSession(w, r.Request); err != nil {
		return err
	}
	s.flash(w, r, "flash.logged_out")
	http.Redirect(w, r.Request, "/", http.StatusSeeOther)
	return nil
}

// registerData offers the two kinds of self-registration.
type registerData struct {
	Kind string
}

func (s *Server) registerForm(w http.ResponseWriter, r *req) error {
	kind := r.URL.Query().Get("sebagai")
	if kind != "perusahaan" {
		kind = "pencari"
	}
	b := s.newBase(w, r, "register.title")
	return s.render(w, http.StatusOK, "register", b, registerData{Kind: kind})
}

func (s *Server) register(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	kind := r.PostFormValue("kind")
	if kind != "perusahaan" {
		kind = "pencari"
	}
	repeat := r.PostFormValue("password2")
	u, err := s.App.Accounts.Register(r.Context(), account.Registration{Login: r.PostFormValue("login"),
		Name: r.PostFormValue("name"), Password: r.PostFormValue("password"), Repeat: &repeat, Role: kind, Lang: r.Lang})
	if b, ok := s.withErrors(s.newBase(w, r, "register.title"), r, err); ok {
		b.Form.Del("password")
		b.Form.Del("password2")
		return s.render(w, http.StatusUnprocessableEntity, "register", b, registerData{Kind: kind})
	} else if err != nil {
		return err
	}
	if err := s.App.SetSession(r.Context(), w, r.Request, u.ID); err != nil {
		return err
	}
	// The flash points to /akun/kontak: a verified contact is how a
	// forgotten password comes back.
	s.flash(w, r, "akun.flash.registered")
	next := "/pencari/profil"
	if kind == "perusahaan" {
		next = "/perusahaan/daftar"
	}
	http.Redirect(w, r.Request, next, http.StatusSeeOther)
	return nil
}

func (s *Server) passwordForm(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	return s.render(w, http.StatusOK, "password", s.newBase(w, r, "password.title"), nil)
}

func (s *Server) passwordChange(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	var err error
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		err = valid.New("password2", "password_mismatch")
	} else {
		err = s.App.Auth.ChangePassword(r.Context(), r.User.ID, r.PostFormValue("current"), r.PostFormValue("password"))
	}
	if b, ok := s.withErrors(s.newBase(w, r, "password.title"), r, err); ok {
		b.Form = nil
		return s.render(w, http.StatusUnprocessableEntity, "password", b, nil)
	} else if err != nil {
		return err
	}
	// The change ended every session; start a fresh one for this device.
	if err := s.App.SetSession(r.Context(), w, r.Request, r.User.ID); err != nil {
		return err
	}
	s.flash(w, r, "flash.password_changed")
	http.Redirect(w, r.Request, homeFor(r.User), http.StatusSeeOther)
	return nil
}

func (s *Server) setLang(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	lang := i18n.Lang(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
	if r.User != nil {
		if err := s.App.Auth.SetLang(r.Context(), r.User.ID, lang); err != nil {
			return err
		}
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r.Request, next, http.StatusSeeOther)
	return nil
}
