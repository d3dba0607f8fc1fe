package api

// vfactsSchemas adds the facts of a vacancy (issue 15) to the Vacancy and
// VacancyInput schemas, and the employer profile.
func vfactsSchemas(schemas map[string]any) {
	props := func(name string) map[string]any { return schemas[name].(map[string]any)["properties"].(map[string]any) }
	unit := map[string]any{"type": "string", "enum": []string{"month", "day", "hour", "piece"}, "default": "month",
		"description": "the unit wage_min/wage_max are stated in; piece (borongan): the expected earnings of a normal working day at the piece rate"}
	days := map[string]any{"type": "integer", "enum": []int{5, 6}, "default": 6,
		"description": "working days a week; converts a day's (or piece) wage: PP 36/2021 day = monthly ÷ 25 (6 days) or ÷ 21 (5 days); hour = monthly ÷ 126"}
	worksite := obj(map[string]any{"name": str("the user company where the work happens (alih daya, PP 35/2021)"),
		"nib": str("its NIB, 13 digits")}, "name", "nib")
	licence := func(check bool) map[string]any {
		p := map[string]any{"number": str("placement agency (LPTKS) licence number"),
			"valid_until": map[string]any{"type": "string", "format": "date", "description": "last day the licence is valid; not in the past"}}
		if check {
			p["check"] = map[string]any{"type": "string", "enum": []string{"sesuai", "tidak_sesuai"}, "description": "a petugas's check against the register; absent until checked"}
		}
		return obj(p, "number", "valid_until")
	}
	nullablePct := func(desc string) map[string]any { return orNull(integer(), desc) }
	schemas["Responsiveness"] = obj(map[string]any{
		"applications":                 integer(),
		"median_days_to_answer":        orNull(integer(), "median whole days from sending to the employer's first answer (shortlist, interview, offer, hire or rejection; seeing is not answering); null when withheld or none answered"),
		"unanswered_after_30_days_pct": nullablePct("of applications sent at least 30 days ago (not withdrawn first), the percentage with no answer within 30 days; null when withheld or none due"),
		"rejections_with_reason_pct":   nullablePct("of rejections — explicit ones, plus applications left open on a vacancy that ended — the percentage with a reason; null when withheld or none"),
		"withheld":                     map[string]any{"type": "boolean", "description": "fewer than 5 applications: the figures are not shown"},
	}, sent(ResponsivenessJSON{})...)
	cell := func(desc string) map[string]any { return orNull(integer(), desc+"; null: withheld (1 to 4 people)") }
	schemas["Funnel"] = obj(map[string]any{"applied": cell("applications"), "screened": cell("reached diseleksi or later"),
		"interviewed": cell("reached wawancara or later"), "offered": cell("reached ditawari or diterima"), "hired": cell("diterima"),
		"rejected": cell("ditolak")}, sent(FunnelJSON{})...)
	schemas["Workforce"] = obj(map[string]any{"employees": integer(), "disabled_employees": integer(),
		"quota_pct":      map[string]any{"type": "integer", "description": "UU 8/2016 art. 53: 1 for private employers, 2 for government, BUMN and BUMD"},
		"quota_required": map[string]any{"type": "integer", "description": "fewest workers with disabilities that meet the quota (rounded up)"},
		"quota_met":      map[string]any{"type": "boolean"}, "declared_on": dateStr()}, sent(WorkforceJSON{})...)
	ownership := map[string]any{"type": "string", "enum": []string{"swasta", "pemerintah", "bumn", "bumd"}}
	schemas["Employer"] = obj(map[string]any{"id": integer(), "name": str(""), "region": schemaRef("RegionCode"),
		"kbli_section": str("KBLI 2020 section"), "size_class": str("mikro, kecil, menengah or besar"), "ownership": ownership,
		"verified": map[string]any{"type": "boolean"}, "responsiveness": schemaRef("Responsiveness"),
		"workforce": map[string]any{"allOf": []any{schemaRef("Workforce")}, "description": "declared workforce; only for the employer itself and petugas"}},
		sent(EmployerJSON{})...)
	schemas["WorkforceInput"] = obj(map[string]any{"ownership": ownership, "employees": map[string]any{"type": "integer", "minimum": 1},
		"disabled_employees": map[string]any{"type": "integer", "minimum": 0, "description": "at most employees"}}, "ownership", "employees", "disabled_employees")

	v := props("Vacancy")
	v["wage_min"] = map[string]any{"type": "integer", "description": "rupiah per wage_unit"}
	v["wage_max"] = map[string]any{"type": "integer", "description": "rupiah per wage_unit"}
	v["wage_unit"], v["work_days_per_week"] = unit, days
	v["monthly_wage_min"] = map[string]any{"type": "integer", "description": "wage_min as a month's wage (PP 36/2021); what min_wage filters compare"}
	v["monthly_wage_max"] = map[string]any{"type": "integer", "description": "wage_max as a month's wage"}
	v["worksite_employer"] = orNull(worksite, "the company where the work happens when the legal employer (the posting company) outsources to it; null: the employer itself")
	v["agency_licence"] = orNull(licence(true), "the posting company's placement agency licence; null: not an agency")
	v["disability_open"] = map[string]any{"type": "boolean", "description": "open to workers with disabilities (UU 8/2016)"}
	v["disability_accessible"] = map[string]any{"type": "boolean", "description": "the workplace is accessible"}
	v["disability_note"] = str("what is adapted")
	v["responsiveness"] = map[string]any{"allOf": []any{schemaRef("Responsiveness")}, "description": "the employer's responsiveness; in search results only when not withheld"}
	v["funnel"] = map[string]any{"allOf": []any{schemaRef("Funnel")}, "description": "selection funnel, once the vacancy is closed, filled or past its closing date (one vacancy only)"}

	in := props("VacancyInput")
	in["wage_min"] = map[string]any{"type": "integer", "description": "rupiah per wage_unit; at least the region's UMK converted to the unit (else 422 wage_min naming the converted floor), unless below_umk by a micro/small employer"}
	in["wage_max"] = map[string]any{"type": "integer", "description": "rupiah per wage_unit"}
	in["wage_unit"], in["work_days_per_week"] = unit, days
	in["worksite_employer"] = orNull(worksite, "when the work happens at another company (alih daya)")
	in["agency_licence"] = orNull(licence(false), "when the posting company places workers as a licensed agency; a petugas checks it, and a changed licence is checked again")
	in["disability_open"] = map[string]any{"type": "boolean", "default": false}
	in["disability_accessible"] = map[string]any{"type": "boolean", "default": false}
	in["disability_note"] = str("what is adapted, at most 500 characters")
}

