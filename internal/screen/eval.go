package screen

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// labelled is the hand-written labelled set: one vacancy text per line with
// the rule codes a careful reader finds in it.
//
//go:embed testdata/set.jsonl
var labelled []byte

// Example is one labelled text.
type Example struct {
	Text  string   `json:"text"`
	Codes []string `json:"codes"`
}

// Set returns the labelled set.
func Set() ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(bytes.NewReader(labelled))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e Example
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("labelled set line %d: %w", n, err)
		}
		for _, c := range e.Codes {
			if _, ok := RuleOf(c); !ok {
				return nil, fmt.Errorf("labelled set line %d: unknown code %q", n, c)
			}
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// Score is one rule's result on the set.
type Score struct {
	Code                string
	TP, FP, FN, Support int
}

// Precision is TP / (TP + FP); 1 when the rule never fired.
func (s Score) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

// Recall is TP / (TP + FN); 1 when the set holds no example.
func (s Score) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FN)
}

// Miss is one disagreement between the rules and a label.
type Miss struct {
	Code  string
	Text  string
	False string // "positive" or "negative"
}

// Evaluate runs the rules over set, per text, and scores each rule.
func Evaluate(set []Example) ([]Score, []Miss) {
	scores := map[string]*Score{}
	for _, r := range Rules {
		scores[r.Code] = &Score{Code: r.Code}
	}
	var misses []Miss
	for _, e := range set {
		want := map[string]bool{}
		for _, c := range e.Codes {
			want[c] = true
		}
		got := map[string]bool{}
		for _, c := range Codes(e.Text) {
			got[c] = true
		}
		for _, r := range Rules {
			s := scores[r.Code]
			if want[r.Code] {
				s.Support++
			}
			switch {
			case want[r.Code] && got[r.Code]:
				s.TP++
			case got[r.Code]:
				s.FP++
				misses = append(misses, Miss{r.Code, e.Text, "positive"})
			case want[r.Code]:
				s.FN++
				misses = append(misses, Miss{r.Code, e.Text, "negative"})
			}
		}
	}
	out := make([]Score, 0, len(Rules))
	for _, r := range Rules {
		out = append(out, *scores[r.Code])
	}
	return out, misses
}

// WriteTable prints scores as a table.
func WriteTable(w io.Writer, n int, scores []Score) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "rule\ttexts with it\tTP\tFP\tFN\tprecision\trecall\t\n")
	for _, s := range scores {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t\n", s.Code, s.Support, s.TP, s.FP, s.FN, s.Precision(), s.Recall())
	}
	fmt.Fprintf(tw, "(%d labelled texts)\t\t\t\t\t\t\t\n", n)
	return tw.Flush()
}
