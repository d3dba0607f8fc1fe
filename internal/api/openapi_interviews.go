package api

// interviewSchemas adds the schemas of interviews on an application.
func interviewSchemas(schemas map[string]any) {
	dt := func(desc string) map[string]any {
		return map[string]any{"type": "string", "format": "date-time", "description": desc}
	}
	boolOrNull := func(desc string) map[string]any {
		return orNull(map[string]any{"type": "boolean"}, desc)
	}
	schemas["Interview"] = obj(map[string]any{
		"id": integer(), "application_id": integer(),
		"slots":      arr(dt("a proposed time, UTC")),
		"place":      str("where, with kecamatan and regency/city; empty for an online interview"),
		"online_url": str("https link of an online interview, or empty"),
		"contact":    str("the company's contact person for the interview"),
		"bring":      str("what to bring"),
		"status": map[string]any{"type": "string", "enum": []string{"proposed", "accepted", "declined", "reschedule"},
			"description": "proposed until the seeker answers: accepted (a slot is chosen), declined, or reschedule (asks for another time; a new proposal follows)"},
		"chosen":            orNull(dt(""), "the slot the seeker chose; null until then"),
		"note":              str("the seeker's message when asking for another time"),
		"seeker_attended":   boolOrNull("the seeker's word on whether the interview took place; null until said"),
		"employer_attended": boolOrNull("the employer's word on whether the interview took place; null until said"),
	}, sent(InterviewJSON{})...)
	schemas["InterviewInput"] = obj(map[string]any{
		"slots": map[string]any{"type": "array", "minItems": 1, "maxItems": 3, "items": dt("RFC 3339 with its offset, in the future, e.g. 2027-01-20T09:00:00+07:00")},
		"place": str("place with kecamatan and regency/city; this or online_url is required"), "online_url": str("https link of an online interview"),
		"contact": str("contact person (required)"), "bring": str("what to bring"),
	}, "slots", "contact")
	schemas["InterviewAnswer"] = obj(map[string]any{
		"slot":       dt("one of the proposed slots, to accept it"),
		"decline":    map[string]any{"type": "boolean", "description": "true: cannot come"},
		"reschedule": map[string]any{"type": "boolean", "description": "true: asks for another time"},
		"note":       str("message with a reschedule (at most 500 characters)"),
	})
	schemas["Attendance"] = obj(map[string]any{"attended": map[string]any{"type": "boolean"}}, "attended")
}

// interviewPaths adds the paths of interviews on an application.
func interviewPaths(paths map[string]any) {
	iidParam := map[string]any{"name": "iid", "in": "path", "required": true, "schema": integer(), "description": "the interview's id"}
	paths["/api/v1/applications/{id}/interviews"] = map[string]any{
		"post": op("proposeInterview", secSession, "Propose an interview: one to three times, a place or an https link, a contact and what to bring (the application's employer). An application before wawancara moves to wawancara; the seeker is told",
			merge(map[string]any{"201": ok("The interview", schemaRef("Interview"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("InterviewInput"))}),
	}
	paths["/api/v1/applications/{id}/interviews/{iid}/answer"] = map[string]any{
		"post": op("answerInterview", secSession, "Answer an interview (the application's seeker): exactly one of a slot, decline or reschedule; answered once (409 after); the company is told",
			merge(map[string]any{"200": ok("The interview", schemaRef("Interview"))}, errors4xx("400", "401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam, iidParam}, "requestBody": jsonBody(schemaRef("InterviewAnswer"))}),
	}
	paths["/api/v1/applications/{id}/interviews/{iid}/attendance"] = map[string]any{
		"post": op("recordInterviewAttendance", secSession, "Say whether the interview took place (the seeker or the employer, each their own answer), after the chosen time",
			merge(map[string]any{"200": ok("The interview", schemaRef("Interview"))}, errors4xx("400", "401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam, iidParam}, "requestBody": jsonBody(schemaRef("Attendance"))}),
	}
	paths["/api/v1/applications/{id}/interviews/{iid}.ics"] = map[string]any{
		"get": op("getInterviewCalendar", secSession, "The interview as an RFC 5545 calendar file (the seeker and the employer; others 404; 409 before a time is chosen)",
			merge(map[string]any{"200": map[string]any{"description": "One VEVENT, times in UTC", "content": map[string]any{
				"text/calendar": map[string]any{"schema": str("RFC 5545 iCalendar")}}}}, errors4xx("401", "404", "409")),
			map[string]any{"parameters": []any{idParam, iidParam}}),
	}
}