// vfactsPaths adds the endpoints of issue 15's facts.
func vfactsPaths(paths map[string]any, list func(string) map[string]any) {
	get := paths["/api/v1/vacancies"].(map[string]any)["get"].(map[string]any)
	get["parameters"] = append(get["parameters"].([]any), qparam("disability_open", "true or 1: only vacancies open to workers with disabilities",
		map[string]any{"type": "string", "enum": []string{"", "0", "1", "false", "true"}}))
	paths["/api/v1/vacancies/{id}"].(map[string]any)["put"] = op("updateVacancy", secSession, "Change a draft or published vacancy (its employer): the whole input again; publish is ignored",
		merge(map[string]any{"200": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("400", "401", "403", "404", "422")),
		map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("VacancyInput"))})
	paths["/api/v1/employers/{id}"] = map[string]any{"get": op("getEmployer", secOptional, "An employer's profile with its responsiveness (verified employers; the employer itself and petugas also see its declared workforce)",
		merge(map[string]any{"200": ok("The employer", schemaRef("Employer"))}, errors4xx("404")), map[string]any{"parameters": []any{idParam}})}
	paths["/api/v1/me/workforce"] = map[string]any{"put": op("declareWorkforce", secSession, "Declare my company's ownership, workforce and workers with disabilities (UU 8/2016 quota)",
		merge(map[string]any{"200": ok("The employer", schemaRef("Employer"))}, errors4xx("400", "401", "403", "404", "422")),
		map[string]any{"requestBody": jsonBody(schemaRef("WorkforceInput"))})}
	paths["/api/v1/licence-checks"] = map[string]any{"get": op("listLicenceChecks", secSession, "Vacancies whose placement agency licence waits for a check (petugas)",
		merge(map[string]any{"200": ok("Vacancies", list("Vacancy"))}, errors4xx("401", "403")), nil)}
	paths["/api/v1/vacancies/{id}/licence-check"] = map[string]any{"post": op("checkLicence", secSession, "Record the check of a vacancy's agency licence against the register (petugas); refusing needs a reason",
		merge(map[string]any{"200": ok("The vacancy", schemaRef("Vacancy"))}, errors4xx("400", "401", "403", "404", "422")),
		map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"valid": map[string]any{"type": "boolean"},
			"reason": str("required when valid is false")}, "valid"))})}
}
