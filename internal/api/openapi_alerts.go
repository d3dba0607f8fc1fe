package api

// alertSchemas adds the schemas for saved searches and job alerts.
func alertSchemas(schemas map[string]any) {
	filters := map[string]any{
		"q":         str("search words, as the vacancy list takes them"),
		"region":    str("regency/city code, or empty"),
		"kbji":      str("KBJI code or group prefix (1–4 digits), or empty"),
		"education": str("the seeker's education level: vacancies asking at most this, or empty"),
		"min_wage":  map[string]any{"type": "integer", "description": "the top of the wage range is at least this (rupiah per month); 0 for any"},
		"contract":  str("contract type, or empty"),
		"alert":     map[string]any{"type": "string", "enum": []string{"instant", "daily", ""}, "description": "instant: a notice within seconds of each new matching vacancy; daily: one notice at 07:00 WIB listing them; empty: kept without alerts"},
	}
	saved := map[string]any{"id": integer(), "url": str("the list page of the search"),
		"created_at": map[string]any{"type": "string", "format": "date-time"}}
	for k, v := range filters {
		saved[k] = v
	}
	schemas["SavedSearch"] = obj(saved, sent(SavedSearchJSON{})...)
	schemas["SavedSearchInput"] = obj(filters)
	schemas["Digest"] = obj(map[string]any{"enabled": map[string]any{"type": "boolean",
		"description": "the daily \"Lowongan untuk Anda\" digest: the best new matches since the last one"}}, "enabled")
}

// alertPaths adds the paths for saved searches and job alerts.
func alertPaths(paths map[string]any, list func(string) map[string]any) {
	items := obj(map[string]any{"items": arr(schemaRef("SavedSearch"))}, "items")
	paths["/api/v1/me/saved-searches"] = map[string]any{
		"get": op("listSavedSearches", secSession, "My saved vacancy searches (job seeker)",
			merge(map[string]any{"200": ok("Saved searches", items)}, errors4xx("401", "403")), nil),
		"post": op("saveSearch", secSession, "Save a vacancy search with an alert (job seeker; at most 20; the same filters again change the alert of the one kept)",
			merge(map[string]any{"201": ok("The saved search", schemaRef("SavedSearch"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("SavedSearchInput"))}),
	}
	paths["/api/v1/me/saved-searches/{id}"] = map[string]any{
		"put": op("setSavedSearchAlert", secSession, "Change a saved search's alert",
			merge(map[string]any{"200": ok("The saved search", schemaRef("SavedSearch"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"alert": map[string]any{"type": "string", "enum": []string{"instant", "daily", ""}}}, "alert"))}),
		"delete": op("deleteSavedSearch", secSession, "Forget a saved search (another person's is 404)",
			merge(map[string]any{"204": map[string]any{"description": "Deleted"}}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/me/digest"] = map[string]any{
		"get": op("getDigest", secSession, "Whether I get the daily \"Lowongan untuk Anda\" digest",
			merge(map[string]any{"200": ok("The choice", schemaRef("Digest"))}, errors4xx("401", "403")), nil),
		"put": op("setDigest", secSession, "Turn the daily \"Lowongan untuk Anda\" digest on or off",
			merge(map[string]any{"200": ok("The choice", schemaRef("Digest"))}, errors4xx("400", "401", "403")),
			map[string]any{"requestBody": jsonBody(schemaRef("Digest"))}),
	}
}
