package api

// apprSchemas adds the schemas of apprenticeship programs (Permenaker
// 6/2020), and the program a magang vacancy names.
func apprSchemas(schemas map[string]any) {
	if vi, ok := schemas["VacancyInput"].(map[string]any); ok {
		vi["properties"].(map[string]any)["apprenticeship_id"] = map[string]any{"type": "integer",
			"description": "the approved apprenticeship program of the same company this vacancy fills; required when contract is magang " +
				"(else 422 on contract, Permenaker 6/2020); a magang vacancy's wage is the program's allowance (uang saku), not checked against the UMK"}
	}
	status := map[string]any{"type": "string", "enum": []string{"diajukan", "disetujui", "ditolak", "berjalan", "selesai"},
		"description": "diajukan (waiting for the labor office) → disetujui or ditolak; berjalan once an apprentice starts; selesai when the last one ends"}
	shown := func(desc string) map[string]any {
		return map[string]any{"type": "string", "description": desc + ": a number, or \"<5\" for 1 to 4 (the small-cell rule)"}
	}
	schemas["ApprenticeshipInput"] = obj(map[string]any{
		"title":         str("the program's name"),
		"occupation":    str("KBJI 2014 unit group, 4 digits"),
		"standard":      str("the competency standard, named: SKKNI, SKK or the company's own standard"),
		"region":        schemaRef("RegionCode"),
		"seats":         map[string]any{"type": "integer", "minimum": 1, "description": "apprentices asked for: with those already running in the company at most 20% of workforce (field seats)"},
		"months":        map[string]any{"type": "integer", "minimum": 1, "maximum": 12, "description": "length: at most 12 months (field months)"},
		"theory_share":  map[string]any{"type": "integer", "minimum": 10, "maximum": 25, "description": "theory as % of the time: 10–25"},
		"allowance":     map[string]any{"type": "integer", "minimum": 1, "description": "allowance (uang saku), rupiah a month; must be paid (0 is 422 on allowance)"},
		"insurance":     map[string]any{"type": "boolean", "description": "apprentices insured with BPJS Ketenagakerjaan (JKK and JKM); required true"},
		"mentor_name":   str("the mentor (pembimbing)"),
		"mentor_title":  str("the mentor's position; name and position are both required (field mentor)"),
		"training_plan": str("the training plan: what is learnt when, at least 30 characters"),
		"start_on":      map[string]any{"type": "string", "format": "date", "description": "not before decide_by, at most a year ahead"},
		"workforce":     map[string]any{"type": "integer", "minimum": 1, "description": "the company's current number of workers, the base of the 20% cap"},
	}, "title", "occupation", "standard", "region", "seats", "months", "theory_share", "allowance", "insurance", "mentor_name",
		"mentor_title", "training_plan", "start_on", "workforce")
	schemas["ApprenticeshipCreated"] = obj(map[string]any{"id": integer(), "status": status,
		"decide_by": map[string]any{"type": "string", "format": "date", "description": "the labor office decides by this day: 3 working days (holidays and joint leave days do not count)"}},
		sent(ApprenticeshipCreated{})...)
	schemas["ApprenticeshipOutcomes"] = obj(map[string]any{"running": shown("still running"), "completed": shown("completed with a certificate"),
		"hired": shown("hired by the company after"), "dropped": shown("dropped out")}, sent(ApprenticeshipOutcomesJSON{})...)
	schemas["Apprenticeship"] = obj(map[string]any{
		"id": integer(), "employer_id": integer(), "employer": str(""), "title": str(""), "occupation": str("KBJI code"), "standard": str(""),
		"region": str("regency/city code"), "seats": integer(), "open_seats": integer(), "months": integer(), "theory_share": integer(),
		"allowance": map[string]any{"type": "integer", "description": "rupiah a month"}, "insurance": map[string]any{"type": "boolean"},
		"mentor_name": str(""), "mentor_title": str(""), "training_plan": str(""), "start_on": dateStr(), "status": status,
		"decide_by": dateStr(), "overdue": map[string]any{"type": "boolean", "description": "still waiting after decide_by"},
		"reason": str("why it was rejected"), "outcomes": schemaRef("ApprenticeshipOutcomes"),
	}, sent(ApprenticeshipJSON{})...)
	schemas["ApprenticeshipQueue"] = obj(map[string]any{"waiting": arr(schemaRef("Apprenticeship")), "overdue": integer(),
		"decided": arr(schemaRef("Apprenticeship"))}, sent(ApprenticeshipQueue{})...)
	schemas["ApprenticeshipDecision"] = obj(map[string]any{"approve": map[string]any{"type": "boolean"},
		"reason": str("required to reject (at least 10 characters); the company reads it")}, "approve")
	schemas["ApprenticeshipVacancyInput"] = obj(map[string]any{"closes_on": dateStr(), "education": str("least education code")}, "closes_on", "education")
	schemas["ApprenticeshipVacancy"] = obj(map[string]any{"vacancy_id": integer(), "openings": integer()}, sent(ApprenticeshipVacancy{})...)
	schemas["Apprentice"] = obj(map[string]any{"id": integer(), "application_id": integer(), "name": str(""), "start_on": dateStr(),
		"ends_on": dateStr(), "status": map[string]any{"type": "string", "enum": []string{"berjalan", "selesai", "berhenti"}},
		"certificate": str("certificate number, when completed"), "issuer": str("who issued the certificate"), "reason": str("why they dropped out"),
		"hired": map[string]any{"type": "boolean"}, "ended_on": str("date it ended, empty while running")}, sent(ApprenticeJSON{})...)
	schemas["ApprenticeRoster"] = obj(map[string]any{"program": schemaRef("Apprenticeship"), "apprentices": arr(schemaRef("Apprentice")),
		"candidates": arr(obj(map[string]any{"application_id": integer(), "name": str(""), "status": str("application status"), "vacancy_id": integer()},
			sent(ApprenticeCandidateJSON{})...)),
		"cap": map[string]any{"type": "integer", "description": "20% of the declared workforce"}, "running_all": map[string]any{"type": "integer", "description": "the company's apprentices running in all its programs"}},
		sent(ApprenticeRoster{})...)
	schemas["ApprenticeTake"] = obj(map[string]any{"application_id": integer(), "start_on": dateStr()}, "application_id", "start_on")
	schemas["ApprenticeEnd"] = obj(map[string]any{"outcome": map[string]any{"type": "string", "enum": []string{"selesai", "berhenti"}},
		"certificate": str("certificate number: required when selesai"), "issuer": str("the certificate's issuer (e.g. an LSP)"),
		"reason": str("required when berhenti"), "hired": map[string]any{"type": "boolean", "description": "whether the company hired them after"}},
		"outcome", "hired")
}

