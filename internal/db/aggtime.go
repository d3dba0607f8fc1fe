package db

import (
	"fmt"
	"time"
)

// AggTime scans a time returned by an aggregate such as MIN or MAX.
// PostgreSQL keeps the column's type, but SQLite gives back the stored text,
// because the result of an aggregate has no declared type the driver could
// convert it by.
type AggTime struct {
	Time  time.Time
	Valid bool // false for NULL (no rows were aggregated)
}

// sqliteLayouts are the text forms times take in bursa's SQLite files: the
// driver's _time_format=sqlite and, for hand-written rows, the plain forms.
var sqliteLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05", time.DateOnly}

// Scan implements sql.Scanner.
func (t *AggTime) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		*t = AggTime{}
		return nil
	case time.Time:
		*t = AggTime{Time: x, Valid: true}
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("scan %T as a time", v)
	}
	for _, layout := range sqliteLayouts {
		if p, err := time.Parse(layout, s); err == nil {
			*t = AggTime{Time: p, Valid: true}
			return nil
		}
	}
	return fmt.Errorf("scan %q as a time", s)
}
