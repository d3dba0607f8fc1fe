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
