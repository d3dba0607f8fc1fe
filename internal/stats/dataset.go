package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Cell statuses, as JSON-stat's "status" and the CSV's status column.
const (
	StatusWithheld = "c" // confidential: under the small-cell rule, or hiding one
	StatusMissing  = "m" // no source has the figure
)

// Dimension is one axis of a dataset: category ids in order with labels.
type Dimension struct {
	ID     string   `json:"id"`
	Label  string   `json:"label"`
	Codes  []string `json:"codes"`
	Labels []string `json:"labels"`
}

// Dataset is one published table: values over the cartesian product of
// its dimensions, the last varying fastest (JSON-stat's row-major order).
// A withheld or missing cell has value 0 and a status; it is written as
// null, never as 0.
type Dataset struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`    // Indonesian
	TitleEN  string      `json:"title_en"` // English
	Unit     string      `json:"unit"`     // "orang", "lowongan", "persen", "hari", "rasio"
	Decimals int         `json:"decimals"`
	Source   string      `json:"source"`
	Note     string      `json:"note"`
	Dims     []Dimension `json:"dims"`
	Values   []float64   `json:"values"`
	Status   []string    `json:"status"` // "" published
}

// Size is the number of categories of each dimension.
func (d *Dataset) Size() []int {
	s := make([]int, len(d.Dims))
	for i, dim := range d.Dims {
		s[i] = len(dim.Codes)
	}
	return s
}

// init sizes Values and Status for the dimensions.
func (d *Dataset) init() {
	n := 1
	for _, s := range d.Size() {
		n *= s
	}
	d.Values, d.Status = make([]float64, n), make([]string, n)
}

// At is the flat index of one category index per dimension.
func (d *Dataset) At(idx ...int) int {
	i := 0
	for k, dim := range d.Dims {
		i = i*len(dim.Codes) + idx[k]
	}
	return i
}

// Lookup returns the cell at the given category codes, one per dimension.
func (d *Dataset) Lookup(codes ...string) (v float64, status string, ok bool) {
	if len(codes) != len(d.Dims) {
		return 0, "", false
	}
	idx := make([]int, len(codes))
	for k, c := range codes {
		idx[k] = -1
		for j, cc := range d.Dims[k].Codes {
			if cc == c {
				idx[k] = j
			}
		}
		if idx[k] < 0 {
			return 0, "", false
		}
	}
	i := d.At(idx...)
	return d.Values[i], d.Status[i], true
}

// JSONStat is the dataset as a JSON-stat 2.0 document (class "dataset").
func (d *Dataset) JSONStat(href string, updated time.Time, rel *Release) map[string]any {
	ids := make([]string, len(d.Dims))
	dims := map[string]any{}
	for k, dim := range d.Dims {
		ids[k] = dim.ID
		index := make(map[string]int, len(dim.Codes))
		label := make(map[string]string, len(dim.Codes))
		for j, c := range dim.Codes {
			index[c] = j
			label[c] = dim.Labels[j]
		}
		cat := map[string]any{"index": index, "label": label}
		if k == len(d.Dims)-1 {
			units := map[string]any{}
			for _, c := range dim.Codes {
				units[c] = map[string]any{"label": d.Unit, "decimals": d.Decimals}
			}
			cat["unit"] = units
		}
		dims[dim.ID] = map[string]any{"label": dim.Label, "category": cat}
	}
	values := make([]any, len(d.Values))
	status := map[string]string{}
	for i, v := range d.Values {
		if d.Status[i] != "" {
			status[strconv.Itoa(i)] = d.Status[i]
			continue
		}
		values[i] = v
	}
	ext := map[string]any{"title_en": d.TitleEN, "unit": d.Unit,
		"status": map[string]string{StatusWithheld: "withheld (small-cell rule: fewer than 5, or a cell that would reveal one)", StatusMissing: "missing (no source has the figure)"}}
	if rel != nil {
		ext["release"] = map[string]any{"month": rel.Month, "revision": rel.Revision, "ledger_size": rel.LedgerSize, "ledger_root": rel.LedgerRoot, "computed_at": rel.ComputedAt.UTC().Format(time.RFC3339)}
	}
	doc := map[string]any{
		"version": "2.0", "class": "dataset", "href": href, "label": d.Title,
		"source": d.Source, "updated": updated.UTC().Format(time.RFC3339),
		"id": ids, "size": d.Size(), "dimension": dims, "value": values,
		"note": []string{d.Note}, "extension": ext,
	}
	if len(status) > 0 {
		doc["status"] = status
	}
	return doc
}

// WriteCSV writes the dataset in long form: one row per cell, a column per
// dimension (code and label), then value and status. A withheld or missing
// value is empty.
func (d *Dataset) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	var head []string
	for _, dim := range d.Dims {
		head = append(head, dim.ID, dim.ID+"_label")
	}
	if err := cw.Write(append(head, "value", "unit", "status")); err != nil {
		return err
	}
	idx := make([]int, len(d.Dims))
	for i := range d.Values {
		// idx is the category index of cell i in each dimension.
		rem := i
		for k := len(d.Dims) - 1; k >= 0; k-- {
			n := len(d.Dims[k].Codes)
			idx[k] = rem % n
			rem /= n
		}
		var rec []string
		for k, dim := range d.Dims {
			rec = append(rec, dim.Codes[idx[k]], dim.Labels[idx[k]])
		}
		v := ""
		if d.Status[i] == "" {
			v = strconv.FormatFloat(d.Values[i], 'f', d.Decimals, 64)
		}
		if err := cw.Write(append(rec, v, d.Unit, d.Status[i])); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats csv %s: %w", d.ID, err)
	}
	return nil
}

func formatInt(i int64) string { return strconv.FormatInt(i, 10) }
