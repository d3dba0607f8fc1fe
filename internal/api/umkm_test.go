package api

// The small-business types are checked against their OpenAPI schemas by
// TestOpenAPISchemasMatchJSONTypes, registered here so the shared table
// needs no edit.
func init() {
	for name, v := range map[string]any{"UMKM": UMKMJSON{}, "UMKMFigures": UMKMFiguresJSON{}, "UMKMProgram": UMKMProgramJSON{},
		"UMKMDeclared": DeclaredJSON{}, "UMKMMilestone": MilestoneJSON{}, "UMKMApplication": UMKMApplicationJSON{},
		"YouthProgram": YouthProgramJSON{}, "YouthPage": YouthPageJSON{}, "UMKMDetail": UMKMDetailJSON{}} {
		responseTypes[name] = v
	}
	for name, v := range map[string]any{"UMKMInput": UMKMInput{}, "UMKMDeclarationInput": DeclarationInputJSON{},
		"UMKMMilestoneInput": MilestoneInputJSON{}, "UMKMProgramInput": UMKMProgramInput{}} {
		requestTypes[name] = v
	}
}
