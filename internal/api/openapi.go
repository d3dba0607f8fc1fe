package api

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/idempotency"
)

// The OpenAPI 3.1 document is built here as data, next to the route table.
// Tests keep it true to the code: it lists the same endpoints as the table
// (openapi_test.go), its security requirements match who answers 401, its
// schemas match the JSON types the handlers encode (openapi_schema_test.go),
// and the Go client generated from it (package apiclient, refreshed with
// go generate ./internal/api/apiclient) drives the running app
// (openapi_client_test.go). For redocly's lint:
//
//	go run ./internal/api/apiclient/gen -o /dev/null -openapi /tmp/openapi.json
//	npx @redocly/cli lint /tmp/openapi.json

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

// orNull is s or JSON null (OpenAPI 3.1 has no nullable keyword).
func orNull(s map[string]any, desc string) map[string]any {
	return map[string]any{"oneOf": []any{s, map[string]any{"type": "null"}}, "description": desc}
}
func arr(items any) map[string]any { return map[string]any{"type": "array", "items": items} }
func jsonBody(schema any) map[string]any {
	return map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
}

// sent lists the members that the JSON encoding of v always carries, as the
// required list of a response schema: a generated client then types them as
// present (no pointer, no undefined check). encoding/json leaves out an
// omitempty member when it is empty, but never a struct value.
// TestOpenAPISchemasMatchJSONTypes checks the schemas against the same types
// without this helper.
func sent(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" {
			out = append(out, sent(reflect.Zero(f.Type).Interface())...)
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Struct {
			continue
		}
		out = append(out, name)
	}
	return out
}

