package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/account"
	"github.com/bursa-banten/bursa/internal/valid"
)

// accountRoutes registers contact verification, password recovery and assisted recovery pages.
func (s *Server) accountRoutes(mux *http.ServeMux) {
	mux.Handle("GET /lupa-sandi", s.page(s.forgotForm))
	mux.Handle("POST /lupa-sandi", s.page(s.forgot))
	mux.Handle("GET /lupa-sandi/atur", s.page(s.resetForm))
	mux.Handle("POST /lupa-sandi/atur", s.page(s.reset))
	mux.Handle("GET /akun/kontak", s.page(s.contacts))
	mux.Handle("POST /akun/kontak/kirim", s.page(s.contactSend))
	mux.Handle("POST /akun/kontak/konfirmasi", s.page(s.contactConfirm))
	mux.Handle("POST /petugas/pencari/{id}/pemulihan", s.page(s.assistRecovery))
}

func (s *Server) forgotForm(w http.ResponseWriter, r *req) error {
	b := s.newBase(w, r, "akun.forgot.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "forgot", b, nil)
}

// resetData is the reset form: the login typed on /lupa-sandi (or nothing),
// the email link's token, and whether a code was just asked for.
type resetData struct {
	Login string
	Token string
	Sent  bool
}

// forgot asks for a code and shows the form to type it, with the same
// words whether or not the login exists.
func (s *Server) forgot(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	login := r.PostFormValue("login")
	err := s.App.Accounts.RequestReset(r.Context(), login, appClientAddr(r))
	if b, ok := s.withErrors(s.newBase(w, r, "akun.forgot.title"), r, err); ok {
		b.Robots = "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "forgot", b, nil)
	} else if err != nil {
		return err
	}
	b := s.newBase(w, r, "akun.reset.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "reset", b, resetData{Login: login, Sent: true})
}

func (s *Server) resetForm(w http.ResponseWriter, r *req) error {
	b := s.newBase(w, r, "akun.reset.title")
	b.Robots = "noindex"
	// The link's token is a secret: no referrer carries it anywhere.
	w.Header().Set("Referrer-Policy", "no-referrer")
	return s.render(w, http.StatusOK, "reset", b, resetData{Token: r.URL.Query().Get("t")})
}

func (s *Server) reset(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	repeat := r.PostFormValue("password2")
	in := account.ResetInput{Login: r.PostFormValue("login"), Code: r.PostFormValue("code"), Token: r.PostFormValue("t"),
		Password: r.PostFormValue("password"), Repeat: &repeat}
	err := s.App.Accounts.ConfirmReset(r.Context(), in)
	if b, ok := s.withErrors(s.newBase(w, r, "akun.reset.title"), r, err); ok {
		b.Robots = "noindex"
		b.Form.Del("password")
		b.Form.Del("password2")
		return s.render(w, http.StatusUnprocessableEntity, "reset", b, resetData{Login: in.Login, Token: in.Token})
	} else if err != nil {
		return err
	}
	s.flash(w, r, "akun.flash.reset_done")
	http.Redirect(w, r.Request, "/masuk", http.StatusSeeOther)
	return nil
}

// contactsData is the account page: contacts, and which code form is open.
type contactsData struct {
	account.Contacts
	// Next is where the person goes on after verifying (after /daftar).
	Next string
}

// List is the email, then the phone, for the page to show alike.
func (d contactsData) List() []account.Contact { return []account.Contact{d.Email, d.Phone} }

func (s *Server) contacts(w http.ResponseWriter, r *req) error {
	return s.renderContacts(w, r, http.StatusOK, nil)
}

// renderContacts shows the account page, with err beside its field.
func (s *Server) renderContacts(w http.ResponseWriter, r *req, status int, err error) error {
	c, cerr := s.App.Accounts.Contacts(r.Context(), r.User)
	if cerr != nil {
		return cerr
	}
	b := s.newBase(w, r, "akun.contacts.title")
	b.Robots = "noindex"
	if err != nil {
		var ok bool
		if b, ok = s.withErrors(b, r, err); !ok {
			return err
		}
	}
	next := safeNext(r.URL.Query().Get("next"))
	if next == "" {
		next = safeNext(r.PostFormValue("next"))
	}
	return s.render(w, status, "contacts", b, contactsData{Contacts: c, Next: next})
}

func (s *Server) contactSend(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	kind := r.PostFormValue("kind")
	err := s.App.Accounts.StartVerify(r.Context(), r.User, account.VerifyInput{Kind: kind,
		Address: r.PostFormValue("address"), Channel: r.PostFormValue("channel")}, appClientAddr(r))
	var limit *account.LimitError
	if errors.As(err, &limit) {
		// 429 with Retry-After, as the API answers; the form says from when.
		w.Header().Set("Retry-After", strconv.Itoa(int((limit.Wait+time.Second-1)/time.Second)))
		return s.renderContacts(w, r, http.StatusTooManyRequests, valid.New("address", "code_limit", "until", formatClock(limit.Until)))
	}
	if _, ok := valid.As(err); ok {
		return s.renderContacts(w, r, http.StatusUnprocessableEntity, err)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "akun.flash.code_sent")
	to := "/akun/kontak#kode-" + kind
	if next := safeNext(r.PostFormValue("next")); next != "" {
		to = "/akun/kontak?next=" + url.QueryEscape(next) + "#kode-" + kind
	}
	http.Redirect(w, r.Request, to, http.StatusSeeOther)
	return nil
}

func (s *Server) contactConfirm(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	_, err := s.App.Accounts.ConfirmVerify(r.Context(), r.User, r.PostFormValue("kind"), r.PostFormValue("code"),
		r.PostFormValue("consent") == "ya")
	if _, ok := valid.As(err); ok {
		return s.renderContacts(w, r, http.StatusUnprocessableEntity, err)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "akun.flash.verified")
	to := "/akun/kontak"
	if next := safeNext(r.PostFormValue("next")); next != "" {
		to = next
	}
	http.Redirect(w, r.Request, to, http.StatusSeeOther)
	return nil
}

// assistRecovery: a petugas who checked the KTP gets a one-time code for
// the seeker, shown once on this answer (never stored in clear).
func (s *Server) assistRecovery(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	a, err := s.App.Accounts.Assist(r.Context(), r.User, id, account.AssistInput{
		KTPChecked: r.PostFormValue("ktp_checked") == "ya", NIKLast4: r.PostFormValue("nik_last4")})
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
		http.Redirect(w, r.Request, fmt.Sprintf("/petugas/pencari/%d#pemulihan", id), http.StatusSeeOther)
		return nil
	} else if err != nil {
		return err
	}
	b := s.newBase(w, r, "akun.assisted.page_title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "assisted", b, a)
}
