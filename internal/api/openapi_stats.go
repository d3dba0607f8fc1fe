package api

// statsSchemas adds the schemas of the open statistics.
func statsSchemas(schemas map[string]any) {
	schemas["StatsRelease"] = obj(map[string]any{
		"id": integer(), "month": str("the last month covered, YYYY-MM (24 months end with it)"),
		"revision":     map[string]any{"type": "integer", "description": "1, then one more for each recomputation that changed a figure"},
		"provisional":  map[string]any{"type": "boolean", "description": "computed before the month was over: its last month's cells have status p"},
		"computed_at":  str("UTC, RFC 3339"),
		"ledger_size":  map[string]any{"type": "integer", "description": "size of the public log's signed checkpoint the figures were computed at"},
		"ledger_root":  str("root hash of that checkpoint, base64 as in the checkpoint note"),
		"content_hash": str("sha256 of the release's datasets, hex"),
		"changes":      arr(str("ids of the datasets that differ from the previous revision")),
	}, sent(StatsReleaseJSON{})...)
	schemas["StatsDataset"] = obj(map[string]any{
		"id": str("stable dataset id, e.g. tpt"), "title": str("Indonesian title"), "title_en": str("English title"),
		"url":     str("the dataset as JSON-stat 2.0: its path on this site"),
		"href":    str("the same, as an absolute URL"),
		"csv_url": str("the dataset as CSV: its path on this site"), "unit": str("orang, lowongan, pengaduan, persen, hari, rasio"), "source": str(""),
	}, sent(StatsDatasetJSON{})...)
	schemas["JSONStatDataset"] = obj(map[string]any{
		"version": str("2.0"), "class": str("dataset"), "href": str(""), "label": str(""), "source": str(""), "updated": str("RFC 3339"),
		"id":        arr(str("dimension ids in order: wilayah, bulan, kategori (tpt: wilayah, tahun)")),
		"size":      arr(integer()),
		"dimension": map[string]any{"type": "object", "description": "each dimension's label and category index/label (the last also unit)"},
		"value":     map[string]any{"type": "array", "items": map[string]any{"type": []string{"number", "null"}}, "description": "row-major, the last dimension fastest; null where status says why"},
		"status":    map[string]any{"type": "object", "additionalProperties": str(""), "description": "value index → c (withheld under the small-cell rule), m (missing in the source), p (provisional)"},
		"note":      arr(str("")), "extension": map[string]any{"type": "object", "description": "title_en, unit, status meanings, the release (month, revision, ledger checkpoint)"},
	}, "version", "class", "id", "size", "dimension", "value")
}

// statsPaths adds the paths of the open statistics (public, no login).
func statsPaths(paths map[string]any, list func(string) map[string]any) {
	relParam := qparam("release", "a frozen release's id (see /api/v1/stats/releases); the newest when absent", integer())
	paths["/api/v1/stats"] = map[string]any{
		"get": op("listStatsDatasets", secPublic, "The catalog of published datasets of the newest (or the given) release",
			merge(map[string]any{"200": ok("Datasets", obj(map[string]any{"datasets": arr(schemaRef("StatsDataset")), "release": schemaRef("StatsRelease")}, "datasets", "release"))},
				errors4xx("404", "422")),
			map[string]any{"parameters": []any{relParam}}),
	}
	paths["/api/v1/stats/releases"] = map[string]any{
		"get": op("listStatsReleases", secPublic, "Every frozen release, newest first, and the release calendar (a month's final release is due on the 5th of the next month)",
			map[string]any{"200": ok("Releases", obj(map[string]any{"items": arr(schemaRef("StatsRelease")),
				"calendar": arr(obj(map[string]any{"month": str("YYYY-MM"), "due": str("YYYY-MM-DD, WIB"), "published": map[string]any{"type": "boolean"}}))}, "items", "calendar"))}, nil),
	}
	paths["/api/v1/stats/{id}"] = map[string]any{
		"get": op("getStatsDataset", secPublic, "One dataset as JSON-stat 2.0, or as CSV with ?format=csv or Accept: text/csv (one row per cell: codes, labels, value, unit, status)",
			merge(map[string]any{"200": map[string]any{"description": "The dataset", "content": map[string]any{
				"application/json": map[string]any{"schema": schemaRef("JSONStatDataset")},
				"text/csv":         map[string]any{"schema": str("CSV, UTF-8, header row")}}}}, errors4xx("404", "422")),
			map[string]any{"parameters": []any{
				map[string]any{"name": "id", "in": "path", "required": true, "schema": str("dataset id from the catalog")},
				qparam("format", "json (default) or csv", map[string]any{"type": "string", "enum": []string{"json", "csv"}}),
				relParam}}),
	}
}
