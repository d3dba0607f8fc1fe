package api

// documentSchemas adds the schemas of a seeker's documents.
func documentSchemas(schemas map[string]any) {
	schemas["Document"] = obj(map[string]any{
		"id": integer(),
		"kind": map[string]any{"type": "string", "enum": []string{"cv", "sertifikat", "ijazah", "foto"},
			"description": "cv (PDF), sertifikat (BNSP/LSP; PDF, JPEG or PNG), ijazah (diploma; PDF, JPEG or PNG), foto (the AK/1 photo; JPEG or PNG, at most 480 px a side, one per seeker)"},
		"title":        str("the seeker's label, may be empty"),
		"media_type":   map[string]any{"type": "string", "enum": []string{"application/pdf", "image/jpeg", "image/png"}, "description": "by content, as stored (images re-encoded)"},
		"size":         map[string]any{"type": "integer", "description": "bytes, as stored"},
		"created_at":   map[string]any{"type": "string", "format": "date-time"},
		"applications": arr(integer()),
	}, sent(DocumentJSON{})...)
	schemas["DocumentUpload"] = obj(map[string]any{
		"kind":  map[string]any{"type": "string", "enum": []string{"cv", "sertifikat", "ijazah", "foto"}},
		"title": str("optional label, at most 120 characters"),
		"file":  map[string]any{"type": "string", "contentMediaType": "application/octet-stream", "description": "the file, at most 5 MB"},
	}, "kind", "file")
	schemas["DocumentChoice"] = obj(map[string]any{"document_ids": arr(integer())}, "document_ids")
	ak1ReportSchemas(schemas)
	profileSchemas(schemas)
}

// documentPaths adds the paths of a seeker's documents and of the
// documents sent with an application.
func documentPaths(paths map[string]any) {
	docParam := map[string]any{"name": "doc", "in": "path", "required": true, "schema": integer(), "description": "the document's id"}
	file := map[string]any{"description": "The file as a download (Content-Disposition: attachment; X-Content-Type-Options: nosniff)",
		"content": map[string]any{
			"application/pdf": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
			"image/jpeg":      map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
			"image/png":       map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
		}}
	paths["/api/v1/me/documents"] = map[string]any{
		"get": op("listMyDocuments", secSession, "My documents (job seekers), each with the applications it goes with",
			merge(map[string]any{"200": ok("The documents", arr(schemaRef("Document")))}, errors4xx("401", "403", "404")), nil),
		"post": op("uploadDocument", secSession, "Upload a document (job seekers): multipart/form-data with the parts kind, title (optional) and file, in that order; "+
			"the file streams to the checks: type by content, images bounded to 25 megapixels by their header and re-encoded, PDFs read with a PDF parser and "+
			"refused when they hold scripts, actions, launched programs, embedded files or script forms, are encrypted or have bytes after %%EOF; at most 5 MB "+
			"and 10 documents; a new foto replaces the old one. Refusals are 422 with a file field error (document_type, document_too_big, document_damaged, "+
			"document_dimensions, document_pdf_active, document_pdf_polyglot, document_count)",
			merge(map[string]any{"201": ok("The document", schemaRef("Document"))}, errors4xx("400", "401", "403", "404", "422")),
			map[string]any{"requestBody": map[string]any{"required": true, "content": map[string]any{
				"multipart/form-data": map[string]any{"schema": schemaRef("DocumentUpload")}}}}),
	}
	paths["/api/v1/me/documents/{id}"] = map[string]any{
		"get": op("downloadMyDocument", secSession, "Download one of my documents",
			merge(map[string]any{"200": file}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}}),
		"delete": op("deleteDocument", secSession, "Delete one of my documents, from every application it went with",
			merge(map[string]any{"204": map[string]any{"description": "Deleted"}}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}}),
	}
	paths["/api/v1/applications/{id}/documents"] = map[string]any{
		"get": op("listApplicationDocuments", secSession, "The documents sent with an application: its seeker, or the HR user of the company it went to (others 404); listing is not audited, opening is",
			merge(map[string]any{"200": ok("The documents", arr(schemaRef("Document")))}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam}}),
		"put": op("chooseApplicationDocuments", secSession, "Choose which of my documents go with my application (job seekers): the list replaces the earlier choice; not the foto; 409 once the application has ended",
			merge(map[string]any{"200": ok("The documents now sent", arr(schemaRef("Document")))}, errors4xx("400", "401", "403", "404", "409", "422")),
			map[string]any{"parameters": []any{idParam}, "requestBody": jsonBody(schemaRef("DocumentChoice"))}),
	}
	ak1ReportPaths(paths)
	profilePaths(paths)
	paths["/api/v1/applications/{id}/documents/{doc}"] = map[string]any{
		"get": op("downloadApplicationDocument", secSession, "Download a document sent with an application to my company's vacancy (employer HR). Audited; the seeker sees when and by which company. A document not sent with it, or another company's application, is 404",
			merge(map[string]any{"200": file}, errors4xx("401", "403", "404")), map[string]any{"parameters": []any{idParam, docParam}}),
	}
}

