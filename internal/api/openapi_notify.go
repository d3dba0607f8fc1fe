package api

import "github.com/bursa-banten/bursa/internal/notify"

// The inbox and notification-settings part of the OpenAPI document.

func notifyKindEnum() map[string]any {
	ks := make([]string, 0, len(notify.Kinds))
	for _, k := range notify.Kinds {
		ks = append(ks, string(k.Kind))
	}
	return map[string]any{"type": "string", "enum": ks}
}

func notifyChannelEnum() map[string]any {
	cs := make([]string, 0, len(notify.Channels))
	for _, c := range notify.Channels {
		cs = append(cs, string(c))
	}
	return map[string]any{"type": "string", "enum": cs}
}

var cadenceEnum = map[string]any{"type": "string", "enum": []string{string(notify.Now), string(notify.Hourly), string(notify.Daily)},
	"description": "now: one notice each; hourly or daily: one digest"}

// notifySchemas adds the schemas for the inbox and notification settings.
func notifySchemas(schemas map[string]any) {
	schemas["Notification"] = obj(map[string]any{"id": integer(),
		"kind":      str("kind of notice (akun for account notices, or one a person can choose)"),
		"kind_name": str("the kind's name in the requested language"),
		"title":     str("in the person's language when it was made"), "body": str(""),
		"url":        str("page URL path the notice leads to; empty for none"),
		"created_at": timeStr(), "read": boolean()}, sent(NotificationJSON{})...)
	schemas["Notifications"] = obj(map[string]any{"items": arr(schemaRef("Notification")),
		"unread": map[string]any{"type": "integer", "description": "unread notices in the whole inbox"}}, sent(NotificationsJSON{})...)
	schemas["NotificationSettings"] = obj(map[string]any{
		"contacts": arr(obj(map[string]any{"kind": map[string]any{"type": "string", "enum": []string{"email", "phone"}},
			"address": str("email address or +62… number"), "verified": boolean()}, sent(SettingsContactJSON{})...)),
		"channels": arr(obj(map[string]any{"channel": notifyChannelEnum(), "name": str(""),
			"usable":     map[string]any{"type": "boolean", "description": "a verified address: the channel can carry notices"},
			"consent":    boolean(),
			"consent_at": str("RFC 3339 time consent was last given or withdrawn; empty if never")}, sent(ChannelJSON{})...)),
		"kinds": arr(obj(map[string]any{"kind": notifyKindEnum(), "name": str(""),
			"channels": map[string]any{"type": "object", "additionalProperties": boolean(), "description": "channel → on"},
			"cadence":  cadenceEnum}, sent(KindChoiceJSON{})...)),
	}, sent(NotificationSettingsJSON{})...)
	schemas["NotificationSettingsInput"] = obj(map[string]any{
		"choices": arr(obj(map[string]any{"kind": notifyKindEnum(), "channel": notifyChannelEnum(), "on": boolean()}, "kind", "channel", "on")),
		"consent": map[string]any{"type": "object", "additionalProperties": boolean(), "description": "channel → give (true) or withdraw (false) consent; recorded with its time"},
		"cadence": map[string]any{"type": "object", "additionalProperties": cadenceEnum, "description": "bundled kind (pelamar) → cadence"},
	})
}

// notifyPaths adds the paths for the inbox and notification settings.
func notifyPaths(paths map[string]any, list func(string) map[string]any) {
	paths["/api/v1/me/notifications"] = map[string]any{"get": op("listMyNotifications", secSession, "My inbox: the newest notices first, and how many are unread",
		merge(map[string]any{"200": ok("The inbox", schemaRef("Notifications"))}, errors4xx("401", "422")),
		map[string]any{"parameters": []any{qparam("limit", "1–200, default 50", integer())}})}
	paths["/api/v1/me/notifications/read"] = map[string]any{"post": op("markMyNotificationsRead", secSession, "Mark notices read: those listed, or all when ids is empty or the body is left out; another person's notice is 404 and then none is marked",
		merge(map[string]any{"204": map[string]any{"description": "Marked"}}, errors4xx("400", "401", "404", "422")),
		map[string]any{"requestBody": map[string]any{"required": false, "content": map[string]any{"application/json": map[string]any{
			"schema": obj(map[string]any{"ids": ids()})}}}})}
	paths["/api/v1/me/notification-settings"] = map[string]any{
		"get": op("getMyNotificationSettings", secSession, "My contacts, consent per channel, and which kinds of notice each channel carries",
			merge(map[string]any{"200": ok("Settings", schemaRef("NotificationSettings"))}, errors4xx("401")), nil),
		"put": op("updateMyNotificationSettings", secSession, "Change choices, consent (recorded with its time) and cadence; what is left out stays. An unknown kind, channel or cadence is 422 and nothing changes",
			merge(map[string]any{"200": ok("Settings", schemaRef("NotificationSettings"))}, errors4xx("400", "401", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("NotificationSettingsInput"))}),
	}
}
