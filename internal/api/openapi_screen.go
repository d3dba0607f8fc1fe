package api

// screenSchemas adds the schemas of vacancy screening (issue 15).
func screenSchemas(schemas map[string]any) {
	schemas["VacancyFlag"] = obj(map[string]any{
		"id": integer(),
		"code": map[string]any{"type": "string", "enum": []string{"fee", "age", "marital", "appearance", "body", "religion", "ethnicity", "sex", "contact"},
			"description": "the rule: fee holds the vacancy for a petugas; the others hide their sentence from the public until a petugas accepts the employer's reason (contact takes no reason)"},
		"field":      map[string]any{"type": "string", "enum": []string{"title", "description", "age_max"}},
		"detail":     str("the sentence as the employer wrote it, or age_max=N"),
		"message":    str("the rule explained, in the requested language"),
		"law":        str("the law or rule behind it"),
		"reasonable": map[string]any{"type": "boolean", "description": "the employer may give a job reason"},
		"reason":     str("the employer's job reason"),
		"state": map[string]any{"type": "string", "enum": []string{"open", "pending", "accepted", "refused"},
			"description": "pending: a reason waits for a petugas; accepted: shown to the public"},
	}, sent(FlagJSON{})...)
	schemas["VacancyReview"] = obj(map[string]any{
		"vacancy":  schemaRef("Vacancy"),
		"text":     str("the description as the employer wrote it (the vacancy's description is what the public sees)"),
		"age_max":  integer(),
		"publish":  map[string]any{"type": "boolean", "description": "approval publishes the vacancy"},
		"flags":    arr(schemaRef("VacancyFlag")),
		"decision": map[string]any{"type": "string", "enum": []string{"", "approved", "refused"}, "description": "the last decision"},
		"reason":   str("the last decision's reason, shown to the employer"),
	}, sent(ReviewJSON{})...)
	schemas["ReviewDecision"] = obj(map[string]any{
		"approve": map[string]any{"type": "boolean", "description": "true: publish a held vacancy and accept the reasons waiting; false: a held vacancy returns to draft, the reasons waiting are refused"},
		"reason":  str("why (required; the employer reads it)"),
	}, "approve", "reason")
	schemas["FlagReason"] = obj(map[string]any{"reason": str("the genuine job reason for this requirement (required)")}, "reason")
}

// screenPaths adds the paths of vacancy screening.
func screenPaths(paths map[string]any) {
	paths["/api/v1/review/vacancies"] = map[string]any{
		"get": op("listVacancyReviews", secSession, "The review queue (petugas): vacancies held by screening (status ditinjau) and vacancies with employers' reasons to judge, oldest first",
			merge(map[string]any{"200": ok("The queue", obj(map[string]any{"items": arr(schemaRef("VacancyReview"))}, "items"))}, errors4xx("401", "403")), nil),
	}
	paths["/api/v1/review/vacancies/{id}"] = map[string]any{
		"post": op("decideVacancyReview", secSession, "Decide on a held or flagged vacancy (petugas), with a reason the employer reads; logged in the audit log and, when it becomes public, in the public log; the employer is told",
			merge(map[string]any{"200": ok("The vacancy after the decision", schemaRef("VacancyReview"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ReviewDecision"))}),
	}
	flagParam := map[string]any{"name": "flag", "in": "path", "required": true, "schema": integer(), "description": "the flag's id"}
	paths["/api/v1/vacancies/{id}/flags/{flag}"] = map[string]any{
		"post": op("explainVacancyFlag", secSession, "Give the job reason for a discriminatory flag (the vacancy's employer); it then waits for a petugas",
			merge(map[string]any{"200": ok("The flag", schemaRef("VacancyFlag"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam, flagParam}, "requestBody": jsonBody(schemaRef("FlagReason"))}),
	}
}
