// Package stats is the one place bursa's published figures are made:
// monthly datasets for the province and each regency/city computed from the
// administrative tables, BPS's unemployment rates beside them, the
// small-cell rule every published count goes through, frozen monthly
// releases stamped with the public log's checkpoint, and their open-data
// forms (JSON-stat 2.0, CSV, a DCAT catalog). Pages and files only read
// releases; no page counts on its own.
package stats

import "github.com/bursa-banten/bursa/internal/stats/cells"

// MinCell is the smallest count any published figure shows (see package
// cells for the rule and its proof).
const MinCell = cells.MinCell