// apprPaths adds the paths of apprenticeship programs.
func apprPaths(paths map[string]any, list func(string) map[string]any) {
	aidParam := map[string]any{"name": "aid", "in": "path", "required": true, "schema": integer(), "description": "the apprentice's id"}
	paths["/api/v1/apprenticeships"] = map[string]any{
		"get": op("listApprenticeships", secPublic, "Approved apprenticeship programs still taking apprentices, with their terms and outcomes",
			map[string]any{"200": ok("Programs", list("Apprenticeship"))}, nil),
		"post": op("applyApprenticeship", secSession, "Apply for an apprenticeship program (a verified company): the terms of Permenaker 6/2020 are checked, "+
			"each in its own field (months ≤ 12, theory_share 10–25, allowance > 0, insurance, mentor, training_plan, standard, seats within 20% of workforce, start_on)",
			merge(map[string]any{"201": ok("Waiting for the labor office", schemaRef("ApprenticeshipCreated"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("ApprenticeshipInput"))}),
	}
	paths["/api/v1/apprenticeships/queue"] = map[string]any{
		"get": op("apprenticeshipQueue", secSession, "The labor office's queue (petugas): programs waiting, nearest deadline first, overdue flagged; the last decided",
			merge(map[string]any{"200": ok("The queue", schemaRef("ApprenticeshipQueue"))}, errors4xx("401", "403")), nil),
	}
	paths["/api/v1/me/apprenticeships"] = map[string]any{
		"get": op("myApprenticeships", secSession, "The programs of the logged-in company, every status",
			merge(map[string]any{"200": ok("Programs", list("Apprenticeship"))}, errors4xx("401", "403")), nil),
	}
	paths["/api/v1/apprenticeships/{id}"] = map[string]any{
		"get": op("getApprenticeship", secOptional, "One program: public once approved; before that only its company and petugas (others 404)",
			merge(map[string]any{"200": ok("The program", schemaRef("Apprenticeship"))}, errors4xx("404")),
			map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/apprenticeships/{id}/decision"] = map[string]any{
		"post": op("decideApprenticeship", secSession, "Approve or reject a program (petugas); a rejection needs a reason; an approval is public in the log",
			merge(map[string]any{"200": ok("The program", schemaRef("Apprenticeship"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ApprenticeshipDecision"))}),
	}
	paths["/api/v1/apprenticeships/{id}/vacancies"] = map[string]any{
		"post": op("openApprenticeshipVacancy", secSession, "Open and publish the magang vacancy of an approved program (its company): seekers apply the normal way",
			merge(map[string]any{"201": ok("The vacancy", schemaRef("ApprenticeshipVacancy"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ApprenticeshipVacancyInput"))}),
	}
	paths["/api/v1/apprenticeships/{id}/apprentices"] = map[string]any{
		"get": op("apprenticeRoster", secSession, "A program's apprentices and the applicants who may be taken on (its company)",
			merge(map[string]any{"200": ok("The roster", schemaRef("ApprenticeRoster"))}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{idParam}}),
		"post": op("takeApprentice", secSession, "Take an applicant to the program's vacancy on as an apprentice (its company): the application becomes diterima; "+
			"the seats and the 20% cap are checked",
			merge(map[string]any{"201": ok("The apprentice", schemaRef("Apprentice"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ApprenticeTake"))}),
	}
	paths["/api/v1/apprenticeships/{id}/apprentices/{aid}/end"] = map[string]any{
		"post": op("endApprentice", secSession, "End an apprenticeship (its company): completed with the certificate, or dropped with the reason; and whether hired after",
			merge(map[string]any{"200": ok("The apprentice", schemaRef("Apprentice"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam, aidParam}, "requestBody": jsonBody(schemaRef("ApprenticeEnd"))}),
	}
}
