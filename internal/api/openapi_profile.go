package api

import "github.com/bursa-banten/bursa/internal/ref"

// backgroundSchemas adds the schemas of the profile's background (address,
// work history, licences, languages) and of the address search.
func backgroundSchemas(schemas map[string]any) {
	var lic, lang []string
	for _, l := range ref.Licences() {
		lic = append(lic, l.Code)
	}
	for _, l := range ref.Languages() {
		lang = append(lang, l.Code)
	}
	schemas["Address"] = obj(map[string]any{
		"kecamatan": str("Kemendagri code of a kecamatan of the domicile regency (6 digits, e.g. 360305); empty = no address"),
		"village":   str("Kemendagri code of a kelurahan/desa of that kecamatan (10 digits), or empty"),
		"street":    str("street, house number, RT/RW; seen only by the seeker and officers (at most 200 characters)"),
	}, sent(AddressJSON{})...)
	schemas["Experience"] = obj(map[string]any{
		"employer": str("company or workplace (required, at most 120)"), "title": str("job title (required, at most 120)"),
		"occupation": str("KBJI unit group (4 digits), optional"),
		"from":       str("first month, YYYY-MM, not in the future"), "to": str("last month, YYYY-MM, not before from; empty when current"),
		"current":     boolean(),
		"description": str("short description, at most 500 characters"),
	}, sent(ExperienceJSON{})...)
	schemas["Licence"] = obj(map[string]any{
		"class":      enum(lic...),
		"expires_on": str("YYYY-MM-DD, optional, not in the past"),
	}, sent(LicenceJSON{})...)
	schemas["Language"] = obj(map[string]any{
		"code":  enum(lang...),
		"level": enum(ref.LanguageLevels...),
	}, sent(LanguageJSON{})...)
	// The company's view of an applicant carries the background too.
	ap := schemas["Applicant"].(map[string]any)
	props := ap["properties"].(map[string]any)
	props["kecamatan"] = str("the applicant's kecamatan (6 digits), only while they share a phone or email for this application; otherwise empty")
	for _, k := range []string{"experiences", "licences", "languages"} {
		props[k] = backgroundProps()[k]
	}
	ap["required"] = sent(ApplicantJSON{})
	schemas["AreaHit"] = obj(map[string]any{
		"code":      str("the village's code, or the kecamatan's when the hit is a whole kecamatan"),
		"kecamatan": str(""), "kecamatan_name": str(""), "village": str("empty for a whole kecamatan"), "village_name": str(""),
	}, sent(AreaJSON{})...)
}

// backgroundProps are the background's members of Profile and ProfileInput.
func backgroundProps() map[string]any {
	return map[string]any{
		"address":     schemaRef("Address"),
		"experiences": arr(schemaRef("Experience")),
		"licences":    arr(schemaRef("Licence")),
		"languages":   arr(schemaRef("Language")),
	}
}

// backgroundPaths adds the address search.
func backgroundPaths(paths map[string]any) {
	paths["/api/v1/areas"] = map[string]any{
		"get": op("findAreas", secPublic, "Kecamatan and villages matching what was typed (at most 40): a matching kecamatan comes with its villages",
			merge(map[string]any{"200": ok("The areas", obj(map[string]any{"items": arr(schemaRef("AreaHit"))}, "items"))}, errors4xx("400", "422")),
			map[string]any{"parameters": []any{
				map[string]any{"name": "q", "in": "query", "required": true, "schema": str(""), "description": "words typed"},
				map[string]any{"name": "regency", "in": "query", "required": false, "schema": str(""),
					"description": "regency/city code (4 digits) to search in; all of Banten when absent"},
			}}),
	}
}