// withFiles is a request body that is either JSON (evidence as base64) or
// multipart/form-data (the JSON in a part named complaint, each file a part
// named files).
func withFiles(schema any) map[string]any {
	return map[string]any{"required": true, "content": map[string]any{
		"application/json": map[string]any{"schema": schema},
		"multipart/form-data": map[string]any{
			"schema":   obj(map[string]any{"complaint": schema, "files": arr(map[string]any{"type": "string", "contentMediaType": "application/octet-stream"})}, "complaint"),
			"encoding": map[string]any{"complaint": map[string]any{"contentType": "application/json"}},
		},
	}}
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

// Every operation states its security requirement, so a client generator
// knows which calls carry the session cookie (components.securitySchemes
// .session, set by POST /api/v1/session). There is no document-wide default:
// an operation added without one fails TestOpenAPIOperations.
var (
	// secPublic: anyone; a session changes nothing.
	secPublic = []any{}
	// secOptional: anyone, and a session adds to the answer (one's own
	// drafts, eligibility, staff flags) or replaces a tracking PIN.
	secOptional = []any{map[string]any{}, map[string]any{"session": []string{}}}
	// secSession: a logged-in user; without the cookie the answer is 401.
	secSession = []any{map[string]any{"session": []string{}}}
)

// op is one operation. Its id is the stable operationId that generated
// clients name their methods after: camelCase, unique, never renamed lightly.
func op(id string, security []any, summary string, responses map[string]any, extra map[string]any) map[string]any {
	o := map[string]any{"operationId": id, "security": security, "summary": summary, "responses": responses}
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
			"errors": arr(obj(map[string]any{"field": str("input field"), "code": str("message id"), "detail": str("message in the requested language")}, sent(FieldError{})...)),
		}, sent(Problem{})...),
		"User": obj(map[string]any{"id": integer(), "name": str(""), "login": str("+62… or email"), "roles": arr(str(""))}, sent(UserJSON{})...),
		"Region": obj(map[string]any{"code": str("Kemendagri code"), "name": str(""), "kind": str("kabupaten or kota"),
			"neighbors": arr(str("")), "umk": map[string]any{"type": "object", "additionalProperties": integer(), "description": "UMK by year, rupiah per month"}},
			sent(RegionJSON{})...),
		"Vacancy": obj(map[string]any{"id": integer(), "employer_id": integer(), "employer": str(""), "title": str(""),
			"kbji": str("KBJI 2014 unit group"), "skills": arr(str("skill code")), "education": str("minimum education code"),
			"region": schemaRef("RegionCode"), "openings": integer(), "hired": integer(),
			"wage_min": integer(), "wage_max": integer(), "contract": schemaRef("Contract"),
			"closes_on": map[string]any{"type": "string", "format": "date"}, "description": str(""), "age_min": integer(), "age_max": integer(),
			"experience_years": integer(), "local_share_pct": integer(), "below_umk": map[string]any{"type": "boolean"},
			"status":       map[string]any{"type": "string", "enum": []string{"draft", "published", "closed", "filled"}},
			"published_at": map[string]any{"type": "string", "format": "date-time"}, "url": str("page URL path")},
			sent(VacancyJSON{})...),
		"VacancyInput": obj(map[string]any{"title": str(""), "kbji": str("KBJI 2014 unit group, 4 digits"), "skills": arr(str("skill code")),
			"education": str("education code"), "region": schemaRef("RegionCode"), "openings": integer(),
			"wage_min": map[string]any{"type": "integer", "description": "rupiah per month; at least the region's UMK"},
			"wage_max": integer(), "contract": schemaRef("Contract"),
			"closes_on": map[string]any{"type": "string", "format": "date"}, "description": str(""), "age_min": integer(), "age_max": integer(),
			"experience_years": integer(), "local_share_pct": integer(), "below_umk": map[string]any{"type": "boolean", "description": "micro/small employers only"},
			"publish": map[string]any{"type": "boolean", "default": true}},
			"title", "kbji", "education", "region", "openings", "wage_min", "wage_max", "contract", "closes_on", "description"),
		"Applicant": obj(map[string]any{"application_id": integer(), "name": str(""), "age": map[string]any{"type": "integer", "description": "the age the applicant reaches this year, from the birth year alone"}, "sex": map[string]any{"type": "string", "enum": []string{"L", "P"}},
			"domicile": str(""), "education": str(""), "skills": arr(str("")), "experience": str(""), "certificates": str(""),
			"expected_wage": integer(), "status": str(""), "status_reason": str(""), "note": str(""), "applied_at": map[string]any{"type": "string", "format": "date-time"}},
			sent(ApplicantJSON{})...),
		"Match": obj(map[string]any{"vacancy_id": integer(), "seeker_id": integer(), "title": str("vacancy title (recommendations)"),
			"employer": str(""), "region": str("workplace, or the candidate's domicile"), "candidate": str("masked name (candidates)"),
			"score": integer(), "max_score": integer(), "matched_skills": arr(str("")), "missing_skills": arr(str("")),
			"occupation_fit": map[string]any{"type": "string", "enum": []string{"unit_group", "minor_group", "sub_major_group", "none"}},
			"place":          map[string]any{"type": "string", "enum": []string{"same", "neighbour", "elsewhere"}},
			"wage_ok":        map[string]any{"type": "boolean"}, "contract_ok": map[string]any{"type": "boolean"}, "education_ok": map[string]any{"type": "boolean"}},
			sent(MatchJSON{})...),
		"Application": obj(map[string]any{"id": integer(), "vacancy_id": integer(), "vacancy_title": str(""), "employer": str(""),
			"status":        map[string]any{"type": "string", "enum": []string{"dikirim", "dilihat", "diseleksi", "wawancara", "ditawari", "diterima", "ditolak"}},
			"status_reason": str(""), "created_at": map[string]any{"type": "string", "format": "date-time"},
			"events": arr(obj(map[string]any{"status": str(""), "reason": str(""), "at": map[string]any{"type": "string", "format": "date-time"}}, sent(EventJSON{})...))},
			sent(ApplicationJSON{})...),
	}
	// Values used in several places are named schemas, so that a generated
	// client has one type for them (a case's state is the filter's state).
	schemas["RegionCode"] = map[string]any{"type": "string", "enum": regionCodes, "description": "Kemendagri code of one of Banten's regencies and cities"}
	schemas["Contract"] = map[string]any{"type": "string", "enum": []string{"pkwt", "pkwtt", "harian", "magang"},
		"description": "pkwt: fixed-term; pkwtt: permanent; harian: daily; magang: apprenticeship"}
	trainingSchemas(schemas)
	complaintSchemas(schemas)
	list := func(item string) map[string]any {
		return obj(map[string]any{"items": arr(schemaRef(item)), "total": integer()}, "items", "total")
	}
	paths := map[string]any{
		"/api/v1/openapi.json": map[string]any{"get": op("getOpenAPIDocument", secPublic, "This document", map[string]any{"200": map[string]any{"description": "OpenAPI 3.1 document"}}, nil)},
		"/api/v1/session": map[string]any{
			"post": op("login", secPublic, "Log in: sets the session cookie", merge(map[string]any{"200": ok("The user", schemaRef("User"))}, errors4xx("400", "422", "429")),
				map[string]any{"requestBody": jsonBody(obj(map[string]any{"login": str("mobile number or email"), "password": str("")}, "login", "password")),
					"description": "Throttled as OWASP advises: after 5 failures within 15 minutes an account is slowed down (each further failure doubles the wait, 15 s up to 15 min) except from a device it logged in from before; 20 failures from one address lock the address for 15 minutes. Both answer 429 with Retry-After. A wrong login or password is 422 (login_wrong)."}),
			"delete": op("logout", secOptional, "Log out", map[string]any{"204": map[string]any{"description": "Logged out"}}, nil),
		},
		"/api/v1/me":      map[string]any{"get": op("getMe", secSession, "The logged-in user", merge(map[string]any{"200": ok("The user", schemaRef("User"))}, errors4xx("401")), nil)},
		"/api/v1/regions": map[string]any{"get": op("listRegions", secPublic, "Banten's regencies and cities with UMK", map[string]any{"200": ok("Regions", obj(map[string]any{"items": arr(schemaRef("Region"))}, "items"))}, nil)},
		"/api/v1/vacancies": map[string]any{
			"get": op("listVacancies", secPublic, "Search open vacancies", merge(map[string]any{"200": ok("A page of vacancies", obj(map[string]any{"items": arr(schemaRef("Vacancy")), "total": integer(),
				"page": integer(), "per_page": integer()}, "items", "total", "page", "per_page"))}, errors4xx("422")),
				map[string]any{"parameters": []any{
					qparam("q", "words; \"quoted phrase\"; -excluded", str("")),
					qparam("region", "regency/city code", schemaRef("RegionCode")),
					qparam("kbji", "KBJI code or group prefix (1–4 digits)", str("")),
					qparam("education", "the seeker's education: vacancies asking at most this", str("")),
					qparam("min_wage", "offered maximum wage at least this (rupiah)", integer()),
					qparam("contract", "", schemaRef("Contract")),
					qparam("sort", "", map[string]any{"type": "string", "enum": []string{"relevance", "newest"}}),
					qparam("page", "from 1, at most 500", integer()),
					qparam("per_page", "1–100, default 20", integer()),
				}}),
			"post": op("createVacancy", secSession, "Post a vacancy (verified employer)", merge(map[string]any{"201": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("400", "401", "403", "422")),
				map[string]any{"requestBody": jsonBody(schemaRef("VacancyInput"))}),
		},
		"/api/v1/vacancies/{id}": map[string]any{"get": op("getVacancy", secOptional, "One vacancy", merge(map[string]any{"200": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("404")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/vacancies/{id}/applications": map[string]any{
			"get": op("listVacancyApplicants", secSession, "Applicants of a vacancy (its employer only; never the NIK)", merge(map[string]any{"200": ok("Applicants", list("Applicant"))}, errors4xx("401", "403", "404")),
				map[string]any{"parameters": []any{idParam}}),
			"post": op("applyToVacancy", secSession, "Apply (job seeker with a valid AK/1 card)", merge(map[string]any{"201": ok("The application", schemaRef("Application"))}, errors4xx("400", "401", "403", "404", "422")),
				map[string]any{"parameters": []any{idParam}, "requestBody": map[string]any{"required": false, "content": map[string]any{"application/json": map[string]any{"schema": obj(map[string]any{"note": str("message to the employer")})}}}}),
		},
		"/api/v1/vacancies/{id}/applications/seen": map[string]any{
			"post": op("markApplicationsSeen", secSession, "Tell the vacancy's new applicants their application was seen (dilihat); reading the applicants changes nothing",
				merge(map[string]any{"200": ok("How many were marked", obj(map[string]any{"marked": integer()}, "marked"))}, errors4xx("401", "403", "404")),
				map[string]any{"parameters": []any{idParam}}),
		},
		"/api/v1/me/recommendations": map[string]any{"get": op("listMyRecommendations", secSession, "Open vacancies ranked for me, with reasons, and the skills that would open near-miss vacancies",
			merge(map[string]any{"200": ok("Recommendations", obj(map[string]any{"items": arr(schemaRef("Match")),
				"skill_gaps": arr(obj(map[string]any{"skill": str("skill code"), "opens": integer()}, "skill", "opens"))}, "items", "skill_gaps"))}, errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("limit", "1–100, default 20", integer())}})},
		"/api/v1/vacancies/{id}/candidates": map[string]any{"get": op("listVacancyCandidates", secSession, "Discoverable job seekers ranked for an open vacancy (its employer only; masked names)",
			merge(map[string]any{"200": ok("Candidates", obj(map[string]any{"items": arr(schemaRef("Match"))}, "items"))}, errors4xx("401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam, qparam("limit", "1–100, default 20", integer())}})},
		"/api/v1/vacancies/{id}/invitations": map[string]any{"post": op("inviteCandidate", secSession, "Invite a candidate to apply (its employer; the seeker decides)",
			merge(map[string]any{"201": ok("The invitation", obj(map[string]any{"vacancy_id": integer(), "seeker_id": integer(), "status": str("diundang")}, "vacancy_id", "seeker_id", "status"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"seeker_id": integer()}, "seeker_id"))})},
		"/api/v1/skill-gaps": map[string]any{"get": op("listSkillGaps", secSession, "Skills most asked for by open vacancies and least held by registered job seekers (petugas, analis)",
			merge(map[string]any{"200": ok("Skill gaps", obj(map[string]any{"region": str("regency/city code, empty for the province"),
				"items": arr(obj(map[string]any{"skill": str(""), "vacancies": integer(), "openings": integer(), "seekers": integer(), "ratio": map[string]any{"type": "number"}}, "skill", "vacancies", "openings", "seekers", "ratio"))}, "region", "items"))},
				errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("region", "4-digit regency/city code; omit for the province", str("")), qparam("limit", "1–400, default 30", integer())}})},
		"/api/v1/reports/vacancies": map[string]any{"get": op("getVacancyReport", secSession, "The vacancy report of Perpres 57/2023: every vacancy open in the period with its requirements, wage, place and placements (an employer: its own; petugas, analis: the province)",
			merge(map[string]any{"200": map[string]any{"description": "The report", "content": map[string]any{
				"application/json": map[string]any{"schema": obj(map[string]any{"from": str("YYYY-MM-DD"), "to": str("YYYY-MM-DD"), "region": str("regency/city code, empty for the province"),
					"items": arr(map[string]any{"allOf": []any{schemaRef("Vacancy"), obj(map[string]any{"nib": str(""), "kbli_section": str(""), "kbli_version": str(""),
						"closed_at": str("when it stopped taking applications: closed early by the employer, or filled"), "placed": integer(),
						"placed_female": integer(), "placed_local": integer(), "withheld": map[string]any{"type": "boolean", "description": "fewer than 5 placed in a report on other employers' vacancies: women, local residents, wages and start dates are left out"},
						"local_share_placed_pct": integer(), "placed_wage_min": integer(), "placed_wage_max": integer(),
						"first_start_on": str("YYYY-MM-DD"), "filled_on": str("YYYY-MM-DD")})}}), "totals": arr(obj(map[string]any{"region": str("empty for the province"), "employers": integer(),
						"vacancies": integer(), "openings": integer(), "placed": integer(),
						"placed_shown":  map[string]any{"type": "integer", "description": "the part of placed that placed_female and placed_local count: vacancies withheld for having fewer than 5 hires are left out"},
						"placed_female": integer(), "placed_local": integer()}))})},
				"text/csv": map[string]any{"schema": str("one row per vacancy; columns in docs/reports.md")}}}},
				errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("from", "first day, YYYY-MM-DD; default 1 January of this year", str("")), qparam("to", "last day, YYYY-MM-DD; default today; at most 366 days after from", str("")),
				qparam("region", "4-digit regency/city code (officials only); omit for the province", str("")), qparam("format", "json (default) or csv", str(""))}})},
		"/api/v1/me/applications": map[string]any{"get": op("listMyApplications", secSession, "My applications with their status timelines", merge(map[string]any{"200": ok("Applications", list("Application"))}, errors4xx("401", "403")), nil)},
		"/api/v1/applications/{id}/status": map[string]any{"post": op("moveApplication", secSession, "Move an application (its employer)", merge(map[string]any{"200": ok("The application", schemaRef("Application"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"status": str("dilihat, diseleksi, wawancara, ditawari or ditolak"), "reason": str("required for ditolak")}, "status"))})},
		"/api/v1/applications/{id}/placement": map[string]any{"post": op("reportPlacement", secSession, "Report the hire (lapor penempatan)", merge(map[string]any{"201": ok("The placement", obj(map[string]any{"id": integer(), "application_id": integer(), "vacancy_id": integer(), "start_date": dateStr(), "wage": integer()}, "id", "application_id", "vacancy_id", "start_date", "wage"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"start_date": map[string]any{"type": "string", "format": "date"}, "wage": integer()}, "start_date", "wage"))})},
	}
	for k, v := range trainingPaths(list) {
		paths[k] = v
	}
	for k, v := range complaintPaths(list) {
		paths[k] = v
	}
	withIdempotencyKey(paths)
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "bursa API", "version": "1",
			"description": "Bursa kerja terbuka Provinsi Banten. Authentication: POST /api/v1/session sets an HttpOnly session cookie. Errors are RFC 9457 problem details; validation errors answer 422 with errors[]. Send Accept-Language: en for English messages."},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{"schemas": schemas, "securitySchemes": map[string]any{"session": map[string]any{"type": "apiKey", "in": "cookie", "name": app.SessionCookie,
			"description": "HttpOnly cookie set by POST /api/v1/session and ended by DELETE /api/v1/session"}}},
	}
}

// withIdempotencyKey documents the Idempotency-Key header on every create
// (every POST but the login), as Routes applies it.
func withIdempotencyKey(paths map[string]any) {
	param := map[string]any{"name": "Idempotency-Key", "in": "header", "required": false,
		"description": "A unique key (e.g. a UUID) per create: a retry with the same key within 24 hours gets the first answer back " +
			"(with the header Idempotent-Replayed: true) and writes nothing new; the same key with another body is 422 " +
			"(idempotency_key_reused); while the first request still runs, 409.",
		"schema": map[string]any{"type": "string", "minLength": 1, "maxLength": idempotency.MaxKey}}
	for path, item := range paths {
		post, ok := item.(map[string]any)["post"].(map[string]any)
		if !ok || path == "/api/v1/session" {
			continue
		}
		params, _ := post["parameters"].([]any)
		post["parameters"] = append(params, param)
		if responses, ok := post["responses"].(map[string]any); ok {
			responses["409"] = problemResp
		}
	}
}

func (s *Server) openapi(w http.ResponseWriter, c *call) error {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, Document())
}

// The training part of the OpenAPI document.

func boolean() map[string]any   { return map[string]any{"type": "boolean"} }
func dateStr() map[string]any   { return map[string]any{"type": "string", "format": "date"} }
func timeStr() map[string]any   { return map[string]any{"type": "string", "format": "date-time"} }
func ids() map[string]any       { return arr(integer()) }
func criterion() map[string]any { return schemaRef("PriorityCriterion") }

func trainingSchemas(schemas map[string]any) {
	region := schemaRef("RegionCode")
	schemas["PriorityCriterion"] = map[string]any{"type": "string", "enum": []string{"dtks", "domisili", "menganggur", "muda"}}
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
	schemas["Program"] = obj(pp, sent(ProgramJSON{})...)
	in := programProps()
	in["provider_id"] = map[string]any{"type": "integer", "description": "required when creating; a provider the caller is staff of"}
	schemas["ProgramInput"] = obj(in, "title", "description", "skills", "hours", "region", "seats")
	schemas["Key"] = obj(map[string]any{
		"class":        map[string]any{"type": "integer", "description": "priority class: index of the first criterion of the program's order met; its length = none"},
		"criterion":    str("the criterion of the class, or none"),
		"lottery":      map[string]any{"type": "string", "pattern": "^[0-9]+$", "description": "uint64 lottery number as a decimal string; lower wins"},
		"applicant_id": integer()}, sent(KeyJSON{})...)
	schemas["Round"] = obj(map[string]any{"id": integer(), "provider_id": map[string]any{"type": "integer", "description": "0 = province-wide"},
		"title": str(""), "opens_at": timeStr(), "closes_at": timeStr(), "open": boolean(),
		"seed_hash": str("hex SHA-256 of the lottery seed, published from the opening"),
		"seed":      str("hex lottery seed, revealed once allocated"), "allocated_at": timeStr(), "applicants": integer(),
		"proposals": integer(), "url": str("page URL path"),
		"programs": arr(obj(map[string]any{"program_id": integer(), "title": str(""), "provider": str(""), "seats": integer(),
			"admitted": integer(), "full": boolean(), "cutoff": map[string]any{"oneOf": []any{schemaRef("Key"), map[string]any{"type": "null"}},
				"description": "the worst admitted key of a full program"}}, sent(RoundProgramJSON{})...))},
		sent(RoundJSON{})...)
	rate := obj(map[string]any{"n": integer(), "of": integer(), "percent": map[string]any{"type": []string{"number", "null"}}}, sent(RateJSON{})...)
	schemas["Outcome"] = obj(map[string]any{"programs": integer(), "enrolled": integer(), "completed": integer(), "certified": integer(),
		"completion": rate, "certification": rate,
		"placed_within_3_months": rate, "placed_within_6_months": rate,
		"median_wage": map[string]any{"type": []string{"integer", "null"}, "description": "rupiah per month at first placement"},
		"wages":       integer(), "partner_interview_places": integer(), "partner_hire_places": integer(), "partner_hires": integer()},
		sent(OutcomeJSON{})...)
	schemas["Appeal"] = obj(map[string]any{"id": integer(), "round_id": integer(), "seeker_id": integer(), "seeker": str("name (providers and officers)"),
		"body": str(""), "filed_at": timeStr(), "decided": boolean(), "upheld": map[string]any{"type": []string{"boolean", "null"}},
		"decision": str(""), "decided_by": str(""), "decided_at": timeStr()}, sent(AppealJSON{})...)
	schemas["Enrollment"] = obj(map[string]any{"id": integer(), "program_id": integer(), "round_id": integer(), "seeker_id": integer(),
		"name": str(""), "enrolled_on": dateStr(), "attendance_percent": map[string]any{"type": []string{"integer", "null"}},
		"sessions_attended": integer(), "sessions_held": integer(), "completed_on": dateStr(),
		"certificate_number": str("BNSP certificate number"), "certified_on": dateStr()}, sent(EnrollmentJSON{})...)
	schemas["TrainingApplication"] = obj(map[string]any{"round_id": integer(), "programs": ids(), "dtks": boolean(),
		"unemployed_since": dateStr(), "submitted_at": timeStr()}, sent(TrainingApplicationJSON{})...)
}

func trainingPaths(list func(string) map[string]any) map[string]any {
	enrollmentOp := func(id string, sec []any, summary string, body map[string]any, required ...string) map[string]any {
		return map[string]any{"post": op(id, sec, summary, merge(map[string]any{"200": ok("The enrollment", schemaRef("Enrollment"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(body, required...))})}
	}
	return map[string]any{
		"/api/v1/training/programs": map[string]any{
			"get": op("listTrainingPrograms", secOptional, "Training programs taking applications now", merge(map[string]any{"200": ok("Open programs", list("Program"))}, errors4xx("422")),
				map[string]any{"parameters": []any{
					qparam("region", "regency/city where it is held", str("")), qparam("skill", "a skill it teaches", str("")),
					qparam("tag", "program tag", str("")), qparam("free", "true: free, or free for some group", boolean())}}),
			"post": op("createTrainingProgram", secSession, "Create a program (staff of the provider)", merge(map[string]any{"201": ok("The program", schemaRef("Program"))}, errors4xx("400", "401", "403", "422")),
				map[string]any{"requestBody": jsonBody(schemaRef("ProgramInput"))}),
		},
		"/api/v1/training/programs/{id}": map[string]any{
			"get": op("getTrainingProgram", secOptional, "A program, the open vacancies that need its skills, and its outcome", merge(map[string]any{"200": ok("Program",
				obj(map[string]any{"program": schemaRef("Program"),
					"demand":  obj(map[string]any{"vacancies": integer(), "openings": integer(), "top": arr(schemaRef("Vacancy"))}),
					"outcome": schemaRef("Outcome")}))}, errors4xx("404")),
				map[string]any{"parameters": []any{idParam}}),
			"put": op("updateTrainingProgram", secSession, "Change a program (staff; its rules stay while it is in a round not yet allocated)", merge(map[string]any{"200": ok("The program", schemaRef("Program"))}, errors4xx("400", "401", "403", "404", "422")),
				map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("ProgramInput"))}),
		},
		"/api/v1/training/programs/{id}/roster": map[string]any{"get": op("getTrainingRoster", secSession, "Participants of a program (staff)",
			merge(map[string]any{"200": ok("Roster", list("Enrollment"))}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/programs/{id}/enrollments": map[string]any{"post": op("enrollTrainingParticipants", secSession, "Enroll one seat holder (seeker_id), or every seat holder of an allocated round not yet enrolled",
			merge(map[string]any{"201": ok("The enrollment", schemaRef("Enrollment")), "200": ok("How many were enrolled", obj(map[string]any{"enrolled": integer()}, "enrolled"))},
				errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"round_id": integer(), "seeker_id": integer()}, "round_id"))})},
		"/api/v1/training/providers": map[string]any{"get": op("listTrainingProviders", secOptional, "Training providers; staff is true for those the caller acts for",
			map[string]any{"200": ok("Providers", obj(map[string]any{"items": arr(obj(map[string]any{"id": integer(), "kind": str(""), "name": str(""),
				"region": str(""), "address": str(""), "employer_id": integer(), "staff": boolean()}, sent(ProviderJSON{})...)), "total": integer()}, "items", "total"))}, nil)},
		"/api/v1/training/providers/{id}/outcomes": map[string]any{"get": op("getTrainingProviderOutcomes", secSession, "Outcome of each of a provider's programs (its staff; petugas, analis)",
			merge(map[string]any{"200": ok("Outcomes", obj(map[string]any{"provider_id": integer(), "total": schemaRef("Outcome"),
				"items": arr(obj(map[string]any{"program_id": integer(), "title": str(""), "partner_id": integer(), "outcome": schemaRef("Outcome")}, "program_id", "title", "outcome"))}, "provider_id", "total", "items"))},
				errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/rounds": map[string]any{"post": op("openTrainingRound", secSession, "Open an intake round: a provider's (its staff) or province-wide (provider_id 0, petugas). The lottery seed is drawn and sealed; its hash is published",
			merge(map[string]any{"201": ok("The round", schemaRef("Round"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(obj(map[string]any{"provider_id": integer(), "title": str(""), "programs": ids(), "closes_at": timeStr()}, "title", "programs", "closes_at"))})},
		"/api/v1/training/rounds/{id}": map[string]any{"get": op("getTrainingRound", secPublic, "An intake round; once allocated, with the revealed seed and each program's cutoff",
			merge(map[string]any{"200": ok("The round", schemaRef("Round"))}, errors4xx("404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/rounds/{id}/applications": map[string]any{"post": op("applyForTraining", secSession, "Rank up to 5 programs in an open round (job seeker); replaces an earlier application",
			merge(map[string]any{"201": ok("The application", schemaRef("TrainingApplication"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"programs": ids(), "dtks": boolean(),
				"unemployed_since": dateStr()}, "programs"))})},
		"/api/v1/training/rounds/{id}/allocation": map[string]any{"post": op("allocateTrainingRound", secSession, "Allocate a closed round's seats by deferred acceptance (its provider's staff; petugas for a province-wide round)",
			merge(map[string]any{"200": ok("The allocated round", schemaRef("Round"))}, errors4xx("401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/rounds/{id}/appeals": map[string]any{"post": op("fileTrainingAppeal", secSession, "Appeal against an allocated round's result (an applicant; one per round)",
			merge(map[string]any{"201": ok("The appeal", schemaRef("Appeal"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"body": str("at least 10 characters")}, "body"))})},
		"/api/v1/training/appeals": map[string]any{"get": op("listTrainingAppeals", secSession, "Appeals the caller may read: their own (pencari), their providers' (lembaga), province-wide rounds' (petugas)",
			merge(map[string]any{"200": ok("Appeals", obj(map[string]any{"items": arr(obj(map[string]any{"appeal": schemaRef("Appeal"), "may_decide": boolean()}, "appeal", "may_decide")), "total": integer()}, "items", "total"))},
				errors4xx("401", "403")),
			map[string]any{"parameters": []any{qparam("pending", "true: undecided only", boolean())}})},
		"/api/v1/training/appeals/{id}": map[string]any{"get": op("getTrainingAppeal", secSession, "One appeal the caller may read; anyone else's is not found",
			merge(map[string]any{"200": ok("The appeal", obj(map[string]any{"appeal": schemaRef("Appeal"), "may_decide": boolean()}, "appeal", "may_decide"))},
				errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/training/appeals/{id}/decision": map[string]any{"post": op("decideTrainingAppeal", secSession, "Decide an appeal, with reasons the applicant reads; final",
			merge(map[string]any{"200": ok("The appeal", schemaRef("Appeal"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"upheld": boolean(), "decision": str("")}, "upheld", "decision"))})},
		"/api/v1/training/enrollments/{id}/attendance": enrollmentOp("recordTrainingAttendance", secSession, "Record attendance: a percentage, or sessions attended of sessions held (staff)",
			map[string]any{"percent": integer(), "attended": integer(), "held": integer()}),
		"/api/v1/training/enrollments/{id}/completion": enrollmentOp("recordTrainingCompletion", secSession, "Record completion (staff)", map[string]any{"completed_on": dateStr()}, "completed_on"),
		"/api/v1/training/enrollments/{id}/certificate": enrollmentOp("recordTrainingCertificate", secSession, "Record the BNSP certificate of a participant who completed (staff)",
			map[string]any{"number": str(""), "certified_on": dateStr()}, "number", "certified_on"),
		"/api/v1/training/outcomes": map[string]any{"get": op("listRegionTrainingOutcomes", secSession, "Training outcomes per regency/city (petugas, analis)",
			merge(map[string]any{"200": ok("Outcomes", obj(map[string]any{"items": arr(obj(map[string]any{"region": str(""), "name": str(""), "outcome": schemaRef("Outcome")}, "region", "name", "outcome"))}, "items"))},
				errors4xx("401", "403")), nil)},
		"/api/v1/me/training": map[string]any{"get": op("getMyTraining", secSession, "My rounds with application, result (seat, lottery, each ranked program's cutoff) and appeal; my enrollments",
			merge(map[string]any{"200": ok("My training", obj(map[string]any{
				"rounds": arr(obj(map[string]any{"round": schemaRef("Round"), "application": schemaRef("TrainingApplication"),
					"appeal": orNull(schemaRef("Appeal"), "null: no appeal filed"),
					"result": orNull(obj(map[string]any{"program_id": map[string]any{"type": []string{"integer", "null"}, "description": "the seat; null = none"},
						"applicant_id": integer(), "lottery": str("decimal uint64"), "seed": str("hex"), "seed_hash": str("hex"),
						"choices": arr(obj(map[string]any{"preference": integer(), "program_id": integer(), "title": str(""), "key": schemaRef("Key"),
							"seated": boolean(), "seats": integer(), "admitted": integer(), "full": boolean(),
							"cutoff": orNull(schemaRef("Key"), "the worst admitted key of a full program"), "admits": boolean()}, sent(ChoiceJSON{})...))},
						"program_id", "applicant_id", "lottery", "seed", "seed_hash", "choices"), "null until the round is allocated")},
					"round", "application", "appeal", "result")),
				"enrollments": arr(schemaRef("Enrollment"))}, "rounds", "enrollments"))}, errors4xx("401", "403")), nil)},
	}
}

// The complaint part of the OpenAPI document.

func enum(values ...string) map[string]any { return map[string]any{"type": "string", "enum": values} }

var pinHeader = map[string]any{"name": "X-Tracking-PIN", "in": "header", "required": false,
	"description": "the PIN chosen when filing; without it, the session of the account that filed (or a named union member)",
	"schema":      map[string]any{"type": "string", "pattern": "^[0-9]{6,12}$"}}

var codeParam = map[string]any{"name": "code", "in": "path", "required": true, "description": "tracking code, e.g. BK-7Q4M-2XRT (case, spaces and dashes are ignored)",
	"schema": map[string]any{"type": "string"}}

func complaintSchemas(schemas map[string]any) {
	schemas["ComplaintCategory"] = enum("upah_di_bawah_umk", "upah_tidak_dibayar", "lembur", "bpjs", "kontrak_alih_daya", "phk",
		"pemberangusan_serikat", "k3", "diskriminasi", "calo", "lainnya")
	schemas["CaseState"] = enum("diterima", "diverifikasi", "ditugaskan", "pemeriksaan_dijadwalkan", "temuan", "nota_1", "nota_2", "selesai",
		"dilimpahkan_ppns", "ditutup_tidak_terbukti", "bipartit", "dicatat", "mediasi", "anjuran", "perjanjian_bersama", "gugatan_phi",
		"konsiliasi_arbitrase")
	schemas["DisputeType"] = enum("hak", "kepentingan", "phk", "antar_serikat")
	schemas["CaseKind"] = enum("pemeriksaan", "perselisihan")
	schemas["OfficerKind"] = enum("pengawas", "mediator")
	schemas["Audience"] = enum("provinsi", "tripartit")
	categories, states, disputeTypes := schemaRef("ComplaintCategory"), schemaRef("CaseState"), schemaRef("DisputeType")
	region := schemaRef("RegionCode")
	files := map[string]any{"type": "array", "maxItems": 10, "items": map[string]any{"type": "string", "contentEncoding": "base64"},
		"description": "evidence: JPEG, PNG or PDF, at most 10 MB each before encoding, as standard base64; the type is checked by content and image metadata (GPS) is removed"}
	schemas["ComplaintInput"] = obj(map[string]any{
		"category": categories, "employer_id": integer(), "employer_name": str("when the employer is not registered"),
		"region": region, "narrative": str("what happened, 20–8000 characters"), "happened_on": dateStr(),
		"workers_affected": integer(), "monthly_wage": map[string]any{"type": "integer", "description": "rupiah per month; required for upah_di_bawah_umk, compared with that year's UMK"},
		"anonymous":        map[string]any{"type": "boolean", "description": "keep no identity; always true without a session"},
		"pin":              map[string]any{"type": "string", "pattern": "^[0-9]{6,12}$", "description": "required without a session; not one digit repeated nor a straight run"},
		"sealed":           map[string]any{"type": "boolean", "description": "anonymous only: stay invisible until k reports name the same employer and category"},
		"consent_employer": map[string]any{"type": "boolean", "description": "the employer may learn the complainant's name"},
		"union_name":       str("serikat officers: file for members"), "unnamed_members": integer(),
		"members": arr(obj(map[string]any{"name": str(""), "user_id": integer(), "consent": map[string]any{"type": "boolean", "description": "must be true: members are named only with consent"},
			"consent_note": str("how the consent was recorded")}, "name", "consent")),
		"files":      files,
		"adverse":    map[string]any{"type": "string", "enum": []string{"phk", "tidak_diperpanjang", "bpjs_dihapus"}, "description": "a dismissal, non-renewal or BPJS removal after an earlier complaint (possible retaliation)"},
		"prior_code": str("code of the earlier anonymous complaint"), "prior_pin": str("its PIN")},
		"category", "region", "narrative", "happened_on")
	schemas["Receipt"] = obj(map[string]any{"code": str("tracking code"), "ledger_n": map[string]any{"type": "integer", "description": "the complaint's record in the public log"},
		"ledger_salt": str("opens the record's commitment to the code"), "waiting": boolean(), "pool_count": integer(), "pool_k": integer(),
		"umk": schemaRef("UMKCheck"), "url": str("tracking page")}, sent(ReceiptJSON{})...)
	schemas["UMKCheck"] = obj(map[string]any{"checked": boolean(), "below": boolean(), "umk": integer(), "year": integer()}, sent(UMKJSON{})...)
	schemas["Message"] = obj(map[string]any{"from_officer": boolean(), "author": str("the officer's name"), "body": str(""), "at": timeStr()}, sent(MessageJSON{})...)
	schemas["Tracking"] = obj(map[string]any{"code": str(""), "kind": schemaRef("CaseKind"), "category": categories,
		"dispute_type": disputeTypes, "region": str(""), "employer": str(""), "via": enum("akun", "anonim", "serikat"), "filed_at": timeStr(),
		"waiting": map[string]any{"type": "boolean", "description": "sealed, waiting for other reports (pool_count/pool_k)"}, "pool_count": integer(), "pool_k": integer(),
		"state": states, "deadline": dateStr(), "umk": schemaRef("UMKCheck"), "narrative": str("the complainant's own words"),
		"events":   arr(obj(map[string]any{"at": timeStr(), "state": states, "deadline": dateStr(), "reason": str("only when the case ends")}, sent(CaseStepJSON{})...)),
		"openings": arr(obj(map[string]any{"by": str("officer's name"), "at": timeStr(), "what": enum("complaint.open", "complaint.evidence")}, sent(OpeningJSON{})...)),
		"messages": arr(schemaRef("Message"))}, sent(TrackingJSON{})...)
	schemas["Case"] = obj(map[string]any{"id": integer(), "number": str("PK-2026-00012 or PHI-…"), "kind": schemaRef("CaseKind"),
		"category": categories, "dispute_type": disputeTypes, "region": str(""), "employer_id": integer(), "employer": str(""), "state": states,
		"next_states": arr(states), "deadline": dateStr(), "overdue": boolean(), "assignee_id": integer(), "assignee": str(""), "supervisor_id": integer(),
		"escalated_at": timeStr(), "pooled": boolean(), "retaliation": boolean(), "linked_case_id": integer(), "reports": integer(), "workers": integer(),
		"below_umk": boolean(), "outcome_ref": str(""), "opened_at": timeStr(), "updated_at": timeStr(), "closed_at": timeStr(), "url": str("")},
		sent(CaseJSON{})...)
	schemas["Finding"] = obj(map[string]any{"id": integer(), "category": categories, "substantiated": boolean(),
		"summary": str("public once the case is final; names no worker"), "recorded_at": timeStr()}, sent(FindingJSON{})...)
	schemas["Session"] = obj(map[string]any{"id": integer(), "case_id": integer(), "kind": enum("pemeriksaan", "mediasi"), "at": timeStr(), "place": str(""), "note": str("")}, sent(SessionJSON{})...)
	schemas["CaseDetail"] = map[string]any{"allOf": []any{schemaRef("Case"), obj(map[string]any{
		"events": arr(obj(map[string]any{"at": timeStr(), "actor": str(""), "kind": enum("status", "tugas", "eskalasi", "sidang", "temuan", "tanggapan", "gabung"),
			"from": str(""), "to": str(""), "reason": str(""), "deadline": dateStr()}, sent(CaseEventJSON{})...)),
		"findings": arr(schemaRef("Finding")), "sessions": arr(schemaRef("Session")),
		"responses":  arr(obj(map[string]any{"body": str(""), "at": timeStr()}, sent(ResponseJSON{})...)),
		"complaints": map[string]any{"type": "array", "items": integer(), "description": "ids; open one with GET /api/v1/cases/{id}/complaints/{complaint} (audited)"}},
		"events", "findings", "sessions", "responses", "complaints")}}
	schemas["Confidential"] = obj(map[string]any{"complaint_id": integer(), "case_id": integer(), "category": str(""), "via": str(""), "region": str(""),
		"employer": str(""), "happened_on": dateStr(), "workers_affected": integer(), "umk": schemaRef("UMKCheck"), "anonymous": boolean(),
		"consent_employer": boolean(), "adverse": str(""), "filed_at": timeStr(),
		"identity":  map[string]any{"oneOf": []any{obj(map[string]any{"user_id": integer(), "name": str(""), "contact": str(""), "union_name": str("")}, sent(IdentityJSON{})...), map[string]any{"type": "null"}}},
		"narrative": str(""), "monthly_wage": integer(), "unnamed_members": integer(),
		"members":  arr(obj(map[string]any{"name": str(""), "has_account": boolean(), "consent_at": timeStr(), "consent_note": str("")}, sent(MemberJSON{})...)),
		"files":    arr(obj(map[string]any{"id": integer(), "type": str(""), "size": integer(), "stripped": boolean()}, sent(FileJSON{})...)),
		"messages": arr(schemaRef("Message")), "fee": obj(map[string]any{"who_asked": str(""), "when": str(""), "how": str(""), "details": str("")})},
		sent(ConfidentialJSON{})...)
	schemas["Officer"] = obj(map[string]any{"user_id": integer(), "name": str(""), "kind": schemaRef("OfficerKind"), "supervisor": boolean(),
		"supervisor_id": integer(), "regions": arr(str("region code; 36 = the whole province")), "active": boolean(), "open_cases": integer()},
		sent(OfficerJSON{})...)
	schemas["Aspiration"] = obj(map[string]any{"id": integer(), "title": str(""), "body": str(""), "audience": schemaRef("Audience"),
		"by": str("the union's name, or the author's initials"), "supports": integer(),
		"answers":    arr(obj(map[string]any{"by": str("official's name"), "body": str(""), "at": timeStr()}, sent(AnswerJSON{})...)),
		"created_at": timeStr(), "url": str("")}, sent(AspirationJSON{})...)
}

func complaintPaths(list func(string) map[string]any) map[string]any {
	caseOp := func(id string, sec []any, summary string, body map[string]any, required ...string) map[string]any {
		return map[string]any{"post": op(id, sec, summary, merge(map[string]any{"200": ok("The case", schemaRef("CaseDetail"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(body, required...))})}
	}
	// A public count under complaint.MinPublicCount is shown as the string
	// "<5", never as the number, so that no one case can be singled out.
	counts := map[string]any{"type": "object", "additionalProperties": map[string]any{"oneOf": []any{integer(),
		map[string]any{"type": "string", "const": fmt.Sprintf("<%d", complaint.MinPublicCount)}}}}
	complaintParam := map[string]any{"name": "complaint", "in": "path", "required": true, "schema": integer()}
	items := func(item string) map[string]any {
		return obj(map[string]any{"items": arr(schemaRef(item)), "total": integer()}, "items", "total")
	}
	return map[string]any{
		"/api/v1/complaints": map[string]any{"post": op("fileComplaint", secOptional, "File a complaint: anonymous (no session, with a PIN), as the logged-in worker, or by a serikat officer for members",
			merge(map[string]any{"201": ok("The receipt: keep the code", schemaRef("Receipt"))}, errors4xx("400", "413", "422", "429")),
			map[string]any{"requestBody": withFiles(schemaRef("ComplaintInput")),
				"description": "Evidence travels either as base64 strings in files (JSON body, up to about 135 MB) or, cheaper on a mobile connection, as multipart/form-data: the same JSON in a part named complaint and each file as a part named files (up to 10 files of 10 MB). The tracking code is answered once and the PIN is never stored readable. A wrong prior_pin is throttled like tracking (429)."})},
		"/api/v1/complaints/{code}": map[string]any{"get": op("trackComplaint", secOptional, "Track a complaint: state, timeline with deadlines, who opened it (\"dibuka oleh … pada …\"), messages",
			merge(map[string]any{"200": ok("The complaint as its complainant sees it", schemaRef("Tracking"))}, errors4xx("401", "404", "429")),
			map[string]any{"parameters": []any{codeParam, pinHeader},
				"description": "A wrong code or PIN answers 401 without saying which; after 5 failures within 15 minutes for a code or from an address, 429 with Retry-After."})},
		"/api/v1/complaints/{code}/messages": map[string]any{"post": op("postComplaintMessage", secOptional, "Write to the officers of one's complaint (PIN header or the owner's session)",
			merge(map[string]any{"201": ok("The complaint with the message", schemaRef("Tracking"))}, errors4xx("400", "401", "404", "422", "429")),
			map[string]any{"parameters": []any{codeParam, pinHeader}, "requestBody": jsonBody(obj(map[string]any{"body": str("1–2000 characters")}, "body"))})},
		"/api/v1/me/complaints": map[string]any{"get": op("listMyComplaints", secSession, "Complaints I filed or am named in (as a union member who confirmed), and union complaints naming me that wait for my answer (pending_memberships)",
			merge(map[string]any{"200": ok("Complaints", obj(map[string]any{"items": arr(schemaRef("Tracking")), "total": integer(),
				"pending_memberships": arr(obj(map[string]any{"code": str("tracking code"), "category": schemaRef("ComplaintCategory"),
					"union_name": str(""), "filed_at": timeStr()}, "code", "category", "union_name", "filed_at"))}, "items", "total", "pending_memberships"))},
				errors4xx("401")), nil)},
		"/api/v1/complaints/{code}/membership": map[string]any{"post": op("answerComplaintMembership", secSession, "Confirm or decline being named as a member in a union's complaint (the named worker only)",
			merge(map[string]any{"204": map[string]any{"description": "Answer recorded"}}, errors4xx("400", "401", "404")),
			map[string]any{"parameters": []any{map[string]any{"name": "code", "in": "path", "required": true, "schema": str("tracking code")}},
				"requestBody": jsonBody(obj(map[string]any{"confirm": map[string]any{"type": "boolean"}}, "confirm"))})},
		"/api/v1/disputes": map[string]any{"post": op("fileDispute", secSession, "Register an industrial dispute after bipartite talks began (worker or serikat officer)",
			merge(map[string]any{"201": ok("The receipt", schemaRef("Receipt"))}, errors4xx("400", "401", "403", "413", "422")),
			map[string]any{"requestBody": withFiles(obj(map[string]any{"type": enum("hak", "kepentingan", "phk", "antar_serikat"), "employer_id": integer(),
				"employer_name": str(""), "region": str(""), "narrative": str(""), "bipartite_started": dateStr(), "union_name": str("required for antar_serikat"),
				"workers_affected": integer(), "files": arr(str("base64"))}, "type", "region", "narrative", "bipartite_started")),
				"description": "Evidence as for complaints: base64 in files, or multipart/form-data with the JSON in a part named complaint and files as parts named files."})},
		"/api/v1/cases": map[string]any{"get": op("listCases", secSession, "Cases I may view (pengawas, mediator): assigned to me, or in the regions I supervise; soonest deadline first",
			merge(map[string]any{"200": ok("Cases", items("Case"))}, errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("kind", "", schemaRef("CaseKind")), qparam("state", "", str("")),
				qparam("open", "true: not final", boolean()), qparam("overdue", "true: past the deadline (the board)", boolean()), qparam("mine", "true: assigned to me", boolean())}})},
		"/api/v1/cases/{id}": map[string]any{"get": op("getCase", secSession, "A case with its history, findings, sessions, responses and complaint ids (no complainant data)",
			merge(map[string]any{"200": ok("The case", schemaRef("CaseDetail"))}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/cases/{id}/state": caseOp("moveCase", secSession, "Move a case to one of its next_states, with the reason; ditugaskan and mediasi assign an officer (officer_id, 0 = by region and load)",
			map[string]any{"to": str("one of next_states"), "reason": str("required; shown to complainants when the case ends"),
				"date":  str("RFC 3339 time of the inspection visit (pemeriksaan_dijadwalkan), or YYYY-MM-DD the employer must comply by (nota_1, nota_2)"),
				"place": str("of the visit"), "ref": str("registration or court case number (perjanjian_bersama, gugatan_phi)"), "officer_id": integer()}, "to", "reason"),
		"/api/v1/cases/{id}/assignment": caseOp("assignCase", secSession, "Assign or reassign a case (supervisors); officer_id 0 picks the covering officer with the fewest open cases",
			map[string]any{"officer_id": integer(), "reason": str("")}, "reason"),
		"/api/v1/cases/{id}/findings": caseOp("recordCaseFinding", secSession, "Record a finding of the inspection (during pemeriksaan_dijadwalkan or temuan)",
			map[string]any{"category": str("complaint category"), "substantiated": boolean(), "summary": str("20–2000 characters, naming no worker")}, "category", "substantiated", "summary"),
		"/api/v1/cases/{id}/sessions": caseOp("scheduleCaseSession", secSession, "Schedule a mediation session (a dispute in mediasi)",
			map[string]any{"at": timeStr(), "place": str(""), "note": str("")}, "at"),
		"/api/v1/cases/{id}/responses": map[string]any{"post": op("respondToFindings", secSession, "The employer's response to findings addressed to its company",
			merge(map[string]any{"204": map[string]any{"description": "Recorded"}}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"body": str("1–4000 characters")}, "body"))})},
		"/api/v1/cases/{id}/complaints/{complaint}": map[string]any{"get": op("openCaseComplaint", secSession, "Open a complaint's confidential part: identity, narrative, members, evidence list, messages. Audited; the complainant sees who opened it and when",
			merge(map[string]any{"200": ok("The complaint", schemaRef("Confidential"))}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{idParam, complaintParam}})},
		"/api/v1/cases/{id}/complaints/{complaint}/messages": map[string]any{"post": op("messageComplainant", secSession, "Write to a complaint's complainant (an officer working the case)",
			merge(map[string]any{"204": map[string]any{"description": "Sent"}}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam, complaintParam}, "requestBody": jsonBody(obj(map[string]any{"body": str("1–2000 characters")}, "body"))})},
		"/api/v1/calendar": map[string]any{"get": op("getCalendar", secSession, "Inspection visits and mediation sessions of the cases assigned to me",
			merge(map[string]any{"200": ok("Sessions", obj(map[string]any{"items": arr(schemaRef("Session"))}, "items"))}, errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("from", "YYYY-MM-DD (WIB), default today", dateStr()), qparam("to", "YYYY-MM-DD inclusive, default in 60 days", dateStr())}})},
		"/api/v1/officers": map[string]any{"get": op("listOfficers", secSession, "The officer registry with loads (pengawas, mediator, admin)",
			merge(map[string]any{"200": ok("Officers", items("Officer"))}, errors4xx("401", "403", "422")),
			map[string]any{"parameters": []any{qparam("kind", "", schemaRef("OfficerKind")), qparam("region", "only officers covering it", str(""))}})},
		"/api/v1/officers/{id}": map[string]any{"put": op("setOfficer", secSession, "Register or update a user as an officer of a kind (admin); the user must hold that role",
			merge(map[string]any{"200": ok("The officer", schemaRef("Officer"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"kind": schemaRef("OfficerKind"), "supervisor": boolean(),
				"supervisor_id": integer(), "regions": arr(str("region code, or 36 for the province")), "active": boolean()}, "kind", "regions", "active"))})},
		"/api/v1/employers/{id}/findings": map[string]any{"get": op("listEmployerFindings", secSession, "Inspection cases with findings addressed to my company (its HR); complainants only if they consented",
			merge(map[string]any{"200": ok("Cases", obj(map[string]any{"items": arr(obj(map[string]any{"id": integer(), "number": str(""), "category": str(""),
				"state": str(""), "comply_by": dateStr(), "findings": arr(schemaRef("Finding")), "responses": arr(obj(map[string]any{"body": str(""), "at": timeStr()}, sent(ResponseJSON{})...)),
				"complainants": arr(str(""))}, sent(EmployerCaseJSON{})...)), "total": integer()}, "items", "total"))}, errors4xx("401", "403")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/employers/{id}/compliance": map[string]any{"get": op("getEmployerCompliance", secPublic, "An employer's public compliance record: substantiated findings of inspections that ended",
			merge(map[string]any{"200": ok("Record", obj(map[string]any{"employer_id": integer(),
				"by_category": arr(obj(map[string]any{"category": str(""), "findings": integer(), "cases": integer()}, "category", "findings", "cases")),
				"findings":    arr(obj(map[string]any{"category": str(""), "summary": str(""), "outcome": enum("selesai", "dilimpahkan_ppns"), "final_at": timeStr()}, "category", "summary", "outcome", "final_at"))}, "employer_id", "by_category", "findings"))},
				errors4xx("404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/complaint-stats": map[string]any{"get": op("getComplaintStats", secPublic, "Public aggregated counts of complaints, cases and disputes; never one case",
			map[string]any{"200": ok("Counts", obj(map[string]any{"complaints": integer(), "disputes": integer(),
				"by_category": counts, "by_region": counts, "by_state": counts, "by_dispute_type": counts, "by_dispute_state": counts},
				"complaints", "disputes", "by_category", "by_region", "by_state", "by_dispute_type", "by_dispute_state"))}, nil)},
		"/api/v1/aspirations": map[string]any{
			"get": op("listAspirations", secPublic, "Aspirations (policy proposals), newest first", merge(map[string]any{"200": ok("Aspirations", obj(map[string]any{"items": arr(schemaRef("Aspiration"))}, "items"))}, errors4xx("422")),
				map[string]any{"parameters": []any{qparam("limit", "1–100, default 20", integer()), qparam("offset", "", integer())}}),
			"post": op("postAspiration", secSession, "Post a proposal (pencari, serikat)", merge(map[string]any{"201": ok("The aspiration", schemaRef("Aspiration"))}, errors4xx("400", "401", "403", "422")),
				map[string]any{"requestBody": jsonBody(obj(map[string]any{"title": str("10–160 characters"), "body": str("30–4000 characters"),
					"audience": schemaRef("Audience"), "union_name": str("serikat officers: post in the union's name")}, "title", "body", "audience"))}),
		},
		"/api/v1/aspirations/{id}": map[string]any{"get": op("getAspiration", secPublic, "One aspiration with its answers", merge(map[string]any{"200": ok("The aspiration", schemaRef("Aspiration"))}, errors4xx("404")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/aspirations/{id}/supports": map[string]any{"post": op("supportAspiration", secSession, "Support a proposal, once per account (not one's own)",
			merge(map[string]any{"201": ok("The aspiration", schemaRef("Aspiration"))}, errors4xx("401", "404", "422")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/aspirations/{id}/answers": map[string]any{"post": op("answerAspiration", secSession, "Answer a proposal in public (petugas, pengawas, mediator, analis, admin)",
			merge(map[string]any{"201": ok("The aspiration", schemaRef("Aspiration"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"body": str("")}, "body"))})},
	}
}
