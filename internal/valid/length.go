package valid

import (
	"strings"
	"unicode/utf8"
)

// Text trims s and checks its length in characters: empty is "required"
// when min > 0, shorter than min "text_short", longer than max "too_long".
// It returns the trimmed text, to be stored.
func (e *Errors) Text(field, s string, min, max int) string {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0 && min > 0:
		e.Add(field, "required")
	case n < min:
		e.Add(field, "text_short", "min", min)
	case n > max:
		e.Add(field, "too_long", "max", max)
	}
	return s
}

// Line is Text for a one-line value such as a name: runs of spaces
// (a pasted tab, a double space) become one.
func (e *Errors) Line(field, s string, min, max int) string {
	return e.Text(field, strings.Join(strings.Fields(s), " "), min, max)
}

// Address trims a postal address and checks it is 10 to 300 characters:
// a shorter one cannot say where the place is ("address_short").
func (e *Errors) Address(field, s string) string {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n < 10:
		e.Add(field, "address_short")
	case n > 300:
		e.Add(field, "too_long", "max", 300)
	}
	return s
}
