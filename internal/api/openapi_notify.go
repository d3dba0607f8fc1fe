package api

// notifySchemas adds the schemas for the inbox and notification settings.
func notifySchemas(schemas map[string]any) {}

// notifyPaths adds the paths for the inbox and notification settings.
func notifyPaths(paths map[string]any, list func(string) map[string]any) {}
