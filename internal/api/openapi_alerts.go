package api

// alertSchemas adds the schemas for saved searches and job alerts.
func alertSchemas(schemas map[string]any) {}

// alertPaths adds the paths for saved searches and job alerts.
func alertPaths(paths map[string]any, list func(string) map[string]any) {}
