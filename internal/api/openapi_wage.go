package api

func num(desc string) map[string]any { return map[string]any{"type": "number", "description": desc} }

// wageSchemas adds the schemas of the wage council and the LKS Tripartit.
func wageSchemas(schemas map[string]any) {
	schemas["SimulationInput"] = obj(map[string]any{
		"year":      integer(),
		"region":    str("4-digit regency/city code; left out: every regency at once (answer: Simulations)"),
		"inflation": num("inflation in percent, province, September to September; left out: the council's input for the year"),
		"growth":    num("economic growth in percent; left out: each regency's council input for the year"),
		"alpha":     num("α, within the range the regulation of the year sets (PP 51/2023: 0.10–0.30; PP 49/2025: 0.5–0.9 from 2026 until a newer regulation is entered)"),
	}, "year", "alpha")
	schemas["Simulation"] = obj(map[string]any{
		"umk": integer(), "year": integer(), "region": str(""), "base_year": integer(),
		"base_umk":   map[string]any{"type": "integer", "description": "the region's UMK of base_year (year − 1)"},
		"change":     map[string]any{"type": "integer", "description": "umk − base_umk, rupiah"},
		"change_pct": num("change in percent of base_umk, 2 decimals"),
		"inflation":  num("%"), "growth": num("%"), "alpha": num(""),
		"alpha_min": num("the year's α range"), "alpha_max": num(""), "alpha_source": str("the regulation setting the range"),
	}, sent(SimulationJSON{})...)
	schemas["Simulations"] = obj(map[string]any{"items": arr(schemaRef("Simulation"))}, "items")
	input := obj(map[string]any{"value": num("percent"), "source": str("the BPS publication it comes from")}, "value", "source")
	schemas["WageInput"] = input
	schemas["WageInputs"] = obj(map[string]any{
		"inflation": schemaRef("WageInput"),
		"growth":    map[string]any{"type": "object", "description": "by 4-digit regency/city code", "additionalProperties": schemaRef("WageInput")},
	})
	cell := obj(map[string]any{"n": orNull(integer(), "null when withheld"), "withheld": map[string]any{"type": "boolean", "description": "a count of 1 to 4 is withheld"}}, "n", "withheld")
	schemas["WageCell"] = cell
	schemas["WageFigures"] = obj(map[string]any{
		"year": map[string]any{"type": "integer", "description": "the calendar year counted (the year of the UMK in force)"}, "umk": integer(),
		"placements": schemaRef("WageCell"), "vacancies": schemaRef("WageCell"),
		"at_or_above_umk":  schemaRef("WageCell"),
		"below_umk_exempt": schemaRef("WageCell"),
		"median_wage_min":  orNull(integer(), "median lowest posted wage; null under 5 vacancies"),
		"wage_complaints":  schemaRef("WageCell"),
	}, sent(WageFiguresJSON{})...)
	schemas["WageProposal"] = obj(map[string]any{
		"year": integer(), "region": str(""), "party": map[string]any{"type": "string", "enum": []string{"pemerintah", "pengusaha", "serikat", "akademisi"}},
		"alpha": num(""), "reasoning": str(""),
		"umk":        orNull(integer(), "the wage this α gives with the council's inputs; null until they are entered"),
		"change":     orNull(integer(), ""),
		"change_pct": orNull(num(""), ""),
		"updated_at": map[string]any{"type": "string", "format": "date-time"},
	}, sent(WageProposalJSON{})...)
	schemas["WageProposalInput"] = obj(map[string]any{"year": integer(), "region": str(""), "alpha": num(""), "reasoning": str("20–4000 characters")}, "year", "region", "alpha", "reasoning")
	schemas["WageRecommendation"] = obj(map[string]any{
		"year": integer(), "region": str(""), "alpha": num(""), "inflation": num(""), "growth": num(""),
		"base_umk": integer(), "umk": integer(), "change": integer(), "change_pct": num(""), "note": str(""),
		"decided_at":   map[string]any{"type": "string", "format": "date-time"},
		"ledger_index": map[string]any{"type": "integer", "description": "index of the record in the public log (/ledger)"},
	}, sent(WageRecommendationJSON{})...)
	schemas["WageRecommendationInput"] = obj(map[string]any{"year": integer(), "region": str(""), "alpha": num(""), "note": str("")}, "year", "region", "alpha")
	schemas["WageRoundRegion"] = obj(map[string]any{
		"region": str(""), "name": str(""),
		"umk_history":    map[string]any{"type": "object", "description": "UMK by year, from 2025 to the year before", "additionalProperties": integer()},
		"growth":         orNull(schemaRef("WageInput"), "null until entered"),
		"simulation":     orNull(schemaRef("Simulation"), "with the round's α; null until inflation and growth are entered"),
		"proposals":      arr(schemaRef("WageProposal")),
		"recommendation": orNull(schemaRef("WageRecommendation"), "null until the council decides"),
		"figures":        schemaRef("WageFigures"),
	}, sent(WageRoundRowJSON{})...)
	schemas["WageRound"] = obj(map[string]any{
		"year": integer(), "alpha_min": num(""), "alpha_max": num(""), "alpha_source": str(""), "alpha": num("the α the table is simulated with"),
		"inflation":       orNull(schemaRef("WageInput"), "null until entered"),
		"party":           str("the caller's party on the council, or empty"),
		"proposals_shown": map[string]any{"type": "boolean", "description": "council members and admins see the parties' proposals"},
		"regions":         arr(schemaRef("WageRoundRegion")),
	}, sent(WageRoundJSON{})...)
	schemas["WageMember"] = obj(map[string]any{"user_id": integer(), "name": str(""), "party": str(""), "assigned_at": map[string]any{"type": "string", "format": "date-time"}}, sent(WageMemberJSON{})...)
	schemas["Meeting"] = obj(map[string]any{"id": integer(), "held_on": dateStr(), "title": str(""), "place": str(""),
		"items": arr(schemaRef("AgendaItem"))}, sent(MeetingJSON{})...)
	schemas["AgendaItem"] = obj(map[string]any{"id": integer(), "title": str(""), "body": str(""),
		"figure":           str("a bursa page holding the figures discussed, e.g. /dewan-pengupahan/2027"),
		"aspiration_id":    orNull(integer(), "the workers' aspiration it came from (/api/v1/aspirations/{id})"),
		"aspiration_title": str(""),
		"recommendations":  arr(schemaRef("TriRecommendation"))}, sent(AgendaItemJSON{})...)
	schemas["TriRecommendation"] = obj(map[string]any{"id": integer(), "item_id": integer(), "body": str(""),
		"state":     map[string]any{"type": "string", "enum": []string{"baru", "ditindaklanjuti", "selesai", "ditolak"}},
		"follow_up": str(""), "updated_at": map[string]any{"type": "string", "format": "date-time"},
		"ledger_index": map[string]any{"type": "integer", "description": "the public log record of the latest state"}}, sent(TriRecommendationJSON{})...)
}

