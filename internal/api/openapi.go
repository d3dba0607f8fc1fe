package api

import (
	"net/http"
)

// The OpenAPI 3.1 document is built here as data, next to the route table,
// and a test checks that both list the same endpoints.

func obj(props map[string]any, required ...string) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func str(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
func integer() map[string]any        { return map[string]any{"type": "integer"} }
func schemaRef(name string) map[string]any {
	return map[string]any{"$ref": "#/components/schemas/" + name}
}
func arr(items any) map[string]any { return map[string]any{"type": "array", "items": items} }
func jsonBody(schema any) map[string]any {
	return map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
}
func ok(desc string, schema any) map[string]any {
	return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
}

var problemResp = map[string]any{"description": "Problem (RFC 9457)", "content": map[string]any{
	"application/problem+json": map[string]any{"schema": schemaRef("Problem")}}}

func errors4xx(codes ...string) map[string]any {
	m := map[string]any{}
	for _, c := range codes {
		m[c] = problemResp
	}
	return m
}

func op(summary string, responses map[string]any, extra map[string]any) map[string]any {
	o := map[string]any{"summary": summary, "responses": responses}
	for k, v := range extra {
		o[k] = v
	}
	return o
}

func merge(ms ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func qparam(name, desc string, schema map[string]any) map[string]any {
	return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
}

var idParam = map[string]any{"name": "id", "in": "path", "required": true, "schema": integer()}

// Document returns the OpenAPI document.
func Document() map[string]any {
	regionCodes := []string{"3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"}
	schemas := map[string]any{
		"Problem": obj(map[string]any{
			"type": str("problem type URI"), "title": str(""), "status": integer(), "detail": str(""),
			"errors": arr(obj(map[string]any{"field": str("input field"), "code": str("message id"), "detail": str("message in the requested language")}, "field", "code", "detail")),
		}, "type", "title", "status"),
		"User": obj(map[string]any{"id": integer(), "name": str(""), "login": str("+62… or email"), "roles": arr(str(""))}, "id", "name", "login", "roles"),
		"Region": obj(map[string]any{"code": str("Kemendagri code"), "name": str(""), "kind": str("kabupaten or kota"),
			"neighbors": arr(str("")), "umk": map[string]any{"type": "object", "additionalProperties": integer(), "description": "UMK by year, rupiah per month"}},
			"code", "name", "kind", "neighbors", "umk"),
		"Vacancy": obj(map[string]any{"id": integer(), "employer_id": integer(), "employer": str(""), "title": str(""),
			"kbji": str("KBJI 2014 unit group"), "skills": arr(str("skill code")), "education": str("minimum education code"),
			"region": map[string]any{"type": "string", "enum": regionCodes}, "openings": integer(), "hired": integer(),
			"wage_min": integer(), "wage_max": integer(), "contract": map[string]any{"type": "string", "enum": []string{"pkwt", "pkwtt", "harian", "magang"}},
			"closes_on": map[string]any{"type": "string", "format": "date"}, "description": str(""), "age_min": integer(), "age_max": integer(),
			"experience_years": integer(), "local_share_pct": integer(), "below_umk": map[string]any{"type": "boolean"},
			"status":       map[string]any{"type": "string", "enum": []string{"draft", "published", "closed", "filled"}},
			"published_at": map[string]any{"type": "string", "format": "date-time"}, "url": str("page URL path")},
			"id", "employer_id", "employer", "title", "kbji", "skills", "education", "region", "openings", "wage_min", "wage_max", "contract", "closes_on", "description", "status"),
		"VacancyInput": obj(map[string]any{"title": str(""), "kbji": str("KBJI 2014 unit group, 4 digits"), "skills": arr(str("skill code")),
			"education": str("education code"), "region": map[string]any{"type": "string", "enum": regionCodes}, "openings": integer(),
			"wage_min": map[string]any{"type": "integer", "description": "rupiah per month; at least the region's UMK"},
			"wage_max": integer(), "contract": map[string]any{"type": "string", "enum": []string{"pkwt", "pkwtt", "harian", "magang"}},
			"closes_on": map[string]any{"type": "string", "format": "date"}, "description": str(""), "age_min": integer(), "age_max": integer(),
			"experience_years": integer(), "local_share_pct": integer(), "below_umk": map[string]any{"type": "boolean", "description": "micro/small employers only"},
			"publish": map[string]any{"type": "boolean", "default": true}},
			"title", "kbji", "education", "region", "openings", "wage_min", "wage_max", "contract", "closes_on", "description"),
		"Applicant": obj(map[string]any{"application_id": integer(), "name": str(""), "age": integer(), "sex": map[string]any{"type": "string", "enum": []string{"L", "P"}},
			"domicile": str(""), "education": str(""), "skills": arr(str("")), "experience": str(""), "certificates": str(""),
			"expected_wage": integer(), "status": str(""), "status_reason": str(""), "note": str(""), "applied_at": map[string]any{"type": "string", "format": "date-time"}},
			"application_id", "name", "age", "sex", "status", "applied_at"),
		"Match": obj(map[string]any{"vacancy_id": integer(), "seeker_id": integer(), "title": str("vacancy title (recommendations)"),
			"employer": str(""), "region": str("workplace, or the candidate's domicile"), "candidate": str("masked name (candidates)"),
			"score": integer(), "max_score": integer(), "matched_skills": arr(str("")), "missing_skills": arr(str("")),
			"occupation_fit": map[string]any{"type": "string", "enum": []string{"unit_group", "minor_group", "sub_major_group", "none"}},
			"place":          map[string]any{"type": "string", "enum": []string{"same", "neighbour", "elsewhere"}},
			"wage_ok":        map[string]any{"type": "boolean"}, "contract_ok": map[string]any{"type": "boolean"}, "education_ok": map[string]any{"type": "boolean"}}),
		"Application": obj(map[string]any{"id": integer(), "vacancy_id": integer(), "vacancy_title": str(""), "employer": str(""),
			"status":        map[string]any{"type": "string", "enum": []string{"dikirim", "dilihat", "diseleksi", "wawancara", "ditawari", "diterima", "ditolak"}},
			"status_reason": str(""), "created_at": map[string]any{"type": "string", "format": "date-time"},
			"events": arr(obj(map[string]any{"status": str(""), "reason": str(""), "at": map[string]any{"type": "string", "format": "date-time"}}, "status", "at"))},
			"id", "vacancy_id", "status", "events"),
	}
	trainingSchemas(schemas, regionCodes)
	list := func(item string) map[string]any {
		return obj(map[string]any{"items": arr(schemaRef(item)), "total": integer()}, "items", "total")
	}
	paths := map[string]any{
		"/api/v1/openapi.json": map[string]any{"get": op("This document", map[string]any{"200": map[string]any{"description": "OpenAPI 3.1 document"}}, nil)},
		"/api/v1/session": map[string]any{
			"post": op("Log in: sets the session cookie", merge(map[string]any{"200": ok("The user", schemaRef("User"))}, errors4xx("400", "422")),
				map[string]any{"requestBody": jsonBody(obj(map[string]any{"login": str("mobile number or email"), "password": str("")}, "login", "password")),
					"description": "After 5 failures within 15 minutes for one login and address, the login is locked for 15 minutes (422 with code login_locked)."}),
			"delete": op("Log out", map[string]any{"204": map[string]any{"description": "Logged out"}}, nil),
		},
		"/api/v1/me":      map[string]any{"get": op("The logged-in user", merge(map[string]any{"200": ok("The user", schemaRef("User"))}, errors4xx("401")), nil)},
		"/api/v1/regions": map[string]any{"get": op("Banten's regencies and cities with UMK", map[string]any{"200": ok("Regions", obj(map[string]any{"items": arr(schemaRef("Region"))}, "items"))}, nil)},
		"/api/v1/vacancies": map[string]any{
			"get": op("Search open vacancies", merge(map[string]any{"200": ok("A page of vacancies", list("Vacancy"))}, errors4xx("422")),
				map[string]any{"parameters": []any{
					qparam("q", "words; \"quoted phrase\"; -excluded", str("")),
					qparam("region", "regency/city code", map[string]any{"type": "string", "enum": regionCodes}),
					qparam("kbji", "KBJI code or group prefix (1–4 digits)", str("")),
					qparam("education", "the seeker's education: vacancies asking at most this", str("")),
					qparam("min_wage", "offered maximum wage at least this (rupiah)", integer()),
					qparam("contract", "", map[string]any{"type": "string", "enum": []string{"pkwt", "pkwtt", "harian", "magang"}}),
					qparam("sort", "", map[string]any{"type": "string", "enum": []string{"relevance", "newest"}}),
					qparam("page", "from 1, at most 500", integer()),
					qparam("per_page", "1–100, default 20", integer()),
				}}),
			"post": op("Post a vacancy (verified employer)", merge(map[string]any{"201": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("400", "401", "403", "422")),
				map[string]any{"requestBody": jsonBody(schemaRef("VacancyInput"))}),
		},
		"/api/v1/vacancies/{id}": map[string]any{"get": op("One vacancy", merge(map[string]any{"200": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("404")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/vacancies/{id}/applications": map[string]any{
			"get": op("Applicants of a vacancy (its employer only; never the NIK)", merge(map[string]any{"200": ok("Applicants", list("Applicant"))}, errors4xx("401", "403", "404")),
				map[string]any{"parameters": []any{idParam}}),
			"post": op("Apply (job seeker with a valid AK/1 card)", merge(map[string]any{"201": ok("The application", schemaRef("Application"))}, errors4xx("400", "401", "403", "404", "422")),
				map[string]any{"parameters": []any{idParam}, "requestBody": map[string]any{"required": false, "content": map[string]any{"application/json": map[string]any{"schema": obj(map[string]any{"note": str("message to the employer")})}}}}),
		},
		"/api/v1/me/recommendations": map[string]any{"get": op("Open vacancies ranked for me, with reasons, and the skills that would open near-miss vacancies",
			merge(map[string]any{"200": ok("Recommendations", obj(map[string]any{"items": arr(schemaRef("Match")),
				"skill_gaps": arr(obj(map[string]any{"skill": str("skill code"), "opens": integer()}))}))}, errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("limit", "1–100, default 20", integer())}})},
		"/api/v1/vacancies/{id}/candidates": map[string]any{"get": op("Discoverable job seekers ranked for an open vacancy (its employer only; masked names)",
			merge(map[string]any{"200": ok("Candidates", obj(map[string]any{"items": arr(schemaRef("Match"))}))}, errors4xx("401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam, qparam("limit", "1–100, default 20", integer())}})},
		"/api/v1/vacancies/{id}/invitations": map[string]any{"post": op("Invite a candidate to apply (its employer; the seeker decides)",
			merge(map[string]any{"201": ok("The invitation", obj(map[string]any{"vacancy_id": integer(), "seeker_id": integer(), "status": str("diundang")}))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"seeker_id": integer()}, "seeker_id"))})},
		"/api/v1/skill-gaps": map[string]any{"get": op("Skills most asked for by open vacancies and least held by registered job seekers (petugas, analis)",
			merge(map[string]any{"200": ok("Skill gaps", obj(map[string]any{"region": str("regency/city code, empty for the province"),
				"items": arr(obj(map[string]any{"skill": str(""), "vacancies": integer(), "openings": integer(), "seekers": integer(), "ratio": map[string]any{"type": "number"}}))}))},
				errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("region", "4-digit regency/city code; omit for the province", str("")), qparam("limit", "1–400, default 30", integer())}})},
		"/api/v1/me/applications": map[string]any{"get": op("My applications with their status timelines", merge(map[string]any{"200": ok("Applications", list("Application"))}, errors4xx("401", "403")), nil)},
		"/api/v1/applications/{id}/status": map[string]any{"post": op("Move an application (its employer)", merge(map[string]any{"200": ok("The application", schemaRef("Application"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"status": str("dilihat, diseleksi, wawancara, ditawari or ditolak"), "reason": str("required for ditolak")}, "status"))})},
		"/api/v1/applications/{id}/placement": map[string]any{"post": op("Report the hire (lapor penempatan)", merge(map[string]any{"201": ok("The placement", obj(map[string]any{"id": integer(), "application_id": integer(), "vacancy_id": integer(), "start_date": str(""), "wage": integer()}))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"start_date": map[string]any{"type": "string", "format": "date"}, "wage": integer()}, "start_date", "wage"))})},
	}
	for k, v := range trainingPaths(list) {
		paths[k] = v
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "bursa API", "version": "1",
			"description": "Bursa kerja terbuka Provinsi Banten. Authentication: POST /api/v1/session sets an HttpOnly session cookie. Errors are RFC 9457 problem details; validation errors answer 422 with errors[]. Send Accept-Language: en for English messages."},
		"servers":    []any{map[string]any{"url": "/"}},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas, "securitySchemes": map[string]any{"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "bursa_session"}}},
	}
}

func (s *Server) openapi(w http.ResponseWriter, c *call) error {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, Document())
}

// The training part of the OpenAPI document.

func boolean() map[string]any { return map[string]any{"type": "boolean"} }
func dateStr() map[string]any { return map[string]any{"type": "string", "format": "date"} }
func timeStr() map[string]any { return map[string]any{"type": "string", "format": "date-time"} }
func ids() map[string]any     { return arr(integer()) }
func criterion() map[string]any {
	return map[string]any{"type": "string", "enum": []string{"dtks", "domisili", "menganggur", "muda"}}
}

func trainingSchemas(schemas map[string]any, regionCodes []string) {
	region := map[string]any{"type": "string", "enum": regionCodes}
	programProps := func() map[string]any {
		return map[string]any{"title": str(""), "description": str(""), "skills": arr(str("skill code")),
			"occupations": arr(str("KBJI 2014 unit group, 4 digits")), "hours": integer(), "schedule": str(""), "region": region,
			"seats": map[string]any{"type": "integer", "description": "per intake round"},
			"fee":   map[string]any{"type": "integer", "description": "rupiah; 0 = free"},
			"fee_waived_for": map[string]any{"type": "string", "enum": []string{"", "dtks", "domisili", "menganggur", "muda"},
				"description": "a priority criterion whose holders pay nothing"},
			"certificate_scheme": str("BNSP certification scheme; empty = none"), "age_min": integer(), "age_max": integer(),
			"education_min": str("education code; empty = none"), "regions": arr(region),
			"priority":   map[string]any{"type": "array", "items": criterion(), "description": "ordered priority criteria"},
			"tags":       arr(str("lowercase letters, digits, hyphens; youth programs: muda-berdaya, gen-banten")),
			"partner_id": integer(), "partner_interviews": integer(), "partner_hires": integer()}
	}
	pp := programProps()
	for k, v := range map[string]any{"id": integer(), "provider_id": integer(), "provider": str(""),
		"provider_kind": map[string]any{"type": "string", "enum": []string{"blk", "lpk", "smk", "industri"}}, "url": str("page URL path"),
		"round_id": integer(), "round_title": str(""), "closes_at": timeStr(),
		"ineligible": str("for a logged-in seeker: the message id of the rule they fail, empty when they may apply")} {
		pp[k] = v
	}
	schemas["Program"] = obj(pp, "id", "provider_id", "title", "skills", "hours", "region", "seats", "fee", "priority")
	in := programProps()
	in["provider_id"] = map[string]any{"type": "integer", "description": "required when creating; a provider the caller is staff of"}
	schemas["ProgramInput"] = obj(in, "title", "description", "skills", "hours", "region", "seats")
	schemas["Key"] = obj(map[string]any{
		"class":        map[string]any{"type": "integer", "description": "priority class: index of the first criterion of the program's order met; its length = none"},
		"criterion":    str("the criterion of the class, or none"),
		"lottery":      map[string]any{"type": "string", "pattern": "^[0-9]+$", "description": "uint64 lottery number as a decimal string; lower wins"},
		"applicant_id": integer()}, "class", "lottery", "applicant_id")
	schemas["Round"] = obj(map[string]any{"id": integer(), "provider_id": map[string]any{"type": "integer", "description": "0 = province-wide"},
		"title": str(""), "opens_at": timeStr(), "closes_at": timeStr(), "open": boolean(),
		"seed_hash": str("hex SHA-256 of the lottery seed, published from the opening"),
		"seed":      str("hex lottery seed, revealed once allocated"), "allocated_at": timeStr(), "applicants": integer(),
		"proposals": integer(), "url": str("page URL path"),
		"programs": arr(obj(map[string]any{"program_id": integer(), "title": str(""), "provider": str(""), "seats": integer(),
			"admitted": integer(), "full": boolean(), "cutoff": map[string]any{"oneOf": []any{schemaRef("Key"), map[string]any{"type": "null"}},
				"description": "the worst admitted key of a full program"}}, "program_id", "seats"))},
		"id", "title", "closes_at", "seed_hash", "programs")
	rate := obj(map[string]any{"n": integer(), "of": integer(), "percent": map[string]any{"type": []string{"number", "null"}}}, "n", "of")
	schemas["Outcome"] = obj(map[string]any{"programs": integer(), "enrolled": integer(), "completed": integer(), "certified": integer(),
		"completion": rate, "certification": rate,
		"placed_within_3_months": rate, "placed_within_6_months": rate,
		"median_wage": map[string]any{"type": []string{"integer", "null"}, "description": "rupiah per month at first placement"},
		"wages":       integer(), "partner_interview_places": integer(), "partner_hire_places": integer(), "partner_hires": integer()})
	schemas["Appeal"] = obj(map[string]any{"id": integer(), "round_id": integer(), "seeker_id": integer(), "seeker": str("name (providers and officers)"),
		"body": str(""), "filed_at": timeStr(), "decided": boolean(), "upheld": map[string]any{"type": []string{"boolean", "null"}},
		"decision": str(""), "decided_by": str(""), "decided_at": timeStr()}, "id", "round_id", "body", "decided")
	schemas["Enrollment"] = obj(map[string]any{"id": integer(), "program_id": integer(), "round_id": integer(), "seeker_id": integer(),
		"name": str(""), "enrolled_on": dateStr(), "attendance_percent": map[string]any{"type": []string{"integer", "null"}},
		"sessions_attended": integer(), "sessions_held": integer(), "completed_on": dateStr(),
		"certificate_number": str("BNSP certificate number"), "certified_on": dateStr()}, "id", "program_id", "round_id", "enrolled_on")
	schemas["TrainingApplication"] = obj(map[string]any{"round_id": integer(), "programs": ids(), "dtks": boolean(),
		"unemployed_since": dateStr(), "submitted_at": timeStr()}, "round_id", "programs")
}

func trainingPaths(list func(string) map[string]any) map[string]any {
	enrollmentOp := func(summary string, body map[string]any, required ...string) map[string]any {
		return map[string]any{"post": op(summary, merge(map[string]any{"200": ok("The enrollment", schemaRef("Enrollment"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(body, required...))})}
	}
	return map[string]any{
		"/api/v1/training/programs": map[string]any{
			"get": op("Training programs taking applications now", merge(map[string]any{"200": ok("Open programs", list("Program"))}, errors4xx("422")),
				map[string]any{"parameters": []any{
					qparam("region", "regency/city where it is held", str("")), qparam("skill", "a skill it teaches", str("")),
					qparam("tag", "program tag", str("")), qparam("free", "true: free, or free for some group", boolean())}}),
			"post": op("Create a program (staff of the provider)", merge(map[string]any{"201": ok("The program", schemaRef("Program"))}, errors4xx("400", "401", "403", "422")),
				map[string]any{"requestBody": jsonBody(schemaRef("ProgramInput"))}),
		},
		"/api/v1/training/programs/{id}": map[string]any{
			"get": op("A program, the open vacancies that need its skills, and its outcome", merge(map[string]any{"200": ok("Program",
				obj(map[string]any{"program": schemaRef("Program"),
					"demand":  obj(map[string]any{"vacancies": integer(), "openings": integer(), "top": arr(schemaRef("Vacancy"))}),
					"outcome": schemaRef("Outcome")}))}, errors4xx("404")),
				map[string]any{"parameters": []any{idParam}}),
			"put": op("Change a program (staff; its rules stay while it is in a round not yet allocated)", merge(map[string]any{"200": ok("The program", schemaRef("Program"))}, errors4xx("400", "401", "403", "404", "422")),
				map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ProgramInput"))}),
		},
		"/api/v1/training/programs/{id}/roster": map[string]any{"get": op("Participants of a program (staff)",
			merge(map[string]any{"200": ok("Roster", list("Enrollment"))}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/programs/{id}/enrollments": map[string]any{"post": op("Enroll one seat holder (seeker_id), or every seat holder of an allocated round not yet enrolled",
			merge(map[string]any{"201": ok("The enrollment", schemaRef("Enrollment")), "200": ok("How many were enrolled", obj(map[string]any{"enrolled": integer()}))},
				errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"round_id": integer(), "seeker_id": integer()}, "round_id"))})},
		"/api/v1/training/providers": map[string]any{"get": op("Training providers; staff is true for those the caller acts for",
			map[string]any{"200": ok("Providers", obj(map[string]any{"items": arr(obj(map[string]any{"id": integer(), "kind": str(""), "name": str(""),
				"region": str(""), "address": str(""), "employer_id": integer(), "staff": boolean()})), "total": integer()}))}, nil)},
		"/api/v1/training/providers/{id}/outcomes": map[string]any{"get": op("Outcome of each of a provider's programs (its staff; petugas, analis)",
			merge(map[string]any{"200": ok("Outcomes", obj(map[string]any{"provider_id": integer(), "total": schemaRef("Outcome"),
				"items": arr(obj(map[string]any{"program_id": integer(), "title": str(""), "partner_id": integer(), "outcome": schemaRef("Outcome")}))}))},
				errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/rounds": map[string]any{"post": op("Open an intake round: a provider's (its staff) or province-wide (provider_id 0, petugas). The lottery seed is drawn and sealed; its hash is published",
			merge(map[string]any{"201": ok("The round", schemaRef("Round"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(obj(map[string]any{"provider_id": integer(), "title": str(""), "programs": ids(), "closes_at": timeStr()}, "title", "programs", "closes_at"))})},
		"/api/v1/training/rounds/{id}": map[string]any{"get": op("An intake round; once allocated, with the revealed seed and each program's cutoff",
			merge(map[string]any{"200": ok("The round", schemaRef("Round"))}, errors4xx("404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/rounds/{id}/applications": map[string]any{"post": op("Rank up to 5 programs in an open round (job seeker); replaces an earlier application",
			merge(map[string]any{"201": ok("The application", schemaRef("TrainingApplication"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"programs": ids(), "dtks": boolean(),
				"unemployed_since": dateStr()}, "programs"))})},
		"/api/v1/training/rounds/{id}/allocation": map[string]any{"post": op("Allocate a closed round's seats by deferred acceptance (its provider's staff; petugas for a province-wide round)",
			merge(map[string]any{"200": ok("The allocated round", schemaRef("Round"))}, errors4xx("401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/rounds/{id}/appeals": map[string]any{"post": op("Appeal against an allocated round's result (an applicant; one per round)",
			merge(map[string]any{"201": ok("The appeal", schemaRef("Appeal"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"body": str("at least 10 characters")}, "body"))})},
		"/api/v1/training/appeals": map[string]any{"get": op("Appeals the caller handles: their providers' (lembaga) and province-wide rounds' (petugas)",
			merge(map[string]any{"200": ok("Appeals", obj(map[string]any{"items": arr(obj(map[string]any{"appeal": schemaRef("Appeal"), "may_decide": boolean()})), "total": integer()}))},
				errors4xx("401", "403")),
			map[string]any{"parameters": []any{qparam("pending", "true: undecided only", boolean())}})},
		"/api/v1/training/appeals/{id}/decision": map[string]any{"post": op("Decide an appeal, with reasons the applicant reads; final",
			merge(map[string]any{"200": ok("The appeal", schemaRef("Appeal"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"upheld": boolean(), "decision": str("")}, "upheld", "decision"))})},
		"/api/v1/training/enrollments/{id}/attendance": enrollmentOp("Record attendance: a percentage, or sessions attended of sessions held (staff)",
			map[string]any{"percent": integer(), "attended": integer(), "held": integer()}),
		"/api/v1/training/enrollments/{id}/completion": enrollmentOp("Record completion (staff)", map[string]any{"completed_on": dateStr()}, "completed_on"),
		"/api/v1/training/enrollments/{id}/certificate": enrollmentOp("Record the BNSP certificate of a participant who completed (staff)",
			map[string]any{"number": str(""), "certified_on": dateStr()}, "number", "certified_on"),
		"/api/v1/training/outcomes": map[string]any{"get": op("Training outcomes per regency/city (petugas, analis)",
			merge(map[string]any{"200": ok("Outcomes", obj(map[string]any{"items": arr(obj(map[string]any{"region": str(""), "name": str(""), "outcome": schemaRef("Outcome")}))}))},
				errors4xx("401", "403")), nil)},
		"/api/v1/me/training": map[string]any{"get": op("My rounds with application, result (seat, lottery, each ranked program's cutoff) and appeal; my enrollments",
			merge(map[string]any{"200": ok("My training", obj(map[string]any{
				"rounds": arr(obj(map[string]any{"round": schemaRef("Round"), "application": schemaRef("TrainingApplication"), "appeal": schemaRef("Appeal"),
					"result": obj(map[string]any{"program_id": map[string]any{"type": []string{"integer", "null"}, "description": "the seat; null = none"},
						"applicant_id": integer(), "lottery": str("decimal uint64"), "seed": str("hex"), "seed_hash": str("hex"),
						"choices": arr(obj(map[string]any{"preference": integer(), "program_id": integer(), "title": str(""), "key": schemaRef("Key"),
							"seated": boolean(), "seats": integer(), "admitted": integer(), "full": boolean(), "cutoff": schemaRef("Key"), "admits": boolean()}))})})),
				"enrollments": arr(schemaRef("Enrollment"))}))}, errors4xx("401", "403")), nil)},
	}
}