// ak1ReportSchemas adds the schemas of the AK/1 six-monthly report.
func ak1ReportSchemas(schemas map[string]any) {
	status := map[string]any{"type": "string", "enum": []string{"mencari", "bekerja", "lainnya"},
		"description": "mencari: still seeking work; bekerja: working (employer required; marks the seeker placed); lainnya: other"}
	schemas["AK1Report"] = obj(map[string]any{
		"period": map[string]any{"type": "integer", "description": "k: due on the card's issue date + 6k months"},
		"status": status, "employer": str("where the seeker works"), "note": str(""),
		"reported_at": map[string]any{"type": "string", "format": "date-time"},
	}, sent(AK1ReportJSON{})...)
	schemas["AK1ReportState"] = obj(map[string]any{
		"period": integer(), "due": map[string]any{"type": "string", "format": "date", "description": "the report date of period (WIB)"},
		"open": map[string]any{"type": "boolean", "description": "the report for period can be made now (from 30 days before due to 30 days after)"},
		"last": orNull(schemaRef("AK1Report"), "the latest report; null before the first"),
	}, sent(AK1ReportStateJSON{})...)
	schemas["AK1ReportInput"] = obj(map[string]any{"status": status, "employer": str("required with bekerja, at most 200 characters"),
		"note": str("at most 500 characters")}, "status")
}

// ak1ReportPaths adds the paths of the AK/1 six-monthly report.
func ak1ReportPaths(paths map[string]any) {
	paths["/api/v1/me/ak1/report"] = map[string]any{
		"get": op("getAK1ReportState", secSession, "My AK/1 card's six-monthly report: the period now or next due, its date, whether it can be made now, the last report (job seekers; 409 without a valid card)",
			merge(map[string]any{"200": ok("The schedule", schemaRef("AK1ReportState"))}, errors4xx("401", "403", "404", "409")), nil),
		"post": op("reportAK1", secSession, "Make the six-monthly AK/1 report for the open period (once per period; 409 when not open or already made)",
			merge(map[string]any{"201": ok("The report", schemaRef("AK1Report"))}, errors4xx("400", "401", "403", "404", "409", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("AK1ReportInput"))}),
	}
}

// profileSchemas adds the schemas of the seeker's profile and the
// skill and occupation searches.
func profileSchemas(schemas map[string]any) {
	props := map[string]any{
		"full_name": str("as on the KTP"), "domicile": str("regency/city code, e.g. 3604"), "education": str("education level code (sd … s3)"),
		"occupation": str("KBJI unit group sought (4 digits), or empty for any"), "skills": arr(str("skill code (GET /api/v1/skills)")),
		"contracts":  arr(map[string]any{"type": "string", "enum": []string{"pkwt", "pkwtt", "harian", "magang"}}),
		"experience": str("free text, at most 4000 characters"), "certificates": str("free text, at most 2000 characters"),
		"expected_wage": map[string]any{"type": "integer", "description": "rupiah per month, 0 = not said"},
		"discoverable":  map[string]any{"type": "boolean", "description": "verified employers may find and invite me (without the NIK)"},
	}
	for k, v := range backgroundProps() {
		props[k] = v
	}
	schemas["Profile"] = obj(props, sent(ProfileJSON{})...)
	in := map[string]any{"nik": str("16-digit NIK, required the first time (registration), ignored after")}
	for k, v := range props {
		in[k] = v
	}
	schemas["ProfileInput"] = obj(in, "full_name", "domicile", "education")
	schemas["SkillHit"] = obj(map[string]any{"code": str(""), "name": str("Indonesian"), "name_en": str("English"),
		"group": str("KBJI major group (1 digit) the skill is shown under; empty when none")}, sent(SkillJSON{})...)
	schemas["OccupationHit"] = obj(map[string]any{"code": str("KBJI unit group"), "title": str(""), "title_en": str("")}, sent(OccupationJSON{})...)
}

// profilePaths adds the paths of the seeker's profile and the searches.
func profilePaths(paths map[string]any) {
	q := map[string]any{"name": "q", "in": "query", "required": true, "schema": str(""),
		"description": "words typed; every word must start a word of the name (Indonesian or English)"}
	paths["/api/v1/me/profile"] = map[string]any{
		"get": op("getMyProfile", secSession, "My job-seeker profile (404 before registering)",
			merge(map[string]any{"200": ok("The profile", schemaRef("Profile"))}, errors4xx("401", "403", "404")), nil),
		"put": op("putMyProfile", secSession, "Register (with nik) or change my job-seeker profile",
			merge(map[string]any{"200": ok("The profile", schemaRef("Profile"))}, errors4xx("400", "401", "403", "422")),
			map[string]any{"requestBody": jsonBody(schemaRef("ProfileInput"))}),
	}
	paths["/api/v1/skills"] = map[string]any{
		"get": op("findSkills", secPublic, "Skills matching what was typed (at most 40), grouped by KBJI major group",
			merge(map[string]any{"200": ok("The skills", obj(map[string]any{"items": arr(schemaRef("SkillHit"))}, "items"))}, errors4xx("400")),
			map[string]any{"parameters": []any{q}}),
	}
	paths["/api/v1/occupations"] = map[string]any{
		"get": op("findOccupations", secPublic, "KBJI unit groups matching what was typed, or whose code starts with it (at most 25)",
			merge(map[string]any{"200": ok("The occupations", obj(map[string]any{"items": arr(schemaRef("OccupationHit"))}, "items"))}, errors4xx("400")),
			map[string]any{"parameters": []any{q}}),
	}
}
