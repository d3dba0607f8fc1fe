package api

// monitorSchemas adds the schemas of the log monitor's findings.
func monitorSchemas(schemas map[string]any) {
	dt := func(desc string) map[string]any {
		return map[string]any{"type": "string", "format": "date-time", "description": desc}
	}
	schemas["LedgerFindings"] = obj(map[string]any{
		"monitor": obj(map[string]any{
			"checked":    map[string]any{"type": "boolean", "description": "the monitor has run at least once"},
			"size":       integer(),
			"checked_at": dt("when it last read the log"),
		}, "checked", "size", "checked_at"),
		"rules": arr(obj(map[string]any{"name": str("the rule's name, as findings and `bursa monitor` name it"),
			"text": str("what it checks")}, "name", "text")),
		"findings": arr(obj(map[string]any{
			"id": integer(), "rule": str("the broken rule"),
			"records":  arr(integer()),
			"detail":   str("what is wrong, in English"),
			"found_at": dt("when the monitor found it"),
		}, "id", "rule", "records", "detail", "found_at")),
		"witnesses": arr(obj(map[string]any{
			"name":  str("the witness's key name"),
			"size":  map[string]any{"type": "integer", "description": "records in the tree it last cosigned; 0: never"},
			"at":    dt("the time in its latest cosignature"),
			"stale": map[string]any{"type": "boolean", "description": "never cosigned, or longer ago than witness_stale_after_hours"},
		}, "name", "size", "at", "stale")),
		"witness_stale_after_hours": integer(),
	}, sent(LedgerFindingsJSON{})...)
}

// monitorPaths adds the log monitor's path.
func monitorPaths(paths map[string]any) {
	paths["/api/v1/ledger/findings"] = map[string]any{
		"get": op("getLedgerFindings", secPublic, "What the log's own monitor found (broken completeness rules with their record numbers), the rules it checks, and the witnesses with their latest cosignature",
			map[string]any{"200": ok("Findings", schemaRef("LedgerFindings"))}, nil),
	}
}
