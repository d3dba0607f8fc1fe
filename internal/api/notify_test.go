package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/notify"
)

// notifyUser makes an account that logs in with apptest.OtherPassword and
// returns it with an API client logged in as it.
func notifyUser(t *testing.T, a *apptest.App, login string, role auth.Role) (auth.User, *client) {
	t.Helper()
	u, err := a.Auth.Create(context.Background(), a.DB, auth.NewUser{Login: login, Name: "Siti Aminah", Password: apptest.OtherPassword,
		Roles: []auth.Role{role}})
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, base: a.URL, c: apptest.NewClient()}
	if st, _ := c.do("POST", "/api/v1/session", map[string]string{"login": login, "password": apptest.OtherPassword}, nil); st != 200 {
		t.Fatalf("login %s: %d", login, st)
	}
	return u, c
}

type inboxJSON struct {
	Items []struct {
		ID        int64  `json:"id"`
		Kind      string `json:"kind"`
		Title     string `json:"title"`
		Body      string `json:"body"`
		URL       string `json:"url"`
		CreatedAt string `json:"created_at"`
		Read      bool   `json:"read"`
	} `json:"items"`
	Unread int `json:"unread"`
}

// TestNotificationsAPI holds the inbox to the contract: its shape, the
// unread count, marking some or all read, and that another person's notice
// can be neither seen nor marked.
func TestNotificationsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		anon := &client{t: t, base: a.URL, c: apptest.NewClient()}
		if st, _ := anon.do("GET", "/api/v1/me/notifications", nil, nil); st != http.StatusUnauthorized {
			t.Errorf("anonymous inbox: %d, want 401", st)
		}
		if st, _ := anon.do("POST", "/api/v1/me/notifications/read", map[string]any{}, nil); st != http.StatusUnauthorized {
			t.Errorf("anonymous mark read: %d, want 401", st)
		}
		siti, c := notifyUser(t, a, "siti@example.id", auth.Pencari)
		budi, other := notifyUser(t, a, "budi@example.id", auth.Pencari)
		first := apptest.Tell(t, a.Services, siti, notify.Application, "/pencari")
		a.Clock.T = a.Clock.T.Add(1)
		second := apptest.Tell(t, a.Services, siti, notify.Invitation, "/pencari")
		a.Clock.T = a.Clock.T.Add(1)
		third := apptest.Tell(t, a.Services, siti, notify.Training, "/pencari/pelatihan")
		budis := apptest.Tell(t, a.Services, budi, notify.Application, "/pencari")

		// The exact members of the contract, and "id".
		var raw map[string]json.RawMessage
		if st, _ := c.do("GET", "/api/v1/me/notifications", nil, &raw); st != 200 {
			t.Fatalf("inbox: %d", st)
		}
		var items []map[string]any
		json.Unmarshal(raw["items"], &items)
		if len(items) != 3 || string(raw["unread"]) != "3" {
			t.Fatalf("inbox = %d items, unread %s; want 3, 3", len(items), raw["unread"])
		}
		for _, f := range []string{"id", "kind", "title", "body", "url", "created_at", "read"} {
			if _, ok := items[0][f]; !ok {
				t.Errorf("a notice has no %q: %v", f, items[0])
			}
		}
		var in inboxJSON
		c.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Items[0].ID != third || in.Items[2].ID != first || in.Items[0].Kind != "pelatihan" || in.Items[0].URL != "/pencari/pelatihan" ||
			in.Items[0].Title != "Berlaku sampai 1 Juli 2026" || in.Items[0].Read {
			t.Errorf("newest first, rendered, unread: %+v", in.Items)
		}
		c.do("GET", "/api/v1/me/notifications?limit=2", nil, &in)
		if len(in.Items) != 2 || in.Unread != 3 {
			t.Errorf("limit=2: %d items, unread %d; want 2, 3 (the count is the whole inbox)", len(in.Items), in.Unread)
		}
		for _, bad := range []string{"0", "201", "x"} {
			if st, _ := c.do("GET", "/api/v1/me/notifications?limit="+bad, nil, nil); st != http.StatusUnprocessableEntity {
				t.Errorf("limit=%s: %d, want 422", bad, st)
			}
		}

		// Marking one.
		if st, _ := c.do("POST", "/api/v1/me/notifications/read", map[string]any{"ids": []int64{first}}, nil); st != http.StatusNoContent {
			t.Fatalf("mark one: %d", st)
		}
		c.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Unread != 2 || !in.Items[2].Read {
			t.Errorf("after marking one: unread %d, oldest read %v", in.Unread, in.Items[2].Read)
		}
		// Another person's notice is not found, and nothing listed with it is marked.
		var p problem
		if st, _ := c.do("POST", "/api/v1/me/notifications/read", map[string]any{"ids": []int64{second, budis}}, &p); st != http.StatusNotFound {
			t.Errorf("marking another's notice: %d, want 404", st)
		}
		c.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Unread != 2 {
			t.Errorf("a refused mark changed the inbox: unread %d, want 2", in.Unread)
		}
		other.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Unread != 1 || len(in.Items) != 1 || in.Items[0].ID != budis {
			t.Errorf("budi's inbox = %+v, want his one notice unread", in)
		}
		// No body, or no ids: all.
		if st, _ := c.do("POST", "/api/v1/me/notifications/read", nil, nil); st != http.StatusNoContent {
			t.Fatalf("mark all: %d", st)
		}
		c.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Unread != 0 || !in.Items[0].Read {
			t.Errorf("after marking all: unread %d", in.Unread)
		}
		other.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Unread != 1 {
			t.Errorf("siti's mark-all touched budi's inbox: unread %d", in.Unread)
		}
		if st, _ := other.do("POST", "/api/v1/me/notifications/read", map[string]any{"ids": []int64{}}, nil); st != http.StatusNoContent {
			t.Fatalf("mark all with empty ids: %d", st)
		}
		other.do("GET", "/api/v1/me/notifications", nil, &in)
		if in.Unread != 0 {
			t.Errorf("empty ids should mark all: unread %d", in.Unread)
		}
	})
}

