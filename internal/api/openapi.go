package api

import (
	"net/http"
	"reflect"
	"strings"

	"github.com/bursa-banten/bursa/internal/app"
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
			"status": map[string]any{"type": "string", "enum": []string{"draft", "published", "ditinjau", "closed", "filled"},
				"description": "ditinjau: held by screening for a petugas, not public"},
			"published_at": map[string]any{"type": "string", "format": "date-time"}, "url": str("page URL path"),
			"flags": arr(schemaRef("VacancyFlag"))},
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
			"expected_wage": integer(), "status": str(""), "status_reason": str(""), "note": str(""), "applied_at": map[string]any{"type": "string", "format": "date-time"},
			"interviews": arr(schemaRef("Interview"))},
			sent(ApplicantJSON{})...),
		"Match": obj(map[string]any{"vacancy_id": integer(), "seeker_id": integer(), "title": str("vacancy title (recommendations)"),
			"employer": str(""), "region": str("workplace, or the candidate's domicile"), "candidate": str("masked name (candidates)"),
			"score": integer(), "max_score": integer(), "matched_skills": arr(str("")), "missing_skills": arr(str("")),
			"occupation_fit": map[string]any{"type": "string", "enum": []string{"unit_group", "minor_group", "sub_major_group", "none"}},
			"place":          map[string]any{"type": "string", "enum": []string{"same", "neighbour", "elsewhere"}},
			"wage_ok":        map[string]any{"type": "boolean"}, "contract_ok": map[string]any{"type": "boolean"}, "education_ok": map[string]any{"type": "boolean"}},
			sent(MatchJSON{})...),
		"Application": obj(map[string]any{"id": integer(), "vacancy_id": integer(), "vacancy_title": str(""), "employer": str(""),
			"status":        map[string]any{"type": "string", "enum": []string{"dikirim", "dilihat", "diseleksi", "wawancara", "ditawari", "diterima", "ditolak", "ditarik"}},
			"status_reason": str(""), "created_at": map[string]any{"type": "string", "format": "date-time"},
			"events":     arr(obj(map[string]any{"status": str(""), "reason": str(""), "at": map[string]any{"type": "string", "format": "date-time"}}, sent(EventJSON{})...)),
			"interviews": arr(schemaRef("Interview")),
			"offer":      schemaRef("Offer")},
			sent(ApplicationJSON{})...),
	}
	// Values used in several places are named schemas, so that a generated
	// client has one type for them (a case's state is the filter's state).
	schemas["RegionCode"] = map[string]any{"type": "string", "enum": regionCodes, "description": "Kemendagri code of one of Banten's regencies and cities"}
	schemas["Offer"] = obj(map[string]any{"id": integer(), "application_id": integer(), "wage": integer(),
		"wage_unit": map[string]any{"type": "string", "enum": []string{"month", "day", "hour"}}, "work_days_per_week": integer(),
		"monthly_wage": map[string]any{"type": "integer", "description": "the wage as a month's wage, as checked against the UMK"},
		"contract":     schemaRef("Contract"), "months": integer(), "start_on": dateStr(), "answer_by": dateStr(), "workplace": str(""),
		"status":     map[string]any{"type": "string", "enum": []string{"open", "accepted", "declined"}},
		"reported":   map[string]any{"type": "boolean", "description": "a hire the employer reported (POST …/placement): the seeker confirms it (accept) or denies it (decline)"},
		"created_at": timeStr()}, sent(OfferJSON{})...)
	schemas["OfferInput"] = obj(map[string]any{"wage": integer(), "wage_unit": map[string]any{"type": "string", "enum": []string{"month", "day", "hour"}},
		"work_days_per_week": map[string]any{"type": "integer", "description": "5 or 6; needed for a day's wage"}, "contract": schemaRef("Contract"),
		"months":   map[string]any{"type": "integer", "description": "contract length: PKWT 1–60, magang 1–12, else 0"},
		"start_on": dateStr(), "answer_by": map[string]any{"type": "string", "format": "date", "description": "from today up to start_on"}, "workplace": str("")},
		"wage", "wage_unit", "contract", "start_on", "answer_by")
	schemas["Contract"] = map[string]any{"type": "string", "enum": []string{"pkwt", "pkwtt", "harian", "magang"},
		"description": "pkwt: fixed-term; pkwtt: permanent; harian: daily; magang: apprenticeship"}
	trainingSchemas(schemas)
	complaintSchemas(schemas)
	accountSchemas(schemas)
	notifySchemas(schemas)
	alertSchemas(schemas)
	interviewSchemas(schemas)
	threadSchemas(schemas)
	wageSchemas(schemas)
	ledgerSchemas(schemas)
	monitorSchemas(schemas)
	searchSchemas(schemas)
	documentSchemas(schemas)
	screenSchemas(schemas)
	dataSchemas(schemas)
	statsSchemas(schemas)
	vfactsSchemas(schemas)
	apprSchemas(schemas)
	umkmSchemas(schemas)
	bkkSchemas(schemas)
	backgroundSchemas(schemas)
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
				"page": integer(), "per_page": integer(), "did_you_mean": str("only when nothing matched: a corrected query that finds vacancies (\"Maksud Anda\")")}, "items", "total", "page", "per_page"))}, errors4xx("422")),
				map[string]any{"parameters": []any{
					qparam("q", "words; \"quoted phrase\"; -excluded. Words match by their Indonesian stem, job titles through synonyms, and a word no vacancy holds through known words one edit away (5+ letters) or two (9+)", str("")),
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
			"get": op("listVacancyApplicants", secSession, "Applicants of a vacancy (its employer only; never the NIK)", merge(map[string]any{"200": ok("Applicants", list("Applicant"))}, errors4xx("401", "403", "404", "422")),
				map[string]any{"parameters": []any{idParam,
					qparam("stage", "keep one status", map[string]any{"type": "string", "enum": []string{"dikirim", "dilihat", "diseleksi", "wawancara", "ditawari", "diterima", "ditolak", "ditarik"}}),
					qparam("domicile", "keep applicants living in one regency/city", schemaRef("RegionCode")),
					qparam("sort", "oldest (default), newest, or local: living in the vacancy's regency/city first", map[string]any{"type": "string", "enum": []string{"oldest", "newest", "local"}})}}),
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
		"/api/v1/applications/{id}/offer": map[string]any{"post": op("makeOffer", secSession, "Offer the job (the application's employer): the wage in its unit is checked against the UMK as a month's wage (PP 36/2021: a day's wage × 25 for a 6-day week or × 21 for a 5-day week, an hour's × 126); a PKWT lasts 1–60 months, an apprenticeship 1–12; the application moves to ditawari",
			merge(map[string]any{"201": ok("The offer", schemaRef("Offer"))}, errors4xx("400", "401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("OfferInput"))})},
		"/api/v1/applications/{id}/offer/answer": map[string]any{"post": op("answerOffer", secSession, "Accept or decline the offer (the application's job seeker) by its answer-by date: accepting makes the hire (diterima, the placement at the offered wage); declining ends the application (ditarik)",
			merge(map[string]any{"200": ok("The offer", schemaRef("Offer"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"accept": boolean()}, "accept"))})},
		"/api/v1/applications/{id}/withdrawal": map[string]any{"post": op("withdrawApplication", secSession, "Withdraw my application at any stage before it ends (status ditarik); its company is told",
			merge(map[string]any{"200": ok("The application", schemaRef("Application"))}, errors4xx("401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}})},
		"/api/v1/applications/{id}/status": map[string]any{"post": op("moveApplication", secSession, "Move an application (its employer)", merge(map[string]any{"200": ok("The application", schemaRef("Application"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"status": str("dilihat, diseleksi, wawancara, ditawari or ditolak"), "reason": str("required for ditolak")}, "status"))})},
		"/api/v1/applications/{id}/placement": map[string]any{"post": op("reportPlacement", secSession, "Report the hire (lapor penempatan)", merge(map[string]any{"202": ok("The report, kept as an offer marked reported: the application is 'ditawari' until the seeker confirms it with POST /api/v1/applications/{id}/offer/answer {\"accept\":true}; only then is it 'diterima' with a placement", schemaRef("Offer"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"description": "The employer's word alone never makes a placement (issue 13): the seeker has 14 days to confirm (accept) or deny (decline) it. The wage is a month's wage, checked against the UMK. 422 on status when the application already has an open offer or has ended.",
				"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"start_date": map[string]any{"type": "string", "format": "date"}, "wage": integer()}, "start_date", "wage"))})},
	}
	for k, v := range trainingPaths(list) {
		paths[k] = v
	}
	for k, v := range complaintPaths(list) {
		paths[k] = v
	}
	accountPaths(paths, list)
	notifyPaths(paths, list)
	alertPaths(paths, list)
	interviewPaths(paths)
	threadPaths(paths)
	wagePaths(paths)
	ledgerPaths(paths)
	monitorPaths(paths)
	searchPaths(paths)
	documentPaths(paths)
	screenPaths(paths)
	dataPaths(paths, list)
	statsPaths(paths, list)
	vfactsPaths(paths, list)
	apprPaths(paths, list)
	umkmPaths(paths)
	bkkPaths(paths, list)
	backgroundPaths(paths)
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
