// Package wib handles Western Indonesia Time (UTC+7), in which Banten lives:
// times are stored in UTC and shown in WIB, and civil dates (a vacancy's
// closing day, a card's validity) are WIB calendar days.
package wib

import "time"

// Zone is WIB. Indonesia has no daylight saving time, so a fixed zone is exact
// and needs no tzdata on the machine.
var Zone = time.FixedZone("WIB", 7*3600)

// Date returns t's calendar day in WIB as midnight UTC, the form dates are
// stored and compared in.
func Date(t time.Time) time.Time {
	y, m, d := t.In(Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a YYYY-MM-DD civil date.
func ParseDate(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }
