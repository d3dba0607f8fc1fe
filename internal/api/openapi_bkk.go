package api

import "github.com/bursa-banten/bursa/internal/bkk"

// bkkSchemas adds the schemas of SMKs' job offices and the tracer study.
func bkkSchemas(schemas map[string]any) {
	npsn := map[string]any{"type": "string", "pattern": "^[0-9]{8}$", "description": "NPSN, the school's 8-digit national number"}
	statusEnum := bkk.AnswerStatuses
	schemas["School"] = obj(map[string]any{"npsn": npsn, "name": str(""), "region": schemaRef("RegionCode"),
		"address": str(""), "programs": arr(str("kompetensi keahlian")),
		"provider_id": map[string]any{"type": "integer", "description": "the same school as a training provider of kind smk, when linked"},
		"url":         str("the school's public page")}, sent(SchoolJSON{})...)
	schemas["SchoolInput"] = obj(map[string]any{"npsn": npsn, "name": str(""), "region": schemaRef("RegionCode"),
		"address": str("at least 10 characters"), "programs": arr(str("kompetensi keahlian, 1 to 30")),
		"provider_id": map[string]any{"type": "integer", "description": "optional: a training provider of kind smk"}},
		"npsn", "name", "region", "address", "programs")
	cell := obj(map[string]any{"value": orNull(integer(), "null when withheld"), "withheld": map[string]any{"type": "boolean",
		"description": "under the small-cell rule (fewer than 5, or a cell that would reveal one)"}}, sent(TracerCellJSON{})...)
	schemas["TracerCell"] = cell
	row := obj(map[string]any{"program": str("kompetensi keahlian; empty for the school's total"),
		"assessed": schemaRef("TracerCell"),
		"statuses": map[string]any{"type": "object", "additionalProperties": schemaRef("TracerCell"),
			"description": "by status: bekerja, kuliah, usaha, mencari, belum (not answered)"}}, sent(TracerRowJSON{})...)
	schemas["TracerRow"] = row
	schemas["TracerWave"] = obj(map[string]any{"months": map[string]any{"type": "integer", "enum": []int{6, 12}},
		"programs": arr(schemaRef("TracerRow")), "total": schemaRef("TracerRow")}, sent(TracerWaveJSON{})...)
	schemas["SchoolVacancy"] = obj(map[string]any{"id": integer(), "title": str(""), "employer": str(""), "status": str(""),
		"graduates_only": map[string]any{"type": "boolean"}, "closes_on": map[string]any{"type": "string", "format": "date"}},
		sent(SchoolVacancyJSON{})...)
	schemas["SchoolDetail"] = map[string]any{"allOf": []any{schemaRef("School"), obj(map[string]any{
		"tracer":    arr(schemaRef("TracerWave")),
		"vacancies": arr(schemaRef("SchoolVacancy"))}, "tracer", "vacancies")}}
	schemas["StaffInput"] = obj(map[string]any{"login": str("email or phone of a bkk account, or of a new one"),
		"name": str("for a new account"), "password": str("for a new account")}, "login")
	schemas["Staff"] = obj(map[string]any{"user_id": integer(), "name": str(""), "login": str("")}, sent(StaffJSON{})...)
	schemas["Graduate"] = obj(map[string]any{"id": integer(), "npsn": npsn, "school": str(""), "program": str(""),
		"year": integer(), "month": integer(),
		"status": map[string]any{"type": "string", "enum": bkk.GraduateStatuses},
		"reason": str("why the school rejected it"), "name": str("the seeker's name"),
		"tracer_wave": map[string]any{"type": "integer", "description": "the wave (6 or 12) due now on one's own; 0 otherwise"}},
		sent(GraduateJSON{})...)
	schemas["GraduationInput"] = obj(map[string]any{"npsn": npsn, "program": str("one of the school's programs"),
		"year": integer(), "month": map[string]any{"type": "integer", "minimum": 1, "maximum": 12}}, "npsn", "program", "year", "month")
	schemas["VerifyInput"] = obj(map[string]any{"verified": map[string]any{"type": "boolean", "description": "true verifies, false rejects; required (a missing answer verifies nobody)"},
		"reason": str("required when rejecting")}, "verified")
	schemas["GraduateApplication"] = obj(map[string]any{"application_id": integer(), "graduate_id": integer(), "name": str(""),
		"program": str(""), "vacancy_id": integer(), "vacancy": str(""), "employer": str(""), "status": str("application status"),
		"updated_at": map[string]any{"type": "string", "format": "date-time"},
		"phone":      str("empty unless the seeker shared it with this application's company"),
		"via_bkk":    map[string]any{"type": "boolean", "description": "posted by this school's BKK"}}, sent(GraduateApplicationJSON{})...)
	schemas["SchoolVacancyInput"] = obj(map[string]any{"partner_id": map[string]any{"type": "integer", "description": "a verified employer"},
		"graduates_only": map[string]any{"type": "boolean", "description": "only this school's verified graduates may apply"},
		"vacancy":        schemaRef("VacancyInput")}, "partner_id", "vacancy")
	schemas["TracerInput"] = obj(map[string]any{"status": map[string]any{"type": "string", "enum": statusEnum},
		"employer_name": str("working: where"), "contract": schemaRef("Contract"),
		"wage_band": map[string]any{"type": "string", "enum": bkk.WageBands,
			"description": "working: below the UMK, from the UMK to 1.5 times it, above 1.5 times"}}, "status")
	schemas["TracerAnswer"] = obj(map[string]any{"months": integer(), "status": map[string]any{"type": "string", "enum": statusEnum},
		"employer_name": str(""), "contract": str(""), "wage_band": str(""),
		"source": map[string]any{"type": "string", "enum": []string{"formulir", "bursa"}}}, sent(TracerAnswerJSON{})...)
}

