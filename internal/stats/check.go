package stats

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// CheckJSONStat checks a decoded JSON-stat 2.0 dataset against the parts
// of the format bursa uses: version and class, id and size of one length,
// every dimension with a category index covering 0..size-1 and a label per
// category, value as an array of the size's product (null only where a
// status says why), and status keys inside the value array. The API's
// tests and the dataset tests both run it.
func CheckJSONStat(raw []byte) error {
	var doc struct {
		Version   string                     `json:"version"`
		Class     string                     `json:"class"`
		ID        []string                   `json:"id"`
		Size      []int                      `json:"size"`
		Dimension map[string]json.RawMessage `json:"dimension"`
		Value     []*float64                 `json:"value"`
		Status    map[string]string          `json:"status"`
		Label     string                     `json:"label"`
		Updated   string                     `json:"updated"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("not JSON-stat: %w", err)
	}
	if doc.Version != "2.0" || doc.Class != "dataset" {
		return fmt.Errorf("version %q class %q, want 2.0 dataset", doc.Version, doc.Class)
	}
	if len(doc.ID) == 0 || len(doc.ID) != len(doc.Size) {
		return fmt.Errorf("id %v and size %v differ in length", doc.ID, doc.Size)
	}
	if doc.Label == "" || doc.Updated == "" {
		return fmt.Errorf("label %q updated %q: both are wanted", doc.Label, doc.Updated)
	}
	n := 1
	for i, id := range doc.ID {
		var dim struct {
			Label    string `json:"label"`
			Category struct {
				Index map[string]int    `json:"index"`
				Label map[string]string `json:"label"`
			} `json:"category"`
		}
		b, ok := doc.Dimension[id]
		if !ok {
			return fmt.Errorf("dimension %q missing", id)
		}
		if err := json.Unmarshal(b, &dim); err != nil {
			return fmt.Errorf("dimension %q: %w", id, err)
		}
		if len(dim.Category.Index) != doc.Size[i] {
			return fmt.Errorf("dimension %q: %d categories, size %d", id, len(dim.Category.Index), doc.Size[i])
		}
		seen := make([]bool, doc.Size[i])
		for code, j := range dim.Category.Index {
			if j < 0 || j >= doc.Size[i] || seen[j] {
				return fmt.Errorf("dimension %q: index %d of %q out of range or repeated", id, j, code)
			}
			seen[j] = true
			if dim.Category.Label[code] == "" {
				return fmt.Errorf("dimension %q: category %q has no label", id, code)
			}
		}
		n *= doc.Size[i]
	}
	if len(doc.Dimension) != len(doc.ID) {
		return fmt.Errorf("%d dimensions for %d ids", len(doc.Dimension), len(doc.ID))
	}
	if len(doc.Value) != n {
		return fmt.Errorf("%d values, size product %d", len(doc.Value), n)
	}
	for k := range doc.Status {
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= n {
			return fmt.Errorf("status key %q is not a value index", k)
		}
	}
	for i, v := range doc.Value {
		if v == nil && doc.Status[strconv.Itoa(i)] == "" {
			return fmt.Errorf("value %d is null without a status", i)
		}
	}
	return nil
}
