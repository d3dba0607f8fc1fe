package api

import (
	"fmt"

	"github.com/bursa-banten/bursa/internal/complaint"
)

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
		"prior_code": str("code of the earlier anonymous complaint"), "prior_pin": str("its PIN"),
		"contact": str("optional: an email or an Indonesian mobile number told that there is news (never what it is); sealed, never shown to officers"),
		"contact_channel": map[string]any{"type": "string", "enum": []string{"email", "whatsapp", "sms"},
			"description": "how the contact is told: email for an email; whatsapp (the default) or sms for a number"}},
		"category", "region", "narrative", "happened_on")
	schemas["Receipt"] = obj(map[string]any{"code": str("tracking code"), "ledger_n": map[string]any{"type": "integer", "description": "the complaint's record in the public log"},
		"ledger_salt": str("opens the record's commitment to the code"), "waiting": map[string]any{"type": "boolean", "description": "sealed, waiting for other reports; how many is never said"},
		"umk": schemaRef("UMKCheck"), "url": str("tracking page")}, sent(ReceiptJSON{})...)
	schemas["UMKCheck"] = obj(map[string]any{"checked": boolean(), "below": boolean(), "umk": integer(), "year": integer()}, sent(UMKJSON{})...)
	schemas["Message"] = obj(map[string]any{"from_officer": boolean(), "author": str("the officer's name"), "body": str(""), "at": timeStr()}, sent(MessageJSON{})...)
	schemas["Tracking"] = obj(map[string]any{"code": str(""), "kind": schemaRef("CaseKind"), "category": categories,
		"dispute_type": disputeTypes, "region": str(""), "employer": str(""), "via": enum("akun", "anonim", "serikat"), "filed_at": timeStr(),
		"waiting": map[string]any{"type": "boolean", "description": "sealed, waiting for other reports; how many is never said"},
		"state":   states, "deadline": dateStr(), "umk": schemaRef("UMKCheck"), "narrative": str("the complainant's own words"),
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
	// A published count, or why it is withheld: "<5" a small one, "–" one
	// that would give a small one back (secondary suppression).
	count := map[string]any{"oneOf": []any{integer(),
		map[string]any{"type": "string", "enum": []string{fmt.Sprintf("<%d", complaint.MinPublicCount), "–"}}}}
	counts := map[string]any{"type": "object", "additionalProperties": count}
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
				"findings": arr(obj(map[string]any{"category": str(""), "summary": str(""), "outcome": enum("selesai", "dilimpahkan_ppns"), "final_at": timeStr(),
					"at_worksite": map[string]any{"type": "boolean", "description": "a case against an outsourcing company or agency about work at this employer (alih daya)"}}, "category", "summary", "outcome", "final_at", "at_worksite"))}, "employer_id", "by_category", "findings"))},
				errors4xx("404")), map[string]any{"parameters": []any{idParam}})},
		"/api/v1/complaint-stats": map[string]any{"get": op("getComplaintStats", secPublic, "Public aggregated counts of complaints, cases and disputes; never one case",
			map[string]any{"200": ok("Counts", obj(map[string]any{"complaints": count, "disputes": count,
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
