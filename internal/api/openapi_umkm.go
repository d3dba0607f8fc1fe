package api

// umkmSchemas adds the schemas of the small-business registry, its
// assistance programs and the youth programs.
func umkmSchemas(schemas map[string]any) {
	class := map[string]any{"type": "string", "enum": []string{"mikro", "kecil", "menengah", "besar"},
		"description": "PP 7/2021 art. 35: by annual sales once the business has sales, by capital (excluding land and buildings) before; see docs/decisions.md"}
	schemas["UMKMClass"] = class
	money := func(desc string) map[string]any {
		return map[string]any{"type": "integer", "description": desc, "minimum": 0}
	}
	schemas["UMKMInput"] = obj(map[string]any{
		"nib": str("13 digits, from OSS"), "name": str(""),
		"kbli":             str("a KBLI 2020 code (2–5 digits, e.g. 10792) or its section letter (A–U)"),
		"region":           schemaRef("RegionCode"),
		"capital":          money("business capital in rupiah, excluding land and buildings"),
		"annual_sales":     money("a year's sales in rupiah; 0 for a business without a year's sales (then the capital decides the class)"),
		"owner_name":       str("default: the caller's name when they register their own business; required for an officer"),
		"owner_birth_year": integer(), "workers": integer(),
		"year":     map[string]any{"type": "integer", "description": "the year the figures are for; default this year, from 2021"},
		"evidence": str("the document the figures come from, e.g. \"laporan keuangan 2026\"; optional at registration"),
	}, "nib", "name", "kbli", "region", "capital", "annual_sales")
	schemas["UMKM"] = obj(map[string]any{
		"id": integer(), "class": schemaRef("UMKMClass"), "nib": str(""), "name": str(""), "kbli": str(""),
		"kbli_section": str("A–U"), "kbli_version": str("2020"), "region": str(""), "owner_name": str(""),
		"employer_id": orNull(integer(), "the business's employer account on bursa (same NIB), whose vacancies and placements count in the figures"),
		"created_at":  timeStr(),
	}, sent(UMKMJSON{})...)
	schemas["UMKMList"] = obj(map[string]any{"items": arr(schemaRef("UMKM"))}, "items")
	schemas["UMKMDeclaration"] = obj(map[string]any{"year": integer(), "capital": integer(), "annual_sales": integer(), "workers": integer(),
		"evidence": str("empty: the owner's word, no document named"), "class": schemaRef("UMKMClass"),
		"basis": map[string]any{"type": "string", "enum": []string{"modal", "penjualan"}, "description": "the criterion that decided the class"}}, sent(DeclarationJSON{})...)
	schemas["UMKMClassMove"] = obj(map[string]any{"year": integer(), "from": str("empty for the class given at registration"), "to": schemaRef("UMKMClass"),
		"up": map[string]any{"type": "boolean"}, "at": timeStr(),
		"ledger_index": orNull(integer(), "the public log record of a change (/transparansi/catatan/{n})")}, sent(ClassMoveJSON{})...)
	schemas["UMKMApplication"] = obj(map[string]any{"program_id": integer(), "title": str(""), "kind": str(""),
		"result":     map[string]any{"type": "string", "enum": []string{"", "diterima", "tidak"}, "description": "empty until the allocation"},
		"applied_at": timeStr()}, sent(UMKMApplicationJSON{})...)
	schemas["UMKMMilestone"] = obj(map[string]any{"id": integer(),
		"kind":   map[string]any{"type": "string", "enum": []string{"sertifikat", "kredit", "ekatalog", "pekerja"}},
		"detail": str("a certificate's kind and number, the lender, the product"), "amount": integer(), "evidence": str(""), "on": dateStr(),
		"program_id": orNull(integer(), "the assistance program it came from")}, sent(MilestoneJSON{})...)
	schemas["UMKMMilestoneInput"] = obj(map[string]any{
		"kind":   map[string]any{"type": "string", "enum": []string{"sertifikat", "kredit", "ekatalog", "pekerja"}},
		"detail": str("3–300 characters"), "amount": map[string]any{"type": "integer", "description": "rupiah for kredit and ekatalog, people for pekerja; required except for sertifikat"},
		"evidence": str(""), "on": dateStr(), "program_id": map[string]any{"type": "integer", "description": "a program the business was admitted to"}},
		"kind", "detail", "evidence", "on")
	schemas["UMKMDetail"] = map[string]any{"allOf": []any{schemaRef("UMKM"), obj(map[string]any{
		"salt":         str("opens the business's commitments in the public log"),
		"declarations": arr(schemaRef("UMKMDeclaration")), "moves": arr(schemaRef("UMKMClassMove")),
		"applications": arr(schemaRef("UMKMApplication")), "milestones": arr(schemaRef("UMKMMilestone")),
		"vacancies": integer(), "placements": integer()}, "salt", "declarations", "moves", "applications", "milestones", "vacancies", "placements")}}
	schemas["UMKMDeclarationInput"] = obj(map[string]any{"year": integer(), "capital": money(""), "annual_sales": money(""), "workers": integer(),
		"evidence": str("required: the document the figures come from")}, "year", "capital", "annual_sales", "evidence")
	schemas["UMKMDeclared"] = obj(map[string]any{"class": schemaRef("UMKMClass"), "move": orNull(schemaRef("UMKMClassMove"), "null when the class stayed")}, sent(DeclaredJSON{})...)
	cell := obj(map[string]any{"n": orNull(integer(), "null when withheld"), "withheld": map[string]any{"type": "boolean", "description": "a count of 1 to 4, or one that would reveal it, is withheld"}}, "n", "withheld")
	schemas["UMKMCell"] = cell
	schemas["UMKMRegion"] = obj(map[string]any{"region": str("regency/city code; 36 for the province"), "name": str(""),
		"by_class": map[string]any{"type": "object", "description": "by class: mikro, kecil, menengah, besar", "additionalProperties": schemaRef("UMKMCell")},
		"total":    schemaRef("UMKMCell")}, sent(UMKMRegionJSON{})...)
	schemas["UMKMFigures"] = obj(map[string]any{"regions": arr(schemaRef("UMKMRegion")), "province": schemaRef("UMKMRegion"),
		"moves_up":         arr(obj(map[string]any{"year": integer(), "up": schemaRef("UMKMCell")}, sent(UMKMYearJSON{})...)),
		"linked_employers": schemaRef("UMKMCell"), "vacancies": schemaRef("UMKMCell"), "placements": schemaRef("UMKMCell")}, sent(UMKMFiguresJSON{})...)
	kind := map[string]any{"type": "string", "enum": []string{"modal", "sertifikasi", "pemasaran", "pelatihan"}}
	schemas["UMKMProgram"] = obj(map[string]any{"id": integer(), "kind": kind, "title": str(""), "description": str(""), "organizer": str(""),
		"seats": map[string]any{"type": "integer", "description": "0: no limit"}, "classes": arr(schemaRef("UMKMClass")), "regions": arr(str("")),
		"youth_tag": str("a youth program's tag, or empty"), "closes_at": timeStr(),
		"seed_hash":    str("SHA-256 of the lottery seed, published when the program opened"),
		"seed":         str("the seed in hex, revealed with the allocation; empty before"),
		"allocated_at": orNull(timeStr(), "null until allocated"), "applicants": integer(), "admitted": integer()}, sent(UMKMProgramJSON{})...)
	schemas["UMKMPrograms"] = obj(map[string]any{"items": arr(schemaRef("UMKMProgram"))}, "items")
	schemas["UMKMProgramInput"] = obj(map[string]any{"kind": kind, "title": str("5–200 characters"), "description": str(""), "organizer": str(""),
		"seats": map[string]any{"type": "integer", "description": "0: no limit"}, "classes": arr(schemaRef("UMKMClass")), "regions": arr(schemaRef("RegionCode")),
		"youth_tag": map[string]any{"type": "string", "enum": []string{"", "muda-berdaya", "gen-banten"}},
		"closes_on": map[string]any{"type": "string", "format": "date", "description": "applications close at the end of this day (WIB)"}},
		"kind", "title", "organizer", "seats", "closes_on")
	schemas["YouthProgram"] = obj(map[string]any{"tag": str(""), "name": str(""), "name_en": str(""), "summary": str(""), "summary_en": str(""),
		"min_age": integer(), "max_age": integer(), "domicile": str("province code whose residents may join (36: Banten)")}, sent(YouthProgramJSON{})...)
	schemas["YouthPrograms"] = obj(map[string]any{"items": arr(schemaRef("YouthProgram"))}, "items")
	schemas["YouthPage"] = map[string]any{"allOf": []any{schemaRef("YouthProgram"), obj(map[string]any{
		"training":        arr(obj(map[string]any{"id": integer(), "title": str(""), "provider": str(""), "region": str("")}, sent(YouthTrainingJSON{})...)),
		"umkm_programs":   arr(schemaRef("UMKMProgram")),
		"apprenticeships": arr(schemaRef("Apprenticeship")),
		"outcomes": obj(map[string]any{
			"apprentices_started":    schemaRef("UMKMCell"),
			"apprentices_completed":  schemaRef("UMKMCell"),
			"apprentices_hired":      schemaRef("UMKMCell"),
			"completers":             schemaRef("UMKMCell"),
			"placed_within_6_months": schemaRef("UMKMCell"),
			"umkm_assisted":          schemaRef("UMKMCell"),
			"umkm_moved_up":          schemaRef("UMKMCell")}, sent(YouthOutcomesJSON{})...)}, "training", "umkm_programs", "apprenticeships", "outcomes")}}
}