type settingsJSON struct {
	Contacts []struct {
		Kind, Address string
		Verified      bool
	} `json:"contacts"`
	Channels []struct {
		Channel   string `json:"channel"`
		Usable    bool   `json:"usable"`
		Consent   bool   `json:"consent"`
		ConsentAt string `json:"consent_at"`
	} `json:"channels"`
	Kinds []struct {
		Kind     string          `json:"kind"`
		Channels map[string]bool `json:"channels"`
		Cadence  string          `json:"cadence"`
	} `json:"kinds"`
}

func (s settingsJSON) on(kind, channel string) (on, found bool) {
	for _, k := range s.Kinds {
		if k.Kind == kind {
			on, found = k.Channels[channel]
			return on, found
		}
	}
	return false, false
}

func (s settingsJSON) consent(channel string) (bool, string) {
	for _, c := range s.Channels {
		if c.Channel == channel {
			return c.Consent, c.ConsentAt
		}
	}
	return false, ""
}

// verifiedEmail gives u a verified email address (what the contact
// verification flow ends with).
func verifiedEmail(t *testing.T, a *apptest.App, u auth.User, addr string) {
	t.Helper()
	now := a.Clock.T.UTC()
	if _, err := a.DB.ExecContext(context.Background(), `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
		u.ID, addr, now, now); err != nil {
		t.Fatal(err)
	}
}

// TestNotificationSettingsAPI changes choices, consent and cadence through
// the API and refuses, whole, what the domain does not know.
func TestNotificationSettingsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, false)
		anon := &client{t: t, base: a.URL, c: apptest.NewClient()}
		if st, _ := anon.do("PUT", "/api/v1/me/notification-settings", map[string]any{}, nil); st != http.StatusUnauthorized {
			t.Errorf("anonymous change: %d, want 401", st)
		}
		siti, c := notifyUser(t, a, "siti@example.id", auth.Pencari)
		verifiedEmail(t, a, siti, "siti@example.id")
		var s settingsJSON
		if st, _ := c.do("GET", "/api/v1/me/notification-settings", nil, &s); st != 200 {
			t.Fatalf("settings: %d", st)
		}
		if len(s.Contacts) != 1 || s.Contacts[0].Address != "siti@example.id" || !s.Contacts[0].Verified {
			t.Errorf("contacts = %+v", s.Contacts)
		}
		if len(s.Channels) != 3 || !s.Channels[0].Usable || s.Channels[1].Usable || s.Channels[0].Consent || s.Channels[0].ConsentAt != "" {
			t.Errorf("channels = %+v: email usable without consent yet, whatsapp not usable", s.Channels)
		}
		if on, ok := s.on("lamaran", "email"); !ok || !on {
			t.Errorf("lamaran by email should default on")
		}
		if on, _ := s.on("untuk_anda", "email"); on {
			t.Errorf("the daily digest should default off")
		}
		if _, ok := s.on("pelamar", "email"); ok {
			t.Errorf("a seeker is offered the employer's new-applicant notices")
		}

		put := map[string]any{"consent": map[string]bool{"email": true},
			"choices": []map[string]any{{"kind": "lamaran", "channel": "email", "on": false}, {"kind": "untuk_anda", "channel": "email", "on": true}}}
		if st, _ := c.do("PUT", "/api/v1/me/notification-settings", put, &s); st != 200 {
			t.Fatalf("change: %d", st)
		}
		if on, _ := s.on("lamaran", "email"); on {
			t.Error("lamaran by email still on")
		}
		if on, _ := s.on("untuk_anda", "email"); !on {
			t.Error("digest by email still off")
		}
		if ok, at := s.consent("email"); !ok || at == "" {
			t.Errorf("email consent = %v at %q, want given with its time", ok, at)
		}
		// The choices rule what is sent: lamaran no longer goes by email.
		apptest.Tell(t, a.Services, siti, notify.Application, "/pencari")
		var queued int
		a.DB.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM outbox WHERE user_id = ?`, siti.ID).Scan(&queued)
		if queued != 0 {
			t.Errorf("a kind turned off was queued by email (%d rows)", queued)
		}

		// Unknown kind, channel, cadence, or a kind not for this account: 422, nothing changes.
		for _, bad := range []map[string]any{
			{"consent": map[string]bool{"email": false}, "choices": []map[string]any{{"kind": "gosip", "channel": "email", "on": true}}},
			{"consent": map[string]bool{"email": false}, "choices": []map[string]any{{"kind": "lamaran", "channel": "merpati", "on": true}}},
			{"consent": map[string]bool{"merpati": true, "email": false}},
			{"consent": map[string]bool{"inbox": false}},
			{"consent": map[string]bool{"email": false}, "cadence": map[string]string{"pelamar": "daily"}},
		} {
			var p problem
			if st, _ := c.do("PUT", "/api/v1/me/notification-settings", bad, &p); st != http.StatusUnprocessableEntity || len(p.Errors) == 0 {
				t.Errorf("PUT %v: %d %+v, want 422 with field errors", bad, st, p)
			}
		}
		c.do("GET", "/api/v1/me/notification-settings", nil, &s)
		if ok, _ := s.consent("email"); !ok {
			t.Error("a refused change withdrew consent")
		}
		// Withdrawing is recorded too, with its own time.
		a.Clock.T = a.Clock.T.Add(3600e9)
		c.do("PUT", "/api/v1/me/notification-settings", map[string]any{"consent": map[string]bool{"email": false}}, &s)
		if ok, at := s.consent("email"); ok || at == "" {
			t.Errorf("withdrawn consent = %v at %q", ok, at)
		}
		var rows int
		a.DB.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM consents WHERE user_id = ?`, siti.ID).Scan(&rows)
		if rows != 2 {
			t.Errorf("consent history has %d rows, want 2 (given, withdrawn)", rows)
		}

		// An employer sets the cadence of new-applicant notices.
		_, hr := notifyUser(t, a, "hrd@example.id", auth.Perusahaan)
		if st, _ := hr.do("PUT", "/api/v1/me/notification-settings", map[string]any{"cadence": map[string]string{"pelamar": "daily"}}, &s); st != 200 {
			t.Fatalf("cadence: %d", st)
		}
		found := false
		for _, k := range s.Kinds {
			if k.Kind == "pelamar" {
				found = k.Cadence == "daily"
			}
		}
		if !found {
			t.Errorf("cadence not daily: %+v", s.Kinds)
		}
		var p problem
		if st, _ := hr.do("PUT", "/api/v1/me/notification-settings", map[string]any{"cadence": map[string]string{"pelamar": "weekly"}}, &p); st != 422 ||
			p.Errors[0].Field != "cadence" || p.Errors[0].Code != "notify_cadence_unknown" {
			t.Errorf("weekly cadence: %d %+v", st, p)
		}
	})
}
