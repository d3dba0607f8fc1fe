package web

import (
	"errors"
	"net/http"

	"github.com/bursa-banten/bursa/internal/notify"
)

// notifyRoutes registers the inbox, notification settings, unsubscribe and the outbox admin pages.
func (s *Server) notifyRoutes(mux *http.ServeMux) {
	mux.Handle("GET /kabar", s.page(s.inbox))
	mux.Handle("POST /kabar/baca", s.page(s.inboxReadAll))
	// Opening a notice marks it read: a GET that changes state, which is
	// safe because page() answers a browser's prefetch of a logged-in page
	// with 204 before the handler runs (app.Guard), and marking read is
	// harmless to repeat.
	mux.Handle("GET /kabar/{id}", s.page(s.inboxOpen))
	mux.Handle("GET /kabar/pengaturan", s.page(s.notifySettings))
	mux.Handle("POST /kabar/pengaturan", s.page(s.notifySettingsSave))
	// GET only asks: mail scanners fetch every link in a message. POST
	// turns the kind off; it is exempt from the cross-origin check (RFC 8058
	// one-click is a POST from the mail provider), the signed token is its
	// authority (see Handler).
	mux.Handle("GET /berhenti", s.page(s.unsubscribeForm))
	mux.Handle("POST /berhenti", s.page(s.unsubscribe))
	mux.Handle("GET /admin/kotak-keluar", s.page(s.adminOutbox))
	mux.Handle("POST /admin/kotak-keluar/{id}/ulang", s.page(s.adminOutboxRetry))
}

type inboxData struct {
	Items  []notify.Item
	Unread int
}

func (s *Server) inbox(w http.ResponseWriter, r *req) error {
	items, unread, err := s.App.Notify.Mine(r.Context(), r.User, 100)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "notify.inbox.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "inbox", b, inboxData{Items: items, Unread: unread})
}

func (s *Server) inboxReadAll(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	if err := s.App.Notify.Read(r.Context(), r.User, nil); err != nil {
		return err
	}
	s.flash(w, r, "notify.flash.all_read")
	http.Redirect(w, r.Request, "/kabar", http.StatusSeeOther)
	return nil
}

func (s *Server) inboxOpen(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	it, err := s.App.Notify.Open(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	// A notice leads to a page of this site; anything else (it should
	// never be) goes back to the inbox.
	to := safeNext(it.URL)
	if to == "" {
		to = "/kabar"
	}
	http.Redirect(w, r.Request, to, http.StatusSeeOther)
	return nil
}

type notifySettingsData struct {
	V        notify.SettingsView
	Cadences []notify.Cadence
	Bundled  []notify.Kind
}

func (s *Server) renderSettings(w http.ResponseWriter, r *req, status int, v notify.SettingsView, err error) error {
	b := s.newBase(w, r, "notify.settings.title")
	b.Robots = "noindex"
	if err != nil {
		var ok bool
		if b, ok = s.withErrors(b, r, err); !ok {
			return err
		}
	}
	var bundled []notify.Kind
	for _, k := range notify.Bundled {
		if _, ok := v.Cadence[k]; ok {
			bundled = append(bundled, k)
		}
	}
	return s.render(w, status, "notify_settings", b, notifySettingsData{V: v,
		Cadences: []notify.Cadence{notify.Now, notify.Hourly, notify.Daily}, Bundled: bundled})
}

func (s *Server) notifySettings(w http.ResponseWriter, r *req) error {
	v, err := s.App.Notify.SettingsFor(r.Context(), r.User)
	if err != nil {
		return err
	}
	return s.renderSettings(w, r, http.StatusOK, v, nil)
}

func (s *Server) notifySettingsSave(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.App.Notify.SettingsFor(r.Context(), r.User)
	if err != nil {
		return err
	}
	if err := s.App.Notify.UpdateSettings(r.Context(), r.User, notify.FormInput(v, r.PostForm)); err != nil {
		return s.renderSettings(w, r, http.StatusUnprocessableEntity, v, err)
	}
	s.flash(w, r, "notify.flash.saved")
	http.Redirect(w, r.Request, "/kabar/pengaturan", http.StatusSeeOther)
	return nil
}

type unsubscribeData struct {
	Token   string
	Kind    notify.Kind
	Channel notify.Channel
	Done    bool
}

// unsubscribeToken reads the token from the address (the link in the
// message and the List-Unsubscribe header carry it there), or from the
// confirming form.
func unsubscribeToken(r *req) string {
	if t := r.URL.Query().Get("t"); t != "" {
		return t
	}
	return r.PostFormValue("t")
}

func (s *Server) unsubscribeForm(w http.ResponseWriter, r *req) error {
	t := r.URL.Query().Get("t")
	k, c, err := s.App.Notify.UnsubscribeTarget(t)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "notify.unsubscribe.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "unsubscribe", b, unsubscribeData{Token: t, Kind: k, Channel: c})
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *req) error {
	// The body is "List-Unsubscribe=One-Click" from a mail provider (RFC
	// 8058) or the confirming form; neither needs more than the token.
	if err := parseForm(w, r); err != nil {
		return err
	}
	t := unsubscribeToken(r)
	k, c, err := s.App.Notify.Unsubscribe(r.Context(), t)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "notify.unsubscribe.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "unsubscribe", b, unsubscribeData{Token: t, Kind: k, Channel: c, Done: true})
}

type adminOutboxData struct {
	V        notify.OutboxView
	Statuses []string
}

func (s *Server) adminOutbox(w http.ResponseWriter, r *req) error {
	v, err := s.App.Notify.Outbox(r.Context(), r.User, 100)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "notify.outbox.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "admin_outbox", b, adminOutboxData{V: v, Statuses: notify.Statuses})
}

func (s *Server) adminOutboxRetry(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	switch err := s.App.Notify.RetryLetter(r.Context(), r.User, id); {
	case errors.Is(err, notify.ErrNotDead):
		// Retried by another admin a moment ago, or sent since: say so.
		setFlash(w, "!"+s.Catalog.T(r.Lang, "notify.flash.not_dead"))
	case err != nil:
		return err
	default:
		s.flash(w, r, "notify.flash.retried")
	}
	http.Redirect(w, r.Request, "/admin/kotak-keluar", http.StatusSeeOther)
	return nil
}
