package api

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
		"/api/v1/training/programs/{id}/follow": map[string]any{
			"post": op("followTrainingProgram", secSession, "Follow a program (job seeker): be told when a round including it opens. Following twice is following once",
				merge(map[string]any{"204": map[string]any{"description": "Following"}}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}}),
			"delete": op("unfollowTrainingProgram", secSession, "Stop following a program",
				merge(map[string]any{"204": map[string]any{"description": "Not following"}}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}}),
		},
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
