package api

// threadSchemas adds the schemas of an application's message thread.
func threadSchemas(schemas map[string]any) {
	dt := map[string]any{"type": "string", "format": "date-time"}
	schemas["ThreadMessage"] = obj(map[string]any{
		"id": integer(), "side": map[string]any{"type": "string", "enum": []string{"seeker", "employer"}},
		"body":        str("the message, at most 2,000 characters"),
		"fee_warning": map[string]any{"type": "boolean", "description": "the company's message asks the worker for money (a fee, a transfer, a deposit): shown to the seeker with a warning and a fee report; applying through bursa is always free"},
		"at":          dt,
	}, sent(ThreadMessageJSON{})...)
	schemas["SharedContact"] = obj(map[string]any{
		"kind": map[string]any{"type": "string", "enum": []string{"phone", "email"}}, "address": str("a verified phone number or email"),
	}, sent(SharedContactJSON{})...)
	schemas["Thread"] = obj(map[string]any{
		"application_id": integer(),
		"side":           map[string]any{"type": "string", "enum": []string{"seeker", "employer"}, "description": "the caller's side"},
		"open":           map[string]any{"type": "boolean", "description": "takes messages: from diseleksi on, until the application ends"},
		"messages":       arr(schemaRef("ThreadMessage")),
		"share_phone":    map[string]any{"type": "boolean"},
		"share_email":    map[string]any{"type": "boolean"},
		"contacts":       map[string]any{"type": "array", "items": schemaRef("SharedContact"), "description": "the seeker: their verified contacts to choose from; the company: the shared ones while the thread is open (each read is audited)"},
		"contact_reads":  map[string]any{"type": "array", "items": dt, "description": "the seeker: when the company opened the shared contacts; empty for the company"},
	}, sent(ThreadJSON{})...)
	schemas["MessageInput"] = obj(map[string]any{"body": str("1 to 2,000 characters")}, "body")
	schemas["ContactShareInput"] = obj(map[string]any{
		"phone": map[string]any{"type": "boolean", "description": "share the verified phone with this application's company"},
		"email": map[string]any{"type": "boolean", "description": "share the verified email with this application's company"},
	})
}

// threadPaths adds the paths of an application's message thread.
func threadPaths(paths map[string]any) {
	paths["/api/v1/applications/{id}/messages"] = map[string]any{
		"get": op("getThread", secSession, "The application's message thread, as the caller's side (its seeker or its company) sees it; anybody else 404",
			merge(map[string]any{"200": ok("The thread", schemaRef("Thread"))}, errors4xx("401", "404")),
			map[string]any{"parameters": []any{idParam}}),
		"post": op("postMessage", secSession, "Write in the application's thread (its seeker or its company), from diseleksi on until it ends; the other side is told",
			merge(map[string]any{"201": ok("The message", schemaRef("ThreadMessage"))}, errors4xx("400", "401", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("MessageInput"))}),
	}
	paths["/api/v1/applications/{id}/contact-share"] = map[string]any{
		"put": op("putContactShare", secSession, "Choose which verified contacts the company of this application may see (the seeker); the company sees them from diseleksi on, and each read is audited and shown to the seeker",
			merge(map[string]any{"204": map[string]any{"description": "Saved"}}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ContactShareInput"))}),
	}
}
