package api

// accountSchemas adds the schemas for accounts, contact verification and password recovery.
func accountSchemas(schemas map[string]any) {
	schemas["Contact"] = obj(map[string]any{
		"kind":        map[string]any{"type": "string", "enum": []string{"email", "phone"}},
		"address":     str("email, or phone in E.164 (+62…); empty when none"),
		"verified":    boolean(),
		"verified_at": orNull(timeStr(), "when the code was typed"),
		"pending":     map[string]any{"type": "boolean", "description": "a code was sent and can still be typed"},
		"channel":     str("where the pending or last code went: email, whatsapp or sms"),
	}, sent(ContactJSON{})...)
	schemas["Contacts"] = obj(map[string]any{"email": schemaRef("Contact"), "phone": schemaRef("Contact")}, sent(ContactsJSON{})...)
}

// accountPaths adds the paths for accounts, contact verification and password recovery.
func accountPaths(paths map[string]any, list func(string) map[string]any) {
	none := func(desc string) map[string]any { return map[string]any{"description": desc} }
	paths["/api/v1/accounts"] = map[string]any{"post": op("createAccount", secPublic, "Create a job seeker's or an employer's account (the rules of /daftar); sets the session cookie",
		merge(map[string]any{"201": ok("The new user, logged in", schemaRef("User"))}, errors4xx("400", "422")),
		map[string]any{"requestBody": jsonBody(obj(map[string]any{
			"login":    str("Indonesian mobile number (08…, +62…) or email"),
			"name":     str("up to 120 characters"),
			"password": str("8–128 characters, not easily guessed, not built from the name, email or phone"),
			"role":     map[string]any{"type": "string", "enum": []string{"pencari", "perusahaan"}, "description": "default pencari"},
			"lang":     map[string]any{"type": "string", "enum": []string{"id", "en"}, "description": "default: Accept-Language"},
		}, "login", "name", "password"))})}
	paths["/api/v1/password-reset"] = map[string]any{"post": op("requestPasswordReset", secPublic, "Ask for a password reset code",
		merge(map[string]any{"202": none("Accepted: the same answer whether or not the login exists")}, errors4xx("400", "422")),
		map[string]any{"requestBody": jsonBody(obj(map[string]any{"login": str("mobile number or email")}, "login")),
			"description": "A 6-digit code, valid 30 minutes, goes to every verified contact of the account: by email with a link to /lupa-sandi/atur, and by WhatsApp or SMS. Unverified addresses never get it. Asking too often (3 per 15 minutes or 10 a day per login, or from one address) sends nothing, and the answer stays 202. A login that cannot be a phone number or email gets the same 202 (no account has it); only an empty login is 422."})}
	paths["/api/v1/password-reset/confirm"] = map[string]any{"post": op("confirmPasswordReset", secPublic, "Set a new password with a reset code",
		merge(map[string]any{"204": none("The password is changed; every session of the account has ended")}, errors4xx("400", "422")),
		map[string]any{"requestBody": jsonBody(obj(map[string]any{"login": str("mobile number or email"),
			"code": str("the 6 digits sent, or given by a petugas at the office"), "password": str("the new password (the rules of registration)")},
			"login", "code", "password")),
			"description": "A wrong, expired, used or spent code is 422 on field code (code_invalid), also for a login that does not exist. Each wrong code spends one of 5 tries. A refused password (422 on password) spends none."})}
	paths["/api/v1/me/contacts"] = map[string]any{"get": op("getMyContacts", secSession, "My email and phone and whether each is verified",
		merge(map[string]any{"200": ok("Contacts", schemaRef("Contacts"))}, errors4xx("401")), nil)}
	paths["/api/v1/me/contacts/verify"] = map[string]any{"post": op("verifyMyContact", secSession, "Set my email or phone and send a 6-digit code to it",
		merge(map[string]any{"202": none("The code is on its way (valid 10 minutes)")}, errors4xx("400", "401", "422", "429")),
		map[string]any{"requestBody": jsonBody(obj(map[string]any{
			"kind":    map[string]any{"type": "string", "enum": []string{"email", "phone"}},
			"address": str("email, or an Indonesian mobile number"),
			"channel": map[string]any{"type": "string", "enum": []string{"whatsapp", "sms"}, "description": "phone only; default whatsapp"},
		}, "kind", "address")),
			"description": "A different address than the one on the account replaces it, unverified until its code is typed. Throttled per contact (3 per 15 minutes, 10 a day) and per client address: 429 with Retry-After."})}
	paths["/api/v1/me/contacts/confirm"] = map[string]any{"post": op("confirmMyContact", secSession, "Type the code to verify my email or phone",
		merge(map[string]any{"200": ok("The verified contact", schemaRef("Contact"))}, errors4xx("400", "401", "422")),
		map[string]any{"requestBody": jsonBody(obj(map[string]any{
			"kind":    map[string]any{"type": "string", "enum": []string{"email", "phone"}},
			"code":    str("the 6 digits"),
			"consent": map[string]any{"type": "boolean", "description": "consent to receive notices on the channel the code went by, recorded with its time; default true"},
		}, "kind", "code")),
			"description": "A wrong code is 422 on code (code_wrong) and spends one of 5 tries; an expired or spent one is code_expired. An address another account has verified is 422 on address (contact_taken)."})}
}
