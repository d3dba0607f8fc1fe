package api

// dataSchemas adds the schemas for "my data": export and delete (UU 27/2022).
func dataSchemas(schemas map[string]any) {
	row := map[string]any{"type": "object", "description": "one record; its columns as members (strings, numbers, booleans, date-times or null)",
		"additionalProperties": true}
	schemas["MyData"] = map[string]any{"type": "object",
		"description": "Everything bursa holds about the caller (UU 27/2022), by section: account, roles, contacts, consents, " +
			"notification_settings, notification_cadence, notifications, seeker (NIK masked), skills, ak1_cards, applications, " +
			"application_history, invitations, placements, training_applications, training_choices, enrollments, training_appeals, " +
			"complaints, complaint_messages, companies, aspirations, audit (who read or decided what about the caller: role, time, action).",
		"properties":           map[string]any{"generated_at": timeStr()},
		"required":             []string{"generated_at", "account"},
		"additionalProperties": arr(row)}
	schemas["Correction"] = obj(map[string]any{"name": str("new account name; empty = unchanged"),
		"lang": map[string]any{"type": "string", "enum": []string{"", "id", "en"}, "description": "empty = unchanged"}})
	schemas["DeleteAccount"] = obj(map[string]any{"password": str("the account's current password")}, "password")
}

// dataPaths adds the paths for "my data": export and delete (UU 27/2022).
func dataPaths(paths map[string]any, list func(string) map[string]any) {
	paths["/api/v1/me/data"] = map[string]any{
		"get": op("exportMyData", secSession, "Download everything bursa holds about me (audited)",
			merge(map[string]any{"200": ok("The export, as a download (Content-Disposition: attachment)", schemaRef("MyData"))}, errors4xx("401")), nil)}
	me := paths["/api/v1/me"].(map[string]any)
	me["patch"] = op("correctMe", secSession, "Correct my name or language",
		merge(map[string]any{"200": ok("The user", schemaRef("User"))}, errors4xx("400", "401", "422")),
		map[string]any{"requestBody": jsonBody(schemaRef("Correction"))})
	me["delete"] = op("deleteMe", secSession, "Delete my account: applications and placements are anonymised, complaints kept under their retention; "+
		"403 for officers' accounts (the admin removes them), 409 while my company has open vacancies",
		merge(map[string]any{"204": map[string]any{"description": "Deleted; the session is ended"}}, errors4xx("400", "401", "403", "409", "422")),
		map[string]any{"requestBody": jsonBody(schemaRef("DeleteAccount"))})
}
