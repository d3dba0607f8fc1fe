package ref

import "time"

// Holiday is a national holiday or a joint leave day (cuti bersama).
type Holiday struct {
	Date       string // YYYY-MM-DD
	Name       string
	JointLeave bool
	Source     string
}

// Holidays lists the holidays and joint leave days, sorted by date.
func Holidays() []Holiday { return load().holidays }

var wib = time.FixedZone("WIB", 7*3600)

// IsHoliday reports whether t's calendar day in WIB is a holiday or joint leave day.
func IsHoliday(t time.Time) bool {
	return load().holidaySet[t.In(wib).Format(time.DateOnly)]
}

// IsWorkingDay reports whether t's WIB calendar day is a working day: not a
// Saturday, Sunday, holiday or joint leave day.
func IsWorkingDay(t time.Time) bool {
	switch t.In(wib).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !IsHoliday(t)
}

// AddWorkingDays returns the day n working days after from (legal deadlines
// count working days). n = 0 returns from.
func AddWorkingDays(from time.Time, n int) time.Time {
	t := from
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if IsWorkingDay(t) {
			n--
		}
	}
	return t
}