// wagePaths adds the paths of the wage council and the LKS Tripartit.
func wagePaths(paths map[string]any) {
	// These lists are short and whole: items only, no total.
	list := func(item string) map[string]any { return obj(map[string]any{"items": arr(schemaRef(item))}, "items") }
	yearParam := map[string]any{"name": "year", "in": "path", "required": true, "schema": integer(), "description": "the year of the wage being set"}
	paths["/api/v1/wage-council/simulations"] = map[string]any{
		"post": op("simulateWage", secPublic, "Simulate a UMK by the national formula UM(t+1) = UM(t) + (inflation + growth × α) × UM(t), from the region's UMK of the year before, rounded to the rupiah. Writes nothing, so anyone may call it. α outside the year's range is 422 with an alpha field error",
			merge(map[string]any{"200": ok("One region's simulation, or every regency's (items) when region is left out",
				map[string]any{"oneOf": []any{schemaRef("Simulation"), schemaRef("Simulations")}})}, errors4xx("400", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("SimulationInput"))}),
	}
	paths["/api/v1/wage-council/rounds/{year}"] = map[string]any{
		"get": op("getWageRound", secOptional, "The council's workspace for the wage of a year: α range and source, inputs, every regency's UMK history, simulation, bursa figures (counts of 1–4 withheld) and published recommendation; the parties' proposals for council members and admins",
			merge(map[string]any{"200": ok("The round", schemaRef("WageRound"))}, errors4xx("400", "404", "422")),
			map[string]any{"parameters": []any{yearParam, qparam("alpha", "α for the simulation; default the middle of the year's range", num(""))}}),
	}
	paths["/api/v1/wage-council/rounds/{year}/inputs"] = map[string]any{
		"put": op("setWageInputs", secSession, "Enter the inflation (province, September to September) and growth per regency the council computes with, each with its BPS source (analis); entries left out stay as they were",
			merge(map[string]any{"200": ok("Every input of the year", schemaRef("WageInputs"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{yearParam}, "requestBody": jsonBody(schemaRef("WageInputs"))}),
	}
	paths["/api/v1/wage-council/proposals"] = map[string]any{
		"post": op("proposeWage", secSession, "Record (or replace) the proposal of the caller's party for a regency: α within the year's range and the reasoning (council members)",
			merge(map[string]any{"201": ok("The proposal", schemaRef("WageProposal"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("WageProposalInput"))}),
	}
	paths["/api/v1/wage-council/recommendations"] = map[string]any{
		"get": op("listWageRecommendations", secPublic, "The council's published recommendations for a year",
			map[string]any{"200": ok("Recommendations", list("WageRecommendation"))},
			map[string]any{"parameters": []any{qparam("year", "the wage's year; default the next wage to set (the year after the latest UMK in the data)", integer())}}),
		"post": op("recommendWage", secSession, "Record the council's recommendation for a regency (the government party, which chairs the council), computed from the council's inputs; published with a public log record of its figures; once per regency and year (409 after)",
			merge(map[string]any{"201": ok("The recommendation", schemaRef("WageRecommendation"))}, errors4xx("400", "401", "403", "409", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("WageRecommendationInput"))}),
	}
	paths["/api/v1/wage-council/members"] = map[string]any{
		"get": op("listWageMembers", secSession, "The council's seats (members and admins)",
			merge(map[string]any{"200": ok("Seats", list("WageMember"))}, errors4xx("401", "403")), nil),
	}
	paths["/api/v1/wage-council/members/{id}"] = map[string]any{
		"put": op("setWageMember", secSession, "Seat a user for a party, or remove the seat with an empty party (admin; audited)",
			merge(map[string]any{"200": ok("Seats", list("WageMember"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"party": map[string]any{"type": "string", "enum": []string{"pemerintah", "pengusaha", "serikat", "akademisi", ""}}}, "party"))}),
	}
	paths["/api/v1/wage-council/tripartite/meetings"] = map[string]any{
		"get": op("listTripartiteMeetings", secPublic, "The LKS Tripartit's meetings, latest first (items left empty)",
			map[string]any{"200": ok("Meetings", list("Meeting"))}, nil),
		"post": op("createTripartiteMeeting", secSession, "Record a meeting (tripartite secretariat: analis, petugas); published at once",
			merge(map[string]any{"201": ok("The meeting", schemaRef("Meeting"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(obj(map[string]any{"held_on": dateStr(), "title": str(""), "place": str("")}, "held_on", "title", "place"))}),
	}
	paths["/api/v1/wage-council/tripartite/meetings/{id}"] = map[string]any{
		"get": op("getTripartiteMeeting", secPublic, "A meeting with its agenda, recommendations and their follow-up",
			merge(map[string]any{"200": ok("The meeting", schemaRef("Meeting"))}, errors4xx("404")), map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/wage-council/tripartite/meetings/{id}/items"] = map[string]any{
		"post": op("addAgendaItem", secSession, "Put an item on a meeting's agenda, linked to a bursa page of figures and to a workers' aspiration",
			merge(map[string]any{"201": ok("The item", schemaRef("AgendaItem"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"title": str(""), "body": str(""),
				"figure": str("a path on this site, starting with /"), "aspiration_id": integer()}, "title"))}),
	}
	paths["/api/v1/wage-council/tripartite/items/{id}/recommendations"] = map[string]any{
		"post": op("recommendOnAgendaItem", secSession, "Record the tripartite body's recommendation on an agenda item; published with a public log record",
			merge(map[string]any{"201": ok("The recommendation", schemaRef("TriRecommendation"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"body": str("10–4000 characters")}, "body"))}),
	}
	paths["/api/v1/wage-council/tripartite/recommendations/{id}/follow-up"] = map[string]any{
		"post": op("followUpRecommendation", secSession, "Move a recommendation's follow-up state with a note (required except for baru); each move is a public log record",
			merge(map[string]any{"200": ok("The recommendation", schemaRef("TriRecommendation"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{
				"state":     map[string]any{"type": "string", "enum": []string{"baru", "ditindaklanjuti", "selesai", "ditolak"}},
				"follow_up": str("")}, "state"))}),
	}
}
