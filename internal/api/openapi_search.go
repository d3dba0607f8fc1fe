package api

// searchSchemas adds the schemas of the search's admin endpoints.
func searchSchemas(schemas map[string]any) {
	schemas["SynonymGroup"] = obj(map[string]any{
		"id":       integer(),
		"members":  arr(str("a name of the job, lowercase, words separated by one space")),
		"source":   str("where the names come from"),
		"added_by": str("the admin's name"),
		"added_at": map[string]any{"type": "string", "format": "date-time"},
	}, sent(SynonymGroupJSON{})...)
	schemas["SynonymInput"] = obj(map[string]any{
		"members": map[string]any{"type": "array", "minItems": 2, "maxItems": 20, "items": str("a name of the job, at most 60 characters")},
		"source":  str("where the names come from (required, at most 200 characters)"),
	}, "members", "source")
}

// searchPaths adds the admin's synonym endpoints.
func searchPaths(paths map[string]any) {
	paths["/api/v1/admin/synonyms"] = map[string]any{
		"get": op("listSynonyms", secSession, "The job-title synonym groups admins added to the shipped table (admin)",
			merge(map[string]any{"200": ok("Added groups, newest first", obj(map[string]any{"items": arr(schemaRef("SynonymGroup")),
				"shipped_groups": integer()}, "items", "shipped_groups"))}, errors4xx("401", "403")), nil),
		"post": op("addSynonyms", secSession, "Add a synonym group (admin, audited): searching any member finds vacancies that use another, in every serve process within the search index's refresh interval",
			merge(map[string]any{"201": ok("The group", schemaRef("SynonymGroup"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("SynonymInput"))}),
	}
	paths["/api/v1/admin/synonyms/{id}"] = map[string]any{
		"delete": op("removeSynonyms", secSession, "Remove an added synonym group (admin, audited)",
			merge(map[string]any{"204": map[string]any{"description": "Removed"}}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{idParam}}),
	}
}
