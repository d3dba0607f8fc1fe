package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/valid"
)

// notifyAPI lists the endpoints for the inbox and notification settings.
func (s *Server) notifyAPI() []route {
	return []route{
		{"GET", "/api/v1/me/notifications", s.myNotifications},
		{"POST", "/api/v1/me/notifications/read", s.readNotifications},
		{"GET", "/api/v1/me/notification-settings", s.myNotificationSettings},
		{"PUT", "/api/v1/me/notification-settings", s.updateNotificationSettings},
	}
}

// NotificationJSON is one notice in the inbox.
type NotificationJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	KindName  string `json:"kind_name"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	URL       string `json:"url"`
	CreatedAt string `json:"created_at"`
	Read      bool   `json:"read"`
}

// NotificationsJSON is the inbox: the newest notices and the unread count.
type NotificationsJSON struct {
	Items  []NotificationJSON `json:"items"`
	Unread int                `json:"unread"`
}

func (s *Server) myNotifications(w http.ResponseWriter, c *call) error {
	limit := 50
	if v := c.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return valid.New("limit", "notify_limit", "max", 200)
		}
		limit = n
	}
	items, unread, err := s.App.Notify.Mine(c.Context(), c.User, limit)
	if err != nil {
		return err
	}
	out := NotificationsJSON{Items: make([]NotificationJSON, 0, len(items)), Unread: unread}
	for _, it := range items {
		out.Items = append(out.Items, NotificationJSON{ID: it.ID, Kind: string(it.Kind), KindName: s.Catalog.T(c.Lang, "notify.kind."+string(it.Kind)),
			Title: it.Title, Body: it.Body, URL: it.URL, CreatedAt: it.CreatedAt.UTC().Format(time.RFC3339), Read: it.Read})
	}
	return writeJSON(w, http.StatusOK, out)
}

// readNotifications marks the listed notices read, or all of them when the
// body is empty or lists none.
func (s *Server) readNotifications(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b struct {
		IDs []int64 `json:"ids"`
	}
	if c.ContentLength != 0 {
		if err := decode(w, c, &b); err != nil {
			return err
		}
	}
	if err := s.App.Notify.Read(c.Context(), c.User, b.IDs); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// SettingsContactJSON is an address on the account (the owner sees it whole).
type SettingsContactJSON struct {
	Kind     string `json:"kind"`
	Address  string `json:"address"`
	Verified bool   `json:"verified"`
}

// ChannelJSON is one channel outside the app and the person's consent to it.
type ChannelJSON struct {
	Channel string `json:"channel"`
	Name    string `json:"name"`
	// Usable: a verified address, so the channel can carry notices.
	Usable  bool `json:"usable"`
	Consent bool `json:"consent"`
	// ConsentAt is when consent was last given or withdrawn ("" if never).
	ConsentAt string `json:"consent_at"`
}

// KindChoiceJSON is one kind of notice and whether each channel carries it.
type KindChoiceJSON struct {
	Kind     string          `json:"kind"`
	Name     string          `json:"name"`
	Channels map[string]bool `json:"channels"`
	// Cadence is set for kinds that can come bundled (now, hourly, daily).
	Cadence string `json:"cadence,omitempty"`
}

// NotificationSettingsJSON is the whole settings screen.
type NotificationSettingsJSON struct {
	Contacts []SettingsContactJSON `json:"contacts"`
	Channels []ChannelJSON         `json:"channels"`
	Kinds    []KindChoiceJSON      `json:"kinds"`
}

func (s *Server) settingsJSON(c *call, v notify.SettingsView) NotificationSettingsJSON {
	out := NotificationSettingsJSON{Contacts: []SettingsContactJSON{}, Channels: []ChannelJSON{}, Kinds: []KindChoiceJSON{}}
	for _, ct := range v.Contacts {
		out.Contacts = append(out.Contacts, SettingsContactJSON{Kind: ct.Kind, Address: ct.Address, Verified: ct.Verified})
	}
	for _, st := range v.Channels {
		at := ""
		if !st.ConsentAt.IsZero() {
			at = st.ConsentAt.UTC().Format(time.RFC3339)
		}
		out.Channels = append(out.Channels, ChannelJSON{Channel: string(st.Channel), Name: s.Catalog.T(c.Lang, "notify.channel."+string(st.Channel)),
			Usable: st.Usable(), Consent: st.Consent, ConsentAt: at})
	}
	for _, k := range v.Kinds {
		kc := KindChoiceJSON{Kind: string(k), Name: s.Catalog.T(c.Lang, "notify.kind."+string(k)), Channels: map[string]bool{}, Cadence: string(v.Cadence[k])}
		for ch, on := range v.Choices[k] {
			kc.Channels[string(ch)] = on
		}
		out.Kinds = append(out.Kinds, kc)
	}
	return out
}

func (s *Server) myNotificationSettings(w http.ResponseWriter, c *call) error {
	v, err := s.App.Notify.SettingsFor(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.settingsJSON(c, v))
}

// NotificationSettingsInput changes settings; what is left out stays.
type NotificationSettingsInput struct {
	Choices []ChoiceInputJSON `json:"choices"`
	Consent map[string]bool   `json:"consent"`
	Cadence map[string]string `json:"cadence"`
}

// ChoiceInputJSON turns one kind on or off on one channel.
type ChoiceInputJSON struct {
	Kind    string `json:"kind"`
	Channel string `json:"channel"`
	On      bool   `json:"on"`
}

func (s *Server) updateNotificationSettings(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b NotificationSettingsInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	in := notify.SettingsInput{Consent: b.Consent, Cadence: b.Cadence}
	for _, ch := range b.Choices {
		in.Choices = append(in.Choices, notify.ChoiceInput{Kind: ch.Kind, Channel: ch.Channel, On: ch.On})
	}
	if err := s.App.Notify.UpdateSettings(c.Context(), c.User, in); err != nil {
		return err
	}
	v, err := s.App.Notify.SettingsFor(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.settingsJSON(c, v))
}