// umkmPaths adds the paths of the small-business registry and the youth
// programs.
func umkmPaths(paths map[string]any) {
	paths["/api/v1/umkm"] = map[string]any{
		"post": op("registerUMKM", secSession, "Register a business: any signed-in person their own (they become its owner), an officer of the cooperatives/SME office (koperasi) anyone's. The class follows PP 7/2021 (docs/decisions.md). Bad input is 422 with field errors (nib, name, kbli, region, capital, annual_sales, year); a NIB already registered is 409, except when its own owner sends it again: then the registration is updated and the year's figures declared (201, the same id)",
			merge(map[string]any{"201": ok("The business and its class", schemaRef("UMKM"))}, errors4xx("400", "401", "403", "409", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("UMKMInput"))}),
	}
	paths["/api/v1/umkm/figures"] = map[string]any{
		"get": op("getUMKMFigures", secPublic, "Public figures: registered businesses per class and regency, moves up per year, jobs the businesses with an employer account posted and filled; counts of 1 to 4 withheld",
			map[string]any{"200": ok("Figures", schemaRef("UMKMFigures"))}, nil),
	}
	paths["/api/v1/me/umkm"] = map[string]any{
		"get": op("listMyUMKM", secSession, "The businesses I own",
			merge(map[string]any{"200": ok("Businesses", schemaRef("UMKMList"))}, errors4xx("401", "403")), nil),
	}
	paths["/api/v1/umkm/{id}"] = map[string]any{
		"get": op("getUMKM", secSession, "A business with its declarations, class moves, applications and milestones (its owner, koperasi officers; anyone else 404)",
			merge(map[string]any{"200": ok("The business", schemaRef("UMKMDetail"))}, errors4xx("401", "403", "404")),
			map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/umkm/{id}/declarations"] = map[string]any{
		"post": op("declareUMKM", secSession, "Declare a year's capital, sales and workers with the evidence named; the class is that of the latest year, and a change is recorded (from, to, year) with a public log record. A later declaration for the same year replaces the earlier",
			merge(map[string]any{"201": ok("The class now and the move made", schemaRef("UMKMDeclared"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("UMKMDeclarationInput"))}),
	}
	paths["/api/v1/umkm/{id}/milestones"] = map[string]any{
		"post": op("addUMKMMilestone", secSession, "Record a milestone with its evidence: a certificate (halal, PIRT, BPOM, SNI) with its number, credit received, a first e-katalog sale, new workers",
			merge(map[string]any{"201": ok("The milestone", schemaRef("UMKMMilestone"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("UMKMMilestoneInput"))}),
	}
	paths["/api/v1/umkm-programs"] = map[string]any{
		"get": op("listUMKMPrograms", secPublic, "Assistance programs, those taking applications first",
			map[string]any{"200": ok("Programs", schemaRef("UMKMPrograms"))},
			map[string]any{"parameters": []any{qparam("youth_tag", "only the programs of a youth program", str(""))}}),
		"post": op("createUMKMProgram", secSession, "Open an assistance program (koperasi officers); its lottery seed is drawn and its hash published in the public log",
			merge(map[string]any{"201": ok("The program", schemaRef("UMKMProgram"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("UMKMProgramInput"))}),
	}
	paths["/api/v1/umkm-programs/{id}"] = map[string]any{
		"get": op("getUMKMProgram", secPublic, "One program; the seed once allocated",
			merge(map[string]any{"200": ok("The program", schemaRef("UMKMProgram"))}, errors4xx("404")), map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/umkm-programs/{id}/applications"] = map[string]any{
		"post": op("applyUMKMProgram", secSession, "Apply for a business I own (eligible class and regency; a youth program asks the owner's age in its band) before the program closes",
			merge(map[string]any{"201": ok("The application", schemaRef("UMKMApplication"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(obj(map[string]any{"business_id": integer()}, "business_id"))}),
	}
	paths["/api/v1/umkm-programs/{id}/allocation"] = map[string]any{
		"post": op("allocateUMKMProgram", secSession, "Allocate a closed program's seats by the rule training seats use (internal/alloc: priority to businesses never helped by a program of the kind, then the lottery from the revealed seed), with one public log record of every applicant's commitment and result (koperasi officers; 409 once allocated, 422 while open)",
			merge(map[string]any{"200": ok("The program", schemaRef("UMKMProgram"))}, errors4xx("401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/youth-programs"] = map[string]any{
		"get": op("listYouthPrograms", secPublic, "The province's youth programs (the labels training uses) with who may join",
			map[string]any{"200": ok("Youth programs", schemaRef("YouthPrograms"))}, nil),
	}
	paths["/api/v1/youth-programs/{tag}"] = map[string]any{
		"get": op("getYouthProgram", secPublic, "A youth program: who may join, the training and small-business programs carrying its tag, and its outcomes (counts of 1 to 4 withheld)",
			merge(map[string]any{"200": ok("The youth program", schemaRef("YouthPage"))}, errors4xx("404")),
			map[string]any{"parameters": []any{map[string]any{"name": "tag", "in": "path", "required": true, "schema": str("muda-berdaya or gen-banten")}}}),
	}
}
