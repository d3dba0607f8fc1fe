package db

import (
	"testing"
	"time"
)

func TestAggTimeScan(t *testing.T) {
	want := time.Date(2026, 11, 24, 3, 4, 5, 0, time.UTC)
	for _, v := range []any{want, "2026-11-24 03:04:05+00:00", "2026-11-24 10:04:05+07:00", []byte("2026-11-24T03:04:05Z"), "2026-11-24 03:04:05"} {
		var a AggTime
		if err := a.Scan(v); err != nil || !a.Valid || !a.Time.Equal(want) {
			t.Errorf("Scan(%v) = %v %v", v, a, err)
		}
	}
	var a AggTime
	if err := a.Scan(nil); err != nil || a.Valid {
		t.Errorf("Scan(nil) = %v %v", a, err)
	}
	if err := a.Scan("kemarin"); err == nil {
		t.Error("Scan of text that is no time: no error")
	}
	if err := a.Scan(42); err == nil {
		t.Error("Scan of a number: no error")
	}
}
