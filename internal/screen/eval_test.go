package screen

import (
	"os"
	"strings"
	"testing"
)

// Targets on the labelled set: a fee demand must almost never reach the
// public (recall), and no rule may bother honest employers often
// (precision).
const (
	feeRecall    = 0.95
	minPrecision = 0.9
	minRecall    = 0.8 // every other rule
)

// TestLabelledSet scores every rule on testdata/set.jsonl and fails below
// the targets. With -v it prints the table and the texts it gets wrong.
func TestLabelledSet(t *testing.T) {
	set, err := Set()
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 300 {
		t.Fatalf("labelled set has %d texts, want at least 300", len(set))
	}
	scores, misses := Evaluate(set)
	var b strings.Builder
	WriteTable(&b, len(set), scores)
	t.Log("\n" + b.String())
	if testing.Verbose() || os.Getenv("SCREEN_MISSES") != "" {
		for _, m := range misses {
			t.Logf("false %s %s: %s", m.False, m.Code, m.Text)
		}
	}
	for _, s := range scores {
		if s.Support == 0 {
			t.Errorf("%s: no labelled example", s.Code)
		}
		if s.Precision() < minPrecision {
			t.Errorf("%s: precision %.3f < %.2f", s.Code, s.Precision(), minPrecision)
		}
		want := minRecall
		if s.Code == Fee {
			want = feeRecall
		}
		if s.Recall() < want {
			t.Errorf("%s: recall %.3f < %.2f", s.Code, s.Recall(), want)
		}
	}
}

// TestEvaluateCanFail checks the scorer itself: labels that disagree with
// the rules must lower the scores.
func TestEvaluateCanFail(t *testing.T) {
	set := []Example{
		{Text: "Biaya administrasi Rp 500.000 dibayar pelamar.", Codes: nil},
		{Text: "Gaji UMK, BPJS, lembur dibayar.", Codes: []string{Fee}},
	}
	scores, _ := Evaluate(set)
	for _, s := range scores {
		if s.Code == Fee && (s.Precision() != 0 || s.Recall() != 0) {
			t.Fatalf("fee scored %.2f/%.2f on contrary labels", s.Precision(), s.Recall())
		}
	}
}
