package api

// ledgerSchemas adds the schemas of public objects' log histories.
func ledgerSchemas(schemas map[string]any) {
	schemas["LedgerItem"] = obj(map[string]any{
		"n":    map[string]any{"type": "integer", "description": "the record's number in the public log"},
		"kind": str("the record's kind, e.g. vacancy.published, application.received, training.seat"),
		"at":   map[string]any{"type": "string", "format": "date-time", "description": "when the record was written, RFC 3339 UTC"},
		"text": str("the record in plain words, in the request's language"),
		"url":  str("absolute link to the record's page (its sentence, the signed JSON and a QR code)"),
	}, sent(LedgerItemJSON{})...)
	schemas["LedgerHistory"] = obj(map[string]any{"items": arr(schemaRef("LedgerItem"))}, sent(LedgerHistoryJSON{})...)
}

// ledgerPaths adds the paths of public objects' log histories.
func ledgerPaths(paths map[string]any) {
	lang := qparam("lang", "id or en; wins over Accept-Language", map[string]any{"type": "string", "enum": []string{"id", "en"}})
	hist := func(id, what, path string) {
		paths[path] = map[string]any{
			"get": op(id, secPublic, "The public-log history of "+what+": every record about it, oldest first, in plain words (the same for everyone)",
				merge(map[string]any{"200": ok("Records, oldest first", schemaRef("LedgerHistory"))}, errors4xx("404")),
				map[string]any{"parameters": []any{idParam, lang}}),
		}
	}
	hist("getVacancyLedger", "a public vacancy (opened, changed, applications, selection decisions, placements, closed; a vacancy the public may not see is 404)", "/api/v1/vacancies/{id}/ledger")
	hist("getEmployerLedger", "an employer (its vacancies' records)", "/api/v1/employers/{id}/ledger")
	hist("getProgramLedger", "a training program (rounds it was in, seats given in it)", "/api/v1/training/programs/{id}/ledger")
	hist("getRoundLedger", "a training round (opened, each seat, allocated)", "/api/v1/training/rounds/{id}/ledger")
}