// bkkPaths adds the paths of SMKs' job offices and the tracer study.
func bkkPaths(paths map[string]any, list func(string) map[string]any) {
	npsnParam := map[string]any{"name": "npsn", "in": "path", "required": true, "schema": map[string]any{"type": "string"}, "description": "the school's NPSN"}
	paths["/api/v1/schools"] = map[string]any{
		"get": op("listSchools", secPublic, "Registered SMKs with a job office (BKK)",
			map[string]any{"200": ok("The schools", list("School"))}, nil),
		"post": op("registerSchool", secSession, "Register an SMK's job office by NPSN (petugas, admin); 422 for an NPSN not of 8 digits or registered already",
			merge(map[string]any{"201": ok("The school", schemaRef("School"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("SchoolInput"))}),
	}
	paths["/api/v1/schools/{npsn}"] = map[string]any{
		"get": op("getSchool", secPublic, "A school with its tracer-study outcomes per program at 6 and 12 months (small cells withheld) and the vacancies its BKK posted",
			merge(map[string]any{"200": ok("The school", schemaRef("SchoolDetail"))}, errors4xx("404")),
			map[string]any{"parameters": []any{npsnParam}}),
	}
	paths["/api/v1/schools/{npsn}/staff"] = map[string]any{
		"post": op("addSchoolStaff", secSession, "Let a bkk account act for the school, creating it when the login is new (petugas, admin)",
			merge(map[string]any{"200": ok("The staff account", schemaRef("Staff"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{npsnParam}, "requestBody": jsonBody(schemaRef("StaffInput"))}),
	}
	paths["/api/v1/schools/{npsn}/graduates"] = map[string]any{
		"get": op("listSchoolGraduates", secSession, "The school's declared graduates, waiting ones first (its BKK staff; another school is 404)",
			merge(map[string]any{"200": ok("The graduates", list("Graduate"))}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{npsnParam, qparam("status", "menunggu, terverifikasi or ditolak", str(""))}}),
	}
	paths["/api/v1/schools/{npsn}/graduates/{id}/verify"] = map[string]any{
		"post": op("verifyGraduate", secSession, "Verify or reject a graduate's declared school, program and graduation (the school's BKK staff)",
			merge(map[string]any{"200": ok("The graduate", schemaRef("Graduate"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{npsnParam, idParam}, "requestBody": jsonBody(schemaRef("VerifyInput"))}),
	}
	paths["/api/v1/schools/{npsn}/applications"] = map[string]any{
		"get": op("listSchoolApplications", secSession, "Applications of the school's verified graduates: status only, a phone only when shared with that application (the school's BKK staff)",
			merge(map[string]any{"200": ok("The applications", list("GraduateApplication"))}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{npsnParam}}),
	}
	paths["/api/v1/schools/{npsn}/vacancies"] = map[string]any{
		"post": op("postSchoolVacancy", secSession, "Publish a vacancy of a verified partner company through the school's BKK (its staff); optionally only for the school's verified graduates",
			merge(map[string]any{"201": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{npsnParam}, "requestBody": jsonBody(schemaRef("SchoolVacancyInput"))}),
	}
	paths["/api/v1/me/graduation"] = map[string]any{
		"get": op("getMyGraduation", secSession, "One's declared SMK graduation, its verification and the tracer wave due now",
			merge(map[string]any{"200": ok("The graduation", schemaRef("Graduate"))}, errors4xx("401", "403", "404", "422")), nil),
		"post": op("declareGraduation", secSession, "Declare one's SMK (NPSN), program and graduation month (job seeker); the school's BKK verifies it",
			merge(map[string]any{"200": ok("The graduation", schemaRef("Graduate"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("GraduationInput"))}),
	}
	paths["/api/v1/me/tracer"] = map[string]any{
		"post": op("answerTracer", secSession, "Answer the tracer study for the wave due now (a verified graduate, 6 or 12 months after graduation)",
			merge(map[string]any{"200": ok("The answer", schemaRef("TracerAnswer"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("TracerInput"))}),
	}
}
